"""The benchmark's synthetic repositories are valid data, so the benchmark measures real work."""

from __future__ import annotations

import enum
import importlib.util
import sys
import typing

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


def _load(name: str):
    spec = importlib.util.spec_from_file_location(
        f"cv651_bench_{name}", PROJECT / "benchmarks" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _kind(annotation) -> str:
    """`StatusFormat | None` -> "('table', 'json', 'csv', 'markdown') | None": enums by
    their values, since the floor app has enums of its own."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return str(tuple(m.value for m in annotation))
    if args := typing.get_args(annotation):
        return f"{typing.get_origin(annotation)}[{', '.join(_kind(a) for a in args)}]"
    return getattr(annotation, "__name__", str(annotation))


def _shape(command) -> dict[str, list[tuple]]:
    """Each command's parameters: names, how given, repeated or not, flag or not, type."""

    def params(c):
        return sorted(
            (
                tuple(p.opts),
                p.param_type_name,
                bool(getattr(p, "multiple", False)),
                bool(getattr(p, "is_flag", False)),
                _kind(p.type_descriptor.annotation),
            )
            for p in c.params
        )

    return {"": params(command)} | {n: params(c) for n, c in command.commands.items()}


def test_the_floor_app_has_cv651s_commands_and_options():
    """The start-up floor is a fair one only while it parses what cv651 parses."""
    import typer.main

    from cv651.cli.app import app

    floor = _load("floor_app")
    assert _shape(typer.main.get_command(floor.app)) == _shape(typer.main.get_command(app))
