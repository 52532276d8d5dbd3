"""Units over time: which unit holds a code on a given day, and why none does.

`data/provinces.yaml` may list one code several times, with spans
(`since`/`until`) that do not overlap (the design's "Units over time"). This
index answers the questions every command asks of that history. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from cv651.i18n import N_, _, both
from cv651.models import Province
from cv651.vnformat import short_date


@dataclass(frozen=True, slots=True)
class Absence:
    """Why no unit held a code on a day, said in any language (the screen's, or the
    JSON's Vietnamese): not yet formed; merged into another unit; no longer existing."""

    since: date | None = None  # the first day without it; None: not yet formed
    successor: str | None = None  # the code it merged into
    successor_name: str | None = None

    def said(self, translate: Callable[[str], str] = _) -> str:
        """'merged into Tây Ninh (code 80) on 01/7/2025', 'not yet formed'."""
        if self.since is None:
            return translate(N_("not yet formed"))
        day = short_date(self.since)
        if self.successor is None:
            return translate(N_("no longer in force since {short_date}")).format(short_date=day)
        successor = with_code(self.successor_name, self.successor, translate)
        return translate(N_("merged into {successor} on {short_date}")).format(
            successor=successor, short_date=day
        )


def with_code(name: str | None, code: str, translate: Callable[[str], str] = _) -> str:
    """'Tây Ninh (mã 80)': a unit in a sentence, never a bare code; the code alone when
    no name is known."""
    return translate(N_("{name} (code {code})")).format(name=name, code=code) if name else code


def _start(unit: Province) -> date:
    return unit.since or date.min


class Units:
    """Every entry of the provinces file, indexed by code, each code's entries by start."""

    def __init__(self, entries: Iterable[Province]) -> None:
        self.entries = tuple(entries)
        by_code: dict[str, list[Province]] = {}
        for unit in self.entries:
            by_code.setdefault(unit.code, []).append(unit)
        self._by_code = {code: tuple(sorted(v, key=_start)) for code, v in by_code.items()}
        self._successor: dict[str, Province] = {
            source: unit
            for unit in self.entries
            for source in unit.formed_from
            if unit.since is not None
        }

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code, in the order the file first lists it."""
        return tuple(self._by_code)

    def history(self, code: str) -> tuple[Province, ...]:
        """The entries of one code, earliest first; () for a code never used."""
        return self._by_code.get(code, ())

    def on(self, code: str, day: date) -> Province | None:
        """The unit that holds `code` on `day`, if any."""
        for unit in self._by_code.get(code, ()):  # a loop: asked once a row of a status
            if unit.in_force(day):
                return unit
        return None

    def in_force(self, day: date) -> list[Province]:
        """The units in force on `day`, in the file's order of codes."""
        return [u for code in self._by_code if (u := self.on(code, day)) is not None]

    def named(self, code: str, day: date) -> Province:
        """The unit to call `code` by on `day`: the one in force, else the last before, else
        the first after."""
        history = self.history(code)
        if not history:
            raise KeyError(code)
        before = [u for u in history if _start(u) <= day]
        return next((u for u in before if u.in_force(day)), before[-1] if before else history[0])

    def absence(self, code: str, day: date) -> Absence:
        """Why no unit holds `code` on `day`: not yet formed, merged into another, ended."""
        ended = [u for u in self.history(code) if u.until is not None and u.until < day]
        if not ended:
            return Absence()
        last = ended[-1]
        assert last.until is not None
        next_day = last.until + timedelta(days=1)
        code_after = last.merged_into or self._successor_code(code, next_day)
        if code_after is None:
            return Absence(next_day)
        return Absence(next_day, code_after, self._name(code_after, next_day))

    def _successor_code(self, code: str, day: date) -> str | None:
        unit = self._successor.get(code)
        return unit.code if unit is not None and unit.since == day else None

    def known_as(self, code: str, day: date | None) -> str:
        """'Tây Ninh (mã 80)': the unit a code names on `day`, for a sentence; the code
        alone when the file has no such code (or the day is not known)."""
        return with_code(self._name(code, day) if day else None, code)

    def _name(self, code: str, day: date) -> str | None:
        try:
            return self.named(code, day).name
        except KeyError:
            return None

    def era(self, unit: Province) -> str:
        """'since 01/7/2025', 'until 30/6/2025', '01/01/2025–30/6/2025' or ''."""
        if unit.since and unit.until:
            return f"{short_date(unit.since)}–{short_date(unit.until)}"
        if unit.since:
            return _("since {day}").format(day=short_date(unit.since))
        if unit.until:
            return _("until {day}").format(day=short_date(unit.until))
        return ""

    def story(self, code: str) -> list[str]:
        """A code's history for people, a line an era; none when it never changed.

        ['đến 30/6/2025: Long An',
         'từ 01/7/2025: Tây Ninh, thành lập trên cơ sở hợp nhất Tây Ninh (mã 72) và Long An
         (mã 80)'].
        """
        history = self.history(code)
        if len(history) < 2 and not (history and history[-1].until):
            return []
        lines = []
        for unit in history:
            line = unit.name
            if unit.formed_from and unit.formed_from != (code,):
                before = unit.since - timedelta(days=1) if unit.since else None
                names = both(self.known_as(c, before) for c in unit.formed_from)
                line = _("{name}, formed from {names}").format(name=line, names=names)
            if unit.merged_into:
                after = unit.until + timedelta(days=1) if unit.until else None
                successor = self.known_as(unit.merged_into, after)
                line = _("{name}, merged into {successor}").format(name=line, successor=successor)
            era = self.era(unit)
            lines.append(f"{era}: {line}" if era else line)
        return lines
