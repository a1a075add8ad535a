"""The staffing view from the store: who counts on the day, movements in and out, the settings used."""

from __future__ import annotations

from datetime import date

from tests.services.registers_helpers import frame, movement, official

from desk.services import rule_settings, staffing
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
