import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from cv651.cli import app

from .conftest import DEMO, MakeRepo

runner = CliRunner()
ENV = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}


def status(*args: str):
    return runner.invoke(app, ["status", "--repo", str(DEMO), *args], env=ENV)


def test_json_follows_the_contract():
    result = status("--as-of", "2022-12-15", "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["as_of"] == "2022-12-15"
    assert len(payload["rows"]) == 63 * 4
    row = next(r for r in payload["rows"] if r["province"] == "11" and r["period"] == "2022H1")
    assert list(row)[:6] == ["province", "task", "period", "state", "due", "days_late"]
    assert row | {} == row and (row["state"], row["due"], row["days_late"], row["document"]) == (
        "late",
        "2022-06-20",
        7,
        "95-BC/BDVTU",
    )
    review = next(r for r in payload["rows"] if r["province"] == "11" and r["task"] == "review")
    assert (review["state"], review["due"], review["days_late"]) == ("not_applicable", None, None)


def test_json_totals():
    payload = json.loads(status("--as-of", "2022-12-15", "--format", "json").stdout)
    h1 = next(t for t in payload["totals"] if t["column"] == "report:2022H1")
    assert (h1["met"], h1["applicable"], h1["incomplete"]) == (11, 63, 2)


def test_every_state_appears_in_the_demo():
    rows = json.loads(status("--as-of", "2022-07-01", "--format", "json").stdout)["rows"]
    assert {r["state"] for r in rows} == {
        "on_time",
        "late",
        "incomplete",
        "overdue",
        "pending",
        "not_applicable",
    }


@pytest.mark.usefixtures("vietnamese")
def test_table_fits_80_columns_and_reads_without_colour():
    result = status("--as-of", "2022-07-01")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "\x1b[" not in result.stdout
    row = next(line for line in lines if "Điện Biên" in line)
    assert row.split()[:6] == ["11", "Điện", "Biên", "✔", "—", "⚠"] and "⚠ 7 ngày" in row
    assert "14/63" in result.stdout  # clause 1 met, as of 1 July
    assert "✔ đúng hạn" in result.stdout  # the legend


@pytest.mark.usefixtures("vietnamese")
def test_colour_where_it_shows_and_the_same_text_in_it():
    """Written plainly to a file or pipe; through rich, in colour, where colour shows
    (FORCE_COLOR here, a terminal in use): with the colours taken out, the same text."""
    plain = status("--as-of", "2022-07-01")
    coloured = runner.invoke(
        app,
        ["status", "--repo", str(DEMO), "--as-of", "2022-07-01"],
        env={"COLUMNS": "80", "FORCE_COLOR": "1", "NO_COLOR": "", "TERM": "xterm"},
    )
    assert "\x1b[" not in plain.stdout and "\x1b[1;31m✘" in coloured.stdout
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.stdout) == plain.stdout


@pytest.mark.parametrize(
    ("environ", "tty", "colour"),
    [
        ({}, False, False),
        ({}, True, True),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": ""}, True, False),  # as rich reads it: set and empty is "no"
        ({"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}, True, False),
        ({"TTY_COMPATIBLE": "1"}, False, True),
    ],
)
def test_colour_is_decided_as_rich_decides(environ, tty, colour):
    from rich.console import Console

    from cv651.statuslines import shows_colour

    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    stream = Stream()
    assert shows_colour(stream, environ) is colour
    assert Console(file=stream, _environ=environ).is_terminal is colour


def test_period_filter_keeps_that_period_only():
    payload = json.loads(
        status("--as-of", "2022-07-01", "--period", "2022H1", "--format", "json").stdout
    )
    assert {r["period"] for r in payload["rows"]} == {None, "2022H1"}


def test_unknown_period_is_usage_error_listing_the_valid_ones():
    result = status("--period", "2023")
    assert result.exit_code == 2
    assert "2022H1, 2022" in result.stderr


def test_bad_as_of_is_usage_error_with_hint():
    result = status("--as-of", "10/03/2022")
    assert result.exit_code == 2
    assert "did you mean 2022-03-10?" in result.stderr


def test_region_and_province_filters():
    payload = json.loads(
        status(
            "--as-of",
            "2022-07-01",  # names as they were then: Kon Tum and Gia Lai ended in 2025
            "--region",
            "Tây Nguyên",
            "--province",
            "gia lai",
            "--province",
            "Kontum",
            "--format",
            "json",
        ).stdout
    )
    assert {r["province"] for r in payload["rows"]} == {"62", "64"}


def test_only_gaps():
    payload = json.loads(
        status(
            "--as-of", "2022-07-01", "--period", "2022H1", "--only-gaps", "--format", "json"
        ).stdout
    )
    codes = {r["province"] for r in payload["rows"]}
    assert "02" not in codes and {"04", "10", "11", "20"} <= codes


def test_fail_on_gaps():
    assert status("--as-of", "2022-07-01", "--fail-on-gaps").exit_code == 1
    assert status("--as-of", "2022-07-01", "--province", "02", "--fail-on-gaps").exit_code == 0


def test_csv_and_markdown():
    rows = list(
        csv.DictReader(io.StringIO(status("--as-of", "2022-07-01", "--format", "csv").stdout))
    )
    assert len(rows) == 252 and rows[0]["province"] == "01"
    markdown = status("--as-of", "2022-07-01", "--format", "markdown").stdout
    assert "| 11 | Điện Biên | ✔ | — | ⚠ +7d | … |" in markdown


@pytest.mark.parametrize("typed", ["02", "2", "Hà Giang", "ha giang", "HÀ GIANG", "Tỉnh Hà Giang"])
def test_show_finds_a_province_however_it_is_typed(typed):
    result = runner.invoke(
        app, ["show", typed, "--repo", str(DEMO), "--as-of", "2022-07-01"], env=ENV
    )
    assert result.exit_code == 0, result.output
    assert "Hà Giang (02)" in result.stdout
    assert "112-BC/BDVTU" in result.stdout


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("TP. Hồ Chí Minh", "Hồ Chí Minh (79)"),
        ("TPHCM", "Hồ Chí Minh (79)"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế (46)"),
        ("Hoà Bình", "Hòa Bình (17)"),
        ("thanh hoa", "Thanh Hóa (38)"),
    ],
)
def test_show_aliases_and_tone_placement(typed, name):
    # As of 2022: Thừa Thiên Huế and Hòa Bình ended in 2025 (see test_units.py).
    result = runner.invoke(
        app, ["show", typed, "--repo", str(DEMO), "--as-of", "2022-07-01"], env=ENV
    )
    assert name in result.stdout


@pytest.mark.usefixtures("vietnamese")
def test_show_explains_an_incomplete_report():
    result = runner.invoke(
        app, ["show", "Lào Cai", "--repo", str(DEMO), "--as-of", "2022-07-01"], env=ENV
    )
    assert "chưa đủ: chưa gửi UBDT" in result.stdout
    assert "— Báo cáo định kỳ, kỳ báo cáo 6 tháng đầu năm 2022" in result.stdout  # in words


def test_missing_recipients_in_english_and_the_json_reason_unchanged():
    """Review finding 5: the screen follows --lang; the JSON is the same in every language."""
    args = ["--repo", str(DEMO), "--as-of", "2022-07-01"]
    shown = runner.invoke(app, ["show", "Lào Cai", *args], env={**ENV, "CV651_LANG": "en"})
    assert "incomplete: not sent to UBDT" in shown.stdout and "thiếu" not in shown.stdout
    rows = json.loads(runner.invoke(app, ["status", "--format", "json", *args], env=ENV).stdout)[
        "rows"
    ]
    row = next(r for r in rows if r["province"] == "10" and r["period"] == "2022H1")
    assert (row["state"], row["reason"]) == ("incomplete", "thiếu nơi nhận UBDT")


def test_unknown_province_suggests_the_closest():
    result = runner.invoke(app, ["show", "ha noii", "--repo", str(DEMO)], env=ENV)
    assert result.exit_code == 2
    assert "did you mean Hà Nội" in result.stderr


def test_reading_commands_refuse_a_repository_with_errors_in_shared_files(make_repo: MakeRepo):
    root = make_repo({"data/plan_40.yaml": "plan: 1\nplan: 2\n"})
    result = runner.invoke(app, ["status", "--repo", str(root)], env=ENV)
    assert result.exit_code == 1
    assert "yaml-duplicate-key" in result.stderr and "cv651 validate" in result.stderr


@pytest.mark.parametrize("width", [1, 7, 10, 11, 40])
@pytest.mark.parametrize(
    "heading", ["Thực hiện Công văn 651-CV/BDVTW", "x" * 30, "日本語の見出し", ""]
)
def test_headings_are_centred_and_cut_as_rich_aligns_them(heading, width):
    """The plain table and the coloured one centre a heading as rich's Text.align did
    when rich drew every table: a heading wider than the table is cut to it."""
    from rich.text import Text

    from cv651.statuslines import _centred

    text = Text(heading)
    text.align("center", width)
    assert _centred(heading, width) == text.plain


def test_a_table_wider_than_the_terminal_says_how_to_narrow_it():
    """On a terminal, rows wider than it break; the table is still whole, and stderr
    says how to narrow it. Redirected output is for files: no hint there."""
    args = ["status", "--repo", str(DEMO), "--as-of", "2022-07-01"]
    terminal = {**ENV, "TERM": "xterm", "TTY_COMPATIBLE": "1"}  # rich takes a dumb one as 80
    narrow = runner.invoke(app, args, env={**terminal, "COLUMNS": "60"})
    assert narrow.exit_code == 0
    shown = re.sub(r"\x1b\[[0-9;]*m", "", narrow.stdout)  # in colour: it is a terminal
    width = max(len(line.rstrip()) for line in shown.splitlines())
    assert (
        f"the table is {width} columns wide and the terminal 60: choose --period" in narrow.stderr
    )
    assert "Điện Biên" in narrow.stdout
    wide = runner.invoke(app, args, env={**terminal, "COLUMNS": "100"})
    assert wide.exit_code == 0 and wide.stderr == ""
    piped = runner.invoke(app, args, env={**ENV, "COLUMNS": "60"})
    assert "columns wide" not in piped.stderr
