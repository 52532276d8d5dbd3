"""What can be kept of a submission file that fails its schema, so its valid parts are
checked in the same pass (design.md, "Errors": every problem in one pass). Pure."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from pydantic import ValidationError

from cv651 import checks
from cv651.models import Document, ExistingProgramme
from cv651.source import Source


def salvage(source: Source, data: Any) -> checks.SubmissionInput:
    """The parts of an invalid submission that are valid, so they can be checked too."""
    if not isinstance(data, dict):
        return checks.SubmissionInput(source, None, None, [], None)
    raw_documents = data.get("documents")
    documents, dropped = [], {}
    for index, raw in enumerate(raw_documents if isinstance(raw_documents, list) else []):
        document, bad = _salvage_document(raw)
        if document is not None:
            documents.append((index, document))
            dropped[index] = bad
    province = data.get("province")
    code = province if isinstance(province, str) else None
    programme = None
    with contextlib.suppress(ValidationError):
        if data.get("existing_programme") is not None:
            programme = ExistingProgramme.model_validate(data["existing_programme"])
    return checks.SubmissionInput(source, code, programme, documents, None, dropped)


def _salvage_document(raw: Any) -> tuple[Document | None, frozenset[str]]:
    """The document without its invalid keys (and which those were); None if it is
    not a mapping. A bad required key is replaced by a stand-in, so the checks of
    the other keys still run in this pass (design.md, "Errors": one pass); the
    checks skip the keys listed as bad."""
    try:
        return Document.model_validate(raw), frozenset()
    except ValidationError as exc:
        bad = frozenset(str(e["loc"][0]) for e in exc.errors() if e["loc"])
    if not isinstance(raw, dict):
        return None, bad
    kept = {k: v for k, v in raw.items() if k not in bad}
    missing = _REQUIRED_DOCUMENT_KEYS - kept.keys()
    if not missing <= _STAND_INS.keys():
        return None, bad
    try:
        document = Document.model_validate(kept | {k: _STAND_INS[k] for k in missing})
    except ValidationError:
        return None, bad
    return document, bad | missing


_REQUIRED_DOCUMENT_KEYS = frozenset(
    name for name, info in Document.model_fields.items() if info.is_required()
)
# Valid values for required keys that are missing or bad; never checked, never counted.
_STAND_INS: dict[str, Any] = {
    "kind": "-",
    "number": "-",
    "date": date(1, 1, 1),
    "issuers": ["-"],
}
