"""The XML of a styled table's rows (a report's long lists), made without openpyxl: here or in a helper process."""

# bulk_rows plans a long table and has its rows made here; a second process may make those of a sheet while this
# one writes the sheets before it (sheet_helper): importing openpyxl would cost that process ~0.15 s of its start.

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain, repeat

from desk.errors import UserError
from desk.reports.plain_rows import (
    CHUNK_ROWS,
    KEPT_CELLS,
    KEPT_TEXT,
    column_letter,
    plain_texts,
    text_tail,
    worth_keeping,
)
from desk.reports.texts import FORMULA_STARTS

_EPOCH = date(1899, 12, 30).toordinal()     # Excel's day 0 (1900 date system)
# The kinds of value a column's cells are styled for, in the order of StyledSheet.styles' ids.
KINDS = ("none", "text", "number", "date", "datetime", "quoted")


@dataclass(frozen=True)
class StyledSheet:
    """What a styled table's cells depend on besides its values: a second process may make them (sheet_helper)."""

    title: str
    keys: tuple[str, ...]                       # each column's key in the rows
    headers: tuple[str, ...]                    # each column's heading (said when a value cannot be written)
    styles: tuple[tuple[str, ...], ...]         # each column's ' s="N"' for each of KINDS
    bold_styles: tuple[tuple[str, ...], ...]    # the same in bold (a total line); () when no row is bold
    cleaned: bool = False                       # every text went through layout.clean_text already


@dataclass(frozen=True)
class StyledChunk:
    """A run of a table's rows: each column's values, each row's height, and the rows written bold."""

    values: list[list]                          # a list a column, a value a row
    heights: Sequence[float]
    bold: tuple[tuple[int, Mapping], ...] = ()  # (the row's place in the run, its values)

    def __len__(self) -> int:
        return len(self.heights)


class StyledRows:
    """The XML of a styled table's rows, made a run at a time; each column's cells kept by value across runs."""

    def __init__(self, sheet: StyledSheet):
        width = len(sheet.keys)
        self.sheet = sheet
        self.plain = [_ColumnCells(sheet, col, sheet.styles[col], _after(col, width)) for col in range(width)]
        self.bold = [_ColumnCells(sheet, col, sheet.bold_styles[col], _after(col, width))
                     for col in range(width)] if sheet.bold_styles else []
        self._height = ('" ht="{}" customHeight="1">' + ('<c r="A' if width else "</row>")).format

    def rows(self, chunk: StyledChunk, first: int) -> Iterator[bytes]:
        """The chunk's rows' XML, the first at row `first`."""
        # Column by column, then one join a run of rows: each column's cells for the run are made first, each
        # cell the end of its reference and what follows it up to the next reference ('"' + style and value +
        # '<c r="B'), found by value in C for what a table repeats (names, states, days); the run is then one
        # join of row numbers and cells. A 100,000-row obstacle report has 1.9 million cells: a Python loop
        # over them cost ~2.5x this. In UTF-8 from the cell on, as PlainRows (the province's list: 64 MB of XML).
        lead = repeat(b'<row r="')
        whole = len(chunk) <= CHUNK_ROWS
        for start in range(0, len(chunk), CHUNK_ROWS):
            end = start + CHUNK_ROWS
            row = first + start
            heights = chunk.heights if whole else chunk.heights[start:end]
            numbers = list(map(str.encode, map(str, range(row, row + len(heights)))))
            cells = _cells_of(self.plain, chunk.values if whole else [values[start:end] for values in chunk.values],
                              row)
            for offset, values in chunk.bold:
                if start <= offset < end:
                    for column, made in zip(self.bold, cells):
                        made[offset - start] = column.cells([values.get(column.key)], row + offset - start)[0]
            # The row's number goes before each piece: '<row r="' 5 '" ht=.. <c r="A' 5 '"<cell><c r="B' 5 ...
            pieces: list = [lead, numbers, map(str.encode, map(self._height, heights))]
            for made in cells:
                pieces += (numbers, made)
            yield b"".join(chain.from_iterable(zip(*pieces)))


def _after(col: int, width: int) -> str:
    """What follows a cell of column col (0 first): the next cell's reference up to its row, or the row's end."""
    return f'<c r="{column_letter(col + 2)}' if col + 1 < width else "</row>"


def _cells_of(columns: list[_ColumnCells], values: list[list], row: int) -> list[list[bytes]]:
    """Each column's cells for its values (the first at `row`); of several values that cannot be written, the
    error is the one a row-by-row writer meets first."""
    cells, failed = [], []
    for column, column_values in zip(columns, values):
        try:
            cells.append(column.cells(column_values, row))
        except (UserError, TypeError) as error:
            failed.append((column.failed_at, column.col, error))
    if failed:
        raise min(failed, key=lambda found: found[:2])[2]
    return cells


class _ColumnCells:
    """One column's cells, in UTF-8: '"', the style and the value, then what follows the cell (see _after).
    Kept by value for the short texts and the days a table repeats (never numbers or booleans: 1, 1.0 and
    True are one key)."""

    def __init__(self, sheet: StyledSheet, col: int, style_ids: tuple[str, ...], after: str):
        self.sheet, self.col, self.key, self.after = sheet, col, sheet.keys[col], after
        (self.s_none, self.s_text, self.s_number, self.s_date, self.s_datetime, self.s_quoted) = style_ids
        self.known: dict[object, bytes] = {None: f'"{self.s_none}/>{after}'.encode()}
        self.number = f'"{self.s_number}><v>{{}}</v></c>{after}'.format
        self.day = f'"{self.s_date}><v>{{}}</v></c>{after}'.format         # of Excel's day number
        self.text = f'"{self.s_text} t="inlineStr"><is><t>{{}}</t></is></c>{after}'.format
        self.quoted = f'"{self.s_quoted} t="inlineStr"><is><t>{{}}</t></is></c>{after}'.format
        self.failed_at = 0      # the row of the value that could not be written

    def cells(self, values: list, row: int) -> list[bytes]:
        """The cells of this column's values, the first at `row`."""
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
        """plain_texts' cells, kept by text if keep (see worth_keeping)."""
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
            tail = text_tail(value, self.sheet.cleaned, self.sheet.title, self.sheet.headers[self.col],
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
        return ('"' + _other(value, self.sheet, row, self.col,
                             self.s_none, self.s_quoted if str(value)[:1] in FORMULA_STARTS else self.s_text,
                             self.s_number, self.s_date, self.s_datetime) + self.after).encode()


def _other(value, sheet: StyledSheet, row: int, col: int, s_none: str, s_text: str, s_number: str, s_date: str,
           s_datetime: str) -> str:
    """A rarer value's cell after its reference, as layout.write_value writes it (bool as Có/Không, datetimes)."""
    if isinstance(value, bool):
        value = "Có" if value else "Không"
    if isinstance(value, str):
        tail = text_tail(value, sheet.cleaned, sheet.title, sheet.headers[col], row, col) if value else None
        return f"{s_text}{tail}" if tail else f"{s_none}/>"
    if isinstance(value, datetime | date):
        # Rare in a list: a helper process does not load openpyxl for nothing.
        from openpyxl.utils.datetime import to_excel

        if isinstance(value, datetime):
            return f'{s_datetime}><v>{to_excel(value.replace(tzinfo=None))}</v></c>'
        return f'{s_date}><v>{to_excel(value)}</v></c>'
    if isinstance(value, int | float):
        return f'{s_number}><v>{value}</v></c>'
    raise TypeError(f"cannot write {type(value).__name__} to {column_letter(col + 1)}{row}")
