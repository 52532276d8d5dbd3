"""Finding and rendering templates, sandboxed: a data repository's templates are untrusted.

Lookup order: --template FILE, then the repository's templates/, then the built-in ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from cv651.errors import TemplateError
from cv651.paths import builtin_templates

MAX_OUTPUT_CHARS = 10_000_000  # a real report is ~50 kB; a runaway loop stops here


def find_template(name: str, repo_root: Path, explicit: Path | None) -> Path:
    if explicit is not None:
        if not explicit.is_file():
            raise TemplateError(f"template not found: {explicit}")
        return explicit
    for folder in (repo_root / "templates", builtin_templates()):
        if (folder / name).is_file():
            return folder / name
    raise TemplateError(f"template {name} not found in {repo_root / 'templates'} nor built in")


def sandbox(*, autoescape: bool = False) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=False,
    )


def render_text(path: Path, context: dict[str, Any]) -> str:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path}: cannot read the template: {exc}") from None
    env = sandbox()
    try:
        template = env.from_string(source)
        chunks, size = [], 0
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateError(
                    f"{path}: the output passed {MAX_OUTPUT_CHARS:,} characters; "
                    "is there a runaway loop?"
                )
            chunks.append(chunk)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{path}:{exc.lineno}: template syntax error: {exc.message}") from None
    except (jinja2.TemplateError, OverflowError) as exc:  # undefined names, sandbox refusals
        raise TemplateError(f"{path}:{_line(exc)}: {type(exc).__name__}: {exc}") from None
    return "".join(chunks)


def _line(exc: BaseException) -> int | str:
    """The template line of an error raised while rendering, from the traceback."""
    tb = exc.__traceback__
    line: int | str = "?"
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
