"""Finding and rendering templates, sandboxed: a data repository's templates are untrusted.

Lookup order: --template FILE, then the repository's templates/, then the built-in ones.

A template can reach no Python internals (Jinja's SandboxedEnvironment), load
no file and import nothing (the environment has no loader), and cannot exhaust
the machine: `*`, `**` and `%` refuse results past MAX_SIZE, output stops at
MAX_OUTPUT_CHARS, and rendering stops after MAX_SECONDS and past MAX_MEMORY
more bytes (POSIX; elsewhere the size limits still hold).
"""

from __future__ import annotations

import contextlib
import re
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from cv651.errors import TemplateError
from cv651.paths import builtin_templates

MAX_OUTPUT_CHARS = 10_000_000  # a real report is ~50 kB; a runaway loop stops here
MAX_SIZE = 1_000_000  # the longest string or list one operator may build
MAX_SECONDS = 20.0  # a real report renders in well under a second
MAX_MEMORY = 512 * 1024 * 1024  # address space a render may add


_PRINTF_WIDTH = re.compile(r"%[-+ #0]*(\d*)(?:\.(\d+))?")
_FORMAT_WIDTH = re.compile(r"\{[^{}]*:[^{}]*?(\d+)")


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, with every way to build a huge value in one step bounded."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 1000:
            raise SecurityError(f"the power {right} is too large for a template")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                sized = isinstance(seq, str | list | tuple) and isinstance(times, int)
                if sized and len(seq) * times > MAX_SIZE:
                    raise SecurityError("a repeated value longer than a million")
        if operator == "%" and isinstance(left, str):
            _check_widths(n for pair in _PRINTF_WIDTH.findall(left) for n in pair)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Any:
        """str.format and format_map, with their field widths bounded."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            _check_widths(_FORMAT_WIDTH.findall(template))
            return wrapped(*args, **kwargs)

        return checked


def _check_widths(numbers: Iterable[str]) -> None:
    """Field widths and precisions, as written in a format string ('' where absent)."""
    if any(int(n or 0) > MAX_SIZE for n in numbers):
        raise SecurityError("a formatted value wider than a million")


@contextlib.contextmanager
def bounded(what: str) -> Iterator[None]:
    """Stop a render that runs past MAX_SECONDS or allocates past MAX_MEMORY more."""
    timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    memory = _address_space_limit()
    previous = None
    if timer:

        def expire(signum: int, frame: Any) -> None:
            raise TemplateError(f"{what}: rendering took more than {MAX_SECONDS:g} s; stopped")

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        yield
    except MemoryError:
        raise TemplateError(f"{what}: rendering needed too much memory; stopped") from None
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        if memory is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, memory)


def _address_space_limit() -> tuple[int, int] | None:
    """Lower the soft address-space limit to what is in use plus MAX_MEMORY; returns the
    limits to restore, or None where that cannot be done (not Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as handle:
            in_use = int(handle.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = in_use + MAX_MEMORY
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        if soft != resource.RLIM_INFINITY and soft < wanted:
            return None  # already tighter than ours
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
        return soft, hard
    except (OSError, ValueError):
        return None


def find_template(name: str, repo_root: Path, explicit: Path | None) -> Path:
    if explicit is not None:
        if not explicit.is_file():
            raise TemplateError(f"template not found: {explicit}")
        return explicit
    for folder in (repo_root / "templates", builtin_templates()):
        if (folder / name).is_file():
            return folder / name
    raise TemplateError(f"template {name} not found in {repo_root / 'templates'} nor built in")


class _NoFiles(jinja2.BaseLoader):
    """Templates may not include, import or extend other files."""

    def get_source(self, environment: jinja2.Environment, template: str) -> Any:
        raise jinja2.TemplateNotFound(
            f"{template} (templates cannot include, import or extend other files)"
        )


def sandbox(*, autoescape: bool = False) -> SandboxedEnvironment:
    return _Sandbox(
        loader=_NoFiles(),
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
        with bounded(str(path)):
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
