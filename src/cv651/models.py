"""The domain, as strict immutable pydantic models: one per file kind, one for the whole.

Everything past the loader works on these; nothing else handles raw dicts.
Units, bodies, kinds and periods are data from the files, never constants here.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cv651.fields import Code, Count, Day, Period, Text


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- data/provinces.yaml ---------------------------------------------------------


class Province(_Model):
    code: Code
    name: Text
    kind: Literal["province", "city"]
    region: Text
    aliases: tuple[Text, ...] = ()


class ProvincesFile(_Model):
    regions: dict[str, Text]
    provinces: tuple[Province, ...]


# --- data/plan_40.yaml ---------------------------------------------------------------


class PlanInfo(_Model):
    number: Text
    date: Day
    year: int
    title: Text
    issuers: tuple[Text, ...]


class Signer(_Model):
    name: Text
    title: Text
    capacity: Text | None = None


class Directive(_Model):
    number: Text
    date: Day
    subject: Text
    signer: Signer


class DocumentKind(_Model):
    label: Text
    number_types: tuple[Text, ...] = ()


class PeriodDue(_Model):
    period: Period
    due: Day


class Task(_Model):
    id: Text
    clause: int
    title: Text
    applies_to: Literal["all", "existing_programme"]
    evidence: tuple[Text, ...] = Field(min_length=1)
    due: Day | None = None
    periods: tuple[PeriodDue, ...] = ()
    recipients: tuple[Text, ...] = ()

    @property
    def periodic(self) -> bool:
        return bool(self.periods)


class Indicator(_Model):
    id: Text
    label: Text
    unit: Text


DEFAULT_KINDS = {
    "local_plan": DocumentKind(
        label="Chương trình, kế hoạch của địa phương", number_types=("KH", "CTr")
    ),
    "programme_review": DocumentKind(label="Rà soát, bổ sung chương trình", number_types=()),
    "report": DocumentKind(label="Báo cáo", number_types=("BC",)),
}


class PlanFile(_Model):
    plan: PlanInfo
    directive: Directive
    bodies: dict[str, Text]
    # An extension of the contract: labels and the document types (KH, BC ...)
    # that fit each kind. Plans written without it get the three standard kinds.
    document_kinds: dict[str, DocumentKind] = Field(default_factory=lambda: dict(DEFAULT_KINDS))
    tasks: tuple[Task, ...] = Field(min_length=1)
    indicators: tuple[Indicator, ...] = ()

    @cached_property
    def periods(self) -> tuple[str, ...]:
        """Every report period the plan knows, in the order its tasks list them."""
        seen: dict[str, None] = {}
        for task in self.tasks:
            for item in task.periods:
                seen.setdefault(item.period)
        return tuple(seen)


# --- data/submissions/CODE-SLUG.yaml --------------------------------------------------


class ExistingProgramme(_Model):
    number: Text
    date: Day
    partner: Text


class Document(_Model):
    kind: Text
    number: Text
    date: Day
    received: Day | None = None
    period: Period | None = None
    issuers: tuple[Text, ...] = Field(min_length=1)
    recipients: tuple[Text, ...] = ()
    title: Text | None = None
    indicators: dict[str, Count] = Field(default_factory=dict)
    highlights: Text | None = None
    difficulties: Text | None = None
    recommendations: Text | None = None
    attachments: tuple[Text, ...] = ()

    @property
    def counts_from(self) -> dt.date:
        """The day the document counts from: when the centre received it, else its date."""
        return self.received or self.date


class Submission(_Model):
    province: Code
    existing_programme: ExistingProgramme | None = None
    documents: tuple[Document, ...] = ()


# --- the repository as a whole ---------------------------------------------------------


class Repository(_Model):
    """A data repository that loaded without errors."""

    provinces: tuple[Province, ...]
    regions: dict[str, str]
    plan: PlanFile
    submissions: dict[str, Submission]  # by province code; no file = nothing yet

    def submission(self, code: str) -> Submission:
        return self.submissions.get(code) or Submission(province=code)
