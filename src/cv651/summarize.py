"""`cv651 summarize` and `cv651 remind`: documents rendered from templates, as bytes.

The synthesis report and the reminder letter share the mechanism: a prepared
context (cv651.report, cv651.reminder), a template looked up in --template, the
repository's templates/, then the built-in ones, and Markdown, DOCX or PDF out
(PDF: the DOCX converted by LibreOffice, cv651.pdf).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cv651.errors import UsageError
from cv651.i18n import _
from cv651.models import Repository
from cv651.report import Draft, build_summary
from cv651.status import check_period

Cell = str | list[str]  # a list is one paragraph per item


@dataclass(frozen=True)
class Table:
    """A table for the DOCX templates (cv651.docx_render): headers, rows (a cell may be a
    list: one paragraph each), the columns' relative widths and alignments (l, c, r)."""

    headers: list[str]
    rows: list[list[Cell]]
    weights: list[float]
    align: str


# The column headers of the documents' tables, written once: the DOCX tables below and
# the Markdown templates (`columns` in their context) both read them. The Markdown
# indicator table writes the unit beside the label, and its document lists sit under
# a heading per clause, so those templates leave out "Đơn vị tính" and "Điểm".
COLUMNS = {
    "indicators": ["Chỉ tiêu", "Đơn vị tính", "Tổng số", "Số đơn vị báo cáo"],
    "units": ["Mã", "Tỉnh, thành phố"],
    "documents": ["Điểm", "Tỉnh, thành phố", "Số văn bản", "Ngày"],
    "owed": ["TT", "Tỉnh, thành phố", "Còn thiếu"],
}

TEMPLATES = {
    "summary": {"md": "summary.md.j2", "docx": "summary.docx"},
    "reminder": {"md": "reminder.md.j2", "docx": "reminder.docx"},
}


def choose_format(fmt: str | None, output: Path | None) -> str:
    """--format, else the output's extension, else Markdown."""
    if fmt is not None and fmt not in ("md", "docx", "pdf"):
        raise UsageError(_("unknown format '{fmt}'").format(fmt=fmt), hint=_("use md, docx or pdf"))
    if fmt is None and output is not None:
        fmt = {".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf"}.get(
            output.suffix.lower()
        )
        if fmt is None:
            raise UsageError(
                _("cannot tell the format from '{name}'").format(name=output.name),
                hint=_("use --format md, docx or pdf"),
            )
    fmt = fmt or "md"
    if fmt in ("docx", "pdf") and output is None:
        raise UsageError(
            _("{format} needs --output FILE").format(format=fmt.upper()),
            hint=_("e.g. --output bao-cao-2022H1.{fmt}").format(fmt=fmt),
        )
    if fmt == "pdf":
        from cv651.pdf import converter

        converter()  # refuse now, before any work, when LibreOffice is missing
    return fmt


def render_summary(
    repository: Repository,
    repo_root: Path,
    period: str,
    as_of: date,
    draft: Draft,
    fmt: str,
    template: Path | None = None,
) -> bytes:
    check_period(repository.plan, period)
    context = build_summary(repository, period, as_of, draft)
    annex = context["annex"]
    tables = {
        "indicator_table": Table(
            COLUMNS["indicators"],
            [
                [i["label"], i["unit"], i["total"], str(i["provinces"])]
                for i in context["indicators"]
            ],
            [5, 2, 1.6, 1.6],
            "llrr",
        ),
        "annex_table": Table(
            [*COLUMNS["units"], *annex["headers"]],
            [[r["code"], r["name"], *r["cells"]] for r in annex["rows"]]
            + [["", "Tổng", *annex["totals"]]],
            [0.9, 3, *(2.4 if periodic else 1.8 for periodic in annex["periodic"])],
            "cl" + "c" * len(annex["headers"]),
        ),
        "documents_table": Table(
            COLUMNS["documents"],
            [
                [str(c["clause"]), d["province"], d["number"], d["date"]]
                for c in context["clauses"]
                for d in c["documents"]
            ],
            [1, 3, 3.4, 1.8],
            "clll",
        ),
    }
    return render("summary", context, tables, fmt, repo_root, template)


def render_reminder(
    context: dict[str, Any], repo_root: Path, fmt: str, template: Path | None = None
) -> bytes:
    tables = {
        "owed_table": Table(
            COLUMNS["owed"],
            [
                [str(n), p["name"], [f"- {item}" for item in p["owed"]]]
                for n, p in enumerate(context["provinces"], start=1)
            ],
            [0.8, 2.6, 7],
            "cll",
        )
    }
    return render("reminder", context, tables, fmt, repo_root, template)


def render(
    name: str,
    context: dict[str, Any],
    tables: dict[str, Table],
    fmt: str,
    repo_root: Path,
    template: Path | None,
) -> bytes:
    from cv651.templating import find_template, render_text  # jinja only for these commands

    path = find_template(TEMPLATES[name]["md" if fmt == "md" else "docx"], repo_root, template)
    context = {**context, "columns": COLUMNS}
    if fmt == "md":
        return render_text(path, context).encode("utf-8")
    from cv651.docx_render import render_docx  # python-docx only for these formats

    document = render_docx(path, context, tables)
    if fmt == "pdf":
        from cv651.pdf import converter, docx_to_pdf

        return docx_to_pdf(document, converter())
    return document
