"""Finding and rendering templates, sandboxed: a data repository's templates are untrusted.

Lookup order: --template FILE, then the repository's templates/, then the built-in ones.
What a template may do, and the limits around it, are in cv651.sandbox. Whatever
goes wrong inside a template, at compile or render time, is a TemplateError
naming the template and its line (issue #12): never a traceback.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError

from cv651 import sandbox as limits
from cv651.errors import Cv651Error, TemplateError
from cv651.i18n import _
from cv651.paths import PathProblem, builtin_templates, confined


def find_template(name: str, repo_root: Path, explicit: Path | None) -> Path:
    if explicit is not None:
        if not explicit.is_file():
            raise TemplateError(_("template not found: {path}").format(path=explicit))
        return explicit
    ours = repo_root / "templates" / name
    if os.path.lexists(ours):
        try:  # a pull request's link to /proc/self/environ must not be rendered
            return confined(repo_root, Path("templates") / name)
        except PathProblem as exc:
            raise TemplateError(_("{path}: not read: {why}").format(path=ours, why=exc)) from None
    if (builtin_templates() / name).is_file():
        return builtin_templates() / name
    raise TemplateError(
        _("template {name} not found in {folder} nor built in").format(
            name=name, folder=repo_root / "templates"
        )
    )


MAX_TEMPLATE_BYTES = 1024 * 1024  # a real Markdown template is a few kB


def render_text(path: Path, context: dict[str, Any]) -> str:
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would wait forever
            raise OSError(errno.EINVAL, _("not a regular file"))
        with path.open("rb") as handle:
            raw = handle.read(MAX_TEMPLATE_BYTES + 1)
        if len(raw) > MAX_TEMPLATE_BYTES:
            raise OSError(errno.EFBIG, _("larger than 1 MB"))
        source = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(
            _("{path}: cannot read the template: {why}").format(path=path, why=exc)
        ) from None
    env = limits.Sandbox(xml=False)
    chunks, size = [], 0
    try:
        with limits.bounded():
            template = env.from_string(source)
            for chunk in template.generate(**context):
                size += len(chunk)
                if size > limits.MAX_OUTPUT_CHARS:
                    message = _(
                        "{path}: the output passed {limit:,} characters; is there a runaway loop?"
                    )
                    raise TemplateError(message.format(path=path, limit=limits.MAX_OUTPUT_CHARS))
                chunks.append(chunk)
    except Cv651Error:
        raise
    except (Exception, limits.Expired) as exc:  # the template is the user's: anything
        raise template_error(str(path), exc) from None
    return "".join(chunks)


def template_error(name: str, exc: BaseException, where: str | None = None) -> TemplateError:
    """What went wrong in a template, at `name:line` (or `where`, for DOCX)."""
    place = where or f"{name}:{template_line(exc)}"
    if isinstance(exc, limits.Expired):
        message = _("{place}: compiling and rendering took more than {seconds:g} s; stopped")
        return TemplateError(message.format(place=place, seconds=limits.MAX_SECONDS))
    if isinstance(exc, MemoryError):
        message = _("{place}: rendering needed too much memory; stopped")
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        message = _("{place}: template syntax error: {error}")
    elif isinstance(exc, RecursionError):
        message = _("{place}: too deep: a macro that calls itself, or nesting")
    elif isinstance(exc, SyntaxError | ValueError) and "nest" in str(exc):
        message = _("{place}: the template is too deeply nested to compile")
    elif isinstance(exc, SecurityError):
        message = _("{place}: refused: {error}")
    else:
        message = "{place}: {kind}: {error}"
    error = exc.message if isinstance(exc, jinja2.TemplateSyntaxError) else exc
    return TemplateError(message.format(place=place, kind=type(exc).__name__, error=error))


def template_line(exc: BaseException) -> int | str:
    """The template line of an error: its own, else the last template frame's."""
    lineno = getattr(exc, "lineno", None)
    if isinstance(exc, jinja2.TemplateError | limits.ShapeError) and lineno:
        return int(lineno)
    tb = exc.__traceback__
    line: int | str = 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
