"""Movements: derived state on a fixed clock, the secondment limit, overlaps, cross-field rules."""

from __future__ import annotations

from datetime import date

import pytest

from desk.domain.registers import movements
from desk.domain.registers.movements import add_months, check_record, overlaps, state, too_long

TODAY = date(2025, 11, 10)


@pytest.mark.parametrize("start, planned_end, actual_end, expected", [
    (date(2025, 12, 1), date(2026, 6, 1), None, "planned"),
    (date(2025, 1, 1), date(2026, 6, 1), None, "active"),
    (date(2025, 1, 1), None, None, "active"),                     # open-ended
    (date(2025, 1, 1), date(2025, 12, 10), None, "ending_soon"),  # exactly 30 days ahead
    (date(2025, 1, 1), date(2025, 12, 11), None, "active"),       # 31 days ahead
    (date(2025, 1, 1), TODAY, None, "ending_soon"),               # the last day is still a day of it
    (date(2025, 1, 1), date(2025, 11, 9), None, "overdue"),       # planned end passed, no return recorded
    (date(2025, 1, 1), date(2025, 11, 9), date(2025, 11, 9), "ended"),
    (date(2025, 1, 1), date(2026, 6, 1), date(2025, 11, 30), "ending_soon"),  # an early end decided
    (date(2025, 1, 1), date(2025, 6, 1), date(2025, 11, 20), "ending_soon"),  # extended until the 20th
])
def test_state_on_a_fixed_day(start, planned_end, actual_end, expected):
    assert state(start, planned_end, actual_end, TODAY, soon_days=30) == expected


def test_the_warning_window_is_a_setting():
    assert state(date(2025, 1, 1), date(2025, 11, 25), None, TODAY, soon_days=10) == "active"
    assert state(date(2025, 1, 1), date(2025, 11, 20), None, TODAY, soon_days=10) == "ending_soon"


def test_a_secondment_beyond_the_maximum_is_flagged_other_kinds_are_not():
    start = date(2023, 1, 1)
    assert not too_long("secondment", start, date(2025, 12, 31), None, TODAY, 36)   # exactly 36 months
    assert too_long("secondment", start, date(2026, 1, 1), None, TODAY, 36)
    assert not too_long("reinforcement", start, date(2027, 1, 1), None, TODAY, 36)
    # Open-ended: as long as it has lasted so far
    assert not too_long("secondment", date(2023, 1, 1), None, None, date(2025, 12, 31), 36)
    assert too_long("secondment", date(2023, 1, 1), None, None, date(2026, 1, 1), 36)
    assert too_long("secondment", start, date(2025, 12, 31), None, TODAY, 24)       # the maximum is a setting


def test_add_months_keeps_the_day_or_takes_the_month_end():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 11, 15), 36) == date(2026, 11, 15)


def test_overlaps_with_open_ends():
    assert overlaps(date(2025, 1, 1), None, date(2030, 1, 1), None)
    assert overlaps(date(2025, 1, 1), date(2025, 3, 1), date(2025, 3, 1), date(2025, 4, 1))
    assert not overlaps(date(2025, 1, 1), date(2025, 2, 28), date(2025, 3, 1), None)


def test_dates_out_of_order_are_errors_by_the_field():
    errors = check_record({"direction": "in", "person_name": "A", "start_date": date(2025, 9, 1),
                           "planned_end": date(2025, 8, 1), "actual_end": date(2025, 8, 15)})
    assert errors == {
        "planned_end": "Ngày kết thúc dự kiến (01/08/2025) không được trước ngày bắt đầu (01/09/2025).",
        "actual_end": "Ngày kết thúc thực tế (15/08/2025) không được trước ngày bắt đầu (01/09/2025)."}


def test_the_person_is_required_by_direction():
    assert set(check_record({"direction": "out", "start_date": TODAY})) == {"official_id"}
    assert set(check_record({"direction": "in", "start_date": TODAY})) == {"person_name"}
    assert check_record({"direction": "in", "person_name": "Phạm Văn Hưng", "start_date": TODAY}) == {}


def test_every_state_has_a_vietnamese_label():
    assert [c.vi for c in movements.STATES] == ["Chưa bắt đầu", "Đang thực hiện", "Sắp kết thúc",
                                                "Quá hạn kết thúc", "Đã kết thúc"]
