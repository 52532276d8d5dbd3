"""The user's own `git`, run as a command (as pre-commit does): no git library to install.

The one module that runs git. Every failure the user can cause (no git, not a
repository, a revision that is not there, a shallow clone) is a UsageError of
one line; paths are relative to the data repository, which may be a folder
inside a larger work tree.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cv651.errors import UsageError
from cv651.i18n import N_, _

# Plain C-locale output and no prompts; no optional lock on the index, so a
# read-only check never races an editor's `git add`.
_ENV = {"LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
_SHALLOW_HINT = N_(
    "this clone is shallow: fetch the history (actions/checkout with fetch-depth: 0; "
    "GitLab: GIT_DEPTH: 0)"
)
_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)


class _GitFailed(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Base:
    """Where a change starts: the commit the working tree is compared with."""

    root: Path  # the data repository
    prefix: str  # the data repository's folder inside the work tree: '' or 'sub/'
    ref: str  # as the user gave it
    commit: str  # the merge base of `ref` and HEAD


@dataclass(frozen=True, slots=True)
class Change:
    """A file changed since the base: A(dded), M(odified), D(eleted) or R(enamed)."""

    status: str
    old: str | None  # the path at the base; None when added
    new: str | None  # the path now; None when deleted


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            check=False,
            env={**os.environ, **_ENV},
        )
    except FileNotFoundError:
        raise UsageError(
            _("--base needs git, and no `git` command was found"), hint=_("install git")
        ) from None
    if done.returncode != 0:
        first = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitFailed(first[0] if first else f"git {args[0]} failed")
    return done.stdout


def open_base(root: Path, ref: str) -> Base:
    """The commit to compare with: where the working tree's branch left `ref`."""
    if not ref or ref.startswith("-"):
        raise UsageError(
            _("--base: '{ref}' is not a git revision").format(ref=ref),
            hint=_("e.g. --base main"),
        )
    try:
        prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    except _GitFailed:
        raise UsageError(
            _("--base: {path} is not inside a git repository").format(path=root),
            hint=_("run it in a clone of the data repository"),
        ) from None
    shallow = _git(root, "rev-parse", "--is-shallow-repository").strip() == b"true"
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except _GitFailed:
        raise UsageError(
            _("--base: no revision '{ref}' in this repository").format(ref=ref),
            hint=_(_SHALLOW_HINT)
            if shallow
            else _("name a branch, tag or commit, e.g. origin/main"),
        ) from None
    base = commit.decode().strip()
    try:
        _git(root, "rev-parse", "--verify", "--quiet", "HEAD")
    except _GitFailed:  # no commit yet: everything is compared with `ref` itself
        return Base(root, prefix, ref, base)
    try:
        merge_base = _git(root, "merge-base", base, "HEAD").decode().strip()
    except _GitFailed:
        raise UsageError(
            _("--base: '{ref}' and the current commit share no history here").format(ref=ref),
            hint=_(_SHALLOW_HINT) if shallow else _("is it a revision of this repository?"),
        ) from None
    return Base(root, prefix, ref, merge_base)


def changes(base: Base) -> list[Change]:
    """Every file of the data repository that differs from the base, untracked ones too."""
    out = _run(
        base, "diff", "--no-ext-diff", "--no-color", "--name-status", "-z", "-M", "--relative"
    )
    found = []
    tokens = iter(out.split(b"\0"))
    for token in tokens:
        if not token:
            continue
        status = token.decode()[0]
        if status in "RC":
            old, new = os.fsdecode(next(tokens)), os.fsdecode(next(tokens))
            found.append(Change("R", old, new) if status == "R" else Change("A", None, new))
        else:
            path = os.fsdecode(next(tokens))
            kind = status if status in "AD" else "M"
            found.append(Change(kind, None if kind == "A" else path, None if kind == "D" else path))
    untracked = _git(base.root, "ls-files", "-z", "--others", "--exclude-standard")
    found += [Change("A", None, os.fsdecode(p)) for p in untracked.split(b"\0") if p]
    return found


def _run(base: Base, command: str, *args: str, paths: tuple[str, ...] = (".",)) -> bytes:
    try:
        return _git(base.root, command, *args, base.commit, "--", *paths)
    except _GitFailed as exc:
        raise UsageError(
            _("--base: git {command} failed: {error}").format(command=command, error=exc)
        ) from None


def read_at_base(base: Base, paths: list[str]) -> dict[str, bytes]:
    """The content at the base of each path (relative to the data repository)."""
    if not paths:
        return {}
    request = "".join(f"{base.commit}:{base.prefix}{p}\n" for p in paths).encode()
    try:
        out = _git(base.root, "cat-file", "--batch", stdin=request)
    except _GitFailed as exc:
        raise UsageError(
            _("--base: git {command} failed: {error}").format(command="cat-file", error=exc)
        ) from None
    found, at = {}, 0
    for path in paths:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3:
            size = int(header[2])
            found[path] = out[at : at + size]
            at += size + 1
    return found


def first_changed_lines(base: Base, paths: list[str]) -> dict[str, int]:
    """For each of these files, the first line that differs from the base, where
    a CI annotation goes. A binary file has none."""
    if not paths:
        return {}
    # Explicit prefixes and no colour, whatever the user's diff.noprefix or color.diff.
    options = ("--no-ext-diff", "--no-textconv", "--no-color", "--src-prefix=a/", "--dst-prefix=b/")
    out = _run(base, "diff", *options, "-U0", "--relative", "--no-renames", paths=tuple(paths))
    found: dict[str, int] = {}
    for section in out.split(b"\ndiff --git "):
        name = re.search(rb"^\+\+\+ b/(.*)$", section, re.M)
        hunk = _HUNK.search(section)
        if name and hunk:
            found[os.fsdecode(name.group(1))] = max(int(hunk.group(1)), 1)
    return found
