"""Everything drawn in a terminal with rich: the status table and one province in full.

The only module that imports rich's console (cv651.statuslines borrows its cell
widths). Tables carry symbols and words, so they read the same with NO_COLOR or
in a log.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date
from typing import TextIO

from rich.console import Console
from rich.text import Span, Text

from cv651 import matrix, periods
from cv651.coverage import Requirement
from cv651.errors import Diagnostic
from cv651.i18n import _
from cv651.models import Document, Province, Repository
from cv651.statuslines import STYLES, Line
from cv651.vnformat import short_date


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """rich exits 1 when the reader goes away (`cv651 show 02 | head -1`); the
        command line decides instead (cv651.cli.run: exit 0, quietly)."""
        raise BrokenPipeError


def console(file: TextIO | None = None, width: int | None = None) -> Console:
    return _Console(file=file, width=width, highlight=False, emoji=False)


def print_lines(out: Console, lines: Sequence[Line]) -> None:
    """The status matrix (cv651.statuslines), in colour."""
    texts = [
        Text(line.text, style=line.style, spans=[Span(*span) for span in line.spans])
        for line in lines
    ]
    out.print(Text("\n").join(texts), no_wrap=True, overflow="ignore", crop=False)


def render_province(
    out: Console,
    repository: Repository,
    province: Province,
    requirements: Sequence[Requirement],
    warnings: Sequence[Diagnostic],
    as_of: date,
) -> None:
    """`as_of` replays the past exactly: documents counted after it are not shown."""
    submission = repository.submission(province.code)
    region = repository.regions.get(province.region, province.region)
    kind = _("city under the central government") if province.kind == "city" else _("province")
    out.print(Text(f"{province.name} ({province.code})", style="bold"), f"— {kind}, {region}")
    plan = repository.plan.plan
    out.print(_("Plan {number} ({id})").format(number=plan.number, id=repository.plan_id))
    if story := repository.units.story(province.code):
        out.print(_("Over time:"))
        for line in story:  # a long line wraps under its own start
            for part in textwrap.wrap(
                line, max(out.width, 20), initial_indent="  ", subsequent_indent="  "
            ):
                out.print(part, soft_wrap=True)
    programme = submission.existing_programme
    if province.code in repository.invalid:
        out.print(
            Text(_("The unit's data has errors; its state is not known:"), style="red"),
            _("correct the errors below (cv651 validate)."),
        )
    elif programme:
        out.print(
            _("Coordination programme signed: {number} of {date} with {partner}").format(
                number=programme.number,
                date=short_date(programme.date),
                partner=repository.plan.bodies.get(programme.partner, programme.partner),
            )
        )
    else:
        out.print(_("No signed coordination programme recorded (clause 2 does not apply)."))
    _render_requirements(out, province, requirements)
    for r in requirements:  # a due date moved off a day off: say from when and why
        if r.due is not None and r.due != r.column.due:
            why = repository.working_days.why_moved(r.column.due)
            moved = _("The due date of {column} moved from {old} to {new}: {why}")
            out.print(
                moved.format(
                    column=matrix.header(r.column),
                    old=short_date(r.column.due),
                    new=short_date(r.due),
                    why=why,
                )
            )
    kinds = {k: v.label for k, v in repository.plan.document_kinds.items()}
    counted = [d for d in submission.documents if d.counts_from <= as_of]
    _render_documents(out, counted, kinds)
    for diag in warnings:
        mark, style = ("✘", "red") if diag.is_error else ("⚠", "yellow")
        hint = f"; {diag.hint}" if diag.hint else ""
        text = f"{mark} {diag.path}:{diag.line}:{diag.col}: {diag.message}{hint}"
        out.print(Text(text, style=style))


def _render_requirements(
    out: Console, province: Province, requirements: Sequence[Requirement]
) -> None:
    """A table from 70 columns; narrower, one block per requirement, so the document
    column is never cut off (a table would have to drop or crop it)."""
    rows = []
    for r in requirements:
        state = Text(f"{matrix.SYMBOLS[r.state]} {matrix.describe(r)}", style=STYLES[r.state])
        document = (
            f"{r.document.number} ({short_date(r.document.counts_from)})" if r.document else ""
        )
        # the unit of that day, when the code named another: Long An in 2022
        then = r.province.name if r.province.name != province.name else ""
        rows.append((matrix.header(r.column), short_date(r.due), then, state, document))
    if out.width < 70:
        for header, due, then, state, document in rows:
            if due:
                out.print(
                    Text(f"• {header}", style="bold"),
                    "— " + _("due {date}:").format(date=due),
                    state,
                )
            else:  # not applicable: no due date
                out.print(Text(f"• {header}:", style="bold"), state)
            if then:
                out.print("  " + _("the unit then: {name}").format(name=then))
            if document:
                out.print(f"  {document}")
        return
    from rich import box  # a table only here: `status` draws lines and needs none
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    another_unit = any(then for _h, _d, then, _s, _doc in rows)
    for name in (_("Requirement"), _("Due")):
        table.add_column(name, no_wrap=True)
    if another_unit:
        table.add_column(_("Unit then"), no_wrap=True)
    table.add_column(_("State"), no_wrap=True)
    table.add_column(_("Document"))
    for header, due, then, state, document in rows:
        cells = (
            (header, due, then, state, document) if another_unit else (header, due, state, document)
        )
        table.add_row(*cells)
    out.print(table)


def _render_documents(out: Console, documents: Sequence[Document], kinds: dict[str, str]) -> None:
    """One short block per document: it reads at any width, unlike a wide table."""
    out.print(Text(_("Documents received"), style="italic"))
    if not documents:
        out.print("  " + _("No document received yet."))
    for d in sorted(documents, key=lambda d: d.counts_from):
        period = (
            ", " + _("for {period}").format(period=periods.spoken(d.period)) if d.period else ""
        )
        received = (
            ", " + _("received {date}").format(date=short_date(d.received)) if d.received else ""
        )
        out.print(Text(f"• {d.number}", style="bold"), f"— {kinds.get(d.kind, d.kind)}{period}")
        dated = _("dated {date}").format(date=short_date(d.date))
        issuers = _("issued by: {bodies}").format(bodies=", ".join(d.issuers))
        out.print(f"  {dated}{received} · {issuers}")
        if d.recipients:
            out.print("  " + _("sent to: {bodies}").format(bodies=", ".join(d.recipients)))
        for c in d.corrections:
            out.print(
                Text(
                    "  "
                    + _("corrected {date} ({fields}): {reason}").format(
                        date=short_date(c.date), fields=", ".join(c.fields), reason=c.reason
                    )
                ),
                style="cyan",
            )
        if d.withdrawn:
            when = short_date(d.withdrawn.date)
            withdrawn = _("withdrawn {date}, no longer counted: {reason}")
            out.print(
                Text("  " + withdrawn.format(date=when, reason=d.withdrawn.reason)), style="red"
            )
