"""Random templates, built from the classes of what a template can do, give a document or
a TemplateError naming the template and its line — never another exception, never a
hang, never the machine's memory (issue #12).

The grammar mixes what the sandbox bounds (big widths, repeats, powers, nested
blocks, long expressions), what raises (division by zero, bad types, undefined
names, recursion) and what is plain; a second strategy mutates the real
templates byte by byte. CI runs a hundred of each; a longer campaign:
CV651_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz_templates.py
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cv651 import sandbox
from cv651.errors import TemplateError
from cv651.loader import load_repository
from cv651.report import Draft, build_summary
from cv651.summarize import render
from cv651.templating import render_text

from .conftest import DEMO, PROJECT

EXAMPLES = int(os.environ.get("CV651_FUZZ_EXAMPLES", "100"))
AS_OF = date(2022, 7, 1)
_loaded = load_repository(DEMO)
assert _loaded.repository is not None
CONTEXT = build_summary(_loaded.repository, "2022H1", AS_OF, Draft(AS_OF))
NUMBERS = st.sampled_from(["0", "1", "-1", "7", "1000", "99999", "400000000", "10**1000", "2.5"])
STRINGS = st.sampled_from(
    [
        *["'x'", "''", "'%s'", "'%400000000s'", "'%*d'", "'{}'", "'{:{w}}'", "'{0}'", "'\\t'"],
        *["'\\ud800'", "'\\x01'", "period", "header.issuer", "'a\\nb'"],
    ]
)
NAMES = st.sampled_from(["period", "indicators", "clauses", "header", "nothing", "range(9)"])
FILTERS = st.sampled_from(
    [
        *["center({n})", "wordwrap({n})", "format({n})", "join({s})", "replace({s}, {s})"],
        *["indent({n})", "int", "string", "list", "first", "length", "upper", "round", "sum"],
        *["batch({n})", "truncate({n})", "default({s})", "e", "safe", "tojson"],
    ]
)
METHODS = st.sampled_from(
    [
        *["format({n}, w={n})", "ljust({n})", "zfill({n})", "center({n})", "expandtabs({n})"],
        *["replace({s}, {s})", "join([{s}, {s}])", "split()", "format_map({{'a': {n}}})"],
    ]
)
OPERATORS = st.sampled_from(["+", "-", "*", "**", "%", "/", "//", "~", "==", "and", "in"])


@st.composite
def expression(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.sampled_from(["atom", "atom", "binary", "filter", "method", "nested"]))
    if depth > 3 or kind == "atom":
        return draw(st.one_of(NUMBERS, STRINGS, NAMES))
    fill = {"n": draw(NUMBERS), "s": draw(STRINGS)}
    if kind == "binary":
        left, right = draw(expression(depth + 1)), draw(expression(depth + 1))
        return f"({left} {draw(OPERATORS)} {right})"
    if kind == "filter":
        return f"({draw(expression(depth + 1))} | {draw(FILTERS).format(**fill)})"
    if kind == "method":
        return f"({draw(STRINGS)}).{draw(METHODS).format(**fill)}"
    brackets = draw(st.integers(1, 60))
    return "(" * brackets + draw(NUMBERS) + ")" * brackets


@st.composite
def template(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["text", "output", "output", "for", "if", "macro", "set"]))
        inner = draw(template(depth + 1)) if depth < 3 and kind in ("for", "if") else "x"
        if kind == "text":
            parts.append(draw(st.sampled_from(["Báo cáo ", "\n", "{{", "{%", "}}", "%}"])))
        elif kind == "output":
            parts.append("{{ " + draw(expression()) + " }}")
        elif kind == "for":
            times = draw(st.integers(1, 25))
            loop = "{% for i in " + draw(st.sampled_from(["range(3)", "range(99999)", "x"]))
            parts.append((loop + " %}") * times + inner + "{% endfor %}" * times)
        elif kind == "if":
            times = draw(st.integers(1, 40))
            parts.append("{% if 1 %}\n" * times + inner + "{% endif %}" * times)
        elif kind == "macro":
            parts.append("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}")
        else:
            parts.append("{% set v = " + draw(expression()) + " %}{{ v }}")
    return "".join(parts)


@pytest.fixture(autouse=True)
def short_limits(monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 1.0)


def _renders_or_refuses(path: Path, run) -> None:
    start = time.monotonic()
    try:
        run()
    except TemplateError as exc:
        assert str(path) in exc.message
    assert time.monotonic() - start < 10


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(source=template())
def test_a_markdown_template_renders_or_is_refused(source: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.md.j2"
        path.write_text(source, encoding="utf-8", errors="surrogatepass")
        _renders_or_refuses(path, lambda: render_text(path, CONTEXT).encode("utf-8"))


REAL = (PROJECT / "templates" / "summary.md.j2").read_bytes()


@FUZZ
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(REAL)), st.sampled_from([b"{", b"}", b"%", b"|", b"(", b"'"])),
        min_size=1,
        max_size=4,
    )
)
def test_a_mutated_builtin_template_renders_or_is_refused(edits) -> None:
    data = bytearray(REAL)
    for at, piece in edits:
        data[at:at] = piece
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.md.j2"
        path.write_bytes(bytes(data))
        _renders_or_refuses(path, lambda: render_text(path, CONTEXT))


@settings(FUZZ, max_examples=max(EXAMPLES // 10, 1))
@given(source=template())
def test_a_docx_template_renders_or_is_refused(source: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.docx"
        document = docx.Document()
        document.add_paragraph(source.encode("utf-8", "replace").decode("utf-8"))
        document.save(str(path))
        _renders_or_refuses(path, lambda: render("summary", CONTEXT, {}, "docx", DEMO, path))
