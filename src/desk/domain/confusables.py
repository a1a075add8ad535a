"""User names that look alike: a skeleton after Unicode TR39 (a small table of look-alike letters)."""

from __future__ import annotations

import unicodedata

# Letters of other scripts drawn like Latin ones (TR39's confusables.txt, the ones a keyboard or a
# copied name can bring in: Cyrillic, Greek, Armenian, a few Latin and symbol forms). Vietnamese
# letters with diacritics are distinct letters and stay distinct: "Lân" is not "Lan".
_PROTOTYPES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "ë", "һ": "h", "і": "i", "ї": "ï", "ј": "j", "к": "k", "м": "m",
    "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ӏ": "l", "ү": "y", "ɡ": "g", "ո": "n", "ս": "u", "օ": "o", "ց": "g",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "У": "Y", "Ү": "Y", "Ѕ": "S", "І": "I", "Ј": "J", "Ԛ": "Q", "Ԝ": "W",
    # Greek
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "κ": "k", "ι": "i", "τ": "t", "υ": "u", "χ": "x", "ε": "e",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Latin look-alikes and digits
    "ı": "i", "ȷ": "j", "ℓ": "l", "ǀ": "l", "0": "o", "1": "l", "|": "l",
}
# Pairs of letters read as one (TR39 maps "m" to "rn"; here both sides go to the shorter form).
_SEQUENCES = (("rn", "m"), ("vv", "w"))


def skeleton(name: str) -> str:
    """Two names with the same skeleton read the same to the eye (case ignored, as user names are)."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", name))
    text = "".join(_PROTOTYPES.get(ch, ch) for ch in text).casefold()
    text = "".join(_PROTOTYPES.get(ch, ch) for ch in text)     # the small forms of capitals mapped above
    for pair, single in _SEQUENCES:
        text = text.replace(pair, single)
    return unicodedata.normalize("NFC", text)


def foreign_letters(name: str) -> list[str]:
    """The characters of a name that imitate Latin letters ("а (CYRILLIC SMALL LETTER A)")."""
    return [f"{ch} ({unicodedata.name(ch, hex(ord(ch)))})" for ch in dict.fromkeys(name)
            if ch in _PROTOTYPES and not ch.isascii()]
