"""`cv651 schema`: editor schemas generated from the models, committed, and kept fresh."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cv651 import schema
from cv651.loader import load_repository

from .conftest import DEMO, PROJECT

SCHEMAS = PROJECT / "schemas"
MODELINE = "# yaml-language-server: $schema="
CHECK_JSONSCHEMA = shutil.which("check-jsonschema")


def _data_files():
    for root in (PROJECT, DEMO):
        yield root / "data" / "provinces.yaml", "provinces"
        for path in sorted((root / "data").glob("plan_*.yaml")):
            yield path, "plan"
        yield root / "data" / "calendar.yaml", "calendar"
        for path in sorted((root / "data" / "submissions").glob("*.yaml")):
            yield path, "submission"


@pytest.fixture(scope="module")
def generated():
    return schema.generate(load_repository(PROJECT).repository)


def test_committed_schemas_are_fresh(generated):
    for name, (filename, _) in schema.FILES.items():
        committed = (SCHEMAS / filename).read_text(encoding="utf-8")
        assert committed == schema.dumps(generated[name]), (
            f"schemas/{filename} is stale: run `cv651 schema -o schemas`"
        )


@pytest.mark.parametrize(("path", "name"), list(_data_files()), ids=lambda v: getattr(v, "name", v))
def test_every_data_file_points_at_its_schema(path: Path, name: str):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE)
    target = (path.parent / first.removeprefix(MODELINE)).resolve()
    assert target == (SCHEMAS / schema.FILES[name][0]).resolve()


def _properties(node):
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            yield key, value
        for value in node.values():
            yield from _properties(value)
    elif isinstance(node, list):
        for value in node:
            yield from _properties(value)


def test_every_field_is_described_in_vietnamese(generated):
    for name, content in generated.items():
        assert content["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert "$defs" not in json.dumps(content)
        for key, prop in _properties(content):
            assert prop.get("description"), f"{name}: {key} has no description"
    all_text = json.dumps(generated, ensure_ascii=False)
    assert "Ngày của văn bản" in all_text and "Kỳ báo cáo" in all_text


def test_what_the_repository_knows_becomes_enums(generated):
    document = generated["submission"]["definitions"]["Document"]["properties"]
    assert document["kind"]["enum"] == ["local_plan", "programme_review", "report"]
    assert {"enum": ["2022H1", "2022", 2022]} in document["period"]["anyOf"]
    assert "UBDT" in document["recipients"]["items"]["enum"]
    assert "conferences" in document["indicators"]["propertyNames"]["enum"]
    codes = generated["submission"]["properties"]["province"]["enum"]
    assert len([c for c in codes if isinstance(c, str)]) == 63 and 10 in codes and 2 not in codes


def test_cli_writes_the_three_files(tmp_path):
    out = tmp_path / "s"
    result = subprocess.run(
        [sys.executable, "-m", "cv651", "schema", "--output", str(out), "--repo", str(DEMO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f for f, _ in schema.FILES.values())
    assert (out / "submission.schema.json").read_text(encoding="utf-8") == (
        SCHEMAS / "submission.schema.json"
    ).read_text(encoding="utf-8")


@pytest.mark.skipif(CHECK_JSONSCHEMA is None, reason="check-jsonschema is not installed")
@pytest.mark.parametrize("name", list(schema.FILES))
def test_check_jsonschema_accepts_the_bundled_and_demo_data(name):
    files = [str(path) for path, kind in _data_files() if kind == name]
    result = subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", str(SCHEMAS / schema.FILES[name][0]), *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(CHECK_JSONSCHEMA is None, reason="check-jsonschema is not installed")
def test_check_jsonschema_catches_what_an_editor_should_underline(tmp_path):
    bad = tmp_path / "02-ha-giang.yaml"
    bad.write_text(
        'province: "02"\ndocuments:\n  - kind: plan\n    number: 1-KH/BDVTU\n'
        "    date: 2022-03-10\n    issuers: [BDVTU]\n    colour: red\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", str(SCHEMAS / "submission.schema.json"), str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "'plan' is not one of" in result.stdout
    assert "colour" in result.stdout


EXAMPLE = PROJECT / "examples" / "2025"


def test_the_2025_example_has_its_own_fresh_schemas():
    """Its plan has other periods and bodies: the enums are those of its own plan."""
    generated = schema.generate(load_repository(EXAMPLE).repository)
    for name, (filename, _) in schema.FILES.items():
        committed = (EXAMPLE / "schemas" / filename).read_text(encoding="utf-8")
        assert committed == schema.dumps(generated[name]), filename
    assert "2025H1" in (EXAMPLE / "schemas" / "submission.schema.json").read_text("utf-8")


@pytest.mark.skipif(CHECK_JSONSCHEMA is None, reason="check-jsonschema is not installed")
def test_check_jsonschema_accepts_the_2025_example():
    for name, (filename, _) in schema.FILES.items():
        files = {
            "provinces": ["data/provinces.yaml"],
            "plan": ["data/plan_2025.yaml"],
            "calendar": ["data/calendar.yaml"],
            "submission": sorted(
                str(p.relative_to(EXAMPLE)) for p in (EXAMPLE / "data/submissions").glob("*.yaml")
            ),
        }[name]
        result = subprocess.run(
            [CHECK_JSONSCHEMA, "--schemafile", f"schemas/{filename}", *files],
            cwd=EXAMPLE,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
