"""Working days: a due date on a weekend or a Vietnamese public holiday moves on.

The `holidays` package knows Vietnam's lunar holidays and observed days. Its
calendar for a year is built once, when first asked for (building it costs
about 0.1 s, which `cv651 --help` should not pay). Make-up working Saturdays
are not modelled.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache


@cache
def _holidays(year: int) -> dict[date, str]:
    import holidays  # ~60 ms to import: paid only when a due date is computed

    return dict(holidays.country_holidays("VN", years=year, language="vi").items())


def holiday_name(day: date) -> str | None:
    return _holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
