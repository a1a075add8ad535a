"""Vietnamese text: NFC normalisation, diacritic-insensitive search, CLDR "vi" collation."""

import re
import unicodedata
from collections.abc import Callable

type SortKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]

# Pasted text from Word and web pages carries no-break and other typographic spaces.
_INLINE_SPACE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def nfc(text: str) -> str:
    """Return text in NFC with "\\r\\n" and "\\r" line ends turned into "\\n"."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def clean(text: str | None) -> str:
    """Return NFC text, stripped, with each run of spaces and tabs in a line made one space, the
    Icelandic eth that old converters wrote for Đ made Đ (drawn alike, it sorted after z and matched
    nothing typed), and the zero-width characters pasted text brings dropped (a title of them alone
    looked filled and showed nothing)."""
    if text is None:
        return ""
    if not text.isascii() and _PASTED.search(text):
        text = text.translate(_PASTED_FIXES)
    return _INLINE_SPACE.sub(" ", nfc(text)).strip()


# Đ for the eth; nothing for the zero-width space, joiners, word joiner and byte-order mark, which
# Vietnamese never needs. Looked for first: translating every non-ASCII text (most Vietnamese text)
# cost ~10 µs a cell, a tenth of an import's check; finding none costs a fraction of that.
_PASTED_FIXES = str.maketrans({"Ð": "Đ", "ð": "đ", "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None,
                           "\ufeff": None})
_PASTED = re.compile("[" + "".join(chr(c) for c in _PASTED_FIXES) + "]")


# Characters a clerk cannot see and Excel cannot store (C0 and C1 controls but tab and line feed)
# and the bidirectional overrides and isolates that make text read differently from how it is
# stored (Vietnamese is left to right). Refused with a message instead of stored, or dropped on export.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL"}


def invisible_character(text: str) -> str | None:
    """The first control or bidi-override character in text, named ("U+0007 BEL"), or None."""
    found = _INVISIBLE.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return f"U+{code:04X}, ký tự đảo chiều văn bản"
    name = _CONTROL_NAMES.get(code)
    return f"U+{code:04X} {name}" if name else f"U+{code:04X}"


def has_formula_prefix(text: str) -> bool:
    """True when a spreadsheet would read text as a formula (CSV/formula injection)."""
    return text.startswith(_FORMULA_PREFIXES)


# --- search -----------------------------------------------------------------------------------

# Combining-mark blocks: tones and vowel marks of NFD Vietnamese, and any other diacritic.
_MARK = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_MARKS = re.compile(_MARK + "+")


# Folds of words already met: Vietnamese text is made of a few thousand syllables that repeat, so
# a 100k-row import folds each one once. Bounded: once full, new words are folded every time.
_FOLD_CACHE_LIMIT = 50_000
_folded_words: dict[str, str] = {}


def _fold_word(word: str) -> str:
    # NFD(casefold(NFD(x))) is Unicode's canonical caseless form: NFC and NFD input fold alike.
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFD", word).casefold())
    # đ has no decomposition into d + mark. ð is its look-alike: Windows-1258 text read as
    # Latin-1 turns Đ/đ into Ð/ð (same bytes), and some users type Ð for Đ.
    text = _MARKS.sub("", text).replace("đ", "d").replace("ð", "d")
    folded = " ".join(text.split())
    if len(_folded_words) < _FOLD_CACHE_LIMIT:
        _folded_words[word] = folded
    return folded


def fold(text: str) -> str:
    """Return the search form of text: lower case, no diacritics, đ -> d, single spaces."""
    if text.isascii():
        return " ".join(text.lower().split())
    # Word by word gives what folding the whole text gives: every whitespace character is a
    # starter (marks never reorder across it) that folds to itself, and no other character folds
    # to whitespace; a word of marks alone folds to "" and is dropped.
    get = _folded_words.get
    folded = []
    for word in text.split():
        found = get(word)
        if found is None:
            found = _fold_word(word)
        if found:
            folded.append(found)
    return " ".join(folded)


# A search looks for each word at the start of a word of the text: "hương" finds "Hương Sơn", not
# every "phường"; "yến" finds "Hải Yến", not every "Nguyễn". Punctuation parts words ("qđ" finds
# "123/QĐ-UBND"). A number may lie anywhere in one: a clerk looks for a phone or ID by its end.
_WORD = re.compile(f"(?:[^\\W_]|{_MARK})+")     # letters and digits, with any marks


# Each whitespace-separated piece of text in its two search forms, once met (as fold's words).
_search_pieces: dict[str, str] = {}
_exact_pieces: dict[str, str] = {}


def _as_words(text: str) -> str:
    """Each word of text after a space: " 123 qđ ubnd" for "123/qđ-ubnd" ("" for none)."""
    if text.isalnum():
        return " " + text
    return "".join(" " + word for word in _WORD.findall(text))


def search_piece(piece: str) -> str:
    """search_form of one whitespace-free piece of text ("" when it holds no word)."""
    return _as_words(fold(piece))


def exact_piece(piece: str) -> str:
    """exact_search_form of one whitespace-free piece of text ("" when it holds no word)."""
    return _as_words(exact_form(piece))


def _pieces(text: str, known: dict[str, str], form: Callable[[str], str]) -> str:
    # Piece by piece, as fold(): a whole text's form is its pieces' forms one after another (no mark
    # or case change crosses whitespace), and a register's texts repeat their pieces row after row.
    get = known.get
    parts = []
    for piece in text.split():
        found = get(piece)
        if found is None:
            found = form(piece)
            if len(known) < _FOLD_CACHE_LIMIT:
                known[piece] = found
        parts.append(found)
    return "".join(parts) or " "


def search_form(text: str) -> str:
    """The form a text is searched in: fold()'s words, each after a space (" ngo quyen 12"); " " for none."""
    return _pieces(text, _search_pieces, search_piece)


def exact_search_form(text: str) -> str:
    """search_form with the diacritics kept (exact_form's words): how a match with them is ranked."""
    return _pieces(text, _exact_pieces, exact_piece)


def search_words(query: str, *, exact: bool = False) -> tuple[str, ...]:
    """What a query looks for in a search form: each word at a word's start, a number anywhere."""
    words = (exact_search_form if exact else search_form)(query).split()
    return tuple(word if word.isdigit() else " " + word for word in words)


def holds(words: tuple[str, ...], form: str) -> bool:
    """Whether a search form holds every one of search_words' words, in any order (made once per query,
    tested against many forms)."""
    return all(word in form for word in words)


def matches(query: str, haystack: str) -> bool:
    """True when every word of the query occurs, in any order, in a search_form haystack."""
    return holds(search_words(query), haystack)


def exact_form(text: str) -> str:
    """Return the form a text is matched in with its diacritics kept: NFC, any case."""
    return nfc(text).casefold()


def match_rank(query: str, text: str) -> int:
    """0: every query word occurs with exact diacritics (any case); 1: only folded; 2: no match."""
    if holds(search_words(query, exact=True), exact_search_form(text)):
        return 0
    return 1 if matches(query, search_form(text)) else 2


# --- collation --------------------------------------------------------------------------------

_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
# Primary weights: the word separator sorts before everything, then digits, then letters;
# letters outside the Vietnamese alphabet come after z in code-point order.
_SPACE, _DIGIT_0, _OTHER_0 = 1, 2, 1000
_LETTERS = {letter: 100 + i for i, letter in enumerate(_ALPHABET)}
# Secondary weights: no mark (0) < huyền < hỏi < ngã < sắc < nặng < any other mark.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Breve, circumflex and horn make letters of their own (ă, â, ê, ô, ơ, ư), not secondary marks.
_VOWEL_MARKS = {"\u0306", "\u0302", "\u031b"}

type _Weights = tuple[int, tuple[int, ...], int] | tuple[()]


def _weigh(char: str) -> _Weights:
    """(primary, secondaries, tertiary) weights of one NFC character; () if it is ignorable."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    letter = base.lower()
    upper = int(letter != base)
    for i, mark in enumerate(marks):
        # NFD puts a dot below before the circumflex (ậ = a + dot + circumflex); like ICU, only
        # an earlier mark of the same combining class keeps a vowel mark off its letter.
        if mark in _VOWEL_MARKS:
            composed = unicodedata.normalize("NFC", letter + mark)
            ccc = unicodedata.combining(mark)
            if composed in _LETTERS and all(unicodedata.combining(m) != ccc for m in marks[:i]):
                letter, marks = composed, marks[:i] + marks[i + 1 :]
            break
    if letter in _LETTERS:
        primary = _LETTERS[letter]
    elif base == " ":
        primary = _SPACE
    elif (digit := unicodedata.decimal(base, None)) is not None:
        primary = _DIGIT_0 + digit
    elif base.isalnum():
        primary = _OTHER_0 + ord(letter)
    else:
        return ()
    return primary, (0, *(_TONES.get(mark, 10 + ord(mark)) for mark in marks)), upper


# Filled lazily for rare characters; precomputed for ASCII and every Vietnamese letter.
_WEIGHTS: dict[str, _Weights] = {}
for _vowel in "aăâeêioôơuưy":
    for _tone in ("", *_TONES):
        _ch = unicodedata.normalize("NFC", _vowel + _tone)
        _WEIGHTS[_ch], _WEIGHTS[_ch.upper()] = _weigh(_ch), _weigh(_ch.upper())
for _ch in ("đ", "Đ", *map(chr, range(0x20, 0x7F))):
    _WEIGHTS[_ch] = _weigh(_ch)
del _vowel, _tone, _ch


def vi_sort_key(text: str) -> SortKey:
    """Sort key for Vietnamese collation: letters first, then tones, then case (like ICU "vi")."""
    text = " ".join(nfc(text).split())
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for char in text:
        weights = _WEIGHTS.get(char)
        if weights is None:
            weights = _WEIGHTS[char] = _weigh(char)
        if weights:
            primary.append(weights[0])
            secondary.extend(weights[1])
            tertiary.append(weights[2])
    # The text itself breaks the remaining ties (punctuation) so exports sort the same every time.
    return tuple(primary), tuple(secondary), tuple(tertiary), text


def name_sort_key(full_name: str) -> tuple[SortKey, SortKey, SortKey]:
    """Sort key for a full name: given name (last word), then middle name(s), then family name."""
    words = full_name.split()
    given = words[-1] if words else ""
    family = words[0] if len(words) > 1 else ""
    return vi_sort_key(given), vi_sort_key(" ".join(words[1:-1])), vi_sort_key(family)
