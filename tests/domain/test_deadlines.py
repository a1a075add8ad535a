"""Due dates: N working days after the cut-off, weekends and holidays skipped; where a report stands."""

from __future__ import annotations

from datetime import date

import pytest

from desk.domain import periods
from desk.domain.deadlines import (
    DEFAULT_RULE,
    DueRule,
    ReportState,
    add_working_days,
    days_late,
    due_date,
    format_rule,
    parse_rule,
    report_state,
)
from desk.domain.periods import PeriodError


@pytest.mark.parametrize("code, cut_off, due", [
    ("2025-10", date(2025, 10, 14), date(2025, 10, 16)),   # Tuesday -> Thursday
    ("2025-11", date(2025, 11, 14), date(2025, 11, 18)),   # Friday -> over the weekend to Tuesday
    ("2025-Q2", date(2025, 6, 14), date(2025, 6, 17)),     # Saturday -> Monday is day 1, Tuesday day 2
    ("2025-Q3", date(2025, 9, 14), date(2025, 9, 16)),     # Sunday -> Tuesday
    ("2025-H1", date(2025, 6, 14), date(2025, 6, 17)),
    ("2025-9M", date(2025, 9, 14), date(2025, 9, 16)),
    ("2025", date(2025, 12, 14), date(2025, 12, 16)),
    ("2026-01", date(2026, 1, 14), date(2026, 1, 16)),     # the window that starts in the previous year
    ("2025-W52", date(2025, 12, 28), date(2025, 12, 30)),  # a week ends on Sunday
])
def test_every_window_is_due_two_working_days_after_its_cut_off(code, cut_off, due):
    # Given a Decree 09 period (or an ISO week) and the default rule
    period = periods.parse_period(code)
    # Then the cut-off is its last day and the report is due two working days later
    assert period.end == cut_off
    assert due_date(period) == due
    assert due.weekday() < 5


def test_a_calendar_december_is_due_in_the_next_year_after_new_year_holiday():
    # Given December 2025 as a statistical (calendar) month, cut off on Wednesday 31/12/2025
    december = periods.month(2025, 12, periods.PeriodRule.CALENDAR)
    # When 01/01/2026 is a public holiday
    rule = DueRule(2, frozenset({date(2026, 1, 1)}))
    # Then Thursday (holiday) and the weekend are skipped: Friday 02/01 is day 1, Monday 05/01 day 2
    assert due_date(december, rule) == date(2026, 1, 5)
    assert due_date(december) == date(2026, 1, 2)


def test_an_explicit_range_is_due_after_its_own_end():
    ad_hoc = periods.date_range(date(2025, 10, 1), date(2025, 10, 17))   # ends on a Friday
    assert due_date(ad_hoc, DueRule(1)) == date(2025, 10, 20)


def test_zero_working_days_means_the_cut_off_day_or_the_next_working_day():
    assert add_working_days(date(2025, 10, 14), 0) == date(2025, 10, 14)       # a Tuesday
    assert add_working_days(date(2025, 9, 14), 0) == date(2025, 9, 15)         # a Sunday -> Monday


def test_the_rule_is_stored_as_text_and_read_back():
    rule = DueRule(3, frozenset({date(2026, 2, 16), date(2026, 2, 17)}))
    assert format_rule(rule) == "3;16/02/2026,17/02/2026"
    assert parse_rule(format_rule(rule)) == rule
    assert parse_rule("") == DEFAULT_RULE
    assert DEFAULT_RULE.working_days == 2


@pytest.mark.parametrize("text, message", [
    ("hai", "không phải số nguyên"),
    ("99", "phải từ 0 đến 60"),
    ("2;31/02/2026", "không tồn tại"),
])
def test_a_bad_rule_gets_a_vietnamese_message(text, message):
    with pytest.raises(PeriodError, match=message):
        parse_rule(text)


def test_where_a_report_stands_day_by_day():
    # Given Q3/2025: cut-off Sunday 14/09, due Tuesday 16/09
    q3 = periods.parse_period("2025-Q3")
    due = due_date(q3)
    # Then not sent: not due while the period runs, due until the deadline, overdue after
    assert report_state(q3, due, None, date(2025, 9, 14)) is ReportState.NOT_DUE
    assert report_state(q3, due, None, date(2025, 9, 15)) is ReportState.DUE
    assert report_state(q3, due, None, date(2025, 9, 16)) is ReportState.DUE
    assert report_state(q3, due, None, date(2025, 9, 17)) is ReportState.OVERDUE
    # and sent: on time up to the due date, late after it, whatever today is
    assert report_state(q3, due, date(2025, 9, 16), date(2026, 1, 1)) is ReportState.ON_TIME
    assert report_state(q3, due, date(2025, 9, 18), date(2026, 1, 1)) is ReportState.LATE
    assert days_late(due, date(2025, 9, 18)) == 2 and days_late(due, date(2025, 9, 10)) == 0
    assert ReportState.LATE.label_vi == "Đã nộp (muộn)"
