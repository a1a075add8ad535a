"""Staffing arithmetic: frame vs actual vs surplus/shortage, seconded people, deputy caps (pure rules)."""

from __future__ import annotations

from datetime import date

from desk.domain.staffing import (
    UNALLOCATED,
    Frame,
    Guest,
    Person,
    deputy_check,
    frames_in_force,
    net_words,
    rows_sum,
    staffing_table,
)

OFFICES = ("leadership", "office", "economy", "culture_social", "service_centre")
COUNTED = frozenset({"cadre", "civil_servant"})
ON = date(2025, 11, 1)


def person(office="economy", category="civil_servant", title="staff", status="working", position="", away=False):
    return Person(office=office, category=category, title=title, status=status, job_position=position, away=away)


def line_of(table, office, position=""):
    return next(line for line in table.lines if line.office == office and line.job_position == position)


def test_seconded_out_count_on_the_home_quota_and_seconded_in_do_not():
    # Given an economic office with a frame of 5: three working, one seconded out, one who left,
    # and two people seconded in from the province
    people = [person(), person(), person(), person(status="seconded_out", away=True), person(status="left")]
    frames = [Frame("economy", "", 5, date(2025, 7, 1))]
    guests = [Guest("economy"), Guest("economy")]
    # When the table is computed
    table = staffing_table(OFFICES, people, frames, guests, ON, COUNTED)
    economy = line_of(table, "economy")
    # Then the seconded-out person still counts here, the guests are shown apart, the leaver is gone
    assert (economy.frame, economy.actual, economy.away, economy.guests) == (5, 4, 1, 2)
    assert (economy.surplus, economy.shortage) == (0, 1)


def test_categories_outside_the_frame_are_shown_apart():
    people = [person(category="civil_servant"), person(category="contract"), person(category="public_employee")]
    table = staffing_table(OFFICES, people, [Frame("economy", "", 1, date(2025, 7, 1))], [], ON, COUNTED)
    economy = line_of(table, "economy")
    assert (economy.actual, economy.others, economy.surplus, economy.shortage) == (1, 2, 0, 0)


def test_surplus_and_shortage_per_office_and_net_on_the_whole_commune_frame():
    people = [person("office")] * 4 + [person("economy")] * 2
    frames = [Frame(None, "", 10, date(2025, 7, 1)), Frame("office", "", 3, date(2025, 7, 1)),
              Frame("economy", "", 6, date(2025, 7, 1))]
    table = staffing_table(OFFICES, people, frames, [], ON, COUNTED)
    assert (line_of(table, "office").surplus, line_of(table, "office").shortage) == (1, 0)
    assert (line_of(table, "economy").surplus, line_of(table, "economy").shortage) == (0, 4)
    # The total is against the commune's frame (10), not the sum of the offices' (9)
    assert (table.total.frame, table.total.actual, table.total.surplus, table.total.shortage) == (10, 6, 0, 4)


def test_the_total_rows_surplus_and_shortage_add_up_the_offices_and_the_net_stays_the_units():
    # Given (the reviewer's case) one office over its frame while others are under, a job position with its
    # own frame inside an office, an office without a frame, and a commune frame the offices do not share out
    people = ([person("leadership", "cadre")] * 4 + [person("office")] * 9
              + [person("economy", position="Địa chính – xây dựng")] * 2 + [person("economy")] * 8
              + [person("culture_social")] * 3)
    frames = [Frame(None, "", 40, date(2025, 7, 1)), Frame("leadership", "", 3, date(2025, 7, 1)),
              Frame("office", "", 10, date(2025, 7, 1)), Frame("economy", "", 14, date(2025, 7, 1)),
              Frame("economy", "Địa chính – xây dựng", 4, date(2025, 7, 1))]
    table = staffing_table(OFFICES, people, frames, [], ON, COUNTED)
    # leadership +1, office -1, economy -4 (of which its land post -2: not counted again),
    # culture_social no frame (its 3 people add nothing), the unallocated rest -13
    assert [(line.office, line.surplus, line.shortage) for line in table.rows] == [
        ("leadership", 1, 0), ("office", 0, 1), ("economy", 0, 4), ("culture_social", None, None),
        ("service_centre", None, None), (UNALLOCATED, 0, 13)]
    assert line_of(table, "economy", "Địa chính – xây dựng").shortage == 2
    # When the rows are summed, Then the «Tổng cộng» row says 1 over and 18 short
    assert (table.rows_surplus, table.rows_shortage) == (1, 18)
    # And the unit's own figure stays net: all 26 on its quota (the 3 of the office without a frame too)
    # against its 40, the leadership's one over offsetting one short elsewhere
    assert (table.total.surplus, table.total.shortage) == (0, 14)
    assert net_words((1, 18), (0, 14)) == "thiếu 14"


def test_rows_without_a_frame_sum_to_nothing_not_to_zero():
    assert rows_sum([None, 2, None, 1]) == 3
    assert rows_sum([None, None]) is None
    table = staffing_table(OFFICES, [person("culture_social")], [], [], ON, COUNTED)
    assert (table.rows_surplus, table.rows_shortage) == (None, None)


def test_the_units_own_figure_is_said_only_where_offices_offset_each_other():
    assert net_words((0, 3), (0, 3)) is None              # nothing offset: the sums are the unit's
    assert net_words((2, 1), (1, 0)) == "thừa 1"
    assert net_words((1, 1), (0, 0)) == "đủ biên chế"
    assert net_words((None, None), (None, None)) is None


def test_without_a_commune_frame_the_total_frame_is_the_sum_of_the_offices():
    table = staffing_table(OFFICES, [person("office")], [Frame("office", "", 3, date(2025, 7, 1)),
                                                          Frame("economy", "", 4, date(2025, 7, 1))], [], ON, COUNTED)
    assert table.total.frame == 7 and table.total.shortage == 6


def test_an_office_without_a_frame_has_no_surplus_or_shortage():
    table = staffing_table(OFFICES, [person("culture_social")], [], [], ON, COUNTED)
    line = line_of(table, "culture_social")
    assert (line.frame, line.actual, line.surplus, line.shortage) == (None, 1, None, None)
    assert table.total.frame is None


def test_the_newest_frame_in_force_on_the_day_wins_and_a_future_one_waits():
    frames = [Frame("economy", "", 12, date(2025, 7, 1)), Frame("economy", "", 14, date(2025, 10, 1)),
              Frame("economy", "", 20, date(2026, 1, 1))]
    assert frames_in_force(frames, date(2025, 9, 30))[("economy", "")].authorised == 12
    assert frames_in_force(frames, date(2025, 10, 1))[("economy", "")].authorised == 14
    assert frames_in_force(frames, date(2025, 12, 31))[("economy", "")].authorised == 14


def test_job_position_frames_get_their_own_lines_and_sum_up_when_the_office_has_none():
    people = [person(position="Địa chính – xây dựng"), person(position="dia chinh - xay dung"),
              person(position="Kế toán")]
    frames = [Frame("economy", "Địa chính – xây dựng", 4, date(2025, 7, 1)),
              Frame("economy", "Kế toán", 1, date(2025, 7, 1))]
    table = staffing_table(OFFICES, people, frames, [], ON, COUNTED)
    land = line_of(table, "economy", "Địa chính – xây dựng")
    assert (land.frame, land.actual, land.shortage) == (4, 2, 2)     # accents and dashes folded alike
    assert line_of(table, "economy").frame == 5
    # Position lines follow their office
    offices = [(line.office, line.job_position) for line in table.lines]
    assert offices.index(("economy", "")) + 1 == offices.index(("economy", "Kế toán")) or \
        offices.index(("economy", "")) + 1 == offices.index(("economy", "Địa chính – xây dựng"))


def test_deputies_are_checked_on_the_pool_not_per_office():
    # Given 3 deputies in one office and 1 in another: over 2 in one office, but 4 in the pool of 4 offices
    people = [person("office", title="deputy")] * 3 + [person("economy", title="deputy")]
    check = deputy_check(people, average=2, vice_chairs_allotted=2)
    assert (check.deputies, check.cap, check.breach, check.excess) == (4, 8, False, 0)
    assert dict(check.per_office) == {"office": 3, "economy": 1, "culture_social": 0, "service_centre": 0}


def test_a_pool_over_the_cap_is_flagged_with_its_excess():
    people = [person(office, title="deputy") for office in ("office", "economy", "culture_social")] * 3
    check = deputy_check(people, average=2, vice_chairs_allotted=2)
    assert (check.deputies, check.cap, check.breach, check.excess) == (9, 8, True, 1)


def test_a_fractional_average_gives_a_whole_cap():
    assert deputy_check([], average=2.5, vice_chairs_allotted=2).cap == 10
    assert deputy_check([], average=2.3, vice_chairs_allotted=2).cap == 9


def test_vice_chairs_against_the_allotted_number_and_leavers_do_not_count():
    people = [person("leadership", "cadre", "vice_chair")] * 3 + [person("leadership", "cadre", "vice_chair",
                                                                         status="left")]
    check = deputy_check(people, average=2, vice_chairs_allotted=2)
    assert (check.vice_chairs, check.vice_chair_breach, check.vice_chair_excess) == (3, True, 1)
    # A council vice-chair is not a vice-chair of the People's Committee
    assert deputy_check([person("council", "cadre", "vice_chair")], 2, 2).vice_chairs == 0


def test_what_no_office_holds_is_one_line_so_the_lines_add_up_to_the_unit():
    # Given a commune frame of 10 of which the offices hold 3 + 6, and one person in no office
    people = [person("office")] * 4 + [person("economy")] * 2 + [person(None)]
    frames = [Frame(None, "", 10, date(2025, 7, 1)), Frame("office", "", 3, date(2025, 7, 1)),
              Frame("economy", "", 6, date(2025, 7, 1))]
    table = staffing_table(OFFICES, people, frames, [], ON, COUNTED)
    offices = [line for line in table.lines if not line.job_position]
    rest = offices[-1]
    # Then the last line is the unallocated rest: 1 of the frame, the 1 person without an office
    assert (rest.office, rest.frame, rest.actual) == (UNALLOCATED, 1, 1)
    assert sum(line.frame or 0 for line in offices) == table.total.frame == 10
    assert sum(line.actual for line in offices) == table.total.actual == 7


def test_no_unallocated_line_when_the_offices_hold_the_whole_frame():
    frames = [Frame(None, "", 9, date(2025, 7, 1)), Frame("office", "", 3, date(2025, 7, 1)),
              Frame("economy", "", 6, date(2025, 7, 1))]
    table = staffing_table(OFFICES, [person("office")], frames, [], ON, COUNTED)
    assert UNALLOCATED not in {line.office for line in table.lines}


def test_before_a_rule_on_deputies_there_is_no_cap_to_breach():
    check = deputy_check([person("office", title="deputy")] * 9, None, 2)
    assert (check.cap, check.excess, check.breach) == (None, None, False)
