"""The form search texts are kept and looked for in: a word found in them exactly where it is in the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desk.services.record_list.search import as_bytes, bytes_view

VIETNAMESE = st.text(alphabet="aăâbdđeêioôơuưyàảãáạằẳẵắặầẩẫấậờởỡớợừửữứựỳỷỹýỵ –“”?.", max_size=12)


@given(VIETNAMESE, VIETNAMESE)
def test_a_word_is_found_in_the_kept_form_exactly_where_it_is_in_the_text(word, text):
    # Given any word and text of Vietnamese letters, dashes and quotes (one to three UTF-8 bytes each)
    kept = bytes_view([text.encode()])[0]
    # Then looking for the word in the kept form finds it exactly when the text holds it
    assert (as_bytes(word) in kept) == (word in text)
