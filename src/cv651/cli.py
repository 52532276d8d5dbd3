"""The command line: parse options, call one core function per command, render.

This is the only module that imports typer, and the one error boundary: project
errors become a message on stderr and an exit code (cv651.errors.ExitCode).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer

from cv651 import __version__, diagnostics
from cv651.errors import Cv651Error, DataErrors, ExitCode
from cv651.loader import Loaded, load_repository
from cv651.paths import find_repository

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
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
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


def _load(repo: Path | None) -> Loaded:
    located = find_repository(repo, os.environ.get("CV651_REPO"), Path.cwd())
    if located.how == "bundled":
        _err(f"cv651: no data repository here; using the bundled data at {located.root}")
    return load_repository(located.root)


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
        for diag in diags:
            typer.echo(diagnostics.as_github(diag))
        _err(f"cv651 validate: {diagnostics.summary(diags)}")
    else:
        for diag in diags:
            typer.echo(diagnostics.as_text(diag))
        _err(f"cv651 validate: {diagnostics.summary(diags)} ({loaded.root})")
    if failed:
        raise typer.Exit(ExitCode.DATA)


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="cv651")
    except BrokenPipeError:  # `cv651 status | head`
        sys.stderr.close()
        raise SystemExit(ExitCode.OK) from None
