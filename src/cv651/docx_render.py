"""The DOCX output: the docxtpl template filled in a sandbox, tables built with python-docx.

The only module that touches the DOCX libraries. Tables whose columns depend on
the plan (the annex) are built here and placed at `{{p annex_table }}` and the
like, so a clerk can still move them around in Word.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import jinja2
from docxtpl import DocxTemplate
from markupsafe import Markup

from cv651.errors import TemplateError
from cv651.summarize import Cell, Table
from cv651.templating import bounded, sandbox


def render_docx(template: Path, context: dict[str, Any], tables: dict[str, Table]) -> bytes:
    """Fill the template; each of `tables` is placed where `{{p name }}` stands."""
    try:
        document = DocxTemplate(str(template))
        built = {name: _table(document, spec) for name, spec in tables.items()}
        with bounded(str(template)):
            document.render(
                {**context, **built}, jinja_env=sandbox(autoescape=True), autoescape=True
            )
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


def _table(document: DocxTemplate, table: Table) -> Markup:
    """A bordered table ("Table Grid") as WordprocessingML, placed by `{{p name }}`.

    Written as XML text: python-docx builds a table cell by cell through its
    object model, which took 0.85 s of a 1.6 s `summarize` for 63 provinces. The
    `w` prefix is the document's own: a declaration here too made lxml reconcile
    namespaces node by node (6 s of 11 s for 3,321 communes). Rows never split
    across pages, and the header row repeats on every page.
    """
    section = document.get_docx().sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) / 635
    total = sum(table.weights)
    widths = [int(text_width * w / total) for w in table.weights]  # twentieths of a point
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    header = _row(table.headers, widths, "c" * len(widths), header=True)
    body = "".join(_row(values, widths, table.align) for values in table.rows)
    return Markup(
        f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        f'<w:tblLook w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{header}{body}</w:tbl>"
    )


_FONT = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'
_JUSTIFY = {"l": "left", "c": "center", "r": "right"}


def _row(values: Sequence[Cell], widths: list[int], align: str, *, header: bool = False) -> str:
    flags = "<w:cantSplit/><w:tblHeader/>" if header else "<w:cantSplit/>"
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        + "".join(_paragraph(line, _JUSTIFY[how], bold=header) for line in _lines(value))
        + "</w:tc>"
        for value, width, how in zip(values, widths, align, strict=True)
    )
    return f"<w:tr><w:trPr>{flags}</w:trPr>{cells}</w:tr>"


def _lines(value: Cell) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _paragraph(text: str, justify: str, *, bold: bool) -> str:
    weight = "<w:b/>" if bold else ""
    return (
        f'<w:p><w:pPr><w:spacing w:before="20" w:after="20"/><w:jc w:val="{justify}"/></w:pPr>'
        f'<w:r><w:rPr>{_FONT}{weight}<w:sz w:val="24"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
    )
