"""User text as a cell stores it, without openpyxl: the data check of a report read back uses it in a
reading worker, which imports only what reading needs (importers/worker.py)."""

from __future__ import annotations

import re
import unicodedata

# openpyxl's ILLEGAL_CHARACTERS_RE (openpyxl.cell.cell), the characters it refuses in a cell; the same
# pattern here, since importing openpyxl costs a reading worker ~0.1 s of its start.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def clean_text(value: str) -> str:
    """User text as a cell stores it: NFC, "\n" line breaks, no control characters."""
    text = unicodedata.normalize("NFC", value)  # returns the same object when already NFC
    if text.isprintable():  # the common case: nothing to replace (one C-level scan)
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Control characters cannot be stored in the file at all (openpyxl raises); they are
    # invisible, so dropping them changes nothing the reader sees.
    return ILLEGAL_CHARACTERS_RE.sub("", text)
