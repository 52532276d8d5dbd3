"""Several plans in one repository: which plan a document answers, which a command reads.

Every `data/plan_*.yaml` is a plan whose id is the part after `plan_` (the
design's "Several plans"). A document names its plan with `plan:`; without it,
it answers the latest plan issued on or before its own date (the earliest plan
when none was issued yet), so documents accepted before a second plan arrived
never need editing. Pure.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from datetime import date

from cv651.errors import UsageError
from cv651.i18n import _
from cv651.models import Document, PlanFile, Repository
from cv651.vnformat import short_date

PREFIX, SUFFIX = "plan_", ".yaml"


def plan_id(file_name: str) -> str:
    """'plan_40.yaml' -> '40'."""
    return file_name.removeprefix(PREFIX).removesuffix(SUFFIX)


class Plans:
    """The plans of a repository, in the order they were issued."""

    def __init__(self, plans: Mapping[str, PlanFile]) -> None:
        self.by_id = dict(sorted(plans.items(), key=lambda item: (item[1].plan.date, item[0])))
        self._ids = list(self.by_id)
        self._dates = [p.plan.date for p in self.by_id.values()]

    def issued_by(self, day: date) -> str:
        """The latest plan issued on or before `day`; the earliest when none was yet."""
        return self._ids[max(bisect_right(self._dates, day) - 1, 0)]

    def of(self, document: Document) -> str:
        """The id of the plan a document answers."""
        if document.plan is not None:
            return document.plan
        if len(self._ids) == 1:
            return self._ids[0]
        return self.issued_by(document.date)

    def find(self, wanted: str) -> str:
        """A plan named by its id or its number."""
        wanted = wanted.strip()
        for pid, plan in self.by_id.items():
            if wanted in (pid, plan.plan.number):
                return pid
        known = ", ".join(f"{pid} ({p.plan.number})" for pid, p in self.by_id.items())
        raise UsageError(
            _("unknown plan '{wanted}'").format(wanted=wanted),
            hint=_("the repository's plans: {known}").format(known=known),
        )


def choose_plan(
    repository: Repository, wanted: str | None, as_of: date
) -> tuple[Repository, str | None]:
    """The repository reading one plan, and a note for stderr when it was chosen by date.

    `--plan` names it (id or number); else the only plan; else the latest issued on
    or before `as_of` (the design's "Several plans").
    """
    index = repository.plan_index
    if wanted is not None:
        chosen = index.find(wanted)
        note = None
    elif len(index.by_id) == 1:
        chosen, note = next(iter(index.by_id)), None
    else:
        chosen = index.issued_by(as_of)
        number = index.by_id[chosen].plan.number
        note = _(
            "reading plan {chosen} ({number}), the latest issued by {numeric_date}; --plan "
            "chooses another"
        ).format(chosen=chosen, number=number, numeric_date=short_date(as_of))
    if chosen == repository.plan_id:
        return repository, note
    return repository.model_copy(update={"plan": index.by_id[chosen], "plan_id": chosen}), note
