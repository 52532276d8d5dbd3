"""`cv651 export`: the status matrix and every document as tables for Excel.

The tables are built here, pure; cv651.excel writes them as XLSX (SpreadsheetML), and
CSV is written here (UTF-8 with a BOM, which Excel needs to read Vietnamese).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cv651 import matrix, periods
from cv651.coverage import Column, Coverage, Requirement, State
from cv651.errors import UsageError
from cv651.i18n import N_, _, ngettext
from cv651.models import Repository
from cv651.report import unsent
from cv651.vnformat import short_date

Cell = str | int | date | None


@dataclass(frozen=True)
class Sheet:
    """A table, and for a sheet that prints on its own (XLSX) what goes around it: a
    caption above (title, as-of date), a totals row and a legend below. CSV keeps the
    table only."""

    title: str
    headers: list[str]
    rows: list[list[Cell]]
    states: list[list[State | None]] | None = None  # per cell, for fills; None: no fills
    caption: tuple[str, ...] = ()
    totals: list[Cell] | None = None
    legend: str = ""


def status_sheet(coverage: Coverage, repository: Repository) -> Sheet:
    """Each requirement's state in words ('chậm 4 ngày') beside its days late as a number."""
    plan = repository.plan
    headers = [_("Code"), _("Province"), _("Region")]
    for column in coverage.columns:
        headers += [_title(column), _("Days late")]
    rows: list[list[Cell]] = []
    states: list[list[State | None]] = []
    for province, requirements in coverage.by_province():
        region = repository.regions.get(province.region, province.region)
        row: list[Cell] = [province.code, province.name, region]
        for r in requirements:
            row += [_words(r, repository), r.days_late]
        rows.append(row)
        states.append([None, None, None, *(s for r in requirements for s in (r.state, None))])
    totals: list[Cell] = ["", _("Total done"), ""]
    for total in matrix.totals(coverage):
        totals += [total.text, None]
    caption = (
        _("IMPLEMENTATION OF LETTER {directive} AND PLAN {plan}").format(
            directive=plan.directive.number, plan=plan.plan.number
        ),
        _("(as of {date})").format(date=short_date(coverage.as_of)),
    )
    legend = _(
        "Note: Clause N: the task of clause N of Letter {directive}; none received: overdue, "
        "no document received; incomplete: not sent to every recipient; —: not applicable."
    ).format(directive=plan.directive.number)
    return Sheet(_("Coverage"), headers, rows, states, caption, totals, legend)


_SHEET_WORDS = {  # the printed words (matrix.PRINTED), in the chosen language
    State.ON_TIME: N_("on time"),
    State.OVERDUE: N_("none received"),
    State.PENDING: N_("not yet due"),
    State.INVALID: N_("data with errors"),
}


def _title(column: Column) -> str:
    if column.period is None:
        return _("Clause {clause}").format(clause=column.task.clause)
    return _("Report {label}").format(label=periods.label(column.period))


def _words(requirement: Requirement, repository: Repository) -> str:
    state = requirement.state
    if state is State.INCOMPLETE:
        return _("incomplete: {reason}").format(
            reason=unsent(requirement, repository, printed=False)
        )
    if state is State.LATE:
        days = requirement.days_late or 0
        return ngettext("late by {count} day", "late by {count} days", days).format(count=days)
    return _(_SHEET_WORDS[state]) if state in _SHEET_WORDS else matrix.printed(requirement)


DOCUMENT_HEADERS = [
    N_("Code"),
    N_("Province"),
    N_("Kind of document"),
    N_("Period"),
    N_("Number"),
    N_("Document date"),
    N_("Received"),
    N_("Issuing bodies"),
    N_("Recipients"),
    N_("Title"),
    N_("Plan"),
]


def documents_sheet(repository: Repository, as_of: date) -> Sheet:
    """Every document counted on `as_of`, province by province, oldest first, with the
    plan it answers (documents of every plan: the last column tells them apart)."""
    rows: list[list[Cell]] = []
    units, plans = repository.units, repository.plan_index
    for code in units.codes:
        documents = repository.submission(code).documents
        for d in sorted(documents, key=lambda d: d.counts_from):
            if not d.counts_on(as_of):  # not yet received, or withdrawn
                continue
            plan = plans.of(d)
            kinds = plans.by_id[plan].document_kinds if plan in plans.by_id else {}
            kind = kinds[d.kind].label if d.kind in kinds else d.kind
            rows.append(
                [
                    code,
                    units.named(code, d.date).name,  # the unit's name on the document's day
                    kind,
                    d.period,
                    d.number,
                    d.date,
                    d.received,
                    ", ".join(d.issuers),
                    ", ".join(d.recipients),
                    d.title,
                    plan,
                ]
            )
    caption = (
        _("DOCUMENTS SENT BY THE PROVINCES UNDER LETTER {directive}").format(
            directive=repository.plan.directive.number
        ),
        _("(as of {date})").format(date=short_date(as_of)),
    )
    headers: list[str] = [_(h) for h in DOCUMENT_HEADERS]
    return Sheet(_("Documents"), headers, rows, caption=caption)


def choose_format(fmt: str | None, output: Path) -> str:
    chosen = fmt or {".xlsx": "xlsx", ".csv": "csv"}.get(output.suffix.lower())
    if chosen not in ("xlsx", "csv"):
        raise UsageError(
            _("cannot tell the format from '{name}'").format(name=output.name),
            hint=_("use --format xlsx or csv"),
        )
    return chosen


def documents_path(output: Path) -> Path:
    """CSV holds one table a file: the documents go beside the matrix."""
    return output.with_name(f"{output.stem}-van-ban{output.suffix}")


def to_csv(sheet: Sheet) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Cell) -> str | int:
    """Dates as Vietnamese write them; text that Excel would run as a formula is
    quoted with a leading apostrophe (OWASP's advice on CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return inert(value) if isinstance(value, str) else value


def inert(text: str) -> str:
    """Text that Excel would run as a formula (`=HYPERLINK(…)`), with a leading apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text
