"""`cv651 status`, `show` and `export`: the coverage, read three ways."""

import os
import shutil
import sys
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cv651.cli.app import (
    AsOfOption,
    ForceOption,
    PeriodFilterOption,
    PlanOption,
    RepoOption,
    app,
    complete_province,
    err,
    examples,
    guarded,
    open_repo,
    parse_as_of,
    read_plan,
    refuse_stdout,
    repo_of,
    write_documents,
)
from cv651.errors import ExitCode
from cv651.i18n import N_, _

if TYPE_CHECKING:
    from cv651.models import Repository
    from cv651.statuslines import Line


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


@app.command(
    help=N_("Who has done what, who is late or missing what, as of a date."),
    epilog=examples(
        "cv651 status --as-of 2022-07-01",
        "cv651 status --period 2022H1 --only-gaps",
        "cv651 status --format json --fail-on-gaps",
    ),
)
@guarded
def status(
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    period: PeriodFilterOption = None,
    region: Annotated[
        list[str] | None,
        typer.Option(
            help=N_("Only this region (key or name); repeatable."),
            metavar="REGION",
            show_default=False,
        ),
    ] = None,
    province: Annotated[
        list[str] | None,
        typer.Option(
            help=N_("Only this province (code, name or alias); repeatable."),
            autocompletion=complete_province,
            metavar="PROVINCE",
            show_default=False,
        ),
    ] = None,
    only_gaps: Annotated[
        bool,
        typer.Option(
            "--only-gaps", help=N_("Only provinces with something overdue, late or incomplete.")
        ),
    ] = False,
    fmt: Annotated[
        StatusFormat,
        typer.Option("--format", help=N_("table, json, csv or markdown."), metavar="FORMAT"),
    ] = StatusFormat.table,
    fail_on_gaps: Annotated[
        bool,
        typer.Option(
            "--fail-on-gaps", help=N_("Exit 1 when any requirement is overdue or incomplete.")
        ),
    ] = False,
    plan: PlanOption = None,
) -> None:
    from cv651.matrix import gap_summary
    from cv651.status import select_coverage

    day = parse_as_of(as_of)
    repository = read_plan(repo_of(open_repo(repo, day=day)), plan, day)
    _name_other_eras(repository, province or (), day)
    coverage = select_coverage(
        repository,
        day,
        period=period,
        regions=region or (),
        provinces=province or (),
        only_gaps=only_gaps,
    )
    if fmt is not StatusFormat.table:
        from cv651 import formats  # csv and json only for these
    if fmt is StatusFormat.json:
        typer.echo(formats.to_json(coverage))
    elif fmt is StatusFormat.csv:
        typer.echo(formats.to_csv(coverage), nl=False)
    elif fmt is StatusFormat.markdown:
        typer.echo(formats.to_markdown(coverage), nl=False)
    else:
        from cv651.statuslines import shows_colour, status_lines, write_plain

        plan_file = repository.plan
        title = _("Implementing Letter {number}").format(number=plan_file.directive.number)
        subtitle = _("Plan {number}").format(number=plan_file.plan.number)
        lines = status_lines(coverage, title, subtitle)
        if shows_colour(sys.stdout, os.environ):
            from cv651 import terminal  # rich only where colour shows: 11 ms to import

            terminal.print_lines(terminal.console(), lines)
            _wider_than(lines)
        else:
            write_plain(lines, sys.stdout)
    if fail_on_gaps and (gaps := gap_summary(coverage)):
        err("cv651: --fail-on-gaps: " + gaps)
        raise typer.Exit(ExitCode.DATA)


def _wider_than(lines: "Sequence[Line]") -> None:
    """A table wider than the terminal breaks every row: say how to narrow it. The
    terminal's own size ($COLUMNS, else the window's); none known (a file, a pipe that
    FORCE_COLOR colours), no hint."""
    from cv651.statuslines import width_of

    columns = shutil.get_terminal_size(fallback=(0, 0)).columns
    width = width_of(lines)
    if 0 < columns < width:
        err(
            "cv651: "
            + _(
                "the table is {width} columns wide and the terminal {columns}: choose "
                "--period or --plan, widen the terminal, or use --format csv"
            ).format(width=width, columns=columns)
        )


def _name_other_eras(repository: "Repository", typed: Sequence[str], day: date) -> None:
    """A name that belonged to another unit at another time: say so on stderr."""
    from cv651.names import resolve_province

    for name in typed:
        if note := resolve_province(repository.units, name, day).note:
            err(f"cv651: {note}")


@app.command(
    help=N_("One province in full: requirements, documents, problems."),
    epilog=examples("cv651 show 02", "cv651 show 'Lào Cai' --as-of 2022-07-01"),
)
@guarded
def show(
    province: Annotated[
        str,
        typer.Argument(
            help=N_("Code, name or alias: 02, 'Hà Giang', 'ha giang'."),
            autocompletion=complete_province,
            metavar="PROVINCE",
        ),
    ],
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    plan: PlanOption = None,
) -> None:
    from cv651 import terminal
    from cv651.coverage import compute_coverage
    from cv651.filenames import file_code
    from cv651.names import resolve_province

    day = parse_as_of(as_of)
    loaded = open_repo(repo, day=day)
    repository = read_plan(repo_of(loaded), plan, day)
    resolved = resolve_province(repository.units, province, day)
    if resolved.note:
        err(f"cv651: {resolved.note}")
    code = resolved.code
    coverage = compute_coverage(repository, day, codes=[code])
    warnings = [  # and the errors that make the province `invalid`
        d for d in loaded.diagnostics if file_code(d.path) == code
    ]
    unit = repository.units.named(code, day)
    terminal.render_province(terminal.console(), repository, unit, coverage.rows, warnings, day)


@app.command(
    help=N_("The status matrix and every document, for Excel (XLSX: two sheets; CSV: two files)."),
    epilog=examples(
        "cv651 export -o tinh-hinh.xlsx",
        "cv651 export -o tinh-hinh.csv --as-of 2022-07-01",
    ),
)
@guarded
def export(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help=N_("The file to write (.xlsx or .csv)."),
            dir_okay=False,
            metavar="FILE",
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=N_("xlsx or csv (default: from --output)."),
            show_default=False,
            metavar="xlsx|csv",
        ),
    ] = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    period: PeriodFilterOption = None,
    force: ForceOption = False,
    plan: PlanOption = None,
) -> None:
    from cv651 import export as tables
    from cv651.status import select_coverage

    refuse_stdout(output, _("an export (an XLSX file, or two CSV files)"))
    chosen = tables.choose_format(fmt, output)
    day = parse_as_of(as_of)
    repository = read_plan(repo_of(open_repo(repo, day=day)), plan, day)
    coverage = select_coverage(repository, day, period=period)
    sheets = [
        tables.status_sheet(coverage, repository),
        tables.documents_sheet(repository, day),
    ]
    if chosen == "xlsx":
        from cv651.excel import to_xlsx

        outputs = [(output, to_xlsx(sheets))]
    else:
        outputs = [
            (output, tables.to_csv(sheets[0])),
            (tables.documents_path(output), tables.to_csv(sheets[1])),
        ]
    write_documents(outputs, force=force)
