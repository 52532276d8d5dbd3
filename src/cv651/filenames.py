"""How submission files are named: `data/submissions/CODE-slug.yaml` (or `.yml`).

The one definition of which files are submissions and of the code a file name
carries; the loader, `validate --base`, `owners` and `show` all ask here. Pure.
"""

from __future__ import annotations

import re
from typing import NamedTuple

SUBMISSIONS = "data/submissions"
SUFFIXES = (".yaml", ".yml")

_NAME = re.compile(r"^(?P<code>[^-.]+)(?:-(?P<slug>.+))?\.(?P<ext>ya?ml)$")


class FileName(NamedTuple):
    code: str
    slug: str | None  # None for a bare `CODE.yaml`
    ext: str  # "yaml" or "yml"


def is_skipped(name: str) -> bool:
    """Files of the folder that are not read at all: dotfiles and READMEs."""
    return name.startswith(".") or name.lower().startswith("readme")


def is_submission_file(rel: str) -> bool:
    """A file the loader reads as a submission: directly in data/submissions/, not a
    dotfile or README, ending .yaml or .yml (`rel` is relative to the repository)."""
    folder, _, name = rel.rpartition("/")
    return folder == SUBMISSIONS and not is_skipped(name) and name.endswith(SUFFIXES)


def file_name(rel: str) -> FileName | None:
    """The parts of a submission file's name; None when it has no code part."""
    match = _NAME.match(rel.rpartition("/")[2])
    return None if match is None else FileName(match["code"], match["slug"], match["ext"])


def file_code(rel: str) -> str | None:
    """The code part of a submission file's name: "02" for data/submissions/02-ha-giang.yml."""
    parts = file_name(rel)
    return None if parts is None else parts.code
