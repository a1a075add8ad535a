"""fold() word by word (with its word cache) and search keys built from folded parts: what the whole text gives."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.domain import text as text_module
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.text import exact_form, exact_search_form, fold, search_form
from desk.services import records

# The algorithm fold() had before it worked word by word, kept here as the reference.
_OLD_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def old_fold(text: str) -> str:
    if text.isascii():
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).casefold())
    text = _OLD_MARKS.sub("", text).replace("đ", "d").replace("ð", "d")
    return " ".join(text.split())


def as_words(folded: str) -> str:
    """Each word (letters, digits and their marks) after a space, a character at a time."""
    words, word = [], ""
    for char in folded + " ":
        if char.isalnum() or _OLD_MARKS.fullmatch(char):
            word += char
        elif word:
            words.append(word)
            word = ""
    return "".join(" " + w for w in words) or " "


def old_search_key(reg, values: dict) -> str:
    """The whole texts folded at once, then parted into words."""
    parts = [str(values.get(name) or "") for name in reg.search_fields]
    return as_words(old_fold(" ".join(p for p in parts if p)))


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# Vietnamese letters (NFC and NFD), đ and its look-alikes, loose combining marks (alone, at a word's
# start, stacked), every kind of whitespace Python splits on, and odd characters whose case or
# decomposition changes length (ß, ﬁ, İ, Å, Ω, Greek with marks).
_ODD = ("aăâeêioôơuưy AĂÂEÊIOÔƠUƯY đĐðÐdD ắằẳẵặẤẦẨẪẬ ỡỠựỰ ßẞﬁİıÅΩΐΰ "
        "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\u1dc0\u20d0\ufe20 "
        "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2007\u200a\u2028\u2029\u202f\u205f\u3000 "
        ".,-()0123456789")
_TEXT = st.one_of(st.text(alphabet=_ODD, max_size=40), st.text(max_size=40),
                  st.text(alphabet=_ODD, max_size=40).map(nfd))


@settings(max_examples=2000)
@given(_TEXT)
def test_fold_gives_what_the_whole_text_algorithm_gave(text):
    # Twice: the first time fills the word cache, the second reads from it.
    assert fold(text) == old_fold(text)
    assert fold(text) == old_fold(text)
    assert fold(nfd(text)) == old_fold(nfd(text))


@settings(max_examples=2000)
@given(_TEXT)
def test_the_search_forms_piece_by_piece_are_the_whole_texts_words(text):
    # Twice: the first time fills the pieces' cache, the second reads from it.
    for _ in range(2):
        assert search_form(text) == as_words(old_fold(text))
        assert exact_search_form(text) == as_words(exact_form(text))


def test_every_whitespace_character_folds_to_itself_and_nothing_else_folds_to_whitespace():
    # What makes word-by-word folding equal to folding the whole text, over all of Unicode.
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code < 0xE000:
            continue
        folded = unicodedata.normalize("NFD", unicodedata.normalize("NFD", char).casefold())
        if char.isspace():
            assert unicodedata.combining(char) == 0 and folded.isspace(), hex(code)
        else:
            assert not any(c.isspace() for c in folded), hex(code)


def test_a_full_word_cache_still_folds_right_and_stops_growing(monkeypatch):
    monkeypatch.setattr(text_module, "_folded_words", {})
    monkeypatch.setattr(text_module, "_FOLD_CACHE_LIMIT", 2)
    texts = ["Nguyễn Văn Ánh", "Đặng Thị Hoà", nfd("Đặng  Thị\u00a0Hoà"), "Xã Bảo Thắng"]
    assert [fold(t) for t in texts] == ["nguyen van anh", "dang thi hoa", "dang thi hoa", "xa bao thang"]
    assert len(text_module._folded_words) == 2


@settings(max_examples=500)
@given(st.lists(_TEXT, max_size=4))
def test_folding_parts_then_joining_them_is_folding_the_joined_text(parts):
    assert " ".join(f for f in map(fold, parts) if f) == old_fold(" ".join(p for p in parts if p))


_OPTIONAL_TEXT = st.one_of(st.none(), st.just(""), _TEXT)


@settings(max_examples=500)
@given(st.fixed_dictionaries({name: _OPTIONAL_TEXT for name in OBSTACLES.search_fields}))
def test_stored_search_key_and_title_fold_are_what_they_were(values):
    # Obstacles have no searchable reference: the columns need no database.
    columns = records.stored_columns(None, OBSTACLES, values, 11329)
    assert columns["search_key"] == old_search_key(OBSTACLES, values)
    assert columns["title_fold"] == as_words(old_fold(values["title"] or ""))


@pytest.mark.parametrize("title", ["Thiếu máy tính", "", None, nfd("  Trụ sở\u00a0chật  ")])
def test_a_title_equal_to_another_searchable_field_folds_alike(title):
    values = {"title": title, "description": title, "proposal": "Đề nghị"}
    columns = records.stored_columns(None, OBSTACLES, values, 11329)
    assert columns["search_key"] == old_search_key(OBSTACLES, values)
