"""The coverage matrix in words: cell texts, headers, totals and the legend.

Shared by the terminal table, Markdown, CSV, XLSX and the summary's annex, so
that every output says the same thing the same way. Symbols keep the terminal
readable without colour; printed documents use words only (Times New Roman has
no ✔ or ◐), and one word for late throughout: chậm.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cv651 import periods
from cv651.coverage import Column, Coverage, Requirement, State
from cv651.i18n import N_, _, both, ngettext, vietnamese

SYMBOLS = {
    State.ON_TIME: "✔",
    State.LATE: "⚠",
    State.INCOMPLETE: "◐",
    State.OVERDUE: "✘",
    State.PENDING: "…",
    State.NOT_APPLICABLE: "—",
    State.INVALID: "⊘",
}
# The screen's words (status, show, record), in the chosen language; printed
# documents keep their own Vietnamese words (PRINTED, printed_legend, title).
WORDS = {
    State.ON_TIME: N_("on time"),
    State.LATE: N_("late"),
    State.INCOMPLETE: N_("incomplete"),
    State.OVERDUE: N_("overdue"),
    State.PENDING: N_("not yet due"),
    State.NOT_APPLICABLE: N_("not applicable"),
    State.INVALID: N_("data with errors"),
}
LEGEND_LINES = (
    N_("✔ on time · ⚠ +Nd late by N days · ◐ incomplete (not sent to every recipient)"),
    N_("✘ overdue, nothing received · … not yet due · — not applicable"),
    N_("Clause N: the task of clause N of Letter {directive}"),
)
INVALID_LEGEND = N_("⊘ data with errors: correct them (cv651 validate) to see the state")


def legend_lines(coverage: Coverage) -> tuple[str, ...]:
    """The legend, with the line for `invalid` only when a cell has that state."""
    invalid = any(r.state is State.INVALID for r in coverage.rows)
    lines = (*LEGEND_LINES, INVALID_LEGEND) if invalid else LEGEND_LINES
    return tuple(_(line).format(directive=coverage.directive) for line in lines)


def cell(requirement: Requirement) -> str:
    """'✔', '⚠ +8d' ('⚠ 8 ngày' in Vietnamese), '◐', '✘', '…' or '—'."""
    symbol = SYMBOLS[requirement.state]
    if requirement.state is State.LATE:
        return _("{symbol} +{days}d").format(symbol=symbol, days=requirement.days_late)
    return symbol


_NOT_SENT = N_("not sent to {bodies}")


def not_sent(bodies: Sequence[str], *, printed: bool = False) -> str:
    """'not sent to UBDT', 'chưa gửi Ban cán sự đảng Ủy ban Dân tộc': the one wording of
    the recipients an incomplete report missed (`Requirement.missing`, as keys or names),
    on the screen and in sheets in the chosen language, in printed documents in Vietnamese."""
    word = vietnamese if printed else _
    return word(_NOT_SENT).format(bodies=both(bodies, word))


def describe(requirement: Requirement) -> str:
    """The state in a few words: 'chậm 8 ngày', 'chưa đủ: chưa gửi UBDT'."""
    if requirement.state is State.LATE:
        days = requirement.days_late or 0
        return ngettext("late by {count} day", "late by {count} days", days).format(count=days)
    if requirement.state is State.INCOMPLETE and requirement.missing:
        return _("incomplete: {reason}").format(reason=not_sent(requirement.missing))
    if requirement.state is State.NOT_APPLICABLE and requirement.reason:
        # the unit was not in force then
        return _("not applicable: {reason}").format(reason=requirement.reason.said())
    return _(WORDS[requirement.state])


PRINTED = {  # cells of printed tables: words a clerk would write, no symbols
    State.ON_TIME: "đúng hạn",
    State.INCOMPLETE: "chưa đủ",
    State.OVERDUE: "quá hạn",
    State.PENDING: "chưa đến hạn",
    State.NOT_APPLICABLE: "—",
    State.INVALID: "số liệu có lỗi",
}


def printed(requirement: Requirement) -> str:
    """'đúng hạn', 'chậm 12 ngày', 'chưa đủ', 'quá hạn', 'chưa đến hạn' or '—'."""
    if requirement.state is State.LATE:
        return f"chậm {requirement.days_late} ngày"
    return PRINTED[requirement.state]


def printed_legend(directive: str) -> str:
    """What the printed cells mean, in one sentence."""
    return (
        f"Điểm N: nhiệm vụ tại điểm N Công văn số {directive}; "
        "quá hạn: đã hết hạn mà chưa nhận được văn bản; chưa đủ: văn bản chưa gửi đủ nơi nhận; "
        "—: không áp dụng."
    )


def title(column: Column) -> str:
    """A printed column's name: 'Điểm 1', 'Báo cáo 6 tháng đầu năm 2022'."""
    if column.period is None:
        return f"Điểm {column.task.clause}"
    return f"Báo cáo {periods.label(column.period)}"


def header(column: Column) -> str:
    """A screen column's name: 'Điểm 1', 'Điểm 3 · 6 tháng 2022' ('Clause 3 · H1 2022')."""
    clause = _("Clause {clause}").format(clause=column.task.clause)
    return clause if column.period is None else f"{clause} · {periods.heading(column.period)}"


@dataclass(frozen=True, slots=True)
class Total:
    column: Column
    met: int
    applicable: int
    counts: dict[State, int]

    @property
    def text(self) -> str:
        return f"{self.met}/{self.applicable}"


def totals(coverage: Coverage) -> list[Total]:
    result = []
    for column in coverage.columns:
        rows = coverage.in_column(column)
        counts = {state: sum(r.state is state for r in rows) for state in State}
        applicable = len(rows) - counts[State.NOT_APPLICABLE]
        met = counts[State.ON_TIME] + counts[State.LATE]
        result.append(Total(column, met, applicable, counts))
    return result


def grid(coverage: Coverage) -> list[tuple[str, str, list[str]]]:
    """(code, name, cells) for each province, cells in column order."""
    return [(p.code, p.name, [cell(r) for r in row]) for p, row in coverage.by_province()]


def gap_summary(coverage: Coverage, limit: int = 5) -> str | None:
    """One line for --fail-on-gaps: how many gaps and where; None when there are none."""
    found = [
        (p, [header(r.column) for r in rows if r.state.gap or r.state is State.INVALID])
        for p, rows in coverage.by_province()
    ]
    found = [(p, columns) for p, columns in found if columns]
    if not found:
        return None
    gaps = sum(len(columns) for _p, columns in found)
    where = "; ".join(f"{p.name} ({p.code}): {', '.join(c)}" for p, c in found[:limit])
    if len(found) > limit:
        where += "; " + _("and {n} more").format(n=len(found) - limit)
    return ngettext(
        "{gaps} gap (overdue, incomplete or invalid) in {provinces} province(s): {where}",
        "{gaps} gaps (overdue, incomplete or invalid) in {provinces} province(s): {where}",
        gaps,
    ).format(gaps=gaps, provinces=len(found), where=where)
