"""`cv651 remind`: the reminder letter goes to exactly the provinces that owe something.

Regenerate the golden file with CV651_REGEN_GOLDEN=1 pytest tests/test_remind.py.
"""

import json
import os
import re
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from typer.testing import CliRunner

from cv651.cli import app

from .conftest import DEMO

runner = CliRunner()
ARGS = ["remind", "--period", "2022H1", "--repo", str(DEMO), "--as-of", "2022-07-01"]
GOLDEN = Path(__file__).parent / "golden" / "reminder-2022H1.md"


def test_markdown_matches_the_golden_file():
    result = runner.invoke(app, [*ARGS, "--date", "2022-07-04", "--deadline", "2022-07-15"])
    assert result.exit_code == 0, result.output
    if os.environ.get("CV651_REGEN_GOLDEN"):
        GOLDEN.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def _owing_names() -> set[str]:
    result = runner.invoke(
        app,
        [
            "status",
            "--repo",
            str(DEMO),
            "--as-of",
            "2022-07-01",
            "--period",
            "2022H1",
            "--format",
            "json",
        ],
    )
    rows = json.loads(result.stdout)["rows"]
    return {r["name"] for r in rows if r["state"] in ("overdue", "incomplete")}


def test_letter_is_addressed_to_every_province_that_owes_and_no_other():
    result = runner.invoke(app, ARGS)
    assert result.exit_code == 0, result.output
    # 52 provinces: both bodies of Letter 651 addressed collectively, the list in an annex
    assert (
        "**Kính gửi:**\n\n- Ban Dân vận các tỉnh ủy, thành ủy (có danh sách kèm theo),\n"
        "- Ban cán sự đảng Ủy ban nhân dân các tỉnh, thành phố (có danh sách kèm theo).\n"
    ) in result.stdout
    annex = result.stdout.split("DANH SÁCH CÁC TỈNH, THÀNH PHỐ CHƯA GỬI ĐỦ VĂN BẢN")[1]
    named = set(re.findall(r"^\| \d+ \| (?:TP\. )?(.+?) \|", annex, re.M))
    assert named == _owing_names()
    assert "Hà Giang" not in result.stdout  # everything done on time


def test_a_few_addressees_get_a_line_each(monkeypatch):
    monkeypatch.setattr("cv651.reminder.LIST_AT_MOST", 100)
    text = runner.invoke(app, ARGS).stdout
    addressed = set(re.findall(r"^- Ban Dân vận (?:Tỉnh|Thành) ủy (.+?)[,.]$", text, re.M))
    assert addressed == _owing_names()
    assert "- Ban Dân vận Thành ủy Hà Nội," in text  # a city's committee is a Thành ủy
    # the partner body of each province too, as Letter 651 was addressed
    assert "- Ban cán sự đảng Ủy ban nhân dân thành phố Hà Nội," in text
    assert "- Ban cán sự đảng Ủy ban nhân dân tỉnh Cà Mau." in text
    assert "danh sách kèm theo" not in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_letter_says_what_each_province_owes(lang: str):
    text = runner.invoke(app, ARGS, env={"CV651_LANG": lang}).stdout  # a Party letter: Vietnamese
    lao_cai = next(line for line in text.splitlines() if "| Lào Cai |" in line)
    assert "văn bản số" in lao_cai and "chưa gửi Ban cán sự đảng Ủy ban Dân tộc" in lao_cai
    assert (
        "Rà soát, bổ sung chương trình phối hợp đã ký: chưa nhận được (hạn ngày 31/3/2022)"
        in lao_cai
    )
    bac_kan = next(line for line in text.splitlines() if "| Bắc Kạn |" in line)
    assert "Báo cáo sơ kết 6 tháng đầu năm 2022: chưa nhận được (hạn ngày 20/6/2022)" in bac_kan


def test_letter_layout_number_and_subject():
    text = runner.invoke(app, [*ARGS, "--number", "37", "--signer", "Triệu Tài Vinh"]).stdout
    assert "Số 37-CV/BDVTW" in text
    assert (
        "*V/v đôn đốc thực hiện Công văn số 651-CV/BDVTW và báo cáo sơ kết 6 tháng đầu năm 2022*"
        in text
    )
    assert "**Kính gửi:**" in text and "**Triệu Tài Vinh**" in text


def test_docx_letter(tmp_path):
    out = tmp_path / "don-doc.docx"
    result = runner.invoke(app, [*ARGS, "-o", str(out)])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    left = document.tables[0].rows[0].cells[0].paragraphs
    subject = next(p for p in left if p.text.startswith("V/v "))
    assert subject.runs[0].italic and subject.runs[0].font.size == Pt(12)
    assert "Số      -CV/BDVTW" in [p.text.replace("\u2060", "") for p in left]
    texts = [p.text for p in document.paragraphs]
    assert "- Ban Dân vận các tỉnh ủy, thành ủy (có danh sách kèm theo)," in texts
    owed = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    assert len(owed.rows) - 1 == len(_owing_names())
    assert not any("{{" in t or "{%" in t for t in texts)


def test_nobody_owes_nothing_is_written(tmp_path):
    out = tmp_path / "x.md"
    result = runner.invoke(
        app,
        [
            "remind",
            "--period",
            "2022H1",
            "--repo",
            str(DEMO),
            "--as-of",
            "2022-02-20",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0
    assert "no province is overdue or incomplete" in result.stderr
    assert not out.exists()


def test_existing_output_is_kept_without_force(tmp_path):
    out = tmp_path / "x.md"
    out.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, [*ARGS, "-o", str(out)])
    assert result.exit_code == 1 and "use --force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert runner.invoke(app, [*ARGS, "-o", str(out), "--force"]).exit_code == 0
    assert "Kính gửi" in out.read_text(encoding="utf-8")


def test_table_headers_come_from_one_place(tmp_path, monkeypatch):
    """Review finding 12: the Markdown template and the DOCX table read the same headers."""
    from cv651 import summarize

    monkeypatch.setitem(summarize.COLUMNS, "owed", ["STT", "Đơn vị", "Việc còn thiếu"])
    text = runner.invoke(app, ARGS).stdout
    assert "| STT | Đơn vị | Việc còn thiếu |" in text and "| TT |" not in text
    out = tmp_path / "don-doc.docx"
    assert runner.invoke(app, [*ARGS, "-o", str(out)]).exit_code == 0
    heads = [[c.text for c in t.rows[0].cells] for t in docx.Document(str(out)).tables]
    assert ["STT", "Đơn vị", "Việc còn thiếu"] in heads


def test_the_letter_names_the_units_that_owe_not_their_party_committees():
    """The documents are owed by the units' bodies (the addressees); 'tỉnh ủy' is the
    provincial Party committee, so the count and the annex say 'tỉnh, thành phố'."""
    text = runner.invoke(app, ARGS).stdout
    assert "chưa nhận đủ văn bản của 52 tỉnh, thành phố (có danh sách kèm theo)." in text
    assert "DANH SÁCH CÁC TỈNH, THÀNH PHỐ CHƯA GỬI ĐỦ VĂN BẢN" in text
    assert "| Hòa Bình |" in text and "Hoà Bình" not in text  # NĐ 30/2020: hòa, not hoà
