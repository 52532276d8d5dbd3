"""`cv651 export`: the matrix and the documents, as Excel opens them."""

import csv
import io
import os
from datetime import datetime

import openpyxl
import pytest
from typer.testing import CliRunner

from cv651.cli import app

from .conftest import DEMO


@pytest.fixture(scope="module", autouse=True)
def _vietnamese_sheets():
    """The sheets are read in Vietnamese, the default language (conftest sets English)."""
    os.environ["CV651_LANG"] = "vi"
    yield
    os.environ["CV651_LANG"] = "en"


runner = CliRunner()
ARGS = ["export", "--repo", str(DEMO), "--as-of", "2022-07-01"]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    out = tmp_path_factory.mktemp("x") / "tinh-hinh.xlsx"
    result = runner.invoke(app, [*ARGS, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out)


HEADER = 4  # title, as-of date, a blank row, then the table


def test_xlsx_has_the_matrix_and_the_documents(workbook):
    assert workbook.sheetnames == ["Tình hình thực hiện", "Văn bản"]
    status = workbook["Tình hình thực hiện"]
    assert [c.value for c in status[HEADER]][:5] == [
        "Mã",
        "Tỉnh, thành phố",
        "Vùng",
        "Điểm 1",
        "Số ngày chậm",
    ]
    assert "Báo cáo 6 tháng đầu năm 2022" in [c.value for c in status[HEADER]]
    rows = list(status.iter_rows(min_row=HEADER + 1, max_row=HEADER + 63))
    cao_bang = next(r for r in rows if r[1].value == "Cao Bằng")
    assert cao_bang[0].value == "04"  # codes stay text with their leading zero
    # the state in words, the days late a number beside it (no '⚠ +12d muộn 12 ngày')
    assert (cao_bang[3].value, cao_bang[4].value) == ("chậm 12 ngày", 12)
    lao_cai = next(r for r in rows if r[1].value == "Lào Cai")
    assert lao_cai[7].value == "chưa đủ: chưa gửi Ban cán sự đảng Ủy ban Dân tộc"
    assert not any(
        symbol in str(c.value) for r in rows for c in r for symbol in ("⚠", "✔", "◐", "muộn")
    )


def test_xlsx_prints_on_its_own(workbook):
    for sheet in workbook.worksheets:
        assert "651-CV/BDVTW" in sheet["A1"].value and sheet["A1"].font.bold
        assert sheet["A2"].value == "(tính đến ngày 01/7/2022)"
        assert sheet.page_setup.orientation == "landscape"
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 == "9"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows == f"${HEADER}:${HEADER}"  # repeated on every page
        assert "&P" in sheet.oddFooter.center.text
    status = workbook["Tình hình thực hiện"]
    assert "40-KH/BDVTW-BCSĐUBDT" in status["A1"].value
    totals = [c.value for c in status[HEADER + 64]]
    assert totals[1] == "Tổng số đã thực hiện" and totals[3] == "14/63" and totals[7] == "11/63"
    legend = status.cell(HEADER + 66, 1).value
    assert (
        legend.startswith("Ghi chú: ") and "quá hạn: đã hết hạn mà chưa nhận được văn bản" in legend
    )


def test_xlsx_is_laid_out_for_people(workbook):
    status, documents = workbook["Tình hình thực hiện"], workbook["Văn bản"]
    assert status.freeze_panes == documents.freeze_panes == f"C{HEADER + 1}"
    assert status.auto_filter.ref == f"A{HEADER}:K{HEADER + 63}"
    assert status.column_dimensions["B"].width >= len("Thừa Thiên Huế")
    assert status.cell(HEADER, 1).font.bold
    rows = status.iter_rows(min_row=HEADER + 1, max_row=HEADER + 63)
    fills = {r[3].value: r[3].fill.fgColor.rgb for r in rows}
    assert fills["đúng hạn"].endswith("C6EFCE") and fills["quá hạn"].endswith("FFC7CE")
    first = next(documents.iter_rows(min_row=HEADER + 1))
    assert isinstance(first[5].value, datetime) and first[5].number_format == "DD/MM/YYYY"


def test_csv_is_two_files_excel_reads_as_utf8(tmp_path):
    out = tmp_path / "tinh-hinh.csv"
    result = runner.invoke(app, [*ARGS, "-o", str(out), "--period", "2022H1"])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to see UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [
        "Mã",
        "Tỉnh, thành phố",
        "Vùng",
        "Điểm 1",
        "Số ngày chậm",
        "Điểm 2",
        "Số ngày chậm",
        "Báo cáo 6 tháng đầu năm 2022",
        "Số ngày chậm",
    ]
    cao_bang = next(r for r in rows if r[1] == "Cao Bằng")
    assert cao_bang[3:5] == ["chậm 12 ngày", "12"]  # CSV: the table alone
    documents = list(
        csv.reader(io.StringIO((tmp_path / "tinh-hinh-van-ban.csv").read_text("utf-8-sig")))
    )
    assert documents[1][:2] == ["02", "Hà Giang"] and documents[1][5] == "10/03/2022"


def test_text_from_a_data_file_never_becomes_a_formula(demo_copy, tmp_path):
    path = demo_copy / "data" / "submissions" / "02-ha-giang.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("title: Kế hoạch phối hợp", 'title: "=HYPERLINK(\\"http://x\\")" #', 1),
        encoding="utf-8",
    )
    xlsx, csv_out = tmp_path / "a.xlsx", tmp_path / "a.csv"
    for out in (xlsx, csv_out):
        result = runner.invoke(app, ["export", "--repo", str(demo_copy), "-o", str(out)])
        assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(xlsx)["Văn bản"]
    cell = next(r[9] for r in sheet.iter_rows(min_row=5))
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert "'=HYPERLINK" in (tmp_path / "a-van-ban.csv").read_text("utf-8-sig")


def test_unknown_extension_is_a_usage_error(tmp_path):
    result = runner.invoke(app, [*ARGS, "-o", str(tmp_path / "x.ods")])
    assert result.exit_code == 2 and "--format xlsx hoặc csv" in result.stderr


def test_existing_file_kept_without_force(tmp_path):
    out = tmp_path / "x.xlsx"
    out.write_bytes(b"mine")
    assert runner.invoke(app, [*ARGS, "-o", str(out)]).exit_code == 1
    assert out.read_bytes() == b"mine"
