"""XLSX output, written as SpreadsheetML text into a zip: the only module that writes it.

Each sheet prints on its own: a title row with the plan and the as-of date, the
table with a bold header row that repeats on every printed page, a totals row
and a legend; A4 landscape, one page wide, page numbers in the footer. On
screen: the header row and the code and name columns frozen, filters, column
widths that fit the Vietnamese names, real dates, a fill per requirement state.

Written as text, as the DOCX tables are (cv651.docx_render): openpyxl styles
and writes each cell through its object model, 35 s for 3,321 units (1.5 s
in its write-only mode); these few templates take a tenth of a second (issue 17).
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from cv651.coverage import State
from cv651.export import Cell, Sheet

FILLS = {  # light fills that print legibly in black and white too
    State.ON_TIME: "C6EFCE",
    State.LATE: "FFEB9C",
    State.INCOMPLETE: "E4C1F9",
    State.OVERDUE: "FFC7CE",
    State.PENDING: "EDEDED",
    State.NOT_APPLICABLE: "FFFFFF",
    State.INVALID: "D9D9D9",
}
MAX_WIDTH = 32  # wider text wraps: the sheet must print one page wide
FONT = "Times New Roman"
LINE_HEIGHT = 15  # points: one line of 11-point text
_EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's serial dates (1900 system)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Cell formats (styles.xml cellXfs), by index: fonts 1 plain, 2 bold, 3 bold 13 pt,
# 4 italic 13 pt, 5 italic (Times New Roman); border 1 the thin grey grid; fills 2..
# the states'.
_TEXT, _NUMBER, _DATE, _HEADER, _TOTAL, _TOTAL_NUMBER = 1, 2, 3, 4, 5, 6
_FILL = {state: 7 + i for i, state in enumerate(FILLS)}
_TITLE, _SUBTITLE, _LEGEND = 7 + len(FILLS), 8 + len(FILLS), 9 + len(FILLS)
_WRAP = '<alignment vertical="top" wrapText="1"/>'
_CENTER = '<alignment horizontal="center" vertical="top"/>'


def to_xlsx(sheets: list[Sheet]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in _package(sheets).items():
            package.writestr(name, text)
    return out.getvalue()


def _package(sheets: list[Sheet]) -> dict[str, str]:
    ns = "http://schemas.openxmlformats.org/"
    kinds = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{kinds}.worksheet+xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    rels = "".join(
        f'<Relationship Id="rId{n}" Target="worksheets/sheet{n}.xml" '
        f'Type="{ns}officeDocument/2006/relationships/worksheet"/>'
        for n in range(1, len(sheets) + 1)
    )
    entries, names = [], []
    for n, sheet in enumerate(sheets):
        entries.append(
            f'<sheet name={quoteattr(sheet.title)} sheetId="{n + 1}" r:id="rId{n + 1}"/>'
        )
        header, last, letter = _frame(sheet)
        where = f"'{sheet.title}'"
        names.append(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
            f"{escape(where)}!$A${header}:${letter}${last}</definedName>"
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{n}">'
            f"{escape(where)}!${header}:${header}</definedName>"
        )
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Types xmlns="{ns}package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{kinds}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{kinds}.styles+xml"/>'
        f"{overrides}</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="{ns}package/2006/relationships">'
        f'<Relationship Id="rId1" Target="xl/workbook.xml" '
        f'Type="{ns}officeDocument/2006/relationships/officeDocument"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<workbook xmlns="{ns}spreadsheetml/2006/main" '
        f'xmlns:r="{ns}officeDocument/2006/relationships">'
        f"<bookViews><workbookView/></bookViews><sheets>{''.join(entries)}</sheets>"
        f"<definedNames>{''.join(names)}</definedNames></workbook>",
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="{ns}package/2006/relationships">{rels}'
        f'<Relationship Id="rId{len(sheets) + 1}" Target="styles.xml" '
        f'Type="{ns}officeDocument/2006/relationships/styles"/></Relationships>',
        "xl/styles.xml": _styles(),
    }
    for n, sheet in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{n}.xml"] = _worksheet(sheet)
    return parts


def _styles() -> str:
    # Font 0, the Normal style's, is Excel's default: column widths are counted in
    # its digits, so a Times New Roman default would narrow every column.
    fonts = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>']
    fonts += [
        f'<font>{look}<sz val="{size}"/><name val="{FONT}"/></font>'
        for look, size in (("", 11), ("<b/>", 11), ("<b/>", 13), ("<i/>", 13), ("<i/>", 11))
    ]
    fills = ['<fill><patternFill patternType="none"/></fill>']
    fills.append('<fill><patternFill patternType="gray125"/></fill>')
    fills += [
        f'<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/></patternFill></fill>'
        for rgb in FILLS.values()
    ]
    side = '<{0} style="thin"><color rgb="FF808080"/></{0}>'
    grid = "".join(side.format(edge) for edge in ("left", "right", "top", "bottom"))
    borders = f"<border/><border>{grid}<diagonal/></border>"

    def xf(font: int, alignment: str, *, fill: int = 0, border: int = 1, fmt: int = 0) -> str:
        return (
            f'<xf numFmtId="{fmt}" fontId="{font}" fillId="{fill}" borderId="{border}" '
            f'xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"'
            + (' applyFill="1"' if fill else "")
            + (' applyNumberFormat="1"' if fmt else "")
            + f">{alignment}</xf>"
        )

    cells = [
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
        xf(1, _WRAP),  # _TEXT
        xf(1, _CENTER),  # _NUMBER
        xf(1, _WRAP, fmt=164),  # _DATE
        xf(2, '<alignment horizontal="center" vertical="center" wrapText="1"/>'),  # _HEADER
        xf(2, _WRAP),  # _TOTAL
        xf(2, _CENTER),  # _TOTAL_NUMBER
        *(xf(1, _WRAP, fill=2 + i) for i in range(len(FILLS))),  # _FILL
        xf(3, '<alignment horizontal="center"/>', border=0),  # _TITLE
        xf(4, '<alignment horizontal="center"/>', border=0),  # _SUBTITLE
        xf(5, _WRAP, border=0),  # _LEGEND
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="DD/MM/YYYY"/></numFmts>'
        f'<fonts count="{len(fonts)}">{"".join(fonts)}</fonts>'
        f'<fills count="{len(fills)}">{"".join(fills)}</fills>'
        f'<borders count="2">{borders}</borders>'
        '<cellStyleXfs count="1">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(cells)}">{"".join(cells)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def _frame(sheet: Sheet) -> tuple[int, int, str]:
    """The header row, the last row of the table (before its totals) and the last column."""
    header = len(sheet.caption) + 2 if sheet.caption else 1
    return header, header + len(sheet.rows), _column(len(sheet.headers))


def _column(n: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _worksheet(sheet: Sheet) -> str:
    header, last, letter = _frame(sheet)
    widths = _widths(sheet)
    heights = _heights(header, [sheet.headers, *sheet.rows], widths)
    letters = [_column(c) for c in range(1, len(sheet.headers) + 1)]
    rows: list[str] = []
    merged: list[str] = []

    def row(r: int, cells: str, height: float | None = None) -> None:
        size = f' ht="{height}" customHeight="1"' if height else ""
        rows.append(f'<row r="{r}"{size}>{cells}</row>')

    for r, line in enumerate(sheet.caption, start=1):  # merged across the table, centred
        row(r, _text(f"A{r}", line, _TITLE if r == 1 else _SUBTITLE))
        merged.append(f"A{r}:{letter}{r}")
    row(
        header,
        _cells(letters, header, sheet.headers, [_HEADER] * len(letters)),
        heights.get(header),
    )
    plain = [None] * len(letters)
    for r, values in enumerate(sheet.rows, start=header + 1):
        states = sheet.states[r - header - 1] if sheet.states is not None else plain
        looks = [_FILL[s] if s is not None else None for s in states]
        row(r, _cells(letters, r, values, looks), heights.get(r))
    end = last
    if sheet.totals is not None:
        end += 1
        looks = [_TOTAL_NUMBER if isinstance(v, int) else _TOTAL for v in sheet.totals]
        row(end, _cells(letters, end, sheet.totals, looks))
    if sheet.legend:
        end += 2
        row(end, _text(f"A{end}", sheet.legend, _LEGEND), 45)
        merged.append(f"A{end}:{letter}{end}")
    cols = "".join(
        f'<col min="{c}" max="{c}" width="{w}" customWidth="1"/>'
        for c, w in enumerate(widths, start=1)
    )
    merges = "".join(f'<mergeCell ref="{m}"/>' for m in merged)
    top = f"C{header + 1}"  # the header row and the code and name columns stay
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{letter}{max(end, 1)}"/>'
        f'<sheetViews><sheetView workbookViewId="0"><pane xSplit="2" ySplit="{header}" '
        f'topLeftCell="{top}" activePane="bottomRight" state="frozen"/>'
        f'<selection pane="bottomRight" activeCell="{top}" sqref="{top}"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols><sheetData>{''.join(rows)}</sheetData>"
        f'<autoFilter ref="A{header}:{letter}{last}"/>'
        + (f'<mergeCells count="{len(merged)}">{merges}</mergeCells>' if merged else "")
        + '<printOptions horizontalCentered="1"/>'
        '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        "<headerFooter><oddFooter>&amp;CTrang &amp;P/&amp;N</oddFooter></headerFooter>"
        "</worksheet>"
    )


def _cells(letters: list[str], r: int, values: Sequence[Cell], looks: Sequence[int | None]) -> str:
    out = []
    for col, value, look in zip(letters, values, looks, strict=True):
        ref = f"{col}{r}"
        if value is None:
            out.append(f'<c r="{ref}" s="{look or _TEXT}"/>')
        elif isinstance(value, int):
            out.append(f'<c r="{ref}" s="{look or _NUMBER}"><v>{value}</v></c>')
        elif isinstance(value, date):
            serial = (value - _EXCEL_EPOCH).days
            out.append(f'<c r="{ref}" s="{look or _DATE}"><v>{serial}</v></c>')
        else:  # text, never a formula: inline strings are not evaluated
            out.append(_text(ref, value, look or _TEXT))
    return "".join(out)


def _text(ref: str, value: str, look: int) -> str:
    text = escape(_NOT_XML.sub("", value))
    return f'<c r="{ref}" s="{look}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _widths(sheet: Sheet) -> list[float]:
    widths: list[float] = []
    for c, header in enumerate(sheet.headers):
        longest = max(
            [
                10 if isinstance(v, date) else len(str(v if v is not None else ""))
                for v in (row[c] for row in sheet.rows)
            ]
            + [min(len(header), 14)]  # long headers wrap
        )
        widths.append(min(longest + 2, MAX_WIDTH))
    return widths


def _heights(first: int, rows: Sequence[Sequence[Cell]], widths: list[float]) -> dict[int, float]:
    """Rows tall enough for their wrapped text: neither Excel nor LibreOffice grows a
    row as it opens a file, so wrapped lines would print over the next row."""
    # a width unit is one digit of the default font; Times New Roman's letters are
    # narrower, about 1.25 of them to a unit (looked at through LibreOffice)
    per_line = [max((w - 1) * 1.25, 1) for w in widths]
    heights: dict[int, float] = {}
    for r, values in enumerate(rows, start=first):
        lines = max(
            math.ceil(len(str(v if v is not None else "")) / n)
            for v, n in zip(values, per_line, strict=True)
        )
        if lines > 1:
            heights[r] = LINE_HEIGHT * lines
    return heights
