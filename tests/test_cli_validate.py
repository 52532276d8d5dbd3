import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cv651.cli import app

from .conftest import DEMO, MakeRepo

runner = CliRunner()
BAD = 'province: "02"\ndocuments:\n  - kind: local_plan\n    number: 25-KH/BDVTU\n    date: 10/03/2022\n    issuers: [BDVTU]\n'


def test_clean_repository_exits_0():
    result = runner.invoke(app, ["validate", "--repo", str(DEMO)])
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.stderr


def test_errors_exit_1_with_file_line_col_and_hint(make_repo: MakeRepo):
    root = make_repo({"data/submissions/02-ha-giang.yaml": BAD})
    result = runner.invoke(app, ["validate", "--repo", str(root)])
    assert result.exit_code == 1
    assert (
        "data/submissions/02-ha-giang.yaml:5:11: error bad-date: documents[0].date: dates are "
        "written YYYY-MM-DD; got '10/03/2022'; did you mean 2022-03-10?"
    ) in result.stdout
    assert "1 error, 0 warnings in 1 file" in result.stderr


def test_json_format(make_repo: MakeRepo):
    root = make_repo({"data/submissions/02-ha-giang.yaml": BAD})
    result = runner.invoke(app, ["validate", "--repo", str(root), "--format", "json"])
    payload = json.loads(result.stdout)
    assert result.exit_code == 1
    assert payload["ok"] is False and payload["errors"] == 1
    assert payload["diagnostics"][0] == {
        "path": "data/submissions/02-ha-giang.yaml",
        "line": 5,
        "col": 11,
        "severity": "error",
        "code": "bad-date",
        "message": "documents[0].date: dates are written YYYY-MM-DD; got '10/03/2022'",
        "hint": "did you mean 2022-03-10?",
    }


def test_github_format_is_the_default_inside_actions(make_repo: MakeRepo):
    root = make_repo({"data/submissions/02-ha-giang.yaml": BAD})
    result = runner.invoke(app, ["validate", "--repo", str(root)], env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith(
        "::error file=data/submissions/02-ha-giang.yaml,line=5,col=11,title=bad-date::"
    )


def test_strict_fails_on_warnings(make_repo: MakeRepo):
    root = make_repo({"data/submissions/02-hagiang.yaml": 'province: "02"\n'})
    assert runner.invoke(app, ["validate", "--repo", str(root)]).exit_code == 0
    assert runner.invoke(app, ["validate", "--repo", str(root), "--strict"]).exit_code == 1


def test_missing_repository_is_usage_error(tmp_path):
    result = runner.invoke(app, ["validate", "--repo", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a cv651 data repository" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_option_is_usage_error():
    assert runner.invoke(app, ["validate", "--frmat", "json"]).exit_code == 2


def test_environment_variable_names_the_repository(make_repo: MakeRepo, tmp_path, monkeypatch):
    root = make_repo({"data/submissions/02-ha-giang.yaml": BAD})
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["validate"], env={"CV651_REPO": str(root)}).exit_code == 1


def test_repository_found_from_a_subfolder(make_repo: MakeRepo, monkeypatch):
    root = make_repo({"data/submissions/02-ha-giang.yaml": BAD})
    monkeypatch.chdir(root / "data" / "submissions")
    monkeypatch.delenv("CV651_REPO", raising=False)
    assert runner.invoke(app, ["validate"]).exit_code == 1


def test_bundled_data_is_used_and_said(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CV651_REPO", raising=False)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0
    assert "using the bundled data" in result.stderr


def test_unexpected_exception_is_exit_3_without_traceback(monkeypatch):
    def boom(root):
        raise RuntimeError("kaboom")

    monkeypatch.setattr("cv651.loader.load_repository", boom)
    result = runner.invoke(app, ["validate", "--repo", str(DEMO)])
    assert result.exit_code == 3
    assert "internal error: RuntimeError: kaboom" in result.stderr
    assert "Traceback" not in result.output


def test_an_unreadable_repository_is_one_line_and_exit_1(make_repo: MakeRepo, monkeypatch):
    root = make_repo({})
    real = os.scandir

    def denied(path):  # as chmod 000 would be, for a test that may run as root
        if Path(path).name == "submissions":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", denied)
    result = runner.invoke(app, ["validate", "--repo", str(root)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"cv651: Permission denied ({root / 'data' / 'submissions'})"
    ]


@pytest.mark.parametrize(
    "command", [["status"], ["show", "02"], ["summarize", "--period", "2022H1"]]
)
def test_reading_commands_refuse_a_repository_without_a_plan(make_repo: MakeRepo, command):
    root = make_repo({})
    (root / "data" / "plan_40.yaml").unlink()
    result = runner.invoke(app, [*command, "--repo", str(root)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "data/plan_40.yaml:1:1: error missing-file: data/plan_40.yaml is missing",
        "cv651: the data repository has 1 error(s); run `cv651 validate` for the full list",
    ]
