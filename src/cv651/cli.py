"""The command line: parse options, call one core function per command, render.

This is the only module that imports typer, and the one error boundary: project
errors become a message on stderr and an exit code (cv651.errors.ExitCode).
"""

import functools
import os
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from cv651 import __version__, diagnostics
from cv651.errors import Cv651Error, DataErrors, ExitCode, UsageError
from cv651.paths import find_repository

if TYPE_CHECKING:
    from cv651.loader import Loaded
    from cv651.models import Repository
    from cv651.report import Draft

# The core (pydantic models, holidays, rich, Jinja, python-docx) is imported inside
# the commands that use it, so `cv651 --help` and completion stay fast.

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="cv651",
    help="Theo dõi thực hiện Công văn 651-CV/BDVTW — follow Letter 651 across the provinces.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,
)

RepoOption = Annotated[
    Path | None,
    typer.Option(
        "--repo",
        help="The data repository (default: $CV651_REPO, the nearest "
        "folder holding data/provinces.yaml, else the bundled data).",
        file_okay=False,
        show_default=False,
    ),
]


def _complete_period(incomplete: str) -> list[str]:
    from cv651.completion import periods

    return periods(incomplete)


def _complete_province(incomplete: str) -> list[tuple[str, str]]:
    from cv651.completion import provinces

    return provinces(incomplete)


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        show_default=False,
        help="The day to look from (default: today). Documents counted after it are ignored.",
    ),
]


PeriodFilterOption = Annotated[
    str | None,
    typer.Option(help="Only this report period (e.g. 2022H1).", autocompletion=_complete_period),
]


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class DiagFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _err(message: str) -> None:
    typer.echo(message, err=True)


def guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """The error boundary every command runs inside."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except DataErrors as exc:
            for diag in exc.diagnostics:
                if diag.is_error:
                    _err(diagnostics.as_text(diag))
            _err(f"cv651: {exc.message}; {exc.hint}")
            raise typer.Exit(exc.exit_code) from None
        except Cv651Error as exc:
            _err(f"cv651: {exc.message}" + (f" ({exc.hint})" if exc.hint else ""))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _err("cv651: interrupted; no output file was left half-written")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except (typer.Exit, typer.Abort):
            raise
        except OSError as exc:  # the machine, not cv651: permissions, a full disk
            where = f" ({exc.filename})" if exc.filename else ""
            _err(f"cv651: {exc.strerror or exc}{where}")
            raise typer.Exit(ExitCode.DATA) from None
        except Exception as exc:  # the boundary: never a traceback
            if os.environ.get("CV651_DEBUG"):
                raise
            _err(f"cv651: internal error: {type(exc).__name__}: {exc}")
            _err(
                "This is a bug in cv651. Please report it with the command you ran; "
                "set CV651_DEBUG=1 to see the traceback."
            )
            raise typer.Exit(ExitCode.BUG) from None

    return wrapper


def _load(repo: Path | None) -> "Loaded":
    from cv651.loader import load_repository

    located = find_repository(repo, os.environ.get("CV651_REPO"), Path.cwd())
    if located.how == "bundled":
        _err(f"cv651: no data repository here; using the bundled data at {located.root}")
    return load_repository(located.root)


def _open(repo: Path | None) -> "Loaded":
    """Load the repository for a reading command; refuse one with errors."""
    loaded = _load(repo)
    if loaded.repository is None:
        raise DataErrors(loaded.diagnostics)
    return loaded


def _repository(loaded: "Loaded") -> "Repository":
    assert loaded.repository is not None  # _open refused it otherwise
    return loaded.repository


def _as_of(value: str | None) -> date:
    from cv651.fields import parse_date

    if value is None:
        return date.today()
    try:
        return parse_date(value)
    except ValueError as exc:  # PydanticCustomError is a ValueError
        context = getattr(exc, "context", None) or {}
        raise UsageError(
            f"--as-of: {context.get('message', exc)}", hint=context.get("hint")
        ) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cv651 {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Theo dõi thực hiện Công văn 651-CV/BDVTW — follow Letter 651 across the provinces."""


@app.command()
@guarded
def validate(
    repo: RepoOption = None,
    fmt: Annotated[
        DiagFormat | None,
        typer.Option(
            "--format",
            help="text, json, or github (workflow annotations; the default inside GitHub Actions).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
) -> None:
    """Check the data repository: every problem, with file, line and column."""
    loaded = _load(repo)
    diags = loaded.diagnostics
    failed = bool(loaded.errors) or (strict and bool(diags))
    chosen = fmt or (
        DiagFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else DiagFormat.text
    )
    if chosen is DiagFormat.json:
        typer.echo(diagnostics.as_json(diags, ok=not failed))
    elif chosen is DiagFormat.github:
        prefix = _workspace_prefix(loaded.root)
        for diag in diags:
            typer.echo(diagnostics.as_github(diag, prefix))
        _err(f"cv651 validate: {diagnostics.summary(diags)}")
    else:
        for diag in diags:
            typer.echo(diagnostics.as_text(diag))
        _err(f"cv651 validate: {diagnostics.summary(diags)} ({loaded.root})")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if os.environ.get("GITHUB_ACTIONS") == "true" and summary_file:
        _append_step_summary(Path(summary_file), loaded, failed)
    if failed:
        raise typer.Exit(ExitCode.DATA)


def _workspace_prefix(root: Path) -> str:
    """Annotations name files from the checkout's root, which may hold the data lower down."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if not workspace:
        return ""
    try:
        rel = root.resolve().relative_to(Path(workspace).resolve()).as_posix()
    except ValueError:
        return ""
    return "" if rel == "." else f"{rel}/"


def _append_step_summary(path: Path, loaded: "Loaded", failed: bool) -> None:
    """GitHub's job summary: the problems, or when the data is clean the coverage table."""
    from cv651 import formats
    from cv651.status import select_coverage

    parts = [f"### cv651 validate: {diagnostics.summary(loaded.diagnostics)}\n"]
    if loaded.diagnostics:
        parts.append(diagnostics.as_markdown(loaded.diagnostics))
    if loaded.repository is not None:
        today = date.today()
        parts.append(f"### Tình hình thực hiện đến ngày {today.strftime('%d/%m/%Y')}\n")
        parts.append(formats.to_markdown(select_coverage(loaded.repository, today)))
    with path.open("a", encoding="utf-8") as handle:  # other steps write here too
        handle.write("\n".join(parts) + "\n")


@app.command()
@guarded
def status(
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    period: PeriodFilterOption = None,
    region: Annotated[
        list[str] | None, typer.Option(help="Only this region (key or name); repeatable.")
    ] = None,
    province: Annotated[
        list[str] | None,
        typer.Option(
            help="Only this province (code, name or alias); repeatable.",
            autocompletion=_complete_province,
        ),
    ] = None,
    only_gaps: Annotated[
        bool,
        typer.Option(
            "--only-gaps", help="Only provinces with something overdue, late or incomplete."
        ),
    ] = False,
    fmt: Annotated[
        StatusFormat, typer.Option("--format", help="table, json, csv or markdown.")
    ] = StatusFormat.table,
    fail_on_gaps: Annotated[
        bool,
        typer.Option(
            "--fail-on-gaps", help="Exit 1 when any requirement is overdue or incomplete."
        ),
    ] = False,
) -> None:
    """Who has done what, who is late or missing what, as of a date."""
    from cv651 import formats
    from cv651.status import select_coverage

    repository = _repository(_open(repo))
    coverage = select_coverage(
        repository,
        _as_of(as_of),
        period=period,
        regions=region or (),
        provinces=province or (),
        only_gaps=only_gaps,
    )
    if fmt is StatusFormat.json:
        typer.echo(formats.to_json(coverage))
    elif fmt is StatusFormat.csv:
        typer.echo(formats.to_csv(coverage), nl=False)
    elif fmt is StatusFormat.markdown:
        typer.echo(formats.to_markdown(coverage), nl=False)
    else:
        from cv651 import terminal  # rich only for the table

        title = f"Thực hiện Công văn {repository.plan.directive.number}"
        terminal.render_status(terminal.console(), coverage, title)
    if fail_on_gaps and any(r.state.gap for r in coverage.rows):
        raise typer.Exit(ExitCode.DATA)


@app.command()
@guarded
def show(
    province: Annotated[
        str,
        typer.Argument(
            help="Code, name or alias: 02, 'Hà Giang', 'ha giang'.",
            autocompletion=_complete_province,
        ),
    ],
    repo: RepoOption = None,
    as_of: AsOfOption = None,
) -> None:
    """One province in full: requirements, documents, problems."""
    from cv651 import terminal
    from cv651.coverage import compute_coverage
    from cv651.names import resolve_province

    loaded = _open(repo)
    repository = _repository(loaded)
    chosen = resolve_province(repository.provinces, province)
    coverage = compute_coverage(repository, _as_of(as_of), provinces=[chosen])
    warnings = [
        d for d in loaded.warnings if d.path.rsplit("/", 1)[-1].startswith(f"{chosen.code}-")
    ]
    terminal.render_province(terminal.console(), repository, chosen, coverage.rows, warnings)


FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format", help="md or docx (default: from --output, else md).", show_default=False
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write here (Markdown: default stdout).",
        dir_okay=False,
        show_default=False,
    ),
]
TemplateOption = Annotated[
    Path | None,
    typer.Option(help="Use this template file.", dir_okay=False, show_default=False),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")]
NumberOption = Annotated[
    str | None,
    typer.Option(help="Document number, e.g. 125 (default: left blank).", show_default=False),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="Document date (default: the --as-of date).",
        show_default=False,
    ),
]
PlaceOption = Annotated[str, typer.Option(help="Place in the date line.")]
CapacityOption = Annotated[str, typer.Option(help="Signing capacity.")]
TitleOption = Annotated[str, typer.Option(help="Signer's title.")]
SignerOption = Annotated[str, typer.Option(help="Signer's name (default: left blank).")]
PeriodOption = Annotated[
    str,
    typer.Option(help="The report period, e.g. 2022H1 or 2022.", autocompletion=_complete_period),
]


def _write_document(data: bytes, output: Path | None, *, force: bool) -> None:
    from cv651.output import write_atomic

    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(output, data, force=force)
        _err(f"cv651: wrote {output}")


def _draft(
    date_: str | None,
    day: date,
    *,
    number: str | None,
    place: str,
    capacity: str,
    title: str,
    signer: str,
) -> "Draft":
    """What the clerk fills in; the document's date defaults to the as-of day."""
    from cv651.report import Draft

    return Draft(
        _as_of(date_) if date_ else day,
        number=number,
        place=place,
        capacity=capacity,
        title=title,
        signer=signer,
    )


def _refuse_existing(output: Path | None, force: bool) -> None:
    """Before any work, so that a refusal costs nothing."""
    from cv651.output import refuse_existing

    refuse_existing(output, force=force)


@app.command()
@guarded
def summarize(
    period: PeriodOption,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    template: TemplateOption = None,
    force: ForceOption = False,
    number: NumberOption = None,
    date_: DateOption = None,
    place: PlaceOption = "Hà Nội",
    capacity: CapacityOption = "K/T TRƯỞNG BAN",
    title: TitleOption = "PHÓ TRƯỞNG BAN",
    signer: SignerOption = "",
) -> None:
    """Draft the synthesis report for a period, as Markdown or a signable DOCX."""
    from cv651.summarize import choose_format, render_summary

    chosen = choose_format(fmt, output)
    loaded = _open(repo)
    day = _as_of(as_of)
    draft = _draft(
        date_, day, number=number, place=place, capacity=capacity, title=title, signer=signer
    )
    _refuse_existing(output, force)
    data = render_summary(_repository(loaded), loaded.root, period, day, draft, chosen, template)
    _write_document(data, output, force=force)


@app.command()
@guarded
def remind(
    period: PeriodOption,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    template: TemplateOption = None,
    force: ForceOption = False,
    number: NumberOption = None,
    date_: DateOption = None,
    place: PlaceOption = "Hà Nội",
    capacity: CapacityOption = "K/T TRƯỞNG BAN",
    title: TitleOption = "PHÓ TRƯỞNG BAN",
    signer: SignerOption = "",
) -> None:
    """Draft the reminder letter (công văn đôn đốc) to the provinces that owe something."""
    from cv651.reminder import build_reminder
    from cv651.summarize import choose_format, render_reminder

    chosen = choose_format(fmt, output)
    loaded = _open(repo)
    day = _as_of(as_of)
    draft = _draft(
        date_, day, number=number, place=place, capacity=capacity, title=title, signer=signer
    )
    context = build_reminder(_repository(loaded), period, day, draft)
    if not context["provinces"]:
        _err(f"cv651: as of {day.isoformat()} no province is overdue or incomplete; no letter")
        return
    _refuse_existing(output, force)
    _write_document(render_reminder(context, loaded.root, chosen, template), output, force=force)


@app.command()
@guarded
def export(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The file to write (.xlsx or .csv).", dir_okay=False),
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="xlsx or csv (default: from --output).", show_default=False),
    ] = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    period: PeriodFilterOption = None,
    force: ForceOption = False,
) -> None:
    """The status matrix and every document, for Excel (XLSX: two sheets; CSV: two files)."""
    from cv651 import export as tables
    from cv651.status import select_coverage

    chosen = tables.choose_format(fmt, output)
    repository = _repository(_open(repo))
    day = _as_of(as_of)
    coverage = select_coverage(repository, day, period=period)
    sheets = [
        tables.status_sheet(coverage, repository),
        tables.documents_sheet(repository, day),
    ]
    if chosen == "xlsx":
        from cv651.excel import to_xlsx  # openpyxl only for this format

        outputs = [(output, to_xlsx(sheets))]
    else:
        outputs = [
            (output, tables.to_csv(sheets[0])),
            (tables.documents_path(output), tables.to_csv(sheets[1])),
        ]
    for path, _ in outputs:
        _refuse_existing(path, force)
    for path, data in outputs:
        _write_document(data, path, force=force)


@app.command()
@guarded
def schema(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Write the three schema files here.", file_okay=False),
    ] = Path("schemas"),
    repo: RepoOption = None,
) -> None:
    """Write JSON Schemas (Draft 7) of the data files, for editors and check-jsonschema.

    The repository's provinces, kinds, periods, bodies and indicators become enums;
    existing schema files in OUTPUT are replaced (they are generated).
    """
    from cv651 import schema as schemas
    from cv651.output import write_atomic

    loaded = _load(repo)
    repository = loaded.repository
    if repository is None:
        _err("cv651: the repository has errors; writing schemas without its enums")
    generated = schemas.generate(repository)
    output.mkdir(parents=True, exist_ok=True)
    for name, content in generated.items():
        target = output / schemas.FILES[name][0]
        write_atomic(target, schemas.dumps(content).encode("utf-8"), force=True)
        _err(f"cv651: wrote {target} (for {schemas.FILES[name][1]})")


@app.command()
@guarded
def init(
    directory: Annotated[Path, typer.Argument(help="The folder of the new data repository.")],
    ci: Annotated[str, typer.Option(help="CI workflow to add: github, gitlab or none.")] = "github",
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Add to a non-empty folder; existing files are still never replaced."
        ),
    ] = False,
) -> None:
    """Scaffold a new data repository: data, templates, schemas, pre-commit, CI, README."""
    from cv651.init import init_repository

    written, kept = init_repository(directory, force=force, ci=ci)
    for rel in written:
        _err(f"cv651: wrote {directory / rel}")
    for rel in kept:
        _err(f"cv651: kept {directory / rel} (it exists)")
    _err(f"cv651: next: cd {directory} && cv651 validate && cv651 status")


def run() -> None:
    """Run the app as the `cv651` command (cv651.__main__ is the entry point)."""
    try:
        app(prog_name="cv651")
    except BrokenPipeError:  # `cv651 status | head`
        sys.stderr.close()
        raise SystemExit(ExitCode.OK) from None
