"""Requirement states: for each province, task and period, what is done as of a date.

The one computation shared by every command that needs it (status, show,
summarize). Pure: a Repository and a date in, a Coverage out. The rules are the
contract's ("Periods and timeliness" in the design).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cached_property

from cv651.models import Document, Province, Repository, Submission, Task
from cv651.units import Absence, Units


class State(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    INCOMPLETE = "incomplete"
    OVERDUE = "overdue"
    PENDING = "pending"
    NOT_APPLICABLE = "not_applicable"
    # The province's submission file has errors: nothing is known until they are
    # fixed; neither met nor a gap (design.md, "A repository with some broken files").
    INVALID = "invalid"

    @property
    def met(self) -> bool:
        return self in (State.ON_TIME, State.LATE)

    @property
    def gap(self) -> bool:
        """What --fail-on-gaps fails on: nothing or only rule-breaking documents past due."""
        return self in (State.OVERDUE, State.INCOMPLETE)


@dataclass(frozen=True, slots=True)
class Column:
    """One requirement column: a task, and for periodic tasks one of its periods."""

    task: Task
    period: str | None
    due: date  # as the plan sets it; each row carries the effective due date

    @property
    def key(self) -> str:
        return f"{self.task.id}:{self.period}" if self.period else self.task.id


@dataclass(frozen=True, slots=True)
class Requirement:
    province: Province
    column: Column
    state: State
    due: date | None  # effective: moved off weekends and holidays; None when n/a
    days_late: int | None = None
    document: Document | None = None  # the one that meets it, or the latest incomplete one
    reason: Absence | None = None  # not_applicable: why no unit held the code
    in_force: bool = True  # False: no unit held the code on the due date (reason says why)
    missing: tuple[str, ...] = ()  # incomplete: the required recipients (body keys) not sent to


@dataclass(frozen=True)
class Coverage:
    as_of: date
    columns: tuple[Column, ...]
    provinces: tuple[Province, ...]  # one unit a row (code): its name of the day in question
    rows: tuple[Requirement, ...]  # province-major: one per province and column, in order
    plan: str | None = None  # the id of the plan the columns come from
    moved: Mapping[str, str] = field(default_factory=dict)  # column key: why its due date moved
    directive: str = ""  # the number of the letter the plan carries out: 651-CV/BDVTW

    def __post_init__(self) -> None:
        if len(self.rows) != len(self.provinces) * len(self.columns):
            raise ValueError("a Coverage holds one row per province and column")

    def by_province(self) -> list[tuple[Province, tuple[Requirement, ...]]]:
        """Each province with its requirements in column order: slices of the rows."""
        width = len(self.columns)
        return [(p, self.rows[i * width : (i + 1) * width]) for i, p in enumerate(self.provinces)]

    def of(self, code: str) -> tuple[Requirement, ...]:
        """One province's requirements, in column order."""
        return next((rows for p, rows in self.by_province() if p.code == code), ())

    @cached_property
    def _column_index(self) -> dict[str, int]:
        return {c.key: i for i, c in enumerate(self.columns)}

    def in_column(self, column: Column) -> tuple[Requirement, ...]:
        """Every province's requirement in `column`: a slice, not a search."""
        return self.rows[self._column_index[column.key] :: len(self.columns)]


def plan_columns(tasks: Iterable[Task], period: str | None = None) -> tuple[Column, ...]:
    """The requirement columns of a plan; with `period`, the non-periodic tasks and that period."""
    columns: list[Column] = []
    for task in tasks:
        if task.periods:
            columns += [
                Column(task, p.period, p.due)
                for p in task.periods
                if period is None or p.period == period
            ]
        elif task.due is not None:
            columns.append(Column(task, None, task.due))
    return tuple(columns)


def compute_coverage(
    repository: Repository,
    as_of: date,
    *,
    period: str | None = None,
    codes: Sequence[str] | None = None,
    shift: Callable[[date], date] | None = None,
) -> Coverage:
    """One row per code, one cell per column: the requirement of the unit that held the code
    on the column's due date as the plan sets it (the design's "Units over time").

    Due dates move off the days the repository's calendar says are not worked
    (`shift`, by default its WorkingDays)."""
    columns = plan_columns(repository.plan.tasks, period)
    calendar = repository.working_days
    shift = shift or calendar.next_working_day
    moved = {c.key: why for c in columns if (why := calendar.why_moved(c.due))}
    units, plans = repository.units, repository.plan_index
    chosen = tuple(codes) if codes is not None else codes_due(units, columns)
    heads, rows = [], []
    for code in chosen:
        holders = [units.on(code, c.due) for c in columns]
        head = next((u for u in reversed(holders) if u), None) or units.named(code, as_of)
        heads.append(head)
        submission = repository.submission(code)
        counted = _by_period(
            d
            for d in submission.documents
            if d.counts_on(as_of) and plans.of(d) == repository.plan_id
        )
        for column, unit in zip(columns, holders, strict=True):
            if unit is None:
                reason = units.absence(code, column.due)
                absent = Requirement(head, column, State.NOT_APPLICABLE, None, reason=reason)
                rows.append(replace(absent, in_force=False))
            elif code in repository.invalid:  # its file has errors: nothing is known
                rows.append(Requirement(unit, column, State.INVALID, shift(column.due)))
            else:
                rows.append(_requirement(unit, submission, counted, column, as_of, shift))
    directive = repository.plan.directive.number
    return Coverage(as_of, columns, tuple(heads), tuple(rows), repository.plan_id, moved, directive)


def codes_due(units: Units, columns: Sequence[Column]) -> tuple[str, ...]:
    """The codes held by a unit on at least one column's due date: the rows of a status."""
    return tuple(c for c in units.codes if any(units.on(c, col.due) for col in columns))


def _by_period(documents: Iterable[Document]) -> dict[str | None, list[Document]]:
    """The documents oldest first, all of them under None and each period's under it:
    a column looks at its own period's, not at every document again (issue 17)."""
    every = sorted(documents, key=lambda d: d.counts_from)
    out: dict[str | None, list[Document]] = {None: every}
    for document in every:
        if document.period is not None:
            out.setdefault(document.period, []).append(document)
    return out


def _requirement(
    province: Province,
    submission: Submission,
    counted: dict[str | None, list[Document]],
    column: Column,
    as_of: date,
    shift: Callable[[date], date],
) -> Requirement:
    task = column.task
    if task.applies_to == "existing_programme" and submission.existing_programme is None:
        return Requirement(province, column, State.NOT_APPLICABLE, None)
    due = shift(column.due)
    candidates = [d for d in counted.get(column.period, ()) if d.kind in task.evidence]
    for document in candidates:
        if not missing_recipients(document, task):
            if document.counts_from <= due:
                return Requirement(province, column, State.ON_TIME, due, document=document)
            late = (document.counts_from - due).days
            return Requirement(province, column, State.LATE, due, late, document)
    if candidates:
        latest = candidates[-1]
        return Requirement(
            province,
            column,
            State.INCOMPLETE,
            due,
            document=latest,
            missing=missing_recipients(latest, task),
        )
    return Requirement(province, column, State.OVERDUE if as_of > due else State.PENDING, due)


def missing_recipients(document: Document, task: Task) -> tuple[str, ...]:
    """The task's required recipients (body keys) the document was not sent to: the plan's
    one rule a document can break; `matrix.not_sent` words them."""
    return tuple(r for r in task.recipients if r not in document.recipients)
