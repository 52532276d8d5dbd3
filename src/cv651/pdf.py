"""PDF through LibreOffice: the DOCX the board signs, converted by `soffice --headless`.

LibreOffice lays the page out as Word does closely enough for a draft to be read
and printed (fonts are embedded); it is an optional program, found on PATH when
the command starts, so a missing one costs nothing and says how to get it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from cv651.errors import OutputError, RefusalError
from cv651.i18n import _

TIMEOUT = 300  # seconds: a first run builds LibreOffice's profile, a long annex takes a while


def converter() -> str:
    """The soffice program, or a refusal that says how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise RefusalError(
            _("PDF needs LibreOffice (the soffice program), which is not installed"),
            hint=_(
                "install it (Debian/Ubuntu: sudo apt install libreoffice-writer; "
                "macOS: brew install --cask libreoffice; Windows: "
                "https://www.libreoffice.org/download), or write --format docx and print from Word"
            ),
        )
    return found


def docx_to_pdf(document: bytes, soffice: str) -> bytes:
    """Convert in a private folder with a private LibreOffice profile, so that a
    LibreOffice the clerk has open, or another conversion, does not interfere."""
    with tempfile.TemporaryDirectory(prefix="cv651-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(document)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            message = _("LibreOffice could not convert to PDF: {error}").format(error=exc)
            raise OutputError(message) from None
        result = work / "document.pdf"
        if done.returncode != 0 or not result.is_file():
            why = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OutputError(
                _("LibreOffice could not convert to PDF: {error}").format(
                    error=why[-1] if why else f"exit {done.returncode}"
                )
            )
        return result.read_bytes()
