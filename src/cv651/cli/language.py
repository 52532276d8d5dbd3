"""`--lang` on every command, and the texts Typer writes itself in that language.

Typer (0.29) carries its own copy of Click, whose texts (`Usage:`, `Show this
message and exit.`, usage errors) are fixed English, not gettext calls; only
typer.core asks the standard library's global gettext, which reads its language
from the environment (pallets/click#2706). So the app's classes below write
those texts through cv651.i18n: the usage line, the --help option, the usage
errors (cv651.cli.usage_errors), and typer.core's `_` is pointed at cv651.i18n.

The language is read from the command line before it is parsed, so that
`cv651 validate --help --lang en` is English whatever the order. Help texts are
English msgids (`N_`), translated on every run: a test may run one app in both
languages.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from typing import Annotated, Any

import typer
import typer.core
from typer import _click

from cv651 import i18n
from cv651.cli import usage_errors
from cv651.i18n import N_, _

typer.core._ = i18n._  # type: ignore[attr-defined]  # Options, Commands, [default: …]

# typer.core's gettext texts, and Typer's fixed ones this module translates: marked
# for `pybabel extract` (tests/test_languages.py checks that Typer still writes them).
TYPER_TEXTS = (
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("No such command {name!r}."),
    N_("Missing command."),
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)
LANG_HELP = N_("Language of messages and help: vi (Vietnamese, the default) or en.")
_FIELDS = ("help", "short_help", "epilog", "options_metavar", "subcommand_metavar")
_MSGIDS = "_cv651_msgids"  # the English texts of a command or parameter, kept on it


class Lang(StrEnum):
    vi = "vi"
    en = "en"


def language_in(args: Sequence[str]) -> str | None:
    """The value of the last `--lang X` / `--lang=X` before `--`, if any."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def _set_language(value: Lang | None) -> None:
    if value is not None:
        i18n.set_language(value.value)


def _lang_param() -> _click.Parameter:
    """`--lang`, as Typer builds it (its Click takes Typer's parameters only)."""
    probe = typer.Typer()

    @probe.command()
    def _probe(
        lang: Annotated[
            Lang | None,
            typer.Option(
                "--lang",
                metavar="vi|en",
                envvar=None,
                case_sensitive=False,
                is_eager=True,
                expose_value=False,
                show_default=False,
                callback=_set_language,
                help=LANG_HELP,
            ),
        ] = None,
    ) -> None: ...

    return typer.main.get_command(probe).params[0]


def _texts(command: _click.Command) -> Iterator[Any]:
    """The command and its parameters, and its subcommands' in turn."""
    yield command
    yield from command.params
    for sub in getattr(command, "commands", {}).values():
        yield from _texts(sub)


def _commented(line: str) -> str:
    """An example line as written, its trailing `# comment` (a msgid) translated."""
    command, mark, comment = line.partition("   # ")
    return command + mark + _(comment) if mark else line


def _translated(text: str) -> str:
    """Each paragraph is a msgid; of a `\b` paragraph (examples, kept as written) the heading."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        if paragraph.startswith("\b\n"):
            head, newline, rest = paragraph[2:].partition("\n")
            lines = (_commented(line) for line in rest.split("\n"))
            paragraphs.append("\b\n" + _(head) + newline + "\n".join(lines))
        else:
            paragraphs.append(_(paragraph) if paragraph.strip() else paragraph)
    return "\n\n".join(paragraphs)


def _localize(objs: Iterable[Any]) -> None:
    """Texts in the language of this run, from the English msgids kept on each object.
    Only what this run can show: the app and its command list, then the command run
    (its own make_context); not every option of all eleven commands (issue 17)."""
    for obj in objs:
        if not hasattr(obj, _MSGIDS):
            setattr(obj, _MSGIDS, {f: getattr(obj, f) for f in _FIELDS if hasattr(obj, f)})
        for field, msgid in getattr(obj, _MSGIDS).items():
            setattr(obj, field, _translated(msgid) if msgid else msgid)


class _Localized(_click.Command):
    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: _click.Context | None = None,
        **extra: Any,
    ) -> _click.Context:
        self.localize(args)
        return super().make_context(info_name, args, parent, **extra)

    def localize(self, args: list[str]) -> None:
        """Its own texts, and its options', in the language of this run."""
        _localize([self, *self.params])

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        pieces = " ".join(self.collect_usage_pieces(ctx))
        formatter.write_usage(ctx.command_path, pieces, prefix=_("Usage:") + " ")

    def get_help_option(self, ctx: _click.Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class LocalizedCommand(_Localized, typer.core.TyperCommand):
    """Every command of the app (LocalizedTyper.command makes them of this class)."""


class LocalizedGroup(_Localized, typer.core.TyperGroup):
    """The app: `--lang` on it and on every command, and texts in that language."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        lang = _lang_param()
        for obj in _texts(self):
            if isinstance(obj, _click.Command):
                obj.params.append(lang)

    def localize(self, args: list[str]) -> None:
        """The language is read off the whole command line first; then the app's texts
        and the list of commands with their short help."""
        i18n.set_language(language_in(args))
        super().localize(args)
        _localize(self.commands.values())

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Typer's main, with the usage errors written by cv651.cli.usage_errors."""
        run = functools.partial(
            super().main, args, prog_name, complete_var, False, windows_expand_args, **extra
        )
        if not standalone_mode:
            return run()
        try:
            code = run()
        except _click.exceptions.ClickException as exc:
            usage_errors.show(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo(_("Aborted!"), err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    # `cv651 --help` lists commands in the order of a clerk's day, not of registration.
    ORDER = (
        "validate", "status", "show", "summarize", "remind", "export",
        "record", "ingest", "schema", "owners", "init",
    )  # fmt: skip

    def list_commands(self, ctx: _click.Context) -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: i for i, name in enumerate(self.ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))

    def resolve_command(self, ctx: _click.Context, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _click.exceptions.UsageError as exc:  # Typer adds an English "Did you mean"
            usage_errors.localize_suggestion(exc)
            raise


class LocalizedTyper(typer.Typer):
    """A Typer app whose commands are LocalizedCommand unless told otherwise."""

    def command(
        self, *args: Any, cls: type[Any] | None = None, **kwargs: Any
    ) -> Callable[..., Any]:
        return super().command(*args, cls=cls or LocalizedCommand, **kwargs)
