"""The Government's announcements (data/calendar.yaml) win over the `holidays` package,
and a moved due date says why (design.md, "Calendar")."""

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cv651.calendar import WorkingDays
from cv651.cli import app
from cv651.loader import load_repository

from .conftest import PROJECT, MakeRepo

runner = CliRunner()
BUNDLED = load_repository(PROJECT).repository
assert BUNDLED is not None


@pytest.mark.parametrize(
    ("due", "effective"),
    [
        (date(2026, 1, 2), date(2026, 1, 5)),  # a Friday off (Công văn 12729/VPCP-KGVX)
        (date(2026, 1, 10), date(2026, 1, 10)),  # the Saturday worked in its place
        (date(2024, 5, 4), date(2024, 5, 4)),  # make-up Saturday for 29/04/2024
        (date(2025, 4, 26), date(2025, 4, 26)),  # make-up Saturday for 02/05/2025
        (date(2026, 8, 22), date(2026, 8, 22)),  # make-up Saturday for 31/08/2026
        (date(2026, 11, 24), date(2026, 11, 24)),  # not confirmed as a day off
        (date(2022, 6, 20), date(2022, 6, 20)),  # 2022 is as the package says
        (date(2022, 9, 2), date(2022, 9, 5)),
    ],
)
def test_the_bundled_announcements(due: date, effective: date):
    assert BUNDLED.working_days.next_working_day(due) == effective


def test_why_a_due_date_moved():
    days = BUNDLED.working_days
    assert days.why_moved(date(2026, 1, 2)) == (
        "Nghỉ Tết Dương lịch (hoán đổi) (Công văn 12729/VPCP-KGVX ngày 25/12/2025); "
        "thứ Bảy; Chủ nhật"
    )
    assert days.why_moved(date(2022, 9, 2)) == "Quốc khánh; thứ Bảy; Chủ nhật"
    assert days.why_moved(date(2022, 6, 20)) is None
    assert WorkingDays().why_moved(date(2026, 1, 10)) == "thứ Bảy; Chủ nhật"


def test_the_report_of_friday_2_january_2026_received_monday_is_on_time(make_repo: MakeRepo):
    plan = (PROJECT / "data" / "plan_40.yaml").read_text(encoding="utf-8")
    root = make_repo(
        {
            "data/plan_40.yaml": plan.replace("due: 2022-03-31", "due: 2026-01-02", 1),
            "data/calendar.yaml": (PROJECT / "data" / "calendar.yaml").read_text("utf-8"),
            "data/submissions/01-ha-noi.yaml": 'province: "01"\ndocuments:\n'
            "  - {kind: local_plan, number: 1-KH/BDVTU, date: 2026-01-05, issuers: [BDVTU]}\n",
        }
    )
    args = ["status", "--repo", str(root), "--as-of", "2026-01-06", "--format", "json"]
    payload = json.loads(runner.invoke(app, [*args, "--province", "01"]).stdout)
    row = next(r for r in payload["rows"] if r["task"] == "concretize")
    assert (row["state"], row["due"], row["due_in_plan"]) == ("on_time", "2026-01-05", "2026-01-02")
    assert row["due_moved"].startswith("Nghỉ Tết Dương lịch (hoán đổi) (Công văn 12729/VPCP-KGVX")
    assert payload["columns"][0]["due_moved"] == row["due_moved"]
    without = root / "data" / "calendar.yaml"
    without.unlink()
    payload = json.loads(runner.invoke(app, [*args, "--province", "01"]).stdout)
    row = next(r for r in payload["rows"] if r["task"] == "concretize")
    assert (row["state"], row["days_late"]) == ("late", 3)  # what the package alone says


def test_a_day_listed_twice_is_an_error_with_its_line(make_repo: MakeRepo):
    root = make_repo(
        {
            "data/calendar.yaml": "days_off:\n"
            "  - {date: 2026-01-02, name: Nghỉ, source: CV 1}\n"
            "working_days:\n"
            "  - {date: 2026-01-02, name: Làm bù, source: CV 1}\n"
        }
    )
    errors = [(d.path, d.line, d.code) for d in load_repository(root).errors]
    assert errors == [("data/calendar.yaml", 4, "duplicate-day")]


@pytest.mark.usefixtures("vietnamese")
def test_show_says_when_and_why_a_due_date_moved():
    example = PROJECT / "examples" / "2025"
    result = runner.invoke(
        app,
        ["show", "80", "--repo", str(example), "--as-of", "2025-12-15"],
        env={"COLUMNS": "100", "NO_COLOR": "1"},
    )
    assert "dời từ 30/11/2025 sang 01/12/2025: Chủ nhật" in result.stdout


def test_a_calendar_with_a_bad_key_stops_reading_commands(make_repo: MakeRepo, tmp_path: Path):
    root = make_repo({"data/calendar.yaml": "days_of: []\n"})
    result = runner.invoke(app, ["status", "--repo", str(root)])
    assert result.exit_code == 1 and "data/calendar.yaml:1:1" in result.stderr
