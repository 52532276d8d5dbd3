"""CODEOWNERS from `cv651 owners` and `init`, and the pull/merge request recipes on git."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cv651.cli import app
from cv651.init import CI, SCAFFOLD

from .conftest import DEMO, MakeRepo
from .test_review import ENV, FILES, GIT_ENV, HA_GIANG, edit, git

runner = CliRunner()


def owners(*args: str):
    return runner.invoke(app, ["owners", *args], env=ENV)


def test_each_province_file_to_its_team_and_the_rest_to_the_centre(tmp_path: Path):
    result = owners("--repo", str(DEMO), "--pattern", "@bdv/tinh-{code}", "--central",
                    "@bdv/tw", "-o", "-")  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    assert lines[0] == "* @bdv/tw"  # first: the last match wins on GitHub and GitLab
    assert "/data/submissions/02-*.yaml @bdv/tinh-02" in lines
    assert "/data/submissions/02-*.yml @bdv/tinh-02" in lines  # the loader reads .yml too
    assert len(lines) == 1 + 2 * 63


def test_slug_pattern_and_the_file_in_the_repository(make_repo: MakeRepo):
    root = make_repo()
    result = owners("--repo", str(root), "--pattern", "tinh-{slug}@example.org")
    assert result.exit_code == 0, result.output
    text = (root / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/data/submissions/02-*.yaml tinh-ha-giang@example.org" in text
    assert "* @ORG/central" in text
    again = owners("--repo", str(root))
    assert again.exit_code == 1 and "exists" in again.output  # kept without --force
    assert owners("--repo", str(root), "--force").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pattern", "@bdv/all"], "{code} or {slug}"),
        (["--pattern", "@bdv/{name}"], "{code} or {slug}"),
        (["--central", "trung uong"], "is not a user, team or e-mail address"),
    ],
)
def test_bad_owners_are_usage_errors(args: list[str], message: str):
    result = owners("--repo", str(DEMO), "-o", "-", *args)
    assert result.exit_code == 2 and message in result.output


def _cv651(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in GIT_ENV.items() if not k.startswith(("GITHUB_", "CI_"))}
    return subprocess.run(
        [sys.executable, "-m", "cv651", *args],
        cwd=cwd,
        env={**clean, "CV651_LANG": "en", **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def pull_request(make_repo: MakeRepo) -> tuple[Path, str]:
    """A repository whose branch edits an accepted date; and the base commit."""
    root = make_repo(FILES)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "accepted")
    base = git(root, "rev-parse", "HEAD").strip()
    git(root, "checkout", "-q", "-b", "pr")
    edit(root, HA_GIANG, "received: 2022-06-15", "received: 2022-06-20")
    git(root, "commit", "-qam", "edit")
    return root, base


def test_the_github_pull_request_step_annotates_the_changed_line(pull_request):
    root, base = pull_request
    workflow = yaml.safe_load((SCAFFOLD / CI["github"][1]).read_text(encoding="utf-8"))
    steps = workflow["jobs"]["validate"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    step = next(s for s in steps if s.get("if") == "github.event_name == 'pull_request'")
    assert step["env"]["BASE"] == "${{ github.event.pull_request.base.sha }}"
    argv = shlex.split(step["run"].replace("$BASE", base))
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(root)}
    result = _cv651(*argv[1:], cwd=root, env=env)
    assert result.returncode == 1
    assert result.stdout.startswith(
        f"::error file={HA_GIANG},line=11,col=15,title=uncorrected-change::received changed"
    )


def test_the_gitlab_merge_request_job_writes_a_code_quality_report(pull_request):
    root, base = pull_request
    pipeline = yaml.safe_load((SCAFFOLD / CI["gitlab"][1]).read_text(encoding="utf-8"))
    line = next(c for c in pipeline["cv651-merge-request"]["script"] if c.startswith("cv651 "))
    command, report = line.split(" > ")
    argv = shlex.split(command.replace("$CI_MERGE_REQUEST_DIFF_BASE_SHA", base))
    result = _cv651(*argv[1:], cwd=root, env={"CI_PROJECT_DIR": str(root)})
    assert result.returncode == 1
    assert report == pipeline["cv651-merge-request"]["artifacts"]["reports"]["codequality"]
    (issue,) = json.loads(result.stdout)
    assert issue["check_name"] == "uncorrected-change" and issue["severity"] == "major"
    assert issue["location"] == {"path": HA_GIANG, "lines": {"begin": 11}}


def test_init_writes_codeowners_with_placeholder_teams(tmp_path: Path):
    target = tmp_path / "kho"
    result = _cv651("init", str(target), cwd=tmp_path, env={})
    assert result.returncode == 0, result.stderr
    text = (target / "CODEOWNERS").read_text(encoding="utf-8")
    assert "* @ORG/central" in text and "/data/submissions/02-*.yaml @ORG/team-02" in text
