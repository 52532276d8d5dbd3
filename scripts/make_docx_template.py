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
from docx.shared import Mm, Pt

FONT = "Times New Roman"
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
):
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.font.size, run.bold, run.italic, run.underline = Pt(size), bold, italic, underline
    p.paragraph_format.space_after = Pt(space_after)
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Mm(10)
    return p


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
    _para(
        doc,
        "{{ review_word|capitalize }} {{ period_label }} thực hiện Kế hoạch số {{ plan.number }}",
        bold=True,
        align=center,
        space_after=0,
    )
    _para(doc, "-----", align=center, space_after=12)
    _para(
        doc,
        "Thực hiện Kế hoạch số {{ plan.number }}, {{ plan.date }} và Công văn số {{ directive.number }}, "
        "{{ directive.date }} của Ban Dân vận Trung ương, tính đến {{ as_of }}, Ban Dân vận Trung ương "
        "tổng hợp kết quả thực hiện của {{ units }} tỉnh ủy, thành ủy trực thuộc Trung ương như sau:",
        indent=True,
    )
    _para(doc, "I- VIỆC CỤ THỂ HÓA KẾ HOẠCH VÀ RÀ SOÁT CHƯƠNG TRÌNH PHỐI HỢP", bold=True)
    _para(doc, "{%p for c in clauses %}")
    _para(doc, "{{ loop.index }}. {{ c.title }}", bold=True, indent=True)
    _para(
        doc,
        "{% if c.applies_to_all %}Có {{ c.met }}/{{ c.applicable }} tỉnh, thành đã thực hiện"
        "{% if c.late %} (trong đó {{ c.late|length }} đơn vị thực hiện chậm so với thời hạn){% endif %}."
        "{% else %}Có {{ c.applicable }}/{{ units }} tỉnh, thành đã ký chương trình phối hợp; trong đó "
        "{{ c.met }}/{{ c.applicable }} đơn vị đã rà soát, bổ sung"
        "{% if c.late %} ({{ c.late|length }} đơn vị chậm){% endif %}.{% endif %}",
        indent=True,
    )
    _para(
        doc,
        "Theo vùng: {% for r in c.by_region %}{{ r.region }} {{ r.met }}/{{ r.applicable }}"
        "{{ '; ' if not loop.last }}{% endfor %}.",
        indent=True,
    )
    _para(doc, "{%p if c.missing %}")
    _para(doc, "Chưa thực hiện ({{ c.missing|length }}): {{ c.missing|join(', ') }}.", indent=True)
    _para(doc, "{%p endif %}")
    _para(doc, "{%p endfor %}")
    _para(doc, "II- VIỆC BÁO CÁO {{ period_label|upper }}", bold=True)
    _para(
        doc,
        "Thời hạn gửi báo cáo: {{ reporting.due }}. Đã nhận báo cáo của {{ reporting.reported }}/"
        "{{ reporting.total }} tỉnh, thành.",
        indent=True,
    )
    _para(
        doc,
        "- Đúng hạn ({{ reporting.on_time|length }}): {{ reporting.on_time|join(', ') if reporting.on_time "
        "else 'không có' }}.",
        indent=True,
    )
    _para(
        doc,
        "- Chậm ({{ reporting.late|length }}): {% for l in reporting.late %}{{ l.name }} ({{ l.days }} ngày)"
        "{{ ', ' if not loop.last }}{% else %}không có{% endfor %}.",
        indent=True,
    )
    _para(
        doc,
        "- Chưa đầy đủ ({{ reporting.incomplete|length }}): {% for i in reporting.incomplete %}{{ i.name }} "
        "({{ i.reason }}){{ ', ' if not loop.last }}{% else %}không có{% endfor %}.",
        indent=True,
    )
    _para(
        doc,
        "- Chưa báo cáo ({{ reporting.missing|length }}): {{ reporting.missing|join(', ') if "
        "reporting.missing else 'không có' }}.",
        indent=True,
    )
    _para(doc, "III- KẾT QUẢ THỰC HIỆN", bold=True)
    _para(doc, "1. Kết quả chủ yếu", bold=True, indent=True)
    _para(doc, "{{p indicator_table }}")
    _para(doc, "{%p for i in indicators %}")
    _para(
        doc,
        "- {{ i.label }}: {% for r in i.by_region %}{{ r.region }} {{ r.total }}{{ '; ' if not loop.last }}"
        "{% endfor %}.",
        indent=True,
    )
    _para(doc, "{%p endfor %}")
    _para(doc, "2. Một số kết quả nổi bật", bold=True, indent=True)
    _para(doc, "{%p for h in highlights %}")
    _para(doc, "- {{ h.province }}: {{ h.text }}", indent=True)
    _para(doc, "{%p endfor %}")
    _para(doc, "IV- HẠN CHẾ, NGUYÊN NHÂN", bold=True)
    _para(
        doc,
        "- Còn {{ reporting.missing|length }} tỉnh, thành chưa gửi báo cáo, {{ reporting.incomplete|length }} "
        "báo cáo chưa gửi đủ nơi nhận theo quy định và {{ reporting.late|length }} báo cáo gửi chậm.",
        indent=True,
    )
    _para(doc, "{%p for c in clauses %}")
    _para(doc, "{%p if c.missing %}")
    _para(
        doc,
        "- Còn {{ c.missing|length }} đơn vị chưa thực hiện nhiệm vụ tại điểm {{ c.clause }} Công văn "
        "{{ directive.number }}.",
        indent=True,
    )
    _para(doc, "{%p endif %}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p for d in difficulties %}")
    _para(doc, "- {{ d.province }}: {{ d.text }}", indent=True)
    _para(doc, "{%p endfor %}")
    _para(doc, "V- KIẾN NGHỊ, ĐỀ XUẤT", bold=True)
    _para(doc, "{%p for g in recommendations %}")
    _para(doc, "{{ loop.index }}. {{ g.heading }}:", bold=True, indent=True)
    _para(doc, "{%p for item in g.entries %}")
    _para(doc, "- {{ item.text }} ({{ item.province }})", indent=True)
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endfor %}")
    _para(
        doc,
        "Đề nghị Ban Dân vận các tỉnh ủy, thành ủy tiếp tục phối hợp chặt chẽ với Ban cán sự đảng Ủy ban "
        "nhân dân tỉnh, thành phố thực hiện có hiệu quả Kế hoạch số {{ plan.number }}; gửi báo cáo đúng thời "
        "hạn, đủ nơi nhận theo quy định.",
        indent=True,
    )


def _signature(doc, recipients: list[str]) -> None:
    table = doc.add_table(rows=1, cols=2)
    _borderless(table)
    # The signature block stays whole: never the signer's name alone on a page.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    _para(
        left, "Nơi nhận:", bold=True, underline=True, space_after=0, align=WD_ALIGN_PARAGRAPH.LEFT
    )
    for line in recipients:
        _para(left, line, size=12, space_after=0, align=WD_ALIGN_PARAGRAPH.LEFT)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(right, "{{ header.capacity }}", bold=True, align=center, space_after=0)
    _para(right, "{{ header.title }}", bold=True, align=center, space_after=72)
    _para(right, "{{ header.signer }}", bold=True, align=center, space_after=0)
    for cell in (left, right):
        first = cell.paragraphs[0]
        first._element.getparent().remove(first._element)


def _annex(doc) -> None:
    doc.add_page_break()
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "PHỤ LỤC 1", bold=True, align=center, space_after=0)
    _para(
        doc,
        "TÌNH HÌNH THỰC HIỆN CỦA CÁC TỈNH, THÀNH (đến {{ as_of_short }})",
        bold=True,
        align=center,
    )
    _para(doc, "{{p annex_table }}")
    _para(doc, "{{ annex.legend }}", size=12, italic=True)
    _para(doc, "PHỤ LỤC 2", bold=True, align=center, space_after=0)
    _para(doc, "VĂN BẢN CỤ THỂ HÓA, RÀ SOÁT CỦA CÁC TỈNH, THÀNH", bold=True, align=center)
    _para(doc, "{{p documents_table }}")


SUMMARY_RECIPIENTS = [
    "- Bộ Chính trị, Ban Bí thư (để b/c),",
    "{%p for r in recipients %}",
    "- {{ r }}",
    "{%p endfor %}",
    "- Ban Dân vận các tỉnh ủy, thành ủy,",
    "- Lưu VT.",
]


def _letter(doc) -> None:
    """The reminder letter's body: Kính gửi, the provinces and what each owes, the request."""
    _para(doc, "")
    _para(doc, "{%p if addressees|length == 1 %}", space_after=0)
    _para(doc, "Kính gửi: {{ addressees[0] }}.", indent=True, space_after=12)
    _para(doc, "{%p else %}", space_after=0)
    _para(doc, "Kính gửi:", indent=True, space_after=0)
    _para(doc, "{%p for a in addressees %}", space_after=0)
    _para(doc, "- {{ a }}{{ ',' if not loop.last else '.' }}", indent=True, space_after=0)
    _para(doc, "{%p endfor %}", space_after=0)
    _para(doc, "{%p endif %}", space_after=0)
    _para(
        doc,
        "Thực hiện Kế hoạch số {{ plan.number }}, {{ plan.date }} và Công văn số {{ directive.number }}, "
        "{{ directive.date }} của Ban Dân vận Trung ương, đến {{ as_of }}, Ban Dân vận Trung ương chưa "
        "nhận đủ văn bản của {{ provinces|length }} tỉnh ủy, thành ủy sau:",
        indent=True,
    )
    _para(doc, "{{p owed_table }}")
    _para(
        doc,
        "Ban Dân vận Trung ương đề nghị Ban Dân vận các tỉnh ủy, thành ủy nêu trên khẩn trương hoàn "
        "thành, gửi văn bản về {{ send_to|join(' và ') }} theo quy định.",
        indent=True,
    )


def _save(doc, path: Path, title: str) -> Path:
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
    _signature(doc, SUMMARY_RECIPIENTS)
    _annex(doc)
    return _save(doc, path, "Báo cáo tổng hợp")


def build_reminder(path: Path = REMINDER_OUT) -> Path:
    doc = Document()
    _setup(doc)
    _heading_block(doc, subject=True)
    _letter(doc)
    _signature(doc, ["- Như trên,", "- Lưu VT."])
    return _save(doc, path, "Công văn đôn đốc")


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT.parent
    print(build(folder / "summary.docx"), build_reminder(folder / "reminder.docx"))
