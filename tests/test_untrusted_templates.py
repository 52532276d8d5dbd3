"""A data repository's templates are untrusted: no internals, no files, no imports, no hang,
no memory blow-up — each attempt a clear error naming the template, for Markdown and DOCX."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from cv651 import sandbox
from cv651.cli import app

from .conftest import DEMO

runner = CliRunner()
ARGS = ["summarize", "--period", "2022H1", "--repo", str(DEMO), "--as-of", "2022-07-01"]

ATTACKS = [
    # escapes from the sandbox
    ("mro-escape", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
    ("globals", "{{ cycler.__init__.__globals__.os.system('id') }}", "unsafe"),
    ("func-globals", "{{ header.items.__self__.__class__ }}", "unsafe"),
    ("read-file", "{% include '/etc/passwd' %}", "cannot include, import or extend"),
    (
        "import-module",
        "{% import 'os' as os %}{{ os.getcwd() }}",
        "cannot include, import or extend",
    ),
    ("extend-file", "{% extends '../../data/plan_40.yaml' %}", "cannot include, import or extend"),
    # big values built in one step, at render time and by constant folding at compile time
    ("huge-string", "{{ 'x' * 1000000000 }}", "repeated value"),
    ("huge-list", "{{ ([1] * 100000) * 100000 }}", "repeated value"),
    ("huge-power", "{{ 10 ** 100000000 }}", "power"),
    ("power-of-power", "{{ (10 ** 1000) ** 1000 }}", "digits"),
    ("huge-product", "{% set n = 10 ** 1000 %}{{ n * n * n * n * n }}", "digits"),
    ("huge-concat", "{% set s = 'x' * 999999 %}{{ s + s }}", "joined value"),
    ("huge-format", "{{ '%999999999d' % 1 }}", "formatted value"),
    ("huge-printf-key", "{{ '%(a)999999999d' % {'a': 1} }}", "formatted value"),
    ("huge-printf-star", "{{ '%*d' % (999999999, 1) }}", "formatted value"),
    ("huge-printf-precision", "{{ '%.999999999f' % 1.5 }}", "formatted value"),
    ("huge-format-filter", "{{ '%400000000s'|format(1) }}", "formatted value"),
    ("huge-str-format", "{{ '{:>999999999}'.format('x') }}", "formatted value"),
    ("nested-format-width", "{{ '{:{w}}'.format('x', w=400000000) }}", "formatted value"),
    ("format-map-width", "{{ '{a:{w}}'.format_map({'a': 1, 'w': 400000000}) }}", "formatted"),
    ("huge-center-filter", "{{ 'x'|center(400000000) }}", "longer than"),
    ("folded-center-wordwrap", "{{ ('x'|center(50000000))|wordwrap(1) }}", "longer than"),
    ("huge-wordwrap", "{{ ('x ' * 400000)|wordwrap(1) }}", "wordwrap"),
    ("huge-indent", "{{ ('x\n' * 1000)|indent(100000) }}", "longer than"),
    ("huge-replace", "{{ ('x' * 100000)|replace('x', 'x' * 1000) }}", "longer than"),
    ("huge-ljust", "{{ 'x'.ljust(400000000) }}", "longer than"),
    ("huge-zfill", "{{ '1'.zfill(400000000) }}", "longer than"),
    ("huge-expandtabs", "{{ ('\t' * 100000).expandtabs(100000) }}", "longer than"),
    ("huge-method-replace", "{{ ('x' * 99999).replace('x', 'x' * 999) }}", "longer than"),
    ("huge-join", "{{ range(99999) | join('x' * 99999) }}", "joined value"),
    ("huge-method-join", "{{ ('x' * 99999).join(['a'] * 99) }}", "joined value"),
    ("range-bomb", "{% for i in range(100000000) %}{% endfor %}", "Range too big"),
    (
        "endless-output",
        "{% for i in range(99999) %}{% for j in range(99999) %}xxxxxxxxxx{% endfor %}{% endfor %}",
        "runaway loop",
    ),
    (
        "silent-endless-loop",
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
        "took more than",
    ),
    # every exception a template can raise is the template's error, at its line
    ("divide-by-zero", "\n{{ 1 / 0 }}", ":2: ZeroDivisionError"),
    ("str-plus-int", "{{ 'a' + 1 }}", "TypeError"),
    ("format-missing-argument", "{{ '{0}'.format() }}", "IndexError"),
    ("value-error", "{{ 'abc'.index('z') }}", "ValueError"),
    ("undefined", "{{ nothing.here }}", "UndefinedError"),
    ("self-calling-macro", "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "calls itself"),
    ("nested-for", "{% for i in [1] %}" * 25 + "{% endfor %}" * 25, "nested more than"),
    ("nested-if", "{% if 1 %}\n" * 1000 + "{% endif %}" * 1000, ":17: refused: blocks"),
    ("nested-brackets", "{{ " + "(" * 300 + "1" + ")" * 300 + " }}", "brackets nested"),
    ("long-expression", "{{ " + " + ".join(["1"] * 2000) + " }}", "operators in one tag"),
    ("many-filters", "{{ 'x'" + " | upper" * 500 + " }}", "operators in one tag"),
    ("syntax", "{{ 1 }", "syntax error"),
    ("unclosed-block", "{% if 1 %}", "syntax error"),
    ("lone-surrogate", '{{ "\\ud800" }}', "cannot be written"),
    ("huge-int-to-text", "{{ (10 ** 999) ** 5 }}", "digits"),
]


@pytest.fixture(autouse=True)
def short_time_limit(monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 1.0)


def _docx_template(path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.mark.parametrize(("name", "template", "message"), ATTACKS, ids=[a[0] for a in ATTACKS])
def test_markdown_template_attack_is_a_clear_error(tmp_path, name, template, message):
    path = tmp_path / "t.md.j2"
    path.write_text(template, encoding="utf-8")
    result = runner.invoke(app, [*ARGS, "--template", str(path)])
    assert result.exit_code == 1, result.output
    assert message in result.stderr and str(path) in result.stderr
    assert result.stdout == "" and "Traceback" not in result.output


DOCX_ATTACKS = [
    a
    for a in ATTACKS
    if a[0]
    in {
        "mro-escape",
        "import-module",
        "huge-string",
        "nested-format-width",
        "folded-center-wordwrap",
        "silent-endless-loop",
        "divide-by-zero",
        "self-calling-macro",
        "nested-for",
        "long-expression",
        "syntax",
        "lone-surrogate",
    }
]


@pytest.mark.parametrize(
    ("name", "template", "message"), DOCX_ATTACKS, ids=[a[0] for a in DOCX_ATTACKS]
)
def test_docx_template_attack_is_a_clear_error(tmp_path, name, template, message):
    path = _docx_template(tmp_path / "t.docx", template)
    out = tmp_path / "out.docx"
    result = runner.invoke(app, [*ARGS, "--template", str(path), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert re.sub(r"^:\d+: ", "", message) in result.stderr and "t.docx" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_docx_error_names_the_paragraph(tmp_path):
    path = _docx_template(tmp_path / "t.docx", "Tổng: {{ 1 / 0 }}")
    result = runner.invoke(app, [*ARGS, "--template", str(path), "-o", str(tmp_path / "o.docx")])
    assert 't.docx, in the paragraph "Tổng: {{ 1 / 0 }}": ZeroDivisionError' in result.stderr


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def _parts_of(template: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(template) as package:
        return {name: package.read(name) for name in package.namelist()}


HOSTILE_DOCX = {
    "not-a-zip": (lambda t: b"PK\x03\x04 but not really", "not a Word file"),
    "empty": (lambda t: b"", "not a Word file"),
    "broken-xml": (
        lambda t: {**t, "word/document.xml": t["word/document.xml"][:500]},
        "broken XML",
    ),
    "no-document": (
        lambda t: {k: v for k, v in t.items() if k != "word/document.xml"},
        "no word/document.xml",
    ),
    "zip-bomb-part": (lambda t: {**t, "word/media/x.bin": bytes(60 << 20)}, "unpacks to more"),
    "big-xml-part": (lambda t: {**t, "word/x.xml": b" " * (11 << 20)}, "unpacks to more"),
    "many-parts": (lambda t: {**t, **{f"x/{n}.bin": b"" for n in range(1001)}}, "parts"),
}


@pytest.mark.parametrize("name", list(HOSTILE_DOCX))
def test_a_hostile_docx_template_is_refused(tmp_path, name):
    build, message = HOSTILE_DOCX[name]
    content = build(_parts_of(_docx_template(tmp_path / "good.docx", "{{ period }}")))
    path = tmp_path / "t.docx"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        _zip(path, content)
    result = runner.invoke(app, [*ARGS, "--template", str(path), "-o", str(tmp_path / "o.docx")])
    assert result.exit_code == 1, result.output
    assert message in result.stderr and "t.docx" in result.stderr, result.stderr
    assert not (tmp_path / "o.docx").exists()


def test_the_time_limit_covers_compiling(tmp_path, monkeypatch):
    """Jinja calls filters on constants while compiling: the limit is on by then."""

    def slow(value):
        time.sleep(3)
        return value

    monkeypatch.setitem(sandbox._BOUNDED_FILTERS, "slow", slow)
    path = tmp_path / "t.md.j2"
    path.write_text("{{ 1 | slow }}", encoding="utf-8")
    start = time.monotonic()
    result = runner.invoke(app, [*ARGS, "--template", str(path)])
    assert "took more than" in result.stderr and result.exit_code == 1
    assert time.monotonic() - start < 2.5


def test_limits_are_lifted_after_rendering(tmp_path):
    """The memory and time limits hold during a render only."""
    import resource
    import signal

    before = resource.getrlimit(resource.RLIMIT_AS)
    path = tmp_path / "t.md.j2"
    path.write_text("{{ 'x' * 1000000000 }}", encoding="utf-8")
    runner.invoke(app, [*ARGS, "--template", str(path)])
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    big = bytearray(700 * 1024 * 1024)  # more than a render may add: allowed again
    assert len(big) == 700 * 1024 * 1024
