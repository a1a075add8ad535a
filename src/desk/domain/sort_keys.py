"""Vietnamese collation keys as plain strings: they compare like text.vi_sort_key, in Python and in SQL.

A stored key lets SQLite's ORDER BY (byte order, BINARY collation) sort a register in Vietnamese
without calling back into Python. Each weight of vi_sort_key becomes one or two characters whose
code-point order is the weight order; the primary, secondary and tertiary weights and the text
itself follow each other, separated by "\\x02", a character below every weight's code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from desk.domain.text import _WEIGHTS, _weigh, exact_piece, exact_search_form, nfc, search_form, search_piece

if TYPE_CHECKING:
    from desk.domain.fields import FieldSpec

PART = "\x02"          # between the primary, secondary and tertiary weights and the text
COMPONENT = "\x01"     # between the given, middle and family names of a person's key
_ESCAPE = "\x03"       # the text's own characters below "\x04" are escaped to stay above PART

_WORD_CACHE_LIMIT = 50_000
_words: dict[str, tuple[str, str, str]] = {}
# A word's three codes and its two search pieces (sort_and_search_forms), bounded as _words.
_word_forms: dict[str, tuple[str, str, str, str, str]] = {}


def _code(weight: int) -> str:
    """Characters for one weight; a larger weight gives a larger code, and no code is a prefix of another.

    Single characters for the weights Vietnamese text uses (space, digits, marks, the 36 letters),
    two characters (a lead character, then a plane-1 character) for the rest (foreign letters, rare marks).
    """
    if weight < 16:                     # the word separator, digits, no mark, the five tones, case
        return chr(0x20 + weight)       # 0x20..0x2f
    if weight < 100:                    # unused by text.py today; kept ordered all the same
        return "\x30" + chr(0x20 + weight - 16)
    if weight < 164:                    # the Vietnamese alphabet (primary weights 100..135)
        return chr(0x40 + weight - 100)  # 0x40..0x7f: one byte in UTF-8
    rest = weight - 164
    return chr(0x80 + (rest >> 16)) + chr(0x10000 + (rest & 0xFFFF))


_SPACE_PRIMARY, _SPACE_SECONDARY, _SPACE_TERTIARY = (_code(1), _code(0), _code(0))


class _Codes(dict[int, str]):
    """ord(char) -> the codes of one part of its weights (str.translate's table); rare characters are
    weighed the first time they are met."""

    def __init__(self, part: int):
        super().__init__()
        self.part = part

    def __missing__(self, ordinal: int) -> str:
        char = chr(ordinal)
        weights = _WEIGHTS.get(char)
        if weights is None:
            weights = _WEIGHTS[char] = _weigh(char)
        if not weights:                     # ignorable (punctuation): no weight at all
            codes = ("", "", "")
        else:
            codes = (_code(weights[0]), "".join(map(_code, weights[1])), _code(weights[2]))
        for table, code in zip(_TABLES, codes):
            table[ordinal] = code
        return codes[self.part]


_TABLES = (_Codes(0), _Codes(1), _Codes(2))
_PRIMARY, _SECONDARY, _TERTIARY = _TABLES


def _word(word: str) -> tuple[str, str, str]:
    """The primary, secondary and tertiary codes of one word (no spaces), remembered."""
    found = (word.translate(_PRIMARY), word.translate(_SECONDARY), word.translate(_TERTIARY))
    if len(_words) < _WORD_CACHE_LIMIT:     # full: later words (mostly numbers, names) are not kept
        _words[word] = found
    return found


_LOW = re.compile("[\x00-\x03]")


def _escape(text: str) -> str:
    if _LOW.search(text) is None:
        return text
    return "".join(_ESCAPE + chr(0x20 + ord(c)) if c < "\x04" else c for c in text)


def vi_sort_text(text: str | None) -> str:
    """A string that compares with others exactly as vi_sort_key(text) compares (None counts as "")."""
    words = nfc(text or "").split()
    if not words:
        return PART * 3
    get = _words.get
    primary, secondary, tertiary = zip(*[get(w) or _word(w) for w in words])
    return _joined(primary, secondary, tertiary, words)


def _joined(primary: Sequence[str], secondary: Sequence[str], tertiary: Sequence[str], words: list[str]) -> str:
    """The key of a text's words from their codes: each part's codes joined by the space's, the parts and the
    text itself by PART."""
    return (_SPACE_PRIMARY.join(primary) + PART + _SPACE_SECONDARY.join(secondary) + PART
            + _SPACE_TERTIARY.join(tertiary) + PART + _escape(" ".join(words)))


def _forms_of_word(word: str) -> tuple[str, str, str, str, str]:
    searched = search_piece(word)
    # An ASCII word (a number, a code: most of the words met once) has no diacritics to keep: its two pieces
    # are its lower case's words.
    exact = searched if word.isascii() else exact_piece(word)
    found = (*(_words.get(word) or _word(word)), searched, exact)
    if len(_word_forms) < _WORD_CACHE_LIMIT:
        _word_forms[word] = found
    return found


def sort_and_search_forms(text: str | None) -> tuple[str, str, str]:
    """vi_sort_text(text), search_form(text) and exact_search_form(text), made in one pass over its words.

    A bulk write makes the three for every title: each made alone splits the text and looks its words up
    again. An NFC text's words are the words of all three (nfc() changes nothing, and its whitespace-split
    pieces are the search forms' pieces); any other text is left to the three functions.
    """
    text = text or ""
    if not unicodedata.is_normalized("NFC", text):
        return vi_sort_text(text), search_form(text), exact_search_form(text)
    words = text.split()
    if not words:
        return PART * 3, " ", " "
    get = _word_forms.get
    primary, secondary, tertiary, searched, exact = zip(*[get(w) or _forms_of_word(w) for w in words])
    return _joined(primary, secondary, tertiary, words), "".join(searched) or " ", "".join(exact) or " "


def primary_part(text: str | None) -> str:
    """The primary weights at the start of vi_sort_text(text), made by string methods alone (the
    separator between words is the space's own primary code)."""
    return " ".join(unicodedata.normalize("NFC", text or "").split()).translate(_PRIMARY)


def vi_order(texts: Sequence[str | None]) -> list[int]:
    """The positions of texts in the order sorted(texts, key=vi_sort_text) puts them (stable), faster.

    The key starts with the primary weights, which end with PART, below every code: when two texts'
    primary parts differ, their keys compare the same way. So the texts are sorted by those (a
    third of the key's cost, none of it in a Python loop over words), and only the runs that tie
    there (texts differing by tone or case alone, or equal) are sorted again by the whole key.
    """
    primaries = [primary_part(text) if text else "" for text in texts]     # empty cells: often most of them
    order = sorted(range(len(texts)), key=primaries.__getitem__)
    out: list[int] = []
    first, count = 0, len(order)
    while first < count:
        key = primaries[order[first]]
        last = first + 1
        while last < count and primaries[order[last]] == key:
            last += 1
        if last - first == 1:
            out.append(order[first])
        else:
            wholes: dict[str | None, str] = {}
            for position in order[first:last]:
                text = texts[position]
                if text not in wholes:
                    wholes[text] = vi_sort_text(text)
            if len(set(wholes.values())) == 1:      # equal texts (empty cells): already in order
                out.extend(order[first:last])
            else:
                out.extend(sorted(order[first:last], key=lambda position: wholes[texts[position]]))
        first = last
    return out


def name_sort_text(full_name: str | None) -> str:
    """A string that compares like text.name_sort_key: given name, then middle, then family name."""
    words = (full_name or "").split()
    given = words[-1] if words else ""
    family = words[0] if len(words) > 1 else ""
    return COMPONENT.join((vi_sort_text(given), vi_sort_text(" ".join(words[1:-1])), vi_sort_text(family)))


def key_of(spec: FieldSpec) -> Callable[[str | None], str]:
    """The key a text field sorts by (a FieldSpec with name_sort: a person's name)."""
    return name_sort_text if spec.name_sort else vi_sort_text
