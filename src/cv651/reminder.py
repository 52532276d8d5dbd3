"""The reminder letter (công văn đôn đốc): what each overdue or incomplete province still owes.

Prepared for templates like the synthesis report (cv651.report): every sentence
part is made here; templates only loop. The letter is addressed to the plan's
`addressees` (provincial bodies) of each unit, under the unit's name on the
letter's day; past a handful of provinces, to all of them collectively, with
the list in an annex.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from cv651 import periods
from cv651.coverage import Requirement, State
from cv651.errors import UsageError
from cv651.i18n import _
from cv651.models import Repository
from cv651.report import (
    Draft,
    addressees,
    attached_to,
    header,
    left_out,
    recipients,
    unsent,
)
from cv651.status import select_coverage
from cv651.vnformat import long_date, short_date
from cv651.wording import and_list, collective, of_unit, unit_name

OWED = (State.OVERDUE, State.INCOMPLETE)
LIST_AT_MOST = 3  # provinces named one by one in Kính gửi; more go to an annex


def build_reminder(
    repository: Repository,
    period: str,
    as_of: date,
    draft: Draft,
    deadline: date | None = None,
    *,
    due_within: int | None = None,
) -> dict[str, Any]:
    """The letter's context; `provinces` is empty when nobody owes anything.

    With `due_within`, requirements still pending that fall due within that many
    days are owed too: the letter asks to send them before their due date.
    """
    if deadline is not None and deadline <= draft.date:
        raise UsageError(
            _("--deadline {deadline} is not after the letter's date {day}").format(
                deadline=deadline.isoformat(), day=draft.date.isoformat()
            ),
            hint=_("give --deadline a later day, e.g. two weeks after --date"),
        )
    coverage = select_coverage(repository, as_of, period=period)  # refuses unknown periods
    plan, directive = repository.plan.plan, repository.plan.directive
    horizon = as_of + timedelta(days=due_within) if due_within is not None else None

    def owes(row: Requirement) -> bool:
        if row.state in OWED:
            return True
        soon = horizon is not None and row.due is not None and row.due <= horizon
        return row.state is State.PENDING and soon

    bodies = addressees(repository)
    owing, named = [], []
    for head, rows in coverage.by_province():
        # Addressed to the unit that holds the code on the letter's day, by its name of
        # that day; a code that ended (merged into another) has nobody left to remind.
        province = repository.units.on(head.code, as_of)
        owed = [_item(r, repository) for r in rows if owes(r)]
        if owed and province is not None:
            owing.append({"code": province.code, "name": unit_name(province), "owed": owed})
            named += [of_unit(body, province) for body in bodies]
    listed = len(owing) > LIST_AT_MOST
    kinh_gui = (
        [f"{collective(body)} (có danh sách kèm theo)" for body in bodies] if listed else named
    )
    the_header = header(draft, "CV")
    office = repository.plan.bodies.get(draft.issuer_code, draft.issuer_code)
    return {
        "header": the_header,
        "subject": (
            f"V/v đôn đốc thực hiện Công văn số {directive.number} "
            f"và báo cáo {periods.review_word(period)} {periods.label(period)}"
        ),
        "period": period,
        "period_label": periods.label(period),
        "review_word": periods.review_word(period),
        "as_of": long_date(as_of),
        "as_of_short": short_date(as_of),
        "office": office,
        "plan": {"number": plan.number, "date": long_date(plan.date)},
        "directive": {"number": directive.number, "date": long_date(directive.date)},
        "provinces": owing,
        "addressees": [
            f"{line}{'.' if n == len(kinh_gui) else ','}" for n, line in enumerate(kinh_gui, 1)
        ],
        "listed": listed,
        "asked": and_list([collective(body) for body in bodies]) or "các địa phương",
        "send_to": and_list([repository.plan.bodies.get(b, b) for b in plan.issuers]),
        "deadline": f"trước ngày {short_date(deadline)}" if deadline else "theo quy định",
        "recipients": recipients(repository, draft, first="Như trên", provincial=False),
        "annex_of": attached_to("Công văn", the_header, draft),
        "left_out": left_out(repository, as_of),
    }


def _item(row: Requirement, repository: Repository) -> str:
    task = row.column.task
    what = (
        f"Báo cáo {periods.review_word(row.column.period)} {periods.label(row.column.period)}"
        if row.column.period
        else task.title
    )
    due = f"hạn ngày {short_date(row.due)}"
    if row.state is State.INCOMPLETE and row.document is not None:
        return f"{what}: văn bản số {row.document.number} {unsent(row, repository)} ({due})"
    if row.state is State.PENDING and row.due is not None:
        return f"{what}: đề nghị gửi trước hạn (chậm nhất ngày {short_date(row.due)})"
    return f"{what}: chưa nhận được ({due})"
