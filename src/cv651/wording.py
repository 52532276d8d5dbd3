"""How Party documents name units and bodies, and join a few words: pure text helpers.

The names come from the data (provinces' `kind`, the plan's `bodies`); what is
fixed here is only the grammar of a Party office's Vietnamese, so a plan of
another year, with other bodies, comes out in its own names.
"""

from __future__ import annotations

from collections.abc import Sequence

from cv651.i18n import both, vietnamese
from cv651.models import Province


def unit_name(province: Province) -> str:
    """'TP. Hồ Chí Minh' for a city (thành phố trực thuộc Trung ương), 'Hà Giang' for a province."""
    return f"TP. {province.name}" if province.kind == "city" else province.name


def and_list(words: Sequence[str]) -> str:
    """'a', 'a và b', 'a, b và c': Vietnamese, whatever the screen's language."""
    return both(words, vietnamese)


def _forms(body: str) -> tuple[str, str, str] | None:
    """'Ban Dân vận Tỉnh ủy, Thành ủy' -> ('Ban Dân vận ', 'Tỉnh ủy', 'Thành ủy'): a body named
    for provinces and cities at once, as plans name the provincial bodies; else None."""
    head, comma, city = body.rpartition(", ")
    words = head.split(" ")
    at = max((i for i, w in enumerate(words) if w.lower() == "tỉnh"), default=None)
    if not comma or at is None:
        return None
    prefix = "".join(f"{w} " for w in words[:at])
    return prefix, " ".join(words[at:]), city


def collective(body: str) -> str:
    """'Ban Dân vận Tỉnh ủy, Thành ủy' -> 'Ban Dân vận các tỉnh ủy, thành ủy'."""
    forms = _forms(body)
    if forms is None:
        return body
    prefix, province, city = forms
    return f"{prefix}các {province.lower()}, {city.lower()}"


def of_unit(body: str, province: Province) -> str:
    """'Ban Dân vận Tỉnh ủy, Thành ủy' -> 'Ban Dân vận Thành ủy Hà Nội' for the city of Hà Nội."""
    forms = _forms(body)
    if forms is None:
        return f"{body} {province.name}"
    prefix, province_word, city_word = forms
    return f"{prefix}{city_word if province.kind == 'city' else province_word} {province.name}"


def head_of(capacity: str) -> str | None:
    """'K/T TRƯỞNG BAN' -> 'Đ/c Trưởng Ban (để B/c)': a deputy signing reports to the head."""
    if not capacity.upper().startswith("K/T "):
        return None
    return f"Đ/c {capacity[4:].strip().title()} (để B/c)"
