"""The periodic report workbook: a signed text report, its annex tables, and the hidden data part."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl import Workbook

from desk.reports.bulk_rows import BulkTable, LateText, heights_of, save_with_bulk_rows, write_rows
from desk.reports.layout import (
    PORTRAIT_UNITS,
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
    write_paragraph,
    write_preparer,
    write_signature,
    write_table_header,
    write_title,
    write_unit_line,
)
from desk.reports.manifest import DataBlock, data_sheet_helper, write_machine_part
from desk.reports.sheet_helper import HelperProcess, SheetHelper

COVER_SHEET = "Báo cáo"
NONE_LABEL = "Không có"
BOLD = "_bold"          # a row key: the row is written in bold (a total line)
# The text report is a portrait page: six equal columns make about 85 characters a line.
_COVER_COLUMNS = tuple(Column(f"c{i}", "", PORTRAIT_UNITS / 6) for i in range(6))


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
    key: str = ""                   # which form it is (domain.forms): the "Người lập biểu" setting's
    # Accepted from older callers, no longer read: paginate() repeats a table's heading exactly
    # when the table runs onto another page.
    repeat_heading: bool = True


@dataclass(frozen=True)
class Subheading:
    """A bold line inside a section of the text report ("1. Kết quả đạt được")."""

    text: str


@dataclass(frozen=True)
class CoverSection:
    """A part of the text report: its heading and its paragraphs (text, or Subheading)."""

    heading: str
    paragraphs: tuple[str | Subheading, ...]


@dataclass(frozen=True)
class PeriodicReportData:
    header: DocumentHeader
    cover: tuple[CoverSection, ...]     # empty: the workbook is only the annexes (one section alone)
    closing: str
    annexes: tuple[AnnexSheet, ...]
    manifest: dict[str, object]
    blocks: tuple[DataBlock, ...]
    preparer_forms: frozenset[str] = frozenset()     # forms with a "Người lập biểu" line


def build_workbook(data: PeriodicReportData, stream: list[BulkTable] | None = None,
                   process: HelperProcess | None = None) -> tuple[Workbook, str | LateText]:
    """The workbook and the hash of its data part; with `stream`, the tables' rows and the data
    part's are planned there instead (see bulk_rows), a long data part's begun at once in a second
    process, `process` when one was started ahead (see manifest.data_sheet_helper; saving the stream
    ends it), which works out the hash too (a LateText, known once the stream is saved)."""
    wb = Workbook()
    helper = data_sheet_helper(wb, data.blocks, process) if stream is not None else None
    try:
        digest = _build(wb, data, stream, helper)
    except BaseException:
        if helper is not None:
            helper.close()
        raise
    return wb, digest


def _build(wb: Workbook, data: PeriodicReportData, stream: list[BulkTable] | None,
           helper: SheetHelper | None) -> str | LateText:
    first = wb.active
    if data.cover:
        first.title = COVER_SHEET
        write_cover(first, data.header, data.cover, data.closing)
    else:
        wb.remove(first)
    for annex in data.annexes:
        write_annex(wb.create_sheet(annex.name), annex, data.header, stream,
                    preparer=annex.key in data.preparer_forms, annexed=bool(data.cover))
    digest = write_machine_part(wb, data.manifest, data.blocks, stream, helper)
    wb.active = 0
    set_properties(wb, f"{data.header.title} {data.header.subject}".strip())
    return digest


def write_periodic_report(data: PeriodicReportData, path: Path, process: HelperProcess | None = None) -> str:
    """Build the workbook, then replace path in one step; returns the data hash. `process`: a sheet
    helper's, started ahead for a long data part (the caller closes it, should it not be taken)."""
    stream: list[BulkTable] = []
    wb, digest = build_workbook(data, stream, process)
    save_with_bulk_rows(wb, Path(path), stream)
    return digest if isinstance(digest, str) else digest.value()


def write_cover(ws, header: DocumentHeader, sections: tuple[CoverSection, ...], closing: str = "") -> None:
    """The text report (portrait): Decree 30 header, title, numbered sections, then the one
    signature block with "Nơi nhận" beside it, kept on a page with the last lines of text."""
    columns = _COVER_COLUMNS
    prepare_sheet(ws, columns)
    row = write_document_header(ws, columns, header)
    row = write_title(ws, columns, header.title, header.subject, header.period_line, row)
    headings = []
    for section in sections:
        headings.append(row)
        row = write_paragraph(ws, columns, section.heading, row, bold=True)
        for text in section.paragraphs:
            if isinstance(text, Subheading):
                headings.append(row)
                row = write_paragraph(ws, columns, text.text, row, bold=True)
            else:
                row = write_paragraph(ws, columns, text, row)
    if closing:
        row = write_paragraph(ws, columns, closing, row)
    _first, end = write_signature(ws, columns, header, row)
    setup_print(ws, portrait=True)
    # The signature goes over with the closing line and the paragraph before it, not the formula alone.
    paginate(ws, end - 1, keep=(row, end - 1), lead=2 if closing else 1, glued=headings)


def write_annex(ws, annex: AnnexSheet, header: DocumentHeader, stream: list[BulkTable] | None = None, *,
                preparer: bool = False, annexed: bool = True) -> None:
    """A data form attached to the report: its number, title and the report it belongs to; no
    second signature of the head, a "Người lập biểu" only where the form asks for it. With
    `stream`, its table rows are planned there (see bulk_rows.write_rows)."""
    columns = fit_columns(annex.columns, tables=[block.rows for block in annex.blocks])
    prepare_sheet(ws, columns)
    form_header = replace(header, form_code=annex.form_code, preparer=preparer)
    row = write_form_header(ws, columns, form_header)
    row = write_title(ws, columns, annex.title, period_line=header.period_line, row=row,
                      reference=header.reference if annexed else "")
    if annex.unit:
        row = write_unit_line(ws, columns, annex.unit, row)
    table_top = row
    row = write_table_header(ws, columns, row)
    bands = []
    for block in annex.blocks:
        if block.heading:
            # A band says what its rows are: it goes over with the first of them. A band over "Không có"
            # also takes the row before it, so that no page holds only a heading and "Không có".
            bands += [row - 1, row] if not block.rows and row - 1 > table_top + 1 else [row]
            row = write_band(ws, columns, block.heading, row)
        if not block.rows:
            row = write_band(ws, columns, NONE_LABEL, row, first=2, bold=False, italic=True)
        row = write_rows(ws, columns, block.rows, row, stream, bold_key=BOLD)
    table_end = row - 1
    heights = heights_of(stream, ws)
    for note in annex.notes:
        row = write_note(ws, columns, note, row)
    end = write_preparer(ws, columns, form_header, row)[1] if preparer else row
    setup_print(ws)
    paginate(ws, end - 1, table=(table_top, table_end), keep=(table_end + 1, end - 1) if end > table_end + 1 else None,
             lead=1, heights=heights, glued=bands)
