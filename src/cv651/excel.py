"""XLSX output with openpyxl: the only module that imports it.

Each sheet gets a bold frozen header row, filters, column widths that fit the
Vietnamese names, real dates, and a fill per requirement state.
"""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cv651.coverage import State
from cv651.export import Sheet

FILLS = {  # light fills that print legibly in black and white too
    State.ON_TIME: "C6EFCE",
    State.LATE: "FFEB9C",
    State.INCOMPLETE: "E4C1F9",
    State.OVERDUE: "FFC7CE",
    State.PENDING: "EDEDED",
    State.NOT_APPLICABLE: "FFFFFF",
}
MAX_WIDTH = 60


def to_xlsx(sheets: list[Sheet]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    fills = {state: PatternFill("solid", fgColor=rgb) for state, rgb in FILLS.items()}
    for sheet in sheets:
        ws = book.create_sheet(sheet.title)
        ws.append(sheet.headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for r, row in enumerate(sheet.rows, start=2):
            ws.append(row)
            for c, value in enumerate(row, start=1):
                if isinstance(value, date):
                    ws.cell(r, c).number_format = "DD/MM/YYYY"
                elif isinstance(value, str) and value.startswith("="):
                    ws.cell(r, c).data_type = "s"  # text from a data file is never a formula
            if sheet.states is not None:
                for c, state in enumerate(sheet.states[r - 2], start=1):
                    if state is not None:
                        ws.cell(r, c).fill = fills[state]
        ws.freeze_panes = "C2"  # the header row and the code and name columns
        ws.auto_filter.ref = ws.dimensions
        for c, header in enumerate(sheet.headers, start=1):
            values = [header, *(row[c - 1] for row in sheet.rows)]
            width = max(10 if isinstance(v, date) else len(str(v or "")) for v in values)
            ws.column_dimensions[get_column_letter(c)].width = min(width + 2, MAX_WIDTH)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
