"""Party document numbers: N-TYPE/ISSUER, checked against the kind of document."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cv651.errors import Diagnostic
from cv651.i18n import _, either
from cv651.models import Document, PlanFile
from cv651.source import Loc, Source

# A Party document number is N-TYPE/ISSUER, issuers joined with '-' (Hướng dẫn
# 36-HD/VPTW): `95-BC/BDVTU`, `40-KH/BDVTW-BCSĐUBDT`. The pieces, shared by the strict
# check here, the header reader of `ingest` (which allows the spaces of a typed page)
# and the DOCX renderer (which keeps a number, or a draft's `-BC/BDVTW`, on one line).
TYPE = r"[A-ZĐ][A-Za-zĐđ]*"
ISSUER = r"[A-ZĐ0-9][A-Za-zĐđ0-9]*"
_NUMBER = re.compile(rf"^(?P<n>\d+)-(?P<type>{TYPE})/(?P<issuer>{ISSUER}(?:-{ISSUER})*)$")


def check_number(source: Source, loc: Loc, doc: Document, plan: PlanFile) -> Iterator[Diagnostic]:
    match = _NUMBER.match(doc.number)
    if match is None:
        yield source.diag(
            loc,
            "number-format",
            _("'{number}' is not a Party document number N-TYPE/ISSUER").format(number=doc.number),
            _number_hint(doc.number),
        )
        return
    kind = plan.document_kinds.get(doc.kind)
    if kind and kind.number_types and match["type"] not in kind.number_types:
        yield source.warn(
            loc,
            "number-type",
            _("a {kind} is usually numbered {items}, not {match}").format(
                kind=doc.kind, items=either(kind.number_types), match=match["type"]
            ),
        )


def _number_hint(number: str) -> str:
    cleaned = re.sub(r"^(?:số|so)\s*:?\s*", "", number.strip(), flags=re.IGNORECASE)
    cleaned = re.sub(r"\s+", "", cleaned)
    if cleaned != number and _NUMBER.match(cleaned):
        return _("did you mean {cleaned}?").format(cleaned=cleaned)
    return _("e.g. 25-KH/BDVTU or 112-BC/BDVTU (number, type, issuer)")
