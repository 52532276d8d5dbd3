"""The rules of data/calendar.yaml that its schema cannot see. Pure."""

from __future__ import annotations

from collections.abc import Iterator

from cv651.errors import Diagnostic
from cv651.i18n import _
from cv651.models import CalendarFile
from cv651.source import Source


def check_calendar(source: Source, data: CalendarFile) -> Iterator[Diagnostic]:
    """A day is listed once: not twice, and not both off and worked."""
    seen: dict[str, str] = {}
    for key in ("days_off", "working_days"):
        for i, day in enumerate(getattr(data, key)):
            where = f"{key}[{i}]"
            first = seen.setdefault(day.date.isoformat(), where)
            if first != where:
                yield source.diag(
                    (key, i, "date"),
                    "duplicate-day",
                    _("{day} is already listed as {first}").format(day=day.date, first=first),
                    _("a day is either off or worked, and listed once"),
                )
