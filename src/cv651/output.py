"""Writing output files atomically: a crash, Ctrl-C or a second writer never leaves half a file.

The bytes go to a temporary file beside the target, are flushed to disk, and
the temporary file is renamed over the target (an atomic step on POSIX and
Windows). Two runs writing the same file at once each rename a complete file:
the last one wins, and the file is always whole.
"""

from __future__ import annotations

import contextlib
import os
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
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror}", hint="choose a folder you can write to"
        ) from None
    try:
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
