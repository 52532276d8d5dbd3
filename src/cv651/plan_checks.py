"""Rules of a plan file across its own keys: bodies, ids, tasks and their periods.
Pure: models in, diagnostics out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from cv651.errors import Diagnostic
from cv651.i18n import _, either
from cv651.models import PlanFile
from cv651.source import Loc, Source
from cv651.text import did_you_mean, fold


def check_plan(source: Source, plan: PlanFile) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    found += unknown_bodies(source, ("plan", "issuers"), plan.plan.issuers, plan.bodies)
    found += unknown_bodies(source, ("addressees",), plan.addressees or (), plan.bodies)
    found += _duplicates(source, "tasks", [t.id for t in plan.tasks], "id", _("task id"))
    found += _duplicates(
        source, "indicators", [i.id for i in plan.indicators], "id", _("indicator id")
    )
    for t, task in enumerate(plan.tasks):
        loc = ("tasks", t)
        if ":" in task.id:  # `report:2022H1` would be the column of report's 2022H1
            found.append(
                source.diag(
                    (*loc, "id"),
                    "bad-task-id",
                    _("a task id cannot contain ':' ('{id}')").format(id=task.id),
                    _("':' separates a task from its period in column keys (report:2022H1)"),
                )
            )
        for e, kind in enumerate(task.evidence):
            if kind not in plan.document_kinds:
                found.append(
                    source.diag(
                        (*loc, "evidence", e),
                        "unknown-kind",
                        _("unknown document kind '{kind}'").format(kind=kind),
                        did_you_mean(kind, plan.document_kinds) or known(plan.document_kinds),
                    )
                )
        found += unknown_bodies(source, (*loc, "recipients"), task.recipients, plan.bodies)
        if not task.periods and task.due is None:
            found.append(
                source.diag(
                    loc,
                    "missing-due",
                    _("task '{id}' has neither 'due' nor 'periods'").format(id=task.id),
                    _("give a due date, or a list of periods each with its due date"),
                )
            )
        seen: set[str] = set()
        for p, item in enumerate(task.periods):
            if item.period in seen:
                found.append(
                    source.diag(
                        (*loc, "periods", p, "period"),
                        "duplicate-period",
                        _("period {period} is listed twice").format(period=item.period),
                    )
                )
            seen.add(item.period)
    return found


def unknown_bodies(
    source: Source,
    loc: Loc,
    bodies: Iterable[str],
    known: Mapping[str, str],
    *,
    single: bool = False,
) -> Iterator[Diagnostic]:
    for b, body in enumerate(bodies):
        if body not in known:
            yield source.diag(
                loc if single else (*loc, b),
                "unknown-body",
                _("unknown body '{body}'").format(body=body),
                _body_hint(body, known),
            )


def _body_hint(body: str, bodies: Mapping[str, str]) -> str:
    """`UBND` is part of `BCSĐ-UBND` (the likely one), though it is closer in letters
    to `UBDT`, a different body: a key that holds the typed word comes first."""
    word = fold(body)
    holding = [key for key in bodies if word and word in fold(key).split() and key != body]
    if holding:
        return _("did you mean {items}?").format(
            items=either((repr(k) for k in holding), question=True)
        )
    return did_you_mean(body, bodies) or known(bodies)


def _duplicates(
    source: Source, key: str, values: list[str], field: str, what: str
) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            yield source.diag(
                (key, i, field),
                "duplicate-id",
                _("{what} '{value}' is used twice").format(what=what, value=value),
            )
        seen.add(value)


def known(names: Iterable[str]) -> str:
    return f"known: {', '.join(names)}"
