"""Everything drawn in a terminal with rich: the status table and one province in full.

The only module that imports rich. Tables carry symbols and words, so they read
the same with NO_COLOR or in a log.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cv651 import matrix
from cv651.coverage import Coverage, Requirement, State
from cv651.errors import Diagnostic
from cv651.models import Document, Province, Repository
from cv651.vnformat import short_date

STYLES = {
    State.ON_TIME: "green",
    State.LATE: "yellow",
    State.INCOMPLETE: "magenta",
    State.OVERDUE: "bold red",
    State.PENDING: "dim",
    State.NOT_APPLICABLE: "dim",
}


def console(file: TextIO | None = None, width: int | None = None) -> Console:
    return Console(file=file, width=width, highlight=False, emoji=False)


def render_status(out: Console, coverage: Coverage, title: str) -> None:
    table = Table(
        title=f"{title}\ntình hình đến ngày {short_date(coverage.as_of)}",
        box=box.SIMPLE_HEAD,
        show_footer=True,
        pad_edge=False,
    )
    totals = matrix.totals(coverage)
    table.add_column("Mã", footer="", no_wrap=True)
    table.add_column("Tỉnh, thành phố", footer=f"{len(coverage.provinces)} đơn vị", ratio=1)
    for total in totals:
        table.add_column(
            matrix.header(total.column).replace(" · ", "\n"),
            footer=total.text,
            justify="center",
            no_wrap=True,
        )
    for province, row in matrix.by_province(coverage):
        cells = [Text(matrix.cell(r), style=STYLES[r.state]) for r in row]
        table.add_row(province.code, province.name, *cells)
    out.print(table)
    for line in matrix.LEGEND_LINES:
        out.print(Text(line, style="dim"))


def render_province(
    out: Console,
    repository: Repository,
    province: Province,
    requirements: Sequence[Requirement],
    warnings: Sequence[Diagnostic],
) -> None:
    submission = repository.submission(province.code)
    region = repository.regions.get(province.region, province.region)
    kind = "thành phố trực thuộc Trung ương" if province.kind == "city" else "tỉnh"
    out.print(Text(f"{province.name} ({province.code})", style="bold"), f"— {kind}, {region}")
    programme = submission.existing_programme
    if programme:
        out.print(
            f"Chương trình phối hợp đã ký: {programme.number} ngày {short_date(programme.date)} "
            f"với {repository.plan.bodies.get(programme.partner, programme.partner)}"
        )
    else:
        out.print("Chưa ghi nhận chương trình phối hợp đã ký (điểm 2 không áp dụng).")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for name in ("Yêu cầu", "Hạn", "Trạng thái"):
        table.add_column(name, no_wrap=True)
    table.add_column("Văn bản")
    for r in requirements:
        state = Text(f"{matrix.cell(r)} {matrix.describe(r)}", style=STYLES[r.state])
        document = (
            f"{r.document.number} ({short_date(r.document.counts_from)})" if r.document else ""
        )
        table.add_row(matrix.header(r.column), short_date(r.due), state, document)
    out.print(table)
    _render_documents(out, submission.documents)
    for diag in warnings:
        out.print(Text(f"⚠ {diag.path}:{diag.line}:{diag.col}: {diag.message}", style="yellow"))


def _render_documents(out: Console, documents: Sequence[Document]) -> None:
    """One short block per document: it reads at any width, unlike a wide table."""
    out.print(Text("Văn bản đã nhận", style="italic"))
    if not documents:
        out.print("  Chưa nhận được văn bản nào.")
    for d in sorted(documents, key=lambda d: d.counts_from):
        period = f", kỳ {d.period}" if d.period else ""
        received = f", nhận {short_date(d.received)}" if d.received else ""
        out.print(
            Text(f"• {d.number}", style="bold"),
            f"— {d.kind}{period}, ngày {short_date(d.date)}{received}",
        )
        out.print(
            f"  ban hành: {', '.join(d.issuers)}"
            + (f" · nơi nhận: {', '.join(d.recipients)}" if d.recipients else "")
        )
