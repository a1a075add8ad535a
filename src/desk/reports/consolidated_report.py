"""The province's consolidated workbook: totals, per-commune tables, completeness, problems."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl import Workbook

from desk.reports.bulk_rows import heights_of, reserve, save_with_bulk_rows
from desk.reports.layout import (
    Column,
    DocumentHeader,
    fit_columns,
    paginate,
    prepare_sheet,
    set_properties,
    setup_print,
    write_form_header,
    write_row,
    write_table_header,
    write_title,
)
from desk.reports.manifest import DataBlock, data_sheet_helper, write_machine_part
from desk.reports.periodic_report import AnnexSheet, CoverSection, write_annex, write_cover
from desk.reports.sheet_helper import HelperProcess

SUMMARY_SHEET = "Tổng hợp"


@dataclass(frozen=True)
class LongList:
    """A list too long for openpyxl's cell-by-cell writing (all obstacles of the province)."""

    name: str
    form_code: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Mapping, ...]
    empty_label: str = "Không có"


@dataclass(frozen=True)
class ConsolidatedReportData:
    header: DocumentHeader
    cover: tuple[CoverSection, ...]          # the signed text report
    closing: str
    annexes: tuple[AnnexSheet, ...]          # placed before the long list
    long_list: LongList
    after: tuple[AnnexSheet, ...] = ()       # placed after it (conflicts, problems)
    preparer: bool = False                   # the forms carry "Người lập biểu" (the province's template)
    manifest: dict = field(default_factory=dict)          # the machine-readable part (none when empty)
    blocks: tuple[DataBlock, ...] = ()


def write_consolidated_report(data: ConsolidatedReportData, path: Path, process: HelperProcess | None = None) -> None:
    """Build the workbook and replace path in one step. Every table's rows are streamed on saving,
    not styled cell by cell: at the ministry's size the annexes have thousands of rows. process: the data
    sheet's helper, started ahead (sheet_helper.started_ahead)."""
    wb = Workbook()
    wb.active.title = SUMMARY_SHEET
    helper = data_sheet_helper(wb, data.blocks, process) if data.manifest else None
    try:
        write_cover(wb.active, data.header, data.cover, data.closing)
        stream = []
        for annex in data.annexes:
            write_annex(wb.create_sheet(annex.name), annex, data.header, stream, preparer=data.preparer)
        bulk = _write_long_list(wb.create_sheet(data.long_list.name), data.long_list, data.header)
        if bulk:
            stream.append(bulk)
        for annex in data.after:
            write_annex(wb.create_sheet(annex.name), annex, data.header, stream, preparer=data.preparer)
        if data.manifest:
            write_machine_part(wb, data.manifest, data.blocks, stream, helper)
        set_properties(wb, f"{data.header.title} {data.header.subject}".strip())
        save_with_bulk_rows(wb, Path(path), stream)
    finally:        # (saving ends it too; not when something before fails)
        if helper is not None:
            helper.close()


def _write_long_list(ws, long_list: LongList, header: DocumentHeader):
    columns = fit_columns(long_list.columns, tables=[long_list.rows])
    prepare_sheet(ws, columns)
    form_header = replace(header, form_code=long_list.form_code)
    row = write_form_header(ws, columns, form_header)
    row = write_title(ws, columns, long_list.title, period_line=header.period_line, row=row,
                      reference=header.reference)
    table_top = row
    row = write_table_header(ws, columns, row)
    setup_print(ws)
    if not long_list.rows:
        write_row(ws, columns, {columns[1].key: long_list.empty_label}, row)
        paginate(ws, row, table=(table_top, row))
        return None
    bulk = reserve(ws, columns, row, long_list.rows)
    paginate(ws, bulk.last_row, table=(table_top, bulk.last_row), heights=heights_of([bulk], ws))
    return bulk
