"""Units over time: the history rules of provinces.yaml, units in force on a day,
names on a day, and status cells by the unit in force on their due date."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cv651.cli import app
from cv651.coverage import State, compute_coverage
from cv651.errors import UsageError
from cv651.loader import load_repository
from cv651.models import Document, Submission
from cv651.names import resolve_province

from .conftest import DEMO, PROJECT, MakeRepo

BASE = load_repository(PROJECT).repository
assert BASE is not None
UNITS = BASE.units
runner = CliRunner()
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}

HEAD = "regions: {dnb: Đông Nam Bộ, dbscl: Đồng bằng sông Cửu Long}\nprovinces:\n"


def diagnostics(make_repo: MakeRepo, body: str) -> list[tuple[int, int, str]]:
    root = make_repo({"data/provinces.yaml": HEAD + body})
    loaded = load_repository(root)
    return [(d.line, d.col, d.code) for d in loaded.errors if d.path == "data/provinces.yaml"]


def test_the_contract_example_loads(make_repo: MakeRepo):
    body = """\
  - {code: "80", name: Long An, kind: province, region: dbscl, until: 2025-06-30}
  - {code: "72", name: Tây Ninh, kind: province, region: dnb, until: 2025-06-30, merged_into: "80"}
  - {code: "80", name: Tây Ninh, kind: province, region: dbscl, since: 2025-07-01, formed_from: ["80", "72"]}
"""
    assert diagnostics(make_repo, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # two entries of one code on the same days
            '  - {code: "80", name: Long An, kind: province, region: dbscl}\n'
            '  - {code: "80", name: Tây Ninh, kind: province, region: dbscl, since: 2025-07-01}\n',
            (4, 72, "overlapping-span"),
        ),
        (  # formed from a code whose entry does not end the day before
            '  - {code: "80", name: Long An, kind: province, region: dbscl, until: 2025-06-29}\n'
            '  - {code: "80", name: Tây Ninh, kind: province, region: dbscl, since: 2025-07-01,'
            ' formed_from: ["80"]}\n',
            (4, 98, "formed-from-no-predecessor"),
        ),
        (  # merged_into a successor that does not list it
            '  - {code: "72", name: Tây Ninh, kind: province, region: dnb, until: 2025-06-30,'
            ' merged_into: "80"}\n'
            '  - {code: "80", name: Long An, kind: province, region: dbscl, until: 2025-06-30}\n'
            '  - {code: "80", name: Tây Ninh, kind: province, region: dbscl, since: 2025-07-01,'
            ' formed_from: ["80"]}\n',
            (3, 95, "merged-into-mismatch"),
        ),
        (
            '  - {code: "80", name: Long An, kind: province, region: dbscl,'
            " since: 2025-07-01, until: 2025-06-30}\n",
            (3, 90, "bad-span"),
        ),
        (  # a name held by two codes at once
            '  - {code: "80", name: Long An, kind: province, region: dbscl}\n'
            '  - {code: "72", name: Long An, kind: province, region: dnb}\n',
            (4, 24, "ambiguous-name"),
        ),
    ],
)
def test_history_rules_point_at_the_line(make_repo: MakeRepo, body: str, expected):
    assert expected in diagnostics(make_repo, body)


def test_one_name_for_two_codes_at_different_times_is_fine(make_repo: MakeRepo):
    body = (
        '  - {code: "72", name: Tây Ninh, kind: province, region: dnb, until: 2025-06-30}\n'
        '  - {code: "80", name: Tây Ninh, kind: province, region: dbscl, since: 2025-07-01}\n'
    )
    assert diagnostics(make_repo, body) == []


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
def test_each_code_has_one_unit_in_force_or_none(day: date):
    for code in UNITS.codes:
        holders = [u for u in UNITS.history(code) if u.in_force(day)]
        assert len(holders) <= 1
        assert UNITS.on(code, day) == (holders[0] if holders else None)
    assert len(UNITS.in_force(day)) in (63, 34)


@settings(max_examples=40, deadline=None)
@given(
    st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31)),
    st.sampled_from(["80", "72", "46", "02", "08", "79"]),
)
def test_a_cell_is_computed_from_the_unit_in_force_on_its_due_date(due: date, code: str):
    plan = BASE.plan
    tasks = tuple(t.model_copy(update={"due": due, "periods": ()}) for t in plan.tasks[:1])
    repository = BASE.model_copy(update={"plan": plan.model_copy(update={"tasks": tasks})})
    (row,) = compute_coverage(repository, due + timedelta(days=30), codes=[code]).rows
    unit = UNITS.on(code, due)
    if unit is None:
        assert row.state is State.NOT_APPLICABLE and row.reason
    else:
        assert row.province == unit and row.state is not State.NOT_APPLICABLE


def test_a_plan_of_late_2025_has_34_rows_and_a_merged_code_says_why():
    plan = BASE.plan
    tasks = tuple(
        t.model_copy(update={"due": date(2025, 11, 30), "periods": ()}) for t in plan.tasks[:1]
    )
    repository = BASE.model_copy(update={"plan": plan.model_copy(update={"tasks": tasks})})
    coverage = compute_coverage(repository, date(2025, 12, 31))
    assert len(coverage.provinces) == 34
    assert [p.name for p in coverage.provinces if p.code == "80"] == ["Tây Ninh"]
    (cell,) = compute_coverage(repository, date(2025, 12, 31), codes=["72"]).rows
    assert cell.state is State.NOT_APPLICABLE and cell.reason is not None
    assert cell.reason.said() == "merged into Tây Ninh (code 80) on 01/7/2025"


def test_documents_count_for_the_code_of_their_file_across_the_change():
    report = Document(
        kind="report",
        number="9-BC/BDVTU",
        date=date(2022, 6, 10),
        issuers=("BDVTU",),
        period="2022H1",
        recipients=("TU", "BDVTW", "UBDT"),
    )
    repository = BASE.model_copy(
        update={"submissions": {"80": Submission(province="80", documents=(report,))}}
    )
    rows = compute_coverage(repository, date(2026, 1, 1), codes=["80"]).rows
    h1 = next(r for r in rows if r.column.period == "2022H1")
    assert (h1.state, h1.province.name) == (State.ON_TIME, "Long An")  # 2022 says Long An


@pytest.mark.parametrize(
    ("typed", "day", "code"),
    [
        ("Tây Ninh", date(2022, 6, 1), "72"),
        ("Tây Ninh", date(2026, 1, 1), "80"),
        ("Long An", date(2022, 6, 1), "80"),
        ("Huế", date(2026, 1, 1), "46"),
        ("72", date(2026, 1, 1), "72"),  # a code is a code at any time
    ],
)
def test_names_resolve_among_the_units_in_force(typed, day, code):
    assert resolve_province(UNITS, typed, day).code == code


def test_the_other_era_is_named():
    assert resolve_province(UNITS, "Tây Ninh", date(2026, 1, 1)).note == (
        "Tây Ninh is 80 since 01/7/2025; "
        "Tây Ninh is 72 until 30/6/2025, then merged into Tây Ninh (code 80)"
    )
    with pytest.raises(UsageError) as info:
        resolve_province(UNITS, "Long An", date(2026, 1, 1))
    assert "Long An is 80 until 30/6/2025" in (info.value.hint or "")
    with pytest.raises(UsageError) as info:  # where a name went: the unit to ask for now
        resolve_province(UNITS, "Hà Giang", date(2026, 1, 1))
    assert "Hà Giang is 02 until 30/6/2025, then merged into Tuyên Quang (code 08)" in (
        info.value.hint or ""
    )


def test_show_80_today_is_tay_ninh_and_a_2022_report_says_long_an():
    result = runner.invoke(
        app, ["show", "80", "--repo", str(DEMO), "--as-of", "2026-01-05"], env=ENV
    )
    assert result.exit_code == 0, result.output
    assert "Tây Ninh (80)" in result.stdout
    assert (
        "Over time:\n"
        "  until 30/6/2025: Long An\n"
        "  since 01/7/2025: Tây Ninh, formed from Tây Ninh (code 72) and Long An (code 80)\n"
    ) in result.stdout
    old = runner.invoke(app, ["show", "Tây Ninh", "--repo", str(DEMO), "--as-of", "2022-07-01"])
    assert "Tây Ninh (72)" in old.stdout and "since 01/7/2025" in old.stderr


def test_show_names_the_unit_of_that_day_in_its_own_column_not_as_a_document():
    """Review: 'Long An' under 'Document' read as a mistake; it is the unit that held
    the code then. Narrow, it is a line of its own; a requirement without a due date
    says no empty 'due :'."""
    args = ["show", "80", "--repo", str(DEMO), "--as-of", "2026-01-05"]
    wide = runner.invoke(app, args, env=ENV).stdout.splitlines()
    head = next(line for line in wide if "Requirement" in line)
    assert head.split()[:5] == ["Requirement", "Due", "Unit", "then", "State"]
    row = next(line for line in wide if line.lstrip().startswith("Clause 1 "))
    assert row.split()[-4:] == ["Long", "An", "✘", "overdue"]  # no document: nothing after
    narrow = runner.invoke(app, args, env={**ENV, "COLUMNS": "60"}).stdout
    assert "• Clause 1 — due 31/3/2022: ✘ overdue\n  the unit then: Long An\n" in narrow
    assert "• Clause 2: — not applicable\n" in narrow and "due :" not in narrow
    today = runner.invoke(app, ["show", "80", "--repo", str(DEMO), "--as-of", "2022-07-01"])
    assert "Unit then" not in today.stdout  # the same unit throughout: no such column


def test_status_names_the_other_era_on_stderr():
    result = runner.invoke(
        app,
        ["status", "--repo", str(DEMO), "--as-of", "2026-01-05", "--province", "Tây Ninh"],
        env=ENV,
    )
    assert result.exit_code == 0, result.output
    assert "Tây Ninh is 80 since 01/7/2025; Tây Ninh is 72 until 30/6/2025" in result.stderr
