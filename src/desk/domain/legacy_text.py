"""Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows): detection by font and pattern, conversion."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class Encoding(StrEnum):
    TCVN3 = "tcvn3"
    VNI = "vni"


NAMES = {Encoding.TCVN3: "TCVN3 (ABC)", Encoding.VNI: "VNI-Windows"}

# --- how legacy text reaches a workbook ----------------------------------------------------
# A legacy font draws Vietnamese letters at byte positions that Windows' ANSI code page
# (1252) calls "¸", "Ó", "§"...; Excel stores those cp1252 characters. Converting therefore
# goes character -> cp1252 byte -> legacy table. Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D are
# undefined in cp1252 and come through as U+0081... (Latin-1), which is the same byte.
_CP1252_HIGH = {ch: b for b in range(0x80, 0xA0)
                if (ch := bytes([b]).decode("cp1252", errors="ignore"))}
_BYTE_OF: dict[str, int] = {chr(b): b for b in range(0x80, 0x100)} | _CP1252_HIGH
_CHAR_OF_BYTE = {b: ch for ch, b in _CP1252_HIGH.items()} | {
    b: chr(b) for b in range(0x80, 0x100) if b not in _CP1252_HIGH.values()}

# --- TCVN3 ----------------------------------------------------------------------------------
# TCVN 5712:1993, bytes 0x80-0xFF, as glibc's TCVN5712-1 converter decodes them (checked
# byte by byte with `iconv -f TCVN5712-1`). The ABC fonts (.VnTime, .VnArial) use its VN3
# subset: lower-case letters and Ă Â Ê Ô Ơ Ư Đ at 0xA1-0xFE; capitals with tones are drawn by
# the "H" fonts (.VnTimeH) from the lower-case codes. 0xB0-0xB4 are combining tone marks.
# Decoding leaves 0x80-0x9F alone: VN3 does not use them, and cp1252 puts the typographic
# quotes and dashes there ("“", "–", "…"), which Unicode text is full of. The capitals VN1 has
# at 0xA0-0xFF are decoded; encoding writes the others as a base letter and a tone mark.
_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"                                  # 80
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"                                  # 90
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"                             # A0
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"         # B0
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"                                  # C0
    "éẹềểễếệìỉỄẾỒĩíịò"                                  # D0
    "Ổỏõóọồổỗốộờởỡớợù"                                  # E0
    "ỖủũúụừửữứựỳỷỹýỵỐ"                                  # F0
)
assert len(_TCVN3_HIGH) == 128
_TCVN3_DECODE = {b: _TCVN3_HIGH[b - 0x80] for b in range(0xA0, 0x100)}
_TCVN3_ENCODE = {ch: b for b, ch in _TCVN3_DECODE.items()
                 if not unicodedata.combining(ch) and ch != "\u00a0"}
_TCVN3_MARK_BYTE = {"\u0300": 0xB0, "\u0309": 0xB1, "\u0303": 0xB2, "\u0301": 0xB3, "\u0323": 0xB4}

# --- VNI-Windows ----------------------------------------------------------------------------
# VNI writes a letter as its base letter followed by one mark character (the mark's byte is a
# Latin-1 letter: "aù" = á, "eä" = ệ); i and y with some tones, ơ, ư and đ are single bytes.
# Built from the table of xvnkb (vni.h, Đào Hải Lâm) and checked against the npm package
# vietnamese-conversion (charsets.ts); both agree entry for entry.
_TONES = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")      # sắc, huyền, hỏi, ngã, nặng
_PLAIN_MARKS = ("ù", "ø", "û", "õ", "ï")                         # after a, e, o, ơ, u, ư, y
_CIRCUMFLEX_MARKS = ("â", "á", "à", "å", "ã", "ä")               # â/ê/ô, then with each tone
_BREVE_MARKS = ("ê", "é", "è", "ú", "ü", "ë")                    # ă, then with each tone
_I_FORMS = ("i", "í", "ì", "æ", "ó", "ò")                        # i, then with each tone


def _vni_table() -> dict[str, str]:
    """Unicode letter (NFC) -> VNI spelling, lower case; upper case is derived."""
    table: dict[str, str] = {"đ": "ñ"}

    def toned(letter: str, tone: str) -> str:
        return unicodedata.normalize("NFC", letter + tone)

    for letter, spelled in (("a", "a"), ("e", "e"), ("o", "o"), ("ơ", "ô"), ("u", "u"),
                            ("ư", "ö"), ("y", "y")):
        table[letter] = spelled
        for tone, mark in zip(_TONES, _PLAIN_MARKS):
            table[toned(letter, tone)] = spelled + mark
    table["ỵ"] = "î"                          # y with a dot below is one byte
    for letter, base in (("â", "a"), ("ê", "e"), ("ô", "o")):
        table[letter] = base + _CIRCUMFLEX_MARKS[0]
        for tone, mark in zip(_TONES, _CIRCUMFLEX_MARKS[1:]):
            table[toned(letter, tone)] = base + mark
    table["ă"] = "a" + _BREVE_MARKS[0]
    for tone, mark in zip(_TONES, _BREVE_MARKS[1:]):
        table[toned("ă", tone)] = "a" + mark
    table["i"] = "i"
    for tone, form in zip(_TONES, _I_FORMS[1:]):
        table[toned("i", tone)] = form
    return table


_VNI_ENCODE: dict[str, str] = {}
for _letter, _spelled in _vni_table().items():
    _VNI_ENCODE[_letter] = _spelled
    _VNI_ENCODE[_letter.upper()] = _spelled.upper()
_VNI_DECODE: dict[str, str] = {}
for _letter, _spelled in _VNI_ENCODE.items():
    if _spelled != _letter:
        _VNI_DECODE[_spelled] = _letter
        if len(_spelled) == 2:
            # "Aù" or "aÙ": the keyboard may have sent the mark in the other case; the base
            # letter's case wins.
            _VNI_DECODE.setdefault(_spelled[0] + _spelled[1].swapcase(), _letter)
del _letter, _spelled

# --- fonts ----------------------------------------------------------------------------------


def font_encoding(font_name: str | None) -> Encoding | None:
    """The legacy encoding a font implies: ".VnTime", ".VnArialH" -> TCVN3; "VNI-Times" -> VNI."""
    name = (font_name or "").strip().lower()
    if name.startswith(".vn"):
        return Encoding.TCVN3
    if name.startswith(("vni-", "vni ")):
        return Encoding.VNI
    return None


def is_capital_font(font_name: str | None) -> bool:
    """ABC's capital fonts (".VnTimeH", ".VnArialH") draw every letter as a capital."""
    name = (font_name or "").strip()
    return font_encoding(name) is Encoding.TCVN3 and name.replace(" ", "").endswith("H")


# --- conversion -----------------------------------------------------------------------------


def to_unicode(text: str, encoding: Encoding, *, capitals: bool = False) -> str:
    """Legacy text as Excel stores it -> Unicode NFC. Characters outside the table stay as they are."""
    if encoding is Encoding.TCVN3:
        out = []
        for ch in text:
            b = _BYTE_OF.get(ch)
            out.append(_TCVN3_DECODE.get(b, ch) if b is not None else ch)
        result = "".join(out)
    else:
        out = []
        i, n = 0, len(text)
        while i < n:
            pair = text[i:i + 2]
            if len(pair) == 2 and pair in _VNI_DECODE:
                out.append(_VNI_DECODE[pair])
                i += 2
                continue
            out.append(_VNI_DECODE.get(text[i], text[i]))
            i += 1
        result = "".join(out)
    result = unicodedata.normalize("NFC", result)
    return result.upper() if capitals else result


def from_unicode(text: str, encoding: Encoding) -> str:
    """Unicode -> legacy text as Excel would store it (for tests, samples and fixtures)."""
    text = unicodedata.normalize("NFC", text)
    if encoding is Encoding.VNI:
        return "".join(_VNI_ENCODE.get(ch, ch) for ch in text)
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif ch in _TCVN3_ENCODE:
            out.append(_CHAR_OF_BYTE[_TCVN3_ENCODE[ch]])
        else:
            # A capital TCVN3 has no code for (Ú, Ỵ...): its base letter and a combining tone.
            decomposed = unicodedata.normalize("NFD", ch)
            tones = [m for m in decomposed if m in _TCVN3_MARK_BYTE]
            base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TCVN3_MARK_BYTE))
            if not tones or not (base.isascii() or base in _TCVN3_ENCODE):
                raise ValueError(f"{ch!r} cannot be written in TCVN3")
            out.append(base if base.isascii() else _CHAR_OF_BYTE[_TCVN3_ENCODE[base]])
            out.extend(_CHAR_OF_BYTE[_TCVN3_MARK_BYTE[m]] for m in tones)
    return "".join(out)


# --- character pattern ----------------------------------------------------------------------
# Legacy text only holds ASCII and the characters cp1252 gives the bytes 0x80-0xFF. Unicode
# Vietnamese almost always holds a letter beyond that (ạ, ơ, ư, đ, ế...), which settles it.
_BEYOND_LEGACY = re.compile("[^\x00-\xff" + re.escape("".join(_CP1252_HIGH)) + "]")
_HIGH = re.compile("[\xa0-\xff]")   # where both encodings put their letters


def could_be_legacy(text: str) -> bool:
    """True when text holds legacy-looking characters and nothing a legacy font cannot hold."""
    return bool(_HIGH.search(text)) and not _BEYOND_LEGACY.search(text)


_INITIALS = "ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x".split()
_NUCLEI = ("a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê "
           "ui uô uơ uy ưa ưi ưu ươ yê iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu").split()
_FINALS = "ch ng nh c m n p t".split()


def _alternatives(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_SYLLABLE = re.compile(f"(?:{_alternatives(_INITIALS)})?(?:{_alternatives(_NUCLEI)})"
                       f"(?:{_alternatives(_FINALS)})?")
_TONE_MARKS = frozenset(_TONES)
_EDGE_PUNCTUATION = "\"'()[]{}.,;:!?…“”‘’–—"


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in decomposed if ch in _TONE_MARKS)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(base) is not None


def vietnamese_score(text: str) -> tuple[int, int]:
    """(well-formed Vietnamese syllables, words checked) among the words with a non-ASCII letter."""
    good = checked = 0
    for token in text.split():
        for word in re.split(r"[-/]", token.strip(_EDGE_PUNCTUATION)):
            word = word.strip(_EDGE_PUNCTUATION)
            if not word or word.isascii() or any(ch.isdigit() for ch in word):
                continue
            checked += 1
            good += _is_syllable(word)
    return good, checked


def _ratio(score: tuple[int, int]) -> float:
    good, checked = score
    return good / checked if checked else 0.0


def is_strong(before: str, after: str) -> bool:
    """A conversion no Unicode text would give: a phrase of two or more words that was not
    Vietnamese and now reads as Vietnamese throughout."""
    good, checked = vietnamese_score(after)
    return checked >= 2 and good == checked and _ratio(vietnamese_score(before)) < 0.5


def converted(text: str, encoding: Encoding, *, font_says: bool = False, capitals: bool = False) -> str | None:
    """The Unicode form of a legacy cell, or None when the text should stay as it is.

    Without a legacy font on the cell, the conversion must read as better Vietnamese than
    the text does ("BiÓu sè" -> "Biểu số"); with one, it must read at least as well. Text
    already in Unicode (Latin-1 letters only, such as "Có") is never made worse.
    """
    if not could_be_legacy(text):
        return None
    result = to_unicode(text, encoding, capitals=capitals)
    if result == text:
        return None
    before, after = _ratio(vietnamese_score(text)), _ratio(vietnamese_score(result))
    if after > before or (font_says and after >= before and after > 0):
        return result
    return None


def guess_encoding(text: str) -> Encoding | None:
    """The encoding whose conversion reads best, by character pattern alone; None if neither helps."""
    best, best_ratio = None, 0.0
    for encoding in Encoding:
        result = converted(text, encoding)
        if result is not None and (ratio := _ratio(vietnamese_score(result))) > best_ratio:
            best, best_ratio = encoding, ratio
    return best
