"""The XML of rows of plain text (a report's hidden data sheet), made without openpyxl."""

# A second process makes a long data sheet while the workbook is written (sheet_helper): importing openpyxl
# would cost it ~0.15 s of its start. bulk_rows' styled tables make their text cells with the same rules.

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice, repeat
from operator import itemgetter
from unicodedata import normalize as _normal
from xml.sax.saxutils import escape

from desk.reports.texts import EXCEL_MAX_CHARS, FORMULA_STARTS, clean_text, escape_hidden, excel_length, too_long_error

CHUNK_ROWS = 2_000                          # rows joined into one string before compression

# A column keeps the cells of its texts up to this long (codes, states, units, names repeat; long texts
# rarely do, and alone can be too long for a cell), up to this many.
KEPT_TEXT = 64
KEPT_CELLS = 100_000


def text_tail(text: str, cleaned: bool, sheet: str, label: str, row: int, col: int) -> str | None:
    """A text cell's XML after the style: None when nothing is left of the text (cleaned: text went through
    clean_text already; sheet, label, row and col say where a text too long for a cell is)."""
    text = escape_hidden(text if cleaned else clean_text(text))
    if not text:
        return None
    if len(text) * 2 > EXCEL_MAX_CHARS and (length := excel_length(text)) > EXCEL_MAX_CHARS:
        raise too_long_error(sheet, row, column_letter(col + 1), label, length)
    if "&" in text or "<" in text or ">" in text:
        text = escape(text)
    # Excel drops leading and trailing spaces, and may lose line breaks, unless told to keep them.
    if text[0] in " \t" or text[-1] in " \t" or "\n" in text:
        return f' t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f' t="inlineStr"><is><t>{text}</t></is></c>'


def column_letter(index: int) -> str:
    """Excel's letters of column index (1 first: A), as openpyxl's get_column_letter (not imported: see above)."""
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def worth_keeping(known: dict, new: int, chunk: int) -> bool:
    """Whether a chunk's new cells are kept by value: while the column keeps fewer than a chunk's worth,
    then only from chunks found mostly kept (a column of titles, all different, is not: memory and time
    for nothing), and never past KEPT_CELLS."""
    return (new * 2 <= chunk or len(known) <= CHUNK_ROWS) and len(known) < KEPT_CELLS


def plain_texts(texts: list, text: Callable[[str], str], quoted: Callable[[str], str]) -> list[str] | None:
    """The cells of texts, made by text(t) or, for a text starting like a formula, quoted(t), when each is
    text that needs nothing but its characters (NFC, printable, nothing to escape, no spaces at the ends,
    not empty, short enough), checked on them all at once; None otherwise (made one by one)."""
    try:
        joined = " ".join(texts)  # a space is printable, NFC, and no character composes across it
    except TypeError:  # not all text
        return None
    lengths = list(map(len, texts))
    if not (min(lengths) and max(lengths) * 2 <= EXCEL_MAX_CHARS and joined.isprintable()
            and _normal("NFC", joined) is joined and joined[0] != " " and joined[-1] != " "
            and not any(map(joined.__contains__, _NOT_PLAIN))):
        return None
    if set(map(itemgetter(0), texts)).isdisjoint(FORMULA_STARTS):
        return list(map(text, texts))
    return [(quoted if each[0] in FORMULA_STARTS else text)(each) for each in texts]


# What makes a text's cell more than its characters: XML to escape, "_x" (it may read as Excel's escape),
# a space at a text's end (beside the space that joins two texts; the joined texts' ends are checked apart).
_NOT_PLAIN = ("&", "<", ">", "_x", "  ")


@dataclass(frozen=True)
class PlainSheet:
    """What a plain table's cells depend on besides its rows (a second process may make them: see sheet_helper)."""

    title: str
    width: int          # cells a row: shorter rows are made as if ended by empty cells
    quoted: str         # the ' s="N"' of a text starting like a formula (quoted_style)
    cleaned: bool       # every value went through layout.clean_text already


class PlainRows:
    """The XML of a plain table's rows, made a run at a time; each column's cells kept by value across runs."""

    def __init__(self, sheet: PlainSheet):
        self.sheet = sheet
        self.columns = [_PlainCells(sheet, col, f'<c r="{column_letter(col + 1)}{_MARK}')
                        for col in range(sheet.width)]

    def rows(self, rows: Iterable[Sequence[str]], first: int) -> Iterator[bytes]:
        """The rows' XML, the first at row `first`."""
        # Column by column, as _styled_rows: each cell made as its reference with a mark for the row's number
        # (NUL, which no cell's text keeps: clean_text drops it) and its text, "" for an empty cell; each
        # row is then the join of its cells with the mark replaced, all by map. The data sheet of a 100,000
        # row report has 2.4 million cells, most of them codes, states and days a column repeats.
        # In UTF-8 from the cell on: a Vietnamese text makes Python hold a row's text two bytes a character,
        # and the joins copied the sheet (85 MB at a province) that wide three times before it was encoded.
        width, columns = self.sheet.width, self.columns
        rows = iter(rows)
        row = first
        while chunk := list(islice(rows, CHUNK_ROWS)):
            numbers = list(map(str.encode, map(str, range(row, row + len(chunk)))))
            if any(len(values) != width for values in chunk):
                chunk = [(*values, *("",) * (width - len(values))) for values in chunk]
            made = [column.cells(values, row) for column, values in zip(columns, zip(*chunk))]
            bodies = map(bytes.replace, map(b"".join, zip(*made)), repeat(_MARK.encode()), numbers) if made \
                else repeat(b"")
            yield b"".join(chain.from_iterable(zip(repeat(b'<row r="'), numbers, repeat(b'">'), bodies,
                                                    repeat(b"</row>"))))
            row += len(chunk)


_MARK = "\x00"     # where a plain cell's reference takes its row's number


class _PlainCells:
    """One column of a plain table: each cell its reference (the row's number marked) and its text, in UTF-8."""

    def __init__(self, sheet: PlainSheet, col: int, start: str):
        self.sheet, self.col, self.start, self.quoted = sheet, col, start, sheet.quoted
        self.known: dict[object, bytes] = {"": b"", None: b""}
        self.text = f'{start}" t="inlineStr"><is><t>{{}}</t></is></c>'.format
        self.quoted_text = f'{start}"{sheet.quoted} t="inlineStr"><is><t>{{}}</t></is></c>'.format

    def cells(self, values: Sequence[str], row: int) -> list[bytes]:
        """The cells of one value a row, the first at `row`."""
        made: list = list(map(self.known.get, values))
        count = made.count(None)
        if not count:
            return made
        every = count == len(made)
        missing = range(len(made)) if every else [offset for offset, cell in enumerate(made) if cell is None]
        news = list(values) if every else [values[offset] for offset in missing]
        texts = plain_texts(news, self.text, self.quoted_text)
        if texts is not None:
            found = list(map(str.encode, texts))
            if worth_keeping(self.known, count, len(made)):
                self.known.update((text, cell) for text, cell in zip(news, found) if len(text) <= KEPT_TEXT)
            if every:
                return found
            for offset, cell in zip(missing, found):
                made[offset] = cell
            return made
        for offset in missing:
            made[offset] = self.known.get(values[offset]) or self.made(values[offset], row + offset)
        return made

    def made(self, value: str, row: int) -> bytes:
        """The cell of one text not kept yet."""
        tail = text_tail(value, self.sheet.cleaned, self.sheet.title, "", row, self.col)
        if not tail:
            return b""
        cell = f'{self.start}"{self.quoted if value[:1] in FORMULA_STARTS else ""}{tail}'.encode()
        if len(value) <= KEPT_TEXT and len(self.known) < KEPT_CELLS:
            self.known[value] = cell
        return cell
