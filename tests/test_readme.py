"""The README is the reference: every command and option is in it, and its examples run."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest
import typer.main

from cv651.cli import app

from .conftest import DEMO, PROJECT

README = (PROJECT / "README.md").read_text(encoding="utf-8")
README_VI = (PROJECT / "README.vi.md").read_text(encoding="utf-8")  # the Vietnamese guide
COMMAND = typer.main.get_command(app)


def _examples(text: str = README) -> list[str]:
    """Every `cv651 …` line of the README's sh blocks, continuation lines joined."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            if line.startswith("cv651 "):
                found.append(line)
    return found


def _options() -> list[tuple[str, str]]:
    pairs = []
    for name, command in COMMAND.commands.items():  # type: ignore[attr-defined]
        for param in command.params:
            if param.param_type_name == "option":
                pairs += [(name, opt) for opt in param.opts if opt.startswith("--")]
    return pairs


@pytest.mark.parametrize(("command", "option"), _options())
def test_every_option_is_documented(command: str, option: str):
    section = (
        README.split(f"### `cv651 {command}")[1].split("\n### ")[0]
        if (f"### `cv651 {command}" in README)
        else README
    )
    assert option in section or option in {"--repo", "--help", "--lang"}, f"{command} {option}"


def test_every_command_has_a_section_with_an_example():
    for name in COMMAND.commands:  # type: ignore[attr-defined]
        assert f"### `cv651 {name}" in README, name
        assert any(e.startswith(f"cv651 {name}") for e in _examples()), name


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A scratch folder with the demo where the README expects it, and no repository above."""
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(DEMO, root / "examples" / "demo")
    shutil.copytree(PROJECT / "examples" / "2025", root / "examples" / "2025")
    return root


def test_the_vietnamese_guide_has_every_command_with_an_example():
    for name in COMMAND.commands:  # type: ignore[attr-defined]
        assert f"### `cv651 {name}" in README_VI, name
        assert any(e.startswith(f"cv651 {name}") for e in _examples(README_VI)), name


@pytest.mark.parametrize("line", _examples() + _examples(README_VI))
def test_readme_example_runs(line: str, workdir):
    argv = shlex.split(line, comments=True)
    expected = 1 if re.search(r"#\s*exit 1\b", line) else 0
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CV651_"))}
    result = subprocess.run(
        [sys.executable, "-m", "cv651", *argv[1:]],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == expected, result.stderr
    assert "Traceback" not in result.stderr


def test_every_error_code_is_documented():
    source = "".join(
        (PROJECT / "src" / "cv651" / f"{name}.py").read_text(encoding="utf-8")
        for name in ("checks", "loader", "yamlio", "fields", "explain")
    )
    codes = set(re.findall(r'"([a-z]+(?:-[a-z]+)+)"', source)) | {"encoding", "unreadable"}
    codes -= {"utf-8", "utf-8-sig", "utf-16"}
    assert len(codes) > 35
    table = README.split("## Error codes")[1]
    missing = sorted(c for c in codes if f"| `{c}` |" not in table)
    assert missing == []
