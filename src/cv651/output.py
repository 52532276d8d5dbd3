"""Writing output files atomically: a crash, Ctrl-C or a second writer never leaves half a file.

The bytes go to a temporary file beside the target, are flushed to disk, and
the temporary file is renamed over the target (an atomic step on POSIX and
Windows). Two runs writing the same file at once each rename a complete file:
the last one wins, and the file is always whole.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from cv651.errors import OutputError, RefusalError


def refuse_existing(path: Path | None, *, force: bool) -> None:
    """An existing output file is kept unless --force (checked again at writing)."""
    if path is not None and path.exists() and not force:
        raise RefusalError(f"{path} exists", hint="use --force to overwrite it")


def write_atomic(path: Path, data: bytes, *, force: bool) -> None:
    refuse_existing(path, force=force)
    folder = path.parent if str(path.parent) else Path(".")
    _make_folder(folder, path)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror}", hint="choose a folder you can write to"
        ) from None
    try:
        _give_normal_mode(fd, path)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException as exc:  # KeyboardInterrupt included: never leave the temporary file
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror}") from None
        raise


def _make_folder(folder: Path, path: Path) -> None:
    """A missing output folder is created, as `mkdir -p` would (issue #11: `-o out/x.docx`)."""
    if folder.is_dir():
        return
    if folder.exists():
        raise OutputError(f"cannot write {path}: {folder} is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: the folder {folder} does not exist and cannot be "
            f"created ({exc.strerror})"
        ) from None


def _give_normal_mode(fd: int, path: Path) -> None:
    """mkstemp makes 0600 files; the output gets what `open(path, "w")` would give:
    the existing file's mode when it is replaced, else 0666 less the umask."""
    if not hasattr(os, "fchmod"):  # Windows: no POSIX modes to keep
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    os.fchmod(fd, mode)


def _umask() -> int:
    current = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(current)
    return current
