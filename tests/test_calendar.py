"""The working-day calendar: the precomputed table is the `holidays` package's answer."""

from datetime import date

import pytest

from cv651 import calendar, holiday_table


@pytest.mark.parametrize("year", [holiday_table.FIRST, 2022, 2025, 2026, holiday_table.LAST])
def test_holiday_table_matches_the_installed_holidays_package(year):
    # Fails after a `holidays` upgrade that changed Vietnam's calendar:
    # run scripts/make_holiday_table.py.
    assert calendar._holidays(year) == calendar.computed_holidays(year)


def test_years_outside_the_table_still_have_their_holidays():
    year = holiday_table.LAST + 5
    assert calendar.holiday_name(date(year, 9, 2)) == "Quốc khánh"
    assert calendar.next_working_day(date(year, 1, 1)) > date(year, 1, 1)


@pytest.mark.parametrize(
    ("due", "effective"),
    [
        (date(2022, 6, 20), date(2022, 6, 20)),  # a Monday
        (date(2022, 4, 30), date(2022, 5, 4)),  # Victory Day, Labour Day, both observed
        (date(2023, 1, 21), date(2023, 1, 27)),  # Tết 2023: Saturday, then the holiday week
        (date(2022, 9, 2), date(2022, 9, 5)),  # National Day, then the weekend
    ],
)
def test_due_dates_move_past_weekends_and_holidays(due, effective):
    assert calendar.next_working_day(due) == effective
