"""The staffing view from the store: who counts on the day, movements in and out, the settings used."""

from __future__ import annotations

from datetime import date

from tests.services.registers_helpers import frame, movement, official

from desk.domain.registers.officials import REGISTER as OFFICIALS
from desk.services import register_report, rule_settings, staffing
from desk.services.rule_settings import RuleSettings


def view(workspace, on):
    unit = workspace.require_unit()
    with workspace.session() as session:
        return staffing.view(session, unit, on)


def line(v, office):
    return next(x for x in v.table.lines if x.office == office and not x.job_position)


def test_a_secondment_out_keeps_the_person_on_the_home_quota_and_shows_them_away(workspace):
    # Given an office with a frame of 3 and two officials, one of them seconded to the province
    frame(workspace, office="economy", authorised=3)
    official(workspace, name="Nguyễn Văn An")
    away = official(workspace, name="Trần Thị Bình")
    movement(workspace, official_id=away, start="01/09/2025", planned_end="31/12/2025",
             host_body="Sở Nội vụ Thành phố Hải Phòng")
    # And someone reinforcing the office from a department
    movement(workspace, kind="reinforcement", direction="in", person_name="Phạm Văn Hưng", host_office="economy",
             start="01/10/2025", planned_end="31/03/2026")
    # When the view is taken in November
    economy = line(view(workspace, date(2025, 11, 1)), "economy")
    # Then both officials count, one is away, the guest is shown but not counted
    assert (economy.frame, economy.actual, economy.away, economy.guests, economy.shortage) == (3, 2, 1, 1, 1)
    # Before the movements started, nobody was away and no guest was here
    earlier = line(view(workspace, date(2025, 8, 1)), "economy")
    assert (earlier.actual, earlier.away, earlier.guests) == (2, 0, 0)


def test_who_was_away_on_a_past_day_is_read_from_the_movements_not_todays_status(workspace):
    # Given two officials: one seconded out in August and back since (still "working"), and one
    # seconded out from November, whose status the clerk has since set to "seconded"
    frame(workspace, office="economy", authorised=3)
    back = official(workspace, name="Đỗ Văn Dũng")
    movement(workspace, official_id=back, start="01/08/2025", planned_end="31/10/2025", actual_end="31/10/2025")
    later = official(workspace, name="Vũ Văn Giang", status="seconded_out")
    movement(workspace, official_id=later, start="01/11/2025", planned_end="31/12/2027")
    # At Q3's cut-off only the first was away; today only the second
    assert line(view(workspace, date(2025, 9, 14)), "economy").away == 1
    assert line(view(workspace, date(2026, 12, 6)), "economy").away == 1
    assert line(view(workspace, date(2025, 7, 15)), "economy").away == 0
    # And the officials' list of each day says the same of each
    unit = workspace.require_unit()
    with workspace.session() as session:
        def statuses(on):
            rows = register_report.selected_rows(session, unit, OFFICIALS, OFFICIALS.list_spec, None, on)
            return {r["full_name"]: r["status"] for r in rows}
        assert statuses(date(2025, 9, 14)) == {"Đỗ Văn Dũng": "seconded_out", "Vũ Văn Giang": "working"}
        assert statuses(date(2026, 12, 6)) == {"Đỗ Văn Dũng": "working", "Vũ Văn Giang": "seconded_out"}


def test_leavers_and_people_not_yet_started_depend_on_the_day(workspace):
    frame(workspace, office="office", authorised=2)
    official(workspace, office="office", name="Đỗ Văn Toàn", status="left", start_date="01/07/2025",
             left_on="01/10/2025")
    official(workspace, office="office", name="Lê Thu Hà", start_date="01/11/2025")
    assert line(view(workspace, date(2025, 9, 1)), "office").actual == 1     # Toàn still here, Hà not yet
    assert line(view(workspace, date(2025, 11, 15)), "office").actual == 1   # Toàn gone, Hà arrived
    assert line(view(workspace, date(2025, 10, 15)), "office").actual == 0


def test_the_counted_categories_and_deputy_caps_are_settings(workspace):
    frame(workspace, office="service_centre", authorised=3)
    official(workspace, office="service_centre", category="public_employee", name="Vũ Thị Yến")
    for i in range(3):
        official(workspace, office="office", title="deputy", name=f"Phó Chánh Văn phòng {i}")
    default = view(workspace, date(2025, 11, 1))
    assert line(default, "service_centre").actual == 0 and line(default, "service_centre").others == 1
    assert (default.deputies.cap, default.deputies.breach) == (8, False)
    with workspace.session() as session:
        rule_settings.save(session, RuleSettings.defaults().replace(
            deputy_average=0.5, vice_chairs_allotted=3, counted_categories=("cadre", "civil_servant",
                                                                            "public_employee")))
    changed = view(workspace, date(2025, 11, 1))
    assert line(changed, "service_centre").actual == 1
    assert (changed.deputies.cap, changed.deputies.breach, changed.deputies.excess) == (2, True, 1)
    assert changed.deputies.vice_chairs_allotted == 3
