"""XLSX output with openpyxl: the only module that imports it.

Each sheet prints on its own: a title row with the plan and the as-of date, the
table with a bold header row that repeats on every printed page, a totals row
and a legend; A4 landscape, one page wide, page numbers in the footer. On
screen: the header row and the code and name columns frozen, filters, column
widths that fit the Vietnamese names, real dates, a fill per requirement state.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

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
_THIN = Side(style="thin", color="808080")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="top")
LINE_HEIGHT = 15  # points: one line of 11-point text


def to_xlsx(sheets: list[Sheet]) -> bytes:
    """Written row by row (openpyxl's write-only mode), each cell taking one of a few
    named styles: styling cells one attribute at a time hashed every style object
    again, and with every cell kept in memory took 35 s for 3,321 units (issue 17)."""
    book = Workbook(write_only=True)
    for style in _STYLES.values():
        book.add_named_style(style)
    for sheet in sheets:
        _write_sheet(book.create_sheet(sheet.title), sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _style(
    name: str, *, bold: bool = False, align: Alignment = _WRAP, **more: object
) -> NamedStyle:
    return NamedStyle(
        name=f"cv651 {name}", font=Font(name=FONT, bold=bold), border=_GRID, alignment=align, **more
    )


_STYLES = {
    "text": _style("text"),
    "number": _style("number", align=_CENTER),
    "date": _style("date", number_format="DD/MM/YYYY"),
    "header": _style(
        "header",
        bold=True,
        align=Alignment(wrap_text=True, vertical="center", horizontal="center"),
    ),
    "total": _style("total", bold=True),
    "total number": _style("total number", bold=True, align=_CENTER),
    **{
        f"fill {state.value}": _style(f"{state.value}", fill=PatternFill("solid", fgColor=rgb))
        for state, rgb in FILLS.items()
    },
}


def _write_sheet(ws: Worksheet, sheet: Sheet) -> None:
    """Everything that goes before the rows in the file (column widths, frozen
    panes, row heights) is set first; then the rows, in order."""
    width, letter = len(sheet.headers), get_column_letter(len(sheet.headers))
    header = len(sheet.caption) + 2 if sheet.caption else 1
    last = header + len(sheet.rows)
    widths = _widths(ws, sheet)
    _heights(ws, header, [sheet.headers, *sheet.rows], widths)
    ws.freeze_panes = f"C{header + 1}"  # the header row and the code and name columns
    ws.auto_filter.ref = f"A{header}:{letter}{last}"
    _print_setup(ws, header)
    for row, line in enumerate(sheet.caption, start=1):  # merged across the table, centred
        caption = WriteOnlyCell(ws, line)
        caption.font = Font(name=FONT, bold=row == 1, italic=row > 1, size=13)
        caption.alignment = Alignment(horizontal="center")
        ws.append([caption])
        ws.merged_cells.add(f"A{row}:{letter}{row}")
    if sheet.caption:
        ws.append([])  # a blank row between the caption and the table
    ws.append([_cell(ws, value, "header") for value in sheet.headers])
    for n, values in enumerate(sheet.rows):
        states = sheet.states[n] if sheet.states is not None else [None] * width
        ws.append(
            [
                _cell(ws, value, f"fill {state.value}" if state is not None else None)
                for value, state in zip(values, states, strict=True)
            ]
        )
    if sheet.totals is not None:
        ws.append([_cell(ws, value, "total") for value in sheet.totals])
    if sheet.legend:
        ws.append([])
        row = last + (1 if sheet.totals is None else 2) + 1
        ws.row_dimensions[row].height = 45
        legend = WriteOnlyCell(ws, sheet.legend)
        legend.font = Font(name=FONT, italic=True)
        legend.alignment = Alignment(wrap_text=True, vertical="top")
        ws.append([legend])
        ws.merged_cells.add(f"A{row}:{letter}{row}")


def _cell(ws: Worksheet, value: Cell, style: str | None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value)
    if style == "total":
        style = "total number" if isinstance(value, int) else "total"
    elif style is None:
        style = (
            "number" if isinstance(value, int) else "date" if isinstance(value, date) else "text"
        )
    cell.style = _STYLES[style].name
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text from a data file is never a formula
    return cell


def _widths(ws: Worksheet, sheet: Sheet) -> list[float]:
    widths: list[float] = []
    for c, header in enumerate(sheet.headers, start=1):
        values = [*(row[c - 1] for row in sheet.rows)]
        longest = max(
            [10 if isinstance(v, date) else len(str(v if v is not None else "")) for v in values]
            + [min(len(header), 14)]  # long headers wrap
        )
        widths.append(min(longest + 2, MAX_WIDTH))
        ws.column_dimensions[get_column_letter(c)].width = widths[-1]
    return widths


def _heights(
    ws: Worksheet, first: int, rows: Sequence[Sequence[Cell]], widths: list[float]
) -> None:
    """Rows tall enough for their wrapped text: neither Excel nor LibreOffice grows a
    row that openpyxl wrote, so wrapped lines would print over the next row."""
    # a width unit is one digit of the default font; Times New Roman's letters are
    # narrower, about 1.25 of them to a unit (looked at through LibreOffice)
    per_line = [max((w - 1) * 1.25, 1) for w in widths]
    for r, values in enumerate(rows, start=first):
        lines = max(
            math.ceil(len(str(v if v is not None else "")) / n)
            for v, n in zip(values, per_line, strict=True)
        )
        if lines > 1:
            ws.row_dimensions[r].height = LINE_HEIGHT * lines


def _print_setup(ws: Worksheet, header: int) -> None:
    """A4 landscape, one page wide (as many pages tall as it takes), the header row
    repeated on every page, page numbers in the footer."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header}:{header}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "Trang &P/&N"
