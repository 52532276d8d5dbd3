"""`cv651 export`: the matrix and the documents, as Excel opens them."""

import csv
import io
from datetime import datetime

import openpyxl
import pytest
from typer.testing import CliRunner

from cv651.cli import app

from .conftest import DEMO

runner = CliRunner()
ARGS = ["export", "--repo", str(DEMO), "--as-of", "2022-07-01"]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    out = tmp_path_factory.mktemp("x") / "tinh-hinh.xlsx"
    result = runner.invoke(app, [*ARGS, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out)


def test_xlsx_has_the_matrix_and_the_documents(workbook):
    assert workbook.sheetnames == ["Tình hình", "Văn bản"]
    status = workbook["Tình hình"]
    assert [c.value for c in status[1]][:4] == ["Mã", "Tỉnh, thành phố", "Vùng", "Điểm 1"]
    assert status.max_row == 1 + 63
    cao_bang = next(r for r in status.iter_rows(min_row=2) if r[1].value == "Cao Bằng")
    assert cao_bang[0].value == "04"  # codes stay text with their leading zero
    assert cao_bang[3].value == "⚠ +12d chậm 12 ngày"


def test_xlsx_is_laid_out_for_people(workbook):
    status, documents = workbook["Tình hình"], workbook["Văn bản"]
    assert status.freeze_panes == "C2" and documents.freeze_panes == "C2"
    assert status.auto_filter.ref == f"A1:G{status.max_row}"
    assert status.column_dimensions["B"].width >= len("Thừa Thiên Huế")
    assert status["A1"].font.bold
    fills = {r[3].value.split()[0]: r[3].fill.fgColor.rgb for r in status.iter_rows(min_row=2)}
    assert fills["✔"].endswith("C6EFCE") and fills["✘"].endswith("FFC7CE")
    first = next(documents.iter_rows(min_row=2))
    assert isinstance(first[5].value, datetime) and first[5].number_format == "DD/MM/YYYY"


def test_csv_is_two_files_excel_reads_as_utf8(tmp_path):
    out = tmp_path / "tinh-hinh.csv"
    result = runner.invoke(app, [*ARGS, "-o", str(out), "--period", "2022H1"])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to see UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Mã", "Tỉnh, thành phố", "Vùng", "Điểm 1", "Điểm 2", "Điểm 3 · 2022H1"]
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
    cell = next(r[9] for r in openpyxl.load_workbook(xlsx)["Văn bản"].iter_rows(min_row=2))
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert "'=HYPERLINK" in (tmp_path / "a-van-ban.csv").read_text("utf-8-sig")


def test_unknown_extension_is_a_usage_error(tmp_path):
    result = runner.invoke(app, [*ARGS, "-o", str(tmp_path / "x.ods")])
    assert result.exit_code == 2 and "--format xlsx or csv" in result.stderr


def test_existing_file_kept_without_force(tmp_path):
    out = tmp_path / "x.xlsx"
    out.write_bytes(b"mine")
    assert runner.invoke(app, [*ARGS, "-o", str(out)]).exit_code == 1
    assert out.read_bytes() == b"mine"
