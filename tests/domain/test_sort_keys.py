"""Stored collation keys: strings that sort like vi_sort_key / name_sort_key, in Python and in SQLite."""

import sqlite3
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from desk.domain.sort_keys import name_sort_text, primary_part, sort_and_search_forms, vi_order, vi_sort_text
from desk.domain.text import exact_search_form, name_sort_key, search_form, vi_sort_key

_VI_LETTERS = [
    unicodedata.normalize("NFC", vowel + tone)
    for vowel in "aăâeêioôơuưy"
    for tone in ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
] + list("bcdđghklmnpqrstvx0123456789")
_VI_TEXT = st.lists(st.sampled_from(_VI_LETTERS + [c.upper() for c in _VI_LETTERS] + [" ", "-", "."]),
                    max_size=12).map("".join)
# Any text at all: control characters, foreign scripts, marks on their own, astral characters.
_ANY_TEXT = st.one_of(_VI_TEXT, st.text(), st.text(alphabet=st.characters(codec="utf-8"), max_size=8))


def _sign(a, b) -> int:
    return (a > b) - (a < b)


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT, _ANY_TEXT)
def test_a_stored_key_compares_like_the_vietnamese_sort_key(a, b):
    assert _sign(vi_sort_text(a), vi_sort_text(b)) == _sign(vi_sort_key(a), vi_sort_key(b))


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT, _ANY_TEXT)
def test_a_stored_name_key_compares_like_the_name_sort_key(a, b):
    assert _sign(name_sort_text(a), name_sort_text(b)) == _sign(name_sort_key(a), name_sort_key(b))


def test_sqlite_orders_the_stored_keys_in_vietnamese_order():
    # Given titles whose code-point order is wrong in Vietnamese, stored with their keys
    titles = ["Yến", "Đức", "Dũng", "Anh", "Ân", "Ăn", "an", "mà", "ma", "má", "Thôn 10", "Thôn 2", "", "Ủy ban",
              "Uỷ ban", "Hạ Long", "Hà Nội", "Œuvre", "日本", "x\x01y", "𝒜 astral"]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (title TEXT, title_sort TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(t, vi_sort_text(t)) for t in titles])
    # When SQLite sorts by the key (plain byte order, no Python)
    by_sqlite = [r[0] for r in conn.execute("SELECT title FROM t ORDER BY title_sort")]
    # Then the order is the Vietnamese one
    assert by_sqlite == sorted(titles, key=vi_sort_key)
    assert by_sqlite[:6] == ["", "an", "Anh", "Ăn", "Ân", "Dũng"]


def test_people_sort_by_given_name_in_sqlite_too():
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê An", "An", "Phạm Đức Anh"]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (name TEXT, name_sort TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(n, name_sort_text(n)) for n in names])
    by_sqlite = [r[0] for r in conn.execute("SELECT name FROM t ORDER BY name_sort")]
    assert by_sqlite == sorted(names, key=name_sort_key)
    assert by_sqlite == ["An", "Lê An", "Trần Thị An", "Phạm Đức Anh", "Nguyễn Văn Bình"]


def test_nothing_and_an_empty_text_have_the_same_key_before_every_other():
    assert vi_sort_text(None) == vi_sort_text("") == vi_sort_text("  ")
    assert vi_sort_text("") < vi_sort_text("-") < vi_sort_text("a")


# Texts that often share their start and differ by a tone, a case, punctuation or spacing only:
# the runs vi_order must sort again by the whole key.
_WORDS = st.sampled_from(["đề", "Đề", "de", "dê", "nghị", "nghi", "ngHị", "-", "…", "1", "10", "2", "a", "à",
                          "ả", "xã", "Xã", "\u00a0", "ḿ", "Ð"])
_SIMILAR = st.lists(_WORDS, max_size=6).map(" ".join) | st.lists(_WORDS, max_size=3).map("\n  ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_SIMILAR, _ANY_TEXT, st.none()), max_size=40))
def test_the_fast_vietnamese_order_is_the_order_of_the_whole_key(texts):
    assert vi_order(texts) == sorted(range(len(texts)), key=lambda i: vi_sort_text(texts[i]))


@settings(max_examples=200, deadline=None)
@given(_ANY_TEXT)
def test_the_primary_part_is_where_the_whole_key_starts(text):
    assert vi_sort_text(text).startswith(primary_part(text) + "\x02")


# Texts as pasted or imported: NFD, line ends of every kind, no-break spaces, punctuation between words, codes.
_PIECES = ["\r\n", "\r", "\n", "\u00a0", " ", "/", "-", "12/QĐ-UBND", "\u0301", "(389)", "SNV-CQĐP", "KH/UBND"]
_NFD_TEXT = _VI_TEXT.map(lambda t: unicodedata.normalize("NFD", t))
_PASTED = st.lists(st.one_of(_VI_TEXT, _NFD_TEXT, st.sampled_from(_PIECES)), max_size=6).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_PASTED, _ANY_TEXT, st.none()))
def test_one_pass_keys_are_the_sort_key_and_search_forms_made_alone(text):
    # Twice: the first pass remembers the text's words, the second reads them back
    for _ in range(2):
        assert sort_and_search_forms(text) == (vi_sort_text(text), search_form(text or ""),
                                               exact_search_form(text or ""))
