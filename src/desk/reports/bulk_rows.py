"""Very long tables (tens of thousands of rows) streamed into a workbook that openpyxl laid out.

openpyxl spends about 0.5 ms per styled cell: a province's list of 84,000 obstacles x 11
columns took 45 s in normal mode and 22 s in write-only mode (measured on the 2-core machine).
Here openpyxl writes everything else (headings, bands, notes, signatures: at their final row
numbers, leaving the table's rows empty), and the saved file gets the table's rows as XML text
(inline strings, never formulas). The cells take the styles openpyxl registered for cells styled
exactly as layout.write_row styles them, so both paths look the same. A sheet may hold several
streamed tables with rows written by openpyxl between and after them.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain
from pathlib import Path
from queue import Queue
from threading import Thread
from typing import TYPE_CHECKING, BinaryIO

from openpyxl.cell.cell import Cell
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from desk.domain.formats import format_number_vi
from desk.domain.lang import t
from desk.errors import UserError
from desk.fileio import readable_everywhere, write_atomically
from desk.reports.layout import (
    Column,
    Heights,
    RowHeights,
    TextMeasures,
    estimated_heights,
    gathered_columns,
    row_height_estimator,
    style_table_cell,
    write_row,
    write_value,
)
from desk.reports.plain_rows import CHUNK_ROWS, PlainRows, PlainSheet
from desk.reports.styled_rows import KINDS, StyledChunk, StyledRows, StyledSheet

if TYPE_CHECKING:
    from desk.reports.sheet_helper import HelperProcess, SheetHelper

EXCEL_MAX_ROWS = 1_048_576
# Rows kept free under a table for what follows it on the sheet (notes, signatures): a table
# that leaves less is refused up front, not half-way through the footer.
ROOM_AFTER = 30
# Up to this many rows, row heights are write_row's own (about 4 µs a cell); longer tables get
# layout's cheaper estimate (a line more for about 2% of rows).
EXACT_HEIGHTS = 5_000
# Up to this many rows, the columns read for the row heights are kept for writing the cells (a province's
# list of 84,000 obstacles: ~7 MB, and its 84,000 dicts not read a second time); beyond, read again.
KEPT_COLUMNS_ROWS = 200_000
# zlib's fastest level: the periodic report's 213 MB of XML at 100,000 obstacles deflates in 0.98 s to
# 26.1 MB, where level 6 takes 2.80 s for 20.2 MB (openpyxl's own parts are re-deflated here too).
DEFLATE_LEVEL = 1
_SAMPLES = {"none": None, "text": "x", "number": 0, "date": date(2000, 1, 1),
            "datetime": datetime(2000, 1, 1), "quoted": "=x"}   # quoted: text starting like a formula


@dataclass(eq=False)
class BulkTable:
    """Rows to stream into `ws` from `first_row` on, each a mapping of column key -> value.

    `plain`: rows are sequences of text written unstyled from column A (the hidden data sheet).
    """

    ws: Worksheet
    columns: tuple[Column, ...]
    first_row: int
    rows: Sequence
    bold_key: str | None = None      # a row whose value under this key is true is written bold
    plain: bool = False
    cleaned: bool = False
    heights: list[float] = field(default_factory=list)
    # Each column's values over all rows, as the row heights read them (see reserve); None: read on saving.
    gathered: list[list] | None = None
    # A plain table's rows made as XML by a second process (see sheet_helper); None: made on saving.
    helper: SheetHelper | None = None

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.rows) - 1


def check_fits(ws: Worksheet, first_row: int, count: int) -> None:
    """Refuse, in the clerk's words, a table that would run past Excel's last row."""
    if first_row + count - 1 + ROOM_AFTER <= EXCEL_MAX_ROWS:
        return
    room = max(0, EXCEL_MAX_ROWS - ROOM_AFTER - first_row + 1)
    n, limit, fits = map(format_number_vi, (count, EXCEL_MAX_ROWS, room))
    raise UserError(t(
        f"Không xuất được báo cáo: bảng ở trang «{ws.title}» có {n} dòng, vượt giới hạn {limit} dòng "
        f"của một trang Excel (trang này còn chỗ cho {fits} dòng). Hãy xuất theo kỳ ngắn hơn hoặc "
        f"chia nhỏ danh sách rồi xuất lại.",
        f"Cannot export the report: the table on sheet «{ws.title}» has {n} rows, more than the "
        f"{limit} rows an Excel sheet holds (room for {fits} here). Export a shorter period or "
        f"split the list, then export again."))


def reserve(ws: Worksheet, columns: Sequence[Column], row: int, rows: Sequence[Mapping], *,
            bold_key: str | None = None, measures: TextMeasures | None = None) -> BulkTable:
    """Plan `rows` at rows row.. of ws (written on saving); nothing may be written there meanwhile.
    measures: shared by tables of the same rows (see layout.TextMeasures)."""
    check_fits(ws, row, len(rows))
    columns = tuple(columns)
    gathered = None
    if len(rows) > EXACT_HEIGHTS:
        measures = measures if measures is not None else TextMeasures()
        heights = estimated_heights(columns, rows, bold_key=bold_key, measures=measures)
        if len(rows) <= KEPT_COLUMNS_ROWS:
            gathered = measures.values(rows, [column.key for column in columns])
    else:
        estimate = row_height_estimator(columns, exact=True)
        if bold_key is None:
            heights = [estimate(values) for values in rows]
        else:
            heights = [estimate(values, bool(values.get(bold_key))) for values in rows]
    table = BulkTable(ws, columns, row, rows, bold_key, heights=heights, gathered=gathered)
    # Its styles registered now, in the workbook's order of writing: the same style ids whether its rows are
    # made here on saving or by a helper process it is handed to before (hand_over).
    _Styles().prepare(table)
    return table


def reserve_text(ws: Worksheet, row: int, rows: Sequence[Sequence[str]], *, cleaned: bool = False,
                 helper: SheetHelper | None = None) -> BulkTable:
    """Plan rows of plain text (a value per column from A, "" for an empty cell), unstyled.

    cleaned: every value already went through layout.clean_text (the data sheet's do).
    helper: the rows' XML is being made by it (started on these rows at this row); saving ends it.
    """
    check_fits(ws, row, len(rows))
    return BulkTable(ws, (), row, rows, plain=True, cleaned=cleaned, helper=helper)


def write_rows(ws: Worksheet, columns: Sequence[Column], rows: Sequence[Mapping], row: int,
               stream: list[BulkTable] | None, *, bold_key: str | None = None,
               measures: TextMeasures | None = None) -> int:
    """Table rows from `row` on: into the sheet now (stream None), or planned for streaming on
    save (appended to stream). Returns the row after the table."""
    if stream is None:
        check_fits(ws, row, len(rows))
        for values in rows:
            row = write_row(ws, columns, values, row, bold=bool(bold_key and values.get(bold_key)))
        return row
    if rows:
        stream.append(reserve(ws, columns, row, rows, bold_key=bold_key, measures=measures))
    return row + len(rows)


def heights_of(stream: Sequence[BulkTable] | None, ws: Worksheet) -> Heights | None:
    """The heights of ws's streamed rows, for layout's pagination (keep_together, fits_one_page)."""
    runs = [(table.first_row, table.heights) for table in stream or () if table.ws is ws and table.heights]
    return RowHeights(runs) if runs else None


def save_with_bulk_rows(wb: Workbook, path: Path, tables: Sequence[BulkTable]) -> None:
    """Save the workbook atomically, with each table's rows written into its sheet."""
    # Before saving: the stylesheet is written from the styles registered by then.
    styles = _Styles()
    for table in tables:
        if table.plain:
            styles.quoted(table.ws)
        else:
            styles.prepare(table)
    buffer = io.BytesIO()
    readable_everywhere(wb)
    wb.save(buffer)
    parts: dict[str, list[BulkTable]] = {}
    for table in tables:
        if table.rows:  # openpyxl numbered each sheet's part on saving
            parts.setdefault(table.ws.path.lstrip("/"), []).append(table)

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(buffer) as source, \
                zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=DEFLATE_LEVEL) as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename not in parts:
                    target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=DEFLATE_LEVEL)
                    continue
                with target.open(item.filename, "w", force_zip64=True) as out:
                    pieces = (piece if type(piece) is bytes else piece.encode("utf-8")
                              for piece in _spliced(data.decode("utf-8"), parts[item.filename], styles))
                    _write_behind(out, pieces)

    try:
        write_atomically(Path(path), write)
    finally:
        for table in tables:
            if table.helper is not None:
                table.helper.close()


# Batches made but not yet compressed. The writer takes the GIL back after each step of a write (checksum,
# compression, file), waiting up to the interpreter's switch interval (5 ms) each time: handed ~1 MB
# pieces it fell behind, a few MB at a time it keeps up.
_AHEAD = 2
_BATCH_BYTES = 4_000_000


def _write_behind(out: BinaryIO, pieces: Iterable[bytes]) -> None:
    """Write pieces to out from a second thread: zlib lets go of the GIL while it compresses, so a
    piece is compressed while the next is made. On an idle two-core PC (an office's, or the province's
    once consolidation's readers are done) that took 3.49 s -> 3.29 s off the obstacle report at 100,000
    rows and 7.19 s -> 6.86 s off the periodic report; under load there is no free core and nothing
    changes either way. The same bytes in the same order go to out as when written one after the other."""
    queue: Queue[bytes | None] = Queue(maxsize=_AHEAD)
    failed: list[BaseException] = []

    def drain() -> None:
        try:
            while (piece := queue.get()) is not None:
                out.write(piece)
        except BaseException as error:  # handed to the caller below
            failed.append(error)
            while queue.get() is not None:  # the caller stops at its next piece; it must never wait
                pass

    writer = Thread(target=drain, name="bulk-rows-writer", daemon=True)
    writer.start()
    try:
        batch: list[bytes] = []
        size = 0
        for piece in pieces:
            if failed:
                break
            batch.append(piece)
            size += len(piece)
            if size >= _BATCH_BYTES:
                queue.put(b"".join(batch))
                batch, size = [], 0
        if batch and not failed:
            queue.put(b"".join(batch))
    finally:
        queue.put(None)
        writer.join()
    if failed:
        raise failed[0]


# --- styles ----------------------------------------------------------------------------------

class _Styles:
    """Cell style ids for (alignment, bold, kind of value), from cells styled like write_row's."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, bool], tuple[str, ...]] = {}

    def prepare(self, table: BulkTable) -> None:
        for column in table.columns:
            for bold in ((False, True) if table.bold_key else (False,)):
                self.of(table.ws, column.horizontal, bold)

    def of(self, ws: Worksheet, horizontal: str, bold: bool) -> tuple[str, ...]:
        """The ' s="N"' attribute for each of KINDS."""
        key = (horizontal, bold)
        if key not in self.ids:
            found = []
            for kind in KINDS:
                cell = Cell(ws, row=1, column=1)   # never added to the sheet: only its style is kept
                write_value(cell, _SAMPLES[kind])
                style_table_cell(cell, size=12, bold=bold, horizontal=horizontal)
                found.append(f' s="{cell.style_id}"')
            self.ids[key] = tuple(found)
        return self.ids[key]

    def quoted(self, ws: Worksheet) -> str:
        """The ' s="N"' of an unstyled cell whose text Excel must keep as text (quotePrefix)."""
        if ("quoted", False) not in self.ids:
            self.ids[("quoted", False)] = (quoted_style(ws),)
        return self.ids[("quoted", False)][0]


def quoted_style(ws: Worksheet) -> str:
    """The ' s="N"' of an unstyled cell whose text Excel must keep as text (quotePrefix), registered in ws's
    workbook if it is not yet: the same N however often asked."""
    cell = Cell(ws, row=1, column=1)    # never added to the sheet: only its style is kept
    cell.quotePrefix = True
    return f' s="{cell.style_id}"'


# --- the sheet XML ---------------------------------------------------------------------------

_ROW_START = re.compile(r'<row r="(\d+)"')
_DIMENSION = re.compile(r'<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"\s*/>')
_EMPTY_DATA = re.compile(r"<sheetData\s*/>")


def _spliced(xml: str, tables: list[BulkTable], styles: _Styles) -> Iterator[str | bytes]:
    """The sheet's XML in pieces, each table's rows inserted in row order among openpyxl's (a plain
    table's rows come as UTF-8 already)."""
    tables = sorted(tables, key=lambda table: table.first_row)
    xml = _EMPTY_DATA.sub("<sheetData></sheetData>", xml, count=1)
    xml = _widened(xml, max(table.last_row for table in tables), max(_width(table) for table in tables))
    written = [(int(m.group(1)), m.start()) for m in _ROW_START.finditer(xml)]
    end_of_data = xml.index("</sheetData>")
    done = 0
    for table in tables:
        inside = [r for r, _ in written if table.first_row <= r <= table.last_row]
        if inside:  # a bug in the report builder: two things written on one row
            raise AssertionError(f"row {inside[0]} of {table.ws.title} is written twice")
        at = next((pos for r, pos in written if r > table.last_row), end_of_data)
        if at < done:
            raise AssertionError(f"streamed tables overlap on {table.ws.title}")
        yield xml[done:at]
        done = at
        yield from (_plain_rows(table, styles) if table.plain else _styled_rows(table, styles))
    yield xml[done:]


def _width(table: BulkTable) -> int:
    if table.plain:
        known = getattr(table.rows, "width", None)      # rows made as they are written: not read twice
        return known if known is not None else max((len(r) for r in table.rows), default=1)
    return len(table.columns)


def _widened(xml: str, last_row: int, last_col: int) -> str:
    """The <dimension> (the used range Excel reads first) grown to cover the streamed rows."""
    found = _DIMENSION.search(xml)
    if found is None:
        return xml
    col = max(column_index_from_string(found.group(3) or found.group(1)), last_col)
    row = max(int(found.group(4) or found.group(2)), last_row)
    ref = f'<dimension ref="{found.group(1)}{found.group(2)}:{get_column_letter(col)}{row}"/>'
    return xml[:found.start()] + ref + xml[found.end():]


def styled_sheet(table: BulkTable, styles: _Styles) -> StyledSheet:
    """What the table's cells are made from besides its values, its styles registered in its workbook."""
    ws, columns = table.ws, table.columns
    return StyledSheet(ws.title, tuple(column.key for column in columns), tuple(column.header for column in columns),
                       tuple(styles.of(ws, column.horizontal, False) for column in columns),
                       tuple(styles.of(ws, column.horizontal, True) for column in columns) if table.bold_key else (),
                       table.cleaned)


def styled_chunks(table: BulkTable, size: int = CHUNK_ROWS, *, sent: bool = False) -> Iterator[tuple[int, StyledChunk]]:
    """The table's rows a run of `size` at a time: (the run's first row, its values by column, heights, bold rows).
    sent: to a helper process (see _one_object_a_day)."""
    rows, keys, bold_key = table.rows, [column.key for column in table.columns], table.bold_key
    for start in range(0, len(rows), size):
        chunk = rows[start:start + size]
        values = ([column[start:start + size] for column in table.gathered] if table.gathered
                  else gathered_columns(chunk, keys))
        if sent:
            values = list(map(_one_object_a_day, values))
        bold = tuple((offset, row) for offset, row in enumerate(chunk) if row.get(bold_key)) if bold_key else ()
        yield table.first_row + start, StyledChunk(values, table.heights[start:start + size], bold)


def _one_object_a_day(values: list) -> list:
    """A column of days (or none) with each day one object: pickled, a day repeated is then sent once (pickle's
    memo) instead of at ~1.4 µs each, which was two thirds of sending the obstacle list's values to a helper."""
    kinds = set(map(type, values))
    if date not in kinds or not kinds <= {date, type(None)}:
        return values
    days = {day: day for day in set(values)}
    return list(map(days.__getitem__, values))


def hand_over(tables: Sequence[BulkTable], process: HelperProcess) -> None:
    """Have the long styled tables among these made by `process` (a sheet helper's, started ahead, which makes
    them in this order) while this process writes the sheets before them; each table's rows are made here as
    ever should the helper fail or fall behind."""
    from desk.reports import sheet_helper

    styles = _Styles()
    for table in tables:
        if not table.plain and table.helper is None and len(table.rows) >= sheet_helper.HANDED_ROWS:
            chunks = styled_chunks(table, sheet_helper.HELPED_CHUNK, sent=True)
            table.helper = sheet_helper.SheetHelper.of_chunks(styled_sheet(table, styles), chunks).start(
                process, share=True)


def _styled_rows(table: BulkTable, styles: _Styles) -> Iterator[bytes]:
    sheet = styled_sheet(table, styles)
    if table.helper is not None:
        return table.helper.pieces(sheet)
    maker = StyledRows(sheet)
    return chain.from_iterable(maker.rows(chunk, first) for first, chunk in styled_chunks(table))


def _plain_rows(table: BulkTable, styles: _Styles) -> Iterator[bytes]:
    sheet = PlainSheet(table.ws.title, _width(table), styles.quoted(table.ws), table.cleaned)
    if table.helper is not None:
        return table.helper.pieces(sheet)
    return PlainRows(sheet).rows(table.rows, table.first_row)
