"""The search texts converted a chunk at a time are the ones converted one by one."""

from __future__ import annotations

from desk.domain.text import nfc
from desk.services.record_list.search import ascii_form, ascii_forms, nfc_casefolded

TEXTS = ["Ngô Quyền", "ngo quyen", "", "Thiếu công chức – thôn 7", "STRASSE ß", "\u0301 dấu đứng đầu",
         "dòng\r\nmới\rcũ", "Đỗ Văn Uyên", "ΣΊΣΥΦΟΣ", "ascii only"]


def test_texts_converted_together_are_those_converted_one_by_one():
    # Given stored texts with accents, marks first, line ends, dashes and letters that fold to two
    # When a chunk of them is converted at once
    normal, casefolded = nfc_casefolded(TEXTS)
    # Then each is what converting it alone gives
    assert normal == [nfc(t) for t in TEXTS]
    assert casefolded == [nfc(t).casefold() for t in TEXTS]
    assert ascii_forms(casefolded) == [ascii_form(t) for t in casefolded]


def test_a_text_holding_the_separator_is_converted_alone():
    # Given a text written around the checks with a NUL in it
    texts = ["a\x00b", "Ngô"]
    # Then the chunk's conversions still give one result per text
    assert nfc_casefolded(texts) == (texts, [t.casefold() for t in texts])
    assert ascii_forms(texts) == ["a\x00b", "Ng?"]
