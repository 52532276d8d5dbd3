"""Usage errors (a missing option, a bad value) in the chosen language.

Typer's copy of Click writes them in fixed English; this rewrites the ones a
clerk meets, from the exception's fields where it has them and from the text
otherwise, and leaves any other in English. The exit code is Click's (2).
"""

from __future__ import annotations

import re

import typer
from typer import _click

from cv651.i18n import N_, _
from cv651.text import visible

Exceptions = _click.exceptions

# English text of a usage error -> msgid; the named groups fill the placeholders.
_PATH = r"(?P<kind>file|directory|path) (?P<path>.+) "
_MESSAGES = (
    (r"Option (?P<name>'.+') requires an argument\.", N_("Option {name} requires an argument.")),
    (r"Option (?P<name>'.+') does not take a value\.", N_("Option {name} does not take a value.")),
    (
        r"Got unexpected extra argument\(s\) \((?P<args>.*)\)",
        N_("Got unexpected extra argument(s) ({args})"),
    ),
    (
        r"(?:Value error, )?(?P<value>.+) is not one of (?P<choices>.+)\.",
        N_("{value} is not one of {choices}."),
    ),
    (_PATH + r"does not exist\.", N_("{kind} {path} does not exist.")),
    (_PATH + r"is a file\.", N_("{kind} {path} is a file.")),
    (_PATH + r"is a directory\.", N_("{kind} {path} is a directory.")),
    (_PATH + r"is not readable\.", N_("{kind} {path} is not readable.")),
    (_PATH + r"is not writable\.", N_("{kind} {path} is not writable.")),
)
_KINDS = {"file": N_("file"), "directory": N_("directory"), "path": N_("path")}


def translate(text: str) -> str:
    for pattern, msgid in _MESSAGES:
        match = re.fullmatch(pattern, text, re.S)
        if match:
            fields = match.groupdict()
            if "kind" in fields:
                fields["kind"] = _(_KINDS[fields["kind"]])
            return _(msgid).format(**fields)
    return text


def message(exc: Exceptions.ClickException) -> str:
    """The error's text in the chosen language."""
    if isinstance(exc, Exceptions.NoSuchOption):
        text = _("No such option: {name}").format(name=exc.option_name)
        if exc.possibilities:
            options = ", ".join(sorted(exc.possibilities))
            text += " " + _("(possible options: {options})").format(options=options)
        return text
    if isinstance(exc, Exceptions.MissingParameter) and exc.param is not None:
        name = exc.param.get_error_hint()
        if exc.param.param_type_name == "argument":
            return _("Missing argument {name}.").format(name=name)
        return _("Missing option {name}.").format(name=name)
    if isinstance(exc, Exceptions.BadParameter) and exc.param is not None:
        name = exc.param.get_error_hint()
        detail = translate(exc.message)
        return _("Invalid value for {name}: {message}").format(name=name, message=detail)
    return translate(exc.format_message())


def show(exc: Exceptions.ClickException) -> None:
    """Like Click's `exc.show()`, in the chosen language."""
    if isinstance(exc, Exceptions.NoArgsIsHelpError):  # the help page, already translated
        exc.show()
        return
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            hint = _("Try '{command} {option}' for help.")
            typer.echo(
                hint.format(command=ctx.command_path, option=ctx.help_option_names[0]) + "\n",
                err=True,
            )
    shown = visible(message(exc))  # an option's value echoed back cannot drive the terminal
    typer.echo(_("Error: {message}").format(message=shown), err=True)


def localize_suggestion(exc: Exceptions.UsageError) -> None:
    """Typer's "No such command 'x'. Did you mean 'y'?": the second sentence."""
    head, found, suggestions = exc.message.partition(". Did you mean ")
    if found:
        suggestion = _("Did you mean {suggestions}?").format(suggestions=suggestions.rstrip("?"))
        exc.message = f"{head}. {suggestion}"
