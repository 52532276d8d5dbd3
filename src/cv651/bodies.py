"""Naming a plan's bodies from the way documents write them.

`Ban Dân vận Trung ương`, `Ban Dân vận TW`, `BDVTW` -> BDVTW; `Thường trực Tỉnh ủy`
-> TU; `BCS đảng UBND tỉnh` -> BCSĐ-UBND. The names come from the plan's `bodies`
(nothing here knows a body); what is here is how Vietnamese writes any name:
common abbreviations, `tỉnh ủy`/`thành ủy` as one, `ban cán sự đảng X`, and a body
written by its key or by its initials in capitals (`UBDT`, `BTGDVTW`: TW for Trung
ương). `cv651 ingest` reads headers with it; the synthesis report groups the
provinces' recommendations by the body they address.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from cv651.docnumbers import ISSUER, TYPE
from cv651.text import fold, strip_marks

# Abbreviations any Vietnamese name may use, written out, on folded text (lower-case
# ASCII words). A plan's own abbreviations (BDVTW, UBDT) come from its `bodies`.
_EXPANSIONS = [
    (re.compile(r"\bubnd\b"), "uy ban nhan dan"),
    (re.compile(r"\bbcsd\b|\bbcs dang\b|\bbcs\b"), "ban can su"),
    (re.compile(r"\bban can su dang\b"), "ban can su"),
    (re.compile(r"\btw\b"), "trung uong"),
    (re.compile(r"\bthanh uy\b"), "tinh uy"),
]
_CAPITALS = re.compile(r"\b[^\W\d_]{3,}\b")  # a word that may be a body's abbreviation
# `40-KH/BDVTW-BCSĐUBDT`, `40 - KH / BDVTW`, a draft's `-BC/BDVTW`: digits or a `-` glued to
# the type, issuers joined without spaces (` - Ban …` after a number is a new phrase)
_PARTY_NUMBER = re.compile(rf"(?:(?<!\d)\d+\s*-\s*|(?<![\w-])-){TYPE}\s*/\s*{ISSUER}(?:-{ISSUER})*")
_AFTER_BAN = re.compile(r"\b(Ban\s+|BAN\s+)([^\W\d_]{3,})\b")
_SMALL_WORDS = {"va"}  # left out of initials: Ban Tuyên giáo và Dân vận TW -> BTGDVTW
_PLACE_WORDS = re.compile(r"(?:\s+(?:tinh|thanh pho|tp))+$")
# A phrase preceded by another organ's words names that organ, not the body:
# `Ban Tuyên giáo Tỉnh ủy` is not the Tỉnh ủy; `Ban Thường vụ Tỉnh ủy` is.
_OTHER_ORGAN = re.compile(r"(?:\bban(?! thuong vu)(?: \w+){0,2}|\bvan phong|\bdang uy) $")


def normalize(text: str) -> str:
    words = fold(text)
    for pattern, replacement in _EXPANSIONS:
        words = pattern.sub(replacement, words)
    return words


def initials(name: str) -> str:
    """'Ban Tuyên giáo và Dân vận Trung ương' -> 'BTGDVTW': a name as it is shortened."""
    words = _PLACE_WORDS.sub("", fold(name)).replace("trung uong", "tw").split()
    return "".join(w if w == "tw" else w[0] for w in words if w not in _SMALL_WORDS).upper()


def abbreviation(text: str) -> str:
    """'BCSĐ-UBND' -> 'BCSDUBND': how a body is written inside a document number."""
    return re.sub(r"[^0-9A-Z]", "", strip_marks(text).upper())


@dataclass(frozen=True)
class BodyMatcher:
    phrases: tuple[tuple[str, str], ...]  # (normalized phrase, key), longest first
    abbreviations: Mapping[str, str]  # abbreviation -> key
    written: Mapping[str, str]  # a word in capitals (key or initials) -> the words it stands for
    after_ban: Mapping[str, str]  # `Ban DVTW`: a board's field by its initials -> the field

    @classmethod
    def of(cls, bodies: Mapping[str, str]) -> BodyMatcher:
        phrases: dict[str, str] = {}
        abbreviations: dict[str, str] = {}
        written: dict[str, str] = {}
        after_ban: dict[str, str] = {}
        for key, name in bodies.items():
            first = name.split(",")[0]
            for short in (abbreviation(key), initials(first)):
                if len(short) >= 3:  # TU is also `từ` in capitals
                    # `UBDT` is the committee, so `BCSĐ UBDT` reads as its party cadres
                    written.setdefault(short, _without_cadres(first))
            head, _, rest = first.partition(" ")
            if fold(head) == "ban" and len(initials(rest)) >= 3:
                after_ban.setdefault(initials(rest), rest)
            full = _PLACE_WORDS.sub("", normalize(first))
            phrases.setdefault(full, key)
            if full.startswith("ban can su "):  # a committee's party cadres, by the committee
                phrases.setdefault(full.removeprefix("ban can su "), key)
            abbreviations[abbreviation(key)] = key
            abbreviations.setdefault("BCSD" + abbreviation(key), key)
        ordered = sorted(phrases.items(), key=lambda item: -len(item[0]))
        return cls(tuple(ordered), abbreviations, written, after_ban)

    def from_number(self, part: str) -> str | None:
        """The body an issuer abbreviation of a number names: BCSĐUBDT -> UBDT."""
        return self.abbreviations.get(abbreviation(part))

    def in_text(self, text: str) -> list[str]:
        """The bodies a line names, in order: longest names first, none counted twice."""
        words = f" {normalize(self._spelled_out(text))} "
        found: list[tuple[int, str]] = []
        for phrase, key in self.phrases:
            start = 0
            while (at := words.find(f" {phrase} ", start)) >= 0:
                start = at + 1
                if _OTHER_ORGAN.search(words[: at + 1]):
                    continue
                found.append((at, key))
                words = words[: at + 1] + "#" * len(phrase) + words[at + 1 + len(phrase) :]
        return list(dict.fromkeys(key for _, key in sorted(found)))

    def _spelled_out(self, text: str) -> str:
        """Each body written in capitals (`UBDT`, `Ban DVTW`) replaced by its words."""

        def field(match: re.Match[str]) -> str:
            words = self.after_ban.get(abbreviation(match[2])) if _abbreviated(match[2]) else None
            return f"{match[1]}{words}" if words else match[0]

        def body(match: re.Match[str]) -> str:
            word = match[0]
            return self.written.get(abbreviation(word), word) if _abbreviated(word) else word

        text = _PARTY_NUMBER.sub(" ", text)  # `Kế hoạch 40-KH/BDVTW-…` names no recipient
        return _CAPITALS.sub(body, _AFTER_BAN.sub(field, text))


def _abbreviated(word: str) -> bool:
    """Capitals with no mark but Đ's: `UBDT`, `BCSĐ`; never `CẦN`, a word in a heading."""
    return word.isupper() and strip_marks(word) == word.replace("Đ", "D")


def _without_cadres(name: str) -> str:
    """'Ban cán sự đảng Ủy ban Dân tộc' -> 'Ủy ban Dân tộc'; any other name as it is."""
    words = name.split()
    return " ".join(words[4:]) if fold(name).startswith("ban can su dang ") else name
