"""The Jinja environment for untrusted templates, and the limits around compiling and rendering.

A data repository's templates come in pull requests, so they are untrusted. A
template reaches no Python internals (Jinja's SandboxedEnvironment), loads no
file, and cannot exhaust the machine:

- every way to build a big value in one step is bounded before it runs: `*`,
  `**`, `+` and `%`, the width of `format`, `str.format` (nested widths
  included), `center`, `ljust`, `rjust`, `zfill`, `expandtabs`, `replace`,
  `join`, `indent`, `wordwrap`;
- nesting and long expressions that would crash Python's own compiler are
  refused with their line before compiling (`check_shape`);
- compiling and rendering together stop after MAX_SECONDS and past
  MAX_MEMORY more bytes (POSIX), because Jinja evaluates constant expressions
  while compiling (issue #12).
"""

from __future__ import annotations

import contextlib
import re
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from string import Formatter
from typing import Any

import jinja2
from jinja2 import filters
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment, SandboxedFormatter
from markupsafe import EscapeFormatter, Markup

from cv651.i18n import N_, _

MAX_OUTPUT_CHARS = 10_000_000  # a real report is ~50 kB; a runaway loop stops here
MAX_SIZE = 1_000_000  # the longest string or list one operation may build
MAX_INT_DIGITS = 4000  # Python refuses to print an int past 4,300 digits
MAX_WRAP = 100_000  # textwrap is quadratic in the length of a long word
MAX_SECONDS = 20.0  # a real report compiles and renders in well under a second
MAX_MEMORY = 512 * 1024 * 1024  # address space a compile and render may add
MAX_NESTING = 16  # blocks inside blocks; Python's compiler stops at 20
MAX_BRACKETS = 32  # brackets inside brackets in one tag
MAX_OPERATORS = 100  # operators in one tag; Python's parser stops near 200


class Expired(BaseException):
    """The time limit, raised from a signal handler. A BaseException, so that no
    `except Exception` in Jinja (constant folding) or a library swallows it."""


_PRINTF = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d*)(?:\.(\*|\d*))?")
_SPEC_NUMBERS = re.compile(r"\d+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


_TOO_LONG = {
    "value": N_("a value longer than {limit:,} characters"),
    "repeated": N_("a repeated value longer than {limit:,} characters"),
    "joined": N_("a joined value longer than {limit:,} characters"),
    "formatted": N_("a formatted value longer than {limit:,} characters"),
}


def refuse_big(size: int, what: str = "value") -> None:
    if size > MAX_SIZE:
        raise SecurityError(_(_TOO_LONG[what]).format(limit=MAX_SIZE))


def _check_bits(bits: int) -> None:
    if bits > MAX_INT_DIGITS * 3.32:
        raise SecurityError(_("a number longer than {limit:,} digits").format(limit=MAX_INT_DIGITS))


def _check_printf(template: str, args: Any) -> None:
    """`'%400000000s' % x`, `'%.400000000f'`, and `'%*s' % (400000000, x)`."""
    stars = False
    for width, precision in _PRINTF.findall(template):
        stars |= "*" in (width, precision)
        for number in (width, precision):
            if number.isdigit():
                refuse_big(int(number), "formatted")
    if stars:
        values = args if isinstance(args, tuple) else (args,)
        for value in values:
            if isinstance(value, int):
                refuse_big(abs(value), "formatted")


class _Formatter(SandboxedFormatter):
    """str.format with every field's width and precision bounded, nested ones included:
    format_field sees the specification after `{:{w}}` has been filled in."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        for number in _SPEC_NUMBERS.findall(format_spec):
            refuse_big(int(number), "formatted")
        return super().format_field(value, format_spec)


class _EscapeFormatter(_Formatter, EscapeFormatter):
    pass


def _method_size(method: Any, args: tuple[Any, ...]) -> int | None:
    """The length a call of a str method would produce, for the methods that can grow."""
    text, name = method.__self__, method.__name__
    if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int):
        return int(args[0])
    if name == "expandtabs":
        tab = args[0] if args and isinstance(args[0], int) else 8
        return len(text) * max(tab, 1)
    if name == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        old, new = args[0], args[1]
        times = text.count(old) if old else len(text) + 1
        return len(text) + times * max(len(new) - len(old), 0)
    return None


class Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, with every way to build a huge value in one step bounded."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *, xml: bool) -> None:
        super().__init__(
            loader=_NoFiles(),
            undefined=jinja2.StrictUndefined,
            autoescape=xml,
            keep_trailing_newline=True,
            finalize=_finalize_xml if xml else _finalize_text,
        )
        self.filters.update(_BOUNDED_FILTERS)
        self.last_source = ""

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(left, int) and isinstance(right, int):
            if right > 1000:
                raise SecurityError(
                    _("the power {power} is too large for a template").format(power=right)
                )
            _check_bits(abs(left).bit_length() * max(right, 0))
        elif operator == "*":
            if isinstance(left, int) and isinstance(right, int):
                _check_bits(abs(left).bit_length() + abs(right).bit_length())
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int):
                    refuse_big(len(seq) * times, "repeated")
        elif operator == "+" and isinstance(left, str | list | tuple):
            if isinstance(right, str | list | tuple):
                refuse_big(len(left) + len(right), "joined")
        elif operator == "%" and isinstance(left, str):
            _check_printf(left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(getattr(__obj, "__self__", None), str):
            size = _method_size(__obj, args)
            if size is not None:
                refuse_big(size)
            elif __obj.__name__ == "join":
                items = list(args[0]) if args else []
                sizes = sum(len(i) for i in items if isinstance(i, str))
                refuse_big(sizes + len(__obj.__self__) * len(items), "joined")
                args = (items, *args[1:])
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Any:
        """Jinja's own, with a formatter that bounds field widths (see _Formatter)."""
        if super().wrap_str_format(value) is None:
            return None
        text = value.__self__
        is_map = value.__name__ == "format_map"
        formatter: Formatter = (
            _EscapeFormatter(self, escape=text.escape)
            if isinstance(text, Markup)
            else _Formatter(self)
        )

        def checked(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError(_("format_map() takes exactly one argument"))
                kwargs = args[0]
                args = ()
            return str(type(text)(formatter.vformat(text, args, kwargs)))

        return checked

    def from_string(self, source: Any, *args: Any, **kwargs: Any) -> Any:
        self.last_source = str(source)  # to point into a DOCX template's XML on an error
        check_shape(self, self.last_source)
        return super().from_string(source, *args, **kwargs)


class _NoFiles(jinja2.BaseLoader):
    """Templates may not include, import or extend other files."""

    def get_source(self, environment: jinja2.Environment, template: str) -> Any:
        raise jinja2.TemplateNotFound(
            _("{template} (templates cannot include, import or extend other files)").format(
                template=template
            )
        )


def _finalize_text(value: Any) -> Any:
    """Every `{{ … }}` before it is written: text that UTF-8 cannot hold is refused here,
    where the template's line is known."""
    if isinstance(value, str) and not value.isascii() and _SURROGATE.search(value):
        found = _SURROGATE.search(value)
        raise SecurityError(
            _(
                "text that is not UTF-8 ({char}) cannot be written: an option typed in "
                "another encoding, or an escape in the template"
            ).format(char=f"\\u{ord(found[0]) if found else 0xD800:04x}")
        )
    return value


def _finalize_xml(value: Any) -> Any:
    if isinstance(value, str) and not value.isprintable():
        found = _XML_ILLEGAL.search(value)
        if found:
            raise SecurityError(
                _("the character U+{code:04X} cannot be written in DOCX").format(code=ord(found[0]))
            )
    return value


# -- filters that can build big strings, each bounded before it runs ------------------


def _center(value: str, width: int = 80) -> str:
    refuse_big(width if isinstance(width, int) else 0)
    return filters.do_center(value, width)


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    _check_printf(str(value), args)
    return filters.do_format(value, *args, **kwargs)


@jinja2.pass_environment
def _wordwrap(environment: Any, s: str, width: int = 79, *args: Any, **kwargs: Any) -> str:
    if len(str(s)) > MAX_WRAP:
        raise SecurityError(_("wordwrap of more than {limit:,} characters").format(limit=MAX_WRAP))
    wrapstring = kwargs.get("wrapstring") or (args[1] if len(args) > 1 else None) or "\n"
    refuse_big(len(str(s)) * (1 + len(str(wrapstring)) // max(int(width), 1)))
    return filters.do_wordwrap(environment, s, width, *args, **kwargs)


def _indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    pad = width if isinstance(width, str) else " " * max(min(int(width), MAX_SIZE + 1), 0)
    refuse_big(len(pad))
    refuse_big(len(str(s)) + (str(s).count("\n") + 1) * len(pad))
    return filters.do_indent(s, width, first, blank)


@jinja2.pass_eval_context
def _replace(eval_ctx: Any, s: str, old: str, new: str, count: int | None = None) -> str:
    text, old_s, new_s = str(s), str(old), str(new)
    times = text.count(old_s) if old_s else len(text) + 1
    refuse_big(len(text) + times * max(len(new_s) - len(old_s), 0))
    return filters.do_replace(eval_ctx, s, old, new, count)


@jinja2.pass_eval_context
def _join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> str:
    items = list(value)
    size = sum(len(i) for i in items if isinstance(i, str)) + len(str(d)) * len(items)
    refuse_big(size, "joined")
    return str(filters.do_join(eval_ctx, items, d, attribute))


_BOUNDED_FILTERS = {
    "center": _center,
    "format": _format,
    "wordwrap": _wordwrap,
    "indent": _indent,
    "replace": _replace,
    "join": _join,
}


# -- the shape of a template, before Python's compiler sees it -------------------------

_OPENERS = frozenset({"for", "if", "macro", "call", "filter", "with", "block", "autoescape"})
_OPEN, _CLOSE = (
    frozenset({"lparen", "lbracket", "lbrace"}),
    frozenset({"rparen", "rbracket", "rbrace"}),
)
_QUIET = frozenset(
    {"name", "string", "integer", "float", "comma", "colon", "assign", "data", "eof"}
)
_WORD_OPERATORS = frozenset({"and", "or", "not", "in", "is", "if", "else"})


class ShapeError(SecurityError):
    def __init__(self, message: str, lineno: int) -> None:
        super().__init__(message)
        self.lineno = lineno


def check_shape(env: jinja2.Environment, source: str) -> None:
    """Refuse, at its line, what would crash Python's compiler or Jinja's recursive
    parser: blocks nested past MAX_NESTING, brackets past MAX_BRACKETS, a tag with
    more than MAX_OPERATORS operators. The lexer is iterative, so this is safe."""
    blocks: list[int] = []
    depth = operators = 0
    tag_start: str | None = None
    for token in env.lexer.tokenize(source):
        lineno, kind, value = token.lineno, token.type, token.value
        if kind in ("block_begin", "variable_begin"):
            tag_start, depth, operators = kind, 0, 0
            continue
        if kind in ("block_end", "variable_end"):
            tag_start = None
            continue
        if tag_start == "block_begin" and kind == "name":
            _count_block(blocks, value, lineno)
            tag_start = "block"
        if kind in _OPEN:
            depth += 1
            if depth > MAX_BRACKETS:
                message = _("brackets nested more than {limit} deep")
                raise ShapeError(message.format(limit=MAX_BRACKETS), lineno)
        elif kind in _CLOSE:
            depth -= 1
        if kind not in _QUIET or (kind == "name" and value in _WORD_OPERATORS):
            operators += 1
            if operators > MAX_OPERATORS:
                message = _("more than {limit} operators in one tag")
                raise ShapeError(message.format(limit=MAX_OPERATORS), lineno)


def _count_block(blocks: list[int], word: str, lineno: int) -> None:
    if word in _OPENERS:
        blocks.append(lineno)
        if len(blocks) > MAX_NESTING:
            message = _("blocks nested more than {limit} deep")
            raise ShapeError(message.format(limit=MAX_NESTING), lineno)
    elif word.startswith("end") and blocks:
        blocks.pop()


# -- time and memory around compiling and rendering ----------------------------------


@contextlib.contextmanager
def bounded() -> Iterator[None]:
    """Raise Expired past MAX_SECONDS and MemoryError past MAX_MEMORY more bytes."""
    timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    memory = _address_space_limit()
    previous = None
    if timer:

        def expire(signum: int, frame: Any) -> None:
            raise Expired

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        yield
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
