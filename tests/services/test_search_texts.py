"""The forms search texts are kept and looked for in: made a chunk at a time as one by one, and a
word found in them exactly where it is in the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desk.domain.text import nfc
from desk.services.record_list.search import as_bytes, bytes_view, casefolded

TEXTS = ["Ngô Quyền", "ngo quyen", "", "Thiếu công chức – thôn 7", "STRASSE ß", "\u0301 dấu đứng đầu",
         "dòng\r\nmới\rcũ", "Đỗ Văn Uyên", "ΣΊΣΥΦΟΣ", "ascii only", "Nguye\u0302\u0303n (dựng sẵn)"]


def test_titles_casefolded_together_are_those_casefolded_one_by_one():
    # Given stored titles with accents, marks first or decomposed, line ends, dashes and letters that fold to two
    titles = [t.encode() for t in TEXTS]
    # When a chunk of them is casefolded at once
    # Then each is what casefolding it alone gives, in the form words are looked for in
    assert casefolded(titles) == bytes_view([nfc(t).casefold().encode() for t in TEXTS])


def test_a_title_holding_the_separator_is_casefolded_alone():
    # Given a title written around the checks with a NUL in it
    titles = [b"A\x00B", "Ngô".encode()]
    # Then the chunk still gives one form per title
    assert casefolded(titles) == ["a\x00b", "ngô".encode().decode("latin-1")]


VIETNAMESE = st.text(alphabet="aăâbdđeêioôơuưyàảãáạằẳẵắặầẩẫấậờởỡớợừửữứựỳỷỹýỵ –“”?.", max_size=12)


@given(VIETNAMESE, VIETNAMESE)
def test_a_word_is_found_in_the_kept_form_exactly_where_it_is_in_the_text(word, text):
    # Given any word and text of Vietnamese letters, dashes and quotes (one to three UTF-8 bytes each)
    kept = bytes_view([text.encode()])[0]
    # Then looking for the word in the kept form finds it exactly when the text holds it
    assert (as_bytes(word) in kept) == (word in text)
