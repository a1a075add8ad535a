"""The periodic report workbook: a signed text report, its annex tables, and the hidden data part."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl import Workbook

from desk.reports.bulk_rows import BulkTable, heights_of, save_with_bulk_rows, write_rows
from desk.reports.layout import (
    Column,
    DocumentHeader,
    fits_one_page,
    keep_together,
    prepare_sheet,
    set_properties,
    setup_print,
    write_band,
    write_document_header,
    write_footer,
    write_form_header,
    write_note,
    write_paragraph,
    write_table_header,
    write_title,
    write_unit_line,
)
from desk.reports.manifest import DataBlock, write_machine_part

COVER_SHEET = "Báo cáo"
NONE_LABEL = "Không có"
BOLD = "_bold"          # a row key: the row is written in bold (a total line)
# The text report is a portrait page: six equal columns make about 90 characters a line.
_COVER_COLUMNS = tuple(Column(f"c{i}", "", 15) for i in range(6))


@dataclass(frozen=True)
class TableBlock:
    """Rows under an optional band heading ("I. PHÁT SINH TRONG KỲ"); "Không có" when empty."""

    heading: str | None
    rows: tuple[Mapping, ...]


@dataclass(frozen=True)
class AnnexSheet:
    """One data form (biểu mẫu) attached to the report; the builder numbers its own rows."""

    name: str                       # sheet name (31 characters at most)
    form_code: str                  # "Biểu số 01/BCĐK"
    title: str
    columns: tuple[Column, ...]
    blocks: tuple[TableBlock, ...]
    unit: str = ""                  # "Đơn vị tính: ..." when set
    notes: tuple[str, ...] = ()     # italic lines under the table
    repeat_heading: bool = True     # False for a short table meant to fit its first page


@dataclass(frozen=True)
class CoverSection:
    """A part of the text report: its heading and its paragraphs."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class PeriodicReportData:
    header: DocumentHeader
    cover: tuple[CoverSection, ...]     # empty: the workbook is only the annexes (one section alone)
    closing: str
    annexes: tuple[AnnexSheet, ...]
    manifest: dict[str, str]
    blocks: tuple[DataBlock, ...]


def build_workbook(data: PeriodicReportData, stream: list[BulkTable] | None = None) -> tuple[Workbook, str]:
    """The workbook and the hash of its data part; with `stream`, the tables' rows and the data
    part's are planned there instead (see bulk_rows)."""
    wb = Workbook()
    first = wb.active
    if data.cover:
        first.title = COVER_SHEET
        write_cover(first, data.header, data.cover, data.closing)
    else:
        wb.remove(first)
    for annex in data.annexes:
        write_annex(wb.create_sheet(annex.name), annex, data.header, stream)
    digest = write_machine_part(wb, data.manifest, data.blocks, stream)
    wb.active = 0
    set_properties(wb, f"{data.header.title} {data.header.subject}".strip())
    return wb, digest


def write_periodic_report(data: PeriodicReportData, path: Path) -> str:
    """Build the workbook, then replace path in one step; returns the data hash."""
    stream: list[BulkTable] = []
    wb, digest = build_workbook(data, stream)
    save_with_bulk_rows(wb, Path(path), stream)
    return digest


def write_cover(ws, header: DocumentHeader, sections: tuple[CoverSection, ...], closing: str = "") -> None:
    """The text report: Decree 30 header, title, numbered sections, signatures, distribution."""
    columns = _COVER_COLUMNS
    prepare_sheet(ws, columns)
    row = write_document_header(ws, columns, header)
    row = write_title(ws, columns, header.title, header.subject, header.period_line, row)
    for section in sections:
        row = write_paragraph(ws, columns, section.heading, row, bold=True)
        for text in section.paragraphs:
            row = write_paragraph(ws, columns, text, row)
    if closing:
        row = write_paragraph(ws, columns, closing, row)
    end = write_footer(ws, columns, header, row, with_date=False)  # the date is at the top
    setup_print(ws, None)
    # A text report is read in portrait (Decree 30: landscape only for wide tables).
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    # Keep the signature block whole; the distribution list under it may run on. (The row
    # heights are estimated on the tall side, so keeping both often pushed the signatures to
    # a second page that the real rendering did not need.)
    name_row = row + 4 + (1 if header.signer_authority else 0)   # write_footer's rows, no date line
    keep_together(ws, row, min(end - 1, name_row))


def write_annex(ws, annex: AnnexSheet, header: DocumentHeader, stream: list[BulkTable] | None = None) -> None:
    """A data form; with `stream`, its table rows are planned there (see bulk_rows.write_rows)."""
    columns = annex.columns
    prepare_sheet(ws, columns)
    form_header = replace(header, form_code=annex.form_code)
    row = write_form_header(ws, columns, form_header)
    row = write_title(ws, columns, annex.title, period_line=header.period_line, row=row)
    if annex.unit:
        row = write_unit_line(ws, columns, annex.unit, row)
    table_top = row
    row = write_table_header(ws, columns, row)
    for block in annex.blocks:
        if block.heading:
            row = write_band(ws, columns, block.heading, row)
        if not block.rows:
            row = write_band(ws, columns, NONE_LABEL, row, first=2, bold=False, italic=True)
        row = write_rows(ws, columns, block.rows, row, stream, bold_key=BOLD)
    table_end = row - 1
    heights = heights_of(stream, ws)
    for note in annex.notes:
        row = write_note(ws, columns, note, row)
    end = write_footer(ws, columns, form_header, row, with_recipients=False)
    setup_print(ws, None)
    if annex.repeat_heading and not fits_one_page(ws, table_end, heights):
        ws.print_title_rows = f"{table_top}:{table_top + 1}"
    keep_together(ws, row, end - 1, heights)
