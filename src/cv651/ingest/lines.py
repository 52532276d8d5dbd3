"""A document's text as clean lines: NFC, ordinary spaces, one line per paragraph or line break.

Word files and PDFs write the same letters many ways: decomposed Vietnamese
(NFD, from some Mac and PDF tools), non-breaking and thin spaces, zero-width
marks, soft hyphens. The parsers see one form only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def clean(text: str) -> str:
    """One line of text: NFC, invisible marks dropped, every run of spaces one space."""
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    return _SPACES.sub(" ", text).strip()


def split(texts: Iterable[str]) -> list[str]:
    """Every non-empty line of `texts` (paragraphs, cells, pages), cleaned."""
    out = []
    for text in texts:
        for line in text.replace("\r", "\n").replace("\v", "\n").split("\n"):
            cleaned = clean(line)
            if cleaned:
                out.append(cleaned)
    return out
