"""The staffing report: frame vs actual vs surplus/shortage per office, the deputies, the frames in an annex."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from desk.fileio import save_workbook
from desk.reports.layout import (
    Column,
    DocumentHeader,
    keep_together,
    prepare_sheet,
    set_properties,
    setup_print,
    write_band,
    write_document_header,
    write_footer,
    write_form_header,
    write_note,
    write_row,
    write_table_header,
    write_title,
    write_unit_line,
)
from desk.reports.register_report import RegisterListData, write_list_sheet

STAFFING_SHEET = "Biên chế"
DEPUTY_SHEET = "Cấp phó"
TOTAL_LABEL = "Tổng cộng"
UNIT = "người"

_STT, _LABEL, _NOTE = "_stt", "_label", "_note"
STAFFING_COLUMNS = (
    Column(_STT, "STT", 6, "text", align="center"),
    Column(_LABEL, "Phòng, ban, vị trí việc làm", 40),
    Column("frame", "Biên chế được giao", 12, "int"),
    Column("actual", "Hiện có", 10, "int"),
    Column("away", "Trong đó: đang biệt phái, tăng cường đi", 15, "int"),
    Column("guests", "Biệt phái, tăng cường đến (không tính biên chế)", 16, "int"),
    Column("others", "Ngoài biên chế (hợp đồng, ...)", 14, "int"),
    Column("surplus", "Thừa", 9, "int"),
    Column("shortage", "Thiếu", 9, "int"),
)
DEPUTY_COLUMNS = (
    Column(_STT, "STT", 6, "text", align="center"),
    Column(_LABEL, "Nội dung", 48),
    Column("limit", "Số tối đa theo quy định, được giao", 16, "int"),
    Column("actual", "Hiện có", 10, "int"),
    Column("excess", "Vượt", 9, "int"),
    Column(_NOTE, "Ghi chú", 30),
)


@dataclass(frozen=True)
class StaffingRow:
    label: str
    frame: int | None
    actual: int
    away: int
    guests: int
    others: int
    surplus: int | None
    shortage: int | None
    position: bool = False      # a job-position line under its office


@dataclass(frozen=True)
class DeputyRow:
    label: str
    limit: int | None
    actual: int
    excess: int | None
    note: str = ""
    detail: bool = False        # "of which" lines under the pool total


@dataclass(frozen=True)
class StaffingReportData:
    header: DocumentHeader
    total: StaffingRow
    rows: tuple[StaffingRow, ...]
    deputies: tuple[DeputyRow, ...]
    notes: tuple[str, ...]
    frames: RegisterListData    # the annex: the frames in force and past


def _values(row: StaffingRow) -> dict:
    return {"frame": row.frame, "actual": row.actual, "away": row.away, "guests": row.guests, "others": row.others,
            "surplus": row.surplus, "shortage": row.shortage}


def _write_staffing(ws, data: StaffingReportData) -> None:
    columns = STAFFING_COLUMNS
    prepare_sheet(ws, columns)
    row = write_document_header(ws, columns, data.header)
    row = write_title(ws, columns, data.header.title, data.header.subject, data.header.period_line, row)
    row = write_unit_line(ws, columns, UNIT, row)
    row = write_table_header(ws, columns, row)
    # Totals first (DOMAIN.md §5).
    row = write_row(ws, columns, {_LABEL: TOTAL_LABEL, **_values(data.total)}, row, bold=True)
    number = 0
    for line in data.rows:
        if line.position:
            values = {_LABEL: f"– {line.label}", **_values(line)}
        else:
            number += 1
            values = {_STT: number, _LABEL: line.label, **_values(line)}
        row = write_row(ws, columns, values, row)
    for note in data.notes:
        row = write_note(ws, columns, note, row)
    end = write_footer(ws, columns, data.header, row, with_date=False)
    # One line per office: the table fits the first page; no heading repeated above the signatures.
    setup_print(ws, None)
    keep_together(ws, row, end - 1)


def _write_deputies(ws, data: StaffingReportData) -> None:
    columns = DEPUTY_COLUMNS
    prepare_sheet(ws, columns)
    row = write_form_header(ws, columns, data.header)
    row = write_title(ws, columns, "SỐ LƯỢNG CẤP PHÓ", period_line=data.header.period_line, row=row)
    row = write_unit_line(ws, columns, UNIT, row)
    row = write_table_header(ws, columns, row)
    number = 0
    for line in data.deputies:
        values = {_LABEL: line.label, "limit": line.limit, "actual": line.actual, "excess": line.excess,
                  _NOTE: line.note or None}
        if line.detail:
            values[_LABEL] = f"– {line.label}"
            row = write_row(ws, columns, values, row)
        else:
            number += 1
            row = write_row(ws, columns, {**values, _STT: number}, row, bold=True)
    if not data.deputies:
        row = write_band(ws, columns, "Không có", row, first=2, bold=False, italic=True)
    end = write_footer(ws, columns, data.header, row, with_recipients=False)
    setup_print(ws, None)
    keep_together(ws, row, end - 1)


def build_workbook(data: StaffingReportData) -> Workbook:
    wb = Workbook()
    first = wb.active
    first.title = STAFFING_SHEET
    _write_staffing(first, data)
    _write_deputies(wb.create_sheet(DEPUTY_SHEET), data)
    write_list_sheet(wb.create_sheet(data.frames.sheet_name[:31]), data.frames)
    set_properties(wb, f"{data.header.title} {data.header.subject}".strip())
    return wb


def write_staffing_report(data: StaffingReportData, path: Path) -> None:
    save_workbook(build_workbook(data), Path(path))
