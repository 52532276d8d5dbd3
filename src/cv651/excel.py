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
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
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
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        _fill_sheet(book.create_sheet(sheet.title), sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill_sheet(ws: Worksheet, sheet: Sheet) -> None:
    width = len(sheet.headers)
    for line in sheet.caption:  # merged across the table, centred
        ws.append([line])
        row = ws.max_row
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.cell(row, 1).font = Font(name=FONT, bold=row == 1, italic=row > 1, size=13)
        ws.cell(row, 1).alignment = Alignment(horizontal="center")
    if sheet.caption:
        ws.append([])  # a blank row between the caption and the table
    header = len(sheet.caption) + 2 if sheet.caption else 1
    ws.append(sheet.headers)
    for cell in ws[header]:
        cell.font = Font(name=FONT, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _GRID
    fills = {state: PatternFill("solid", fgColor=rgb) for state, rgb in FILLS.items()}
    for n, values in enumerate(sheet.rows):
        _append(ws, values)
        if sheet.states is not None:
            for c, state in enumerate(sheet.states[n], start=1):
                if state is not None:
                    ws.cell(ws.max_row, c).fill = fills[state]
    last = ws.max_row
    if sheet.totals is not None:
        _append(ws, sheet.totals)
        for cell in ws[ws.max_row]:
            cell.font = Font(name=FONT, bold=True)
    if sheet.legend:
        ws.append([])
        ws.append([sheet.legend])
        row = ws.max_row
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.cell(row, 1).font = Font(name=FONT, italic=True)
        ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 45
    ws.freeze_panes = f"C{header + 1}"  # the header row and the code and name columns
    ws.auto_filter.ref = f"A{header}:{get_column_letter(width)}{last}"
    widths = _widths(ws, sheet)
    _heights(ws, header, last, widths)
    _print_setup(ws, header)


def _append(ws: Worksheet, values: list[Cell]) -> None:
    ws.append(values)
    row = ws.max_row
    for c, value in enumerate(values, start=1):
        cell = ws.cell(row, c)
        cell.border = _GRID
        cell.font = Font(name=FONT)
        cell.alignment = _WRAP
        if isinstance(value, int):
            cell.alignment = _CENTER
        if isinstance(value, date):
            cell.number_format = "DD/MM/YYYY"
        elif isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # text from a data file is never a formula


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


def _heights(ws: Worksheet, header: int, last: int, widths: list[float]) -> None:
    """Rows tall enough for their wrapped text: neither Excel nor LibreOffice grows a
    row that openpyxl wrote, so wrapped lines would print over the next row."""
    for r in range(header, last + 1):
        # a width unit is one digit of the default font; Times New Roman's letters are
        # narrower, about 1.25 of them to a unit (looked at through LibreOffice)
        lines = max(
            math.ceil(len(str(ws.cell(r, c).value or "")) / max((w - 1) * 1.25, 1))
            for c, w in enumerate(widths, start=1)
        )
        if lines > 1:
            ws.row_dimensions[r].height = LINE_HEIGHT * lines


def _print_setup(ws: Worksheet, header: int) -> None:
    """A4 landscape, one page wide (as many pages tall as it takes), the header row
    repeated on every page, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header}:{header}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "Trang &P/&N"
