"""What `cv651 status` and `cv651 show` ask of the core: a selection of the coverage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from cv651.coverage import Coverage, State, compute_coverage
from cv651.errors import UsageError
from cv651.i18n import _, either
from cv651.models import PlanFile, Repository
from cv651.names import resolve_province
from cv651.text import closest, fold

GAPS = (State.OVERDUE, State.LATE, State.INCOMPLETE, State.INVALID)  # what --only-gaps shows


def check_period(plan: PlanFile, period: str | None) -> str | None:
    if period is None or period in plan.periods:
        return period
    raise UsageError(
        _("unknown period '{period}'").format(period=period),
        hint=_("the plan's periods are {items}").format(items=", ".join(plan.periods)),
    )


def resolve_region(repository: Repository, typed: str) -> str:
    if typed in repository.regions:
        return typed
    for key, name in repository.regions.items():
        if fold(name) == fold(typed):
            return key
    near = closest(typed, [*repository.regions, *repository.regions.values()], n=2, cutoff=0.4)
    hint = (
        _("did you mean {items}?").format(items=either(near, question=True))
        if near
        else _("regions: {names}").format(names=", ".join(repository.regions))
    )
    raise UsageError(_("unknown region '{typed}'").format(typed=typed), hint=hint)


def select_coverage(
    repository: Repository,
    as_of: date,
    *,
    period: str | None = None,
    regions: Sequence[str] = (),
    provinces: Sequence[str] = (),
    only_gaps: bool = False,
) -> Coverage:
    """The coverage for the provinces and columns the options ask for.

    Provinces are named as on `as_of`; a row's region is that of its unit of the day.
    """
    period = check_period(repository.plan, period)
    codes = None
    if provinces:
        named = {resolve_province(repository.units, typed, as_of).code for typed in provinces}
        codes = [c for c in repository.units.codes if c in named]
    coverage = compute_coverage(repository, as_of, period=period, codes=codes)
    if regions:
        keys = {resolve_region(repository, r) for r in regions}
        coverage = keep_rows(coverage, {p.code for p in coverage.provinces if p.region in keys})
    if only_gaps:
        coverage = keep_rows(coverage, {r.province.code for r in coverage.rows if r.state in GAPS})
    return coverage


def keep_rows(coverage: Coverage, codes: set[str]) -> Coverage:
    """The coverage of only these codes' rows."""
    width = len(coverage.columns)
    kept = [(p, rows) for p, rows in coverage.by_province() if p.code in codes]
    return replace(
        coverage,
        provinces=tuple(p for p, _ in kept),
        rows=tuple(r for _, rows in kept for r in rows[:width]),
    )
