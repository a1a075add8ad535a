"""A streamed table's rows as sheet XML made without openpyxl (in a reading worker too), with marks
where the writer puts what only it knows: the row numbers and the style ids (see bulk_rows)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from desk.reports.texts import EXCEL_MAX_CHARS, FORMULA_STARTS, clean_text, escape_hidden, excel_length

# The marks: control characters, which no cell's text can hold (clean_text drops them); one byte each, so
# that the writer finds them at memchr's speed.
ROW = b"\x00"            # the row's number, in the row and in each of its cells' references
QUOTED = b"\x01"         # ' s="N"' of an unstyled cell whose text must stay text (the data sheet's quotePrefix)
NUMBER = b"\x02"         # the row's position in its table (1, 2, ...), in the numbering column
# The kinds of value a styled cell has, each with its own style (bulk_rows registers them in this order).
KINDS = ("none", "text", "number", "date", "datetime", "quoted")
_NONE, _TEXT, _NUMBER, _DATE, _QUOTED = 0, 1, 2, 3, 5
# A styled cell's ' s="N"', by its alignment (the table's first, second, ...) and kind: MAX_ALIGNMENTS x KINDS.
STYLES = bytes([*range(0x03, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
MAX_ALIGNMENTS = len(STYLES) // len(KINDS)
EPOCH = date(1899, 12, 30).toordinal()      # Excel's day 0 (1900 date system)


def style_token(alignment: int, kind: int) -> bytes:
    """The mark of the style of a cell of the table's alignment number `alignment` and KINDS[kind]."""
    return STYLES[alignment * len(KINDS) + kind:alignment * len(KINDS) + kind + 1]


def column_letter(index: int) -> str:
    """A, B, ..., Z, AA, ... for 1, 2, ... (openpyxl's get_column_letter)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def fits(text: str) -> bool:
    """Whether Excel keeps the whole text in one cell."""
    return len(text) * 2 <= EXCEL_MAX_CHARS or excel_length(text) <= EXCEL_MAX_CHARS


def inline(text: str) -> str:
    """A cell's XML after its style attribute, for a text already cleaned and escape_hidden'ed, not empty."""
    if "&" in text or "<" in text or ">" in text:
        text = escape(text)
    # Excel drops leading and trailing spaces, and may lose line breaks, unless told to keep them.
    if text[0] in " \t" or text[-1] in " \t" or "\n" in text:
        return f' t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f' t="inlineStr"><is><t>{text}</t></is></c>'


class _Unwritable(Exception):
    """A value made only by the writer: a text Excel would cut (the writer says so in the clerk's words),
    a time, a bool, a date before 1900."""


class RowMaker:
    """Rows as XML with marks, one table's at a time; the short texts tables repeat made once each."""

    SHORT = 64

    def __init__(self) -> None:
        self._plain: dict[str, str] = {}
        self._columns: dict[tuple[tuple[str, int], ...], list[tuple[str, int, str, dict]]] = {}
        self._starts = [f'<c r="{column_letter(i)}\x00"' for i in range(1, 65)]

    def plain(self, values: Sequence[str]) -> bytes | None:
        """An unstyled row of texts from column A (texts already clean_text'ed), None when one is too long."""
        known, make = self._plain, self._plain_cell
        if len(values) > len(self._starts):
            return None
        try:
            cells = [start + (known.get(value) or make(value)) for start, value in zip(self._starts, values) if value]
        except _Unwritable:
            return None
        return f'<row r="\x00">{"".join(cells)}</row>'.encode()

    def _plain_cell(self, value: str) -> str:
        text = escape_hidden(value)
        if not fits(text):
            raise _Unwritable()
        after = ("\x01" if value[:1] in FORMULA_STARTS else "") + inline(text)
        if len(value) <= self.SHORT:
            self._plain[value] = after
        return after

    def styled(self, values: Mapping, columns: tuple[tuple[str, int], ...], height: float,
               number_key: str = "") -> bytes | None:
        """A row of styled cells: columns are (key, number of its horizontal alignment); the value under
        number_key is written as the NUMBER mark. None for a value only the writer writes (a time, a
        bool, a date before 1900, a text too long)."""
        plan = self._columns.get(columns)
        if plan is None:
            if len(columns) > len(self._starts):
                return None
            plan = self._columns[columns] = [(key, horizontal, self._starts[col], {})
                                             for col, (key, horizontal) in enumerate(columns)]
        parts = [f'<row r="\x00" ht="{height}" customHeight="1">']
        try:
            for key, horizontal, start, known in plan:
                if key == number_key:
                    parts.append(f'{start}{_mark(horizontal, _NUMBER)}><v>\x02</v></c>')
                    continue
                value = values.get(key)
                cell = known.get(value)
                if cell is None:
                    cell = start + self._styled_cell(value, horizontal)
                    # The texts, dates and empty cells a list repeats (units, labels, days): made once each.
                    kind = type(value)
                    if (kind is str and len(value) <= self.SHORT) or kind is date or value is None:
                        known[value] = cell
                parts.append(cell)
        except (_Unwritable, TypeError):     # TypeError: a value that is no key (the writer says what)
            return None
        parts.append("</row>")
        return "".join(parts).encode()

    @staticmethod
    def _styled_cell(value: Any, horizontal: int) -> str:
        kind = type(value)
        if kind is str:
            text = escape_hidden(clean_text(value)) if value else ""
            if not text:
                return f"{_mark(horizontal, _NONE)}/>"
            if not fits(text):
                raise _Unwritable()
            quoted = value[:1] in FORMULA_STARTS
            return _mark(horizontal, _QUOTED if quoted else _TEXT) + inline(text)
        if value is None:
            return f"{_mark(horizontal, _NONE)}/>"
        if kind is int or kind is float:
            return f"{_mark(horizontal, _NUMBER)}><v>{value}</v></c>"
        if kind is date and value.year > 1900:
            return f"{_mark(horizontal, _DATE)}><v>{value.toordinal() - EPOCH}</v></c>"
        raise _Unwritable()     # a time, a bool, a date before 1900: as only the writer writes them


_MARKS = [[style_token(h, k).decode("latin-1") for k in range(len(KINDS))] for h in range(MAX_ALIGNMENTS)]


def _mark(horizontal: int, kind: int) -> str:
    return _MARKS[horizontal][kind]
