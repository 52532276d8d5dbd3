"""A repository with some broken files (design.md): every command, one broken submission.

status, show and export go on with the province `invalid`; summarize and remind
refuse unless --skip-invalid, and then the document names the province left out.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from docx import Document as Docx
from openpyxl import load_workbook
from typer.testing import CliRunner

from cv651.cli import app
from cv651.loader import load_repository

from .conftest import DEMO

runner = CliRunner()
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
BROKEN = "data/submissions/10-lao-cai.yaml"
LEFT_OUT = "Số liệu của 1 tỉnh, thành (Lào Cai) chưa hợp lệ, chưa tổng hợp."


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The demo, with Lào Cai's file broken by a date written the Vietnamese way."""
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    path = root / BROKEN
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("date: 2022-", "date: ngày 2022-", 1), encoding="utf-8")
    return root


def run(root: Path, *args: str):
    return runner.invoke(app, [*args, "--repo", str(root)], env=ENV)


def _says_how_many_and_where(stderr: str) -> None:
    assert "1 submission file has errors (data/submissions/10-lao-cai.yaml)" in stderr
    assert "cv651 validate" in stderr


def test_the_loader_keeps_the_other_provinces(broken: Path):
    loaded = load_repository(broken)
    assert loaded.invalid_files == [BROKEN] and not loaded.shared_errors
    assert loaded.repository is not None and loaded.repository.invalid == {"10"}
    assert "02" in loaded.repository.submissions and "10" not in loaded.repository.submissions


def test_a_broken_unit_is_named_as_it_was_on_the_day_asked(demo_copy: Path):
    """Huế was Thừa Thiên Huế until 2024: `status --as-of 2022-07-01` says so."""
    (demo_copy / "data/submissions/46-thua-thien-hue.yaml").write_text(
        'province: "46"\ndocuments: 3\n', encoding="utf-8"
    )
    then = run(demo_copy, "status", "--as-of", "2022-07-01")
    now = run(demo_copy, "status", "--as-of", "2025-07-01")
    assert "shown as invalid: Thừa Thiên Huế;" in then.stderr
    assert "shown as invalid: Huế;" in now.stderr


def test_validate_fails_and_lists_the_error(broken: Path):
    result = run(broken, "validate")
    assert result.exit_code == 1 and f"{BROKEN}:" in result.stdout


def test_status_goes_on_with_the_province_invalid(broken: Path):
    result = run(broken, "status", "--as-of", "2022-07-01", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["rows"]
    assert {r["state"] for r in rows if r["province"] == "10"} == {"invalid"}
    assert "invalid" not in {r["state"] for r in rows if r["province"] != "10"}
    assert next(r for r in rows if r["province"] == "10")["due"] == "2022-03-31"
    _says_how_many_and_where(result.stderr)
    table = run(broken, "status", "--as-of", "2022-07-01", "--province", "10").stdout
    assert "⊘" in table and "data with errors" in table


def test_invalid_is_neither_met_nor_a_gap_but_fails_fail_on_gaps(broken: Path):
    good = run(broken, "status", "--as-of", "2022-03-01", "--format", "json", "--fail-on-gaps")
    totals = json.loads(good.stdout)["totals"]
    concretize = next(t for t in totals if t["column"] == "concretize")
    assert concretize["invalid"] == 1 and concretize["overdue"] == 0
    assert good.exit_code == 1  # nothing is due yet; only the invalid province fails it
    assert "Lào Cai (10)" in good.stderr.splitlines()[-1]


def test_only_gaps_shows_the_invalid_province(broken: Path):
    result = run(broken, "status", "--as-of", "2022-03-01", "--only-gaps", "--format", "csv")
    assert {row["province"] for row in csv.DictReader(io.StringIO(result.stdout))} == {"10"}


def test_show_the_broken_province_lists_its_errors(broken: Path):
    result = run(broken, "show", "Lào Cai", "--as-of", "2022-07-01")
    assert result.exit_code == 0
    assert "data with errors" in result.stdout and f"✘ {BROKEN}:" in result.stdout
    other = run(broken, "show", "02")
    assert other.exit_code == 0 and "✔" in other.stdout
    _says_how_many_and_where(other.stderr)


@pytest.mark.parametrize("name", ["t.xlsx", "t.csv"])
def test_export_goes_on(broken: Path, tmp_path: Path, name: str):
    target = tmp_path / name
    result = run(broken, "export", "-o", str(target), "--as-of", "2022-07-01")
    assert result.exit_code == 0
    _says_how_many_and_where(result.stderr)
    if name.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    else:
        rows = [[str(c) for c in r] for r in load_workbook(target).worksheets[0].values]
    lao_cai = next(r for r in rows if r[0] == "10")
    # each state column (a days-late column follows each) says so
    assert all("data with errors" in cell for cell in lao_cai[3::2])  # tests run in English


@pytest.mark.parametrize("command", ["summarize", "remind"])
def test_documents_refuse_without_skip_invalid(broken: Path, tmp_path: Path, command: str):
    target = tmp_path / "out.md"
    result = run(broken, command, "--period", "2022H1", "--as-of", "2022-07-01", "-o", str(target))
    assert result.exit_code == 1
    assert f"{BROKEN}:" in result.stderr and "--skip-invalid" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("command", ["summarize", "remind"])
def test_skip_invalid_names_the_province_left_out(broken: Path, command: str):
    result = run(broken, command, "--period", "2022H1", "--as-of", "2022-07-01", "--skip-invalid")
    assert result.exit_code == 0
    assert LEFT_OUT in result.stdout
    assert "left out: Lào Cai" in result.stderr
    if command == "summarize":  # the annex lists the other provinces, not Lào Cai
        assert "| Lào Cai |" not in result.stdout and "| Hà Giang |" in result.stdout


@pytest.mark.parametrize("command", ["summarize", "remind"])
def test_skip_invalid_docx_names_the_province_left_out(broken: Path, tmp_path, command: str):
    target = tmp_path / "out.docx"
    args = [command, "--period", "2022H1", "--as-of", "2022-07-01", "--skip-invalid"]
    assert run(broken, *args, "-o", str(target)).exit_code == 0
    assert LEFT_OUT in [p.text for p in Docx(str(target)).paragraphs]


def test_a_clean_repository_has_no_left_out_sentence():
    result = run(DEMO, "summarize", "--period", "2022H1", "--as-of", "2022-07-01")
    assert "chưa hợp lệ" not in result.stdout


def test_schema_and_init_are_not_stopped(broken: Path, tmp_path: Path):
    assert run(broken, "schema", "-o", str(tmp_path / "s")).exit_code == 0
    assert runner.invoke(app, ["init", str(tmp_path / "new")], env=ENV).exit_code == 0


def test_errors_in_shared_files_still_stop_every_reading_command(broken: Path):
    (broken / "data/provinces.yaml").write_text("regions: {}\nprovinces: 1\n", encoding="utf-8")
    for args in (["status"], ["show", "02"], ["export", "-o", "x.csv"]):
        result = run(broken, *args)
        assert result.exit_code == 1 and "data/provinces.yaml" in result.stderr
