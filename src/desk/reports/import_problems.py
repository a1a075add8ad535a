"""The row-level report of an import that failed its checks: sheet, row, column, value, what is wrong."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from desk.domain.formats import format_time_date_vi
from desk.fileio import save_workbook
from desk.reports.layout import EXCEL_MAX_CHARS, FONT_NAME, write_text, write_value

SHEET = "Lỗi nhập liệu"
HEADINGS = ("STT", "Trang", "Dòng", "Cột", "Tên cột", "Giá trị trong tệp", "Lỗi")
WIDTHS = (6, 16, 8, 7, 28, 36, 70)
_FILL = PatternFill("solid", fgColor="FFFCE4D6")
_THIN = Side(style="thin", color="FF808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class ProblemLine:
    sheet: str
    row: int | None
    column: str
    header: str
    value: str
    message: str


def build_problem_report(file_name: str, checked_at: datetime, problems: Sequence[ProblemLine],
                         notes: Sequence[str] = ()) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[ws.cell(1, col).column_letter].width = width
    title = ws.cell(1, 1)
    write_text(title, f"KẾT QUẢ KIỂM TRA TỆP NHẬP «{file_name}»")
    title.font = Font(name=FONT_NAME, size=14, bold=True)
    line = ws.cell(2, 1)
    write_text(line, f"Kiểm tra lúc {format_time_date_vi(checked_at)}: {len(problems)} lỗi. "
                     "Chưa có dữ liệu nào được ghi; hãy sửa tệp theo danh sách dưới đây rồi nhập lại.")
    line.font = Font(name=FONT_NAME, size=12, italic=True)
    row = 3
    for note in notes:
        cell = ws.cell(row, 1)
        write_text(cell, _fit(note))
        cell.font = Font(name=FONT_NAME, size=12, italic=True)
        row += 1
    row += 1
    for col, text in enumerate(HEADINGS, start=1):
        cell = ws.cell(row, col)
        write_text(cell, text)
        cell.font = Font(name=FONT_NAME, size=12, bold=True)
        cell.fill = _FILL
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = ws.cell(row + 1, 1)
    ws.auto_filter.ref = f"A{row}:G{row + len(problems)}"
    for number, problem in enumerate(problems, start=1):
        row += 1
        values = (number, problem.sheet, problem.row, problem.column, problem.header, _fit(problem.value),
                  _fit(problem.message))
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col)
            # The value is whatever the file held: written as text, never as a formula.
            write_value(cell, value)
            if isinstance(value, int):
                cell.number_format = "0"
            cell.font = Font(name=FONT_NAME, size=12)
            cell.border = _BOX
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    wb.properties.creator = "Desk"
    wb.properties.title = f"Lỗi nhập tệp {file_name}"
    return wb


def _fit(text: str) -> str:
    # A report line quoting a huge cell would itself be refused for length; keep its start
    # (half the cell limit: Excel counts UTF-16 units, and a character may take two).
    limit = EXCEL_MAX_CHARS // 2
    return text if len(text) <= limit else text[:limit] + "…"


def write_problem_report(path: Path, file_name: str, checked_at: datetime, problems: Sequence[ProblemLine],
                         notes: Sequence[str] = ()) -> None:
    save_workbook(build_problem_report(file_name, checked_at, problems, notes), Path(path))
