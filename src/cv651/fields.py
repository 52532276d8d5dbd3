"""Field types that parse what clerks type, with hints when it is not quite right.

Each is validated inside pydantic-core (no Python call per value: issue 17) and
fails as one error of type "cv651-NAME"; `explain` then asks the parser here,
which raises a PydanticCustomError of type "cv651" whose context carries a
stable code, a message and an optional hint, and turns it into a Diagnostic.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from pydantic import Field, GetPydanticSchema, WithJsonSchema
from pydantic_core import CoreSchema, PydanticCustomError
from pydantic_core import core_schema as cs

from cv651.i18n import _
from cv651.text import fold, shorten

_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_LOOSE_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_LOOSE_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
# How a Party document writes its date: "ngày 14 tháng 6 năm 2022" (folded).
_WORDS_DMY = re.compile(r"^(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s+nam\s+(\d{4})$")
_CODE = re.compile(r"^\d{2,5}$")
_PERIOD = re.compile(r"^\d{4}(?:H[12])?$")
_PERIOD_LOOSE = re.compile(
    r"^(?:(?P<h1>H[12])\W*(?P<y1>\d{4})|(?P<y2>\d{4})\W*(?P<h2>H[12]))$", re.I
)


def problem(code: str, message: str, hint: str | None = None) -> PydanticCustomError:
    return PydanticCustomError(
        "cv651", "{message}", {"code": code, "message": message, "hint": hint}
    )


def describe(value: Any) -> str:
    """A value as a clerk would recognise it in a message."""
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{shorten(str(value))}'"


def parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise problem(
            "bad-date",
            _("expected a date written YYYY-MM-DD, got {describe}").format(
                describe=describe(value)
            ),
        )
    text = value.strip()
    if match := _ISO_DATE.match(text):
        return _real_date(text, *map(int, match.groups()))
    guess = None
    if match := _LOOSE_YMD.match(text):
        guess = tuple(map(int, match.groups()))
    elif match := _LOOSE_DMY.match(text) or _WORDS_DMY.match(fold(text)):
        d, m, y = map(int, match.groups())  # Vietnamese order: day/month/year
        guess = (y, m, d)
    hint = None
    if guess is not None:
        y, m, d = guess
        hint = _("did you mean {y:04d}-{m:02d}-{d:02d}?").format(y=y, m=m, d=d)
    raise problem(
        "bad-date", _("dates are written YYYY-MM-DD; got '{text}'").format(text=text), hint
    )


def _real_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise problem(
            "bad-date", _("no such day: '{text}' ({exc})").format(text=text, exc=exc)
        ) from None


def is_code(value: str) -> bool:
    return _CODE.fullmatch(value) is not None


def parse_code(value: Any) -> str:
    if isinstance(value, str) and _CODE.fullmatch(value):
        return value
    hint = None
    if isinstance(value, str) and value.isdigit() and len(value) == 1:
        hint = _('did you mean "0{value}"? codes keep their leading zero').format(value=value)
    raise problem(
        "bad-code",
        _("a unit code is 2 to 5 digits, got {describe}").format(describe=describe(value)),
        hint,
    )


def parse_period(value: Any) -> str:
    if isinstance(value, str) and _PERIOD.fullmatch(value):
        return value
    hint = None
    if isinstance(value, str) and (match := _PERIOD_LOOSE.match(value.strip())):
        year = match["y1"] or match["y2"]
        half = (match["h1"] or match["h2"]).upper()
        hint = _("did you mean {year}{half}?").format(year=year, half=half)
    raise problem(
        "bad-period",
        _("a period is a year (2022) or a half year (2022H1), got {describe}").format(
            describe=describe(value)
        ),
        hint,
    )


# A count of people, meetings or documents; past this a figure is a typing accident,
# and a 4,300-digit one could not even be printed by summarize (issue #12).
MAX_COUNT = 10**12 - 1


def parse_count(value: Any) -> int:
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, str) and text.isascii() and text.isdigit() and len(text) > 12:
        raise problem(
            "bad-number",
            _("a count of {digits:,} digits; the largest is {limit:,}").format(
                digits=len(text), limit=MAX_COUNT
            ),
        )
    if isinstance(text, str) and text.isascii() and text.isdigit():
        return int(text)
    if isinstance(text, int) and not isinstance(text, bool) and 0 <= text <= MAX_COUNT:
        return text
    hint = None
    if isinstance(text, str) and re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        hint = _("did you mean {sub}? write numbers without separators").format(
            sub=re.sub(r"[.,]", "", text)
        )
    elif isinstance(text, str) and re.fullmatch(r"-\d+", text):
        hint = _("a count cannot be negative")
    raise problem(
        "bad-number",
        _("expected a whole number of 0 or more, got {describe}").format(describe=describe(value)),
        hint,
    )


def _checked(name: str, fast: CoreSchema) -> GetPydanticSchema:
    """`fast` (pydantic-core alone) accepts what PARSERS[name] accepts; any error in
    it becomes one "cv651-NAME" error, which `explain` hands to the parser."""
    return GetPydanticSchema(
        lambda _type, _handler: cs.custom_error_schema(
            fast, f"cv651-{name}", custom_error_message=f"not a valid {name}"
        )
    )


PARSERS: dict[str, Callable[[Any], Any]] = {
    "date": parse_date,
    "code": parse_code,
    "period": parse_period,
    "count": parse_count,
}


def _text(pattern: str, *, strip: bool = False) -> CoreSchema:
    return cs.str_schema(pattern=pattern, strip_whitespace=strip, strict=True)


def _from_text_or(text: CoreSchema, python: CoreSchema) -> CoreSchema:
    """Text from a data file first; values made in Python code (strict) second."""
    return cs.union_schema([text, python], mode="left_to_right")


# WithJsonSchema says the same for editors (cv651.schema). A year is also
# accepted unquoted, as other YAML readers see it.
Day = Annotated[
    date,
    _checked(
        "date",
        _from_text_or(
            cs.chain_schema([_text(_ISO_DATE.pattern, strip=True), cs.date_schema()]),
            cs.date_schema(strict=True),
        ),
    ),
    WithJsonSchema({"type": "string", "format": "date"}),
]
# `province: 10` is the code "10" to cv651 and the number 10 to editors: both
# accept it. `province: 02` is the number 2 to editors; validate warns
# (unquoted-code), so `validate --strict` and the schema agree (issue #11).
Code = Annotated[
    str,
    _checked("code", _text(_CODE.pattern)),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": _CODE.pattern,
            "minimum": 10,
            "maximum": 99999,
        }
    ),
]
Period = Annotated[
    str,
    _checked("period", _text(_PERIOD.pattern)),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": _PERIOD.pattern,
            "minimum": 1000,
            "maximum": 9999,
        }
    ),
]
Count = Annotated[
    int,
    _checked(
        "count",
        _from_text_or(
            cs.chain_schema([_text("^[0-9]{1,12}$", strip=True), cs.int_schema()]),
            cs.int_schema(strict=True, ge=0, le=MAX_COUNT),
        ),
    ),
    WithJsonSchema({"type": "integer", "minimum": 0}),
]
Text = Annotated[str, Field(min_length=1)]
