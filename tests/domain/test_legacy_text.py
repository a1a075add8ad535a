"""TCVN3 (ABC) and VNI-Windows text: the tables, round trips, and detection by font and by pattern."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.domain.legacy_text import (
    Encoding,
    converted,
    could_be_legacy,
    font_encoding,
    from_unicode,
    guess_encoding,
    is_capital_font,
    to_unicode,
    vietnamese_score,
)

TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
VOWELS = "aăâeêioôơuưy"
# Every Vietnamese letter: 12 vowels x 6 tones, both cases, and đ/Đ.
LETTERS = sorted({unicodedata.normalize("NFC", v + tone) for v in VOWELS + VOWELS.upper() for tone in TONES}
                 | {"đ", "Đ"})


def test_the_alphabet_has_every_letter():
    assert len(LETTERS) == 146


# TCVN 5712:1993 as glibc's TCVN5712-1 decodes it (iconv -f TCVN5712-1), the ABC range 0xA1-0xFE:
# the reference the table in desk.domain.legacy_text must agree with.
GLIBC_TCVN3 = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ", 0xA8: "ă", 0xA9: "â",
    0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ", 0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á",
    0xB9: "ạ", 0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ",
    0xCA: "ấ", 0xCB: "ậ", 0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD3: "ể",
    0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ", 0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị", 0xDF: "ò",
    0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ", 0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ", 0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú",
    0xF4: "ụ", 0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự", 0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ",
    0xFD: "ý", 0xFE: "ỵ",
}


@pytest.mark.parametrize("byte, letter", sorted(GLIBC_TCVN3.items()))
def test_tcvn3_byte_as_excel_stores_it_decodes_as_glibc_does(byte, letter):
    # Excel keeps the byte as the cp1252 character a legacy font draws over it.
    stored = bytes([byte]).decode("cp1252")
    assert to_unicode(stored, Encoding.TCVN3) == letter


# VNI-Windows spellings of the lower-case letters, as xvnkb's vni.h and the npm package
# vietnamese-conversion both give them.
VNI_REFERENCE = {
    "á": "aù", "à": "aø", "ả": "aû", "ã": "aõ", "ạ": "aï", "ă": "aê", "ắ": "aé", "ằ": "aè", "ẳ": "aú",
    "ẵ": "aü", "ặ": "aë", "â": "aâ", "ấ": "aá", "ầ": "aà", "ẩ": "aå", "ẫ": "aã", "ậ": "aä", "đ": "ñ",
    "é": "eù", "è": "eø", "ẻ": "eû", "ẽ": "eõ", "ẹ": "eï", "ê": "eâ", "ế": "eá", "ề": "eà", "ể": "eå",
    "ễ": "eã", "ệ": "eä", "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ó": "où", "ò": "oø",
    "ỏ": "oû", "õ": "oõ", "ọ": "oï", "ô": "oâ", "ố": "oá", "ồ": "oà", "ổ": "oå", "ỗ": "oã", "ộ": "oä",
    "ơ": "ô", "ớ": "ôù", "ờ": "ôø", "ở": "ôû", "ỡ": "ôõ", "ợ": "ôï", "ú": "uù", "ù": "uø", "ủ": "uû",
    "ũ": "uõ", "ụ": "uï", "ư": "ö", "ứ": "öù", "ừ": "öø", "ử": "öû", "ữ": "öõ", "ự": "öï", "ý": "yù",
    "ỳ": "yø", "ỷ": "yû", "ỹ": "yõ", "ỵ": "î",
}


@pytest.mark.parametrize("letter, spelled", sorted(VNI_REFERENCE.items()))
def test_vni_spelling_of_each_letter_matches_the_reference_tables(letter, spelled):
    assert from_unicode(letter, Encoding.VNI) == spelled
    assert to_unicode(spelled, Encoding.VNI) == letter
    assert to_unicode(spelled.upper(), Encoding.VNI) == letter.upper()


@pytest.mark.parametrize("legacy, unicode_text", [
    ("BiÓu sè", "Biểu số"),                       # DOMAIN.md §6
    ("§¬n vÞ b¸o c¸o", "Đơn vị báo cáo"),
    ("B¶o Th¾ng", "Bảo Thắng"),
    ("Ninh B×nh", "Ninh Bình"),
    ("UBND ph­êng Ng« QuyÒn", "UBND phường Ngô Quyền"),
    ("Kh«ng cã", "Không có"),
])
def test_tcvn3_examples(legacy, unicode_text):
    assert to_unicode(legacy, Encoding.TCVN3) == unicode_text
    assert from_unicode(unicode_text, Encoding.TCVN3) == legacy


@pytest.mark.parametrize("legacy, unicode_text", [
    ("Vieät Nam", "Việt Nam"),
    ("Khoù khaên, vöôùng maéc", "Khó khăn, vướng mắc"),
    ("Ñôn vò baùo caùo", "Đơn vị báo cáo"),
    ("Nguyeãn Thò AÙnh Tuyeát", "Nguyễn Thị Ánh Tuyết"),
    ("ÑAÏI HOÄI ÑOÀNG", "ĐẠI HỘI ĐỒNG"),
    ("ñöôïc", "được"),
])
def test_vni_examples(legacy, unicode_text):
    assert to_unicode(legacy, Encoding.VNI) == unicode_text
    assert from_unicode(unicode_text, Encoding.VNI) == legacy


@pytest.mark.parametrize("encoding", list(Encoding))
@pytest.mark.parametrize("letter", LETTERS)
def test_every_letter_survives_a_round_trip(encoding, letter):
    assert to_unicode(from_unicode(letter, encoding), encoding) == letter


vietnamese_text = st.text(alphabet=st.sampled_from(LETTERS + list("bcdghklmnpqrstvx ,.-()0123456789")),
                          max_size=60)


@given(vietnamese_text)
def test_any_vietnamese_text_round_trips_through_both_encodings(text):
    for encoding in Encoding:
        assert to_unicode(from_unicode(text, encoding), encoding) == text


def test_tcvn3_capital_fonts_draw_capitals_from_lower_case_codes():
    assert to_unicode("b¸o c¸o tæng hîp", Encoding.TCVN3, capitals=True) == "BÁO CÁO TỔNG HỢP"


@pytest.mark.parametrize("font, encoding, capitals", [
    (".VnTime", Encoding.TCVN3, False), (".VnTimeH", Encoding.TCVN3, True), (".VnArial", Encoding.TCVN3, False),
    (".VnArialH", Encoding.TCVN3, True), (".VnCentury Schoolbook", Encoding.TCVN3, False),
    ("VNI-Times", Encoding.VNI, False), ("VNI-Helve", Encoding.VNI, False),
    ("Times New Roman", None, False), ("Calibri", None, False), ("", None, False), (None, None, False),
])
def test_font_names(font, encoding, capitals):
    assert font_encoding(font) is encoding
    assert is_capital_font(font) is capitals


@pytest.mark.parametrize("text, expected", [
    ("BiÓu sè", Encoding.TCVN3),
    ("§¬n vÞ b¸o c¸o", Encoding.TCVN3),
    ("B¶o Th¾ng", Encoding.TCVN3),
    ("Vieät Nam", Encoding.VNI),
    ("Khoù khaên, vöôùng maéc", Encoding.VNI),
    ("Nguyeãn Thò AÙnh Tuyeát", Encoding.VNI),
])
def test_pattern_alone_recognises_legacy_text(text, expected):
    assert guess_encoding(text) is expected


@pytest.mark.parametrize("text", [
    "Có", "Khác", "Cà phê", "Tự rà soát", "Phường Ngô Quyền", "hello", "Café", "", "2.615",
    "Đề nghị tỉnh điều động 02 công chức", "Nhân sự (thừa, thiếu, chuyên môn không phù hợp)",
])
def test_unicode_text_is_never_taken_for_legacy(text):
    assert guess_encoding(text) is None
    for encoding in Encoding:
        assert converted(text, encoding) is None


def test_a_legacy_font_tips_the_balance_only_when_the_result_reads_no_worse():
    # "sè" reads as a syllable either way ("sè" / "số"); the .VnTime font on the cell decides.
    assert converted("sè", Encoding.TCVN3) is None
    assert converted("sè", Encoding.TCVN3, font_says=True) == "số"
    # Unicode text typed into a .VnTime cell stays as it is: it holds letters TCVN3 cannot.
    assert converted("Tự rà soát", Encoding.TCVN3, font_says=True) is None


def test_could_be_legacy_is_the_cheap_first_test():
    assert could_be_legacy("BiÓu sè")
    assert not could_be_legacy("Biểu số")        # ể is beyond what a legacy font holds
    assert not could_be_legacy("plain ascii")


def test_vietnamese_score_counts_well_formed_syllables():
    assert vietnamese_score("Biểu số báo cáo") == (4, 4)
    assert vietnamese_score("BiÓu sè") == (1, 2)
    assert vietnamese_score("khuỷu nguyễn được quyền giữa hoặc người khuya") == (7, 7)  # ASCII words are not judged
