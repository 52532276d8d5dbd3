"""The DOCX output: the docxtpl template filled in a sandbox, tables built with python-docx.

The only module that touches the DOCX libraries. Tables whose columns depend on
the plan (the annex) are built here and placed at `{{p annex_table }}` and the
like, so a clerk can still move them around in Word.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import jinja2
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docxtpl import DocxTemplate

from cv651.errors import TemplateError
from cv651.templating import sandbox


def render_docx(template: Path, context: dict[str, Any]) -> bytes:
    try:
        document = DocxTemplate(str(template))
        tables = {
            "indicator_table": _table(
                document,
                ["Chỉ tiêu", "Đơn vị tính", "Tổng số", "Số đơn vị báo cáo"],
                [
                    [i["label"], i["unit"], i["total"], str(i["provinces"])]
                    for i in context["indicators"]
                ],
            ),
            "annex_table": _table(
                document,
                ["Mã", "Tỉnh, thành phố", *context["annex"]["headers"]],
                [[r["code"], r["name"], *r["cells"]] for r in context["annex"]["rows"]]
                + [["", "Tổng", *context["annex"]["totals"]]],
            ),
            "documents_table": _table(
                document,
                ["Điểm", "Tỉnh, thành phố", "Số văn bản", "Ngày"],
                [
                    [str(c["clause"]), d["province"], d["number"], d["date"]]
                    for c in context["clauses"]
                    for d in c["documents"]
                ],
            ),
        }
        document.render({**context, **tables}, jinja_env=sandbox(autoescape=True), autoescape=True)
        out = io.BytesIO()
        document.save(out)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"{template}:{exc.lineno}: template syntax error: {exc.message}"
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{template}: {type(exc).__name__}: {exc}") from None
    except (KeyError, ValueError, OSError) as exc:  # not a DOCX, or a broken one
        raise TemplateError(f"{template}: cannot use this DOCX template: {exc}") from None
    return out.getvalue()


def _table(document: DocxTemplate, headers: list[str], rows: list[list[str]]) -> Any:
    subdoc = document.new_subdoc()
    table = subdoc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _text(cell, text, bold=True)
    _repeat_header(table.rows[0])
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            _text(cell, text)
    return subdoc


def _text(cell: Any, text: str, *, bold: bool = False) -> None:
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    run.font.size = Pt(12)
    run.font.name = "Times New Roman"


def _repeat_header(row: Any) -> None:
    """Mark the row as a header row, repeated at the top of every page."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)
