"""`validate --base REF`: the change since REF, checked against the rules of the record.

Reads both versions of only the files that changed (git lists them), so the
check costs little beside a plain `validate`. The rules themselves are in
`history`; this module finds the files and pairs their versions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cv651 import gitcmd, history, loader
from cv651.checks import SubmissionInput
from cv651.errors import Diagnostic
from cv651.filenames import file_code, is_submission_file

_SHARED = re.compile(
    r"^(?:data/provinces\.yaml|data/calendar\.yaml|data/plan_[^/]+\.yaml|templates/.+)$"
)


def is_submission(path: str) -> bool:
    return is_submission_file(path)


def is_shared(path: str) -> bool:
    """The files every province relies on; the central board owns them."""
    return _SHARED.match(path) is not None


@dataclass
class _Versions:
    base: dict[str, SubmissionInput]  # by path at the base
    now: dict[str, SubmissionInput]  # by path now
    pairs: list[tuple[str, str]]  # (path at the base, path now)
    removed: list[str]  # paths at the base with no version now


def check_against_base(root: Path, ref: str, author: str | None = None) -> list[Diagnostic]:
    """Diagnostics for what the working tree changes since `ref` (its merge base with HEAD)."""
    base = gitcmd.open_base(root, ref)
    changes = gitcmd.changes(base)
    versions = _versions(root, base, changes)
    found: list[Diagnostic] = []
    for old, new in versions.pairs:
        now = versions.now[new]
        if now.submission is not None:  # a broken file has its own errors already
            found += history.compare_submission(versions.base[old], now, ref)
    for old in versions.removed:
        found += history.removed_file(versions.base[old], ref)
    shared = sorted({p for c in changes for p in (c.old, c.new) if p and is_shared(p)})
    present = [p for p in shared if (root / p).is_file()]
    found += history.shared_changes(shared, gitcmd.first_changed_lines(base, present))
    if author is not None:
        found += history.foreign_changes(_foreign(changes, versions, author), author)
    return found


def _versions(root: Path, base: gitcmd.Base, changes: list[gitcmd.Change]) -> _Versions:
    olds = [c.old for c in changes if c.old and is_submission(c.old)]
    news = [c.new for c in changes if c.new and is_submission(c.new)]
    blobs = gitcmd.read_at_base(base, olds)
    versions = _Versions({}, {}, [], [])
    for path, raw in blobs.items():
        if (parsed := loader.submission_from_bytes(path, raw)) is not None:
            versions.base[path] = parsed
    for path in news:
        if (parsed := loader.read_submission(root, path)) is not None:
            versions.now[path] = parsed
    unpaired_new = [p for p in news if p in versions.now]
    for change in changes:
        if change.old in versions.base and change.new in versions.now:
            versions.pairs.append((change.old, change.new))
            unpaired_new.remove(change.new)
        elif change.old in versions.base:
            versions.removed.append(change.old)
    # A file deleted and another added for the same province: a rename git did not see
    # (an untracked new name, or too many edits for its similarity score).
    for old in list(versions.removed):
        code = versions.base[old].province
        match = next((p for p in unpaired_new if versions.now[p].province == code), None)
        if match is not None:
            versions.removed.remove(old)
            unpaired_new.remove(match)
            versions.pairs.append((old, match))
    return versions


def _foreign(
    changes: list[gitcmd.Change], versions: _Versions, author: str
) -> list[tuple[str, str | None]]:
    """Each path the change touches outside the author's own file: (path, owner or None)."""
    own_attachments = {
        a
        for item in versions.now.values()
        if item.province == author
        for _, d in item.documents
        for a in d.attachments
    }
    foreign: dict[str, str | None] = {}
    for change in changes:
        for path in (change.old, change.new):
            if path is None or path in foreign or path in own_attachments:
                continue
            owner = _owner(path, versions)
            if owner != author:
                foreign[path] = owner
    return sorted(foreign.items())


def _owner(path: str, versions: _Versions) -> str | None:
    if not is_submission(path):
        return None
    item = versions.now.get(path) or versions.base.get(path)
    if item is not None and item.province is not None:
        return item.province
    return file_code(path)
