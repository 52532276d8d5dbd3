"""Rules across files: what the schema alone cannot see. Pure: models in, diagnostics out."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from cv651.errors import Diagnostic, Severity
from cv651.fields import is_code
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
from cv651.plans import Plans
from cv651.source import Loc, Source
from cv651.text import did_you_mean, fold, fold_place, slugify

ERROR, WARNING = Severity.ERROR, Severity.WARNING

# Party document number: N-TYPE/ISSUER, issuers joined with '-' (Hướng dẫn 36-HD/VPTW).
_NUMBER = re.compile(
    r"^(?P<n>\d+)-(?P<type>[A-ZĐ][A-Za-zĐđ]*)/(?P<issuer>[A-ZĐ0-9][A-Za-zĐđ0-9]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*)$"
)
_FILE_NAME = re.compile(r"^(?P<code>[^-]+)-(?P<slug>.+)\.(?P<ext>ya?ml)$")


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
                    f"unknown region '{province.region}'",
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
                        f"'{spelling}' would also name {data.provinces[clash].name}",
                        "names and aliases must be unique, ignoring case and diacritics, "
                        "among the units in force at the same time",
                    )
                )
            owners.append((i, spelling))
    return found


def _clash(a: Province, b: Province) -> bool:
    return a.code != b.code and spans_overlap(a, b)


def check_plan(source: Source, plan: PlanFile) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    found += _unknown_bodies(source, ("plan", "issuers"), plan.plan.issuers, plan.bodies)
    found += _unknown_bodies(source, ("addressees",), plan.addressees or (), plan.bodies)
    found += _duplicates(source, "tasks", [t.id for t in plan.tasks], "id", "task id")
    found += _duplicates(
        source, "indicators", [i.id for i in plan.indicators], "id", "indicator id"
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
                        f"unknown document kind '{kind}'",
                        did_you_mean(kind, plan.document_kinds) or _known(plan.document_kinds),
                    )
                )
        found += _unknown_bodies(source, (*loc, "recipients"), task.recipients, plan.bodies)
        if not task.periods and task.due is None:
            found.append(
                source.diag(
                    loc,
                    "missing-due",
                    f"task '{task.id}' has neither 'due' nor 'periods'",
                    "give a due date, or a list of periods each with its due date",
                )
            )
        seen: set[str] = set()
        for p, item in enumerate(task.periods):
            if item.period in seen:
                found.append(
                    source.diag(
                        (*loc, "periods", p, "period"),
                        "duplicate-period",
                        f"period {item.period} is listed twice",
                    )
                )
            seen.add(item.period)
    return found


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
                        f"{names[code][-1]} already has a file: {first_file[code]}",
                        "keep one file per province and move these documents into it",
                    )
                )
            first_file.setdefault(code, item.source.rel)
        elif code is not None and is_code(code):
            found.append(
                item.source.diag(
                    ("province",),
                    "unknown-province",
                    f"no province has the code {code}",
                    "see data/provinces.yaml for the codes",
                )
            )
        if item.existing_programme is not None:
            found += _unknown_bodies(
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
    rename = f"rename the file to {expected}"
    if file_code is None or file_code not in names:
        return rename
    other = names[file_code][-1]
    return f'{rename}, or, if this is {other}\'s file, write province: "{file_code}"'


def _check_file_name(
    source: Source, code: str, all_names: dict[str, list[str]]
) -> list[Diagnostic]:
    """The slug may be any name the code has had (a 2022 file of Long An keeps its name)."""
    names = all_names[code]
    file_name = source.rel.rsplit("/", 1)[-1]
    match = _FILE_NAME.match(file_name)
    expected = f"{code}-{slugify(names[-1])}.{match['ext'] if match else 'yaml'}"
    if match is None or match["code"] != code:
        return [
            source.diag(
                ("province",),
                "filename-code",
                f"the file name does not start with the province code {code}",
                _code_hint(expected, match["code"] if match else None, all_names),
            )
        ]
    if match["slug"] not in {slugify(name) for name in names}:
        return [
            source.warn(
                ("province",),
                "filename-slug",
                f"the file name does not match the province name {names[-1]}",
                f"rename the file to {expected}",
            )
        ]
    return []


def _check_code_quoted(source: Source, code: str) -> list[Diagnostic]:
    """`province: 02` is "02" to cv651 but the number 2 to editors and the JSON
    Schema: a warning, so `validate --strict` and the schema give one answer."""
    if not code.startswith("0"):
        return []
    line, col = source.where(("province",))
    lines = source.text.splitlines()
    typed = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
    if typed in ("'", '"'):
        return []
    return [
        source.warn(
            ("province",),
            "unquoted-code",
            f"the code {code} is written without quotes: editors and the JSON Schema "
            f"read it as the number {int(code)}",
            f'write province: "{code}"',
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
                f"unknown plan '{doc.plan}'",
                did_you_mean(doc.plan or "", plans.by_id) or _known(plans.by_id),
            )
        else:
            yield from _check_document(source, loc, doc, bad, plan)
        if "number" in bad:
            continue
        if doc.number in numbers:
            yield source.diag(
                (*loc, "number"),
                "duplicate-number",
                f"document {doc.number} is recorded twice "
                f"(first as documents[{numbers[doc.number]}])",
                "remove the copy, or correct the number",
            )
        numbers.setdefault(doc.number, index)
        if plan is not None:
            yield from _check_number(source, (*loc, "number"), doc, plan)


def _check_document(
    source: Source, loc: Loc, doc: Document, bad: frozenset[str], plan: PlanFile
) -> Iterator[Diagnostic]:
    """The checks of one document that do not look at the others; a key in `bad`
    already has its error and is not checked again (its value is a stand-in)."""
    if "kind" not in bad and doc.kind not in plan.document_kinds:
        yield source.diag(
            (*loc, "kind"),
            "unknown-kind",
            f"unknown document kind '{doc.kind}'",
            did_you_mean(doc.kind, plan.document_kinds) or _known(plan.document_kinds),
        )
    periodic_kinds = plan.periodic_kinds
    if not bad & {"period", "kind"}:
        yield from _check_period(source, loc, doc, plan, periodic_kinds)
    for key in ("issuers", "recipients"):
        if key not in bad:
            yield from _unknown_bodies(source, (*loc, key), getattr(doc, key), plan.bodies)
    indicators = plan.indicator_ids
    for name in doc.indicators:
        if name not in indicators:
            yield source.diag(
                (*loc, "indicators", name),
                "unknown-indicator",
                f"unknown indicator '{name}'",
                did_you_mean(name, indicators) or _known(indicators),
                key=True,
            )
    if "date" in bad:
        return
    if doc.received is None and "received" not in bad and doc.kind in periodic_kinds:
        yield source.warn(  # issue #11: a report late to the centre looked on time
            loc,
            "no-received",
            f"no 'received' date: the report counts from its own date {doc.date}, "
            "which can make a late report look on time",
            "add received: YYYY-MM-DD, the day the centre received it",
        )
    elif doc.received is not None and doc.received < doc.date:
        yield source.diag(
            (*loc, "received"),
            "received-before-date",
            f"received {doc.received} is before the document's date {doc.date}",
            "check both dates; a document cannot arrive before it is signed",
        )
    yield from _check_record(source, loc, doc)


def _check_record(source: Source, loc: Loc, doc: Document) -> Iterator[Diagnostic]:
    """Corrections and a withdrawal are acts on a document: they come after it."""
    for c, correction in enumerate(doc.corrections):
        if correction.date < doc.date:
            yield source.diag(
                (*loc, "corrections", c, "date"),
                "correction-before-date",
                f"the correction of {correction.date} is before the document's date {doc.date}",
                "a correction is dated the day it is made",
            )
    if doc.withdrawn is not None and doc.withdrawn.date < doc.date:
        yield source.diag(
            (*loc, "withdrawn", "date"),
            "withdrawn-before-date",
            f"withdrawn {doc.withdrawn.date}, before the document's date {doc.date}",
            "a withdrawal is dated the day the document stops counting",
        )


def _check_period(
    source: Source, loc: Loc, doc: Document, plan: PlanFile, periodic_kinds: frozenset[str]
) -> Iterator[Diagnostic]:
    if doc.kind in periodic_kinds:
        if doc.period is None:
            yield source.diag(
                loc,
                "missing-period",
                f"a {doc.kind} needs 'period'",
                f"add period: one of {', '.join(plan.periods)}",
            )
        elif doc.period not in plan.periods:
            yield source.diag(
                (*loc, "period"),
                "unknown-period",
                f"unknown period {doc.period}",
                f"the plan's periods are {', '.join(plan.periods)}",
            )
    elif doc.period is not None and doc.kind in plan.document_kinds:
        yield source.warn(
            (*loc, "period"),
            "unexpected-period",
            f"a {doc.kind} has no period; this one is ignored",
        )


def _check_number(source: Source, loc: Loc, doc: Document, plan: PlanFile) -> Iterator[Diagnostic]:
    match = _NUMBER.match(doc.number)
    if match is None:
        yield source.diag(
            loc,
            "number-format",
            f"'{doc.number}' is not a Party document number N-TYPE/ISSUER",
            _number_hint(doc.number),
        )
        return
    kind = plan.document_kinds.get(doc.kind)
    if kind and kind.number_types and match["type"] not in kind.number_types:
        yield source.warn(
            loc,
            "number-type",
            f"a {doc.kind} is usually numbered {' or '.join(kind.number_types)}, "
            f"not {match['type']}",
        )


def _number_hint(number: str) -> str:
    cleaned = re.sub(r"^(?:số|so)\s*:?\s*", "", number.strip(), flags=re.IGNORECASE)
    cleaned = re.sub(r"\s+", "", cleaned)
    if cleaned != number and _NUMBER.match(cleaned):
        return f"did you mean {cleaned}?"
    return "e.g. 25-KH/BDVTU or 112-BC/BDVTU (number, type, issuer)"


def _unknown_bodies(
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
                f"unknown body '{body}'",
                _body_hint(body, known),
            )


def _body_hint(body: str, bodies: Mapping[str, str]) -> str:
    """`UBND` is part of `BCSĐ-UBND` (the likely one), though it is closer in letters
    to `UBDT`, a different body: a key that holds the typed word comes first."""
    word = fold(body)
    holding = [key for key in bodies if word and word in fold(key).split() and key != body]
    if holding:
        return f"did you mean {' or '.join(repr(k) for k in holding)}?"
    return did_you_mean(body, bodies) or _known(bodies)


def _duplicates(
    source: Source, key: str, values: list[str], field: str, what: str
) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            yield source.diag((key, i, field), "duplicate-id", f"{what} '{value}' is used twice")
        seen.add(value)


def _known(names: Iterable[str]) -> str:
    return f"known: {', '.join(names)}"
