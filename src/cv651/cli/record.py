"""`cv651 record`: one received document into its province's file, checked and atomic."""

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from cv651.cli.app import (
    RepoOption,
    app,
    complete_period,
    complete_province,
    err,
    examples,
    guarded,
    load_repo,
    parse_as_of,
    parse_option,
    read_plan,
)
from cv651.errors import UsageError
from cv651.i18n import N_, _
from cv651.vnformat import short_date

if TYPE_CHECKING:
    from cv651.loader import Loaded
    from cv651.models import PlanFile
    from cv651.record import NewDocument

T = TypeVar("T")


def _complete_kind(incomplete: str) -> list[str]:
    from cv651.completion import kinds

    return kinds(incomplete)


def _complete_body(incomplete: str) -> list[str]:
    from cv651.completion import bodies

    return bodies(incomplete)


def _complete_indicator(incomplete: str) -> list[str]:
    from cv651.completion import indicators

    return indicators(incomplete)


def interactive() -> bool:
    """Prompts only where a person can answer them (tests replace this)."""
    return sys.stdin.isatty()


@app.command(
    help=N_(
        "Record a received document in its province's file (checked first, written atomically)."
    ),
    epilog=examples(
        "cv651 record 10 --kind report --period 2022H1 --number 95-BC/BDVTU \\",
        "  --date 2022-06-15 --received 2022-06-27 --issuer BDVTU \\",
        "  --recipient TU --recipient BDVTW --recipient UBDT --attach 95-BC.pdf",
        "cv651 record 'Lào Cai'   # " + N_("asks for each missing value on a terminal"),
    ),
)
@guarded
def record(
    province: Annotated[
        str,
        typer.Argument(
            metavar="PROVINCE",
            help=N_("Code, name or alias of the province that sent the document."),
            autocompletion=complete_province,
        ),
    ],
    kind: Annotated[
        str | None,
        typer.Option(
            metavar="KIND",
            help=N_("local_plan, programme_review or report."),
            autocompletion=_complete_kind,
        ),
    ] = None,
    number: Annotated[
        str | None,
        typer.Option(
            metavar="NUMBER", help=N_("The document's number: 95-BC/BDVTU."), show_default=False
        ),
    ] = None,
    date_: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help=N_("The document's own date.")),
    ] = None,
    received: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD", help=N_("When the centre received it (default: today).")
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            metavar="PERIOD",
            help=N_("The report's period: 2022H1 or 2022."),
            autocompletion=complete_period,
        ),
    ] = None,
    plan: Annotated[
        str | None,
        typer.Option(
            metavar="ID", help=N_("The plan it answers (id or number)."), show_default=False
        ),
    ] = None,
    issuer: Annotated[
        list[str] | None,
        typer.Option(
            metavar="BODY",
            help=N_("Issuing body (key of the plan's bodies); repeatable."),
            autocompletion=_complete_body,
        ),
    ] = None,
    recipient: Annotated[
        list[str] | None,
        typer.Option(
            metavar="BODY",
            help=N_("A body it is sent to; repeatable."),
            autocompletion=_complete_body,
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option(metavar="TEXT", help=N_("The title (trích yếu)."))
    ] = None,
    indicator: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ID=VALUE",
            help=N_("A figure of the report: conferences=12; repeatable."),
            autocompletion=_complete_indicator,
        ),
    ] = None,
    attach: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help=N_("Copy this file into attachments/CODE/ and record its path."),
            dir_okay=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=N_("Check and show the entry; write nothing."))
    ] = False,
    repo: RepoOption = None,
) -> None:
    from cv651.names import resolve_province
    from cv651.record import NewDocument

    loaded = load_repo(repo)
    if loaded.repository is None or loaded.errors:  # a broken file anywhere stops it
        from cv651.record import NotRecorded

        raise NotRecorded(loaded.diagnostics)
    repository = loaded.repository
    number_ = _value("--number", number, _ask_number)
    day = parse_as_of(_value("--date", date_, _ask_day), "--date")
    # the plan a document answers is the latest issued by its own date (design, "Several plans")
    repository = read_plan(repository, plan, day)
    asked = _Choices(repository.plan)
    kind = _value("--kind", kind, asked.kind)
    periodic = repository.plan.periodic_kinds
    received_day = parse_as_of(received, "--received")  # default: today
    # Names resolve among the units in force on the document's day: a 2022 report
    # of Lào Cai goes to 10, not to the Lào Cai (15) of 01/07/2025.
    units = repository.units
    chosen = units.named(resolve_province(units, province, day).code, day)
    document = NewDocument(
        province=chosen,
        kind=kind,
        number=number_,
        date=day,
        received=received_day,
        period=_value("--period", period, asked.period) if kind in periodic else period,
        issuers=tuple(issuer or _value("--issuer", None, asked.bodies)),
        recipients=tuple(recipient or ()),
        title=title,
        indicators=parse_indicators(indicator or ()),
        attach=attach,
        plan=repository.plan_id,
    )
    record_documents(loaded, [document], dry_run=dry_run)
    if received is None:
        err(
            "cv651: "
            + _(
                "--received not given: recorded as received today, {day} "
                "(give --received if it came earlier)"
            ).format(day=short_date(document.counts_from))
        )


def parse_indicators(values: list[str] | tuple[str, ...]) -> dict[str, int]:
    from cv651.fields import parse_count

    found: dict[str, int] = {}
    for item in values:
        name, sep, count = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(
                _("--indicator '{value}' is not ID=VALUE").format(value=item),
                hint=_("e.g. conferences=12"),
            )
        found[name.strip()] = parse_option(f"--indicator {name.strip()}", parse_count, count)
    return found


def _value(option: str, given: T | None, ask: Callable[[], T]) -> T:
    """A value from its option, else asked for on a terminal; else exit 2 naming it."""
    if given is not None:
        return given
    if not interactive():
        raise UsageError(
            _("missing {option}").format(option=option), hint=_("give it on the command line")
        )
    return ask()


def _ask_number() -> str:
    return str(typer.prompt(_("Number (--number), e.g. 95-BC/BDVTU"))).strip()


def _ask_day() -> str:
    return str(typer.prompt(_("The document's date (--date), YYYY-MM-DD"))).strip()


class _Choices:
    """The prompts that offer the plan's kinds, periods and bodies."""

    def __init__(self, plan: "PlanFile") -> None:
        self.plan = plan

    def kind(self) -> str:
        return _choose(_("Document kind (--kind)"), list(self.plan.document_kinds))[0]

    def period(self) -> str:
        return _choose(_("Report period (--period)"), list(self.plan.periods))[0]

    def bodies(self) -> list[str]:
        return _choose(_("Issuing bodies (--issuer)"), list(self.plan.bodies), many=True)


def _choose(text: str, choices: list[str], *, many: bool = False) -> list[str]:
    """One prompt; the answer must be one of `choices` (several, with commas, if `many`)."""

    def check(answer: str) -> list[str]:
        chosen = [a.strip() for a in answer.replace(";", ",").split(",") if a.strip()]
        unknown = [a for a in chosen if a not in choices]
        if not chosen or unknown or (len(chosen) > 1 and not many):
            raise typer.BadParameter(_("choose from {choices}").format(choices=", ".join(choices)))
        return chosen

    several = _("; several with commas") if many else ""
    answer: list[str] = typer.prompt(f"{text} [{', '.join(choices)}{several}]", value_proc=check)
    return answer


def record_documents(loaded: "Loaded", documents: "list[NewDocument]", *, dry_run: bool) -> None:
    """Check, write (unless dry_run) and tell what changed: shared with `ingest --write`."""
    from cv651 import diagnostics
    from cv651.record import apply, prepare

    change, _after = prepare(loaded, documents, date.today())
    for warning in change.warnings:
        err(diagnostics.as_text(warning))
    if not dry_run:
        apply(change, lambda: err("cv651: " + _("waiting for another recording to finish…")))
    for rel, file in change.files.items():
        if dry_run:
            line = (
                _("would add to {file}:")
                if file.old is not None
                else _("would add to {file} (new file):")
            )
        else:
            line = (
                _("added to {file}:") if file.old is not None else _("added to {file} (new file):")
            )
        typer.echo(line.format(file=rel))
        for entry in file.entries:
            typer.echo(entry, nl=False)
    for _source, rel in change.copies:
        copied = (
            _("would copy the attachment to {path}")
            if dry_run
            else _("copied the attachment to {path}")
        )
        typer.echo(copied.format(path=rel))
    for transition in change.transitions:
        typer.echo(transition.describe())
    if dry_run:
        err("cv651: " + _("--dry-run: nothing was written"))
