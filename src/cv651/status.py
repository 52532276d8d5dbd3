"""What `cv651 status` and `cv651 show` ask of the core: a selection of the coverage."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from cv651.coverage import Coverage, State, compute_coverage
from cv651.errors import UsageError
from cv651.models import PlanFile, Province, Repository
from cv651.names import resolve_province
from cv651.text import closest, fold

GAPS = (State.OVERDUE, State.LATE, State.INCOMPLETE)


def check_period(plan: PlanFile, period: str | None) -> str | None:
    if period is None or period in plan.periods:
        return period
    raise UsageError(
        f"unknown period '{period}'", hint=f"the plan's periods are {', '.join(plan.periods)}"
    )


def resolve_region(repository: Repository, typed: str) -> str:
    if typed in repository.regions:
        return typed
    for key, name in repository.regions.items():
        if fold(name) == fold(typed):
            return key
    near = closest(typed, [*repository.regions, *repository.regions.values()], n=2, cutoff=0.4)
    hint = (
        f"did you mean {' or '.join(near)}?"
        if near
        else f"regions: {', '.join(repository.regions)}"
    )
    raise UsageError(f"unknown region '{typed}'", hint=hint)


def select_coverage(
    repository: Repository,
    as_of: date,
    *,
    period: str | None = None,
    regions: Sequence[str] = (),
    provinces: Sequence[str] = (),
    only_gaps: bool = False,
) -> Coverage:
    """The coverage for the provinces and columns the options ask for."""
    period = check_period(repository.plan, period)
    chosen: list[Province] = list(repository.provinces)
    if regions:
        keys = {resolve_region(repository, r) for r in regions}
        chosen = [p for p in chosen if p.region in keys]
    if provinces:
        named = {resolve_province(repository.provinces, typed).code for typed in provinces}
        chosen = [p for p in chosen if p.code in named]
    coverage = compute_coverage(repository, as_of, period=period, provinces=chosen)
    if not only_gaps:
        return coverage
    keep = {r.province.code for r in coverage.rows if r.state in GAPS}
    return Coverage(
        coverage.as_of,
        coverage.columns,
        tuple(p for p in coverage.provinces if p.code in keep),
        tuple(r for r in coverage.rows if r.province.code in keep),
    )
