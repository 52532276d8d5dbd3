"""`cv651 summarize`: golden Markdown, the DOCX reopened and checked, and the command's rules.

Regenerate the golden file with CV651_REGEN_GOLDEN=1 pytest tests/test_summarize.py.
"""

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from typer.testing import CliRunner

from cv651.cli import app

from .conftest import DEMO

runner = CliRunner()
JOINER = "\u2060"  # after the slash of a document number in DOCX: no line break there
GOLDEN = Path(__file__).parent / "golden" / "summary-2022H1.md"
ARGS = ["summarize", "--period", "2022H1", "--repo", str(DEMO), "--as-of", "2022-07-01"]


def test_markdown_matches_the_golden_file():
    result = runner.invoke(app, ARGS)
    assert result.exit_code == 0, result.output
    if os.environ.get("CV651_REGEN_GOLDEN"):
        GOLDEN.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_markdown_content():
    text = runner.invoke(app, ARGS).stdout
    assert "Số      -BC/BDVTW" in text  # a draft: the number is left blank
    assert "Hà Nội, ngày 01 tháng 7 năm 2022" in text
    assert (
        "**BÁO CÁO**" in text
        and "**sơ kết 6 tháng đầu năm 2022 thực hiện Kế hoạch số 40-KH/BDVTW-BCSĐUBDT**" in text
    )
    assert "Có **14/63** tỉnh, thành đã thực hiện" in text
    assert "- Chậm (2): Cao Bằng (8 ngày), Điện Biên (7 ngày)." in text
    assert "Lào Cai (chưa gửi Ban cán sự đảng Ủy ban Dân tộc)" in text
    assert "| Lượt người tham dự (lượt người) | 13.800 | 13 |" in text  # Vietnamese thousands
    assert (
        "Chưa báo cáo (50):" in text
        and "Kon Tum" in text.split("Chưa báo cáo (50):")[1].splitlines()[0]
    )


def test_a_corrected_report_counts_once():
    text = runner.invoke(app, ARGS).stdout
    # Điện Biên sent 3 conferences (incomplete), then 8 (corrected): only the 8 count.
    assert "| Hội nghị quán triệt, triển khai (hội nghị) | 111 | 13 |" in text


def test_clerk_fills_number_date_and_signer():
    text = runner.invoke(
        app, [*ARGS, "--number", "125", "--date", "2022-07-15", "--signer", "Triệu Tài Vinh"]
    ).stdout
    assert (
        "Số 125-BC/BDVTW" in text
        and "ngày 15 tháng 7 năm 2022" in text
        and "**Triệu Tài Vinh**" in text
    )


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "bao-cao.docx"
    result = runner.invoke(app, [*ARGS, "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_docx_page_and_fonts(report_docx: Path):
    document = docx.Document(str(report_docx))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(m.mm)
        for m in (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(14))
    assert Mm(1)  # units imported for readability


def test_docx_header_title_and_sections(report_docx: Path):
    document = docx.Document(str(report_docx))
    header = document.tables[0].rows[0].cells
    assert [p.text.replace(JOINER, "") for p in header[0].paragraphs] == [
        "BAN CHẤP HÀNH TRUNG ƯƠNG",
        "BAN DÂN VẬN",
        "*",
        "Số      -BC/BDVTW",
    ]
    assert header[1].paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert header[1].paragraphs[0].runs[0].bold and header[1].paragraphs[0].runs[0].font.size == Pt(
        15
    )
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    for heading in (
        "I- VIỆC CỤ THỂ HÓA",
        "II- VIỆC BÁO CÁO",
        "III- KẾT QUẢ",
        "IV- HẠN CHẾ",
        "V- KIẾN NGHỊ",
    ):
        assert any(t.startswith(heading) for t in texts), heading
    body = "\n".join(texts)
    assert "{{" not in body and "{%" not in body


def test_docx_tables(report_docx: Path):
    document = docx.Document(str(report_docx))
    tables = {t.rows[0].cells[0].text: t for t in document.tables}
    indicators = tables["Chỉ tiêu"]
    participants = next(r for r in indicators.rows if r.cells[0].text == "Lượt người tham dự")
    assert [c.text for c in participants.cells] == [
        "Lượt người tham dự",
        "lượt người",
        "13.800",
        "13",
    ]
    annex = tables["Mã"]
    assert len(annex.rows) == 1 + 63 + 1
    assert "w:tblHeader" in annex.rows[0]._tr.xml  # repeated on every page
    dien_bien = next(r for r in annex.rows if r.cells[0].text == "11")
    assert [c.text for c in dien_bien.cells] == ["11", "Điện Biên", "đúng hạn", "—", "chậm 7 ngày"]
    signature = next(
        t for t in document.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:"
    )
    assert signature.rows[0].cells[1].paragraphs[0].text == "K/T TRƯỞNG BAN"
    # Printing: no row split across pages (never the signer's name alone on a page),
    # narrow code columns, centred state symbols, text never stretched by justification.
    assert all("w:cantSplit" in r._tr.xml for r in (*annex.rows, signature.rows[0]))
    widths = [c.width for c in dien_bien.cells]
    assert widths[1] > 2 * widths[0] and widths[2] == widths[3] < widths[4]  # report: wider
    assert dien_bien.cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert dien_bien.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_docx_converts_to_pdf(report_docx: Path, tmp_path: Path):
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(report_docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "bao-cao.pdf").stat().st_size > 10_000


def test_docx_needs_an_output():
    result = runner.invoke(app, [*ARGS, "--format", "docx"])
    assert result.exit_code == 2 and "--output" in result.stderr


def test_existing_output_is_not_overwritten_without_force(tmp_path: Path):
    out = tmp_path / "bao-cao.md"
    out.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, [*ARGS, "--output", str(out)])
    assert result.exit_code == 1 and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert runner.invoke(app, [*ARGS, "--output", str(out), "--force"]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("| BAN CHẤP HÀNH TRUNG ƯƠNG")
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.md"]  # no temporary file left


def test_unknown_period_lists_the_valid_ones():
    result = runner.invoke(app, ["summarize", "--period", "2023H1", "--repo", str(DEMO)])
    assert result.exit_code == 2 and "2022H1, 2022" in result.stderr


def test_repository_templates_override_the_built_in(demo_copy: Path):
    (demo_copy / "templates").mkdir()
    (demo_copy / "templates" / "summary.md.j2").write_text(
        "{{ reporting.reported }}/{{ units }}\n", encoding="utf-8"
    )
    result = runner.invoke(
        app, ["summarize", "--period", "2022H1", "--repo", str(demo_copy), "--as-of", "2022-07-01"]
    )
    assert result.stdout == "13/63\n"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "line one\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n",
            ":2: refused: access to attribute",
        ),
        ("{{ no_such_name }}\n", ":1: UndefinedError"),
        ("ok\n{% for x in %}\n", ":2: template syntax error"),
        ("{% for i in range(100000000) %}x{% endfor %}", "Range too big"),
        (
            "{% for i in range(99999) %}{% for j in range(99999) %}"
            + "x" * 1000
            + "{% endfor %}{% endfor %}",
            "runaway loop",
        ),
    ],
)
def test_template_errors_are_clear(tmp_path: Path, template: str, message: str):
    path = tmp_path / "t.md.j2"
    path.write_text(template, encoding="utf-8")
    result = runner.invoke(app, [*ARGS, "--template", str(path)])
    assert result.exit_code == 1
    assert message in result.stderr and "t.md.j2" in result.stderr
    assert "Traceback" not in result.output


def test_docx_autoescapes_ampersands_and_brackets(demo_copy: Path, tmp_path: Path):
    path = demo_copy / "data" / "submissions" / "02-ha-giang.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Tổ chức 12 hội nghị", "Tổ chức <12> & hội nghị"),
        encoding="utf-8",
    )
    out = tmp_path / "r.docx"
    result = runner.invoke(
        app,
        [
            "summarize",
            "--period",
            "2022H1",
            "--repo",
            str(demo_copy),
            "--as-of",
            "2022-07-01",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert any("Tổ chức <12> & hội nghị" in p.text for p in docx.Document(str(out)).paragraphs)
