"""Shell completion of periods and province names, read straight from the data files.

Completion runs on every Tab, so it parses only the two small files it needs
(no models, no checks) and never fails: a broken repository completes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cv651.paths import find_repository, plan_files
from cv651.text import slugify


def _read(rel: str) -> Any:
    try:
        from cv651.loader import read_source  # bounded, and never out of the repository

        located = find_repository(None, os.environ.get("CV651_REPO"), Path.cwd())
        return read_source(located.root, rel)[1]
    except Exception:  # completion must never print a traceback into the shell
        return None


def _records(data: Any, key: str) -> list[dict[str, Any]]:
    """The mappings listed under `key` of a mapping; nothing for any other shape."""
    items = data.get(key) if isinstance(data, dict) else None
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _plan_files() -> list[str]:
    """data/plan_*.yaml, as the loader finds them: every plan of the repository."""
    try:
        return plan_files(find_repository(None, os.environ.get("CV651_REPO"), Path.cwd()).root)
    except Exception:  # completion must never print a traceback into the shell
        return []


def _plans() -> list[Any]:
    return [_read(rel) for rel in _plan_files()]


def periods(incomplete: str) -> list[str]:
    found: list[str] = []
    for task in (t for plan in _plans() for t in _records(plan, "tasks")):
        for item in _records(task, "periods"):
            period = item.get("period")
            if isinstance(period, str) and period not in found:
                found.append(period)
    return [p for p in found if p.upper().startswith(incomplete.upper())]


def provinces(incomplete: str) -> list[tuple[str, str]]:
    """(completion, "Name (code)") for the provinces that start with what was typed.

    Shells (and Typer) keep only completions that start with the typed text, so
    what is offered matches the way it was typed: digits complete to codes,
    plain ASCII to the name's slug (`ha` -> `ha-giang`, which every command
    accepts), and text with diacritics to the name itself (`Hà` -> `Hà Giang`).
    """
    out: dict[str, str] = {}  # a code listed several times (its history) is offered once
    for item in _records(_read("data/provinces.yaml"), "provinces"):
        code, name = item.get("code"), item.get("name")
        if not isinstance(code, str) or not isinstance(name, str):
            continue
        for candidate in (code, slugify(name), name):
            if candidate.startswith(incomplete):
                out[candidate] = f"{name} ({code})"  # the latest entry names it
                break
    return list(out.items())


def _plan_keys(section: str, incomplete: str) -> list[str]:
    keys: dict[str, None] = {}
    for data in _plans():
        found = data.get(section) if isinstance(data, dict) else None
        keys.update(dict.fromkeys(str(k) for k in found) if isinstance(found, dict) else {})
    return [k for k in keys if k.upper().startswith(incomplete.upper())]


def kinds(incomplete: str) -> list[str]:
    """The plan's document kinds (the three standard ones when it lists none)."""
    found = _plan_keys("document_kinds", incomplete)
    standard = ["local_plan", "programme_review", "report"]
    return found or [k for k in standard if k.startswith(incomplete)]


def bodies(incomplete: str) -> list[str]:
    return _plan_keys("bodies", incomplete)


def indicators(incomplete: str) -> list[str]:
    """`id=` for each of the plan's indicators, for `--indicator id=VALUE`."""
    ids = [item.get("id") for plan in _plans() for item in _records(plan, "indicators")]
    found = [f"{i}=" for i in ids if isinstance(i, str) and i.startswith(incomplete)]
    return list(dict.fromkeys(found))


def plans(incomplete: str) -> list[str]:
    """The ids of data/plan_*.yaml."""
    ids = [rel.removeprefix("data/plan_").removesuffix(".yaml") for rel in _plan_files()]
    return [i for i in ids if i.startswith(incomplete)]
