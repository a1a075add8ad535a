"""A register as a Decree 30 list ("DANH SÁCH ..."): one sheet per list, bands for groups, signatures."""

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
from desk.reports.layout import _page_height, _rows_height

STT = "_stt"
NONE_LABEL = "Không có"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


@dataclass(frozen=True)
class ListGroup:
    heading: str                # "" = rows without a band (a list that is not grouped)
    rows: tuple[dict, ...]      # column key -> value, already labelled in Vietnamese


@dataclass(frozen=True)
class RegisterListData:
    """One list sheet, chosen and labelled by the service; the writer only lays it out."""

    sheet_name: str             # at most 31 characters (Excel)
    header: DocumentHeader      # title and subject are the list's ("DANH SÁCH", "Cán bộ, công chức ...")
    unit: str                   # "người", "lượt", ...: the "Đơn vị tính" line
    columns: tuple[Column, ...]
    groups: tuple[ListGroup, ...]
    note: str = ""
    document: bool = True       # the first sheet of a file carries the full document header

    @property
    def count(self) -> int:
        return sum(len(g.rows) for g in self.groups)


def write_list_sheet(ws, data: RegisterListData) -> None:
    columns = (Column(STT, "STT", 6, "text", align="center"), *data.columns)
    prepare_sheet(ws, columns)
    if data.document:
        row = write_document_header(ws, columns, data.header)
    else:
        row = write_form_header(ws, columns, data.header)
    row = write_title(ws, columns, data.header.title, data.header.subject, data.header.period_line, row)
    row = write_unit_line(ws, columns, data.unit, row)
    table_top = row
    row = write_table_header(ws, columns, row)
    grouped = any(g.heading for g in data.groups)
    numbered = 0
    for index, group in enumerate(data.groups):
        if grouped:
            heading = f"{_ROMAN[index]}. {group.heading}" if index < len(_ROMAN) else group.heading
            row = write_band(ws, columns, heading, row)
            if not group.rows:
                row = write_band(ws, columns, NONE_LABEL, row, first=2, bold=False, italic=True)
        for values in group.rows:
            numbered += 1                       # one running number: the list counts people, not bands
            row = write_row(ws, columns, {**values, STT: numbered}, row)
    if not data.count and not grouped:
        row = write_band(ws, columns, NONE_LABEL, row, first=2, bold=False, italic=True)
    if data.note:
        row = write_note(ws, columns, data.note, row)
    end = write_footer(ws, columns, data.header, row, with_date=not data.document,
                       with_recipients=data.document)
    print_with_headings(ws, table_top, row - 1)
    keep_together(ws, row, end - 1)


def print_with_headings(ws, table_top: int, table_end: int) -> None:
    """Print setup; the table's heading rows repeat on every page only when the table needs more than
    one: a second page holding just the signatures under an empty heading looks broken."""
    setup_print(ws, None)
    # The layout module's own pagination replay (private helpers: the same estimate keep_together uses).
    if _rows_height(ws, 1, table_end) > _page_height(ws):
        setup_print(ws, f"{table_top}:{table_top + 1}")


def build_workbook(sheets: tuple[RegisterListData, ...], title: str) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    for data in sheets:
        write_list_sheet(wb.create_sheet(data.sheet_name[:31]), data)
    set_properties(wb, title)
    return wb


def write_register_list(sheets: tuple[RegisterListData, ...], path: Path) -> None:
    """Build the workbook, then replace path in one step (never a half-written file)."""
    first = sheets[0].header
    save_workbook(build_workbook(sheets, f"{first.title} {first.subject}".strip()), Path(path))
