"""Shared helpers: small data repositories written from dicts into tmp_path."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
BUNDLED = PROJECT / "data"
DEMO = PROJECT / "examples" / "demo"

MakeRepo = Callable[..., Path]


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    """copier's build_file_tree: {relative path: text or bytes}."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.fixture
def make_repo(tmp_path: Path) -> MakeRepo:
    """A data repository with the bundled provinces and plan, plus the given files."""

    def make(files: dict[str, str | bytes] | None = None, *, base: Path = BUNDLED) -> Path:
        root = tmp_path / "repo"
        (root / "data" / "submissions").mkdir(parents=True, exist_ok=True)
        for name in ("provinces.yaml", "plan_40.yaml"):
            shutil.copyfile(base / name, root / "data" / name)
        write_tree(root, files or {})
        return root

    return make


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(DEMO, target)
    return target


# The tests were written against the English messages; Vietnamese, the default,
# is checked where it is meant to be (tests/test_i18n.py, tests/test_languages.py).
os.environ["CV651_LANG"] = "en"


@pytest.fixture
def vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    """For a test that reads the Vietnamese screen words (the default language)."""
    monkeypatch.setenv("CV651_LANG", "vi")
