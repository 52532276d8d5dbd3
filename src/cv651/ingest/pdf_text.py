"""The text layer of a PDF, with pypdf (pure Python, no compiled dependencies).

Only the first and last pages are read: the header and title are on the first,
`Nơi nhận` on the last. A PDF without text (a scan) is refused: reading it
would need OCR, and a guess is worse than typing the values.
"""

from __future__ import annotations

import logging
from pathlib import Path

from cv651.i18n import _
from cv651.ingest.errors import IngestError
from cv651.ingest.lines import split

HEAD_PAGES, TAIL_PAGES = 2, 2
MIN_TEXT = 40  # characters: less than this on the pages read is a scan


def pdf_lines(path: Path) -> list[str]:
    from pypdf import PdfReader  # only `cv651 ingest` pays for pypdf
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not the clerk's
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(_("the PDF is encrypted (password-protected); not read"))
        pages = list(reader.pages)
        chosen = (
            pages
            if len(pages) <= HEAD_PAGES + TAIL_PAGES
            else (pages[:HEAD_PAGES] + pages[-TAIL_PAGES:])
        )
        texts = [page.extract_text() or "" for page in chosen]
    except IngestError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise IngestError(
            _("the PDF cannot be read ({error})").format(error=type(exc).__name__)
        ) from None
    except NotImplementedError as exc:
        raise IngestError(_("the PDF cannot be read ({error})").format(error=exc)) from None
    lines = split(texts)
    if sum(len(line) for line in lines) < MIN_TEXT:
        raise IngestError(
            _("the PDF has no text layer (a scan?); record it with `cv651 record --attach`")
        )
    return lines
