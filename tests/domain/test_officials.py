"""Officials: offices by unit type, cross-field rules, the citizen ID's own structure."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from desk.domain.fields import by_name
from desk.domain.registers import movements, officials
from desk.domain.registers.initiatives import check_record as initiative_rules
from desk.domain.registers.visits import check_record as visit_rules


def test_the_economic_office_is_named_by_the_unit_type():
    def economy(unit_type):
        return next(c.vi for c in officials.offices(unit_type) if c.code == "economy")
    assert economy("phường") == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert economy("xã") == "Phòng Kinh tế"
    assert economy("đặc khu") == "Phòng Kinh tế"
    assert [c.code for c in officials.offices("xã")] == [c.code for c in officials.offices("phường")]


def test_citizen_id_must_be_twelve_digits():
    spec = by_name(officials.FIELDS)["citizen_id"]
    assert spec.check("03108501234") == "«Số định danh cá nhân (CCCD)» không hợp lệ: phải gồm đúng 12 chữ số."
    assert spec.check("03108501234X") is not None
    assert spec.check("031085012345") is None
    assert spec.check(None) is None            # optional


def test_citizen_id_that_contradicts_birth_year_or_gender_is_flagged():
    born = date(1985, 3, 2)
    assert officials.citizen_id_mismatch("031085012345", born, "male") is None
    assert officials.citizen_id_mismatch("031185012345", born, "female") is None
    assert "không khớp" in officials.citizen_id_mismatch("031185012345", born, "male")    # digit 4: female
    assert "không khớp" in officials.citizen_id_mismatch("031086012345", born, None)      # born 1986?
    assert officials.citizen_id_mismatch("031203012345", date(2003, 1, 1), "male") is None


def test_dates_out_of_order_and_a_leaver_without_a_date():
    errors = officials.check_record({"birth_date": date(1990, 1, 1), "start_date": date(1989, 1, 1),
                                     "status": "left"})
    assert errors["start_date"] == "Ngày nhận nhiệm vụ (01/01/1989) phải sau ngày sinh (01/01/1990)."
    assert errors["left_on"] == "Đã nghỉ, chuyển đi thì phải ghi ngày nghỉ, chuyển đi."
    errors = officials.check_record({"start_date": date(2025, 7, 1), "left_on": date(2025, 6, 1)})
    assert "không được trước ngày nhận nhiệm vụ" in errors["left_on"]


def test_the_day_someone_leaves_is_their_first_day_away():
    started, leaves = date(2025, 7, 1), date(2025, 10, 1)
    assert officials.status_on("left", started, leaves, date(2025, 6, 30)) is None          # not yet here
    assert officials.status_on("left", started, leaves, date(2025, 9, 30)) == "working"     # looking back
    assert officials.status_on("left", started, leaves, leaves) == "left"
    assert officials.status_on("on_leave", started, None, leaves) == "on_leave"
    # A list counts them to the day before, and someone recorded as left without a date not at all
    assert officials.last_day_here({"status": "left", "left_on": leaves}) == date(2025, 9, 30)
    assert officials.last_day_here({"status": "left"}) == date.min
    assert officials.last_day_here({"status": "working"}) is None


def test_the_movements_out_date_a_secondment_the_status_only_says_of_today():
    started = date(2020, 1, 1)
    later = {"official_id": "j", "direction": "out", "start_date": date(2025, 11, 1), "planned_end": date(2027, 12, 31)}
    back = {"official_id": "d", "direction": "out", "start_date": date(2025, 8, 1), "planned_end": date(2025, 9, 30),
            "actual_end": date(2025, 10, 31)}
    guest = {"official_id": "g", "direction": "in", "start_date": date(2025, 8, 1)}
    voided = {"official_id": "v", "direction": "out", "start_date": date(2025, 8, 1), "voided": True}
    rows = [later, back, guest, voided]
    q3_end, today = date(2025, 9, 14), date(2026, 12, 6)
    assert movements.away_on(rows, q3_end) == {"j": False, "d": True}
    assert movements.away_on(rows, today) == {"j": True, "d": False}
    # Seconded from November, "seconded" today: working at Q3's end; back since, "working" today: seconded then
    assert officials.status_on("seconded_out", started, None, q3_end, away=False) == "working"
    assert officials.status_on("working", started, None, q3_end, away=True) == "seconded_out"
    # Past the planned end with no return recorded, still away; no movement recorded: the status says
    assert movements.away_on([{**later, "planned_end": date(2026, 1, 31)}], today) == {"j": True}
    assert officials.status_on("seconded_out", started, None, q3_end) == "seconded_out"
    # The dates of starting and leaving still come first
    assert officials.status_on("working", started, date(2025, 9, 1), q3_end, away=True) == "left"
    assert officials.status_on("working", date(2025, 10, 1), None, q3_end, away=True) is None


def test_a_birthday_after_today_is_refused():
    errors = officials.check_record({"birth_date": date(2100, 5, 13)})
    assert errors == {"birth_date": "Ngày sinh (13/05/2100) không được sau hôm nay."}
    assert officials.check_record({"birth_date": date(1985, 3, 2)}) == {}


def test_title_and_office_must_agree():
    assert "title" in officials.check_record({"title": "vice_chair", "office": "economy"})
    assert "title" in officials.check_record({"title": "deputy", "office": "leadership"})
    assert officials.check_record({"title": "vice_chair", "office": "leadership"}) == {}
    assert officials.check_record({"title": "chair", "office": "council"}) == {}


def test_visits_and_initiatives_refuse_an_end_before_the_start():
    assert set(visit_rules({"start_date": date(2025, 9, 10), "end_date": date(2025, 9, 9)})) == {"end_date"}
    assert set(initiative_rules({"start_date": date(2025, 9, 10), "end_date": date(2025, 9, 9)})) == {"end_date"}
    assert set(initiative_rules({"start_date": date(2025, 9, 10), "status": "ended"})) == {"end_date"}


def test_a_register_naming_its_records_by_a_field_it_lacks_is_refused_when_declared():
    with pytest.raises(ValueError, match="birth_day"):
        dataclasses.replace(officials.REGISTER, ref_fields=("full_name", "birth_day"))
