"""Shell completion (`cv651 --install-completion`): commands, options, periods, provinces."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DEMO, PROJECT


def complete(words: str, cwd=DEMO, **env) -> list[str]:
    line = words.split(" ")
    result = subprocess.run(
        [sys.executable, "-m", "cv651"],
        env={
            **os.environ,
            "_CV651_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(line) - 1),
            **env,
        },
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return [line for line in result.stdout.splitlines() if line]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ha-g", ["ha-giang"]),  # ASCII completes to the slug every command accepts
        ("kon", ["kon-tum"]),
        ("Đắk", ["Đắk\\ Lắk", "Đắk\\ Nông"]),  # the name, one word for bash
        ("7", ["70", "72", "74", "75", "77", "79"]),  # digits to codes
    ],
)
def test_province_names(typed, expected):
    assert complete(f"cv651 show {typed}") == expected
    assert complete(f"cv651 status --province {typed}") == expected


def test_periods_and_commands_and_options():
    assert complete("cv651 summarize --period ") == ["2022H1", "2022"]
    assert complete("cv651 remind --period 2022H") == ["2022H1"]
    assert {"validate", "status", "summarize", "remind", "export", "schema", "init"} <= set(
        complete("cv651 ")
    )
    assert "--only-gaps" in complete("cv651 status --only")


def test_plans_and_their_periods_from_every_plan_file(tmp_path):
    """`--plan` offers each data/plan_*.yaml the loader reads; `--period` the periods of all."""
    repo = tmp_path / "repo"
    shutil.copytree(PROJECT / "examples/2025", repo)
    shutil.copy(DEMO / "data/plan_40.yaml", repo / "data/plan_40.yaml")
    assert complete("cv651 status --plan ", cwd=repo) == ["2025", "40"]
    assert complete("cv651 summarize --period 2022", cwd=repo) == ["2022H1", "2022"]
    assert complete("cv651 summarize --period 2025", cwd=repo) == ["2025H1", "2025"]


@pytest.mark.parametrize(
    ("provinces", "plan"),
    [
        ("provinces: [\n", "tasks: {\n"),
        ("- a list\n", "just text\n"),
        ("provinces: 3\n", "tasks: [1]\n"),
    ],
    ids=["syntax", "wrong-shape", "wrong-types"],
)
def test_a_broken_repository_completes_nothing_quietly(tmp_path, provinces, plan):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "provinces.yaml").write_text(provinces, encoding="utf-8")
    (tmp_path / "data" / "plan_40.yaml").write_text(plan, encoding="utf-8")
    assert complete("cv651 show ha", cwd=tmp_path) == []
    assert complete("cv651 summarize --period ", cwd=tmp_path) == []


def test_completion_script_for_bash():
    result = subprocess.run(
        [sys.executable, "-m", "cv651", "--show-completion", "bash"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "_CV651_COMPLETE" in result.stdout


def test_record_and_ingest_options():
    assert complete("cv651 record 10 --kind ") == ["local_plan", "programme_review", "report"]
    assert complete("cv651 record 10 --kind rep") == ["report"]
    assert complete("cv651 record 10 --issuer BD") == ["BDVTW", "BDVTU", "BDT"]
    assert complete("cv651 record 10 --recipient U") == ["UBDT"]
    assert complete("cv651 record 10 --indicator conf") == ["conferences="]
    assert complete("cv651 record 10 --period ") == ["2022H1", "2022"]
    assert complete("cv651 record lao") == ["lao-cai"]
    assert complete("cv651 ingest --province lao") == ["lao-cai"]
    assert "--dry-run" in complete("cv651 record 10 --dry")


BASH = """
source <(cv651 --show-completion bash)
COMP_WORDS=(cv651 show "$1"); COMP_CWORD=2
_cv651_completion cv651
printf '%s\\n' "${COMPREPLY[@]}"
eval "set -- ${COMPREPLY[0]}"   # what readline inserts, as the shell will read it
echo "$#:$1"
"""


@pytest.mark.skipif(os.name != "posix" or not shutil.which("bash"), reason="bash")
@pytest.mark.parametrize(
    ("typed", "offered", "argument"),
    [
        ("Đắk", ["Đắk\\ Lắk", "Đắk\\ Nông"], "1:Đắk Lắk"),  # one word each; `Đắk\ ` in common
        ("Đắk\\ N", ["Đắk\\ Nông"], "1:Đắk Nông"),
        ("Bà", ["Bà\\ Rịa\\ -\\ Vũng\\ Tàu"], "1:Bà Rịa - Vũng Tàu"),
    ],
)
def test_bash_inserts_names_with_diacritics_as_one_word(typed, offered, argument):
    """Issue #11: `cv651 show Đắk<TAB>` inserted `Đắk ` and the command then failed."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    result = subprocess.run(
        ["bash", "-c", BASH, "bash", typed],
        env={**os.environ, "PATH": path},
        cwd=DEMO,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert lines[:-1] == offered, result.stderr
    assert lines[-1] == argument
