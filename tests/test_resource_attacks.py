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
