"""Coverage in machine and plain-text forms: JSON, CSV, Markdown."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from cv651 import matrix
from cv651.coverage import Coverage, Requirement
from cv651.export import inert
from cv651.i18n import _, vietnamese


def row_records(coverage: Coverage) -> Iterator[dict[str, Any]]:
    """Each requirement, with the contract's keys first and in a stable order; `plan` is
    the id of the plan it belongs to (the design's "Several plans"). What a column or a
    day gives is worked out once, not once a row (13,284 rows at commune level)."""
    plan, moved = coverage.plan, coverage.moved
    columns: dict[str, tuple[str, str | None, int, str, str | None]] = {}
    days: dict[date, str] = {}

    def iso(day: date) -> str:
        text = days.get(day)
        if text is None:
            text = day.isoformat()
            days[day] = text
        return text

    for r in coverage.rows:
        column, document = r.column, r.document
        known = columns.get(column.key)
        if known is None:
            known = (
                column.task.id,
                column.period,
                column.task.clause,
                iso(column.due),
                moved.get(column.key),
            )
            columns[column.key] = known
        task, period, clause, due_in_plan, due_moved = known
        yield {
            "province": r.province.code,
            "task": task,
            "period": period,
            "state": r.state.value,
            "due": iso(r.due) if r.due else None,
            "days_late": r.days_late,
            "name": r.province.name,
            "region": r.province.region,
            "clause": clause,
            "due_in_plan": due_in_plan,
            "document": document.number if document else None,
            "counts_from": iso(document.counts_from) if document else None,
            "reason": _reason(r),
            "plan": plan,
            # why `due` is not the plan's date: the days off it crosses (calendar.yaml's
            # announcements name their source)
            "due_moved": due_moved if r.due else None,
        }


def _reason(r: Requirement) -> str | None:
    """The row's `reason`, the same in every language (Vietnamese, as it has always
    read): an incomplete report's 'thiếu nơi nhận' and the body keys, a code no unit held
    'đã hợp nhất vào Tây Ninh (mã 80) từ ngày 01/7/2025' (not the screen's words)."""
    if r.missing:
        return f"thiếu nơi nhận {', '.join(r.missing)}"
    return r.reason.said(vietnamese) if r.reason else None


ROW_KEYS = (
    "province",
    "task",
    "period",
    "state",
    "due",
    "days_late",
    "name",
    "region",
    "clause",
    "due_in_plan",
    "document",
    "counts_from",
    "reason",
    "plan",
    "due_moved",
)


def to_json(coverage: Coverage) -> str:
    payload = {
        "as_of": coverage.as_of.isoformat(),
        "plan": coverage.plan,
        "columns": [
            {
                "key": c.key,
                "task": c.task.id,
                "clause": c.task.clause,
                "period": c.period,
                "due_in_plan": c.due.isoformat(),
                "due_moved": coverage.moved.get(c.key),
            }
            for c in coverage.columns
        ],
        "totals": [
            {
                "column": t.column.key,
                "met": t.met,
                "applicable": t.applicable,
                **{state.value: n for state, n in t.counts.items()},
            }
            for t in matrix.totals(coverage)
        ],
        "rows": [],
    }
    # One row a line: readable and diffable, and written by the C encoder
    # (indent= would route every value through the pure-Python one, 7x slower).
    head = json.dumps(payload, ensure_ascii=False, indent=2)[: -len("[]\n}")]
    rows = ",\n    ".join(map(_row_encoder(), row_records(coverage)))
    return f"{head}[\n    {rows}\n  ]\n}}" if rows else f"{head}[]\n}}"


def _row_encoder() -> Callable[[dict[str, Any]], str]:
    """One row to compact JSON through the C encoder, made once: JSONEncoder.encode
    makes it anew for every call, which was half the cost of writing 13,284 rows."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)  # None on a Python without _json
    if make is None:  # pragma: no cover
        return encoder.encode
    chunks = make(
        None,  # no check for cycles: rows are flat dicts of text and numbers
        encoder.default,
        json.encoder.encode_basestring,  # ensure_ascii=False
        None,  # no indent
        encoder.key_separator,
        encoder.item_separator,
        False,  # sort_keys
        False,  # skipkeys
        True,  # allow_nan
    )
    return lambda row: "".join(chunks(row, 0))


def to_csv(coverage: Coverage) -> str:
    out = io.StringIO()
    records = [
        {k: inert(v) if isinstance(v, str) else v for k, v in row.items()}
        for row in row_records(coverage)
    ]  # a CSV opened in Excel runs `=…` from a data file as a formula, as export knows
    writer = csv.DictWriter(out, fieldnames=ROW_KEYS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def to_markdown(coverage: Coverage) -> str:
    headers = [_("Code"), _("Province"), *(matrix.header(c) for c in coverage.columns)]
    lines = [_md_row(headers), _md_row(["---"] * len(headers))]
    lines += [_md_row([code, name, *cells]) for code, name, cells in matrix.grid(coverage)]
    lines.append(_md_row(["", "**Tổng**", *(f"**{t.text}**" for t in matrix.totals(coverage))]))
    return "\n".join(lines) + f"\n\n{' · '.join(matrix.legend_lines(coverage))}\n"


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"
