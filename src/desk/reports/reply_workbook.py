"""The reply workbook a province or ministry fills in: each consolidated obstacle, and columns for the answer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from desk.domain import replies
from desk.domain.registers.obstacles import STATUSES
from desk.fileio import save_workbook
from desk.reports.layout import DATE_FORMAT, FONT_NAME, Column, row_height_estimator, write_text

_THIN = Side(style="thin", color="FF000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_GIVEN_FILL = PatternFill("solid", fgColor="FFEDEDED")      # what Desk wrote: grey, left as it is
_WRAP = Alignment(wrap_text=True, vertical="top")
_SIZE = 11
# Each row as tall as its longest text wraps to: a row left at the default height shows one line of
# each, and LibreOffice prints the wrapped lines over the next row.
_HEIGHT = row_height_estimator(tuple(Column(c.key, c.vi, c.width) for c in replies.COLUMNS), _SIZE, exact=True)


def write(path: Path, rows: Iterable[Mapping], manifest: Mapping[str, str], heading: str) -> int:
    """Write the workbook; rows have unit_code, unit_name, obstacle_id, title, status. Returns how many rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = replies.SHEET
    ws.cell(1, 1, "TRẢ LỜI KHÓ KHĂN, VƯỚNG MẮC CỦA CÁC XÃ, PHƯỜNG, ĐẶC KHU").font = Font(name=FONT_NAME, size=13,
                                                                                     bold=True)
    write_text(ws.cell(2, 1), heading)
    ws.cell(2, 1).font = Font(name=FONT_NAME, size=12, italic=True)
    ws.cell(3, 1, "Điền các cột «Nội dung trả lời, hướng dẫn» đến «Tình trạng đề xuất»; giữ nguyên các cột "
                  "tô xám (mã đơn vị, mã khó khăn, vướng mắc) để xã, phường nhập được tệp này vào Desk.").font = \
        Font(name=FONT_NAME, size=11, italic=True)
    for col, column in enumerate(replies.COLUMNS, start=1):
        cell = ws.cell(replies.HEADER_ROW, col, column.vi)
        cell.font = Font(name=FONT_NAME, size=_SIZE, bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = _BOX
        ws.column_dimensions[replies.letter(column.key)].width = column.width
    ws.row_dimensions[replies.HEADER_ROW].height = _HEIGHT({c.key: c.vi for c in replies.COLUMNS}, True)
    count = 0
    for count, row in enumerate(rows, start=1):
        r = replies.HEADER_ROW + count
        values = {"number": count, **row, "status": replies.state_label(row.get("status") or "")}
        ws.row_dimensions[r].height = _HEIGHT({k: v for k, v in values.items() if isinstance(v, str)})
        for col, column in enumerate(replies.COLUMNS, start=1):
            cell = ws.cell(r, col)
            value = values.get(column.key)
            if column.key == "number":
                cell.value = count
            elif column.key == "doc_date" and isinstance(value, date):
                cell.value = value          # an answer typed in Desk: a real date, as Excel's users enter it
            elif value not in (None, ""):
                write_text(cell, str(value), column.vi)
            cell.font = Font(name=FONT_NAME, size=_SIZE)
            cell.alignment = _WRAP
            cell.border = _BOX
            if column.given:
                cell.fill = _GIVEN_FILL
            if column.key == "doc_date":
                cell.number_format = DATE_FORMAT
    last = replies.HEADER_ROW + max(count, 1)
    ws.freeze_panes = ws.cell(replies.FIRST_ROW, replies.COLUMNS.index(replies.BY_KEY["answer"]) + 1)
    # Printed to be signed off before it is sent: A4 landscape, one page wide, the headings on every page.
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{replies.HEADER_ROW}:{replies.HEADER_ROW}"
    _validations(wb, ws, last)
    info = wb.create_sheet(replies.MANIFEST_SHEET)
    for r, (key, value) in enumerate({"format": replies.FORMAT, "format_version": str(replies.FORMAT_VERSION),
                                      **manifest, "rows": str(count)}.items(), start=1):
        write_text(info.cell(r, 1), key)
        write_text(info.cell(r, 2), str(value))
    info.sheet_state = "veryHidden"
    save_workbook(wb, path)
    return count


def _validations(wb: Workbook, ws, last: int) -> None:
    """The proposed state from a list (on a hidden sheet: the states' names hold commas); the date a date."""
    lists = wb.create_sheet(replies.LISTS_SHEET)
    for r, state in enumerate(STATUSES, start=1):
        write_text(lists.cell(r, 1), state.vi)
    lists.sheet_state = "hidden"
    state_col, date_col = replies.letter("proposed_state"), replies.letter("doc_date")
    # Excel stores a validation's formula without its leading "=" (one there makes Excel repair the file).
    states = DataValidation(type="list", formula1=f"{quote_sheetname(replies.LISTS_SHEET)}!$A$1:$A${len(STATUSES)}",
                            allow_blank=True, showErrorMessage=True, errorStyle="stop",
                            errorTitle="Tình trạng đề xuất", error="Chọn một tình trạng trong danh sách.")
    dates = DataValidation(type="date", operator="between", formula1="DATE(1900,1,1)", formula2="DATE(2200,12,31)",
                           allow_blank=True, showErrorMessage=True, errorStyle="stop", errorTitle="Ngày văn bản",
                           error="Nhập ngày dạng dd/mm/yyyy, ví dụ 05/11/2025.")
    for validation, col in ((states, state_col), (dates, date_col)):
        ws.add_data_validation(validation)
        validation.add(f"{col}{replies.FIRST_ROW}:{col}{max(last, replies.FIRST_ROW) + 500}")
