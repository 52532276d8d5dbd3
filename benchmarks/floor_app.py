"""The start-up floor: a Typer app with cv651's commands and options that do nothing.

    python benchmarks/floor_app.py --help
    python benchmarks/floor_app.py status --repo X

What `cv651 --help` and `cv651 status` cost beyond this is cv651's own start-up.
The commands, their options and the options' types are cv651's own (`--lang` on
each, as cv651 adds it); tests/test_benchmark_data.py keeps them in step with the
cv651.cli package. Help texts are one line each, in English: translating them is
part of what cv651 costs.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None)


class Lang(StrEnum):
    vi = "vi"
    en = "en"


class DiagFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class IngestFormat(StrEnum):
    text = "text"
    json = "json"


Repo = Annotated[Path | None, typer.Option("--repo", file_okay=False, help="The data repository.")]
AsOf = Annotated[str | None, typer.Option("--as-of", help="As of this day.")]
Period = Annotated[str | None, typer.Option("--period", help="Only this period.")]
Format = Annotated[str | None, typer.Option("--format", help="The output format.")]
Output = Annotated[Path | None, typer.Option("--output", "-o", dir_okay=False, help="Write here.")]
Force = Annotated[bool, typer.Option("--force", help="Replace an existing file.")]
Plan = Annotated[str | None, typer.Option("--plan", help="Read under this plan.")]
Text = Annotated[str | None, typer.Option(help="A text.")]
LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", case_sensitive=False, is_eager=True, help="vi or en."),
]


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", "-V", is_eager=True)] = False,
    lang: LangOption = None,
) -> None:
    """Do nothing, as cv651 would do something."""


@app.command()
def validate(
    repo: Repo = None,
    fmt: Annotated[DiagFormat | None, typer.Option("--format", help="How to write.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    base: Annotated[str | None, typer.Option("--base", help="A git revision.")] = None,
    author_province: Annotated[str | None, typer.Option(help="The author's unit.")] = None,
    lang: LangOption = None,
) -> None:
    """Check the data repository."""


@app.command()
def status(
    repo: Repo = None,
    as_of: AsOf = None,
    period: Period = None,
    region: Annotated[list[str] | None, typer.Option(help="Only this region.")] = None,
    province: Annotated[list[str] | None, typer.Option(help="Only this unit.")] = None,
    only_gaps: Annotated[bool, typer.Option("--only-gaps", help="Only gaps.")] = False,
    fmt: Annotated[StatusFormat, typer.Option("--format", help="How to write.")] = (
        StatusFormat.table
    ),
    fail_on_gaps: Annotated[bool, typer.Option("--fail-on-gaps", help="Exit 1.")] = False,
    plan: Plan = None,
    lang: LangOption = None,
) -> None:
    """Who has done what."""


@app.command()
def show(
    province: str, repo: Repo = None, as_of: AsOf = None, plan: Plan = None, lang: LangOption = None
) -> None:
    """One province in full."""


@app.command()
def summarize(
    period: Annotated[str, typer.Option(help="The period.")],
    repo: Repo = None,
    as_of: AsOf = None,
    fmt: Format = None,
    output: Output = None,
    template: Annotated[Path | None, typer.Option(help="A template.")] = None,
    force: Force = False,
    number: Text = None,
    date_: Annotated[str | None, typer.Option("--date", help="The date.")] = None,
    place: Text = None,
    capacity: Text = None,
    title: Text = None,
    signer: Annotated[str, typer.Option(help="A text.")] = "",
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Leave out.")] = False,
    plan: Plan = None,
    lang: LangOption = None,
) -> None:
    """Draft the synthesis report."""


@app.command()
def remind(
    period: Annotated[str, typer.Option(help="The period.")],
    repo: Repo = None,
    as_of: AsOf = None,
    fmt: Format = None,
    output: Output = None,
    template: Annotated[Path | None, typer.Option(help="A template.")] = None,
    force: Force = False,
    number: Text = None,
    date_: Annotated[str | None, typer.Option("--date", help="The date.")] = None,
    place: Text = None,
    capacity: Text = None,
    title: Text = None,
    signer: Annotated[str, typer.Option(help="A text.")] = "",
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Leave out.")] = False,
    due_within: Annotated[int | None, typer.Option("--due-within", help="Days.")] = None,
    deadline: Annotated[str | None, typer.Option("--deadline", help="A day.")] = None,
    plan: Plan = None,
    lang: LangOption = None,
) -> None:
    """Draft a reminder letter."""


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="Write here.")],
    fmt: Format = None,
    repo: Repo = None,
    as_of: AsOf = None,
    period: Period = None,
    force: Force = False,
    plan: Plan = None,
    lang: LangOption = None,
) -> None:
    """Export the status matrix."""


@app.command()
def record(
    province: str,
    kind: Text = None,
    number: Text = None,
    date_: Annotated[str | None, typer.Option("--date", help="The date.")] = None,
    received: Text = None,
    period: Text = None,
    plan: Text = None,
    issuer: Annotated[list[str] | None, typer.Option(help="A body.")] = None,
    recipient: Annotated[list[str] | None, typer.Option(help="A body.")] = None,
    title: Text = None,
    indicator: Annotated[list[str] | None, typer.Option(help="key=value.")] = None,
    attach: Annotated[Path | None, typer.Option(help="A file.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show only.")] = False,
    repo: Repo = None,
    lang: LangOption = None,
) -> None:
    """Record a document received."""


@app.command()
def ingest(
    files: list[Path],
    province: Text = None,
    write: Annotated[bool, typer.Option("--write", help="Record it.")] = False,
    received: Text = None,
    fmt: Annotated[IngestFormat, typer.Option("--format", help="How to write.")] = (
        IngestFormat.text
    ),
    repo: Repo = None,
    lang: LangOption = None,
) -> None:
    """Read Word and PDF reports."""


@app.command()
def schema(
    output: Annotated[Path, typer.Option("--output", "-o", help="Write here.")] = Path("schemas"),
    repo: Repo = None,
    lang: LangOption = None,
) -> None:
    """Write JSON Schemas."""


@app.command()
def owners(
    repo: Repo = None,
    pattern: Annotated[str, typer.Option(help="A team.")] = "@ORG/team-{code}",
    central: Annotated[str, typer.Option(help="A team.")] = "@ORG/central",
    output: Output = None,
    force: Force = False,
    lang: LangOption = None,
) -> None:
    """Write CODEOWNERS."""


@app.command()
def init(
    directory: Path,
    ci: Annotated[str, typer.Option(help="github or gitlab.")] = "github",
    force: Force = False,
    lang: LangOption = None,
) -> None:
    """Scaffold a data repository."""


if __name__ == "__main__":
    app()
