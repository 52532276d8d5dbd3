"""Naming a province the way people type it: by code, name or alias."""

from __future__ import annotations

from collections.abc import Sequence

from cv651.errors import UsageError
from cv651.models import Province
from cv651.text import closest, fold_place


def resolve_province(provinces: Sequence[Province], typed: str) -> Province:
    """The one province `typed` names, ignoring case, diacritics and tỉnh/thành phố/TP.

    Raises UsageError, with the closest names, when it names none or several.
    """
    wanted = typed.strip()
    by_code = {p.code: p for p in provinces}
    if wanted in by_code:
        return by_code[wanted]
    if wanted.isdigit() and wanted.zfill(2) in by_code:
        return by_code[wanted.zfill(2)]
    key = fold_place(wanted)
    matches = {p.code: p for p in provinces for s in (p.name, *p.aliases) if fold_place(s) == key}
    if len(matches) == 1:
        return next(iter(matches.values()))
    if matches:
        names = ", ".join(f"{p.name} ({p.code})" for p in matches.values())
        raise UsageError(f"'{typed}' names several provinces: {names}", hint="give the code")
    spellings = {s: p for p in provinces for s in (p.name, *p.aliases)}
    near = list(
        dict.fromkeys(spellings[s].name for s in closest(wanted, spellings, n=5, cutoff=0.5))
    )
    hint = f"did you mean {' or '.join(near[:3])}?" if near else "see `cv651 status` for the names"
    raise UsageError(f"no province is called '{typed}'", hint=hint)
