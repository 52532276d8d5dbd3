"""`cv651 ingest`: read received Word files and PDFs, propose (or record) their entries."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cv651.cli.app import (
    RepoOption,
    app,
    complete_province,
    err,
    examples,
    guarded,
    load_repo,
    parse_as_of,
)
from cv651.errors import DataErrors, ExitCode
from cv651.i18n import N_, _
from cv651.vnformat import short_date

if TYPE_CHECKING:
    from cv651.ingest import Reading


class IngestFormat(StrEnum):
    text = "text"
    json = "json"


@app.command(
    help=N_("Read received documents' Party header: the entry each would add, what is unclear."),
    epilog=examples(
        "cv651 ingest 95-BC-lao-cai.docx",
        "cv651 ingest --format json inbox/*.pdf",
        "cv651 ingest --write 95-BC-lao-cai.docx",
    ),
)
@guarded
def ingest(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE", help=N_("Word (.docx) files or PDFs with text."), dir_okay=False
        ),
    ],
    province: Annotated[
        str | None,
        typer.Option(
            metavar="PROVINCE",
            help=N_("The province, when the documents do not say it (or say it wrongly)."),
            autocompletion=complete_province,
        ),
    ] = None,
    write: Annotated[
        bool,
        typer.Option(
            "--write", help=N_("Record them (as `cv651 record` does), each file attached.")
        ),
    ] = False,
    received: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD",
            help=N_("With --write: when the centre received them (default: today)."),
        ),
    ] = None,
    fmt: Annotated[
        IngestFormat, typer.Option("--format", metavar="FORMAT", help=N_("text or json."))
    ] = IngestFormat.text,
    repo: RepoOption = None,
) -> None:
    from cv651.ingest import IngestError, new_document, read_file

    loaded = load_repo(repo)
    repository = loaded.repository
    if repository is None:
        raise DataErrors(loaded.diagnostics)
    readings: list[tuple[Path, Reading]] = []
    failed = 0
    for path in files:
        try:
            readings.append((path, read_file(path, repository, province)))
        except IngestError as exc:
            err(f"cv651: {path}: {exc.message}")
            failed += 1
    if fmt is IngestFormat.json:
        import json

        typer.echo(json.dumps([_as_json(p, r) for p, r in readings], ensure_ascii=False, indent=2))
    elif not write:
        for path, reading in readings:
            _show(path, reading)
    else:  # what is recorded is printed by record; what was unclear goes to stderr
        for path, reading in readings:
            if reading.missing:
                fields = ", ".join(reading.missing)
                err(f"cv651: {path}: " + _("could not tell: {fields}").format(fields=fields))
            for warning in reading.warnings:
                err(f"cv651: {path}: " + _("warning: {warning}").format(warning=warning))
    if failed:
        if write:
            err("cv651: " + _("nothing was written"))
        raise typer.Exit(ExitCode.DATA)
    if write:
        from cv651.cli.record import record_documents

        day = parse_as_of(received, "--received")  # default: today
        documents = [new_document(path, reading, repository, day) for path, reading in readings]
        record_documents(loaded, documents, dry_run=False)
        if received is None:
            today = short_date(day)
            err("cv651: " + _("recorded as received today, {day}").format(day=today))


def _as_json(path: Path, reading: "Reading") -> dict[str, Any]:
    return {
        "file": str(path),
        **reading.values(),
        "missing": reading.missing,
        "warnings": reading.warnings,
    }


_ENTRY_KEYS = ("kind", "period", "number", "date", "issuers", "recipients", "title")


def _show(path: Path, reading: "Reading") -> None:
    from cv651.yamledit import render_entry

    where = f"{reading.province.code} {reading.province.name}" if reading.province else "?"
    typer.echo(f"{path}: {where}")
    values = {name: getattr(reading, name) for name in _ENTRY_KEYS}
    entry = {k: v for k, v in values.items() if v not in (None, [])}
    if entry:
        typer.echo(render_entry(entry, 2, 4), nl=False)
    if reading.missing:
        typer.echo("  " + _("could not tell: {fields}").format(fields=", ".join(reading.missing)))
    for warning in reading.warnings:
        typer.echo("  " + _("warning: {warning}").format(warning=warning))
