"""`--format pdf`: the DOCX converted by LibreOffice when it is installed; a clear refusal
when it is not. The PDF is opened with poppler's tools when they are there."""

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cv651.cli import app

from .conftest import DEMO

runner = CliRunner()
COMMON = ["--period", "2022H1", "--repo", str(DEMO), "--as-of", "2022-07-01"]
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed"
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils are not installed",
)


def _tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, check=True, text=True).stdout


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("pdf")
    paths = {"summarize": folder / "bao-cao.pdf", "remind": folder / "don-doc.pdf"}
    for command, path in paths.items():
        result = runner.invoke(app, [command, *COMMON, "-o", str(path)])  # format from .pdf
        assert result.exit_code == 0, result.output
    return paths


@needs_soffice
def test_pdf_files_are_pdf(pdfs: dict[str, Path]):
    for path in pdfs.values():
        assert path.read_bytes().startswith(b"%PDF-")


@needs_soffice
@needs_poppler
def test_pdf_pages_header_and_embedded_fonts(pdfs: dict[str, Path]):
    pages = {
        name: int(
            next(
                x for x in _tool("pdfinfo", str(p)).splitlines() if x.startswith("Pages:")
            ).split()[1]
        )
        for name, p in pdfs.items()
    }
    # the report: 4 pages of text, 3 of annexes; the letter: 1 page and the list of 52
    assert 5 <= pages["summarize"] <= 9 and 3 <= pages["remind"] <= 9, pages
    for name, path in pdfs.items():
        first = _tool("pdftotext", "-l", "1", "-layout", str(path), "-")
        assert "BAN CHẤP HÀNH TRUNG ƯƠNG" in first and "ĐẢNG CỘNG SẢN VIỆT NAM" in first, name
        assert "Hà Nội, ngày 01 tháng 7 năm 2022" in first
    assert "BÁO CÁO" in _tool("pdftotext", "-l", "1", str(pdfs["summarize"]), "-")
    if shutil.which("pdffonts"):
        for path in pdfs.values():
            rows = _tool("pdffonts", str(path)).splitlines()[2:]
            assert rows and all(row.split()[-5] == "yes" for row in rows), rows  # 'emb' column


def test_pdf_without_libreoffice_says_how_to_install(monkeypatch, tmp_path: Path):
    monkeypatch.setattr("cv651.pdf.shutil.which", lambda name: None)
    out = tmp_path / "bao-cao.pdf"
    result = runner.invoke(app, ["summarize", *COMMON, "-o", str(out)])
    assert result.exit_code == 1
    assert "LibreOffice" in result.stderr and "apt install libreoffice-writer" in result.stderr
    assert not out.exists()


def test_pdf_needs_an_output_file():
    result = runner.invoke(app, ["remind", *COMMON, "--format", "pdf"])
    assert result.exit_code == 2 and "--output" in result.stderr
