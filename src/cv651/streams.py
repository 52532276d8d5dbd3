"""Standard output and error in any encoding: never a crash over a Vietnamese letter.

A Vietnamese Windows writes redirected output in cp1258, a Linux box may run a
Latin-1 locale; either made `cv651 status > x.txt` (even `--help`) die on the
first letter the encoding lacks (issue #11). Set up once, before anything is
printed, with the standard library only (`cv651 --help` stays fast):

- output to a file or a pipe, with no encoding asked for (PYTHONIOENCODING),
  is written in UTF-8, which every tool a clerk uses reads;
- otherwise (a terminal, or an encoding the user chose) the stream keeps its
  encoding, and a letter it lacks is written as near as it can be: the letter
  and its marks apart (cp1258 has `ê` and the combining dot below, not `ệ`),
  else without the marks it cannot show, else `?`; the first time, one line
  on stderr says so and how to get everything.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import sys
import unicodedata
from collections.abc import Mapping
from typing import TextIO

SAMPLE = "Tỉnh ủy Đắk Lắk, ngày 14 tháng 6"  # letters every Vietnamese text needs
NOTE = (
    "cv651: note: the output encoding ({encoding}) lacks some Vietnamese letters; they are "
    "written as near as it allows (decomposed, or without some marks). For the full text: "
    "PYTHONIOENCODING=utf-8 (on Windows also `chcp 65001`)\n"
)

_noted: set[str] = set()


def configure(env: Mapping[str, str], streams: tuple[TextIO, ...] | None = None) -> None:
    """Set up stdout and stderr (or `streams`) as the module docstring says."""
    for stream in streams if streams is not None else (sys.stdout, sys.stderr):
        _configure(stream, asked=bool(env.get("PYTHONIOENCODING")))


def _configure(stream: TextIO, *, asked: bool) -> None:
    if not isinstance(stream, io.TextIOWrapper) or _can_write(stream.encoding, SAMPLE):
        return
    redirected = not _is_terminal(stream)
    if redirected and not asked:
        stream.reconfigure(encoding="utf-8", errors="strict")
    else:
        stream.reconfigure(errors=_handler(stream.encoding))


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False


def _can_write(encoding: str | None, text: str) -> bool:
    try:
        text.encode(encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


# The table's symbols and rules, in letters any encoding has.
_PLAIN = {"─": "-", "✔": "v", "✘": "x", "◐": "~", "⊘": "!", "⚠": "!", "…": "...", "—": "-"}


def nearest(char: str, encoding: str) -> str:
    """`char` as near as `encoding` can write it: whole, decomposed, with as many of
    its marks as it can keep (cp1258: `ự` is `ư` and a combining dot), bare, or `?`."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[:1], decomposed[1:]
    candidates = [char, decomposed]
    for i, mark in enumerate(marks):
        composed = unicodedata.normalize("NFC", base + mark)
        candidates += [composed + marks[:i] + marks[i + 1 :], composed]
    candidates += [base, base.replace("đ", "d").replace("Đ", "D"), _PLAIN.get(char, "?")]
    return next((c for c in candidates if c and _can_write(encoding, c)), "?")


def _handler(encoding: str) -> str:
    """An error handler for one encoding: the codec's own name ('charmap' for cp1258)
    cannot say which letters the stream can write."""
    name = f"cv651-nearest-{encoding}"

    def handle(exc: UnicodeError) -> tuple[str, int]:
        if not isinstance(exc, UnicodeEncodeError):
            raise exc
        text = "".join(nearest(ch, encoding) for ch in exc.object[exc.start : exc.end])
        if encoding not in _noted:
            _noted.add(encoding)
            _note(encoding)
        return text, exc.end

    codecs.register_error(name, handle)
    return name


def _note(encoding: str) -> None:
    """Once per encoding, on stderr; ASCII, so any encoding can write it."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(NOTE.format(encoding=encoding))
