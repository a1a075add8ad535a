"""The machine-readable part of a report: hidden manifest and data sheets, and the hash over them."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain
from typing import TYPE_CHECKING, Any

from desk.reports.texts import clean_text

if TYPE_CHECKING:          # writing only: a reading worker does without openpyxl (importers/worker.py)
    from openpyxl.workbook import Workbook

    from desk.reports.bulk_rows import BulkTable, LateText
    from desk.reports.sheet_helper import HelperProcess, SheetHelper

MANIFEST_SHEET = "_desk_manifest"
DATA_SHEET = "_desk_data"
FORMAT = "desk-periodic-report"
CONSOLIDATED_FORMAT = "desk-consolidated-report"     # a province's or the ministry's consolidation
FORMAT_VERSION = 1
HASH_KEY = "data_sha256"
BLOCK_MARK = "#block"


def cell_text(value) -> str:
    """The one text form of a value, used both in the cell and in the hash.

    Everything is stored as text so a reader gets back exactly what was hashed: no float
    rounding, no date serials, no locale.
    """
    if value is None:
        return ""
    if type(value) is str:  # most values: one check instead of the chain below
        return clean_text(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    return clean_text(str(value))


_normal = unicodedata.normalize


def texts_of(values: Iterable) -> tuple[str, ...]:
    """cell_text of each value: a block's row. The usual cells (empty, text already clean: NFC and
    printable, a day, a time, a whole number) are made here without a call each: a block of 100,000 rows
    has millions."""
    return tuple(["" if value is None
                  else value if type(value) is str and _normal("NFC", value) is value and value.isprintable()
                  else value.isoformat() if type(value) is date
                  else value.isoformat(timespec="seconds") if type(value) is datetime
                  else str(value) if type(value) is int
                  else cell_text(value) for value in values])


class MadeRows(Sequence[tuple[str, ...]]):
    """A block's rows made from its source records, read twice (the data check, then the sheet). Up to
    HELD_ROWS they are made once and held (a province's 84,000: ~17 MB, and ~0.1 s of the write less);
    beyond, each time they are read: a consolidation of the whole country never holds its 664,200 text
    rows at once (its process peaks near its memory target)."""

    def __init__(self, source: Sequence[Any], make: Callable[[Any], tuple[str, ...]],
                 make_many: Callable[[Sequence[Any]], list[tuple[str, ...]]] | None = None):
        self.source, self.make = source, make
        # make_many(records): the rows of several records at once, as make would give them one by one.
        self.make_many = make_many or (lambda records: list(map(make, records)))
        self._held: list[tuple[str, ...]] | None = None

    def __len__(self) -> int:
        return len(self.source)

    def __getitem__(self, index):
        held = self._made_once()
        if held is not None:
            return held[index]
        if isinstance(index, slice):
            return self.make_many(self.source[index])
        return self.make(self.source[index])

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        held = self._made_once()
        return iter(held) if held is not None else map(self.make, self.source)

    def _made_once(self) -> list[tuple[str, ...]] | None:
        if self._held is None and len(self.source) <= HELD_ROWS:
            held: list[tuple[str, ...]] = []
            for start in range(0, len(self.source), _MADE_AT_ONCE):
                held += self.make_many(self.source[start:start + _MADE_AT_ONCE])
            self._held = held
        return self._held


HELD_ROWS = 200_000
_MADE_AT_ONCE = 2_000       # records handed to make_many at a time


class _Chained(Sequence):
    """The data sheet's rows, block after block, read through without being copied into one list."""

    def __init__(self, parts: list[Sequence[Sequence[str]]], width: int):
        self.parts, self.width = parts, width

    def __len__(self) -> int:
        return sum(len(part) for part in self.parts)

    def __getitem__(self, index):
        rows = list(chain.from_iterable(self.parts))      # not on the streaming path: only for a caller's look
        return rows[index]

    def __iter__(self) -> Iterator[Sequence[str]]:
        return chain.from_iterable(self.parts)


@dataclass(frozen=True)
class DataBlock:
    """One table of the data sheet: a name ("obstacles"), column names and rows of text."""

    name: str
    columns: tuple[str, ...]
    rows: Sequence[tuple[str, ...]] = ()

    @classmethod
    def of(cls, name: str, columns: Sequence[str], records: Iterable[dict]) -> DataBlock:
        cols = tuple(columns)
        return cls(name, cols, tuple(texts_of([r.get(c) for c in cols]) for r in records))

    def dicts(self) -> list[dict[str, str]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass(frozen=True)
class Manifest:
    """What the data is: unit, period, versions, when made; `values` keeps every key as text."""

    values: dict[str, str] = field(default_factory=dict)

    def get(self, key: str, default: str = "") -> str:
        return self.values.get(key, default)


_HASH_BATCH = 2000          # rows encoded at a time: the text hashed is never held whole


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# What JSON escapes besides '"' and '\\': the control characters, which in UTF-8 are bytes of their own
# (every byte of a longer character is 0x80 or more).
_CONTROLS = bytes(range(0x20))
_ROWS = frozenset((tuple, list))     # what JSON writes as an array, of the types joining is tried on


def _plain_json(rows: Sequence[Sequence[str]]) -> bytes | None:
    """_dumps(rows)[1:-1] in UTF-8, made by joining the texts between quotes when JSON writes each as it
    is (no '"', '\\' or control character in it: checked on the bytes, the quotes by their count); None
    otherwise. The json module writes each of 100,000 records' 25 texts apart (~0.3 s), this about half."""
    if not set(map(type, rows)) <= _ROWS or not all(rows):    # a row of no value is "[]", not '[""]'
        return None
    try:
        data = ('["' + '"],["'.join(map('","'.join, rows)) + '"]').encode()
    except (TypeError, UnicodeEncodeError):     # a value that is not text, or not one JSON writes as it is
        return None
    if (data.count(b'"') == 2 * sum(map(len, rows)) and b"\\" not in data
            and len(data.translate(None, _CONTROLS)) == len(data)):
        return data
    return None



class DataHasher:
    """data_hash fed a block at a time and its rows a batch at a time: a reader that streams the data
    sheet checks it without holding it."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256(b'{"blocks":[')
        self._blocks = 0
        self._rows = 0
        self._open = False

    def block(self, name: str, columns: Sequence[str]) -> None:
        self._close()
        self._digest.update(f'{"," if self._blocks else ""}[{_dumps(name)},{_dumps(list(columns))},['.encode())
        self._blocks += 1
        self._rows = 0
        self._open = True

    def rows(self, rows: Sequence[Sequence[str]]) -> None:
        if rows:
            batch = _plain_json(rows)
            if batch is None:
                batch = _dumps(rows if isinstance(rows, list | tuple) else list(rows))[1:-1].encode()  # tuples: lists
            if self._rows:
                self._digest.update(b",")
            self._digest.update(batch)
            self._rows += len(rows)

    def hexdigest(self, manifest: dict[str, str]) -> str:
        self._close()
        digest = self._digest.copy()
        digest.update(f'],"manifest":{_dumps({k: v for k, v in manifest.items() if k != HASH_KEY})}}}'.encode())
        return digest.hexdigest()

    def _close(self) -> None:
        if self._open:
            self._digest.update(b"]]")
            self._open = False


def data_hash(manifest: dict[str, str], blocks: Sequence[DataBlock]) -> str:
    """SHA-256 over a canonical JSON of the manifest (less the hash) and every block, in order:
    json.dumps({"manifest": ..., "blocks": [[name, columns, rows], ...]}, ensure_ascii=False,
    sort_keys=True, separators=(",", ":")), fed to the hash piece by piece (a consolidation of the
    whole country has 660,000 rows: its text whole would take over a gigabyte)."""
    hasher = DataHasher()
    for b in blocks:
        hasher.block(b.name, b.columns)
        for start in range(0, len(b.rows), _HASH_BATCH):
            hasher.rows(b.rows[start:start + _HASH_BATCH])
    return hasher.hexdigest(manifest)


class _HashOfRows:
    """data_hash worked out by the data sheet's helper from the sheet's rows as it makes their XML (see
    sheet_helper.Tally): each block's rows hashed where the sheet holds them, after its mark row and its
    column names. None unless fed every row of the sheet, in order."""

    def __init__(self, blocks: Sequence[DataBlock], first: int = 1):
        # Each block's first row (its mark), first row of data, name, columns and number of rows.
        self._blocks: list[tuple[int, int, str, tuple[str, ...], int]] = []
        row = first
        for block in blocks:
            top = row + len(_head_rows(block))
            self._blocks.append((row, top, block.name, tuple(block.columns), len(block.rows)))
            row = top + len(block.rows)
        self._next, self._end = first, row
        self._hasher: DataHasher | None = None      # made in the helper (a hash object is not sent)

    def feed(self, first: int, rows: Sequence[Sequence[str]]) -> None:
        if first != self._next:     # a chunk the caller took back and made itself: this hash is not whole
            self._next = -1
            return
        hasher = self._hasher = self._hasher or DataHasher()
        end = first + len(rows)
        for head, top, name, columns, count in self._blocks:
            if head >= end:
                break
            if head >= first:
                hasher.block(name, columns)
            start, stop = max(first, top), min(end, top + count)
            if start < stop:
                hasher.rows(rows[start - first:stop - first])
        self._next = end

    def result(self, manifest: dict[str, str]) -> str | None:
        if self._next != self._end:
            return None
        return (self._hasher or DataHasher()).hexdigest(manifest)


def _head_rows(block: DataBlock) -> tuple[Sequence[str], ...]:
    """What comes before a block's rows on the data sheet: its mark row, then its column names."""
    return (BLOCK_MARK, block.name, str(len(block.rows))), block.columns


def _data_rows(blocks: Sequence[DataBlock]) -> _Chained:
    """The data sheet's rows: for each block its head rows (_head_rows), then its rows."""
    parts: list[Sequence[Sequence[str]]] = []
    for block in blocks:
        parts += [_head_rows(block), block.rows]
    return _Chained(parts, max((3, *(len(block.columns) for block in blocks))))


def data_sheet_helper(wb: Workbook, blocks: Sequence[DataBlock], process: HelperProcess | None = None) -> SheetHelper:
    """The data sheet of these blocks begun in a second process when it is long (see sheet_helper), for
    write_machine_part: started first, it is made while the rest of the workbook is laid out and written;
    in `process` when one was started ahead. The caller closes it once the workbook is saved (or not)."""
    from desk.reports.bulk_rows import PlainSheet, quoted_style
    from desk.reports.sheet_helper import SheetHelper, worth_helping

    rows = _data_rows(blocks)
    helper = SheetHelper(PlainSheet(DATA_SHEET, rows.width, quoted_style(wb.worksheets[0]), True), rows,
                         tally=_HashOfRows(blocks))
    return helper.start(process) if worth_helping(len(rows)) else helper


def _late_hash(helper: SheetHelper, manifest: dict[str, str], blocks: Sequence[DataBlock]) -> LateText | None:
    """The data hash as the helper works it out beside the data sheet's XML, written into the manifest on
    saving (data_hash here when the helper did not make every row); None when there is no helper to ask."""
    from desk.reports.bulk_rows import LateText

    if not helper.ask_tally(manifest):
        return None
    return LateText(lambda: helper.tally_result or data_hash(manifest, blocks))


def write_machine_part(wb: Workbook, manifest: dict[str, str], blocks: Sequence[DataBlock],
                       stream: list[BulkTable] | None = None, helper: SheetHelper | None = None
                       ) -> str | LateText:
    """Add the two very hidden sheets (Excel offers no menu to show them); returns the hash.

    With `stream`, the data sheet's rows are planned there (see bulk_rows) instead of written; with
    `helper` (data_sheet_helper's, of the same blocks), made there, and the hash too: a LateText then,
    known once the stream is saved. The hash of 100,000 obstacles takes ~0.2 s: there, it is worked out
    beside their XML while this process lays out and writes the forms.
    """
    from desk.reports.bulk_rows import reserve_text
    from desk.reports.layout import write_text

    values = {k: cell_text(v) for k, v in manifest.items()}
    values["blocks"] = ";".join(f"{b.name}={len(b.rows)}" for b in blocks)
    late = _late_hash(helper, dict(values), blocks) if stream is not None and helper is not None else None
    values[HASH_KEY] = late.placeholder if late is not None else data_hash(values, blocks)
    ws = wb.create_sheet(MANIFEST_SHEET)
    for row, (key, value) in enumerate(values.items(), start=1):
        write_text(ws.cell(row, 1), key)
        write_text(ws.cell(row, 2), value)
    ws.sheet_state = "veryHidden"
    ws = wb.create_sheet(DATA_SHEET)
    ws.sheet_state = "veryHidden"
    if stream is not None:
        rows = helper.rows if helper is not None else _data_rows(blocks)
        stream.append(reserve_text(ws, 1, rows, cleaned=True, helper=helper, late=late))  # cell_text cleaned them
        return late if late is not None else values[HASH_KEY]
    row = 1
    for block in blocks:
        # A block: its mark row, its column names, then its rows; the next mark ends it.
        for head in _head_rows(block):
            for col, value in enumerate(head, start=1):
                write_text(ws.cell(row, col), value)
            row += 1
        for values_row in block.rows:
            for col, value in enumerate(values_row, start=1):
                if value:
                    write_text(ws.cell(row, col), value)
            row += 1
    return values[HASH_KEY]


# --- reading back (the reader hands over plain lists of cell values) -------------------------

def text_of(value) -> str:
    """A cell as read back, as the text it was written from (readers differ on empty and numbers)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_manifest(rows: Iterable[Sequence]) -> Manifest:
    values: dict[str, str] = {}
    for row in rows:
        if row and text_of(row[0]):
            values[text_of(row[0])] = text_of(row[1]) if len(row) > 1 else ""
    return Manifest(values)


class DataSheetError(ValueError):
    """The data sheet does not have the block structure Desk writes."""


def parse_blocks(rows: Iterable[Sequence]) -> list[DataBlock]:
    return [DataBlock(name, columns, tuple(body)) for name, columns, body in stream_blocks(rows)]


def stream_blocks(rows: Iterable[Sequence]) -> Iterator[tuple[str, tuple[str, ...], Iterator[tuple[str, ...]]]]:
    """The data sheet's blocks as its rows are read: (name, columns, the block's rows as texts), each
    block's rows to be read through before the next block is asked for. DataSheetError where the
    structure is broken (raised while reading, so part of the data may have been given by then)."""
    source = enumerate(rows, start=1)
    for number, row in source:
        if not row or all(text_of(v) == "" for v in row):
            continue
        if text_of(row[0]) != BLOCK_MARK or len(row) < 3:
            raise DataSheetError(f"row {number}: expected a block mark")
        name, count = text_of(row[1]), text_of(row[2])
        head = next(source, None)
        if not count.isdigit() or head is None:
            raise DataSheetError(f"row {number}: bad block header")
        header = [text_of(v) for v in head[1]]
        while header and header[-1] == "":
            header.pop()
        body = _body(source, name, int(count), len(header))
        yield name, tuple(header), body
        for _ in body:          # what the caller left unread
            pass


def _body(source: Iterator[tuple[int, Sequence]], name: str, n: int, width: int) -> Iterator[tuple[str, ...]]:
    for got in range(n):
        found = next(source, None)
        if found is None:
            raise DataSheetError(f"block {name}: {got} rows instead of {n}")
        yield _row_texts(found[1], width)


def _row_texts(row: Sequence, width: int) -> tuple[str, ...]:
    # Desk writes every data cell as text, so nearly every value read back is one already.
    cells = [v if type(v) is str else text_of(v) for v in row[:width]]
    if len(cells) < width:
        cells += [""] * (width - len(cells))
    return tuple(cells)

