"""Vietnamese by default, English with --lang en or CV651_LANG=en, the same for machines.

The other tests run in English (conftest sets CV651_LANG=en); this file is where
the Vietnamese is seen, and where both languages are compared.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cv651 import i18n
from cv651.cli import app
from cv651.cli.language import language_in

runner = CliRunner()
ENV = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}


def run(*args: str, lang: str | None = None, env: dict[str, str] | None = None):
    """cv651 ARGS with --lang LANG (None: as $CV651_LANG says, Vietnamese here)."""
    argv = [*args, "--lang", lang] if lang else list(args)
    environment = {**ENV, "CV651_LANG": "", **(env or {})}
    return runner.invoke(app, argv, env=environment)


@pytest.fixture(autouse=True)
def _default_language(monkeypatch):
    monkeypatch.delenv("CV651_LANG", raising=False)
    yield
    i18n.set_language(None)


def test_help_is_vietnamese_by_default_with_typers_own_words():
    out = run("--help").stdout
    assert out.startswith("Cách dùng: cv651 [TÙY CHỌN] LỆNH [THAM SỐ]...")
    for words in ("Tùy chọn:", "Lệnh:", "Hiện trợ giúp này rồi thoát.", "Kiểm tra kho dữ liệu"):
        assert words in out
    assert "Usage" not in out and "Show this message" not in out


@pytest.mark.parametrize(
    "argv",
    [
        ["--lang", "en", "--help"],
        ["--help", "--lang", "en"],
        ["status", "--help", "--lang=en"],
        ["--lang", "EN", "validate", "--help"],
    ],
)
def test_lang_en_anywhere_on_the_line(argv):
    out = runner.invoke(app, argv, env=ENV).stdout
    assert out.startswith("Usage: cv651")
    assert "Show this message and exit." in out and "Tùy chọn" not in out


def test_cv651_lang_en_in_the_environment_and_lang_vi_over_it():
    assert run("status", "--help", env={"CV651_LANG": "en"}).stdout.startswith("Usage:")
    assert run("status", "--help", lang="vi", env={"CV651_LANG": "en"}).stdout.startswith(
        "Cách dùng:"
    )


def test_every_command_takes_lang_and_its_help_is_translated():
    for name in ("validate", "status", "show", "summarize", "remind", "export", "schema", "init"):
        vi, en = run(name, "--help"), run(name, "--help", lang="en")
        assert vi.exit_code == en.exit_code == 0, name
        assert "--lang vi|en" in vi.stdout and "--lang vi|en" in en.stdout
        # the command's own help line, in each language
        assert vi.stdout.splitlines()[2] != en.stdout.splitlines()[2], name


# (arguments, the Vietnamese error line, the English one): Typer's usage errors.
USAGE_ERRORS = [
    (
        ["export"],
        "Lỗi: Thiếu tùy chọn '--output' / '-o'.",
        "Error: Missing option '--output' / '-o'.",
    ),
    (["show"], "Lỗi: Thiếu tham số 'PROVINCE'.", "Error: Missing argument 'PROVINCE'."),
    (
        ["stat"],
        "Lỗi: Không có lệnh 'stat'. Có phải ý là 'status'?",
        "Error: No such command 'stat'. Did you mean 'status'?",
    ),
    (["status", "--bogus"], "Lỗi: Không có tùy chọn: --bogus", "Error: No such option: --bogus"),
    (
        ["status", "--only-gap"],
        "Lỗi: Không có tùy chọn: --only-gap (các tùy chọn có thể là: --fail-on-gaps, --only-gaps)",
        "Error: No such option: --only-gap (possible options: --fail-on-gaps, --only-gaps)",
    ),
    (
        ["status", "--format", "x"],
        "Lỗi: Giá trị không hợp lệ cho '--format': 'x' không phải một trong các giá trị 'table', 'json', 'csv', 'markdown'.",
        "Error: Invalid value for '--format': 'x' is not one of 'table', 'json', 'csv', 'markdown'.",
    ),
    (
        ["summarize", "--period", "2022H1", "--template", "."],
        "Lỗi: Giá trị không hợp lệ cho '--template': tệp '.' là một thư mục.",
        "Error: Invalid value for '--template': file '.' is a directory.",
    ),
    (
        ["status", "extra"],
        "Lỗi: Thừa tham số không dùng đến (extra)",
        "Error: Got unexpected extra argument(s) (extra)",
    ),
    (
        ["status", "--only-gaps=3"],
        "Lỗi: Tùy chọn '--only-gaps' không nhận giá trị.",
        "Error: Option '--only-gaps' does not take a value.",
    ),
    (
        ["status", "--as-of"],
        "Lỗi: Tùy chọn '--as-of' cần một giá trị.",
        "Error: Option '--as-of' requires an argument.",
    ),
    (
        ["status", "--lang", "fr"],
        "Lỗi: Giá trị không hợp lệ cho '--lang': 'fr' không phải một trong các giá trị 'vi', 'en'.",
        None,
    ),
]


@pytest.mark.parametrize(
    ("argv", "vi", "en"), USAGE_ERRORS, ids=lambda a: " ".join(a) if isinstance(a, list) else ""
)
def test_usage_errors_in_both_languages(argv, vi, en):
    result = run(*argv)
    assert result.exit_code == 2
    assert vi in result.stderr.splitlines(), result.stderr
    if en is not None:
        english = runner.invoke(app, [*argv[:1], "--lang", "en", *argv[1:]], env=ENV)
        assert english.exit_code == 2
        assert en in english.stderr.splitlines(), english.stderr
        lines = result.stderr.splitlines()
        assert len(lines) == len(english.stderr.splitlines())
    assert ("Usage:" in result.stderr) is False
    assert ("Cách dùng: cv651" in result.stderr) is ("Try '" in (english.stderr if en else "Try '"))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], None),
        (["--lang", "en"], "en"),
        (["--lang=vi", "x", "--lang", "en"], "en"),
        (["--", "--lang", "en"], None),
    ],
)
def test_the_language_is_read_before_parsing(args, expected):
    assert language_in(args) == expected
