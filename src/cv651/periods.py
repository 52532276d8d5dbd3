"""Report periods: '2022H1' (the first six months), '2022H2', '2022' (the whole year)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from cv651.i18n import N_, _, vietnamese


def bounds(period: str) -> tuple[date, date]:
    year = int(period[:4])
    if period.endswith("H1"):
        return date(year, 1, 1), date(year, 6, 30)
    if period.endswith("H2"):
        return date(year, 7, 1), date(year, 12, 31)
    return date(year, 1, 1), date(year, 12, 31)


# Each kind of period in words (for sentences) and short (for a narrow column's head).
_SAID = {
    "H1": (N_("the first half of {year}"), N_("H1 {year}")),
    "H2": (N_("the second half of {year}"), N_("H2 {year}")),
    "": (N_("the year {year}"), N_("year {year}")),
}


def label(period: str) -> str:
    """In the words of a Party report, Vietnamese in every language: '6 tháng đầu năm
    2022', 'năm 2022' (after 'sơ kết' or 'tổng kết', review_word)."""
    return _said(period, vietnamese, short=False)


def spoken(period: str) -> str:
    """The period in words, in the language of the screen: '6 tháng đầu năm 2022',
    'the first half of 2022'. Codes like 2022H1 are for typing, not for reading."""
    return _said(period, _, short=False)


def heading(period: str) -> str:
    """The period at the head of a narrow column, in the language of the screen:
    '6 tháng 2022', '6 tháng cuối 2022', 'năm 2022' ('H1 2022', 'H2 2022', 'year 2022' in
    English). 'Báo cáo 6 tháng' is the first-half report in a Party office's words."""
    return _said(period, _, short=True)


def _said(period: str, translate: Callable[[str], str], *, short: bool) -> str:
    words, heads = _SAID.get(period[4:], _SAID[""])
    return translate(heads if short else words).format(year=period[:4])


def review_word(period: str) -> str:
    return "tổng kết" if len(period) == 4 else "sơ kết"
