"""The command line: parse options, call one core function per command, render.

`app` holds the options every command shares and the error boundary; each
command family registers itself from its own module, imported here.
"""

import errno
import io
import sys
from typing import Any

from cv651.cli import (  # noqa: F401  (they register commands)
    check,
    documents,
    ingest,
    record,
    review,
    setup,
    view,
)
from cv651.cli.app import app, discard_stdout
from cv651.errors import ExitCode
from cv651.i18n import _

__all__ = ["app", "run"]


def run() -> None:
    """Run the app as the `cv651` command (cv651.__main__ is the entry point)."""
    if sys.stdout is None:  # `cv651 status >&-`: output would vanish without a word
        sys.stdout = io.TextIOWrapper(_Closed(), encoding="utf-8", write_through=True)
    try:
        app(prog_name="cv651")
    except BrokenPipeError:  # `cv651 status | head`: the reader has all it wanted
        discard_stdout()
        raise SystemExit(ExitCode.OK) from None


class _Closed(io.RawIOBase):
    """Standard output when the shell closed it: writing is an error, said in one line."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.EBADF, _("standard output is closed; nothing was written"))
