"""One check of a DOCX package before python-docx reads it, for a template
(docx_render) and for a received document (`cv651 ingest`).

zipfile stops each part at its declared size, so the declared sizes bound what
reading can take: a zip bomb that says 2 GB is refused unread.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

from cv651.i18n import _

MAX_PARTS = 1000
MAX_INFLATED = 50 * 1024 * 1024  # all parts unpacked
MAX_XML_PART = 10 * 1024 * 1024  # one XML part unpacked; a real document.xml is ~100 kB


class PackageProblem(Exception):
    """Why the file is not read, a phrase for the caller's sentence."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def check_package(path: Path, max_bytes: int) -> None:
    """PackageProblem for what is not a regular file of at most `max_bytes`, not a
    ZIP package with word/document.xml, or would unpack to more than it should."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO would wait forever
            raise PackageProblem(_("not a regular file"))
        if status.st_size > max_bytes:
            raise PackageProblem(_("larger than {mb} MB").format(mb=max_bytes // 1024 // 1024))
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        if isinstance(exc, zipfile.BadZipFile):
            raise PackageProblem(_("it is not a Word file (.docx is a zip package)")) from None
        raise PackageProblem(str(getattr(exc, "strerror", None) or exc)) from None
    if len(parts) > MAX_PARTS:
        raise PackageProblem(_("more than {limit} parts").format(limit=MAX_PARTS))
    if sum(p.file_size for p in parts) > MAX_INFLATED:
        message = _("it unpacks to more than {mb} MB")
        raise PackageProblem(message.format(mb=MAX_INFLATED // 1024 // 1024))
    big = [p.filename for p in parts if _is_xml(p.filename) and p.file_size > MAX_XML_PART]
    if big:
        message = _("{part} unpacks to more than {mb} MB")
        raise PackageProblem(message.format(part=big[0], mb=MAX_XML_PART // 1024 // 1024))
    if "word/document.xml" not in {p.filename for p in parts}:
        raise PackageProblem(_("it has no word/document.xml"))


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))
