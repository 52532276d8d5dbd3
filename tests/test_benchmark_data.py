"""The benchmark's synthetic repositories are valid data, so the benchmark measures real work."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from cv651.loader import load_repository

from .conftest import PROJECT

_spec = importlib.util.spec_from_file_location(
    "cv651_bench_generate", PROJECT / "benchmarks" / "generate.py"
)
assert _spec is not None and _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = generate  # dataclasses look their module up
_spec.loader.exec_module(generate)


@pytest.mark.parametrize(
    "size",
    [
        generate.SIZES["real"],
        generate.Size(units=40, years=3, code_digits=2, unit_word="Tỉnh"),  # many periods
        generate.Size(units=120, years=1, code_digits=5, unit_word="Xã"),  # commune codes
    ],
    ids=["real", "wide-like", "communes-like"],
)
def test_generated_repository_is_clean_and_complete(tmp_path, size):
    loaded = load_repository(generate.generate(size, tmp_path / "repo"))
    assert loaded.diagnostics == []
    assert loaded.repository is not None
    assert len(loaded.repository.provinces) == size.units
    documents = sum(len(s.documents) for s in loaded.repository.submissions.values())
    assert documents == size.units * (2 + size.reports)
    assert all(len(p.code) == size.code_digits for p in loaded.repository.provinces)
