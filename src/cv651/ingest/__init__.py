"""`cv651 ingest`: what a received Word file or PDF says about itself.

Text comes out of the file (docx_text, pdf_text), is cleaned (lines), and the
Party header is read from it (header, bodies). The heavy libraries are imported
only here, inside the reading functions.
"""

from __future__ import annotations

from pathlib import Path

from cv651.i18n import _
from cv651.ingest.errors import IngestError
from cv651.ingest.header import FIELDS, Reading, read_header
from cv651.models import PlanFile
from cv651.names import resolve_province
from cv651.units import Units

__all__ = ["FIELDS", "IngestError", "Reading", "read_file", "read_lines"]

MAX_BYTES = 50 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old Word .doc (and .xls, .ppt)


def read_lines(path: Path) -> list[str]:
    """The text of a .docx or a PDF, as cleaned lines; IngestError for anything else."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(8)
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(_("cannot read the file: {error}").format(error=exc.strerror)) from None
    if size > MAX_BYTES:
        raise IngestError(
            _("the file is {size} MB; documents are read up to 50 MB").format(
                size=size // (1024 * 1024)
            )
        )
    if magic.startswith(_OLE) or path.suffix.lower() == ".doc":
        raise IngestError(
            _("an old Word file (.doc): open it in Word or LibreOffice and save it as .docx")
        )
    if magic.startswith(b"%PDF"):
        from cv651.ingest.pdf_text import pdf_lines

        return pdf_lines(path)
    if magic.startswith(b"PK"):
        from cv651.ingest.docx_text import docx_lines

        return docx_lines(path)
    raise IngestError(_("neither a Word (.docx) file nor a PDF"))


def read_file(
    path: Path,
    plan: PlanFile,
    plan_id: str,
    units: Units,
    typed_province: str | None = None,
) -> Reading:
    """Read one file's header; `typed_province` (--province) wins over what the file says.

    Names resolve among the units in force on the document's date (else the plan's)."""
    reading = read_header(read_lines(path), plan, plan_id, units)
    if typed_province is not None:
        day = reading.date or plan.plan.date
        province = units.named(resolve_province(units, typed_province, day).code, day)
        if reading.province is not None and reading.province.code != province.code:
            reading.warnings.append(
                _("the document is of {named}; recorded for {given} as --province says").format(
                    named=reading.province.name, given=province.name
                )
            )
        reading.province = province
        reading.missing = [m for m in reading.missing if m != "province"]
    return reading
