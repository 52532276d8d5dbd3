"""Working days: a due date on a weekend or a Vietnamese public holiday moves on.

The `holidays` package knows Vietnam's lunar holidays and observed days. Its
answers for 2015-2045 are precomputed in cv651.holiday_table (importing the
package and building a year cost 0.18 s of every `cv651 status`); other years
are asked of the package itself, once per year. What the Government announces
each year (days off, make-up working Saturdays) comes from data/calendar.yaml
and wins over the package: WorkingDays.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache

from cv651 import holiday_table


@cache
def _holidays(year: int) -> dict[date, str]:
    if holiday_table.FIRST <= year <= holiday_table.LAST:
        prefix = f"{year:04d}-"
        return {
            date.fromisoformat(day): name
            for day, name in holiday_table.HOLIDAYS.items()
            if day.startswith(prefix)
        }
    return computed_holidays(year)


def computed_holidays(year: int) -> dict[date, str]:
    """The `holidays` package's calendar for a year, not the table's."""
    import holidays  # ~60 ms to import, ~0.1 s to build a year

    return dict(holidays.country_holidays("VN", years=year, language="vi").items())


def holiday_name(day: date) -> str | None:
    return _holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


@cache
def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


class WorkingDays:
    """The package's calendar with the Government's announcements on top (data/calendar.yaml).

    `days_off` and `working` map a day to why it is off or worked (its name and
    source); they win over the package and over the weekend.
    """

    def __init__(
        self, days_off: Mapping[date, str] | None = None, working: Mapping[date, str] | None = None
    ) -> None:
        self.days_off = dict(days_off or {})
        self.working = dict(working or {})
        self._next: dict[date, date] = {}

    def is_working_day(self, day: date) -> bool:
        if day in self.working:
            return True
        return day not in self.days_off and is_working_day(day)

    def next_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, else the first working day after it."""
        if day not in self._next:
            found = day
            while not self.is_working_day(found):
                found += timedelta(days=1)
            self._next[day] = found
        return self._next[day]

    def why_moved(self, day: date) -> str | None:
        """Why a due date on `day` moves: each day off it crosses, by its name
        ('Chủ nhật', 'Tết Dương lịch', the announcement and its source); None if it stays."""
        reasons: list[str] = []
        while not self.is_working_day(day):
            reason = self.days_off.get(day) or holiday_name(day) or _WEEKDAYS[day.weekday()]
            if reason not in reasons:
                reasons.append(reason)
            day += timedelta(days=1)
        return "; ".join(reasons) or None
