"""`cv651 summarize` and `cv651 remind`: the documents the board signs."""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cv651.cli.app import (
    AsOfOption,
    ForceOption,
    RepoOption,
    app,
    complete_period,
    err,
    guarded,
    open_repo,
    parse_as_of,
    refuse_output,
    repo_of,
    write_document,
)

if TYPE_CHECKING:
    from cv651.report import Draft


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
    typer.Option(help="The report period, e.g. 2022H1 or 2022.", autocompletion=complete_period),
]


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
        parse_as_of(date_) if date_ else day,
        number=number,
        place=place,
        capacity=capacity,
        title=title,
        signer=signer,
    )


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
    loaded = open_repo(repo)
    day = parse_as_of(as_of)
    draft = _draft(
        date_, day, number=number, place=place, capacity=capacity, title=title, signer=signer
    )
    refuse_output(output, force)
    data = render_summary(repo_of(loaded), loaded.root, period, day, draft, chosen, template)
    write_document(data, output, force=force)


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
    loaded = open_repo(repo)
    day = parse_as_of(as_of)
    draft = _draft(
        date_, day, number=number, place=place, capacity=capacity, title=title, signer=signer
    )
    context = build_reminder(repo_of(loaded), period, day, draft)
    if not context["provinces"]:
        err(f"cv651: as of {day.isoformat()} no province is overdue or incomplete; no letter")
        return
    refuse_output(output, force)
    write_document(render_reminder(context, loaded.root, chosen, template), output, force=force)
