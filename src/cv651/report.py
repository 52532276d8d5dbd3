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
from cv651.bodies import BodyMatcher
from cv651.coverage import (
    Column,
    Coverage,
    Requirement,
    State,
    codes_due,
    compute_coverage,
    plan_columns,
)
from cv651.models import DEFAULT_OFFICE, PlanFile, Repository
from cv651.vnformat import curly_quotes, long_date, number, sentence, short_date
from cv651.wording import and_list, collective, head_of, unit_name


@dataclass(frozen=True, slots=True)
class Draft:
    """What a clerk fills in on the document; defaults leave a draft to complete."""

    date: date
    number: str | None = None  # e.g. "125"; None leaves the blank "Số     -BC/BDVTW"
    place: str = DEFAULT_OFFICE.place  # the office: the plan's (draft_for), else the default
    superior: str = DEFAULT_OFFICE.superior
    issuer: str = DEFAULT_OFFICE.name
    issuer_code: str = DEFAULT_OFFICE.abbreviation
    capacity: str = DEFAULT_OFFICE.capacity or ""
    title: str = DEFAULT_OFFICE.title or ""
    signer: str = ""
    reports_to: str = DEFAULT_OFFICE.reports_to or ""  # the first `Nơi nhận` of a report


def office_fields(
    plan: PlanFile,
    place: str | None = None,
    capacity: str | None = None,
    title: str | None = None,
) -> dict[str, str]:
    """Draft's fields that the plan's `office` decides: who heads the document, where, how
    it is signed and whom a report goes to first (what the office leaves out, it does as
    DEFAULT_OFFICE). What the command line gives wins; an empty --capacity is no line."""
    office = plan.followed_by
    return {
        "place": place or office.place,
        "superior": office.superior,
        "issuer": office.name,
        "issuer_code": office.abbreviation,
        "capacity": _first(capacity, office.capacity, DEFAULT_OFFICE.capacity),
        "title": _first(title, office.title, DEFAULT_OFFICE.title),
        "reports_to": _first(None, office.reports_to, DEFAULT_OFFICE.reports_to),
    }


def _first(*values: str | None) -> str:
    return next((v for v in values if v is not None), "")


def build_summary(repository: Repository, period: str, as_of: date, draft: Draft) -> dict[str, Any]:
    columns = plan_columns(repository.plan.tasks, period)
    valid = [c for c in codes_due(repository.units, columns) if c not in repository.invalid]
    coverage = compute_coverage(repository, as_of, period=period, codes=valid)
    plan = repository.plan
    report_column = next(c for c in coverage.columns if c.period == period)
    the_header = header(draft, "BC")
    return {
        "header": the_header,
        "summary": (
            f"{periods.review_word(period)} {periods.label(period)} "
            f"thực hiện Kế hoạch số {plan.plan.number}"
        ),
        "period": period,
        "period_label": periods.label(period),
        "review_word": periods.review_word(period),
        "as_of": long_date(as_of),
        "as_of_short": short_date(as_of),
        "office": plan.bodies.get(draft.issuer_code, draft.issuer_code),
        "plan": {
            "number": plan.plan.number,
            "title": plan.plan.title,
            "date": long_date(plan.plan.date),
        },
        "directive": {"number": plan.directive.number, "date": long_date(plan.directive.date)},
        "units": sum(r.in_force for r in coverage.in_column(report_column)),
        "clauses": [_clause(coverage, c, repository) for c in coverage.columns if c.period is None],
        "reporting": _reporting(coverage, report_column, repository),
        "indicators": _indicators(coverage, report_column, repository),
        "highlights": _texts(coverage, report_column, "highlights"),
        "difficulties": _texts(coverage, report_column, "difficulties"),
        "recommendations": _grouped_recommendations(coverage, report_column, repository),
        "request_to": _request_to(repository),
        "recipients": recipients(repository, draft, first=draft.reports_to),
        "annex": {
            **_annex(coverage, plan.directive.number),
            "of": attached_to("Báo cáo", the_header, draft),
        },
        "left_out": left_out(repository, as_of),
    }


def left_out(repository: Repository, as_of: date) -> str:
    """The sentence that names the provinces whose data has errors and was left out
    (design.md: nothing drops out of a document silently); empty when there are none."""
    units = repository.units
    names = [units.named(code, as_of).name for code in units.codes if code in repository.invalid]
    if not names:
        return ""
    return f"Số liệu của {len(names)} tỉnh, thành ({', '.join(names)}) chưa hợp lệ, chưa tổng hợp."


def header(draft: Draft, doc_type: str) -> dict[str, str]:
    """The first page's two columns; `doc_type` is BC (báo cáo), CV (công văn) ..."""
    blank = "     "
    doc_number = f"{draft.number or blank}-{doc_type}/{draft.issuer_code}"
    return {
        "superior": draft.superior,
        "issuer": draft.issuer,
        "doc_number": doc_number,
        "number": f"Số {doc_number}",
        "place_date": f"{draft.place}, {long_date(draft.date)}",
        "capacity": draft.capacity,
        "title": draft.title,
        "signer": draft.signer,
    }


def attached_to(kind: str, the_header: dict[str, str], draft: Draft) -> str:
    """An annex's first line: '(Kèm theo Báo cáo số 125-BC/BDVTW, ngày 15/7/2022)'."""
    return f"(Kèm theo {kind} số {the_header['doc_number']}, ngày {short_date(draft.date)})"


def addressees(repository: Repository) -> list[str]:
    """The names of the plan's `addressees`: the provincial bodies its reminders go to."""
    bodies = repository.plan.bodies
    return [bodies[b] for b in repository.plan.provincial_addressees if b in bodies]


def _request_to(repository: Repository) -> str:
    """'Ban Dân vận các tỉnh ủy, thành ủy tiếp tục phối hợp chặt chẽ với Ban cán sự đảng …'."""
    first, *partners = [collective(name) for name in addressees(repository)] or ["các địa phương"]
    return f"{first} tiếp tục phối hợp chặt chẽ với {and_list(partners)}" if partners else first


def recipients(
    repository: Repository, draft: Draft, *, first: str = "", provincial: bool = True
) -> list[str]:
    """`Nơi nhận`: the head when a deputy signs (K/T), the partner central bodies, the
    provincial bodies, the archive; each line ends with ',' and the last with '.'."""
    bodies = repository.plan.bodies
    partners = [b for b in repository.plan.plan.issuers if b != draft.issuer_code and b in bodies]
    lines = [first] if first else []
    if head := head_of(draft.capacity):
        lines.append(head)
    lines += [f"{bodies[b]} (để P/h)" for b in partners]
    if provincial:
        lines += [collective(name) for name in addressees(repository)]
    lines.append("Lưu VT")
    return [f"- {line}{'.' if n == len(lines) else ','}" for n, line in enumerate(lines, 1)]


def _names(rows: Sequence[Requirement]) -> list[str]:
    return [unit_name(r.province) for r in rows]


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
        "title": curly_quotes(column.task.title),
        "due": short_date(column.due),
        "applies_to_all": column.task.applies_to == "all",
        "applicable": len(applicable),
        "met": len(met),
        "late": [
            {"name": unit_name(r.province), "days": r.days_late}
            for r in met
            if r.state is State.LATE
        ],
        "missing": _names([r for r in applicable if not r.state.met]),
        "by_region": _by_region(rows, repository),
        "documents": [
            {
                "province": unit_name(r.province),
                "number": r.document.number,
                "date": short_date(r.document.date),
                "title": r.document.title or "",
            }
            for r in met
            if r.document is not None
        ],
    }


def _reporting(coverage: Coverage, column: Column, repository: Repository) -> dict[str, Any]:
    rows = [r for r in coverage.in_column(column) if r.in_force]

    def having(*states: State) -> list[Requirement]:
        return [r for r in rows if r.state in states]

    late, incomplete = having(State.LATE), having(State.INCOMPLETE)
    missing = having(State.OVERDUE, State.PENDING)
    shortfalls = [
        f"{len(missing)} tỉnh, thành chưa gửi báo cáo" if missing else "",
        f"{len(incomplete)} báo cáo chưa gửi đủ nơi nhận theo quy định" if incomplete else "",
        f"{len(late)} báo cáo gửi chậm" if late else "",
    ]
    return {
        "due": short_date(column.due),
        "total": len(rows),
        "reported": len(having(State.ON_TIME, State.LATE, State.INCOMPLETE)),
        "on_time": _names(having(State.ON_TIME)),
        "late": [{"name": unit_name(r.province), "days": r.days_late} for r in late],
        "incomplete": [
            {"name": unit_name(r.province), "unsent": unsent(r, repository)} for r in incomplete
        ],
        "missing": _names(missing),
        # 'Còn 50 tỉnh, thành chưa gửi báo cáo, 2 báo cáo … và 2 báo cáo gửi chậm': zero left out
        "shortfalls": and_list([s for s in shortfalls if s]),
    }


def unsent(row: Requirement, repository: Repository, *, printed: bool = True) -> str:
    """'chưa gửi Ban cán sự đảng Ủy ban Dân tộc': the bodies an incomplete report missed, by
    name (`matrix.not_sent`; in Vietnamese unless not `printed`); '' when it missed none."""
    bodies = repository.plan.bodies
    names = [bodies.get(b, b) for b in row.missing]
    return matrix.not_sent(names, printed=printed) if names else ""


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
                "label": curly_quotes(indicator.label),
                "unit": indicator.unit,
                "total": number(total),
                "provinces": len(carrying),
                "by_region": by_region,
            }
        )
    return result


def _texts(coverage: Coverage, column: Column, field: str) -> list[dict[str, str]]:
    """Each report's text, quoted as a sentence that names its source: '… cơ sở (Điện Biên).'"""
    return [
        {
            "province": name,
            "text": curly_quotes(text),
            "sentence": sentence(curly_quotes(text), name),
        }
        for r in _reports(coverage, column)
        if r.document and (text := getattr(r.document, field)) and (name := unit_name(r.province))
    ]


def _grouped_recommendations(
    coverage: Coverage, column: Column, repository: Repository
) -> list[dict[str, Any]]:
    """Recommendations grouped by the central body they address, the rest last."""
    bodies = repository.plan.bodies
    central = [b for b in repository.plan.plan.issuers if b in bodies]
    groups: dict[str, list[dict[str, str]]] = {b: [] for b in central}
    other: list[dict[str, str]] = []
    addressed = BodyMatcher.of({b: bodies[b] for b in central})
    for item in _texts(coverage, column, "recommendations"):
        body = next(iter(addressed.in_text(item["text"])), None)
        (groups[body] if body else other).append(item)
    # The provinces recommend; the office that issues the report only relays them.
    result = [
        {"heading": f"Các địa phương kiến nghị {bodies[b]}", "entries": items}
        for b, items in groups.items()
        if items
    ]
    if other:
        result.append({"heading": "Các địa phương kiến nghị khác", "entries": other})
    return result


# A cell met by a document that carries corrections says so in words: printed
# documents use words only, and a `*` in the Markdown legend opened an emphasis.
CORRECTED = " (đã đính chính)"


def _annex(coverage: Coverage, directive: str) -> dict[str, Any]:
    rows = [
        {
            "code": p.code,
            "name": unit_name(p),
            "cells": [matrix.printed(r) + (CORRECTED if _corrected(r) else "") for r in row],
        }
        for p, row in coverage.by_province()
    ]
    return {
        "headers": [matrix.title(c) for c in coverage.columns],
        "periodic": [c.period is not None for c in coverage.columns],  # wider columns
        "rows": rows,
        "totals": [t.text for t in matrix.totals(coverage)],
        "legend": matrix.printed_legend(directive),
    }


def _corrected(requirement: Requirement) -> bool:
    return requirement.document is not None and bool(requirement.document.corrections)
