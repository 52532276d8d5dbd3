"""Naming a province the way people type it: by code, name or alias, on a given day.

Names resolve among the units in force on that day (the design's "Units over
time"): 'Tây Ninh' is 72 in 2022 and 80 from 01/07/2025. A name that belonged
to another unit at another time is named in the note or the hint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from cv651.errors import UsageError
from cv651.i18n import _, either
from cv651.models import Province
from cv651.text import closest, fold_place
from cv651.units import Units
from cv651.vnformat import short_date


@dataclass(frozen=True, slots=True)
class Resolved:
    code: str
    note: str | None = None  # the same name at another time, when there is one


def resolve_province(units: Units, typed: str, on: date) -> Resolved:
    """The code `typed` names on `on`, ignoring case, diacritics and tỉnh/thành phố/TP.

    A code is a code at any time. Raises UsageError, with the closest names, when
    the name names no unit in force that day, or several.
    """
    wanted = typed.strip()
    for code in (wanted, wanted.zfill(2) if wanted.isdigit() else None):
        if code is not None and units.history(code):
            return Resolved(code)
    key = fold_place(wanted)
    named = [u for u in units.entries if key in {fold_place(s) for s in (u.name, *u.aliases)}]
    now = {u.code: u for u in named if u.in_force(on)}
    others = [u for u in named if u.code not in now]
    if len(now) == 1:
        (code,) = now
        return Resolved(code, _eras(units, others, now[code]) if others else None)
    if now:
        names = ", ".join(f"{u.name} ({u.code})" for u in now.values())
        raise UsageError(
            _("'{typed}' names several provinces: {names}").format(typed=typed, names=names),
            hint=_("give the code"),
        )
    if others:
        raise UsageError(
            _("no province is called '{typed}' on {short_date}").format(
                typed=typed, short_date=short_date(on)
            ),
            hint=_("{_eras}; give the code, or another --as-of").format(_eras=_eras(units, others)),
        )
    in_force = units.in_force(on)
    spellings = {s: p for p in in_force for s in (p.name, *p.aliases)}
    near = list(
        dict.fromkeys(spellings[s].name for s in closest(wanted, spellings, n=5, cutoff=0.5))
    )
    hint = (
        _("did you mean {items}?").format(items=either(near[:3], question=True))
        if near
        else _("see `cv651 status` for the names")
    )
    raise UsageError(_("no province is called '{typed}'").format(typed=typed), hint=hint)


def _eras(units: Units, others: list[Province], current: Province | None = None) -> str:
    """'Tây Ninh is 80 since 01/7/2025; Tây Ninh is 72 until 30/6/2025, then merged into
    Tây Ninh (code 80)'."""
    shown = ([current] if current is not None else []) + others
    return "; ".join(_era(units, u) for u in shown)


def _era(units: Units, unit: Province) -> str:
    said = _("{name} is {code} {era}").format(name=unit.name, code=unit.code, era=units.era(unit))
    if unit.merged_into and unit.until:
        successor = units.known_as(unit.merged_into, unit.until + timedelta(days=1))
        said = _("{said}, then merged into {successor}").format(
            said=said.rstrip(), successor=successor
        )
    return said.rstrip()
