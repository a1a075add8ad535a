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
import secrets
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain, repeat
from pathlib import Path
from queue import Queue
from threading import Thread
from typing import TYPE_CHECKING, BinaryIO
from xml.sax.saxutils import escape

from openpyxl.cell.cell import Cell
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from desk.domain.formats import format_number_vi
from desk.domain.lang import t
from desk.errors import UserError
from desk.fileio import readable_everywhere, write_atomically
from desk.reports.layout import (
    FORMULA_STARTS,
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
from desk.reports.plain_rows import (
    CHUNK_ROWS,
    KEPT_CELLS,
    KEPT_TEXT,
    PlainRows,
    PlainSheet,
    plain_texts,
    text_tail,
    worth_keeping,
)

if TYPE_CHECKING:
    from desk.reports.sheet_helper import SheetHelper

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
_EPOCH = date(1899, 12, 30).toordinal()     # Excel's day 0 (1900 date system)
# zlib's fastest level: the periodic report's 213 MB of XML at 100,000 obstacles deflates in 0.98 s to
# 26.1 MB, where level 6 takes 2.80 s for 20.2 MB (openpyxl's own parts are re-deflated here too).
DEFLATE_LEVEL = 1
_KINDS = ("none", "text", "number", "date", "datetime", "quoted")
_SAMPLES = {"none": None, "text": "x", "number": 0, "date": date(2000, 1, 1),
            "datetime": datetime(2000, 1, 1), "quoted": "=x"}   # quoted: text starting like a formula


class LateText:
    """A text of the workbook known only once its tables are written (the data hash the sheet helper works out
    beside the data sheet's XML): openpyxl writes `placeholder`, which saving replaces with value() in the
    part that holds it, written after the tables."""

    def __init__(self, make: Callable[[], str]):
        self.placeholder = secrets.token_hex(32)      # found in no other text of the workbook
        self._make, self._value = make, None

    def value(self) -> str:
        if self._value is None:
            self._value = self._make()
        return self._value


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
    late: LateText | None = None        # a text elsewhere in the workbook known once these rows are written

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
    return BulkTable(ws, columns, row, rows, bold_key, heights=heights, gathered=gathered)


def reserve_text(ws: Worksheet, row: int, rows: Sequence[Sequence[str]], *, cleaned: bool = False,
                 helper: SheetHelper | None = None, late: LateText | None = None) -> BulkTable:
    """Plan rows of plain text (a value per column from A, "" for an empty cell), unstyled.

    cleaned: every value already went through layout.clean_text (the data sheet's do).
    helper: the rows' XML is being made by it (started on these rows at this row); saving ends it.
    late: a text written elsewhere that is known once these rows are (see LateText).
    """
    check_fits(ws, row, len(rows))
    return BulkTable(ws, (), row, rows, plain=True, cleaned=cleaned, helper=helper, late=late)


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

    late = [table.late for table in tables if table.late is not None]

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(buffer) as source, \
                zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=DEFLATE_LEVEL) as target:
            held = []
            for item in source.infolist():
                data = source.read(item.filename)
                if late and any(text.placeholder.encode() in data for text in late):
                    held.append((item, data))       # (a zip's parts may come in any order)
                elif item.filename not in parts:
                    target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=DEFLATE_LEVEL)
                else:
                    with target.open(item.filename, "w", force_zip64=True) as out:
                        pieces = (piece if type(piece) is bytes else piece.encode("utf-8")
                                  for piece in _spliced(data.decode("utf-8"), parts[item.filename], styles))
                        _write_behind(out, pieces)
            for item, data in _filled_in(held, late):
                target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=DEFLATE_LEVEL)

    try:
        write_atomically(Path(path), write)
    finally:
        for table in tables:
            if table.helper is not None:
                table.helper.close()


def _filled_in(parts: list[tuple[zipfile.ZipInfo, bytes]], late: list[LateText]
               ) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """The parts holding late texts' placeholders, each replaced by its text now that the tables are written."""
    filled = []
    for item, data in parts:
        for text in late:
            data = data.replace(text.placeholder.encode(), escape(text.value()).encode())
        filled.append((item, data))
    missing = [text for text in late if not any(text.placeholder.encode() in data for _item, data in parts)]
    if missing:     # a bug: a text openpyxl did not write as given
        raise AssertionError(f"{len(missing)} late text(s) not found in the saved workbook")
    return filled


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
        """The ' s="N"' attribute for each of _KINDS."""
        key = (horizontal, bold)
        if key not in self.ids:
            found = []
            for kind in _KINDS:
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


def _styled_rows(table: BulkTable, styles: _Styles) -> Iterator[bytes]:
    # Column by column, then one join a run of rows: each column's cells for the run are made first, each
    # cell the end of its reference and what follows it up to the next reference ('"' + style and value +
    # '<c r="B'), found by value in C for what a table repeats (names, states, days); the run is then one
    # join of row numbers and cells. A 100,000-row obstacle report has 1.9 million cells: a Python loop
    # over them cost ~2.5x this.
    ws, first, rows, heights = table.ws, table.first_row, table.rows, table.heights
    width = len(table.columns)
    plain = [_ColumnCells(table, col, styles.of(ws, column.horizontal, False), _after(col, width))
             for col, column in enumerate(table.columns)]
    bold = ([_ColumnCells(table, col, styles.of(ws, column.horizontal, True), _after(col, width))
             for col, column in enumerate(table.columns)] if table.bold_key else [])
    # In UTF-8 from the cell on, as _plain_rows (the province's list: 64 MB of XML).
    lead = repeat(b'<row r="')
    height = ('" ht="{}" customHeight="1">' + ('<c r="A' if width else "</row>")).format
    for start in range(0, len(rows), CHUNK_ROWS):
        chunk = rows[start:start + CHUNK_ROWS]
        row = first + start
        numbers = list(map(str.encode, map(str, range(row, row + len(chunk)))))
        gathered = [column[start:start + CHUNK_ROWS] for column in table.gathered] if table.gathered else None
        cells = _cells_of(plain, chunk, row, gathered)
        if bold:
            _embolden(cells, bold, chunk, row, table.bold_key)
        # The row's number goes before each piece: '<row r="' 5 '" ht=.. <c r="A' 5 '"<cell><c r="B' 5 ...
        pieces: list = [lead, numbers, map(str.encode, map(height, heights[start:start + CHUNK_ROWS]))]
        for made in cells:
            pieces += (numbers, made)
        yield b"".join(chain.from_iterable(zip(*pieces)))


def _after(col: int, width: int) -> str:
    """What follows a cell of column col (0 first): the next cell's reference up to its row, or the row's end."""
    return f'<c r="{get_column_letter(col + 2)}' if col + 1 < width else "</row>"


def _cells_of(columns: list[_ColumnCells], chunk: Sequence[Mapping], row: int,
              gathered: list[list] | None = None) -> list[list[bytes]]:
    """Each column's cells for the rows of chunk (the first at `row`; gathered: each column's values in
    them, when read already); of several values that cannot be written, the error is the one a row-by-row
    writer meets first."""
    cells, failed = [], []
    if gathered is None:
        gathered = gathered_columns(chunk, [column.key for column in columns])
    for column, values in zip(columns, gathered):
        try:
            cells.append(column.cells(chunk, row, values))
        except (UserError, TypeError) as error:
            failed.append((column.failed_at, column.col, error))
    if failed:
        raise min(failed, key=lambda found: found[:2])[2]
    return cells


def _embolden(cells: list[list[bytes]], bold: list[_ColumnCells], chunk: Sequence[Mapping], row: int,
              bold_key: str) -> None:
    """The cells of the chunk's bold rows (total lines: a few) made again with the bold styles."""
    for offset, values in enumerate(chunk):
        if values.get(bold_key):
            for column, made in zip(bold, cells):
                made[offset] = column.cells((values,), row + offset)[0]


class _ColumnCells:
    """One column's cells, in UTF-8: '"', the style and the value, then what follows the cell (see _after).
    Kept by value for the short texts and the days a table repeats (never numbers or booleans: 1, 1.0 and
    True are one key)."""

    def __init__(self, table: BulkTable, col: int, style_ids: tuple[str, ...], after: str):
        self.table, self.col, self.key, self.after = table, col, table.columns[col].key, after
        (self.s_none, self.s_text, self.s_number, self.s_date, self.s_datetime, self.s_quoted) = style_ids
        self.known: dict[object, bytes] = {None: f'"{self.s_none}/>{after}'.encode()}
        self.number = f'"{self.s_number}><v>{{}}</v></c>{after}'.format
        self.day = f'"{self.s_date}><v>{{}}</v></c>{after}'.format         # of Excel's day number
        self.text = f'"{self.s_text} t="inlineStr"><is><t>{{}}</t></is></c>{after}'.format
        self.quoted = f'"{self.s_quoted} t="inlineStr"><is><t>{{}}</t></is></c>{after}'.format
        self.failed_at = 0      # the row of the value that could not be written

    def cells(self, chunk: Sequence[Mapping], row: int, values: list | None = None) -> list[bytes]:
        """The cells of chunk's rows, the first at `row` (values: this column's, when gathered already)."""
        if values is None:
            values = gathered_columns(chunk, [self.key])[0]
        try:
            made: list = list(map(self.known.get, values))
        except TypeError:  # a value that cannot be a key: each made below
            made = [None] * len(values)
        count = made.count(None)
        if not count:
            return made
        every = count == len(made)
        missing = range(len(made)) if every else [offset for offset, cell in enumerate(made) if cell is None]
        news = values if every else [values[offset] for offset in missing]
        found = self._texts(news, worth_keeping(self.known, count, len(made))) or self._numbers(news) \
            or self._days(news)
        if found is not None:
            if every:
                return found
            for offset, cell in zip(missing, found):
                made[offset] = cell
            return made
        known = self.known
        for offset in missing:
            value = values[offset]
            try:
                cell = known.get(value)
            except TypeError:
                cell = None
            try:
                made[offset] = cell if cell is not None else self.made(value, row + offset)
            except (UserError, TypeError):
                self.failed_at = row + offset
                raise
        return made

    def _texts(self, texts: list, keep: bool) -> list[bytes] | None:
        """_plain_texts' cells, kept by text if keep (see _worth_keeping)."""
        made = plain_texts(texts, self.text, self.quoted)
        if made is None:
            return None
        found = list(map(str.encode, made))
        if keep:
            self.known.update((text, cell) for text, cell in zip(texts, found) if len(text) <= KEPT_TEXT)
        return found

    def _numbers(self, values: list) -> list[bytes] | None:
        """The cells of values when they are all int or float (not bool); None otherwise."""
        kinds = list(map(type, values))
        if kinds.count(int) + kinds.count(float) != len(kinds):
            return None
        return list(map(str.encode, map(self.number, values)))

    def _days(self, values: list) -> list[bytes] | None:
        """The cells of values when they are all days (date, not datetime) after 1900; None otherwise."""
        kinds = list(map(type, values))
        if kinds.count(date) != len(kinds):
            return None
        days = set(values)
        if min(days).year <= 1900:  # (Excel's 1900 leap-year bug: _other)
            return None
        cells = {day: self.day(day.toordinal() - _EPOCH).encode() for day in days}
        if len(self.known) < KEPT_CELLS:
            self.known.update(cells)
        return list(map(cells.__getitem__, values))

    def made(self, value, row: int) -> bytes:
        """The cell of one value."""
        kind = type(value)
        if kind is str:
            tail = text_tail(value, self.table.cleaned, self.table.ws.title, self.table.columns[self.col].header,
                             row, self.col) if value else None
            style = self.s_quoted if tail and value[:1] in FORMULA_STARTS else self.s_text
            cell = (f'"{style}{tail}{self.after}' if tail else f'"{self.s_none}/>{self.after}').encode()
            if len(value) <= KEPT_TEXT and len(self.known) < KEPT_CELLS:
                self.known[value] = cell
            return cell
        if kind is int or kind is float:
            return self.number(value).encode()
        if kind is date and value.year > 1900:  # (Excel's 1900 leap-year bug: _other)
            cell = self.day(value.toordinal() - _EPOCH).encode()
            if len(self.known) < KEPT_CELLS:
                self.known[value] = cell
            return cell
        return ('"' + _other(value, self.table, row, self.col, f"{get_column_letter(self.col + 1)}{row}",
                             self.s_none, self.s_quoted if str(value)[:1] in FORMULA_STARTS else self.s_text,
                             self.s_number, self.s_date, self.s_datetime) + self.after).encode()


def _other(value, table, row, col, ref, s_none, s_text, s_number, s_date, s_datetime) -> str:
    """A rarer value's cell after its reference, as layout.write_value writes it (bool as Có/Không, datetimes)."""
    if isinstance(value, bool):
        value = "Có" if value else "Không"
    if isinstance(value, str):
        tail = text_tail(value, table.cleaned, table.ws.title, table.columns[col].header if table.columns else "",
                         row, col) if value else None
        return f"{s_text}{tail}" if tail else f"{s_none}/>"
    if isinstance(value, datetime):
        return f'{s_datetime}><v>{to_excel(value.replace(tzinfo=None))}</v></c>'
    if isinstance(value, date):
        return f'{s_date}><v>{to_excel(value)}</v></c>'
    if isinstance(value, int | float):
        return f'{s_number}><v>{value}</v></c>'
    raise TypeError(f"cannot write {type(value).__name__} to {ref}")


def _plain_rows(table: BulkTable, styles: _Styles) -> Iterator[bytes]:
    sheet = PlainSheet(table.ws.title, _width(table), styles.quoted(table.ws), table.cleaned)
    if table.helper is not None:
        return table.helper.pieces(sheet)
    return PlainRows(sheet).rows(table.rows, table.first_row)
