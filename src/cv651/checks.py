"""Rules across files: what the schema alone cannot see. Pure: models in, diagnostics out."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from cv651.docnumbers import check_number
from cv651.errors import Diagnostic, Severity
from cv651.fields import is_code
from cv651.filenames import file_name
from cv651.history_checks import check_history, spans_overlap
from cv651.i18n import _
from cv651.models import (
    Document,
    ExistingProgramme,
    PlanFile,
    Province,
    ProvincesFile,
    Submission,
)
from cv651.plan_checks import known, unknown_bodies
from cv651.plans import Plans
from cv651.source import Loc, Source
from cv651.text import did_you_mean, fold_place, slugify

ERROR, WARNING = Severity.ERROR, Severity.WARNING

_PROVINCE_LINE = re.compile(r"^province:[ \t]*(\S)", re.MULTILINE)  # a top-level key


@dataclass
class SubmissionInput:
    """A submissions file, with whatever of it passed the schema."""

    source: Source
    province: str | None
    existing_programme: ExistingProgramme | None
    documents: list[tuple[int, Document]]  # (index in the file, document)
    submission: Submission | None  # the whole file, when it is valid
    dropped: dict[int, frozenset[str]] = field(default_factory=dict)  # invalid keys, by document


def check_provinces(source: Source, data: ProvincesFile) -> list[Diagnostic]:
    found: list[Diagnostic] = list(check_history(source, data))
    names: dict[str, list[tuple[int, str]]] = {}  # folded spelling -> (entry, how spelt)
    for i, province in enumerate(data.provinces):
        if province.region not in data.regions:
            found.append(
                source.diag(
                    ("provinces", i, "region"),
                    "unknown-region",
                    _("unknown region '{region}'").format(region=province.region),
                    did_you_mean(province.region, data.regions),
                )
            )
        spellings: list[tuple[Loc, str]] = [(("provinces", i, "name"), province.name)]
        spellings += [
            (("provinces", i, "aliases", a), alias) for a, alias in enumerate(province.aliases)
        ]
        for loc, spelling in spellings:
            owners = names.setdefault(fold_place(spelling), [])
            # One spelling may name different codes at different times (Tây Ninh: 72, then
            # 80), never two at once.
            clash = next((j for j, _ in owners if _clash(data.provinces[j], province)), None)
            if clash is not None:
                found.append(
                    source.diag(
                        loc,
                        "ambiguous-name",
                        _("'{spelling}' would also name {name}").format(
                            spelling=spelling, name=data.provinces[clash].name
                        ),
                        _(
                            "names and aliases must be unique, ignoring case and diacritics, "
                            "among the units in force at the same time"
                        ),
                    )
                )
            owners.append((i, spelling))
    return found


def _clash(a: Province, b: Province) -> bool:
    return a.code != b.code and spans_overlap(a, b)


def check_submissions(
    inputs: Iterable[SubmissionInput], provinces: ProvincesFile, plans: Mapping[str, PlanFile]
) -> list[Diagnostic]:
    index = Plans(plans)
    partners = {k: v for plan in plans.values() for k, v in plan.bodies.items()}
    names: dict[str, list[str]] = {}  # every name a code has had, latest last
    for unit in sorted(provinces.provinces, key=lambda u: u.since or date.min):
        names.setdefault(unit.code, []).append(unit.name)
    first_file: dict[str, str] = {}
    found: list[Diagnostic] = []
    for item in inputs:
        code = item.province
        if code is not None and code in names:
            found += _check_file_name(item.source, code, names)
            found += _check_code_quoted(item.source, code)
            if code in first_file:
                found.append(
                    item.source.diag(
                        ("province",),
                        "duplicate-province-file",
                        _("{names} already has a file: {first_file}").format(
                            names=names[code][-1], first_file=first_file[code]
                        ),
                        _("keep one file per province and move these documents into it"),
                    )
                )
            first_file.setdefault(code, item.source.rel)
        elif code is not None and is_code(code):
            found.append(
                item.source.diag(
                    ("province",),
                    "unknown-province",
                    _("no province has the code {code}").format(code=code),
                    _("see data/provinces.yaml for the codes"),
                )
            )
        if item.existing_programme is not None:
            found += unknown_bodies(
                item.source,
                ("existing_programme", "partner"),
                [item.existing_programme.partner],
                partners,
                single=True,
            )
        found += _check_documents(item, index)
    return found


def _code_hint(expected: str, file_code: str | None, names: dict[str, list[str]]) -> str:
    """Either may be the typo: the file name, or the code in the file (issue #11)."""
    rename = _("rename the file to {expected}").format(expected=expected)
    if file_code is None or file_code not in names:
        return rename
    other = names[file_code][-1]
    return _('{rename}, or, if this is {other}\'s file, write province: "{file_code}"').format(
        rename=rename, other=other, file_code=file_code
    )


def _check_file_name(
    source: Source, code: str, all_names: dict[str, list[str]]
) -> list[Diagnostic]:
    """The slug may be any name the code has had (a 2022 file of Long An keeps its name)."""
    names = all_names[code]
    parts = file_name(source.rel)
    expected = f"{code}-{slugify(names[-1])}.{parts.ext if parts else 'yaml'}"
    if parts is None or parts.slug is None or parts.code != code:
        return [
            source.diag(
                ("province",),
                "filename-code",
                _("the file name does not start with the province code {code}").format(code=code),
                _code_hint(expected, parts.code if parts and parts.slug else None, all_names),
            )
        ]
    if parts.slug not in {slugify(name) for name in names}:
        return [
            source.warn(
                ("province",),
                "filename-slug",
                _("the file name does not match the province name {names}").format(names=names[-1]),
                _("rename the file to {expected}").format(expected=expected),
            )
        ]
    return []


def _check_code_quoted(source: Source, code: str) -> list[Diagnostic]:
    """`province: 02` is "02" to cv651 but the number 2 to editors and the JSON
    Schema: a warning, so `validate --strict` and the schema give one answer."""
    if not code.startswith("0"):
        return []
    # The usual layout is read off the text: locating the key composes the file
    # again, which for 3,321 files of commune codes was a third of `validate`.
    usual = _PROVINCE_LINE.search(source.text)
    if usual is not None:
        typed = usual[1]
    else:
        line, col = source.where(("province",))
        lines = source.text.splitlines()
        typed = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
    if typed in ("'", '"'):
        return []
    return [
        source.warn(
            ("province",),
            "unquoted-code",
            _(
                "the code {code} is written without quotes: editors and the JSON Schema read it "
                "as the number {int}"
            ).format(code=code, int=int(code)),
            _('write province: "{code}"').format(code=code),
        )
    ]


def _check_documents(item: SubmissionInput, plans: Plans) -> Iterator[Diagnostic]:
    source = item.source
    numbers: dict[str, int] = {}
    for index, doc in item.documents:
        loc: Loc = ("documents", index)
        bad = item.dropped.get(index, frozenset())  # keys with errors of their own
        plan = plans.by_id.get(plans.of(doc))  # the plan the document answers
        if plan is None:
            yield source.diag(
                (*loc, "plan"),
                "unknown-plan",
                _("unknown plan '{plan}'").format(plan=doc.plan),
                did_you_mean(doc.plan or "", plans.by_id) or known(plans.by_id),
            )
        else:
            yield from _check_document(source, loc, doc, bad, plan)
        if "number" in bad:
            continue
        if doc.number in numbers:
            yield source.diag(
                (*loc, "number"),
                "duplicate-number",
                _("document {number} is recorded twice (first as documents[{numbers}])").format(
                    number=doc.number, numbers=numbers[doc.number]
                ),
                _("remove the copy, or correct the number"),
            )
        numbers.setdefault(doc.number, index)
        if plan is not None:
            yield from check_number(source, (*loc, "number"), doc, plan)


def _check_document(
    source: Source, loc: Loc, doc: Document, bad: frozenset[str], plan: PlanFile
) -> Iterator[Diagnostic]:
    """The checks of one document that do not look at the others; a key in `bad`
    already has its error and is not checked again (its value is a stand-in)."""
    if "kind" not in bad and doc.kind not in plan.document_kinds:
        yield source.diag(
            (*loc, "kind"),
            "unknown-kind",
            _("unknown document kind '{kind}'").format(kind=doc.kind),
            did_you_mean(doc.kind, plan.document_kinds) or known(plan.document_kinds),
        )
    periodic_kinds = plan.periodic_kinds
    if not bad & {"period", "kind"}:
        yield from _check_period(source, loc, doc, plan, periodic_kinds)
    for key in ("issuers", "recipients"):
        if key not in bad:
            yield from unknown_bodies(source, (*loc, key), getattr(doc, key), plan.bodies)
    indicators = plan.indicator_ids
    for name in doc.indicators:
        if name not in indicators:
            yield source.diag(
                (*loc, "indicators", name),
                "unknown-indicator",
                _("unknown indicator '{name}'").format(name=name),
                did_you_mean(name, indicators) or known(indicators),
                key=True,
            )
    if "date" in bad:
        return
    if doc.received is None and "received" not in bad and doc.kind in periodic_kinds:
        yield source.warn(  # issue #11: a report late to the centre looked on time
            loc,
            "no-received",
            _(
                "no 'received' date: the report counts from its own date {date}, which can make "
                "a late report look on time"
            ).format(date=doc.date),
            _("add received: YYYY-MM-DD, the day the centre received it"),
        )
    elif doc.received is not None and doc.received < doc.date:
        yield source.diag(
            (*loc, "received"),
            "received-before-date",
            _("received {received} is before the document's date {date}").format(
                received=doc.received, date=doc.date
            ),
            _("check both dates; a document cannot arrive before it is signed"),
        )
    yield from _check_record(source, loc, doc)


def _check_record(source: Source, loc: Loc, doc: Document) -> Iterator[Diagnostic]:
    """Corrections and a withdrawal are acts on a document: they come after it."""
    for c, correction in enumerate(doc.corrections):
        if correction.date < doc.date:
            yield source.diag(
                (*loc, "corrections", c, "date"),
                "correction-before-date",
                _("the correction of {date} is before the document's date {date2}").format(
                    date=correction.date, date2=doc.date
                ),
                _("a correction is dated the day it is made"),
            )
    if doc.withdrawn is not None and doc.withdrawn.date < doc.date:
        yield source.diag(
            (*loc, "withdrawn", "date"),
            "withdrawn-before-date",
            _("withdrawn {date}, before the document's date {date2}").format(
                date=doc.withdrawn.date, date2=doc.date
            ),
            _("a withdrawal is dated the day the document stops counting"),
        )


def _check_period(
    source: Source, loc: Loc, doc: Document, plan: PlanFile, periodic_kinds: frozenset[str]
) -> Iterator[Diagnostic]:
    if doc.kind in periodic_kinds:
        if doc.period is None:
            yield source.diag(
                loc,
                "missing-period",
                _("a {kind} needs 'period'").format(kind=doc.kind),
                _("add period: one of {items}").format(items=", ".join(plan.periods)),
            )
        elif doc.period not in plan.periods:
            yield source.diag(
                (*loc, "period"),
                "unknown-period",
                _("unknown period {period}").format(period=doc.period),
                _("the plan's periods are {items}").format(items=", ".join(plan.periods)),
            )
    elif doc.period is not None and doc.kind in plan.document_kinds:
        yield source.warn(
            (*loc, "period"),
            "unexpected-period",
            _("a {kind} has no period; this one is ignored").format(kind=doc.kind),
        )
