"""The staffing report: frame vs actual vs surplus/shortage per office, the deputies, the frames in an annex."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl import Workbook

from desk.domain.staffing import FORM_HEADINGS
from desk.fileio import save_workbook
from desk.reports.layout import (
    Column,
    DocumentHeader,
    fit_columns,
    paginate,
    prepare_sheet,
    set_properties,
    setup_print,
    write_band,
    write_document_header,
    write_form_header,
    write_note,
    write_preparer,
    write_row,
    write_signature,
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
    Column(_LABEL, "Phòng, ban, vị trí việc làm", 35),
    Column("frame", FORM_HEADINGS["frame"], 12, "int"),
    Column("actual", FORM_HEADINGS["actual"], 10, "int"),
    # Worded as the periodic report's form 05 and the province's 04/TH word them: one figure, one name.
    Column("away", FORM_HEADINGS["away"], 15, "int"),
    Column("guests", FORM_HEADINGS["guests"], 16, "int"),
    Column("others", "Ngoài biên chế (hợp đồng, ...)", 14, "int"),
    Column("surplus", FORM_HEADINGS["surplus"], 9, "int"),
    Column("shortage", FORM_HEADINGS["shortage"], 9, "int"),
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
class NetRow:
    """The table's last line: the unit's own surplus and shortage, its actual against its whole frame."""

    label: str
    surplus: int | None
    shortage: int | None


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
    total: StaffingRow          # its surplus and shortage: the rows' sums
    rows: tuple[StaffingRow, ...]
    net: NetRow
    deputies: tuple[DeputyRow, ...]
    notes: tuple[str, ...]
    frames: RegisterListData    # the annex: the frames in force and past
    deputies_code: str = "Biểu số 07/CP"
    preparer_forms: frozenset[str] = frozenset()


def _values(row: StaffingRow) -> dict:
    return {"frame": row.frame, "actual": row.actual, "away": row.away, "guests": row.guests, "others": row.others,
            "surplus": row.surplus, "shortage": row.shortage}


def _write_staffing(ws, data: StaffingReportData) -> None:
    columns = fit_columns(STAFFING_COLUMNS)
    prepare_sheet(ws, columns)
    header = replace(data.header, preparer="staffing" in data.preparer_forms)
    row = write_document_header(ws, columns, header)
    row = write_title(ws, columns, header.title, header.subject, header.period_line, row)
    row = write_unit_line(ws, columns, UNIT, row)
    table_top = row
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
    row = write_row(ws, columns, {_LABEL: data.net.label, "surplus": data.net.surplus, "shortage": data.net.shortage},
                    row, bold=True)
    table_end = row - 1
    for note in data.notes:
        row = write_note(ws, columns, note, row)
    _first, end = write_signature(ws, columns, header, row)
    setup_print(ws)
    paginate(ws, end - 1, table=(table_top, table_end), keep=(table_end + 1, end - 1), lead=1)


def _write_deputies(ws, data: StaffingReportData) -> None:
    columns = fit_columns(DEPUTY_COLUMNS)
    prepare_sheet(ws, columns)
    header = replace(data.header, form_code=data.deputies_code, preparer="deputies" in data.preparer_forms)
    row = write_form_header(ws, columns, header)
    row = write_title(ws, columns, "SỐ LƯỢNG CẤP PHÓ", period_line=header.period_line, row=row,
                      reference=data.header.reference)
    row = write_unit_line(ws, columns, UNIT, row)
    table_top = row
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
    table_end = row - 1
    end = write_preparer(ws, columns, header, row)[1] if header.preparer else row
    setup_print(ws)
    paginate(ws, end - 1, table=(table_top, table_end), keep=(row, end - 1) if end > row else None, lead=1)


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
