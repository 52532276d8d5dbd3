"""A data repository's templates are untrusted: no internals, no files, no imports, no hang,
no memory blow-up — each attempt a clear error naming the template, for Markdown and DOCX."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from cv651 import templating
from cv651.cli import app

from .conftest import DEMO

runner = CliRunner()
ARGS = ["summarize", "--period", "2022H1", "--repo", str(DEMO), "--as-of", "2022-07-01"]

ATTACKS = [
    ("mro-escape", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "SecurityError"),
    ("globals", "{{ cycler.__init__.__globals__.os.system('id') }}", "SecurityError"),
    ("func-globals", "{{ header.items.__self__.__class__ }}", "SecurityError"),
    ("read-file", "{% include '/etc/passwd' %}", "cannot include, import or extend"),
    (
        "import-module",
        "{% import 'os' as os %}{{ os.getcwd() }}",
        "cannot include, import or extend",
    ),
    ("extend-file", "{% extends '../../data/plan_40.yaml' %}", "cannot include, import or extend"),
    ("huge-string", "{{ 'x' * 1000000000 }}", "repeated value"),
    ("huge-list", "{{ ([1] * 100000) * 100000 }}", "repeated value"),
    ("huge-power", "{{ 10 ** 100000000 }}", "power"),
    ("huge-format", "{{ '%999999999d' % 1 }}", "wider than a million"),
    ("huge-str-format", "{{ '{:>999999999}'.format('x') }}", "wider than a million"),
    ("huge-join", "{{ range(99999) | join('x' * 99999) }}", "too much memory"),
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
]


@pytest.fixture(autouse=True)
def short_time_limit(monkeypatch):
    monkeypatch.setattr(templating, "MAX_SECONDS", 1.0)


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


@pytest.mark.parametrize(
    ("name", "template", "message"),
    [
        a
        for a in ATTACKS
        if a[0] in {"mro-escape", "import-module", "huge-string", "silent-endless-loop"}
    ],
    ids=lambda v: v if isinstance(v, str) and " " not in v and "{" not in v else "",
)
def test_docx_template_attack_is_a_clear_error(tmp_path, name, template, message):
    path = _docx_template(tmp_path / "t.docx", template)
    out = tmp_path / "out.docx"
    result = runner.invoke(app, [*ARGS, "--template", str(path), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert message in result.stderr and "t.docx" in result.stderr
    assert not out.exists()


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
