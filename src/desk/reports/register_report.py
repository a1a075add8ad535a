"""A register as a Decree 30 list ("DANH SÁCH ..."): one sheet per list, bands for groups, signatures."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl import Workbook

from desk.fileio import save_workbook
from desk.reports.layout import (
    Column,
    DocumentHeader,
    fit_columns,
    number_column,
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
    form: str = ""              # which form it is (domain.forms), for the "Người lập biểu" setting
    preparer: bool = False      # the province's template asks for "Người lập biểu" on it
    reference: str = ""         # an annexed list: the document it belongs to ("(Kèm theo ...)")

    @property
    def count(self) -> int:
        return sum(len(g.rows) for g in self.groups)


def write_list_sheet(ws, data: RegisterListData) -> None:
    """A list: as a document (its header, the one signature, the distribution) or as an annexed form
    (its number, the document it belongs to, a "Người lập biểu" where asked)."""
    columns = fit_columns((number_column(STT, data.count), *data.columns))
    prepare_sheet(ws, columns)
    header = replace(data.header, preparer=data.preparer)
    if data.document:
        row = write_document_header(ws, columns, header)
    else:
        row = write_form_header(ws, columns, header)
    row = write_title(ws, columns, header.title, header.subject, header.period_line, row,
                      reference="" if data.document else data.reference)
    row = write_unit_line(ws, columns, data.unit, row)
    table_top = row
    row = write_table_header(ws, columns, row)
    grouped = any(g.heading for g in data.groups)
    numbered = 0
    bands = []
    for index, group in enumerate(data.groups):
        if grouped:
            heading = f"{_ROMAN[index]}. {group.heading}" if index < len(_ROMAN) else group.heading
            bands.append(row)
            row = write_band(ws, columns, heading, row)
            if not group.rows:
                row = write_band(ws, columns, NONE_LABEL, row, first=2, bold=False, italic=True)
        for values in group.rows:
            numbered += 1                       # one running number: the list counts people, not bands
            row = write_row(ws, columns, {**values, STT: numbered}, row)
    if not data.count and not grouped:
        row = write_band(ws, columns, NONE_LABEL, row, first=2, bold=False, italic=True)
    table_end = row - 1
    if data.note:
        row = write_note(ws, columns, data.note, row)
    if data.document:
        end = write_signature(ws, columns, header, row)[1]
    else:
        end = write_preparer(ws, columns, header, row)[1] if header.preparer else row
    setup_print(ws)
    paginate(ws, end - 1, table=(table_top, table_end), keep=(table_end + 1, end - 1) if end > table_end + 1 else None,
             lead=1, glued=bands)


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
