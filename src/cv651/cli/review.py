"""Who may change what: `cv651 owners`, and the history part of `validate --base`."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cv651.cli.app import (
    ForceOption,
    RepoOption,
    app,
    examples,
    guarded,
    is_stdout,
    open_repo,
    refuse_output,
    repo_of,
    write_document,
)
from cv651.errors import UsageError
from cv651.i18n import N_, _

if TYPE_CHECKING:
    from cv651.errors import Diagnostic
    from cv651.loader import Loaded

BaseOption = Annotated[
    str | None,
    typer.Option(
        "--base",
        metavar="REF",
        show_default=False,
        help=N_(
            "Also check the change since this git revision (in CI: the pull request's base): "
            "accepted documents are corrected or withdrawn, never edited or deleted."
        ),
    ),
]
AuthorOption = Annotated[
    str | None,
    typer.Option(
        "--author-province",
        metavar="CODE",
        show_default=False,
        help=N_("With --base: fail when the change touches a file not of this province."),
    ),
]


def history_diagnostics(
    loaded: "Loaded", ref: str | None, author: str | None
) -> "list[Diagnostic]":
    """What `validate --base REF [--author-province CODE]` adds to the plain checks."""
    if ref is None:
        if author is not None:
            raise UsageError(_("--author-province needs --base REF"), hint=_("e.g. --base main"))
        return []
    from cv651.review import check_against_base

    return check_against_base(loaded.root, ref, _author_code(loaded, author))


def _author_code(loaded: "Loaded", typed: str | None) -> str | None:
    if typed is None:
        return None
    if loaded.repository is not None:
        from datetime import date

        from cv651.names import resolve_province

        return resolve_province(loaded.repository.units, typed, date.today()).code
    from cv651.fields import is_code

    if not is_code(typed):
        raise UsageError(
            _("--author-province: give the province's code; the repository has errors"),
            hint=_("e.g. --author-province 02"),
        )
    return typed


@app.command(
    help=N_(
        "Write CODEOWNERS: each province's file to its team, shared files to the central board."
    ),
    epilog=examples(
        "cv651 owners --pattern '@bdv/tinh-{code}' --central @bdv/trung-uong",
        "cv651 owners -o -",
    ),
)
@guarded
def owners(
    repo: RepoOption = None,
    pattern: Annotated[
        str,
        typer.Option(
            metavar="TEAM", help=N_("Each province's team; {code} and {slug} are filled in.")
        ),
    ] = "@ORG/team-{code}",
    central: Annotated[
        str,
        typer.Option(metavar="TEAM", help=N_("The central board's team: owns every shared file.")),
    ] = "@ORG/central",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            dir_okay=False,
            show_default=False,
            help=N_("Where to write (default: CODEOWNERS in the repository; - for stdout)."),
        ),
    ] = None,
    force: ForceOption = False,
) -> None:
    from cv651.owners import render_codeowners

    loaded = open_repo(repo)
    text = render_codeowners(repo_of(loaded).provinces, pattern, central)
    target = None if is_stdout(output) else output or loaded.root / "CODEOWNERS"
    refuse_output(target, force)
    write_document(text.encode("utf-8"), target, force=force)
