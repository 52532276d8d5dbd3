"""What a change may do to accepted records: pure rules over two versions of the files.

A document on the base is matched to its version now (see `match_documents`);
a recorded field that changed needs a new correction naming it, a document
that disappeared is an error (it is withdrawn, never deleted), and earlier
corrections and a withdrawal are never rewritten. Models in, diagnostics out.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Any

from cv651.checks import ERROR, WARNING, SubmissionInput
from cv651.errors import Diagnostic
from cv651.i18n import _, ngettext
from cv651.models import RECORDED_FIELDS, Document

Indexed = list[tuple[int, Document]]

# Identity passes, in order: a document is its number and date (Party numbers
# restart each year, so a number alone may repeat across years); a corrected
# date is followed by the number, a corrected number by kind and date; a
# document whose number and date were both corrected keeps its place in the list.
_KEYS: tuple[Callable[[Document], Hashable], ...] = (
    lambda d: (d.number, d.date),
    lambda d: d.number,
    lambda d: (d.kind, d.date),
)


def match_documents(base: Indexed, now: Indexed) -> tuple[list[tuple[int, int]], list[int]]:
    """Pairs (base index, index now), and the base indexes with no version now."""
    left, right = dict(base), dict(now)
    pairs: list[tuple[int, int]] = []
    for key in _KEYS:
        pairs += _pair_unique(left, right, key)
    for i in sorted(left):
        if i in right and _identity_corrected(right[i]):
            pairs.append((i, i))
            del left[i], right[i]
    return sorted(pairs), sorted(left)


def _pair_unique(
    left: dict[int, Document], right: dict[int, Document], key: Callable[[Document], Hashable]
) -> list[tuple[int, int]]:
    def unique(side: dict[int, Document]) -> dict[Hashable, int]:
        seen: dict[Hashable, list[int]] = {}
        for i, d in side.items():
            seen.setdefault(key(d), []).append(i)
        return {k: v[0] for k, v in seen.items() if len(v) == 1}

    ours, theirs = unique(left), unique(right)
    pairs = [(i, theirs[k]) for k, i in ours.items() if k in theirs]
    for i, j in pairs:
        del left[i], right[j]
    return pairs


def _identity_corrected(document: Document) -> bool:
    return any({"number", "date"} & set(c.fields) for c in document.corrections)


def compare_submission(base: SubmissionInput, now: SubmissionInput, ref: str) -> list[Diagnostic]:
    """Every change to `base`'s accepted content that `now` makes without saying so."""
    source = now.source
    found: list[Diagnostic] = []
    if base.province is not None and now.province != base.province:
        found.append(
            source.diag(
                ("province",),
                "province-changed",
                _("province changed from {old} to {new}; a file belongs to one province").format(
                    old=base.province, new=now.province
                ),
                _('put back province: "{code}"').format(code=base.province),
            )
        )
    if base.submission is not None and now.existing_programme != base.existing_programme:
        found.append(  # no correction can be attached to it; clause 2 hangs on it
            source.warn(
                ("existing_programme",),
                "programme-changed",
                _(
                    "existing_programme changed or removed: whether clause 2 applies "
                    "depends on it; the central board reviews this change"
                ),
            )
        )
    pairs, removed = match_documents(base.documents, now.documents)
    old, new = dict(base.documents), dict(now.documents)
    for i, j in pairs:
        found += _compare_document(old[i], new[j], j, now)
    for i in removed:
        d = old[i]
        found.append(
            source.diag(
                ("documents",),
                "document-removed",
                _(
                    "document {number} of {date} (documents[{index}] in {ref}) was removed; "
                    "an accepted document is withdrawn, never deleted"
                ).format(number=d.number, date=d.date, index=i, ref=ref),
                _("put it back and add withdrawn: {{date: YYYY-MM-DD, reason: …}}").format(),
                key=True,
            )
        )
    return found


def _compare_document(
    old: Document, new: Document, j: int, now: SubmissionInput
) -> Iterator[Diagnostic]:
    loc = ("documents", j)
    source = now.source
    rewritten = new.corrections[: len(old.corrections)] != old.corrections
    fresh = [c for c in new.corrections if c not in old.corrections]
    if rewritten:
        yield source.diag(
            (*loc, "corrections"),
            "correction-rewritten",
            _("an accepted correction was changed or removed; corrections are only added"),
            _("put the earlier corrections back as they were and add a new one below them"),
        )
    if old.withdrawn is not None and new.withdrawn != old.withdrawn:
        yield source.diag(
            (*loc, "withdrawn"),
            "withdrawal-rewritten",
            _("the withdrawal of {date} was changed or removed").format(date=old.withdrawn.date),
            _("a withdrawal is final; record the document again if it counts anew"),
        )
    named = {f for c in fresh for f in c.fields}
    for name in RECORDED_FIELDS:
        before, after = _value(old, name), _value(new, name)
        if before != after and name not in named:
            yield source.diag(
                (*loc, name),
                "uncorrected-change",
                _("{field} changed from {old} to {new} without a correction").format(
                    field=name, old=_show(before), new=_show(after)
                ),
                _(
                    "add to this document: corrections: "
                    "[{{date: YYYY-MM-DD, reason: …, fields: [{field}]}}]"
                ).format(field=name),
            )
    for name in sorted(named):
        if not rewritten and _value(old, name) == _value(new, name):
            yield source.warn(
                (*loc, "corrections"),
                "correction-unchanged",
                _("the new correction names {field}, which did not change").format(field=name),
            )


def _value(document: Document, name: str) -> Any:
    value = getattr(document, name)
    if name in ("issuers", "recipients"):  # an order is not a fact of the record
        return sorted(value)
    return value


def _show(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return _("nothing")
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    return str(value)


def removed_file(base: SubmissionInput, ref: str) -> list[Diagnostic]:
    """A submission file deleted outright: every accepted document in it disappeared."""
    if not base.documents:
        return []
    return [
        Diagnostic(
            base.source.rel,
            1,
            1,
            ERROR,
            "document-removed",
            ngettext(
                "the file was deleted with its {n} accepted document (in {ref}); "
                "accepted documents are withdrawn, never deleted",
                "the file was deleted with its {n} accepted documents (in {ref}); "
                "accepted documents are withdrawn, never deleted",
                len(base.documents),
            ).format(n=len(base.documents), ref=ref),
            _("restore the file and mark its documents withdrawn: {{date, reason}}").format(),
        )
    ]


def shared_changes(paths: Sequence[str], lines: dict[str, int]) -> list[Diagnostic]:
    """Changes to the files every province shares: for the central board to review."""
    return [
        Diagnostic(
            path,
            lines.get(path, 1),
            1,
            WARNING,
            "shared-file-changed",
            _("a shared file changed: the central board reviews this change"),
        )
        for path in paths
    ]


def foreign_changes(paths: Sequence[tuple[str, str | None]], author: str) -> list[Diagnostic]:
    """Files a province's change may not touch: (path, owning province or None if shared)."""
    return [
        Diagnostic(
            path,
            1,
            1,
            ERROR,
            "not-your-file",
            (
                _("this change by province {author} touches province {owner}'s file")
                if owner
                else _("this change by province {author} touches a shared file")
            ).format(author=author, owner=owner),
            _(
                "a province changes only its own data/submissions file; "
                "ask its owners (CODEOWNERS) to make this change"
            ),
        )
        for path, owner in paths
    ]
