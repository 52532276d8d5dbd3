"""The entry point of `cv651` and `python -m cv651`.

It imports the command line itself, so that Ctrl-C during start-up (importing
typer and friends takes a few hundred milliseconds) is one line and exit 130,
like Ctrl-C anywhere else, rather than a traceback.
"""

from __future__ import annotations

import os
import sys

INTERRUPTED = 130  # cv651.errors.ExitCode.INTERRUPTED, without importing anything


# pydantic looks for plugins among the entry points of every installed package the
# first time a model is built: 6 ms of every command that reads data (issue 17), for
# plugins (tracing, logging) that a command-line tool has no use for. Set
# PYDANTIC_DISABLE_PLUGINS= (empty) to let them load again.
PLUGINS = "PYDANTIC_DISABLE_PLUGINS"


def main() -> None:
    os.environ.setdefault(PLUGINS, "__all__")
    from cv651.streams import configure

    configure(os.environ)  # before anything is printed, --help included (issue #11)
    try:
        from cv651.cli import run

        run()
    except KeyboardInterrupt:
        from cv651.i18n import _  # the standard library's gettext only

        sys.stderr.write("cv651: " + _("interrupted; no output file was left half-written") + "\n")
        raise SystemExit(INTERRUPTED) from None


if __name__ == "__main__":
    main()
