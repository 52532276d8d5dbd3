"""Messages in the clerk's language: Vietnamese by default, English on request.

Every text a person reads is written in the code as an English msgid, `_("...")`
(or `ngettext(...)` when it counts), and looked up in the gettext catalog
`locale/vi/LC_MESSAGES/cv651.mo`; English is the msgid itself. The language is
`--lang` (cv651.cli sets it before any text is produced), else `$CV651_LANG`,
else Vietnamese (design.md, "Language"). What machines read (codes, JSON keys,
state names, exit codes) never goes through here.

Only the standard library's gettext, and the catalog is read at the first
lookup: `cv651 --help` must stay fast (benchmarks/run.py).
"""

from __future__ import annotations

import gettext as _gettext
import os
import string
from collections.abc import Callable, Iterable
from pathlib import Path

DOMAIN = "cv651"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
ENV_VAR = "CV651_LANG"

_chosen: str | None = None  # set by --lang; None = $CV651_LANG or the default
_catalogs: dict[str, _gettext.NullTranslations] = {}


def normalize(value: str | None) -> str | None:
    """'en', 'EN', 'en_US.UTF-8', 'vi-VN' -> 'en' / 'vi'; anything else -> None."""
    if not value:
        return None
    code = value.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return code if code in LANGUAGES else None


def set_language(lang: str | None) -> None:
    """Choose the language (`--lang`); None goes back to $CV651_LANG or the default."""
    global _chosen
    _chosen = normalize(lang)


def language() -> str:
    """The language texts come out in now: 'vi' or 'en'."""
    return _chosen or normalize(os.environ.get(ENV_VAR)) or DEFAULT_LANGUAGE


def _catalog(lang: str | None = None) -> _gettext.NullTranslations:
    lang = lang or language()
    catalog = _catalogs.get(lang)
    if catalog is None:
        if lang == "en":  # the msgids are the English texts
            catalog = _gettext.NullTranslations()
        else:
            catalog = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
        _catalogs[lang] = catalog
    return catalog


class _Vietnamese(string.Formatter):
    """`{n:,}` groups thousands with a dot in Vietnamese (1.000.000; the comma is
    the decimal mark there): a msgstr cannot change the format spec's comma."""

    def format_field(self, value: object, format_spec: str) -> str:
        text = format(value, format_spec)
        if "," in format_spec and isinstance(value, int | float):
            return text.translate(_SWAP)
        return text


_SWAP = str.maketrans(",.", ".,")
_VI = _Vietnamese()


class Message(str):
    """A translated text whose `.format` writes numbers the Vietnamese way."""

    __slots__ = ()

    def format(self, /, *args: object, **kwargs: object) -> str:
        return _VI.vformat(str(self), args, kwargs)


def _in_language(text: str) -> str:
    return Message(text) if language() == "vi" else text


def _(message: str) -> str:
    """The text of `message` (an English msgid) in the current language."""
    return _in_language(_catalog().gettext(message))


def ngettext(singular: str, plural: str, n: int) -> str:
    """`singular` or `plural` (English msgids) for `n`, in the current language."""
    return _in_language(_catalog().ngettext(singular, plural, n))


def pgettext(context: str, message: str) -> str:
    """`message` as said in `context` (a msgctxt), in the current language."""
    return _catalog().pgettext(context, message)


def either(items: Iterable[str], *, question: bool = False) -> str:
    """'A', 'A or B', 'A, B or C' in the current language: the one way to list choices.
    In a question ("did you mean A, B or C?") Vietnamese says "hay", elsewhere "hoặc"."""
    return _listed(items, lambda: pgettext("question", " or ") if question else _(" or "))


def both(items: Iterable[str], translate: Callable[[str], str] | None = None) -> str:
    """'A', 'A and B', 'A, B and C' in the current language (or `translate`'s: the
    printed documents' `vietnamese`): the one way to list all."""
    return _listed(items, lambda: (translate or _)(N_(" and ")))


def _listed(items: Iterable[str], last_word: Callable[[], str]) -> str:
    """'A', then 'A<word>B', then 'A, B<word>C': the word looked up only when needed."""
    words = list(items)
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + last_word() + words[-1]


def vietnamese(message: str) -> str:
    """`message` in Vietnamese whatever `--lang` says: for the printed Party documents,
    which are Vietnamese in every language (docs/glossary.md)."""
    return _catalog("vi").gettext(message)


def N_(message: str) -> str:
    """Mark `message` for extraction; it is translated later, where it is shown."""
    return message


gettext = _
