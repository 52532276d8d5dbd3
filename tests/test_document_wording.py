"""The Vietnamese of a Party office, one test per rule (issue 16), on the summary and the
reminder, Markdown and DOCX: a template edit cannot silently undo a rule."""

import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from typer.testing import CliRunner

from cv651 import ooxml
from cv651.cli import app

from .conftest import DEMO

runner = CliRunner()
COMMON = ["--period", "2022H1", "--repo", str(DEMO), "--as-of", "2022-07-01"]
JOINER = "\u2060"
TEMPLATES = Path(__file__).parents[1] / "templates"


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def summary() -> str:
    return _run("summarize", *COMMON)


@pytest.fixture(scope="module")
def reminder() -> str:
    return _run("remind", *COMMON)


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docs")
    paths = {"summary": folder / "bc.docx", "reminder": folder / "cv.docx"}
    _run("summarize", *COMMON, "-o", str(paths["summary"]))
    _run("remind", *COMMON, "-o", str(paths["reminder"]))
    return paths


def _texts(path: Path) -> list[str]:
    """Every paragraph of the body, tables included, as a reader sees it."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return [t.replace(JOINER, "").replace("\u00a0", " ") for t in texts]


@pytest.fixture(scope="module")
def all_text(summary: str, reminder: str, docs: dict[str, Path]) -> str:
    return "\n".join([summary, reminder, *_texts(docs["summary"]), *_texts(docs["reminder"])])


def test_one_word_for_late_and_no_symbols(all_text: str):
    assert "chậm 12 ngày" in all_text  # Cao Bằng's annex cell
    for wrong in ("muộn", "+12d", "⚠", "✔", "◐", "✘"):
        assert wrong not in all_text, wrong


def test_report_column_named_in_words(summary: str, docs: dict[str, Path]):
    header = next(line for line in summary.splitlines() if line.startswith("| Mã |"))
    assert header.endswith("| Báo cáo 6 tháng đầu năm 2022 |") and "2022H1" not in header
    assert "Báo cáo 6 tháng đầu năm 2022" in _texts(docs["summary"])


def test_dates_in_text_and_tables_drop_the_month_zero(all_text: str):
    assert "Thời hạn gửi báo cáo: ngày 20/6/2022." in all_text
    assert "| Cao Bằng | 31-KH/BDVTU | 12/4/2022 |" in all_text
    assert "Hà Nội, ngày 01 tháng 7 năm 2022" in all_text  # the place-date line keeps HD 36's form
    assert not re.search(r"\b\d{1,2}/0[3-9]/\d{4}", all_text)


def test_due_dates_read_han_ngay(reminder: str, summary: str):
    assert "(hạn ngày 31/3/2022)" in reminder and "(hạn ngày 20/6/2022)" in reminder
    assert "(hạn ngày 31/3/2022)" in summary
    assert "(hạn 3" not in reminder + summary


def test_as_of_reads_tinh_den_ngay(summary: str, reminder: str):
    assert "*(tính đến ngày 01/7/2022)*" in summary and "*(tính đến ngày 01/7/2022)*" in reminder
    assert "(đến " not in summary + reminder


def test_summary_line_starts_lower_case(summary: str, docs: dict[str, Path]):
    assert "**BÁO CÁO**\n\n**sơ kết 6 tháng đầu năm 2022 thực hiện" in summary
    texts = _texts(docs["summary"])
    assert texts[texts.index("BÁO CÁO") + 1].startswith("sơ kết 6 tháng")


def test_document_numbers_never_break(docs: dict[str, Path]):
    for path in docs.values():
        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        pieces = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
        # no breakable hyphen in a number: '651-CV/…' is 651, w:noBreakHyphen, 'CV/⁠BDVTW'
        assert not [p for p in pieces if re.search(r"\d-[A-ZĐ]\w*/", p)]
        after_hyphen = re.findall(r"<w:noBreakHyphen/><w:t[^>]*>([^<]*)", xml)
        assert after_hyphen and all("/\u2060" in p for p in after_hyphen if "/" in p)  # joiner
        assert "<w:noBreakHyphen/>" in xml
        assert "TP. " not in "".join(pieces)  # 'TP.' + no-break space + the city's name
        assert not re.search(r"ngày \d", "".join(pieces))  # nor 'ngày' from its date


def test_the_letter_is_cong_van_so_and_its_points_are_diem(all_text: str):
    assert "Công văn 651" not in all_text and "khoản" not in all_text
    assert "tại điểm 1 Công văn số 651-CV/BDVTW." in all_text


def test_true_counts_not_all_63(summary: str):
    assert "63 tỉnh ủy" not in summary
    assert "tổng hợp kết quả thực hiện của các tỉnh, thành phố trực thuộc Trung ương" in summary
    assert "Đã nhận báo cáo của **13/63** tỉnh, thành." in summary


def test_incomplete_reports_name_the_body_spelled_out(all_text: str):
    assert "Lào Cai (chưa gửi Ban cán sự đảng Ủy ban Dân tộc)" in all_text
    assert "Nghệ An (chưa gửi Ban Dân vận Trung ương)" in all_text
    assert "thiếu nơi nhận" not in all_text and "UBDT)" not in all_text


def test_attributions_inside_the_sentence(all_text: str):
    assert (
        "- Đề nghị Ban Dân vận Trung ương tổ chức tập huấn nghiệp vụ cho cán bộ dân vận cơ sở (Điện Biên)."
        in all_text
    )
    assert not re.search(r"\. \(\*?[A-ZĐ][^)]*\)", all_text)  # no '… cơ sở. (Điện Biên)'


def test_no_doubled_labels(all_text: str):
    assert not re.search(r"^- (\*\*)?[^:*\n]+(\*\*)?: [^:\n]+: ", all_text, re.M)
    assert "Điện Biên: Báo cáo bổ sung" not in all_text


def test_section_v_relays_what_provinces_recommend(all_text: str):
    assert "Đối với Ban Dân vận Trung ương" not in all_text
    assert "1. Các địa phương kiến nghị Ban Dân vận Trung ương:" in all_text
    assert "2. Các địa phương kiến nghị Ban cán sự đảng Ủy ban Dân tộc:" in all_text


@pytest.mark.parametrize("as_of", ["2022-04-01", "2022-07-01", "2022-12-31"])
def test_zero_count_clauses_are_left_out(as_of: str):
    text = _run("summarize", "--period", "2022H1", "--repo", str(DEMO), "--as-of", as_of)
    assert "(0)" not in text and "không có" not in text
    assert not re.search(r"\b0 (báo cáo|tỉnh|đơn vị)", text)


def test_cities_named_as_cities(summary: str):
    assert "TP. Hồ Chí Minh" in summary and "TP. Cần Thơ" in summary
    assert not re.search(r"(?<!TP\. )Hồ Chí Minh", summary)


def test_curly_quotes(summary: str, docs: dict[str, Path]):
    assert "Mô hình “Dân vận khéo” được công nhận" in summary
    assert not [t for t in _texts(docs["summary"]) if '"' in t]


def test_every_document_ends_with_dot_slash_dot(summary: str, reminder: str, docs):
    for text in (summary, reminder):
        before_signature = text.split("| **Nơi nhận:**")[0].rstrip()
        assert before_signature.endswith("./.")
    for path in docs.values():
        document = docx.Document(str(path))
        body = document.element.body
        signature = next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
        previous = signature._tbl.getprevious()
        while previous is not None and not "".join(previous.itertext()).strip():
            previous = previous.getprevious()
        assert previous is not None and "".join(previous.itertext()).endswith("./."), path
        assert body is not None


def test_a_deputy_signing_sends_a_copy_to_the_head(summary: str, reminder: str):
    for text in (summary, reminder):
        assert "<br>- Đ/c Trưởng Ban (để B/c),<br>" in text
    signed_by_head = _run("summarize", *COMMON, "--capacity", "", "--title", "TRƯỞNG BAN")
    assert "Đ/c Trưởng Ban" not in signed_by_head


def test_reminder_sets_a_new_deadline_and_copies_the_partner(reminder: str):
    assert "<br>- Ban cán sự đảng Ủy ban Dân tộc (để P/h),<br>" in reminder
    assert reminder.split("| **Nơi nhận:**")[0].rstrip().endswith("theo quy định./.")
    text = _run("remind", *COMMON, "--date", "2022-07-04", "--deadline", "2022-07-15")
    assert (
        "gửi văn bản về Ban Dân vận Trung ương và Ban cán sự đảng Ủy ban Dân tộc trước ngày 15/7/2022./."
        in text
    )
    early = runner.invoke(app, ["remind", *COMMON, "--deadline", "2022-06-30"])
    assert early.exit_code == 2 and "--deadline" in early.stderr


def test_annex_says_which_document_it_goes_with(summary: str, tmp_path: Path):
    assert "*(Kèm theo Báo cáo số      -BC/BDVTW, ngày 01/7/2022)*" in summary
    out = tmp_path / "bc.docx"
    _run("summarize", *COMMON, "--number", "125", "--date", "2022-07-15", "-o", str(out))
    assert "(Kèm theo Báo cáo số 125-BC/BDVTW, ngày 15/7/2022)" in _texts(out)


def test_headings_are_word_headings_and_body_a_named_style(docs: dict[str, Path]):
    document = docx.Document(str(docs["summary"]))
    by_style: dict[str, list[str]] = {}
    for p in document.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert [t[:3] for t in by_style["Heading 1"]] == ["I- ", "II-", "III", "IV-", "V- "]
    assert "1. Kết quả chủ yếu" in by_style["Heading 2"]
    assert any(t.startswith("Thực hiện Kế hoạch số") for t in by_style["Body Text"])
    for name in ("Heading 1", "Heading 2", "Body Text"):
        font = document.styles[name].font
        assert font.name == "Times New Roman" and font.size.pt == 14
    heading = document.styles["Heading 1"].font
    assert heading.bold and str(heading.color.rgb) == "000000" and heading.color.theme_color is None
    for p in document.paragraphs:  # headings look as their style says: no direct overrides
        if p.style.name.startswith("Heading"):
            assert all(r.bold is None and r.font.size is None for r in p.runs), p.text


def test_ooxml_property_children_in_schema_order(docs: dict[str, Path]):
    for path in [*docs.values(), TEMPLATES / "summary.docx", TEMPLATES / "reminder.docx"]:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("word/") and name.endswith(".xml"):
                    root = etree.fromstring(archive.read(name))
                    assert list(ooxml.misplaced(root)) == [], f"{path.name}:{name}"


def test_order_check_finds_a_misplaced_child():
    w = ooxml.W
    tbl_pr = etree.Element(f"{w}tblPr")
    for tag in ("tblLook", "jc", "tblBorders"):
        etree.SubElement(tbl_pr, f"{w}{tag}")
    assert list(ooxml.misplaced(tbl_pr)) == ["tblPr: tblLook before jc"]
    ooxml.sort(tbl_pr)
    assert [c.tag.removeprefix(w) for c in tbl_pr] == ["jc", "tblBorders", "tblLook"]
    assert list(ooxml.misplaced(tbl_pr)) == []
