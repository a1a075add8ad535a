"""The obstacle report: a summary by domain and status, and the list of obstacles, in one workbook."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl import Workbook

from desk.reports.bulk_rows import BulkTable, heights_of, save_with_bulk_rows, write_rows
from desk.reports.layout import (
    Column,
    DocumentHeader,
    TextMeasures,
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

SUMMARY_SHEET = "Tổng hợp"
DETAIL_SHEET = "Chi tiết"
CAUSES_SHEET = "Nguyên nhân, kiến nghị"
CAUSES_TITLE = "NGUYÊN NHÂN, CĂN CỨ PHÁP LÝ, ẢNH HƯỞNG VÀ KIẾN NGHỊ"
UNIT = "vụ việc"
TOTAL_LABEL = "Tổng cộng"
DETAIL_TITLE = "DANH SÁCH KHÓ KHĂN, VƯỚNG MẮC"
SECTION_NEW = "I. PHÁT SINH TRONG KỲ"
SECTION_CARRIED = "II. TỪ KỲ TRƯỚC CHUYỂN SANG (CHƯA THÁO GỠ HOẶC THÁO GỠ TRONG KỲ)"
CARRIED_NOTE = "Chuyển từ kỳ trước"     # the importer knows a carried-over row by it (importers.tables)
NONE_LABEL = "Không có"

# Keys of the columns this module adds; the leading "_" keeps them apart from field names.
_STT, _DOMAIN, _TOTAL, _NOTE = "_stt", "_domain", "_total", "_note"


@dataclass(frozen=True)
class ObstacleReportData:
    """Everything the report shows, already chosen and labelled by the service."""

    header: DocumentHeader
    domains: tuple[tuple[str, str], ...]    # (code, label), in display order
    statuses: tuple[tuple[str, str], ...]
    columns: tuple[Column, ...]             # the detail columns, from the field declarations
    # column key -> value, plus "domain_code", "status_code" and "carried_over" (bool); writing the report
    # adds each row's number in its list and its note
    rows: tuple[dict, ...]
    cause_columns: tuple[Column, ...] = ()  # a second list: what does not fit beside the first on A4
    preparer_forms: frozenset[str] = frozenset()


def build_workbook(data: ObstacleReportData, stream: list[BulkTable] | None = None) -> Workbook:
    """The workbook; with `stream`, the lists' rows are planned there instead (see bulk_rows)."""
    wb = Workbook()
    summary = wb.active
    summary.title = SUMMARY_SHEET
    _write_summary(summary, data)
    sections = _numbered_sections(data)
    measures = TextMeasures()   # the two lists show the same rows: their texts are measured once
    _write_list(wb.create_sheet(DETAIL_SHEET), data, sections, data.columns, DETAIL_TITLE, "obstacle_list", stream,
                measures)
    if data.cause_columns:
        _write_list(wb.create_sheet(CAUSES_SHEET), data, sections, data.cause_columns, CAUSES_TITLE,
                    "recommendations", stream, measures)
    set_properties(wb, f"{data.header.title} {data.header.subject}".strip())
    return wb


def write_obstacle_report(data: ObstacleReportData, path: Path) -> None:
    """Build the workbook, then replace path in one step (never a half-written report)."""
    stream: list[BulkTable] = []
    save_with_bulk_rows(build_workbook(data, stream), Path(path), stream)


def count_by_domain(data: ObstacleReportData) -> dict[str, dict[str, int]]:
    """domain code -> status code -> number of obstacles; every domain and status present."""
    counts = {d: {s: 0 for s, _ in data.statuses} for d, _ in data.domains}
    for row in data.rows:
        domain, status = row["domain_code"], row["status_code"]
        # An unknown code would silently fall out of the totals; it is a bug in the caller.
        if domain not in counts:
            raise ValueError(f"obstacle row has domain {domain!r}, not among the report's domains")
        if status not in counts[domain]:
            raise ValueError(f"obstacle row has status {status!r}, not among the report's statuses")
        counts[domain][status] += 1
    return counts


def _summary_columns(data: ObstacleReportData) -> tuple[Column, ...]:
    return fit_columns((
        Column(_STT, "STT", 6, "text", align="center"),
        Column(_DOMAIN, "Lĩnh vực", 44),
        *(Column(code, label, 13, "int") for code, label in data.statuses),
        Column(_TOTAL, "Tổng số", 11, "int"),
    ))


def _write_summary(ws, data: ObstacleReportData) -> None:
    columns = _summary_columns(data)
    prepare_sheet(ws, columns)
    row = write_document_header(ws, columns, data.header)
    row = write_title(ws, columns, data.header.title, data.header.subject,
                      data.header.period_line, row)
    row = write_unit_line(ws, columns, UNIT, row)
    table_top = row
    row = write_table_header(ws, columns, row)
    counts = count_by_domain(data)
    totals = {s: sum(by_status[s] for by_status in counts.values()) for s, _ in data.statuses}
    # Totals first (DOMAIN.md §5): the reader at the province looks at that line.
    row = write_row(ws, columns, {_DOMAIN: TOTAL_LABEL, **totals, _TOTAL: len(data.rows)}, row,
                    bold=True)
    for number, (code, label) in enumerate(data.domains, start=1):
        by_status = counts[code]
        values = {_STT: number, _DOMAIN: label, **by_status, _TOTAL: sum(by_status.values())}
        row = write_row(ws, columns, values, row)
    table_end = row - 1
    carried = sum(1 for r in data.rows if r["carried_over"])
    row = write_note(ws, columns, f"Trong đó: {carried} vụ việc từ kỳ trước chuyển sang.", row)
    header = replace(data.header, preparer="obstacle_summary" in data.preparer_forms)
    _first, end = write_signature(ws, columns, header, row)
    setup_print(ws)
    paginate(ws, end - 1, table=(table_top, table_end), keep=(table_end + 1, end - 1), lead=1)


def _numbered_sections(data: ObstacleReportData) -> tuple[tuple[str, list[dict]], ...]:
    """The lists' sections (new, carried over), each with its rows numbered from 1 and noted; both lists
    show the same rows, so they share these. Numbered in place (a row given twice, in a copy): a copy of each
    of 100,000 rows, made and freed, was ~4% of the report."""
    sections = (
        (SECTION_NEW, [r for r in data.rows if not r["carried_over"]], None),
        (SECTION_CARRIED, [r for r in data.rows if r["carried_over"]], CARRIED_NOTE),
    )
    numbered: set[int] = set()
    for _heading, rows, note in sections:
        for index, values in enumerate(rows):
            if id(values) in numbered:      # a row given twice: numbered in a copy of its own
                values = rows[index] = dict(values)
            numbered.add(id(values))
            values[_STT], values[_NOTE] = index + 1, note       # STT restarts in each section
    return tuple((heading, rows) for heading, rows, _note in sections)


def _write_list(ws, data: ObstacleReportData, sections: tuple[tuple[str, list[dict]], ...], list_columns,
                title: str, form: str, stream: list[BulkTable] | None, measures: TextMeasures) -> None:
    longest = max((len(rows) for _heading, rows in sections), default=0)
    columns = fit_columns((number_column(_STT, longest), *list_columns, Column(_NOTE, "Ghi chú", 12)),
                          tables=[rows for _heading, rows in sections])
    prepare_sheet(ws, columns)
    header = replace(data.header, preparer=form in data.preparer_forms)
    row = write_form_header(ws, columns, header)
    row = write_title(ws, columns, title, period_line=data.header.period_line, row=row,
                      reference=data.header.reference)
    table_top = row
    row = write_table_header(ws, columns, row)
    bands = []
    for heading, numbered in sections:
        bands.append(row)
        row = write_band(ws, columns, heading, row)
        if not numbered:
            row = write_band(ws, columns, NONE_LABEL, row, first=2, bold=False, italic=True)
        row = write_rows(ws, columns, numbered, row, stream, measures=measures)
    table_end = row - 1
    end = write_preparer(ws, columns, header, row)[1] if header.preparer else row
    setup_print(ws)
    paginate(ws, end - 1, table=(table_top, table_end), keep=(row, end - 1) if end > row else None, lead=1,
             heights=heights_of(stream, ws), glued=bands)
