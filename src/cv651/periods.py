"""Report periods: '2022H1' (the first six months), '2022H2', '2022' (the whole year)."""

from __future__ import annotations

from datetime import date

from cv651.i18n import _


def bounds(period: str) -> tuple[date, date]:
    year = int(period[:4])
    if period.endswith("H1"):
        return date(year, 1, 1), date(year, 6, 30)
    if period.endswith("H2"):
        return date(year, 7, 1), date(year, 12, 31)
    return date(year, 1, 1), date(year, 12, 31)


def label(period: str) -> str:
    """In the words of a Party report: 'sơ kết 6 tháng đầu năm 2022', 'tổng kết năm 2022'."""
    year = period[:4]
    if period.endswith("H1"):
        return f"6 tháng đầu năm {year}"
    if period.endswith("H2"):
        return f"6 tháng cuối năm {year}"
    return f"năm {year}"


def spoken(period: str) -> str:
    """The period in words, in the language of the screen: '6 tháng đầu năm 2022',
    'the first half of 2022'. Codes like 2022H1 are for typing, not for reading."""
    year = period[:4]
    if period.endswith("H1"):
        return _("the first half of {year}").format(year=year)
    if period.endswith("H2"):
        return _("the second half of {year}").format(year=year)
    return _("the year {year}").format(year=year)


def review_word(period: str) -> str:
    return "tổng kết" if len(period) == 4 else "sơ kết"
