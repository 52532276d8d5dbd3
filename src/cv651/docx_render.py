"""The DOCX output: the docxtpl template filled in a sandbox, tables built with python-docx.

The only module that touches the DOCX libraries. Tables whose columns depend on
the plan (the annex) are built here and placed at `{{p annex_table }}` and the
like, so a clerk can still move them around in Word.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docxtpl import DocxTemplate
from markupsafe import Markup

from cv651 import sandbox as limits
from cv651.docnumbers import ISSUER, TYPE
from cv651.docx_package import PackageProblem, check_package
from cv651.errors import Cv651Error, TemplateError
from cv651.i18n import _
from cv651.summarize import Cell, Table
from cv651.templating import template_error, template_line

MAX_DOCX_BYTES = 20 * 1024 * 1024  # a template is ~30 kB; a logo or two stay far below


def render_docx(template: Path, context: dict[str, Any], tables: dict[str, Table]) -> bytes:
    """Fill the template; each of `tables` is placed where `{{p name }}` stands."""
    name = str(template)
    _check_package(template)
    env = limits.Sandbox(xml=True)
    try:
        with limits.bounded():
            document = DocxTemplate(name)
            built = {key: _table(document, spec) for key, spec in tables.items()}
            marks = {key: Markup(_placeholder(key)) for key in tables}
            document.render({**context, **marks}, jinja_env=env, autoescape=True)
            keep_numbers_whole(document.docx.element.body)  # get_docx() reloads the template
            out = io.BytesIO()
            document.save(out)
            return _place_tables(out.getvalue(), built)
    except Cv651Error:
        raise
    except SyntaxError as exc:
        if type(exc).__name__ != "XMLSyntaxError":  # lxml's, from a broken part
            raise template_error(name, exc, _where(name, exc, env.last_source)) from None
        message = _("{path}: cannot use this DOCX template: broken XML: {error}")
        raise TemplateError(message.format(path=name, error=exc)) from None
    except (Exception, limits.Expired) as exc:  # the template is the user's: anything
        raise template_error(name, exc, _where(name, exc, env.last_source)) from None


def _placeholder(key: str) -> str:
    return f"<w:p><w:r><w:t>cv651-table-{key}</w:t></w:r></w:p>"


def _place_tables(package: bytes, tables: dict[str, str]) -> bytes:
    """Each table replaces its placeholder paragraph in the saved document.

    The tables go in after docxtpl's render, not through it: docxtpl re-read
    every cell with its regular expressions and lxml parsed and re-serialized
    them, 1.5 s and 150 MB of `summarize` for 3,321 units (issue 17).
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                for key, xml in tables.items():
                    text = text.replace(_placeholder(key), xml)
                data = text.encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


def _check_package(template: Path) -> None:
    """Refuse what is not a DOCX, or would unpack to more than it should, before
    python-docx reads it (docx_package, shared with `cv651 ingest`)."""
    try:
        check_package(template, MAX_DOCX_BYTES)
    except PackageProblem as exc:
        message = _("{path}: cannot use this DOCX template: {why}")
        raise TemplateError(message.format(path=template, why=exc.why)) from None


_TAGS = re.compile(r"<[^>]+>")


def _where(name: str, exc: BaseException, source: str) -> str:
    """A DOCX template has no lines a clerk can see: docxtpl puts each paragraph of
    the XML it compiles on a line of its own, so the line names the paragraph."""
    line = template_line(exc)
    lines = source.splitlines()
    if not isinstance(line, int) or not 0 < line <= len(lines):
        return name
    text = " ".join(_TAGS.sub("", lines[line - 1]).split())
    if not text:
        return name
    shown = text if len(text) <= 80 else text[:79] + "…"
    return _('{path}, in the paragraph "{text}"').format(path=name, text=shown)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A Party document number, N-TYPE/ISSUER[-ISSUER]: '40-KH/BDVTW-BCSĐUBDT', or a draft's '-BC/BDVTW'.
_NUMBER = re.compile(rf"(?<![\w/])\d*-{TYPE}/{ISSUER}(?:-{ISSUER})*")
_JOINER = "\u2060"  # word joiner: no line break after the slash
_DAY = re.compile(r"ngày (?=\d)")


def keep_numbers_whole(body: Any) -> None:
    """A document number never breaks across lines: its hyphens become Word's non-breaking
    hyphen (`w:noBreakHyphen`) and a word joiner follows each slash. A city's 'TP.' and a
    date's 'ngày' keep to what follows with a no-break space. (The tables get the same
    from `_unbreakable_xml`: they are placed after this runs.)"""
    for text in list(body.iter(f"{_W}t")):
        value = text.text or ""
        if (fixed := _no_break_spaces(value)) != value:
            text.text = value = fixed
        if "/" not in value or not _NUMBER.search(value):
            continue
        run, at = text.getparent(), text.getparent().index(text)
        run.remove(text)
        for offset, element in enumerate(_unbreakable(value, text.makeelement)):
            run.insert(at + offset, element)


def _no_break_spaces(value: str) -> str:
    if "TP. " in value or "ngày " in value:  # 'TP. Hồ Chí Minh', 'ngày 15/7/2022' whole
        return _DAY.sub("ngày\u00a0", value.replace("TP. ", "TP.\u00a0"))
    return value


def _pieces(value: str) -> list[str | None]:
    """The text cut where a number's hyphens go: None for each non-breaking hyphen."""
    pieces: list[str | None] = []
    last = 0
    for match in _NUMBER.finditer(value):
        pieces.append(value[last : match.start()])
        for n, part in enumerate(match.group().split("-")):
            if n:
                pieces.append(None)
            pieces.append(part.replace("/", "/" + _JOINER))
        last = match.end()
    pieces.append(value[last:])
    return [p for p in pieces if p != ""]


def _unbreakable(value: str, make: Any) -> list[Any]:
    elements = []
    for piece in _pieces(value):
        if piece is None:
            elements.append(make(f"{_W}noBreakHyphen", {}))
        else:
            t = make(f"{_W}t", {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
            t.text = piece
            elements.append(t)
    return elements


def _unbreakable_xml(text: str) -> str:
    """`keep_numbers_whole` for a cell's text, as WordprocessingML run content."""
    value = _no_break_spaces(text)
    pieces = _pieces(value) if "/" in value else [value]
    return (
        "".join(
            "<w:noBreakHyphen/>"
            if piece is None
            else f'<w:t xml:space="preserve">{escape(piece)}</w:t>'
            for piece in pieces
        )
        or '<w:t xml:space="preserve"></w:t>'
    )


def _table(document: DocxTemplate, table: Table) -> str:
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
    return (
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
        f"{_unbreakable_xml(text)}</w:r></w:p>"
    )
