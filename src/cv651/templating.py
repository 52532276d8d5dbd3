"""Finding and rendering templates, sandboxed: a data repository's templates are untrusted.

Lookup order: --template FILE, then the repository's templates/, then the built-in ones.
What a template may do, and the limits around it, are in cv651.sandbox. Whatever
goes wrong inside a template, at compile or render time, is a TemplateError
naming the template and its line (issue #12): never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError

from cv651 import sandbox as limits
from cv651.errors import Cv651Error, TemplateError
from cv651.paths import PathProblem, builtin_templates, confined


def find_template(name: str, repo_root: Path, explicit: Path | None) -> Path:
    if explicit is not None:
        if not explicit.is_file():
            raise TemplateError(f"template not found: {explicit}")
        return explicit
    ours = repo_root / "templates" / name
    if os.path.lexists(ours):
        try:  # a pull request's link to /proc/self/environ must not be rendered
            return confined(repo_root, Path("templates") / name)
        except PathProblem as exc:
            raise TemplateError(f"{ours}: not read: {exc}") from None
    if (builtin_templates() / name).is_file():
        return builtin_templates() / name
    raise TemplateError(f"template {name} not found in {repo_root / 'templates'} nor built in")


def render_text(path: Path, context: dict[str, Any]) -> str:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path}: cannot read the template: {exc}") from None
    env = limits.Sandbox(xml=False)
    chunks, size = [], 0
    try:
        with limits.bounded():
            template = env.from_string(source)
            for chunk in template.generate(**context):
                size += len(chunk)
                if size > limits.MAX_OUTPUT_CHARS:
                    raise TemplateError(
                        f"{path}: the output passed {limits.MAX_OUTPUT_CHARS:,} characters; "
                        "is there a runaway loop?"
                    )
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
        return TemplateError(
            f"{place}: compiling and rendering took more than {limits.MAX_SECONDS:g} s; stopped"
        )
    if isinstance(exc, MemoryError):
        return TemplateError(f"{place}: rendering needed too much memory; stopped")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(f"{place}: template syntax error: {exc.message}")
    if isinstance(exc, RecursionError):
        return TemplateError(f"{place}: too deep: a macro that calls itself, or nesting")
    if isinstance(exc, SyntaxError | ValueError) and "nest" in str(exc):
        return TemplateError(f"{place}: the template is too deeply nested to compile")
    if isinstance(exc, SecurityError):
        return TemplateError(f"{place}: refused: {exc}")
    return TemplateError(f"{place}: {type(exc).__name__}: {exc}")


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
