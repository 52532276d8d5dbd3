"""The app, its error boundary and what every command family shares.

The command line is the only package that imports typer, and `guarded` is the
one error boundary: project errors become a message on stderr and an exit code
(cv651.errors.ExitCode). Each command family lives in a module of its own.
"""

import contextlib
import functools
import os
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
import typer._completion_classes
import typer.core

from cv651 import __version__, diagnostics
from cv651.cli.language import LocalizedGroup, LocalizedTyper
from cv651.errors import Cv651Error, DataErrors, ExitCode, UsageError
from cv651.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from cv651.loader import Loaded
    from cv651.models import Repository

# The core (pydantic models, holidays, rich, Jinja, python-docx) is imported inside
# the commands that use it, so `cv651 --help` and completion stay fast.

P = ParamSpec("P")
R = TypeVar("R")

app = LocalizedTyper(
    name="cv651",
    help=N_("Follow Letter 651-CV/BDVTW across the provinces: who has done what, and the reports."),
    cls=LocalizedGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _argument_type(self: typer.core.TyperArgument, ctx: Any) -> str | None:
    """An argument's name (PROVINCE, DIR) says what to type; Typer would add `<str>`."""
    return None


def _option_value(self: typer.core.TyperOption, ctx: Any) -> str | None:
    """What to type after an option (issue #11: `md|docx`, `YYYY-MM-DD`, `PROVINCE`, not
    `<list[str]>`): its metavar, else its choices, FILE/DIR for paths, else its name."""
    if self.metavar is not None:
        return self.metavar
    shown = (self.display_type(ctx) or "").strip("<>")
    if "|" in shown and not shown.startswith("list["):
        value = shown
    elif shown in ("file", "directory", "dir", "path"):
        value = {"file": "FILE", "path": "PATH"}.get(shown, "DIR")
    else:
        value = (self.name or "value").upper()
    return value + ("..." if self.nargs != 1 else "")


typer.core.TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign,assignment]
typer.core.TyperOption.display_type_rich = _option_value  # type: ignore[method-assign]

# Characters bash would split or expand in an inserted completion.
_BASH_SPECIAL = re.compile(r"""([\s'"\\$`|&;()<>*?\[\]{}!#~])""")


def _bash_value(self: Any, item: Any) -> str:
    """Bash inserts a completion as it is: `Đắk Lắk` became two words, and two names
    that share `Đắk ` inserted `Đắk ` (issue #11). Escaped, it is one word."""
    return _BASH_SPECIAL.sub(r"\\\1", str(item.value))


typer._completion_classes.BashComplete.format_completion = _bash_value  # type: ignore[method-assign]


def examples(*lines: str) -> str:
    """A command's help ends with examples; click keeps a paragraph after \\b as written."""
    return "\b\n" + N_("Examples:") + "\n" + "\n".join(f"  {line}" for line in lines)


RepoOption = Annotated[
    Path | None,
    typer.Option(
        "--repo",
        help=N_(
            "The data repository (default: $CV651_REPO, the nearest "
            "folder holding data/provinces.yaml, else the bundled data)."
        ),
        file_okay=False,
        show_default=False,
        metavar="DIR",
    ),
]


def complete_period(incomplete: str) -> list[str]:
    from cv651.completion import periods

    return periods(incomplete)


def complete_province(incomplete: str) -> list[tuple[str, str]]:
    from cv651.completion import provinces

    return provinces(incomplete)


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        show_default=False,
        help=N_("The day to look from (default: today). Documents counted after it are ignored."),
    ),
]


PeriodFilterOption = Annotated[
    str | None,
    typer.Option(
        help=N_("Only this report period (e.g. 2022H1)."),
        autocompletion=complete_period,
        metavar="PERIOD",
        show_default=False,
    ),
]


def complete_plan(incomplete: str) -> list[str]:
    from cv651.completion import plans

    return plans(incomplete)


PlanOption = Annotated[
    str | None,
    typer.Option(
        "--plan",
        help=N_(
            "The plan to read: its id (40 for data/plan_40.yaml) or its number "
            "(default: the only plan, else the latest issued by --as-of)."
        ),
        autocompletion=complete_plan,
        metavar="ID",
        show_default=False,
    ),
]


def read_plan(repository: "Repository", wanted: str | None, as_of: date) -> "Repository":
    """The repository reading the plan --plan names, or the default one (said on stderr)."""
    from cv651.plans import choose_plan

    chosen, note = choose_plan(repository, wanted, as_of)
    if note:
        err(f"cv651: {note}")
    return chosen


def err(message: str) -> None:
    """A message on stderr; what came from a data file or an option cannot drive the
    terminal or forge a line in a CI log: control characters are shown escaped."""
    from cv651.text import visible

    typer.echo("\n".join(visible(line) for line in message.split("\n")), err=True)


def discard_stdout() -> None:
    """What is still buffered for a reader that has gone would fail again at exit
    (click would then exit 1 without a word)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """The error boundary every command runs inside."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except DataErrors as exc:
            for diag in exc.diagnostics:
                if diag.is_error:
                    err(diagnostics.as_text(diag))
            err(f"cv651: {exc.message}; {exc.hint}")
            raise typer.Exit(exc.exit_code) from None
        except Cv651Error as exc:
            err(f"cv651: {exc.message}" + (f" ({exc.hint})" if exc.hint else ""))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err("cv651: " + _("interrupted; no output file was left half-written"))
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:  # `cv651 show 02 | head -1`: the reader has all it wanted
            discard_stdout()
            raise typer.Exit(ExitCode.OK) from None
        except (typer.Exit, typer.Abort):
            raise
        except OSError as exc:  # the machine, not cv651: permissions, a full disk
            where = f" ({exc.filename})" if exc.filename else ""
            err(f"cv651: {exc.strerror or exc}{where}")
            raise typer.Exit(ExitCode.DATA) from None
        except Exception as exc:  # the boundary: never a traceback
            if os.environ.get("CV651_DEBUG"):
                raise
            err(
                "cv651: "
                + _("internal error: {kind}: {error}").format(kind=type(exc).__name__, error=exc)
            )
            err(
                _(
                    "This is a bug in cv651. Please report it with the command you ran; "
                    "set CV651_DEBUG=1 to see the traceback."
                )
            )
            raise typer.Exit(ExitCode.BUG) from None

    return wrapper


def load_repo(repo: Path | None) -> "Loaded":
    from cv651.loader import load_repository
    from cv651.paths import find_repository

    located = find_repository(repo, os.environ.get("CV651_REPO"), Path.cwd())
    if located.how == "bundled":
        err(
            "cv651: "
            + _("no data repository here; using the bundled data at {path}").format(
                path=located.root
            )
        )
    return load_repository(located.root)


def open_repo(
    repo: Path | None,
    *,
    day: date | None = None,
    drafting: bool = False,
    skip_invalid: bool = False,
) -> "Loaded":
    """Load the repository for a reading command; `day` (--as-of) names the units.

    Errors in the shared files stop every command. Errors only in submission
    files (design.md, "A repository with some broken files"): tables go on with
    those provinces `invalid`; documents (`drafting`) refuse unless `skip_invalid`.
    """
    loaded = load_repo(repo)
    if loaded.repository is None:
        raise DataErrors(loaded.diagnostics)
    broken = loaded.invalid_files
    if not broken:
        return loaded
    if drafting and not skip_invalid:
        raise DataErrors(
            loaded.diagnostics,
            hint=_(
                "an official document does not leave provinces out silently: fix them, "
                "or give --skip-invalid and the document names the provinces left out"
            ),
        )
    units, invalid = repo_of(loaded).units, repo_of(loaded).invalid
    on = day or date.today()  # Thừa Thiên Huế as of 2022, Huế today
    names = ", ".join(units.named(c, on).name for c in units.codes if c in invalid)
    err(
        "cv651: "
        + ngettext(
            "{n} submission file has errors ({files})",
            "{n} submission files have errors ({files})",
            len(broken),
        ).format(n=len(broken), files=", ".join(broken))
        + "; "
        + (
            _("left out: {names}").format(names=names or "-")
            if drafting
            else _("shown as invalid: {names}").format(names=names or "-")
        )
        + "; "
        + _("run `cv651 validate` for the list")
    )
    return loaded


def repo_of(loaded: "Loaded") -> "Repository":
    assert loaded.repository is not None  # open_repo refused it otherwise
    return loaded.repository


def parse_as_of(value: str | None, option: str = "--as-of") -> date:
    from cv651.fields import parse_date

    return date.today() if value is None else parse_option(option, parse_date, value)


def parse_option(option: str, parser: Callable[[Any], R], value: Any) -> R:
    """An option's value through a field parser (cv651.fields): a bad one is exit 2,
    with the parser's own message and hint."""
    try:
        return parser(value)
    except ValueError as exc:  # PydanticCustomError is a ValueError
        context = getattr(exc, "context", None) or {}
        raise UsageError(
            f"{option}: {context.get('message', exc)}", hint=context.get("hint")
        ) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cv651 {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help=N_("Show the version and exit."),
        ),
    ] = False,
) -> None:
    """Theo dõi thực hiện Công văn 651-CV/BDVTW — follow Letter 651 across the provinces."""


ForceOption = Annotated[
    bool, typer.Option("--force", help=N_("Overwrite an existing output file."))
]


def is_stdout(output: Path | None) -> bool:
    """`-o -` is standard output, as in most tools (a file named - is `-o ./-`)."""
    return output is not None and str(output) == "-"


def refuse_stdout(output: Path | None, what: str) -> None:
    """For outputs that are not one text: `-o -` is refused, never a file named '-'."""
    if is_stdout(output):
        raise UsageError(
            _("{what} cannot go to standard output (-o -)").format(what=what),
            hint=_("give a file or folder name"),
        )


def write_document(data: bytes, output: Path | None, *, force: bool) -> None:
    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        write_documents([(output, data)], force=force)


def write_documents(outputs: list[tuple[Path, bytes]], *, force: bool) -> None:
    """Every file or none (cv651.output.write_all), never under a repository's data/."""
    from cv651.output import refuse_data_folder, write_all

    for path, _content in outputs:
        refuse_data_folder(path)
    write_all(outputs, force=force)
    for path, _content in outputs:
        err("cv651: " + _("wrote {path}").format(path=path))


def refuse_output(output: Path | None, force: bool) -> None:
    """Before any work, so that a refusal costs nothing."""
    from cv651.output import refuse_data_folder, refuse_existing

    refuse_data_folder(output)
    refuse_existing(output, force=force)
