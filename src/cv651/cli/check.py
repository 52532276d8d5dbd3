"""`cv651 validate` and `cv651 schema`: the data repository's own checks."""

import os
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cv651 import diagnostics
from cv651.cli.app import (
    RepoOption,
    app,
    err,
    examples,
    guarded,
    load_repo,
    refuse_stdout,
)
from cv651.cli.review import AuthorOption, BaseOption, history_diagnostics
from cv651.errors import Diagnostic, ExitCode
from cv651.i18n import N_, _
from cv651.vnformat import short_date

if TYPE_CHECKING:
    from cv651.loader import Loaded


class DiagFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


@app.command(
    help=N_("Check the data repository: every problem, with file, line and column."),
    epilog=examples(
        "cv651 validate", "cv651 validate --strict --format json", "cv651 validate --base main"
    ),
)
@guarded
def validate(
    repo: RepoOption = None,
    fmt: Annotated[
        DiagFormat | None,
        typer.Option(
            "--format",
            help=N_(
                "text, json, github (workflow annotations; the default inside GitHub Actions) "
                "or gitlab (a Code Quality report for merge requests)."
            ),
            show_default=False,
            metavar="text|json|github|gitlab",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help=N_("Fail on warnings too."))] = False,
    base: BaseOption = None,
    author_province: AuthorOption = None,
) -> None:
    loaded = load_repo(repo)
    diags = loaded.diagnostics + history_diagnostics(loaded, base, author_province)
    diags.sort(key=Diagnostic.sort_key)
    failed = any(d.is_error for d in diags) or (strict and bool(diags))
    chosen = fmt or (
        DiagFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else DiagFormat.text
    )
    if chosen is DiagFormat.json:
        typer.echo(diagnostics.as_json(diags, ok=not failed))
    elif chosen is DiagFormat.gitlab:
        prefix = _workspace_prefix(loaded.root, "CI_PROJECT_DIR")
        typer.echo(diagnostics.as_codequality(diags, prefix))
        err(f"cv651 validate: {diagnostics.summary(diags)}")
    elif chosen is DiagFormat.github:
        prefix = _workspace_prefix(loaded.root)
        for diag in diags:
            typer.echo(diagnostics.as_github(diag, prefix))
        err(f"cv651 validate: {diagnostics.summary(diags)}")
    else:
        for diag in diags:
            typer.echo(diagnostics.as_text(diag))
        err(f"cv651 validate: {diagnostics.summary(diags)} ({loaded.root})")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if os.environ.get("GITHUB_ACTIONS") == "true" and summary_file:
        _append_step_summary(Path(summary_file), loaded, diags)
    if failed:
        raise typer.Exit(ExitCode.DATA)


def _workspace_prefix(root: Path, variable: str = "GITHUB_WORKSPACE") -> str:
    """Annotations name files from the checkout's root, which may hold the data lower down."""
    workspace = os.environ.get(variable)
    if not workspace:
        return ""
    try:
        rel = root.resolve().relative_to(Path(workspace).resolve()).as_posix()
    except ValueError:
        return ""
    return "" if rel == "." else f"{rel}/"


def _append_step_summary(path: Path, loaded: "Loaded", diags: list[Diagnostic]) -> None:
    """GitHub's job summary: the problems, or when the data is clean the coverage table."""
    from cv651 import formats
    from cv651.status import select_coverage

    parts = [f"### cv651 validate: {diagnostics.summary(diags)}\n"]
    if diags:
        parts.append(diagnostics.as_markdown(diags))
    if loaded.repository is not None:
        today = date.today()
        heading = _("Coverage as of {date}").format(date=short_date(today))
        parts.append(f"### {heading}\n")
        parts.append(formats.to_markdown(select_coverage(loaded.repository, today)))
    with path.open("a", encoding="utf-8") as handle:  # other steps write here too
        handle.write("\n".join(parts) + "\n")


@app.command(
    help=N_("Write JSON Schemas (Draft 7) of the data files, for editors and check-jsonschema.")
    + "\n\n"
    + N_(
        "The repository's provinces, kinds, periods, bodies and indicators become enums; "
        "existing schema files in OUTPUT are replaced (they are generated)."
    ),
    epilog=examples("cv651 schema", "cv651 schema -o .vscode/schemas"),
)
@guarded
def schema(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help=N_("Write the three schema files here."),
            file_okay=False,
            metavar="DIR",
        ),
    ] = Path("schemas"),
    repo: RepoOption = None,
) -> None:
    from cv651 import schema as schemas
    from cv651.output import refuse_data_folder, write_all

    refuse_stdout(output, _("three schema files"))
    refuse_data_folder(output / "x")
    loaded = load_repo(repo)
    repository = loaded.repository
    if repository is None:
        err(_("cv651: the repository has errors; writing schemas without its enums"))
    generated = schemas.generate(repository)
    outputs = [
        (output / schemas.FILES[name][0], schemas.dumps(content).encode("utf-8"))
        for name, content in generated.items()
    ]
    write_all(outputs, force=True)  # the three or none
    for (target, _data), name in zip(outputs, generated, strict=True):
        wrote = _("wrote {path} (for {files})").format(path=target, files=schemas.FILES[name][1])
        err(f"cv651: {wrote}")
