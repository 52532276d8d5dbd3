"""Numbers, dates and names the way Vietnamese Party documents write them (Hướng dẫn 36-HD/VPTW)."""

from __future__ import annotations

import re
from datetime import date


def number(n: int) -> str:
    """7410 -> '7.410'."""
    return f"{n:,}".replace(",", ".")


def _month(day: date) -> str:
    # HD 36: days 1-9 and months 1-2 take a leading zero; months 3-12 do not.
    return f"{day.month:02d}" if day.month <= 2 else str(day.month)


def long_date(day: date) -> str:
    """'ngày 18 tháng 02 năm 2022', the place-date line's form."""
    return f"ngày {day.day:02d} tháng {_month(day)} năm {day.year}"


def short_date(day: date | None) -> str:
    """'20/6/2022', '18/02/2022', '01/7/2022': running text and tables."""
    return f"{day.day:02d}/{_month(day)}/{day.year}" if day else ""


_STRAIGHT_PAIR = re.compile(r'"([^"\n]*)"')


def curly_quotes(text: str) -> str:
    """'Mô hình "Dân vận khéo"' -> 'Mô hình “Dân vận khéo”' (pairs only; a lone quote stays)."""
    return _STRAIGHT_PAIR.sub(r"“\1”", text)


def sentence(text: str, attribution: str) -> str:
    """'… cơ sở.' + 'Điện Biên' -> '… cơ sở (Điện Biên).': the source inside the sentence."""
    body = text.strip().rstrip(".;, ")
    return f"{body} ({attribution})."


def numeric_date(day: date) -> str:
    """'01/07/2025': dd/mm/yyyy, as messages and reasons quote a day (the design's examples)."""
    return day.strftime("%d/%m/%Y")
