"""Reporting periods as a commune officer sees them: windows, codes, labels and errors."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.domain.periods import (
    Period,
    PeriodError,
    PeriodKind,
    PeriodRule,
    containing,
    date_range,
    format_date_vi,
    half,
    month,
    nine_months,
    parse_date_vi,
    parse_period,
    previous,
    quarter,
    recent,
    week,
    year,
)

D = date


def window(p: Period) -> tuple[date, date]:
    return p.start, p.end


# --- Decree 09 cut-off windows ----------------------------------------------------------

@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        # DOMAIN.md examples
        (quarter(2025, 3), D(2025, 6, 15), D(2025, 9, 14)),
        (year(2025), D(2024, 12, 15), D(2025, 12, 14)),
        # month 1 and quarter 1 open in December of the previous year
        (month(2025, 1), D(2024, 12, 15), D(2025, 1, 14)),
        (quarter(2025, 1), D(2024, 12, 15), D(2025, 3, 14)),
        (month(2025, 10), D(2025, 9, 15), D(2025, 10, 14)),
        (month(2025, 12), D(2025, 11, 15), D(2025, 12, 14)),
        (quarter(2025, 4), D(2025, 9, 15), D(2025, 12, 14)),
        (half(2025), D(2024, 12, 15), D(2025, 6, 14)),
        (nine_months(2025), D(2024, 12, 15), D(2025, 9, 14)),
    ],
    ids=lambda v: v.code if isinstance(v, Period) else None,
)
def test_decree09_windows_cut_off_on_the_14th(period, start, end):
    # Given a period built with the default rule
    # Then its window runs from the 15th to the 14th as Decree 09 Art. 12 says
    assert period.rule is PeriodRule.DECREE_09
    assert window(period) == (start, end)


# --- calendar (statistical) windows -----------------------------------------------------

@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        (month(2024, 2, PeriodRule.CALENDAR), D(2024, 2, 1), D(2024, 2, 29)),  # leap year
        (month(2025, 2, PeriodRule.CALENDAR), D(2025, 2, 1), D(2025, 2, 28)),
        (month(2025, 12, PeriodRule.CALENDAR), D(2025, 12, 1), D(2025, 12, 31)),
        (quarter(2025, 3, PeriodRule.CALENDAR), D(2025, 7, 1), D(2025, 9, 30)),
        (half(2025, PeriodRule.CALENDAR), D(2025, 1, 1), D(2025, 6, 30)),
        (nine_months(2025, PeriodRule.CALENDAR), D(2025, 1, 1), D(2025, 9, 30)),
        (year(2025, PeriodRule.CALENDAR), D(2025, 1, 1), D(2025, 12, 31)),
    ],
    ids=lambda v: v.code if isinstance(v, Period) else None,
)
def test_calendar_rule_uses_whole_calendar_months(period, start, end):
    assert period.rule is PeriodRule.CALENDAR
    assert window(period) == (start, end)


def test_calendar_rule_accepts_its_plain_string_value():
    # Given a rule read back from the database as text
    # When a month is built with it
    p = month(2025, 3, "calendar")
    # Then it is the same calendar month
    assert p == month(2025, 3, PeriodRule.CALENDAR)


# --- weeks and ranges -------------------------------------------------------------------

def test_iso_week_1_of_2026_starts_in_december_2025():
    # When the officer picks week 1 of 2026
    p = week(2026, 1)
    # Then it runs Monday 29/12/2025 to Sunday 04/01/2026
    assert window(p) == (D(2025, 12, 29), D(2026, 1, 4))
    assert p.start.isoweekday() == 1 and p.end.isoweekday() == 7
    assert (p.kind, p.rule, p.code) == (PeriodKind.WEEK, PeriodRule.CALENDAR, "2026-W01")


def test_week_53_exists_only_in_long_iso_years():
    assert window(week(2026, 53)) == (D(2026, 12, 28), D(2027, 1, 3))
    with pytest.raises(PeriodError, match="52 tuần"):
        week(2025, 53)


def test_explicit_range_keeps_its_dates():
    p = date_range(D(2025, 3, 1), D(2025, 3, 15))
    assert window(p) == (D(2025, 3, 1), D(2025, 3, 15))
    assert (p.kind, p.rule, p.code) == (PeriodKind.RANGE, PeriodRule.EXPLICIT,
                                        "2025-03-01..2025-03-15")
    assert window(date_range(D(2025, 3, 1), D(2025, 3, 1))) == (D(2025, 3, 1), D(2025, 3, 1))


def test_contains_includes_both_ends():
    p = quarter(2025, 3)
    assert p.contains(D(2025, 6, 15)) and p.contains(D(2025, 9, 14))
    assert not p.contains(D(2025, 6, 14)) and not p.contains(D(2025, 9, 15))


# --- parsing codes ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected", "code"),
    [
        ("2025-10", month(2025, 10), "2025-10"),
        ("2025-1", month(2025, 1), "2025-01"),
        ("2025-01", month(2025, 1), "2025-01"),
        ("2025-Q3", quarter(2025, 3), "2025-Q3"),
        ("2025-q3", quarter(2025, 3), "2025-Q3"),
        ("2025-H1", half(2025), "2025-H1"),
        ("2025-h1", half(2025), "2025-H1"),
        ("2025-9M", nine_months(2025), "2025-9M"),
        ("2025-9m", nine_months(2025), "2025-9M"),
        ("2025", year(2025), "2025"),
        ("2025-W05", week(2025, 5), "2025-W05"),
        ("2025-w5", week(2025, 5), "2025-W05"),
        ("  2025-Q3\n", quarter(2025, 3), "2025-Q3"),
        ("2025-03-01..2025-03-15", date_range(D(2025, 3, 1), D(2025, 3, 15)),
         "2025-03-01..2025-03-15"),
    ],
)
def test_parse_period_accepts_every_cli_form(text, expected, code):
    # When the officer types a period code on the command line
    p = parse_period(text)
    # Then it is the intended period, written back in canonical form
    assert p == expected
    assert p.code == code


@pytest.mark.parametrize("rule", [PeriodRule.DECREE_09, PeriodRule.CALENDAR])
@pytest.mark.parametrize(
    "period_of",
    [
        lambda r: month(2025, 1, r), lambda r: month(2025, 10, r), lambda r: quarter(2025, 1, r),
        lambda r: half(2025, r), lambda r: nine_months(2025, r), lambda r: year(2025, r),
    ],
)
def test_canonical_code_parses_back_to_the_same_period(period_of, rule):
    p = period_of(rule)
    assert parse_period(p.code, p.rule) == p


@pytest.mark.parametrize(
    "p", [week(2026, 1), week(2025, 5), date_range(D(2024, 12, 30), D(2025, 1, 2))]
)
def test_week_and_range_codes_parse_back_whatever_the_rule(p):
    assert parse_period(p.code) == p
    assert parse_period(p.code, PeriodRule.CALENDAR) == p


def test_parse_period_with_calendar_rule_gives_calendar_window():
    assert window(parse_period("2024-02", PeriodRule.CALENDAR)) == (D(2024, 2, 1), D(2024, 2, 29))


# --- labels and the period line ---------------------------------------------------------

@pytest.mark.parametrize(
    ("period", "vi", "en"),
    [
        (month(2025, 10), "Tháng 10/2025", "October 2025"),
        (month(2025, 1), "Tháng 01/2025", "January 2025"),
        (quarter(2025, 1), "Quý I/2025", "Q1 2025"),
        (quarter(2025, 3), "Quý III/2025", "Q3 2025"),
        (quarter(2025, 4), "Quý IV/2025", "Q4 2025"),
        (half(2025), "6 tháng đầu năm 2025", "First 6 months of 2025"),
        (nine_months(2025), "9 tháng năm 2025", "First 9 months of 2025"),
        (year(2025), "Năm 2025", "Year 2025"),
        (year(2025, PeriodRule.CALENDAR), "Năm 2025", "Year 2025"),
        (week(2025, 5), "Tuần 05/2025 (27/01/2025–02/02/2025)",
         "Week 05/2025 (27/01/2025–02/02/2025)"),
        (week(2026, 1), "Tuần 01/2026 (29/12/2025–04/01/2026)",
         "Week 01/2026 (29/12/2025–04/01/2026)"),
        (date_range(D(2025, 3, 1), D(2025, 3, 15)), "Từ 01/03/2025 đến 15/03/2025",
         "From 01/03/2025 to 15/03/2025"),
    ],
    ids=lambda v: v.code if isinstance(v, Period) else None,
)
def test_labels_name_the_period_not_its_window(period, vi, en):
    # Month 1 and quarter 1 start in December but are still labelled with their own year
    assert period.label_vi == vi
    assert period.label_en == en


def test_period_line_is_the_report_title_line():
    assert quarter(2025, 3).period_line == "(Từ ngày 15/06/2025 đến ngày 14/09/2025)"
    assert month(2025, 1).period_line == "(Từ ngày 15/12/2024 đến ngày 14/01/2025)"


def test_format_date_vi_pads_day_and_month():
    assert format_date_vi(D(2026, 2, 5)) == "05/02/2026"
    assert format_date_vi(D(2025, 12, 31)) == "31/12/2025"


# --- dates ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/02/2026", D(2026, 2, 5)),
        ("5/2/2026", D(2026, 2, 5)),  # day first, never month first
        ("5-2-2026", D(2026, 2, 5)),
        ("05.02.2026", D(2026, 2, 5)),
        ("2026-02-05", D(2026, 2, 5)),
        (" 29/02/2024 ", D(2024, 2, 29)),
        ("12/01/2025", D(2025, 1, 12)),
    ],
)
def test_parse_date_vi_reads_day_month_year(text, expected):
    assert parse_date_vi(text) == expected


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)))
@settings(max_examples=200)
def test_formatted_dates_parse_back(d):
    assert parse_date_vi(format_date_vi(d)) == d
    assert parse_date_vi(d.isoformat()) == d


# --- error messages ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-13", "Tháng không hợp lệ trong kỳ báo cáo «2025-13»: tháng phải từ 1 đến 12."),
        ("2025-0", "Tháng không hợp lệ trong kỳ báo cáo «2025-0»: tháng phải từ 1 đến 12."),
        ("abc", "Kỳ báo cáo «abc» không đúng dạng. Dùng: 2025-10 (tháng), 2025-Q3 (quý), "
                "2025-H1 (6 tháng), 2025-9M (9 tháng), 2025 (năm), 2025-W05 (tuần)."),
        ("2025-Q5", "Quý không hợp lệ trong kỳ báo cáo «2025-Q5»: quý phải từ 1 đến 4."),
        ("2025-Q0", "Quý không hợp lệ trong kỳ báo cáo «2025-Q0»: quý phải từ 1 đến 4."),
        ("2025-W53", "Tuần không hợp lệ trong kỳ báo cáo «2025-W53»: tuần phải từ 1 đến 52 "
                     "(năm 2025 có 52 tuần theo ISO 8601)."),
        ("2025-W00", "Tuần không hợp lệ trong kỳ báo cáo «2025-W00»: tuần phải từ 1 đến 52 "
                     "(năm 2025 có 52 tuần theo ISO 8601)."),
        ("1999-10", "Năm không hợp lệ trong kỳ báo cáo «1999-10»: năm phải từ 2000 đến 2100."),
        ("2101", "Năm không hợp lệ trong kỳ báo cáo «2101»: năm phải từ 2000 đến 2100."),
    ],
)
def test_bad_period_codes_explain_themselves(text, message):
    with pytest.raises(PeriodError) as err:
        parse_period(text)
    assert str(err.value) == message


@pytest.mark.parametrize("text", ["", "2025-H2", "25-10", "2025/10", "2025-Q12", "Q3-2025"])
def test_unrecognised_codes_list_the_accepted_forms(text):
    with pytest.raises(PeriodError) as err:
        parse_period(text)
    assert f"«{text}»" in str(err.value) and "2025-W05 (tuần)" in str(err.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2025", "Ngày «31/02/2025» không tồn tại (tháng 2 năm 2025 không có ngày 31)."),
        ("29/2/2025", "Ngày «29/2/2025» không tồn tại (tháng 2 năm 2025 không có ngày 29)."),
        ("2025-04-31", "Ngày «2025-04-31» không tồn tại (tháng 4 năm 2025 không có ngày 31)."),
        ("00/01/2025", "Ngày «00/01/2025» không tồn tại (tháng 1 năm 2025 không có ngày 0)."),
        ("12/25/2025", "Ngày «12/25/2025» không tồn tại: tháng phải từ 1 đến 12 "
                       "(ghi ngày trước, tháng sau: ngày/tháng/năm)."),
        ("5/2/26", "Ngày «5/2/26» phải ghi năm đủ 4 chữ số, ví dụ 05/02/2026."),
        ("05/02/226", "Ngày «05/02/226» phải ghi năm đủ 4 chữ số, ví dụ 05/02/2026."),
    ],
)
def test_impossible_dates_say_what_is_wrong(text, message):
    with pytest.raises(PeriodError) as err:
        parse_date_vi(text)
    assert str(err.value) == message


@pytest.mark.parametrize("text", ["hôm qua", "05/02", "5/2-2026", "2026-2", "05022026"])
def test_malformed_dates_show_the_expected_form(text):
    with pytest.raises(PeriodError) as err:
        parse_date_vi(text)
    assert f"«{text}»" in str(err.value) and "05/02/2026" in str(err.value)


def test_range_ending_before_it_starts_is_refused():
    with pytest.raises(PeriodError) as err:
        date_range(D(2025, 1, 5), D(2025, 1, 1))
    assert str(err.value) == "Ngày kết thúc (01/01/2025) trước ngày bắt đầu (05/01/2025)."


def test_range_code_ending_before_it_starts_is_refused():
    with pytest.raises(PeriodError, match=r"Ngày kết thúc \(01/01/2025\)"):
        parse_period("2025-01-05..2025-01-01")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: month(2025, 13), "Tháng 13 không hợp lệ: tháng phải từ 1 đến 12."),
        (lambda: quarter(2025, 5), "Quý 5 không hợp lệ: quý phải từ 1 đến 4."),
        (lambda: year(1999), "Năm 1999 không hợp lệ: năm phải từ 2000 đến 2100."),
        (lambda: week(2101, 1), "Năm 2101 không hợp lệ: năm phải từ 2000 đến 2100."),
    ],
)
def test_constructors_name_the_bad_number(build, message):
    with pytest.raises(PeriodError) as err:
        build()
    assert str(err.value) == message


def test_range_outside_supported_years_is_refused():
    with pytest.raises(PeriodError, match="01/03/2205"):
        date_range(D(2025, 3, 1), D(2205, 3, 1))


def test_explicit_rule_is_only_for_ranges():
    with pytest.raises(PeriodError, match="explicit"):
        month(2025, 1, PeriodRule.EXPLICIT)


# --- containing -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("kind", "day", "code"),
    [
        (PeriodKind.MONTH, D(2025, 10, 20), "2025-11"),  # DOMAIN example: window 15/10..14/11
        (PeriodKind.MONTH, D(2025, 10, 14), "2025-10"),
        (PeriodKind.MONTH, D(2025, 10, 15), "2025-11"),
        (PeriodKind.MONTH, D(2025, 12, 14), "2025-12"),
        (PeriodKind.MONTH, D(2025, 12, 15), "2026-01"),
        (PeriodKind.QUARTER, D(2025, 9, 14), "2025-Q3"),
        (PeriodKind.QUARTER, D(2025, 9, 15), "2025-Q4"),
        (PeriodKind.QUARTER, D(2025, 6, 15), "2025-Q3"),
        (PeriodKind.QUARTER, D(2024, 12, 15), "2025-Q1"),
        (PeriodKind.YEAR, D(2024, 12, 14), "2024"),
        (PeriodKind.YEAR, D(2024, 12, 15), "2025"),  # 15/12 belongs to the next year
        (PeriodKind.YEAR, D(2024, 12, 31), "2025"),
        (PeriodKind.HALF, D(2024, 12, 15), "2025-H1"),
        (PeriodKind.HALF, D(2025, 6, 14), "2025-H1"),
        (PeriodKind.NINE_MONTHS, D(2024, 12, 15), "2025-9M"),
        (PeriodKind.NINE_MONTHS, D(2025, 9, 14), "2025-9M"),
        (PeriodKind.WEEK, D(2026, 1, 1), "2026-W01"),
        (PeriodKind.WEEK, D(2025, 12, 28), "2025-W52"),
    ],
)
def test_containing_respects_the_cut_off_day(kind, day, code):
    # Given a day an obstacle was recorded
    p = containing(kind, day)
    # Then it counts in the report whose window holds that day
    assert p.code == code
    assert p.contains(day)


@pytest.mark.parametrize(
    ("kind", "day", "code"),
    [
        (PeriodKind.MONTH, D(2025, 10, 20), "2025-10"),
        (PeriodKind.MONTH, D(2025, 12, 31), "2025-12"),
        (PeriodKind.YEAR, D(2024, 12, 31), "2024"),
        (PeriodKind.HALF, D(2025, 6, 30), "2025-H1"),
        (PeriodKind.QUARTER, D(2025, 7, 1), "2025-Q3"),
    ],
)
def test_containing_under_calendar_rule_ignores_the_15th(kind, day, code):
    p = containing(kind, day, PeriodRule.CALENDAR)
    assert p.code == code and p.rule is PeriodRule.CALENDAR and p.contains(day)


@pytest.mark.parametrize(
    ("kind", "day"),
    [(PeriodKind.HALF, D(2025, 6, 15)), (PeriodKind.HALF, D(2025, 12, 14)),
     (PeriodKind.NINE_MONTHS, D(2025, 9, 15))],
)
def test_days_after_the_first_months_are_in_no_half_or_nine_month_window(kind, day):
    # There is no "second half" report, so such a day has no half-year window
    with pytest.raises(PeriodError) as err:
        containing(kind, day)
    assert format_date_vi(day) in str(err.value)


def test_ad_hoc_ranges_cannot_be_guessed_from_a_day():
    with pytest.raises(PeriodError, match="ngày bắt đầu"):
        containing(PeriodKind.RANGE, D(2025, 3, 1))


# --- previous and recent ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("period", "code"),
    [
        (month(2025, 1), "2024-12"),
        (month(2025, 10), "2025-09"),
        (quarter(2025, 1), "2024-Q4"),
        (quarter(2025, 3), "2025-Q2"),
        (half(2025), "2024-H1"),
        (nine_months(2025), "2024-9M"),
        (year(2025), "2024"),
        (week(2026, 1), "2025-W52"),
        (week(2021, 1), "2020-W53"),
        (date_range(D(2025, 3, 1), D(2025, 3, 15)), "2025-02-14..2025-02-28"),
        (date_range(D(2025, 1, 1), D(2025, 1, 1)), "2024-12-31..2024-12-31"),
    ],
    ids=lambda v: v.code if isinstance(v, Period) else None,
)
def test_previous_steps_back_one_period_of_the_same_kind(period, code):
    before = previous(period)
    assert before.code == code
    assert (before.kind, before.rule) == (period.kind, period.rule)


def test_previous_keeps_the_calendar_rule():
    p = previous(month(2024, 3, PeriodRule.CALENDAR))
    assert window(p) == (D(2024, 2, 1), D(2024, 2, 29))


def test_previous_range_has_the_same_length_and_touches_the_start():
    r = date_range(D(2025, 3, 1), D(2025, 3, 15))
    before = previous(r)
    assert before.end + timedelta(days=1) == r.start
    assert before.end - before.start == r.end - r.start


def test_recent_months_cross_the_year_boundary_oldest_first():
    # Given today is 20/01/2026 (Decree 09: in the window of month 02/2026)
    # When the dashboard asks for the last 4 months
    periods = recent(PeriodKind.MONTH, D(2026, 1, 20), 4)
    # Then it gets 11/2025 .. 02/2026, oldest first
    assert [p.code for p in periods] == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_recent_quarters_and_years():
    assert [p.code for p in recent(PeriodKind.QUARTER, D(2025, 1, 10), 3)] == [
        "2024-Q3", "2024-Q4", "2025-Q1"]
    assert [p.code for p in recent(PeriodKind.YEAR, D(2025, 12, 15), 2)] == ["2025", "2026"]
    assert [p.code for p in recent(PeriodKind.WEEK, D(2026, 1, 1), 2)] == [
        "2025-W52", "2026-W01"]
    assert [p.code for p in recent("month", D(2026, 1, 20), 2, PeriodRule.CALENDAR)] == [
        "2025-12", "2026-01"]


def test_recent_half_years_end_with_the_latest_started_one():
    # On 20/08/2025 no first-half window is open; the chart still shows H1/2025 last
    assert [p.code for p in recent(PeriodKind.HALF, D(2025, 8, 20), 3)] == [
        "2023-H1", "2024-H1", "2025-H1"]
    assert [p.code for p in recent(PeriodKind.HALF, D(2025, 12, 20), 1)] == ["2026-H1"]


def test_recent_of_zero_periods_is_empty():
    assert recent(PeriodKind.MONTH, D(2025, 1, 1), 0) == []


# --- properties -------------------------------------------------------------------------

_days = st.dates(min_value=D(2001, 1, 1), max_value=D(2099, 12, 31))


@given(d=_days, kind=st.sampled_from([PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR,
                                       PeriodKind.WEEK]),
       rule=st.sampled_from([PeriodRule.DECREE_09, PeriodRule.CALENDAR]))
def test_tiling_kinds_cover_every_day_without_gaps(d, kind, rule):
    # Given any day, the period of a tiling kind containing it holds it,
    # and the previous period ends the day before it starts (no gap, no overlap)
    p = containing(kind, d, rule)
    assert p.contains(d)
    assert previous(p).end + timedelta(days=1) == p.start
    assert parse_period(p.code, p.rule) == p


@given(d=_days, kind=st.sampled_from([PeriodKind.HALF, PeriodKind.NINE_MONTHS]))
def test_half_and_nine_month_windows_start_with_the_year_window(d, kind):
    # H1 and 9M are cumulative: they open with the year window and are one year apart
    try:
        p = containing(kind, d)
    except PeriodError:
        assert not recent(kind, d, 1)[0].contains(d)
        return
    assert p.contains(d)
    assert p.start == containing(PeriodKind.YEAR, d).start
    assert previous(p).start == containing(PeriodKind.YEAR, p.start - timedelta(days=1)).start
