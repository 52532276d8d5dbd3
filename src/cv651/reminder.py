"""The reminder letter (công văn đôn đốc): what each overdue or incomplete province still owes.

Prepared for templates like the synthesis report (cv651.report): every sentence
part is made here; templates only loop.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from cv651 import periods
from cv651.coverage import Requirement, State
from cv651.models import Province, Repository
from cv651.report import Draft, header
from cv651.status import select_coverage
from cv651.vnformat import long_date, short_date

OWED = (State.OVERDUE, State.INCOMPLETE)
LIST_AT_MOST = 5  # more addressees than this are named in one line, as letters do


def build_reminder(
    repository: Repository,
    period: str,
    as_of: date,
    draft: Draft,
    *,
    due_within: int | None = None,
) -> dict[str, Any]:
    """The letter's context; `provinces` is empty when nobody owes anything.

    With `due_within`, requirements still pending that fall due within that many
    days are owed too: the letter asks to send them before their due date.
    """
    coverage = select_coverage(repository, as_of, period=period)  # refuses unknown periods
    plan, directive = repository.plan.plan, repository.plan.directive
    horizon = as_of + timedelta(days=due_within) if due_within is not None else None

    def owes(row: Requirement) -> bool:
        if row.state in OWED:
            return True
        soon = horizon is not None and row.due is not None and row.due <= horizon
        return row.state is State.PENDING and soon

    owing, addressees = [], []
    for province, rows in coverage.by_province():
        owed = [_item(r, repository) for r in rows if owes(r)]
        if owed:
            owing.append({"code": province.code, "name": province.name, "owed": owed})
            addressees.append(f"Ban Dân vận {_committee(province)}")
    subject = (
        f"V/v đôn đốc thực hiện Công văn số {directive.number} "
        f"và báo cáo {periods.review_word(period)} {periods.label(period)}"
    )
    return {
        "header": header(draft, "CV"),
        "subject": subject,
        "period": period,
        "period_label": periods.label(period),
        "review_word": periods.review_word(period),
        "as_of": long_date(as_of),
        "plan": {"number": plan.number, "date": long_date(plan.date)},
        "directive": {"number": directive.number, "date": long_date(directive.date)},
        "provinces": owing,
        "addressees": addressees if len(addressees) <= LIST_AT_MOST else [_collective(owing)],
        "send_to": [repository.plan.bodies.get(b, b) for b in plan.issuers],
    }


def _item(row: Requirement, repository: Repository) -> str:
    task = row.column.task
    what = (
        f"Báo cáo {periods.review_word(row.column.period)} {periods.label(row.column.period)}"
        if row.column.period
        else task.title
    )
    due = f"hạn {short_date(row.due)}"
    if row.state is State.INCOMPLETE and row.document is not None:
        bodies = repository.plan.bodies
        missing = [bodies.get(b, b) for b in task.recipients if b not in row.document.recipients]
        return (
            f"{what}: văn bản số {row.document.number} chưa gửi đến "
            f"{', '.join(missing) or row.reason} ({due})"
        )
    if row.state is State.PENDING and row.due is not None:
        return f"{what}: đề nghị gửi trước hạn (chậm nhất ngày {short_date(row.due)})"
    return f"{what}: chưa nhận được ({due})"


def _collective(owing: list[dict[str, Any]]) -> str:
    """'Ban Dân vận các tỉnh ủy, thành ủy: Hà Nội, Bắc Kạn, …' for a long list."""
    return f"Ban Dân vận các tỉnh ủy, thành ủy: {', '.join(p['name'] for p in owing)}"


def _committee(province: Province) -> str:
    """The provincial party committee: 'Tỉnh ủy Hà Giang', 'Thành ủy Cần Thơ'."""
    return f"{'Thành ủy' if province.kind == 'city' else 'Tỉnh ủy'} {province.name}"
