"""The titles' casefolded forms made a chunk at a time are the ones made one by one."""

from __future__ import annotations

from desk.domain.text import nfc
from desk.services.record_list.search import casefolded

TEXTS = ["Ngô Quyền", "ngo quyen", "", "Thiếu công chức – thôn 7", "STRASSE ß", "\u0301 dấu đứng đầu",
         "dòng\r\nmới\rcũ", "Đỗ Văn Uyên", "ΣΊΣΥΦΟΣ", "ascii only", "Nguye\u0302\u0303n (dựng sẵn)"]


def test_titles_casefolded_together_are_those_casefolded_one_by_one():
    # Given stored titles with accents, marks first or decomposed, line ends, dashes and letters that fold to two
    titles = [t.encode() for t in TEXTS]
    # When a chunk of them is casefolded at once
    # Then each is what casefolding it alone gives
    texts, utf8 = casefolded(titles)
    assert texts == [nfc(t).casefold() for t in TEXTS]
    assert utf8 == [nfc(t).casefold().encode().decode("latin-1") for t in TEXTS]


def test_a_title_holding_the_separator_is_casefolded_alone():
    # Given a title written around the checks with a NUL in it
    titles = [b"A\x00B", "Ngô".encode()]
    # Then the chunk still gives one form per title
    assert casefolded(titles) == (["a\x00b", "ngô"], ["a\x00b", "ngô".encode().decode("latin-1")])
