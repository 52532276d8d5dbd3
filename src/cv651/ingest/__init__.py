"""`cv651 ingest`: what a received Word file or PDF says about itself.

Text comes out of the file (docx_text, pdf_text), is cleaned (lines), and the
Party header is read from it (header, bodies). The heavy libraries are imported
only here, inside the reading functions.
"""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cv651.errors import RefusalError
from cv651.i18n import _
from cv651.ingest.errors import IngestError
from cv651.ingest.header import FIELDS, Reading, read_header
from cv651.models import Repository
from cv651.names import resolve_province
from cv651.plans import Plans

if TYPE_CHECKING:
    from cv651.record import NewDocument

__all__ = ["FIELDS", "IngestError", "Reading", "new_document", "read_file", "read_lines"]

MAX_BYTES = 50 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old Word .doc (and .xls, .ppt)


def read_lines(path: Path) -> list[str]:
    """The text of a .docx or a PDF, as cleaned lines; IngestError for anything else."""
    try:
        status = path.stat()  # before opening: a FIFO named x.pdf would wait forever
        if not stat.S_ISREG(status.st_mode):
            raise IngestError(_("not a regular file"))
        if status.st_size > MAX_BYTES:
            raise IngestError(
                _("the file is {size} MB; documents are read up to {limit} MB").format(
                    size=status.st_size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)
                )
            )
        with path.open("rb") as handle:
            magic = handle.read(8)
    except OSError as exc:
        raise IngestError(_("cannot read the file: {error}").format(error=exc.strerror)) from None
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


def read_file(path: Path, repository: Repository, typed_province: str | None = None) -> Reading:
    """Read one file's header, by the plan it answers; `typed_province` (--province) wins
    over what the file says. Names resolve among the units of the document's date."""
    lines = read_lines(path)
    plans = repository.plan_index
    reading = read_header(lines, repository.plan, repository.plan_id, repository.units)
    chosen = _plan_of(lines, plans, reading.date)
    if chosen is not None and chosen != repository.plan_id:
        reading = read_header(lines, plans.by_id[chosen], chosen, repository.units)
    elif chosen is None:
        reading.plan = None
        reading.missing = [m for m in FIELDS if m == "plan" or m in reading.missing]
    if typed_province is not None:
        _given_province(reading, repository, typed_province)
    return reading


def _plan_of(lines: list[str], plans: Plans, day: date | None) -> str | None:
    """The plan the text names by its number, else the latest issued by the document's date."""
    text = _compact(" ".join(lines))
    named = [pid for pid, plan in plans.by_id.items() if _compact(plan.plan.number) in text]
    if len(named) == 1:
        return named[0]
    if len(plans.by_id) == 1:
        return next(iter(plans.by_id))
    return plans.issued_by(day) if day is not None else None


def _compact(text: str) -> str:
    return "".join(text.split()).upper()


def _given_province(reading: Reading, repository: Repository, typed: str) -> None:
    units = repository.units
    day = reading.date or repository.plan.plan.date
    province = units.named(resolve_province(units, typed, day).code, day)
    if reading.province is not None and reading.province.code != province.code:
        reading.warnings.append(
            _("the document is of {named}; recorded for {given} as --province says").format(
                named=reading.province.name, given=province.name
            )
        )
    reading.province = province
    reading.missing = [m for m in reading.missing if m != "province"]


def new_document(
    path: Path, reading: Reading, repository: Repository, received: date
) -> NewDocument:
    """What `ingest --write` records of a reading; RefusalError naming what could not be read."""
    from cv651.record import NewDocument  # ruamel only when writing

    plan = repository.plan_index.by_id.get(reading.plan or "", repository.plan)
    periodic = plan.periodic_kinds
    needed = ["plan", "province", "kind", "number", "date", "issuers"]
    if reading.kind in periodic:
        needed.append("period")
    missing = [name for name in needed if getattr(reading, name) is None]
    if missing:
        raise RefusalError(
            _("{file}: cannot record it: {fields} could not be read; nothing was written").format(
                file=path, fields=", ".join(missing)
            ),
            hint=_("record it with `cv651 record`, giving those values"),
        )
    assert reading.province and reading.kind and reading.number and reading.date
    return NewDocument(
        province=reading.province,
        kind=reading.kind,
        number=reading.number,
        date=reading.date,
        received=received,
        period=reading.period,
        issuers=tuple(reading.issuers or ()),
        recipients=tuple(reading.recipients or ()),
        title=reading.title,
        attach=path,
        plan=reading.plan,
    )
