"""CODEOWNERS: each province's file to its own team, everything else to the central board.

The format GitHub and GitLab both read (gitignore-like patterns, the last match
wins). With branch protection's "require review from code owners", a change to
a province's file needs that province's approval, and a change to a shared
file the central board's. Pure: provinces in, text out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cv651.errors import UsageError
from cv651.filenames import SUBMISSIONS, SUFFIXES
from cv651.i18n import _
from cv651.models import Province
from cv651.text import slugify

DEFAULT_PATTERN = "@ORG/team-{code}"
DEFAULT_CENTRAL = "@ORG/central"
_OWNER = re.compile(r"^(?:@[\w.-]+(?:/[\w.-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$")
_FIELDS = re.compile(r"\{(\w*)\}")


def render_codeowners(
    provinces: Sequence[Province],
    pattern: str = DEFAULT_PATTERN,
    central: str = DEFAULT_CENTRAL,
) -> str:
    """The CODEOWNERS text; `pattern` may use {code} and {slug} (the file-name slug)."""
    _check_owner(central, "--central")
    fields = set(_FIELDS.findall(pattern))
    if not fields or not fields <= {"code", "slug"}:
        raise UsageError(
            _(
                "--pattern must name each province's team with {{code}} or {{slug}}, "
                "got '{pattern}'"
            ).format(pattern=pattern),
            hint=_("e.g. --pattern '@ORG/team-{code}'"),
        )
    lines = [
        "# " + _("Who reviews changes to which file; written by `cv651 owners`."),
        "# " + _("Binding once branch protection requires review from code owners."),
        "# " + _("The last matching line wins: shared files first, then each province's file."),
        f"* {central}",
    ]
    seen: set[str] = set()
    for province in provinces:  # one code may have several entries over time
        if province.code in seen:
            continue
        seen.add(province.code)
        owner = pattern.replace("{code}", province.code).replace("{slug}", slugify(province.name))
        _check_owner(owner, "--pattern")
        lines += [f"/{SUBMISSIONS}/{province.code}-*{ext} {owner}" for ext in SUFFIXES]
    return "\n".join(lines) + "\n"


def _check_owner(owner: str, option: str) -> None:
    if not _OWNER.match(owner):
        raise UsageError(
            _("{option}: '{owner}' is not a user, team or e-mail address").format(
                option=option, owner=owner
            ),
            hint=_("owners are written @user, @org/team or name@example.org"),
        )
