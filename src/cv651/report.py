"""The synthesis report's content, prepared for templates: facts in, plain data out.

Templates only loop and test; every count, name and sentence part is made here,
so the Markdown and the DOCX say the same things.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from cv651 import matrix, periods
from cv651.coverage import Column, Coverage, Requirement, State, compute_coverage
from cv651.models import Repository
from cv651.text import fold
from cv651.vnformat import long_date, number, short_date


@dataclass(frozen=True, slots=True)
class Draft:
    """What a clerk fills in on the document; defaults leave a draft to complete."""

    date: date
    number: str | None = None  # e.g. "125"; None leaves the blank "Số     -BC/BDVTW"
    place: str = "Hà Nội"
    superior: str = "BAN CHẤP HÀNH TRUNG ƯƠNG"
    issuer: str = "BAN DÂN VẬN"
    issuer_code: str = "BDVTW"
    capacity: str = "K/T TRƯỞNG BAN"
    title: str = "PHÓ TRƯỞNG BAN"
    signer: str = ""


def build_summary(repository: Repository, period: str, as_of: date, draft: Draft) -> dict[str, Any]:
    coverage = compute_coverage(repository, as_of, period=period)
    plan = repository.plan
    report_column = next(c for c in coverage.columns if c.period == period)
    return {
        "header": header(draft, "BC"),
        "period": period,
        "period_label": periods.label(period),
        "review_word": periods.review_word(period),
        "as_of": long_date(as_of),
        "as_of_short": short_date(as_of),
        "plan": {
            "number": plan.plan.number,
            "title": plan.plan.title,
            "date": long_date(plan.plan.date),
        },
        "directive": {"number": plan.directive.number, "date": long_date(plan.directive.date)},
        "units": len(coverage.provinces),
        "clauses": [_clause(coverage, c, repository) for c in coverage.columns if c.period is None],
        "reporting": _reporting(coverage, report_column),
        "indicators": _indicators(coverage, report_column, repository),
        "highlights": _texts(coverage, report_column, "highlights"),
        "difficulties": _texts(coverage, report_column, "difficulties"),
        "recommendations": _grouped_recommendations(coverage, report_column, repository),
        "recipients": [
            f"{repository.plan.bodies.get(b, b)}," for b in ("UBDT",) if b in plan.bodies
        ],
        "annex": _annex(coverage),
    }


def header(draft: Draft, doc_type: str) -> dict[str, str]:
    """The first page's two columns; `doc_type` is BC (báo cáo), CV (công văn) ..."""
    blank = "     "
    return {
        "superior": draft.superior,
        "issuer": draft.issuer,
        "number": f"Số {draft.number or blank}-{doc_type}/{draft.issuer_code}",
        "place_date": f"{draft.place}, {long_date(draft.date)}",
        "capacity": draft.capacity,
        "title": draft.title,
        "signer": draft.signer,
    }


def _names(rows: Sequence[Requirement]) -> list[str]:
    return [r.province.name for r in rows]


def _by_region(rows: Sequence[Requirement], repository: Repository) -> list[dict[str, Any]]:
    result = []
    for key, name in repository.regions.items():
        here = [r for r in rows if r.province.region == key and r.state is not State.NOT_APPLICABLE]
        if here:
            met = sum(r.state.met for r in here)
            result.append({"region": name, "met": met, "applicable": len(here)})
    return result


def _clause(coverage: Coverage, column: Column, repository: Repository) -> dict[str, Any]:
    rows = coverage.in_column(column)
    applicable = [r for r in rows if r.state is not State.NOT_APPLICABLE]
    met = [r for r in applicable if r.state.met]
    return {
        "clause": column.task.clause,
        "title": column.task.title,
        "applies_to_all": column.task.applies_to == "all",
        "applicable": len(applicable),
        "met": len(met),
        "late": [
            {"name": r.province.name, "days": r.days_late} for r in met if r.state is State.LATE
        ],
        "missing": _names([r for r in applicable if not r.state.met]),
        "by_region": _by_region(rows, repository),
        "documents": [
            {
                "province": r.province.name,
                "number": r.document.number,
                "date": short_date(r.document.date),
                "title": r.document.title or "",
            }
            for r in met
            if r.document is not None
        ],
    }


def _reporting(coverage: Coverage, column: Column) -> dict[str, Any]:
    rows = coverage.in_column(column)

    def having(*states: State) -> list[Requirement]:
        return [r for r in rows if r.state in states]

    return {
        "due": short_date(column.due),
        "total": len(rows),
        "reported": len(having(State.ON_TIME, State.LATE, State.INCOMPLETE)),
        "on_time": _names(having(State.ON_TIME)),
        "late": [{"name": r.province.name, "days": r.days_late} for r in having(State.LATE)],
        "incomplete": [
            {"name": r.province.name, "reason": r.reason} for r in having(State.INCOMPLETE)
        ],
        "missing": _names(having(State.OVERDUE, State.PENDING)),
    }


def _reports(coverage: Coverage, column: Column) -> list[Requirement]:
    """One report per province: the one that meets the requirement, else the latest incomplete
    one (the contract's "Reading YAML"), so a corrected report never counts twice."""
    return [r for r in coverage.in_column(column) if r.document is not None]


def _indicators(coverage: Coverage, column: Column, repository: Repository) -> list[dict[str, Any]]:
    reports = _reports(coverage, column)
    result = []
    for indicator in repository.plan.indicators:
        carrying = [r for r in reports if r.document and indicator.id in r.document.indicators]
        if not carrying:
            continue
        total = sum(r.document.indicators[indicator.id] for r in carrying if r.document)
        by_region = []
        for key, name in repository.regions.items():
            values = [
                r.document.indicators[indicator.id]
                for r in carrying
                if r.document and r.province.region == key
            ]
            if values:
                by_region.append(
                    {"region": name, "total": number(sum(values)), "provinces": len(values)}
                )
        result.append(
            {
                "label": indicator.label,
                "unit": indicator.unit,
                "total": number(total),
                "provinces": len(carrying),
                "by_region": by_region,
            }
        )
    return result


def _texts(coverage: Coverage, column: Column, field: str) -> list[dict[str, str]]:
    return [
        {"province": r.province.name, "text": text}
        for r in _reports(coverage, column)
        if r.document and (text := getattr(r.document, field))
    ]


def _grouped_recommendations(
    coverage: Coverage, column: Column, repository: Repository
) -> list[dict[str, Any]]:
    """Recommendations grouped by the central body they address, the rest last."""
    bodies = repository.plan.bodies
    central = [b for b in repository.plan.plan.issuers if b in bodies]
    groups: dict[str, list[dict[str, str]]] = {b: [] for b in central}
    other: list[dict[str, str]] = []
    for item in _texts(coverage, column, "recommendations"):
        text = fold(item["text"])
        body = next(
            (b for b in central if _core(bodies[b]) in text or fold(b) in text.split()), None
        )
        (groups[body] if body else other).append(item)
    result = [
        {"heading": f"Đối với {bodies[b]}", "entries": items}
        for b, items in groups.items()
        if items
    ]
    if other:
        result.append({"heading": "Các kiến nghị khác", "entries": other})
    return result


def _core(name: str) -> str:
    """'Ban cán sự đảng Ủy ban Dân tộc' -> 'uy ban dan toc': how reports name the body."""
    return fold(name).removeprefix("ban can su dang ").strip()


CORRECTED = "*"  # marks a cell met by a document that carries corrections


def _annex(coverage: Coverage) -> dict[str, Any]:
    rows = [
        {
            "code": p.code,
            "name": p.name,
            "cells": [matrix.cell(r) + (CORRECTED if _corrected(r) else "") for r in row],
        }
        for p, row in coverage.by_province()
    ]
    corrected = any(_corrected(r) for r in coverage.rows)
    note = f" · {CORRECTED} văn bản đã được đính chính" if corrected else ""
    return {
        "headers": [matrix.header(c) for c in coverage.columns],
        "rows": rows,
        "totals": [t.text for t in matrix.totals(coverage)],
        "legend": matrix.LEGEND + note,
    }


def _corrected(requirement: Requirement) -> bool:
    return requirement.document is not None and bool(requirement.document.corrections)
