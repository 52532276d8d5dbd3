"""`cv651 init`: a new data repository."""

from pathlib import Path
from typing import Annotated

import typer

from cv651.cli.app import (
    app,
    err,
    examples,
    guarded,
    refuse_stdout,
)
from cv651.i18n import N_, _


@app.command(
    help=N_("Scaffold a new data repository: data, templates, schemas, pre-commit, CI, README."),
    epilog=examples("cv651 init bdv-651", "cv651 init bdv-651 --ci gitlab"),
)
@guarded
def init(
    directory: Annotated[
        Path, typer.Argument(help=N_("The folder of the new data repository."), metavar="DIR")
    ],
    ci: Annotated[
        str,
        typer.Option(
            help=N_("CI workflow to add: github, gitlab or none."), metavar="github|gitlab|none"
        ),
    ] = "github",
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=N_("Add to a non-empty folder; existing files are still never replaced."),
        ),
    ] = False,
) -> None:
    from cv651.init import init_repository

    refuse_stdout(directory, _("a new repository (a folder)"))
    written, kept = init_repository(directory, force=force, ci=ci)
    for rel in written:
        err("cv651: " + _("wrote {path}").format(path=directory / rel))
    for rel in kept:
        err(_("cv651: kept {value} (it exists)").format(value=directory / rel))
    err(
        "cv651: "
        + _("next: {commands}").format(commands=f"cd {directory} && cv651 validate && cv651 status")
    )
