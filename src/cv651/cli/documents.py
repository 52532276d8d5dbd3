"""`cv651 summarize` and `cv651 remind`: the documents the board signs."""

import unicodedata
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cv651.cli.app import (
    AsOfOption,
    ForceOption,
    PlanOption,
    RepoOption,
    app,
    complete_period,
    err,
    examples,
    guarded,
    is_stdout,
    open_repo,
    parse_as_of,
    read_plan,
    refuse_output,
    repo_of,
    write_document,
)
from cv651.errors import UsageError
from cv651.i18n import N_, _
from cv651.vnformat import short_date

if TYPE_CHECKING:
    from cv651.loader import Loaded
    from cv651.models import PlanFile, Repository
    from cv651.report import Draft


FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        help=N_("md, docx or pdf (default: from --output, else md); pdf needs LibreOffice."),
        show_default=False,
        metavar="md|docx|pdf",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help=N_("Write here; missing folders are created (Markdown: default or '-' stdout)."),
        dir_okay=False,
        show_default=False,
        metavar="FILE",
    ),
]
TemplateOption = Annotated[
    Path | None,
    typer.Option(
        help=N_("Use this template file."), dir_okay=False, show_default=False, metavar="FILE"
    ),
]
NumberOption = Annotated[
    str | None,
    typer.Option(
        help=N_("Document number, e.g. 125 (default: left blank)."),
        show_default=False,
        metavar="NUMBER",
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help=N_(
            "Document date (default: the --as-of date; without --as-of, "
            "the figures are counted to this date)."
        ),
        show_default=False,
    ),
]
DeadlineOption = Annotated[
    str | None,
    typer.Option(
        "--deadline",
        metavar="YYYY-MM-DD",
        help=N_("A new deadline, written 'trước ngày …' (default: 'theo quy định')."),
        show_default=False,
    ),
]
PlaceOption = Annotated[
    str | None,
    typer.Option(
        help=N_("Place in the date line (default: the plan's office's)."),
        metavar="TEXT",
        show_default=False,
    ),
]
CapacityOption = Annotated[
    str | None,
    typer.Option(
        help=N_("Signing capacity (default: the plan's office; empty: none)."),
        metavar="TEXT",
        show_default=False,
    ),
]
TitleOption = Annotated[
    str | None,
    typer.Option(
        help=N_("Signer's title (default: the plan's office)."), metavar="TEXT", show_default=False
    ),
]
SignerOption = Annotated[
    str, typer.Option(help=N_("Signer's name (default: left blank)."), metavar="NAME")
]
SkipInvalidOption = Annotated[
    bool,
    typer.Option(
        "--skip-invalid",
        help=N_(
            "Leave out the provinces whose submission file has errors; the document "
            "names them (without it, such errors stop the command)."
        ),
    ),
]
PeriodOption = Annotated[
    str,
    typer.Option(
        help=N_("The report period, e.g. 2022H1 or 2022."),
        autocompletion=complete_period,
        metavar="PERIOD",
        show_default=False,
    ),
]


def _target(output: Path | None, fmt: str | None) -> Path | None:
    """`-o -` is standard output, for Markdown; a DOCX cannot go there."""
    if not is_stdout(output):
        return output
    if fmt in ("docx", "pdf"):
        raise UsageError(
            _("a {format} document cannot go to standard output (-o -)").format(format=fmt.upper()),
            hint=_("give a file name, e.g. -o bao-cao.docx"),
        )
    return None


def _days(as_of: str | None, date_: str | None) -> tuple[date, date | None]:
    """The as-of day (default: --date, else today) and the document's date.

    A document dated before the day its figures are counted to contradicts itself
    (issue #11: dated 10/12/2022, "tính đến" today): said on stderr.
    """
    signed = parse_as_of(date_, "--date") if date_ else None
    day = parse_as_of(as_of) if as_of or signed is None else signed
    if signed is not None and signed < day:
        err(
            "cv651: "
            + _(
                "warning: --date {date} is before --as-of {as_of}: the document is dated "
                "before the day its figures are counted to"
            ).format(date=signed.isoformat(), as_of=day.isoformat())
        )
    return day, signed


def _drafting(
    repo: Path | None,
    *,
    skip_invalid: bool,
    as_of: str | None,
    date_: str | None,
    plan: str | None,
    clerk: dict[str, Any],
    signer: str,
) -> "tuple[Loaded, Repository, date, Draft]":
    """What both documents start from: the repository reading its plan, the day, the draft."""
    day, signed = _days(as_of, date_)
    loaded = open_repo(repo, day=day, drafting=True, skip_invalid=skip_invalid)
    repository = read_plan(repo_of(loaded), plan, day)
    draft = _draft(signed, day, signer=signer, plan=repository.plan, **clerk)
    return loaded, repository, day, draft


def _draft(
    signed: date | None,
    day: date,
    *,
    number: str | None,
    place: str | None,
    capacity: str | None,
    title: str | None,
    signer: str,
    plan: "PlanFile",
) -> "Draft":
    """What the clerk fills in; the document's date defaults to the as-of day, the office
    that heads it (and its place) is the plan's."""
    from cv651.report import Draft, office_fields

    options = {"--number": number, "--place": place, "--capacity": capacity, "--title": title}
    for option, value in {**options, "--signer": signer}.items():
        _refuse_control(option, value)
    return Draft(
        signed or day,
        number=number,
        signer=signer,
        **office_fields(plan, place, capacity, title),
    )


def _refuse_control(option: str, value: str | None) -> None:
    """Text typed for the document is printed in it: a control character (`$'\\x01'`)
    would break the DOCX or drive the terminal that shows the Markdown (issue #12)."""
    bad = ("Cc", "Cs", "Zl", "Zp")  # controls, undecodable bytes, line separators
    found = next((ch for ch in value or "" if unicodedata.category(ch) in bad), None)
    if found is not None:
        raise UsageError(
            _("{option}: an invisible or undecodable character (U+{code:04X})").format(
                option=option, code=ord(found)
            ),
            hint=_("type the text again without it"),
        )


@app.command(
    help=N_("Draft the synthesis report for a period, as Markdown or a signable DOCX."),
    epilog=examples(
        "cv651 summarize --period 2022H1 --as-of 2022-07-01",
        "cv651 summarize --period 2022 --date 2022-12-10 -o out/bao-cao-2022.docx",
    ),
)
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
    place: PlaceOption = None,
    capacity: CapacityOption = None,
    title: TitleOption = None,
    signer: SignerOption = "",
    skip_invalid: SkipInvalidOption = False,
    plan: PlanOption = None,
) -> None:
    from cv651.summarize import choose_format, render_summary

    output = _target(output, fmt)
    chosen = choose_format(fmt, output)
    loaded, repository, day, draft = _drafting(
        repo,
        skip_invalid=skip_invalid,
        as_of=as_of,
        date_=date_,
        plan=plan,
        clerk={"number": number, "place": place, "capacity": capacity, "title": title},
        signer=signer,
    )
    refuse_output(output, force)
    data = render_summary(repository, loaded.root, period, day, draft, chosen, template)
    write_document(data, output, force=force)


@app.command(
    help=N_("Draft the reminder letter (công văn đôn đốc) to the provinces that owe something."),
    epilog=examples(
        "cv651 remind --period 2022H1 --as-of 2022-07-01",
        "cv651 remind --period 2022 --as-of 2022-11-20 --due-within 15 -o nhac.docx",
    ),
)
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
    place: PlaceOption = None,
    capacity: CapacityOption = None,
    title: TitleOption = None,
    signer: SignerOption = "",
    skip_invalid: SkipInvalidOption = False,
    due_within: Annotated[
        int | None,
        typer.Option(
            "--due-within",
            min=0,
            metavar="DAYS",
            show_default=False,
            help=N_(
                "Also remind of requirements still pending that fall due within DAYS days "
                "(the letter asks to send them before the due date)."
            ),
        ),
    ] = None,
    deadline: DeadlineOption = None,
    plan: PlanOption = None,
) -> None:
    from cv651.reminder import build_reminder
    from cv651.summarize import choose_format, render_reminder

    output = _target(output, fmt)
    chosen = choose_format(fmt, output)
    loaded, repository, day, draft = _drafting(
        repo,
        skip_invalid=skip_invalid,
        as_of=as_of,
        date_=date_,
        plan=plan,
        clerk={"number": number, "place": place, "capacity": capacity, "title": title},
        signer=signer,
    )
    new_deadline = parse_as_of(deadline, option="--deadline") if deadline else None
    context = build_reminder(repository, period, day, draft, new_deadline, due_within=due_within)
    if not context["provinces"]:
        nobody = (
            _("as of {day} no province is overdue or incomplete; no letter")
            if due_within is None
            else _(
                "as of {day} no province is overdue, incomplete or due within {days} days; "
                "no letter"
            )
        )
        err("cv651: " + nobody.format(day=short_date(day), days=due_within))
        return
    refuse_output(output, force)
    write_document(render_reminder(context, loaded.root, chosen, template), output, force=force)
