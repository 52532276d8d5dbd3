"""The corpus of bad input (tests/corpus/): each case exits 1 with its code, file and line."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cv651.cli import app

from .conftest import BUNDLED

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir())
runner = CliRunner()


def build(case: Path, root: Path) -> dict:
    expect = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))
    (root / "data" / "submissions").mkdir(parents=True)
    for name in ("provinces.yaml", "plan_40.yaml"):
        shutil.copyfile(BUNDLED / name, root / "data" / name)
    if (case / "repo").is_dir():  # absent when the case only removes files
        shutil.copytree(case / "repo", root, dirs_exist_ok=True)
    for rel in expect.get("remove", []):
        (root / rel).unlink()
    for rel, target in expect.get("symlinks", {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, root / rel)
    return expect


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, tmp_path: Path):
    expect = build(case, tmp_path / "repo")
    result = runner.invoke(app, ["validate", "--repo", str(tmp_path / "repo"), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    diags = json.loads(result.stdout)["diagnostics"]
    found = [(d["code"], d["path"], d["line"]) for d in diags]
    assert (expect["code"], expect["path"], expect["line"]) in found, (expect["why"], found)
    for code, line in expect.get("also", []):  # an odd value is one problem among the others
        assert (code, expect["path"], line) in found, (expect["why"], found)
    assert len([f for f in found if f[1] == expect["path"]]) <= expect.get("max", 10**9)
    if "message" in expect:  # words the message must hold
        assert any(expect["message"] in d["message"] for d in diags), (expect["why"], diags)
