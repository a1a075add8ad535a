"""A streamed table's plain rows as sheet XML made without openpyxl (in a reading worker too), with marks
where the writer puts what only it knows: the row number and the quoted style's id (see bulk_rows)."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from desk.reports.texts import EXCEL_MAX_CHARS, FORMULA_STARTS, escape_hidden, excel_length

# The marks: control characters, which no cell's text can hold (clean_text drops them); one byte each,
# so that the writer finds them at memchr's speed.
ROW = b"\x00"            # the row's number, in the row and in each of its cells' references
QUOTED = b"\x01"         # ' s="N"' of an unstyled cell whose text must stay text (quotePrefix)


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


class _TooLong(Exception):
    """A text Excel would cut: the writer makes that row itself, and says so in the clerk's words."""


class RowMaker:
    """Plain rows as XML with marks; the short texts a table repeats (codes, states, dates) made once each."""

    SHORT = 64

    def __init__(self) -> None:
        self._known: dict[str, str] = {}
        self._starts = [f'<c r="{column_letter(i)}\x00"' for i in range(1, 65)]

    def plain(self, values: Sequence[str]) -> bytes | None:
        """An unstyled row of texts from column A (texts already clean_text'ed), None when one is too long
        (or there are more columns than a data sheet has)."""
        known, make = self._known, self._cell
        if len(values) > len(self._starts):
            return None
        try:
            cells = [start + (known.get(value) or make(value)) for start, value in zip(self._starts, values) if value]
        except _TooLong:
            return None
        return f'<row r="\x00">{"".join(cells)}</row>'.encode()

    def _cell(self, value: str) -> str:
        text = escape_hidden(value)
        if not fits(text):
            raise _TooLong()
        after = ("\x01" if value[:1] in FORMULA_STARTS else "") + inline(text)
        if len(value) <= self.SHORT:
            self._known[value] = after
        return after
