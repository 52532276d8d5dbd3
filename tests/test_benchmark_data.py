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
        generate.SIZES["real"],  # the bundled unit history
        generate.Size(units=40, documents=12, code_digits=2, unit_word="Tỉnh"),  # many periods
        generate.Size(units=120, documents=4, code_digits=5, unit_word="Xã"),  # commune codes
    ],
    ids=["real", "wide-like", "communes-like"],
)
def test_generated_repository_is_clean_and_complete(tmp_path, size):
    loaded = load_repository(generate.generate(size, tmp_path / "repo"))
    assert loaded.diagnostics == []
    repository = loaded.repository
    assert repository is not None
    assert len(repository.submissions) == size.units
    documents = [d for s in repository.submissions.values() for d in s.documents]
    assert len(documents) == size.total
    assert {d.plan for d in documents} == {"40", "2025"}  # two plans, named by each document
    assert sorted(repository.plans) == ["2025", "40"]
    assert any(p.until for p in repository.provinces)  # units over time
    assert any(p.formed_from for p in repository.provinces)
    assert all(len(p.code) == size.code_digits for p in repository.provinces)


@pytest.mark.parametrize("series", ["bigger", "more"])
def test_scaling_series_hold_1k_to_30k_documents(series):
    sizes = list(generate.scaling_sizes(series).values())
    assert [round(s.total, -2) for s in sizes] == [1000, 3000, 10000, 30000]
    assert len({s.units for s in sizes}) == (1 if series == "bigger" else 4)
