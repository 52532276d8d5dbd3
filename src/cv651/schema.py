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

from cv651.models import CalendarFile, PlanFile, ProvincesFile, Repository, Submission

DRAFT_7 = "http://json-schema.org/draft-07/schema#"
FILES = {
    "provinces": ("provinces.schema.json", "data/provinces.yaml"),
    "plan": ("plan.schema.json", "data/plan_*.yaml"),
    "submission": ("submission.schema.json", "data/submissions/*.yaml"),
    "calendar": ("calendar.schema.json", "data/calendar.yaml"),
}
TITLES = {
    "provinces": "cv651: danh sách đơn vị hành chính (data/provinces.yaml)",
    "plan": "cv651: kế hoạch và công văn được theo dõi (data/plan_*.yaml)",
    "submission": "cv651: văn bản một đơn vị đã gửi (data/submissions/MÃ-TÊN.yaml)",
    "calendar": "cv651: ngày nghỉ, ngày làm bù Chính phủ công bố (data/calendar.yaml)",
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
    """The schemas by name; with a repository, what it knows becomes enums."""
    out = {
        "provinces": _schema(ProvincesFile),
        "plan": _schema(PlanFile),
        "submission": _schema(Submission),
        "calendar": _schema(CalendarFile),
    }
    for name, schema in out.items():
        schema["title"] = TITLES[name]
    if repository is not None:
        region = out["provinces"]["definitions"]["Province"]["properties"]["region"]
        region["enum"] = sorted(repository.regions)
        _fill_submission(out["submission"], repository)
    return out


def _fill_submission(schema: dict[str, Any], repository: Repository) -> None:
    """Enums from every plan together: a document may answer any of them (its `plan:`
    says which; cv651 validate checks each document against its own plan)."""
    plans = list(repository.plan_index.by_id.values())
    plan = _merged(plans)
    defs = schema["definitions"]
    plan_ids: list[str | int] = list(repository.plan_index.by_id)
    plan_ids += [int(i) for i in repository.plan_index.by_id if i.isdigit() and i[0] != "0"]
    defs["Document"]["properties"]["plan"]["anyOf"] = [{"enum": plan_ids}, {"type": "null"}]
    document = defs["Document"]["properties"]
    codes: list[str | int] = list(repository.units.codes)
    codes += [int(c) for c in repository.units.codes if not c.startswith("0")]  # unquoted
    schema["properties"]["province"]["enum"] = codes
    bodies = sorted(plan.bodies)
    document["kind"]["enum"] = sorted(plan.document_kinds)
    for key in ("issuers", "recipients"):
        document[key]["items"]["enum"] = bodies
    defs["ExistingProgramme"]["properties"]["partner"]["enum"] = bodies
    known = list(dict.fromkeys(period for p in plans for period in p.periods))
    periods: list[str | int] = list(known)
    periods += [int(p) for p in known if p.isdigit()]  # `period: 2022` unquoted
    document["period"]["anyOf"] = [{"enum": periods}, {"type": "null"}]
    if plan.indicators:
        document["indicators"]["propertyNames"] = {"enum": [i.id for i in plan.indicators]}


def _merged(plans: list[PlanFile]) -> PlanFile:
    """One plan holding the bodies, kinds, periods and indicators of all of them."""
    first, *rest = plans
    if not rest:
        return first
    indicators = {i.id: i for p in reversed(plans) for i in p.indicators}  # the first wins
    return first.model_copy(
        update={
            "bodies": {k: v for p in plans for k, v in p.bodies.items()},
            "document_kinds": {k: v for p in plans for k, v in p.document_kinds.items()},
            "indicators": tuple(
                indicators[i] for i in dict.fromkeys(i.id for p in plans for i in p.indicators)
            ),
        }
    )


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def modeline(name: str, schemas_dir: str) -> str:
    """The first line that points the YAML extension at a schema, relative to the file."""
    return f"# yaml-language-server: $schema={schemas_dir}/{FILES[name][0]}"
