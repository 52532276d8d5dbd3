"""JSON Schemas (Draft 7) for the three kinds of data file, generated from the models.

Editors (VS Code's YAML extension reads Draft 7 best) use them to complete keys
and underline mistakes as the clerk types; `check-jsonschema` can use them in
CI. They check less than `cv651 validate` (no cross-file rules, no dates that
do not exist), and what the repository knows is filled in as enums: province
codes, document kinds, periods, bodies and indicators.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue

from cv651.models import PlanFile, ProvincesFile, Repository, Submission

DRAFT_7 = "http://json-schema.org/draft-07/schema#"
FILES = {
    "provinces": ("provinces.schema.json", "data/provinces.yaml"),
    "plan": ("plan.schema.json", "data/plan_40.yaml"),
    "submission": ("submission.schema.json", "data/submissions/*.yaml"),
}
TITLES = {
    "provinces": "cv651: danh sách đơn vị hành chính (data/provinces.yaml)",
    "plan": "cv651: kế hoạch và công văn được theo dõi (data/plan_40.yaml)",
    "submission": "cv651: văn bản một đơn vị đã gửi (data/submissions/MÃ-TÊN.yaml)",
}


class _Draft7(GenerateJsonSchema):
    """pydantic writes Draft 2020-12; Draft 7 keeps definitions under `definitions`."""

    def generate(self, schema: Any, mode: Any = "validation") -> JsonSchemaValue:
        out = super().generate(schema, mode)
        if "$defs" in out:
            out["definitions"] = out.pop("$defs")
        return {"$schema": DRAFT_7, **out}


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema(ref_template="#/definitions/{model}", schema_generator=_Draft7)


def generate(repository: Repository | None = None) -> dict[str, Any]:
    """The three schemas by name; with a repository, what it knows becomes enums."""
    out = {
        "provinces": _schema(ProvincesFile),
        "plan": _schema(PlanFile),
        "submission": _schema(Submission),
    }
    for name, schema in out.items():
        schema["title"] = TITLES[name]
    if repository is not None:
        region = out["provinces"]["definitions"]["Province"]["properties"]["region"]
        region["enum"] = sorted(repository.regions)
        _fill_submission(out["submission"], repository)
    return out


def _fill_submission(schema: dict[str, Any], repository: Repository) -> None:
    plan = repository.plan
    defs = schema["definitions"]
    document = defs["Document"]["properties"]
    codes: list[str | int] = list(repository.units.codes)
    codes += [int(c) for c in repository.units.codes if not c.startswith("0")]  # unquoted
    schema["properties"]["province"]["enum"] = codes
    bodies = sorted(plan.bodies)
    document["kind"]["enum"] = sorted(plan.document_kinds)
    for key in ("issuers", "recipients"):
        document[key]["items"]["enum"] = bodies
    defs["ExistingProgramme"]["properties"]["partner"]["enum"] = bodies
    periods: list[str | int] = list(plan.periods)
    periods += [int(p) for p in plan.periods if p.isdigit()]  # `period: 2022` unquoted
    document["period"]["anyOf"] = [{"enum": periods}, {"type": "null"}]
    if plan.indicators:
        document["indicators"]["propertyNames"] = {"enum": [i.id for i in plan.indicators]}


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def modeline(name: str, schemas_dir: str) -> str:
    """The first line that points the YAML extension at a schema, relative to the file."""
    return f"# yaml-language-server: $schema={schemas_dir}/{FILES[name][0]}"
