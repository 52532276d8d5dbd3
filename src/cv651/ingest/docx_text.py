"""The text of a .docx, in reading order: paragraphs, and table cells row by row.

python-docx reads the package; a Party header is often a two-column table and
`Nơi nhận` sits in a table cell beside the signature, so cells are read where
they stand, each cell's paragraphs together, merged cells once.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cv651.docx_package import PackageProblem, check_package
from cv651.i18n import _
from cv651.ingest import MAX_BYTES
from cv651.ingest.errors import IngestError
from cv651.ingest.lines import split


def docx_lines(path: Path) -> list[str]:
    _check_package(path)
    import docx  # only `cv651 ingest` pays for python-docx and lxml
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
        return split(_texts(document))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise IngestError(
            _("not a readable Word (.docx) file ({error})").format(error=exc)
        ) from None
    except Exception as exc:  # lxml's XMLSyntaxError and the like: a broken package
        raise IngestError(
            _("the Word file is damaged ({error})").format(error=type(exc).__name__)
        ) from None


def _check_package(path: Path) -> None:
    try:
        check_package(path, MAX_BYTES)
    except PackageProblem as exc:
        message = _("not a readable Word (.docx) file ({error})")
        raise IngestError(message.format(error=exc.why)) from None


def _texts(container: Any) -> Iterator[str]:
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):  # a table
            yield from _table_texts(block)
        else:
            yield block.text


def _table_texts(table: Any) -> Iterator[str]:
    seen: set[int] = set()
    for row in table.rows:
        for cell in row.cells:
            key = id(cell._tc)  # a merged cell appears once per grid column it spans
            if key in seen:
                continue
            seen.add(key)
            yield from _texts(cell)
