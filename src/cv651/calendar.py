"""Working days: a due date on a weekend or a Vietnamese public holiday moves on.

The `holidays` package knows Vietnam's lunar holidays and observed days. Its
answers for 2015-2045 are precomputed in cv651.holiday_table (importing the
package and building a year cost 0.18 s of every `cv651 status`); other years
are asked of the package itself, once per year. Make-up working Saturdays are
not modelled.
"""

from __future__ import annotations

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
