"""The bytes of a data file, for the loader: inside the repository, a regular file,
bounded in size, decoded as UTF-8 with the encoding named when it is not.

Data repositories come from pull requests: a file that is a link to
/proc/self/environ, a FIFO, or 50 MB is refused before it is read (issue #12); a
folder's listing says what each name is, so a device or FIFO is not even opened.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable
from pathlib import Path

from cv651 import yamlio
from cv651.i18n import _
from cv651.paths import PathProblem, confined, confined_folder

# A province's file with 200 documents is ~130 kB. 1 MB holds ~9,000 short
# documents, checked in under a second; past it a file is refused unread
# (benchmarks/attacks.py measures this and the other attacks).
MAX_FILE_BYTES = 1024 * 1024


# Open the file itself, never a link in its place (the folder was checked); do not
# wait on a FIFO: fstat then tells a regular file from anything else.
_OPEN_FLAGS = getattr(os, "O_NOFOLLOW", 0) and (
    os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
)


def read_bounded(root: Path, rel: str) -> bytes:
    """The bytes of a regular file inside the repository, at most MAX_FILE_BYTES of them
    (a link out of the repository is never opened; a folder, a FIFO or a device is
    never read)."""
    raw = _read_direct(root, rel)
    if raw is not None:
        return raw
    try:
        path = confined(root, rel)
    except PathProblem as exc:
        raise yamlio.YamlProblem(
            1,
            1,
            "file-outside",
            _("not read: {why}").format(why=exc),
            _("data files must be inside the repository"),
        ) from None
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            what = (
                _("not read: it is a folder")
                if path.is_dir()
                else _("not read: not a regular file")
            )
            raise yamlio.YamlProblem(1, 1, "not-a-file", what)
        with path.open("rb") as handle:
            raw = _up_to_limit(handle.read, status.st_size)
    except OSError as exc:
        raise yamlio.YamlProblem(
            1, 1, "unreadable", _("cannot read the file: {strerror}").format(strerror=exc.strerror)
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(max(path.stat().st_size, len(raw)))
    return raw


def _read_direct(root: Path, rel: str) -> bytes | None:
    """The usual case, a regular file that is no link in a folder inside the repository:
    open, fstat, read, close (resolving and stat-ing each path through pathlib was
    three quarters of reading 3,321 small files; issue 17). None: anything else,
    which read_bounded's careful path then refuses with the reason, or reads."""
    folder, _sep, name = rel.rpartition("/")
    if not _OPEN_FLAGS or name in ("", ".", "..") or "\0" in rel or rel.startswith("/"):
        return None
    where = confined_folder(root, folder)
    if where is None:
        return None
    try:
        fd = os.open(os.path.join(where, name), _OPEN_FLAGS)
    except OSError:  # ELOOP, a link: the careful path follows it, or refuses it
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return None
        raw = _up_to_limit(functools.partial(os.read, fd), status.st_size)
        if len(raw) > MAX_FILE_BYTES:
            raise _too_large(max(status.st_size, len(raw)))
        return raw
    except OSError:
        return None
    finally:
        os.close(fd)


def _up_to_limit(read: Callable[[int], bytes], size: int) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes: one buffer of the file's size (a 1 MB one for
    each file was half the cost of reading 3,321 small files), then on, as far as the
    limit allows, if the file grew meanwhile."""
    limit = MAX_FILE_BYTES + 1
    parts, total, want = [], 0, min(size + 1, limit)
    while total < limit and (chunk := read(want)):
        parts.append(chunk)
        total += len(chunk)
        want = limit - total
    return b"".join(parts)


def _too_large(size: int) -> yamlio.YamlProblem:
    return yamlio.YamlProblem(
        1,
        1,
        "file-too-large",
        _(
            "the file is {value:.1f} MB; data files are limited to {value2} MB and are read "
            "no further"
        ).format(value=size / 1024 / 1024, value2=MAX_FILE_BYTES // (1024 * 1024)),
        _("a province's file is normally a few kilobytes: is this the right file?"),
    )


def decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16's
        raise yamlio.YamlProblem(1, 1, "encoding", _("the file is UTF-32"), _("save it as UTF-8"))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise yamlio.YamlProblem(1, 1, "encoding", _("the file is UTF-16"), _("save it as UTF-8"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start : exc.start + 1].hex()
        raise yamlio.YamlProblem(
            line,
            col,
            "encoding",
            _("not UTF-8: byte 0x{byte} cannot be read").format(byte=byte),
            _("save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8)"),
        ) from None


FOLDER, FILE, OTHER = "folder", "file", "other"


def listing(folder: Path) -> dict[str, str]:
    """Each name in `folder` and what it is: a folder (not a link to one), a file (or a
    link, which the reader follows or refuses), or other (a device, a FIFO, a socket).
    One directory read, without a Path and a stat for each of 3,321 files (issue 17):
    the kinds come with the names."""
    if not folder.is_dir():
        return {}
    with os.scandir(folder) as entries:
        return {entry.name: _kind(entry) for entry in entries}


def _kind(entry: os.DirEntry[str]) -> str:
    if entry.is_dir(follow_symlinks=False):
        return FOLDER
    if entry.is_file(follow_symlinks=False) or entry.is_symlink():
        return FILE
    return OTHER


def kind_of(path: Path) -> str | None:
    """What one name is, as `listing` says it (a link counts as a file); None if absent.
    An lstat: a device is never opened to be told apart."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    if stat.S_ISDIR(mode):
        return FOLDER
    return FILE if stat.S_ISREG(mode) or stat.S_ISLNK(mode) else OTHER
