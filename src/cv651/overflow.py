"""Too many problems in one file: the first MAX_PER_FILE of them, and a count of the rest.

One broken line repeated 100,000 times is one mistake; listing it took 20 s and
800 MB (issue #12). Every format (text, JSON, GitHub, the job summary) gets the
same capped list, because the loader returns it.
"""

from __future__ import annotations

import itertools
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from cv651.errors import Diagnostic, Severity
from cv651.explain import explain
from cv651.i18n import _
from cv651.source import Source

MAX_PER_FILE = 100
_MORE = "more-problems"


def explained(
    exc: ValidationError, source: Source, model: type[BaseModel], data: Any
) -> list[Diagnostic]:
    total = exc.error_count()
    if total > 2 * MAX_PER_FILE:
        # Listing 500,000 errors costs seconds and hundreds of MB before one is
        # shown: the first ones are those of the first items, found again here.
        try:
            model.model_validate(_head(data, MAX_PER_FILE))
        except ValidationError as first:
            exc = first
    found = explain(exc, source, model, limit=MAX_PER_FILE)
    more = total - len(found)
    if more <= 0:
        return found
    last = source.text.count("\n") + 1
    # counted here, worded by cap_per_file, which every load ends with
    return [*found, Diagnostic(source.rel, last, 1, Severity.ERROR, _MORE, str(more))]


CHUNK = 1000  # documents validated at once when a long file turns out to be a mess


def explained_mess(source: Source, data: Any, model: type[BaseModel]) -> list[Diagnostic] | None:
    """For a long `documents` list whose first MAX_PER_FILE documents already hold
    MAX_PER_FILE problems: those, and the count of the rest, found chunk by chunk.
    Validating 100,000 broken documents at once held 520,000 errors (140 MB) in
    memory. None for any other file: it is validated whole."""
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, list) or len(documents) <= 2 * CHUNK:
        return None
    try:
        model.model_validate({**data, "documents": documents[:MAX_PER_FILE]})
        return None
    except ValidationError as exc:
        if exc.error_count() < MAX_PER_FILE:
            return None
        found = explain(exc, source, model, limit=MAX_PER_FILE)
        more = exc.error_count() - len(found)
    annotation = model.model_fields["documents"].annotation
    assert annotation is not None  # the models that have documents type them
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    for start in range(MAX_PER_FILE, len(documents), CHUNK):
        try:
            adapter.validate_python(documents[start : start + CHUNK])
        except ValidationError as chunk:
            more += chunk.error_count()
    last = source.text.count("\n") + 1
    return [*found, Diagnostic(source.rel, last, 1, Severity.ERROR, _MORE, str(more))]


def _head(data: Any, n: int) -> Any:
    """`data` with every list and mapping cut to its first `n` items."""
    if isinstance(data, dict):
        return {k: _head(v, n) for k, v in itertools.islice(data.items(), n)}
    if isinstance(data, list):
        return [_head(v, n) for v in data[:n]]
    return data


def cap_per_file(diags: list[Diagnostic]) -> list[Diagnostic]:
    """The first MAX_PER_FILE problems of each file, then one that counts the rest
    (the list is sorted: the rest are further down the file)."""
    kept: list[Diagnostic] = []
    shown: dict[str, int] = {}
    hidden: dict[str, list[Diagnostic]] = {}
    for diag in diags:
        if diag.code != _MORE and shown.get(diag.path, 0) < MAX_PER_FILE:
            shown[diag.path] = shown.get(diag.path, 0) + 1
            kept.append(diag)
        else:
            hidden.setdefault(diag.path, []).append(diag)
    for path, rest in hidden.items():
        count = sum(int(d.message) if d.code == _MORE else 1 for d in rest)
        kept.append(
            Diagnostic(
                path,
                max(d.line for d in rest),
                1,
                Severity.ERROR if any(d.is_error for d in rest) else Severity.WARNING,
                _MORE,
                _("and {count:,} more problem(s) in this file, not shown").format(count=count),
                _("correct those shown and run validate again"),
            )
        )
    kept.sort(key=Diagnostic.sort_key)
    return kept
