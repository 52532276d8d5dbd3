"""The state rules, tested directly on models: one test per rule, then properties."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cv651.calendar import next_working_day
from cv651.coverage import State, compute_coverage
from cv651.loader import load_repository
from cv651.models import Document, ExistingProgramme, Repository, Submission

from .conftest import PROJECT

BASE = load_repository(PROJECT).repository
assert BASE is not None
ALL = ("TU", "BDVTW", "UBDT")
PROGRAMME = ExistingProgramme(
    number="05-CTr/BDVTU-BCSĐUBND", date=date(2020, 6, 1), partner="BCSĐ-UBND"
)


def doc(
    kind="report",
    day="2022-06-10",
    received=None,
    period="2022H1",
    recipients=ALL,
    number="1-BC/BDVTU",
):
    return Document(
        kind=kind,
        number=number,
        date=day,
        received=received,
        issuers=("BDVTU",),
        period=period if kind == "report" else None,
        recipients=recipients,
    )


def repo(*documents, programme=None) -> Repository:
    submission = Submission(province="02", existing_programme=programme, documents=documents)
    return BASE.model_copy(update={"submissions": {"02": submission}})


def state_of(repository, as_of="2022-12-31", key="report:2022H1"):
    coverage = compute_coverage(repository, date.fromisoformat(as_of), codes=["02"])
    return next(r for r in coverage.rows if r.column.key == key)


def test_on_time_by_received_date():
    r = state_of(repo(doc(day="2022-06-10", received="2022-06-20")))
    assert (r.state, r.days_late, r.due) == (State.ON_TIME, None, date(2022, 6, 20))


def test_late_counts_calendar_days_past_the_effective_due():
    r = state_of(repo(doc(day="2022-06-25", received="2022-06-28")))
    assert (r.state, r.days_late) == (State.LATE, 8)


def test_incomplete_names_the_missing_recipients():
    r = state_of(repo(doc(recipients=("TU", "BDVTW"))))
    assert r.state is State.INCOMPLETE
    assert (r.missing, r.reason) == (("UBDT",), None)  # keys; matrix.not_sent words them


def test_corrected_report_meets_and_the_incomplete_one_is_ignored():
    first = doc(day="2022-06-10", recipients=("TU",), number="1-BC/BDVTU")
    corrected = doc(day="2022-06-24", number="2-BC/BDVTU")
    r = state_of(repo(first, corrected))
    assert (r.state, r.days_late, r.document.number) == (State.LATE, 4, "2-BC/BDVTU")


def test_earliest_valid_document_decides():
    r = state_of(
        repo(doc(day="2022-07-01", number="2-BC/BDVTU"), doc(day="2022-06-01", number="1-BC/BDVTU"))
    )
    assert (r.state, r.document.number) == (State.ON_TIME, "1-BC/BDVTU")


def test_overdue_and_pending_depend_on_the_as_of_date():
    assert state_of(repo(), as_of="2022-06-20").state is State.PENDING
    assert state_of(repo(), as_of="2022-06-21").state is State.OVERDUE


def test_documents_after_the_as_of_date_are_ignored():
    repository = repo(doc(day="2022-06-10", received="2022-06-15"))
    assert state_of(repository, as_of="2022-06-14").state is State.PENDING
    assert state_of(repository, as_of="2022-06-15").state is State.ON_TIME


def test_a_report_for_another_period_does_not_count():
    assert state_of(repo(doc(period="2022")), as_of="2022-07-01").state is State.OVERDUE


def test_clause_2_needs_an_existing_programme():
    review = doc(kind="programme_review", day="2022-03-20", number="3-CTr/BDVTU")
    assert state_of(repo(review), key="review").state is State.NOT_APPLICABLE
    assert state_of(repo(review, programme=PROGRAMME), key="review").state is State.ON_TIME
    assert state_of(repo(programme=PROGRAMME), key="review").state is State.OVERDUE


def test_not_applicable_has_no_due_date():
    r = state_of(repo(), key="review")
    assert (r.due, r.days_late) == (None, None)


@pytest.mark.parametrize(
    ("due", "effective"),
    [
        ("2022-06-18", "2022-06-20"),  # Saturday -> Monday
        ("2022-04-10", "2022-04-12"),  # Hùng Kings (Sunday), observed Monday 11/04
        ("2022-01-31", "2022-02-07"),  # Tết 31/01-04/02, then the weekend
        ("2022-09-01", "2022-09-05"),  # National Day 01-02/09, then the weekend
        ("2023-01-20", "2023-01-27"),  # Tết 2023 from 20/01 (a lunar holiday)
        ("2022-06-20", "2022-06-20"),  # a working Monday stays
    ],
)
def test_due_dates_move_to_the_next_working_day(due, effective):
    assert next_working_day(date.fromisoformat(due)) == date.fromisoformat(effective)


def test_effective_due_date_is_reported():
    plan = BASE.plan
    tasks = list(plan.tasks)
    tasks[0] = tasks[0].model_copy(update={"due": date(2022, 4, 30)})  # Saturday and a holiday
    repository = BASE.model_copy(update={"plan": plan.model_copy(update={"tasks": tuple(tasks)})})
    r = state_of(repository, key="concretize")
    assert r.due == date(2022, 5, 4) and r.column.due == date(2022, 4, 30)


# --- properties ---------------------------------------------------------------

RANK = {
    State.OVERDUE: 0,
    State.PENDING: 0,
    State.INCOMPLETE: 1,
    State.LATE: 2,
    State.ON_TIME: 3,
    State.NOT_APPLICABLE: 4,
}
days = st.integers(0, 400).map(lambda n: date(2022, 1, 1) + timedelta(days=n))
documents = st.builds(
    lambda kind, day, delay, period, recipients, n: doc(
        kind=kind,
        day=day.isoformat(),
        received=(day + timedelta(days=delay)).isoformat(),
        period=period,
        recipients=tuple(recipients),
        number=f"{n}-BC/BDVTU",
    ),
    st.sampled_from(["report", "local_plan", "programme_review"]),
    days,
    st.integers(0, 30),
    st.sampled_from(["2022H1", "2022"]),
    st.lists(st.sampled_from(ALL), unique=True),
    st.integers(1, 999),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(documents, max_size=5), documents, days, st.booleans())
def test_adding_a_document_never_makes_a_state_worse(existing, extra, as_of, programme):
    before = compute_coverage(repo(*existing, programme=PROGRAMME if programme else None), as_of)
    after = compute_coverage(
        repo(*existing, extra, programme=PROGRAMME if programme else None), as_of
    )
    for b, a in zip(before.of("02"), after.of("02"), strict=True):
        assert RANK[a.state] >= RANK[b.state]
        if b.state is State.LATE and a.state is State.LATE:
            assert a.days_late <= b.days_late


@settings(max_examples=150, deadline=None)
@given(st.lists(documents, max_size=5), days, st.integers(0, 200))
def test_moving_the_as_of_date_forward_never_unmeets_a_requirement(existing, as_of, forward):
    repository = repo(*existing, programme=PROGRAMME)
    before = compute_coverage(repository, as_of)
    after = compute_coverage(repository, as_of + timedelta(days=forward))
    for b, a in zip(before.of("02"), after.of("02"), strict=True):
        if b.state.met:
            assert (a.state, a.days_late, a.document) == (b.state, b.days_late, b.document)
