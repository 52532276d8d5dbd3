"""Fitting the tools around a data repository: init, pre-commit, CI recipes, job summaries."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cv651.init import CI, SCAFFOLD

from .conftest import PROJECT


def cv651(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    return subprocess.run(
        [sys.executable, "-m", "cv651", *args],
        cwd=cwd,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("init") / "kho-du-lieu"
    result = cv651("init", str(target), cwd=target.parent)
    assert result.returncode == 0, result.stderr
    return target


def test_init_writes_a_repository_that_validates_and_reports(scaffolded: Path):
    expected = {
        "data/provinces.yaml",
        "data/plan_40.yaml",
        "data/calendar.yaml",  # the Government's announcements (issue 13)
        "schemas/calendar.schema.json",
        "data/submissions/README.md",
        "templates/summary.md.j2",
        "templates/summary.docx",
        "templates/reminder.md.j2",
        "templates/reminder.docx",
        "schemas/submission.schema.json",
        ".pre-commit-config.yaml",
        ".github/workflows/cv651.yml",
        ".gitignore",
        "README.md",
        "CODEOWNERS",
    }
    files = {p.relative_to(scaffolded).as_posix() for p in scaffolded.rglob("*") if p.is_file()}
    assert expected <= files
    assert cv651("validate", "--strict", cwd=scaffolded).returncode == 0
    status = cv651("status", "--format", "json", "--as-of", "2022-07-01", cwd=scaffolded)
    assert status.returncode == 0 and '"province": "96"' in status.stdout
    readme = (scaffolded / "README.md").read_text(encoding="utf-8")
    assert "Recording a new document" in readme and "cv651 validate" in readme


def test_init_refuses_a_non_empty_folder_and_force_never_overwrites(tmp_path: Path):
    (tmp_path / "data").mkdir()
    mine = tmp_path / "data" / "provinces.yaml"
    mine.write_text("của tôi\n", encoding="utf-8")
    refused = cv651("init", str(tmp_path), cwd=tmp_path)
    assert refused.returncode == 1 and "not empty" in refused.stderr
    assert not (tmp_path / "data" / "plan_40.yaml").exists()
    forced = cv651("init", str(tmp_path), "--force", "--ci", "gitlab", cwd=tmp_path)
    assert forced.returncode == 0 and "kept" in forced.stderr
    assert mine.read_text(encoding="utf-8") == "của tôi\n"
    assert (tmp_path / ".gitlab-ci.yml").is_file() and not (tmp_path / ".github").exists()


def _cv651_lines(script: list[str]) -> list[str]:
    return [line for line in script if line.startswith("cv651 ")]


def test_github_workflow_recipe_runs_as_written(scaffolded: Path, tmp_path: Path):
    workflow = yaml.safe_load((SCAFFOLD / CI["github"][1]).read_text(encoding="utf-8"))
    steps = workflow["jobs"]["validate"]["steps"]
    commands = _cv651_lines([s["run"] for s in steps if "run" in s])
    assert commands == ["cv651 validate", 'cv651 validate --base "$BASE"']
    # A pull request with a mistake: annotations on the line, a table in the job summary.
    bad = scaffolded / "data" / "submissions" / "02-ha-giang.yaml"
    bad.write_text(
        'province: "02"\ndocuments:\n  - kind: local_plan\n    number: 1-KH/BDVTU\n'
        "    date: 10/03/2022\n    issuers: [BDVTU]\n",
        encoding="utf-8",
    )
    summary = tmp_path / "summary.md"
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_WORKSPACE": str(scaffolded.parent),
    }
    try:
        result = cv651(*shlex.split(commands[0])[1:], cwd=scaffolded, env=env)
    finally:
        bad.unlink()
    assert result.returncode == 1
    assert result.stdout.startswith(
        f"::error file={scaffolded.name}/data/submissions/02-ha-giang.yaml,line=5,col=11,title=bad-date::"
    )
    text = summary.read_text(encoding="utf-8")
    assert "### cv651 validate: 1 error" in text and "`bad-date`" in text
    # The data is clean again: the job summary shows the coverage table.
    assert cv651("validate", cwd=scaffolded, env=env).returncode == 0
    assert "| Code | Province | Clause 1 |" in summary.read_text(encoding="utf-8")


def test_gitlab_recipe_runs_as_written(scaffolded: Path):
    pipeline = yaml.safe_load((SCAFFOLD / CI["gitlab"][1]).read_text(encoding="utf-8"))
    commands = _cv651_lines(pipeline["cv651"]["script"])
    assert commands == ["cv651 validate", "cv651 status --format markdown"]
    merge_request = _cv651_lines(pipeline["cv651-merge-request"]["script"])
    assert merge_request == [
        'cv651 validate --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --format gitlab '
        "> gl-code-quality-report.json"
    ]
    assert pipeline["cv651-merge-request"]["variables"]["GIT_DEPTH"] == "0"
    for command in commands:
        result = cv651(*shlex.split(command)[1:], cwd=scaffolded)
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "config",
    [PROJECT / ".pre-commit-hooks.yaml", SCAFFOLD / "pre-commit-config.yaml"],
    ids=["hooks-offered", "local-config"],
)
def test_pre_commit_hook_entry_checks_the_whole_repository(config: Path, scaffolded: Path):
    loaded = yaml.safe_load(config.read_text(encoding="utf-8"))
    hooks = loaded if isinstance(loaded, list) else loaded["repos"][0]["hooks"]
    hook = next(h for h in hooks if h["id"] == "cv651-validate")
    assert hook["pass_filenames"] is False
    entry = shlex.split(hook["entry"])
    assert entry[0] == "cv651"
    assert cv651(*entry[1:], cwd=scaffolded).returncode == 0
    broken = scaffolded / "data" / "submissions" / "04-cao-bang.yaml"
    broken.write_text('province: "04"\nprovince: "04"\n', encoding="utf-8")
    try:
        result = cv651(*entry[1:], cwd=scaffolded)
    finally:
        broken.unlink()
    assert result.returncode == 1 and "yaml-duplicate-key" in result.stdout


def _readme_pre_commit_config() -> str:
    section = (PROJECT / "README.md").read_text(encoding="utf-8").split("**pre-commit.**")[1]
    return section.split("```yaml\n")[1].split("```")[0]


def test_the_readme_pre_commit_config_is_the_one_init_writes():
    readme = yaml.safe_load(_readme_pre_commit_config())
    scaffold = yaml.safe_load((SCAFFOLD / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert readme == scaffold
    assert "rev" not in readme["repos"][0]  # a local hook: no tag that may not exist


@pytest.mark.skipif(shutil.which("git") is None, reason="git")
def test_the_readme_pre_commit_recipe_works_as_written(tmp_path: Path):
    """Issue #11: the README named a `rev` that does not exist. Its block, run by pre-commit."""
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    root = tmp_path / "repo"
    shutil.copytree(PROJECT / "examples" / "demo", root)
    (root / ".pre-commit-config.yaml").write_text(_readme_pre_commit_config(), encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{pre_commit.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "CV651_LANG": "en",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=root, env=env, capture_output=True, text=True, check=False, timeout=120
        )

    run("git", "init", "-q")
    run("git", "add", "-A")
    clean = run(str(pre_commit), "run", "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "cv651 validate" in clean.stdout and "Passed" in clean.stdout
    path = root / "data/submissions/02-ha-giang.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("date: 2022-03-10", "date: 10/03/2022")
    )
    run("git", "add", "-A")
    broken = run(str(pre_commit), "run", "--all-files")
    assert broken.returncode == 1
    assert "data/submissions/02-ha-giang.yaml:" in broken.stdout and "bad-date" in broken.stdout


def test_the_commands_of_the_readme_init_writes_run(tmp_path: Path):
    """Issue #11: its `-o out/bao-cao.docx` failed, `out/` did not exist."""
    root = tmp_path / "kho"
    assert cv651("init", str(root), cwd=tmp_path).returncode == 0
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n")[1].split("```")[0]
    lines = [line.split("  #")[0].strip() for line in block.splitlines()]
    commands = [line for line in lines if line.startswith("cv651 ")]
    assert any("-o out/" in c for c in commands)
    for command in commands:
        result = cv651(*shlex.split(command)[1:], cwd=root)
        assert result.returncode == 0, f"{command}: {result.stderr}"
    assert (root / "out" / "bao-cao.docx").is_file()
