"""Numbers and dates the way Vietnamese documents write them."""

from __future__ import annotations

from datetime import date


def number(n: int) -> str:
    """7410 -> '7.410'."""
    return f"{n:,}".replace(",", ".")


def long_date(day: date) -> str:
    """'ngày 18 tháng 02 năm 2022': days 1-9 and months 1-2 take a leading zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""
