"""Vietnamese text: folding for matching, slugs, and 'did you mean' suggestions."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from cv651.i18n import _

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Words that name the kind of unit rather than the unit; people add or drop them.
_UNIT_WORDS = re.compile(r"^(?:tinh|thanh pho|tp)\s+|\btp\b\s*")


def strip_marks(text: str) -> str:
    """Drop every diacritic: 'Đắk Lắk' -> 'Dak Lak'. Tone placement stops mattering."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFD", text).translate(_BARE)


class _Bare(dict[int, int | str | None]):
    """str.translate's table: every combining mark to nothing, đ and Đ to d and D;
    each other character is looked up once, when first met (a loop in Python over
    every letter was a tenth of checking 3,321 files; issue 17). Only the alphabets
    names are written in are kept: a file full of other characters cannot grow it."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        if code < _KEPT_BELOW:
            self[code] = kept
        return kept


_KEPT_BELOW = 0x3000  # Latin, Vietnamese, the combining marks, Greek, Cyrillic, …


_BARE = _Bare({ord("đ"): "d", ord("Đ"): "D"})


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces, for comparing names."""
    return _NON_ALNUM.sub(" ", strip_marks(text).lower()).strip()


def fold_place(text: str) -> str:
    """`fold`, also without the leading words tỉnh / thành phố / TP."""
    return _UNIT_WORDS.sub("", fold(text)).strip()


def slugify(text: str) -> str:
    """'Bà Rịa - Vũng Tàu' -> 'ba-ria-vung-tau' (the file-name part of a unit)."""
    return _NON_ALNUM.sub("-", strip_marks(text).lower()).strip("-")


def closest(word: str, choices: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The choices nearest to `word`, best first, compared after folding."""
    if len(word) > 200:  # no name is this long; comparing a 900,000-character one took seconds
        return []
    by_fold: dict[str, str] = {}
    for choice in choices:
        by_fold.setdefault(fold(choice), choice)
    hits = difflib.get_close_matches(fold(word), list(by_fold), n=n, cutoff=cutoff)
    return [by_fold[h] for h in hits]


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    hits = closest(word, choices, n=1)
    return _("did you mean '{hits}'?").format(hits=hits[0]) if hits else None


def visible(text: str) -> str:
    """Control and invisible characters written as escapes (`\\x1b`, `\\u200b`), so that
    text from a data file cannot drive a terminal, forge a line in a CI log, or hide
    a difference ("unknown body 'BDVTU'; did you mean 'BDVTU'?")."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def shorten(text: str, limit: int = 120) -> str:
    """A long value cut in the middle, saying how long it was."""
    if len(text) <= limit:
        return text
    head, tail = limit // 2, limit // 4
    return _("{text}…[{value:,} characters cut]…{text2}").format(
        text=text[:head], value=len(text) - head - tail, text2=text[-tail:]
    )
