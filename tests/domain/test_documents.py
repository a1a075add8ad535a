"""Decree 30's place line, signature block and draft date."""

from __future__ import annotations

from datetime import date

import pytest

from desk.domain import units
from desk.domain.documents import date_line, place_name, signature_lines


@pytest.mark.parametrize("code, place", [
    (11329, "Phường Ngô Quyền"),      # named after a person: in full
    (24823, "Phường 1 Bảo Lộc"),      # with a number: in full
    (3127, "Phường Điện Biên Phủ"),   # after a historical event: in full
    # Hải Phòng's units named after people that a province's reviewer found written short
    (11224, "Xã Khúc Thừa Dụ"), (11242, "Xã Nguyễn Lương Bằng"), (10532, "Phường Lê Thanh Nghị"),
    (10573, "Phường Trần Nhân Tông"), (10603, "Phường Lê Đại Hành"), (10726, "Phường Phạm Sư Mạnh"),
    (10729, "Phường Trần Liễu"), (10744, "Phường Nguyễn Đại Năng"), (11506, "Phường Lê Ích Mộc"),
])
def test_a_unit_named_after_a_person_a_number_or_an_event_is_written_in_full(code, place):
    assert place_name(units.unit(code)) == place


def test_other_units_are_written_by_their_name_alone():
    kien_an = next(u for u in units.units_of(31) if u.short_name == "Kiến An")
    assert place_name(kien_an) == "Kiến An"


def test_the_chair_signs_for_the_committee_or_a_vice_chair_for_the_chair():
    assert signature_lines("chair", "Ủy ban nhân dân") == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert signature_lines("deputy", "Ủy ban nhân dân") == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert signature_lines("chair", "") == ("CHỦ TỊCH",)


def test_a_draft_leaves_the_day_and_month_blank():
    assert date_line("Phường Ngô Quyền", None, 2025) == "Phường Ngô Quyền, ngày      tháng      năm 2025"
    assert date_line("Kiến An", date(2026, 2, 5)) == "Kiến An, ngày 05 tháng 02 năm 2026"


def test_a_unit_inside_a_sentence_writes_its_kind_in_lower_case():
    ngo_quyen = units.unit(11329)
    assert ngo_quyen.in_sentence == "phường Ngô Quyền"
    assert ngo_quyen.province.in_sentence == "thành phố Hải Phòng"
    assert ngo_quyen.committee == "Ủy ban nhân dân phường Ngô Quyền"
    assert units.province(1).in_sentence == "thành phố Hà Nội"
    assert any(u.in_sentence.startswith("đặc khu ") for u in units.all_units())
    assert all(u.in_sentence[0].islower() for u in units.all_units())
