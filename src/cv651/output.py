"""Writing output files atomically: a crash or Ctrl-C never leaves half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from cv651.errors import RefusalError


def write_atomic(path: Path, data: bytes, *, force: bool) -> None:
    if path.exists() and not force:
        raise RefusalError(f"{path} exists", hint="use --force to overwrite it")
    folder = path.parent if str(path.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
