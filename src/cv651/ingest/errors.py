"""Why a file cannot be read as a Party document: one line, exit 1."""

from __future__ import annotations

from cv651.errors import Cv651Error


class IngestError(Cv651Error):
    """A file that is not a readable Party document (scan, .doc, encrypted, broken)."""
