"""User text as a cell stores it, and the cell's limits, without openpyxl."""

# The data check of a report read back uses these in a reading worker, and a second process writes a data
# sheet with them (sheet_helper): each imports only what its work needs.

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from desk.domain.formats import format_number_vi
from desk.domain.lang import t
from desk.errors import UserError

# openpyxl's ILLEGAL_CHARACTERS_RE (openpyxl.cell.cell), the characters it refuses in a cell; the same
# pattern here, since importing openpyxl costs a reading worker ~0.1 s of its start.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
# The same characters as bytes: in UTF-8 each is one byte, which no other character's encoding holds.
_ILLEGAL_BYTES = bytes(c for c in range(32) if ILLEGAL_CHARACTERS_RE.match(chr(c)))
EXCEL_MAX_CHARS = 32_767
FORMULA_STARTS = ("=", "+", "-", "@")   # what makes Excel read typed text as a formula
_HIDDEN_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def any_illegal(texts: Iterable[str]) -> bool:
    """Whether any of texts holds a character ILLEGAL_CHARACTERS_RE finds: one pass over them all, joined
    (half the time of a search of each). TypeError if one is not text."""
    data = "\n".join(texts).encode("utf-8", "surrogatepass")
    return len(data.translate(None, _ILLEGAL_BYTES)) != len(data)


def clean_text(value: str) -> str:
    """User text as a cell stores it: NFC, "\n" line breaks, no control characters."""
    text = unicodedata.normalize("NFC", value)  # returns the same object when already NFC
    if text.isprintable():  # the common case: nothing to replace (one C-level scan)
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Control characters cannot be stored in the file at all (openpyxl raises); they are
    # invisible, so dropping them changes nothing the reader sees.
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def escape_hidden(text: str) -> str:
    """Excel reads "_x0041_" as an escaped "A"; "_x005F_" keeps the underscore literal."""
    return _HIDDEN_ESCAPE.sub("_x005F_", text) if "_x" in text else text


def excel_length(text: str) -> int:
    """The length Excel counts: UTF-16 units (a character outside the BMP counts two)."""
    if len(text) * 2 <= EXCEL_MAX_CHARS:  # cannot be over the limit: skip the encoding
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def too_long_error(sheet: str, row: int, column_letter: str, label: str, length: int) -> UserError:
    """The clerk's message for a text longer than a cell holds, naming sheet, row and column."""
    where_vi = f"trang «{sheet}», dòng {row}, cột {column_letter}"
    where_en = f"sheet «{sheet}», row {row}, column {column_letter}"
    if label:
        where_vi += f" («{label}»)"
        where_en += f" («{label}»)"
    n, limit = format_number_vi(length), format_number_vi(EXCEL_MAX_CHARS)
    return UserError(t(
        f"Không xuất được báo cáo: nội dung ở {where_vi} dài {n} ký tự, vượt giới hạn {limit} "
        f"ký tự của một ô Excel. Hãy rút gọn nội dung này rồi xuất lại.",
        f"Cannot export the report: the text at {where_en} has {n} characters, more than the "
        f"{limit} an Excel cell holds. Shorten it and export again."))
