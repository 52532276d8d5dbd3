"""`cv651 summarize`: the synthesis report for a period, as Markdown or DOCX bytes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cv651.errors import UsageError
from cv651.models import Repository
from cv651.report import Draft, build_summary
from cv651.status import check_period

TEMPLATES = {"md": "summary.md.j2", "docx": "summary.docx"}


def choose_format(fmt: str | None, output: Path | None) -> str:
    """--format, else the output's extension, else Markdown."""
    if fmt is None and output is not None:
        fmt = {".md": "md", ".markdown": "md", ".docx": "docx"}.get(output.suffix.lower())
        if fmt is None:
            raise UsageError(
                f"cannot tell the format from '{output.name}'", hint="use --format md or docx"
            )
    fmt = fmt or "md"
    if fmt == "docx" and output is None:
        raise UsageError("DOCX needs --output FILE", hint="e.g. --output bao-cao-2022H1.docx")
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
    from cv651.templating import find_template, render_text  # jinja only for this command

    check_period(repository.plan, period)
    context = build_summary(repository, period, as_of, draft)
    path = find_template(TEMPLATES[fmt], repo_root, template)
    if fmt == "docx":
        from cv651.docx_render import render_docx  # python-docx only for this format

        return render_docx(path, context)
    return render_text(path, context).encode("utf-8")
