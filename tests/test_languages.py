"""Vietnamese by default, English with --lang en or CV651_LANG=en, the same for machines.

The other tests run in English (conftest sets CV651_LANG=en); this file is where
the Vietnamese is seen, and where both languages are compared.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from cv651 import i18n
from cv651.cli import app
from cv651.cli.language import language_in

from .conftest import DEMO

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
        "Lỗi: Không có lệnh 'stat'. Có phải 'status'?",
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
        "Lỗi: Thừa tham số (extra)",
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


# --- what a machine reads is the same in both languages ---------------------------

BROKEN = {
    "data/submissions/02-ha-giang.yaml": 'province: "02"\ndocuments:\n  - kind: local_plan\n'
    "    number: 25-KH/BDVTU\n    date: 10/03/2022\n    issuers: [BDVTU]\n    bogus: 1\n",
    "data/submissions/04-cao-bang.yml": "province: 4\n",
    "data/submissions/10-lao-cai.yaml": "\tprovince: '10'\n",
}
DIAG_LINE = re.compile(r"^(\S+?:\d+:\d+: (?:error|warning) [a-z0-9-]+): ")


def both(*args: str):
    return run(*args), run(*args, lang="en")


def test_validate_says_the_same_to_machines_in_both_languages(make_repo):
    root = str(make_repo(BROKEN))
    vi, en = both("validate", "--repo", root, "--format", "json")
    assert vi.exit_code == en.exit_code == 1
    vi_json, en_json = json.loads(vi.stdout), json.loads(en.stdout)
    assert list(vi_json) == list(en_json)
    strip = [
        {k: v for k, v in d.items() if k not in ("message", "hint")} for d in vi_json["diagnostics"]
    ]
    assert strip == [
        {k: v for k, v in d.items() if k not in ("message", "hint")} for d in en_json["diagnostics"]
    ]
    assert len(strip) >= 3
    assert [d["message"] for d in vi_json["diagnostics"]] != [
        d["message"] for d in en_json["diagnostics"]
    ]

    vi, en = both("validate", "--repo", root)
    vi_heads = [DIAG_LINE.match(line)[1] for line in vi.stdout.splitlines()]
    assert vi_heads == [DIAG_LINE.match(line)[1] for line in en.stdout.splitlines()]
    assert "ngày viết dạng YYYY-MM-DD; ở đây là '10/03/2022'; có phải 2022-03-10?" in vi.stdout

    vi, en = both("validate", "--repo", root, "--format", "github")
    head = re.compile(r"^(::\w+ file=[^:]*::)")
    assert [head.match(x)[1] for x in vi.stdout.splitlines()] == [
        head.match(x)[1] for x in en.stdout.splitlines()
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--as-of", "2022-12-15", "--format", "json"],
        ["status", "--as-of", "2022-12-15", "--format", "csv"],
        ["status", "--as-of", "2022-12-15"],
        ["status", "--as-of", "2022-12-15", "--fail-on-gaps", "--format", "json"],
        ["show", "02", "--as-of", "2022-12-15"],
        ["summarize", "--period", "2022H1", "--as-of", "2022-07-01"],
        ["remind", "--period", "2022H1", "--as-of", "2022-07-01"],
        ["show", "99"],
        ["status", "--period", "2099H1"],
    ],
    ids=lambda a: " ".join(a),
)
def test_every_reading_command_exits_alike_and_keeps_json_keys_and_states(args):
    vi, en = both(*args, "--repo", str(DEMO))
    assert vi.exit_code == en.exit_code, (vi.output, en.output)
    if "json" in args:
        a, b = json.loads(vi.stdout), json.loads(en.stdout)
        assert a == b  # the JSON holds keys, codes, states and dates: nothing in words
    elif vi.exit_code == 0:
        assert len(vi.stdout.splitlines()) == len(en.stdout.splitlines())


def test_export_schema_and_init_write_the_same_files(tmp_path):
    for lang in ("vi", "en"):
        out = tmp_path / lang
        assert (
            run("export", "--repo", str(DEMO), "-o", str(out / "t.csv"), lang=lang).exit_code == 0
        )
        assert (
            run("schema", "--repo", str(DEMO), "-o", str(out / "schemas"), lang=lang).exit_code == 0
        )
        assert run("init", str(out / "repo"), lang=lang).exit_code == 0
    names = [
        sorted(p.relative_to(tmp_path / lang).as_posix() for p in (tmp_path / lang).rglob("*"))
        for lang in ("vi", "en")
    ]
    assert names[0] == names[1]
    for rel in ("schemas/provinces.schema.json", "schemas/plan.schema.json"):
        assert (tmp_path / "vi" / rel).read_bytes() == (tmp_path / "en" / rel).read_bytes()


def test_the_table_and_show_speak_the_language():
    vi, en = both("status", "--repo", str(DEMO), "--as-of", "2022-07-01")
    assert "Tỉnh, thành phố" in vi.stdout and "✔ đúng hạn · ⚠ N ngày: gửi chậm N ngày" in vi.stdout
    assert "Province" in en.stdout and "✔ on time · ⚠ +Nd late by N days" in en.stdout
    vi, en = both("show", "02", "--repo", str(DEMO), "--as-of", "2022-12-15")
    assert "Văn bản đã nhận" in vi.stdout and "Trạng thái" in vi.stdout
    assert "Documents received" in en.stdout and "State" in en.stdout


def test_export_sheets_speak_the_language(tmp_path):
    for lang in ("vi", "en"):
        assert (
            run(
                "export",
                "--repo",
                str(DEMO),
                "--as-of",
                "2022-07-01",
                "-o",
                str(tmp_path / f"{lang}.csv"),
                lang=lang,
            ).exit_code
            == 0
        )
    vi, en = (
        (tmp_path / "vi.csv").read_text("utf-8-sig"),
        (tmp_path / "en.csv").read_text("utf-8-sig"),
    )
    assert (
        "Tỉnh, thành phố" in vi and "Số ngày chậm" in vi and "Province" in en and "Days late" in en
    )
    assert len(vi.splitlines()) == len(en.splitlines())


def test_init_writes_its_readme_and_comments_in_the_language(tmp_path):
    assert run("init", str(tmp_path / "vi")).exit_code == 0
    assert run("init", str(tmp_path / "en"), lang="en").exit_code == 0
    assert "Kho dữ liệu theo dõi" in (tmp_path / "vi" / "README.md").read_text("utf-8")
    assert "Data repository for following" in (tmp_path / "en" / "README.md").read_text("utf-8")
    workflow = ".github/workflows/cv651.yml"
    vi, en = ((tmp_path / lang / workflow).read_text("utf-8") for lang in ("vi", "en"))
    assert "kiểm tra kho dữ liệu" in vi and "checks the data repository" in en

    def code(text):  # the workflow itself, comments aside, is the same
        return [
            line.split(" #")[0] for line in text.splitlines() if not line.lstrip().startswith("#")
        ]

    assert code(vi) == code(en)


def test_gitlab_fingerprints_do_not_depend_on_the_language(make_repo):
    root = str(make_repo(BROKEN))
    vi, en = both("validate", "--repo", root, "--format", "gitlab")
    assert vi.exit_code == en.exit_code == 1
    prints = [[i["fingerprint"] for i in json.loads(r.stdout)] for r in (vi, en)]
    assert prints[0] == prints[1] and len(set(prints[0])) == len(prints[0])


def test_vietnamese_hints_list_choices_in_vietnamese():
    """'có phải Hà Nội, Hà Tĩnh hay Tây Ninh?', not '… Hà Nội or Hà Tĩnh or Tây Ninh?'."""
    vi, en = both("show", "Ha Noi x", "--repo", str(DEMO))
    assert "Hà Nội, Hà Tĩnh hay Tây Ninh?" in vi.stderr and " or " not in vi.stderr
    assert "Hà Nội, Hà Tĩnh or Tây Ninh?" in en.stderr
    vi, _en = both("status", "--region", "xx", "--repo", str(DEMO))
    assert "các vùng: " in vi.stderr and "regions" not in vi.stderr


def test_days_late_in_the_table_in_vietnamese_words_and_aligned():
    """'⚠ 12 ngày' in a Vietnamese cell (never '+12d'), centred under its column like the rest;
    show says it once: '⚠ chậm 12 ngày'. JSON keeps its numbers and states."""
    from rich.cells import cell_len

    vi, en = both("status", "--repo", str(DEMO), "--as-of", "2022-12-31")
    assert not re.search(r"\+\d+d\b", vi.stdout) and "⚠ +12d" in en.stdout
    lines = vi.stdout.splitlines()
    head = next(line for line in lines if "Điểm 1" in line)
    row = next(line for line in lines if "Cao Bằng" in line)

    def middle(line: str, word: str) -> float:
        start = line.index(word)
        return cell_len(line[:start]) + cell_len(word) / 2

    assert "⚠ 12 ngày" in row
    assert abs(middle(head, "Điểm 1") - middle(row, "⚠ 12 ngày")) <= 1
    shown = run("show", "04", "--repo", str(DEMO), "--as-of", "2022-12-31").stdout
    assert "⚠ chậm 12 ngày" in shown and "ng." not in shown


def test_dates_a_reader_sees_are_written_one_way():
    """HD 36's short form (30/6/2025, 01/7/2025) in messages as in the tables: no
    30/06/2025 beside 31/3/2022, no ISO date in a Vietnamese sentence."""
    shown = run("show", "80", "--as-of", "2025-12-01").stdout
    assert (
        "  đến 30/6/2025: Long An\n  từ 01/7/2025: Tây Ninh, thành lập trên cơ sở hợp nhất" in shown
    )
    nobody = run("remind", "--repo", str(DEMO), "--as-of", "2022-03-01", "--period", "2022H1")
    assert "đến ngày 01/3/2022 không tỉnh, thành nào" in nobody.stderr
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d\d/0[3-9]/\d{4}", shown + nobody.stderr)
