"""What cv651 echoes from data and options (issue #12): control and invisible characters
escaped, long values cut, one line per problem, CSV that Excel will not run, and
standard output that goes away or was never there."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from cv651.cli import app

from .conftest import DEMO

runner = CliRunner()
HA_GIANG = "data/submissions/02-ha-giang.yaml"
DOC = "  - kind: {kind}\n    number: 25-KH/BDVTU\n    date: 2022-03-10\n    issuers: [{body}]\n"


def _submission(kind: str = "local_plan", body: str = "BDVTU") -> str:
    return 'province: "02"\ndocuments:\n' + DOC.format(kind=kind, body=body)


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_terminal_escapes_from_data_never_reach_the_output(make_repo, fmt):
    root = make_repo({HA_GIANG: _submission(kind='"\\e]0;owned\\a"', body='"B\\eDVTU"')})
    result = runner.invoke(app, ["validate", "--repo", str(root), "--format", fmt])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b" in result.output


def test_a_newline_in_a_file_name_stays_one_line(make_repo):
    root = make_repo({"data/submissions/02-ha\ngiang.yaml": _submission(body="NOPE")})
    result = runner.invoke(app, ["validate", "--repo", str(root)])
    lines = [line for line in result.stdout.splitlines() if "unknown-body" in line]
    assert len(lines) == 1 and lines[0].startswith("data/submissions/02-ha\\x0agiang.yaml:")


def test_an_invisible_character_is_shown(make_repo):
    root = make_repo({HA_GIANG: _submission(body="BDVTU\u200b")})
    result = runner.invoke(app, ["validate", "--repo", str(root)])
    assert "unknown body 'BDVTU\\u200b'; did you mean 'BDVTU'?" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_long_value_is_cut_in_every_format(make_repo, fmt):
    root = make_repo({HA_GIANG: _submission(body="K" * 200_000)})
    result = runner.invoke(app, ["validate", "--repo", str(root), "--format", fmt])
    assert result.exit_code == 1
    assert len(result.stdout) < 5_000 and "characters cut]" in result.stdout


def test_status_csv_runs_no_formula(demo_copy):
    provinces = demo_copy / "data" / "provinces.yaml"
    text = provinces.read_text(encoding="utf-8")
    provinces.write_text(
        text.replace("name: Hà Nội", 'name: "=HYPERLINK(\\"http://x\\")"'), encoding="utf-8"
    )
    argv = ["status", "--repo", str(demo_copy), "--format", "csv", "--as-of", "2022-07-01"]
    result = runner.invoke(app, argv)
    assert result.exit_code == 0, result.output
    assert "'=HYPERLINK" in result.stdout
    assert ",=HYPERLINK" not in result.stdout and ',"=HYPERLINK' not in result.stdout


CV651 = [sys.executable, "-m", "cv651"]


@pytest.mark.parametrize("argv", [["show", "02"], ["status"], ["status", "--format", "csv"]])
def test_a_reader_that_stops_early_is_not_an_error(argv):
    """`cv651 show 02 | head -1`: exit 0, nothing on stderr."""
    proc = subprocess.Popen(
        [*CV651, *argv, "--repo", str(DEMO)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is written
    stderr = proc.stderr.read()
    assert proc.wait() == 0, stderr
    assert stderr == b""


def test_closed_standard_output_is_said():
    """`cv651 status >&-` used to lose its output without a word."""
    proc = subprocess.run(
        [*CV651, "status", "--repo", str(DEMO)],
        capture_output=False,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),  # stdout closed, as `>&-` does
        check=False,
    )
    assert proc.returncode == 1
    assert b"standard output is closed" in proc.stderr


@pytest.mark.parametrize("value", ["a\x01", "\x1b]0;x\x07", "\udcff", "a\u2028b"])
def test_document_options_with_control_characters_are_refused(value):
    argv = ["summarize", "--period", "2022H1", "--repo", str(DEMO), "--signer", value]
    result = runner.invoke(app, argv)
    assert result.exit_code == 2
    assert "--signer: an invisible or undecodable character" in result.stderr
    assert "\x1b" not in result.output and result.stdout == ""
