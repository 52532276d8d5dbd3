"""Build templates/summary.docx, the docxtpl template of the synthesis report.

Run `python scripts/make_docx_template.py` after changing this script; the
result is committed so that cv651 needs no build step. Layout: Hướng dẫn
36-HD/VPTW on Party documents (A4, Times New Roman, the two-column header, the
signature and recipients side by side, page numbers from page 2).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from cv651 import ooxml

FONT = "Times New Roman"
BODY = "Body Text"  # every paragraph of running text: a named style a clerk can change once
OUT = Path(__file__).resolve().parents[1] / "templates" / "summary.docx"
REMINDER_OUT = OUT.with_name("reminder.docx")


def _font(style, size: float) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _para(
    container,
    text="",
    *,
    size=14,
    bold=False,
    italic=False,
    underline=False,
    align=None,
    space_after=6,
    indent=False,
    style=None,
):
    p = container.add_paragraph(style=style)
    if text and style is not None:
        p.add_run(text)  # the style decides how it looks
    elif text:
        run = p.add_run(text)
        run.font.size, run.bold, run.italic, run.underline = Pt(size), bold, italic, underline
    if style is None:
        p.paragraph_format.space_after = Pt(space_after)
    if align is not None:
        p.alignment = align
    if indent and style is None:
        p.paragraph_format.first_line_indent = Mm(10)
    return p


def _text(container, text: str) -> None:
    """A paragraph of running text, in the body style."""
    _para(container, text, style=BODY)


def _heading(container, text: str, level: int) -> None:
    """A section heading in Word's own heading style (the navigation pane and a table of
    contents see it), restyled to look as HD 36 wants: 14 bold, black, Times New Roman."""
    _para(container, text, style=f"Heading {level}")


def _tag(container, text: str) -> None:
    """A docxtpl `{%p … %}` line: removed when rendered."""
    _para(container, text, space_after=0)


def _borderless(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _page_number(paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def _setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(header)
    _font(doc.styles["Normal"], 14)
    doc.styles["Normal"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name in ("Table Grid",):
        _font(doc.styles[name], 13)
    _styles(doc)


def _styles(doc) -> None:
    """Body text and headings as named styles, in the look of HD 36: 14 upright, justified,
    first-line indent; headings 14 bold, black (Word's blue theme headings removed)."""
    body = doc.styles[BODY]
    _font(body, 14)
    body_format = body.paragraph_format
    body_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body_format.first_line_indent = Mm(10)
    body_format.space_before, body_format.space_after = Pt(0), Pt(6)
    for level, indent in ((1, None), (2, Mm(10))):
        for name in (f"Heading {level}", f"Heading {level} Char"):
            style = doc.styles[name]
            _font(style, 14)
            style.font.bold, style.font.italic = True, False
            style.font.color.rgb = RGBColor(0, 0, 0)
            color = style.element.rPr.find(qn("w:color"))
            for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
                color.attrib.pop(qn(attr), None)
        heading = doc.styles[f"Heading {level}"].paragraph_format
        heading.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        heading.space_before, heading.space_after = Pt(6), Pt(6)
        heading.first_line_indent = indent
        heading.keep_with_next = True


def _heading_block(doc, *, subject: bool = False) -> None:
    table = doc.add_table(rows=1, cols=2)
    _borderless(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(75), Mm(90)
    center = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].text = ""
    _para(left, "{{ header.superior }}", align=center, space_after=0)
    _para(left, "{{ header.issuer }}", bold=True, align=center, space_after=0)
    _para(left, "*", align=center, space_after=0)
    _para(left, "{{ header.number }}", align=center, space_after=0)
    if subject:  # a letter (công văn): its summary under the number, 12 italic
        _para(left, "{{ subject }}", size=12, italic=True, align=center, space_after=0)
    _para(
        right,
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        size=15,
        bold=True,
        underline=True,
        align=center,
        space_after=12,
    )
    _para(right, "{{ header.place_date }}", italic=True, align=center, space_after=0)
    for cell in (left, right):
        first = cell.paragraphs[0]
        first._element.getparent().remove(first._element)


def _body(doc) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "")
    _para(doc, "BÁO CÁO", size=15, bold=True, align=center, space_after=0)
    _para(doc, "{{ summary }}", bold=True, align=center, space_after=0)
    _para(doc, "-----", align=center, space_after=12)
    _text(
        doc,
        "Thực hiện Kế hoạch số {{ plan.number }}, {{ plan.date }} và Công văn số {{ directive.number }}, "
        "{{ directive.date }} của {{ office }}, tính đến {{ as_of }}, {{ office }} "
        "tổng hợp kết quả thực hiện của các tỉnh, thành phố trực thuộc Trung ương như sau:",
    )
    _tag(doc, "{%p if left_out %}")
    _text(doc, "{{ left_out }}")
    _tag(doc, "{%p endif %}")
    _heading(doc, "I- VIỆC CỤ THỂ HÓA KẾ HOẠCH VÀ RÀ SOÁT CHƯƠNG TRÌNH PHỐI HỢP", 1)
    _tag(doc, "{%p for c in clauses %}")
    _heading(doc, "{{ loop.index }}. {{ c.title }}", 2)
    _text(
        doc,
        "{% if c.applies_to_all %}Có {{ c.met }}/{{ c.applicable }} tỉnh, thành đã thực hiện "
        "(hạn ngày {{ c.due }}){% if c.late %}, trong đó {{ c.late|length }} đơn vị thực hiện chậm"
        "{% endif %}.{% elif c.applicable %}Có {{ c.applicable }}/{{ units }} tỉnh, thành đã ký "
        "chương trình phối hợp; trong đó {{ c.met }}/{{ c.applicable }} đơn vị đã rà soát, bổ sung "
        "(hạn ngày {{ c.due }}){% if c.late %}, {{ c.late|length }} đơn vị thực hiện chậm"
        "{% endif %}.{% else %}Chưa có tỉnh, thành nào thuộc diện thực hiện nhiệm vụ này.{% endif %}",
    )
    _tag(doc, "{%p if c.by_region %}")
    _text(
        doc,
        "Theo vùng: {% for r in c.by_region %}{{ r.region }} {{ r.met }}/{{ r.applicable }}"
        "{{ '; ' if not loop.last }}{% endfor %}.",
    )
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if c.missing %}")
    _text(doc, "Chưa thực hiện ({{ c.missing|length }}): {{ c.missing|join(', ') }}.")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    _heading(doc, "II- VIỆC BÁO CÁO {{ period_label|upper }}", 1)
    _text(
        doc,
        "Thời hạn gửi báo cáo: ngày {{ reporting.due }}. Đã nhận báo cáo của "
        "{{ reporting.reported }}/{{ reporting.total }} tỉnh, thành.",
    )
    for test, line in (
        (
            "reporting.on_time",
            "- Đúng hạn ({{ reporting.on_time|length }}): {{ reporting.on_time|join(', ') }}.",
        ),
        (
            "reporting.late",
            "- Chậm ({{ reporting.late|length }}): {% for l in reporting.late %}"
            "{{ l.name }} ({{ l.days }} ngày){{ ', ' if not loop.last }}{% endfor %}.",
        ),
        (
            "reporting.incomplete",
            "- Chưa đầy đủ ({{ reporting.incomplete|length }}): "
            "{% for i in reporting.incomplete %}{{ i.name }} ({{ i.unsent }})"
            "{{ ', ' if not loop.last }}{% endfor %}.",
        ),
        (
            "reporting.missing",
            "- Chưa báo cáo ({{ reporting.missing|length }}): {{ reporting.missing|join(', ') }}.",
        ),
    ):
        _tag(doc, f"{{%p if {test} %}}")
        _text(doc, line)
        _tag(doc, "{%p endif %}")
    _heading(doc, "III- KẾT QUẢ THỰC HIỆN", 1)
    _heading(doc, "1. Kết quả chủ yếu", 2)
    _tag(doc, "{%p if indicators %}")
    _para(doc, "{{p indicator_table }}")
    _para(doc, "", space_after=0)
    _tag(doc, "{%p for i in indicators %}")
    _text(
        doc,
        "- {{ i.label }}: {% for r in i.by_region %}{{ r.region }} {{ r.total }}"
        "{{ '; ' if not loop.last }}{% endfor %}.",
    )
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p else %}")
    _text(doc, "Chưa có số liệu.")
    _tag(doc, "{%p endif %}")
    _heading(doc, "2. Một số kết quả nổi bật", 2)
    _tag(doc, "{%p for h in highlights %}")
    _text(doc, "- {{ h.sentence }}")
    _tag(doc, "{%p endfor %}")
    _heading(doc, "IV- HẠN CHẾ, NGUYÊN NHÂN", 1)
    _tag(doc, "{%p if reporting.shortfalls %}")
    _text(doc, "- Còn {{ reporting.shortfalls }}.")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p for c in clauses %}")
    _tag(doc, "{%p if c.missing %}")
    _text(
        doc,
        "- Còn {{ c.missing|length }} đơn vị chưa thực hiện nhiệm vụ tại điểm {{ c.clause }} "
        "Công văn số {{ directive.number }}.",
    )
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p for d in difficulties %}")
    _text(doc, "- {{ d.sentence }}")
    _tag(doc, "{%p endfor %}")
    _heading(doc, "V- KIẾN NGHỊ, ĐỀ XUẤT", 1)
    _tag(doc, "{%p for g in recommendations %}")
    _heading(doc, "{{ loop.index }}. {{ g.heading }}:", 2)
    _tag(doc, "{%p for item in g.entries %}")
    _text(doc, "- {{ item.sentence }}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endfor %}")
    _text(
        doc,
        "{{ office }} đề nghị {{ request_to }} thực hiện có hiệu quả Kế hoạch số {{ plan.number }}; "
        "gửi báo cáo đúng thời hạn, đủ nơi nhận theo quy định./.",
    )


def _signature(doc) -> None:
    table = doc.add_table(rows=1, cols=2)
    _borderless(table)
    # The signature block stays whole: never the signer's name alone on a page.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    left.width, right.width = Mm(85), Mm(80)
    _para(
        left, "Nơi nhận:", bold=True, underline=True, space_after=0, align=WD_ALIGN_PARAGRAPH.LEFT
    )
    _tag(left, "{%p for r in recipients %}")
    _para(left, "{{ r }}", size=12, space_after=0, align=WD_ALIGN_PARAGRAPH.LEFT)
    _tag(left, "{%p endfor %}")
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(right, "{{ header.capacity }}", bold=True, align=center, space_after=0)
    _para(right, "{{ header.title }}", bold=True, align=center, space_after=72)
    _para(right, "{{ header.signer }}", bold=True, align=center, space_after=0)
    for cell in (left, right):
        first = cell.paragraphs[0]
        first._element.getparent().remove(first._element)


def _annex_title(doc, name: str, title: str, of: str) -> None:
    """PHỤ LỤC …, its title, and which document it goes with: '(Kèm theo Báo cáo số …)'."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, name, bold=True, align=center, space_after=0)
    _para(doc, title, bold=True, align=center, space_after=0)
    _para(doc, of, italic=True, align=center, space_after=0)


def _annex(doc) -> None:
    doc.add_page_break()
    _annex_title(doc, "PHỤ LỤC 1", "TÌNH HÌNH THỰC HIỆN CỦA CÁC TỈNH, THÀNH PHỐ", "{{ annex.of }}")
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "(tính đến ngày {{ as_of_short }})", italic=True, align=center)
    _para(doc, "{{p annex_table }}")
    _para(doc, "Ghi chú: {{ annex.legend }}", size=12, italic=True)
    _annex_title(
        doc,
        "PHỤ LỤC 2",
        "VĂN BẢN CỤ THỂ HÓA, RÀ SOÁT CỦA CÁC TỈNH, THÀNH PHỐ",
        "{{ annex.of }}",
    )
    _para(doc, "", space_after=0)
    _para(doc, "{{p documents_table }}")


def _letter(doc) -> None:
    """The reminder letter's body: Kính gửi, the provinces and what each owes, the request."""
    _para(doc, "")
    _tag(doc, "{%p if addressees|length == 1 %}")
    _para(doc, "Kính gửi: {{ addressees[0] }}", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    _tag(doc, "{%p else %}")
    # 'Kính gửi:' then the addressees one under the other, as the seed letter sets them.
    _para(doc, "Kính gửi:", align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0, indent=True)
    _tag(doc, "{%p for a in addressees %}")
    p = _para(doc, "- {{ a }}", align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    p.paragraph_format.left_indent = Mm(38)  # a wrapped line aligns after the '- '
    p.paragraph_format.first_line_indent = Mm(-3)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")
    _para(doc, "", space_after=0)
    _text(
        doc,
        "Thực hiện Kế hoạch số {{ plan.number }}, {{ plan.date }} và Công văn số {{ directive.number }}, "
        "{{ directive.date }} của {{ office }}, tính đến {{ as_of }}, {{ office }} chưa "
        "nhận đủ văn bản của {{ provinces|length }} tỉnh, thành phố "
        "{{ '(có danh sách kèm theo).' if listed else 'sau:' }}",
    )
    _tag(doc, "{%p if left_out %}")
    _text(doc, "{{ left_out }}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if not listed %}")
    _para(doc, "{{p owed_table }}")
    _para(doc, "", space_after=0)  # air between the table and the text after it
    _tag(doc, "{%p endif %}")
    _text(
        doc,
        "{{ office }} đề nghị {{ asked }} {{ 'có tên trong danh sách' if listed else 'nêu trên' }} "
        "khẩn trương hoàn thành, gửi văn bản về {{ send_to }} {{ deadline }}./.",
    )


def _reminder_annex(doc) -> None:
    _tag(doc, "{%p if listed %}")
    doc.add_page_break()
    _annex_title(doc, "DANH SÁCH", "CÁC TỈNH, THÀNH PHỐ CHƯA GỬI ĐỦ VĂN BẢN", "{{ annex_of }}")
    _para(doc, "(tính đến ngày {{ as_of_short }})", italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "{{p owed_table }}")
    _para(doc, "", space_after=0)  # air between the table and the text after it
    _tag(doc, "{%p endif %}")


def _save(doc, path: Path, title: str) -> Path:
    for root in (doc.element, doc.styles.element, *(s.header._element for s in doc.sections)):
        ooxml.sort(root)  # python-docx appends some properties out of order
    # Fixed metadata keeps the file the same from run to run.
    props = doc.core_properties
    props.author, props.title, props.last_modified_by = "cv651", title, "cv651"
    props.revision = 1
    props.created = props.modified = datetime(2022, 1, 1)
    doc.save(path)
    return path


def build(path: Path = OUT) -> Path:
    doc = Document()
    _setup(doc)
    _heading_block(doc)
    _body(doc)
    _signature(doc)
    _annex(doc)
    return _save(doc, path, "Báo cáo tổng hợp")


def build_reminder(path: Path = REMINDER_OUT) -> Path:
    doc = Document()
    _setup(doc)
    _heading_block(doc, subject=True)
    _letter(doc)
    _signature(doc)
    _reminder_annex(doc)
    return _save(doc, path, "Công văn đôn đốc")


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT.parent
    print(build(folder / "summary.docx"), build_reminder(folder / "reminder.docx"))
