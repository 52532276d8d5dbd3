"""The start-up floor: a Typer app with cv651's commands and options that do nothing.

    python benchmarks/floor_app.py --help
    python benchmarks/floor_app.py status --repo X

What `cv651 --help` and `cv651 status` cost beyond this is cv651's own start-up.
Keep the commands and options in step with the cv651.cli package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None)

Repo = Annotated[Path | None, typer.Option("--repo", file_okay=False)]
AsOf = Annotated[str | None, typer.Option("--as-of")]
Period = Annotated[str | None, typer.Option("--period")]
Format = Annotated[str | None, typer.Option("--format")]
Output = Annotated[Path | None, typer.Option("--output", "-o", dir_okay=False)]
Force = Annotated[bool, typer.Option("--force")]


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", is_eager=True)] = False) -> None:
    """Do nothing, as cv651 would do something."""


@app.command()
def validate(repo: Repo = None, fmt: Format = None, strict: bool = False) -> None:
    """Check the data repository."""


@app.command()
def status(
    repo: Repo = None,
    as_of: AsOf = None,
    period: Period = None,
    region: Annotated[list[str] | None, typer.Option()] = None,
    province: Annotated[list[str] | None, typer.Option()] = None,
    only_gaps: bool = False,
    fmt: Format = None,
    fail_on_gaps: bool = False,
) -> None:
    """Who has done what."""


@app.command()
def show(province: str, repo: Repo = None, as_of: AsOf = None) -> None:
    """One province in full."""


@app.command()
def summarize(
    period: Annotated[str, typer.Option()],
    repo: Repo = None,
    as_of: AsOf = None,
    fmt: Format = None,
    output: Output = None,
    template: Annotated[Path | None, typer.Option()] = None,
    force: Force = False,
    number: Annotated[str | None, typer.Option()] = None,
    date_: Annotated[str | None, typer.Option("--date")] = None,
    place: str = "Hà Nội",
    capacity: str = "K/T TRƯỞNG BAN",
    title: str = "PHÓ TRƯỞNG BAN",
    signer: str = "",
) -> None:
    """Draft the synthesis report."""


@app.command()
def schema(output: Annotated[Path | None, typer.Option("--output", "-o")] = None) -> None:
    """Write JSON Schemas."""


@app.command()
def init(directory: Path, force: Force = False) -> None:
    """Scaffold a data repository."""


@app.command()
def export(
    repo: Repo = None,
    fmt: Format = None,
    output: Output = None,
    as_of: AsOf = None,
    period: Period = None,
    force: Force = False,
) -> None:
    """Export the status matrix."""


@app.command()
def remind(
    period: Annotated[str, typer.Option()],
    repo: Repo = None,
    as_of: AsOf = None,
    fmt: Format = None,
    output: Output = None,
    force: Force = False,
) -> None:
    """Draft a reminder letter."""


if __name__ == "__main__":
    app()
