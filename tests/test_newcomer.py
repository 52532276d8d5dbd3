"""What a new user tripped on (issue #11): output files, `-o -`, help, replay, messages."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from cv651.cli import app

from .conftest import DEMO

runner = CliRunner()
ENV = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}


def run(*args: str):
    return runner.invoke(app, [*args], env=ENV)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


# --- 3. modes of written files -----------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
@pytest.mark.parametrize(
    "args",
    [
        ["summarize", "--period", "2022H1", "--as-of", "2022-07-01", "-o", "{out}/b.md"],
        ["remind", "--period", "2022H1", "--as-of", "2022-07-01", "-o", "{out}/r.md"],
        ["export", "--as-of", "2022-07-01", "-o", "{out}/t.csv"],
        ["export", "--as-of", "2022-07-01", "-o", "{out}/t.xlsx"],
        ["schema", "-o", "{out}/schemas"],
    ],
)
def test_written_files_get_the_mode_of_a_normal_write(tmp_path, umask_027, args):
    out = tmp_path / "out"
    out.mkdir()
    argv = [a.replace("{out}", str(out)) for a in args]
    result = run(*argv, "--repo", str(DEMO))
    assert result.exit_code == 0, result.stderr
    files = [p for p in out.rglob("*") if p.is_file()]
    assert files
    assert {_mode(p) for p in files} == {0o640}


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_force_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "b.md"
    target.write_text("old")
    target.chmod(0o644)
    args = ["summarize", "--period", "2022H1", "--repo", str(DEMO), "-o", str(target), "--force"]
    assert run(*args).exit_code == 0
    assert _mode(target) == 0o644 and target.read_text() != "old"


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_init_writes_files_with_the_umask(tmp_path, umask_027):
    assert run("init", str(tmp_path / "new")).exit_code == 0
    modes = {_mode(p) for p in (tmp_path / "new").rglob("*") if p.is_file()}
    assert modes == {0o640}


# --- 4. -o - ----------------------------------------------------------------------------


def test_dash_is_stdout_for_markdown(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("summarize", "--period", "2022H1", "--repo", str(DEMO), "-o", "-")
    assert result.exit_code == 0
    assert "BAN DÂN VẬN" in result.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["summarize", "--period", "2022H1", "--format", "docx", "-o", "-"],
        ["remind", "--period", "2022H1", "--format", "docx", "-o", "-"],
        ["export", "-o", "-", "--format", "csv"],
        ["export", "-o", "-", "--format", "xlsx"],
        ["schema", "-o", "-"],
    ],
)
def test_dash_is_refused_where_there_is_no_single_text(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = run(*args, "--repo", str(DEMO))
    assert result.exit_code == 2
    assert "standard output (-o -)" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_init_refuses_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init", "-")
    assert result.exit_code == 2 and "standard output" in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- 5. no stray **** ----------------------------------------------------------------


def test_reminder_without_signer_has_no_empty_bold():
    result = run("remind", "--period", "2022H1", "--as-of", "2022-07-01", "--repo", str(DEMO))
    assert result.exit_code == 0
    assert "****" not in result.stdout
    signed = run(
        "remind", "--period", "2022H1", "--as-of", "2022-07-01", "--repo", str(DEMO),
        "--signer", "Nguyễn Văn A",
    )  # fmt: skip
    assert "**Nguyễn Văn A**" in signed.stdout


# --- 6. missing output folders ---------------------------------------------------------


@pytest.mark.parametrize("name", ["out/bao-cao.docx", "out/deep/bao-cao.md", "x/t.xlsx"])
def test_missing_output_folders_are_created(tmp_path, name):
    target = tmp_path / name
    command = "export" if name.endswith("xlsx") else "summarize"
    args = [command, "--repo", str(DEMO), "-o", str(target)]
    if command == "summarize":
        args += ["--period", "2022H1"]
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert target.is_file()


def test_an_output_folder_that_is_a_file_is_said_exactly(tmp_path):
    (tmp_path / "out").write_text("a file")
    target = tmp_path / "out" / "b.md"
    result = run("summarize", "--period", "2022H1", "--repo", str(DEMO), "-o", str(target))
    assert result.exit_code == 1
    assert "is not a folder" in result.stderr and "permission" not in result.stderr.lower()


# --- 2. show --as-of replays exactly ------------------------------------------------------


def test_show_as_of_lists_only_documents_counted_by_then():
    result = run("show", "02", "--as-of", "2022-04-01", "--repo", str(DEMO))
    assert result.exit_code == 0
    assert "25-KH/BDVTU" in result.stdout
    assert "112-BC/BDVTU" not in result.stdout and "240-BC/BDVTU" not in result.stdout
    later = run("show", "02", "--as-of", "2022-12-31", "--repo", str(DEMO))
    assert "112-BC/BDVTU" in later.stdout and "240-BC/BDVTU" in later.stdout


# --- 8. --date and --as-of -----------------------------------------------------------


def test_date_alone_sets_the_as_of_day():
    result = run("summarize", "--period", "2022", "--date", "2022-12-10", "--repo", str(DEMO))
    assert result.exit_code == 0
    assert "ngày 10 tháng 12 năm 2022" in result.stdout
    assert "warning" not in result.stderr
    as_of = run(
        "summarize", "--period", "2022", "--as-of", "2022-12-10", "--repo", str(DEMO)
    ).stdout  # the same report as counted to that day
    assert result.stdout == as_of


def test_date_before_as_of_is_warned():
    result = run(
        "summarize", "--period", "2022", "--date", "2022-12-10", "--as-of", "2023-01-05",
        "--repo", str(DEMO),
    )  # fmt: skip
    assert result.exit_code == 0
    assert "--date 2022-12-10 is before --as-of 2023-01-05" in result.stderr


def test_a_bad_date_names_the_date_option():
    result = run("summarize", "--period", "2022", "--date", "10/12/2022", "--repo", str(DEMO))
    assert result.exit_code == 2 and "--date:" in result.stderr and "2022-12-10" in result.stderr


# --- 10. --fail-on-gaps says how many and where -------------------------------------------


def test_fail_on_gaps_says_how_many_and_where():
    result = run("status", "--as-of", "2022-07-01", "--fail-on-gaps", "--repo", str(DEMO))
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "--fail-on-gaps" in line]
    assert len(lines) == 1
    assert "gaps" in lines[0] and "Hà Nội (01): Clause 1" in lines[0] and "more" in lines[0]


def test_no_gaps_no_word(tmp_path):
    result = run(
        "status", "--as-of", "2022-03-01", "--fail-on-gaps", "--repo", str(DEMO)
    )  # nothing due yet
    assert result.exit_code == 0 and "--fail-on-gaps" not in result.stderr


# --- command-line conventions ------------------------------------------------------------


def test_short_help_and_version():
    assert run("-h").exit_code == 0 and "Usage" in run("-h").stdout
    assert "Usage: cv651 status" in run("status", "-h").stdout
    assert run("-V").stdout.startswith("cv651 ")
    assert run("--version").stdout == run("-V").stdout


COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_says_what_to_type_and_ends_with_examples(command):
    text = run(command, "--help").stdout
    assert "<" not in text, text  # no <list[str]>, <str>, <int>, <file>
    examples = text.split("Examples:")[1]
    assert f"cv651 {command}" in examples


def test_help_metavars():
    assert "--format md|docx" in run("summarize", "-h").stdout
    assert "--as-of YYYY-MM-DD" in run("status", "-h").stdout
    assert "--province PROVINCE" in run("status", "-h").stdout
    assert "PROVINCE" in run("show", "-h").stdout
    assert "--due-within DAYS" in run("remind", "-h").stdout


# --- remind --due-within ----------------------------------------------------------------


def test_remind_due_within_asks_to_send_before_the_due_date():
    base = ["remind", "--period", "2022", "--as-of", "2022-11-20", "--repo", str(DEMO)]
    plain = run(*base)
    soon = run(*base, "--due-within", "15")
    assert soon.exit_code == 0
    assert "chậm nhất ngày 30/11/2022" in soon.stdout
    assert "chậm nhất" not in plain.stdout
    assert soon.stdout.count("\n| ") > plain.stdout.count("\n| ")


def test_remind_due_within_too_short_reaches_nothing_pending():
    base = ["remind", "--period", "2022", "--as-of", "2022-11-01", "--repo", str(DEMO)]
    assert "chậm nhất" not in run(*base, "--due-within", "5").stdout
    assert "chậm nhất" in run(*base, "--due-within", "29").stdout


@pytest.mark.parametrize("width", ["40", "50", "69"])
def test_show_keeps_every_document_number_whole_under_70_columns(width):
    result = runner.invoke(
        app, ["show", "02", "--repo", str(DEMO), "--as-of", "2022-12-31"],
        env={**ENV, "COLUMNS": width},
    )  # fmt: skip
    assert result.exit_code == 0
    for number in ("25-KH/BDVTU", "26-CTr/BDVTU-BCSĐUBND", "112-BC/BDVTU", "240-BC/BDVTU"):
        assert f"  {number} (" in result.stdout  # the requirement's document, on its own line
    assert max(len(line.rstrip()) for line in result.stdout.splitlines()) <= int(width)
