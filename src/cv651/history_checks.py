"""The rules of a provinces file that holds history (the design's "Units over time").

Spans of one code do not overlap; a unit `formed_from` codes starts the day
after each of them ends; `merged_into` agrees with the successor. Pure.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from cv651.errors import Diagnostic
from cv651.i18n import _
from cv651.models import Province, ProvincesFile
from cv651.source import Source
from cv651.vnformat import short_date

_DAY = timedelta(days=1)


def spans_overlap(a: Province, b: Province) -> bool:
    return (a.since or date.min) <= (b.until or date.max) and (b.since or date.min) <= (
        a.until or date.max
    )


def check_history(source: Source, data: ProvincesFile) -> Iterator[Diagnostic]:
    by_code: dict[str, list[tuple[int, Province]]] = {}
    for i, unit in enumerate(data.provinces):
        yield from _check_span(source, i, unit)
        earlier = by_code.setdefault(unit.code, [])
        clash = next((j for j, other in earlier if spans_overlap(other, unit)), None)
        if clash is not None:
            yield _overlap(source, i, unit, clash, data.provinces[clash])
        earlier.append((i, unit))
    for i, unit in enumerate(data.provinces):
        yield from _check_formed_from(source, i, unit, by_code)
        yield from _check_merged_into(source, i, unit, by_code)


def _check_span(source: Source, i: int, unit: Province) -> Iterator[Diagnostic]:
    if unit.since and unit.until and unit.until < unit.since:
        yield source.diag(
            ("provinces", i, "until"),
            "bad-span",
            _("{name} ends ({until}) before it starts ({since})").format(
                name=unit.name, until=unit.until, since=unit.since
            ),
            _("check both dates"),
        )


def _overlap(source: Source, i: int, unit: Province, j: int, other: Province) -> Diagnostic:
    if not (unit.since or unit.until or other.since or other.until):
        return source.diag(
            ("provinces", i, "code"),
            "duplicate-code",
            _("code {code} is already used by provinces[{j}]").format(code=unit.code, j=j),
            _(
                "a code listed twice needs since/until on its entries, so that one unit holds it "
                "on any day"
            ),
        )
    return source.diag(
        ("provinces", i, "since" if unit.since else "code"),
        "overlapping-span",
        _("code {code} would be both {name} (provinces[{j}]) and {name2} on the same days").format(
            code=unit.code, name=other.name, j=j, name2=unit.name
        ),
        _("give the earlier entry an `until` the day before the later one's `since`"),
    )


def _check_formed_from(
    source: Source, i: int, unit: Province, by_code: dict[str, list[tuple[int, Province]]]
) -> Iterator[Diagnostic]:
    if not unit.formed_from:
        return
    if unit.since is None:
        yield source.diag(
            ("provinces", i, "formed_from"),
            "formed-without-since",
            _("{name} is formed from other units but has no `since`").format(name=unit.name),
            _("add since: the day the new unit starts"),
        )
        return
    eve = unit.since - _DAY
    for k, code in enumerate(unit.formed_from):
        if not any(p.until == eve for _, p in by_code.get(code, ())):
            yield source.diag(
                ("provinces", i, "formed_from", k),
                "formed-from-no-predecessor",
                _(
                    "{name} is formed from {code} on {short_date}, but no entry of code {code} "
                    "ends on {short_date2}"
                ).format(
                    name=unit.name,
                    code=code,
                    short_date=short_date(unit.since),
                    short_date2=short_date(eve),
                ),
                _("give the entry of {code} `until: {isoformat}`").format(
                    code=code, isoformat=eve.isoformat()
                )
                if code in by_code
                else _("no unit has the code {code}").format(code=code),
            )


def _check_merged_into(
    source: Source, i: int, unit: Province, by_code: dict[str, list[tuple[int, Province]]]
) -> Iterator[Diagnostic]:
    if unit.merged_into is None:
        return
    loc = ("provinces", i, "merged_into")
    if unit.until is None:
        yield source.diag(
            loc,
            "merged-without-until",
            _("{name} is merged into {merged_into} but has no `until`").format(
                name=unit.name, merged_into=unit.merged_into
            ),
            _("add until: the last day the unit is in force"),
        )
        return
    morrow = unit.until + _DAY
    successor = next((p for _, p in by_code.get(unit.merged_into, ()) if p.since == morrow), None)
    if successor is None or unit.code not in successor.formed_from:
        yield source.diag(
            loc,
            "merged-into-mismatch",
            _(
                "{name} is merged into {merged_into} on {short_date}, but no entry of "
                "{merged_into} starting that day lists {code} in formed_from"
            ).format(
                name=unit.name,
                merged_into=unit.merged_into,
                short_date=short_date(morrow),
                code=unit.code,
            ),
            _('add "{code}" to that entry\'s formed_from, or correct merged_into').format(
                code=unit.code
            ),
        )
