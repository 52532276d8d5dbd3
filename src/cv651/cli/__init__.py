"""The command line: parse options, call one core function per command, render.

`app` holds the options every command shares and the error boundary; each
command family registers itself from its own module, imported here.
"""

import sys

from cv651.cli import check, documents, record, review, setup, view  # noqa: F401  (they register commands)
from cv651.cli.app import app
from cv651.errors import ExitCode

__all__ = ["app", "run"]


def run() -> None:
    """Run the app as the `cv651` command (cv651.__main__ is the entry point)."""
    try:
        app(prog_name="cv651")
    except BrokenPipeError:  # `cv651 status | head`
        sys.stderr.close()
        raise SystemExit(ExitCode.OK) from None
