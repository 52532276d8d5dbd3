"""Several plans: every data/plan_*.yaml, `plan:` on documents, --plan, `plan` in JSON rows."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cv651.cli import app
from cv651.loader import load_repository

from .conftest import BUNDLED, PROJECT, write_tree

EXAMPLE = PROJECT / "examples" / "2025"
runner = CliRunner()
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}

REPORT_2022 = """\
  - kind: report
    period: 2022H1
    number: 1-BC/BDVTU
    date: 2022-06-10
    issuers: [BDVTU]
    recipients: [TU, BDVTW, UBDT]
"""
REPORT_2025 = """\
  - kind: report
    plan: "2025"
    period: 2025H1
    number: 2-BC/BTGDVTU
    date: 2025-06-10
    issuers: [BTGDVTU]
    recipients: [TU, BTGDVTW, DUBDTTG]
"""


@pytest.fixture
def two_plans(tmp_path: Path) -> Path:
    """The bundled plan 40 and the illustrative plan of 2025, with one file for Hà Giang."""
    root = tmp_path / "repo"
    (root / "data" / "submissions").mkdir(parents=True)
    for name in ("provinces.yaml", "plan_40.yaml"):
        shutil.copyfile(BUNDLED / name, root / "data" / name)
    shutil.copyfile(EXAMPLE / "data" / "plan_2025.yaml", root / "data" / "plan_2025.yaml")
    write_tree(
        root,
        {
            "data/submissions/02-ha-giang.yaml": 'province: "02"\ndocuments:\n'
            + REPORT_2022
            + REPORT_2025
        },
    )
    return root


def status(root: Path, *args: str):
    return runner.invoke(app, ["status", "--repo", str(root), *args], env=ENV)


def rows(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["rows"]


def test_every_plan_file_is_a_plan(two_plans: Path):
    repository = load_repository(two_plans).repository
    assert repository is not None
    assert sorted(repository.plan_index.by_id) == ["2025", "40"]


def test_without_plan_the_latest_issued_by_the_as_of_date(two_plans: Path):
    late = status(two_plans, "--as-of", "2025-12-01", "--format", "json")
    assert "reading plan 2025 (01-KH/BTGDVTW-ĐUBDTTG)" in late.stderr
    assert {r["plan"] for r in rows(late)} == {"2025"}
    early = status(two_plans, "--as-of", "2022-12-01", "--format", "json")
    assert {r["plan"] for r in rows(early)} == {"40"} and "reading plan 40" in early.stderr


@pytest.mark.parametrize("wanted", ["40", "40-KH/BDVTW-BCSĐUBDT"])
def test_plan_by_id_or_number(two_plans: Path, wanted: str):
    result = status(two_plans, "--as-of", "2025-12-01", "--plan", wanted, "--format", "json")
    h1 = next(r for r in rows(result) if r["province"] == "02" and r["period"] == "2022H1")
    assert (h1["plan"], h1["state"], h1["document"]) == ("40", "on_time", "1-BC/BDVTU")
    assert result.stderr == ""


def test_documents_count_only_for_their_plan(two_plans: Path):
    result = status(two_plans, "--as-of", "2025-12-01", "--plan", "2025", "--format", "json")
    mine = [r for r in rows(result) if r["province"] == "02"]
    h1 = next(r for r in mine if r["period"] == "2025H1")
    assert (h1["state"], h1["document"]) == ("on_time", "2-BC/BTGDVTU")
    assert all(r["document"] != "1-BC/BDVTU" for r in mine)


def test_an_unknown_plan_is_a_usage_error(two_plans: Path):
    result = status(two_plans, "--plan", "41")
    assert result.exit_code == 2
    assert "unknown plan '41'" in result.stderr and "2025 (01-KH" in result.stderr


def test_a_document_naming_an_unknown_plan_is_an_error_with_its_line(two_plans: Path):
    path = two_plans / "data/submissions/02-ha-giang.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"2025"', '"2052"'), "utf-8")
    result = runner.invoke(app, ["validate", "--repo", str(two_plans)])
    assert result.exit_code == 1
    assert "data/submissions/02-ha-giang.yaml:10:11: error unknown-plan" in result.output


@pytest.mark.usefixtures("vietnamese")
def test_show_and_status_say_which_plan(two_plans: Path):
    shown = runner.invoke(
        app, ["show", "02", "--repo", str(two_plans), "--as-of", "2022-07-01"], env=ENV
    )
    assert "Kế hoạch 40-KH/BDVTW-BCSĐUBDT (40)" in shown.stdout
    table = status(two_plans, "--as-of", "2025-07-01", "--plan", "2025")
    assert "Kế hoạch 01-KH/BTGDVTW-ĐUBDTTG" in table.stdout


def test_summarize_reads_the_chosen_plan_and_its_office(two_plans: Path):
    args = ["summarize", "--repo", str(two_plans), "--period", "2025H1", "--as-of", "2025-07-01"]
    result = runner.invoke(app, args, env=ENV)
    assert result.exit_code == 0, result.output
    assert "BAN TUYÊN GIÁO VÀ DÂN VẬN" in result.stdout and "-BC/BTGDVTW" in result.stdout


def test_the_2025_example_crosses_1_july_2025():
    result = status(EXAMPLE, "--as-of", "2025-12-15", "--format", "json")
    by = {(r["province"], r["period"]): r for r in rows(result)}
    assert by["72", "2025H1"]["state"] == "on_time" and by["72", "2025H1"]["name"] == "Tây Ninh"
    assert (by["72", "2025"]["state"], by["72", "2025"]["reason"]) == (
        "not_applicable",
        "đã hợp nhất vào Tây Ninh (mã 80) từ ngày 01/7/2025",  # the JSON's words in any language
    )
    assert (by["80", "2025H1"]["name"], by["80", "2025"]["name"]) == ("Long An", "Tây Ninh")
    assert by["80", "2025"]["state"] == "on_time"  # received Monday 01/12, due Sunday 30/11
    assert (by["94", "2025H1"]["state"], by["94", "2025"]["state"]) == (
        "on_time",
        "not_applicable",
    )
    assert by["93", "2025H1"]["state"] == "overdue"
    assert len({r["province"] for r in rows(result)}) == 63
