"""Resource attacks are refused with a clear message and bounded memory.

Wall time and peak memory of the whole process are measured by
benchmarks/attacks.py (timing has no place in a test); here tracemalloc bounds
what the load allocates, which does not depend on the machine.
"""

from __future__ import annotations

import importlib.util
import tracemalloc

import pytest

from cv651.loader import load_repository

from .conftest import PROJECT

_spec = importlib.util.spec_from_file_location("attacks", PROJECT / "benchmarks" / "attacks.py")
assert _spec is not None and _spec.loader is not None
attacks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(attacks)

EXPECTED = {
    "alias_bomb": ("yaml-alias", "aliases (*name) are not allowed"),
    "deep_flow": ("yaml-too-deep", "nested more than 64 levels deep"),
    "deep_block": ("yaml-too-deep", "nested more than 64 levels deep"),
    "file_50mb": ("file-too-large", "limited to 1 MB and are read no further"),
    "line_10mb": ("file-too-large", "limited to 1 MB and are read no further"),
    "line_under_limit": ("unknown-key", "unknown key 'title'"),
    "tiny_documents": ("missing-key", "required key 'kind' is missing"),
    "unknown_keys": ("unknown-key", "unknown key 'k0'"),
    "long_value": ("unknown-body", "unknown body 'BBB"),
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_attack_is_refused_with_a_clear_message(tmp_path, name):
    root = attacks.make_repo(tmp_path, getattr(attacks, name)())
    tracemalloc.start()
    try:
        loaded = load_repository(root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    code, words = EXPECTED[name]
    errors = [d for d in loaded.errors if d.path == attacks.FILE]
    assert errors and errors[0].code == code and words in errors[0].message
    assert loaded.repository is not None and loaded.repository.invalid == {"02"}
    assert peak < 200 * 1024 * 1024


def test_a_large_valid_file_under_the_limit_is_read_in_full(tmp_path):
    loaded = load_repository(attacks.make_repo(tmp_path, attacks.many_documents()))
    assert loaded.errors == []
    assert loaded.repository is not None
    assert len(loaded.repository.submissions["02"].documents) == 11_000


@pytest.mark.parametrize("name", ["tiny_documents", "unknown_keys"])
def test_problems_past_the_cap_are_counted_not_listed(tmp_path, name):
    loaded = load_repository(attacks.make_repo(tmp_path, getattr(attacks, name)()))
    mine = [d for d in loaded.diagnostics if d.path == attacks.FILE]
    assert 90 <= len(mine) <= 101 and mine[-1].code == "more-problems"
    assert "more problem(s) in this file" in mine[-1].message


@pytest.mark.parametrize("label", list(attacks.PLACED))
def test_files_that_are_not_what_they_seem_are_one_error(tmp_path, label):
    root = attacks.make_repo(tmp_path, b"")
    (root / attacks.FILE).unlink()
    attacks.PLACED[label](root / attacks.FILE)
    errors = [d for d in load_repository(root).errors if d.path == attacks.FILE]
    assert [d.code for d in errors] in (["file-outside"], ["not-a-file"])


def test_a_long_value_is_echoed_cut(tmp_path):
    from cv651.diagnostics import as_text

    loaded = load_repository(attacks.make_repo(tmp_path, attacks.long_value()))
    (line,) = [as_text(d) for d in loaded.errors if d.path == attacks.FILE]
    assert len(line) < 1000 and "characters cut]" in line
