"""The home screen's figures, checked against what is in the store."""

from __future__ import annotations

from datetime import date

import pytest
from tests.conftest import NGO_QUYEN
from tests.services.registers_helpers import frame, initiative, movement, obstacle, official

from desk.domain.access import os_actor
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import dashboard, records, states, undo

TODAY = date(2025, 11, 20)


def build(workspace):
    with workspace.session() as session:
        return dashboard.build(session, workspace.require_unit(), TODAY)


def test_obstacles_by_domain_and_status_open_and_overdue(workspace):
    obstacle(workspace, domain="PERSONNEL", status="received", deadline="01/11/2025")       # overdue
    obstacle(workspace, domain="PERSONNEL", status="in_progress", deadline="01/12/2025")
    obstacle(workspace, domain="PERSONNEL", status="resolved", result="Xong", resolved_on="10/10/2025",
             deadline="01/10/2025")
    obstacle(workspace, domain="PREMISES", status="referred")
    voided = obstacle(workspace, domain="PREMISES", status="received")
    with workspace.session() as session:
        records.void(session, OBSTACLES, voided, "Trùng")
    d = build(workspace)
    assert [(x.code, x.total) for x in d.by_domain] == [("PERSONNEL", 3), ("PREMISES", 1)]
    assert d.by_domain[0].counts == {"received": 1, "in_progress": 1, "referred": 0, "resolved": 1, "closed": 0}
    assert (d.open_now, d.overdue) == (3, 1)


def test_open_obstacles_at_the_end_of_each_recent_month(workspace):
    # Raised 05/09, resolved 10/10: open at the end of the September window (14/09), not of October (14/10)
    obstacle(workspace, raised_on="05/09/2025", status="resolved", result="Xong", resolved_on="10/10/2025")
    obstacle(workspace, raised_on="20/10/2025", status="in_progress")
    d = build(workspace)
    points = {p.period.code: p.open for p in d.open_by_period}
    assert list(points) == ["2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12"]
    assert points == {"2025-07": 0, "2025-08": 0, "2025-09": 1, "2025-10": 0, "2025-11": 1, "2025-12": 1}



def changed(workspace, record_id, status, since):
    """The obstacle's state changed on `since` (as the form saves it), as a step undo can take back."""
    values = {"title": "Thiếu công chức", "domain": "PERSONNEL", "level": "province", "raised_on": "05/09/2025",
              "status": status, "status_since": since, "result": "Xong" if status == "resolved" else None}
    with workspace.session() as session:
        first = undo.mark(session)
        records.save(session, OBSTACLES, values, unit_code=NGO_QUYEN, record_id=record_id)
        return undo.step(session, "obstacles", record_id, first, "x")


def test_a_state_counts_from_the_very_day_it_took_effect_and_an_undone_change_not_at_all(workspace):
    # All raised 05/09; the October window ends 14/10
    resolved_that_day = obstacle(workspace, status="in_progress")
    changed(workspace, resolved_that_day, "resolved", "14/10/2025")
    resolved_day_after = obstacle(workspace, status="in_progress")
    changed(workspace, resolved_day_after, "resolved", "15/10/2025")
    referred_that_day = obstacle(workspace, status="in_progress")      # then resolved: 14/10 is in its history
    changed(workspace, referred_that_day, "referred", "14/10/2025")
    changed(workspace, referred_that_day, "resolved", "01/11/2025")
    taken_back = obstacle(workspace, status="in_progress")
    done = changed(workspace, taken_back, "resolved", "14/10/2025")
    with workspace.session() as session:
        undo.undo(session, done, actor=os_actor())
    changed(workspace, taken_back, "resolved", "01/11/2025")           # 14/10 is read from its history too
    obstacle(workspace, raised_on="15/10/2025")                        # raised after the October window
    points = {p.period.code: p.open for p in build(workspace).open_by_period}
    assert points == {"2025-07": 0, "2025-08": 0, "2025-09": 4, "2025-10": 3, "2025-11": 1, "2025-12": 1}

    def as_of(day):
        with workspace.session() as session:
            d = dashboard.build(session, workspace.require_unit(), day)
        return {s: n for x in d.by_domain for s, n in x.counts.items() if n}, d.open_now

    assert as_of(date(2025, 10, 14)) == ({"in_progress": 2, "referred": 1, "resolved": 1}, 3)
    assert as_of(date(2025, 10, 13)) == ({"in_progress": 4}, 4)
    assert as_of(date(2025, 9, 4)) == ({}, 0)                          # before any was raised

def test_staffing_deputies_movements_and_initiatives(workspace):
    frame(workspace, office="economy", authorised=4)
    frame(workspace, office="office", authorised=1)
    official(workspace, office="economy", name="A")
    official(workspace, office="office", name="B")
    official(workspace, office="office", name="C")
    for name in ("D", "E", "F"):
        official(workspace, office="culture_social", title="deputy", name=name)
    person = official(workspace, office="economy", name="G", title="deputy")
    movement(workspace, official_id=person, start="01/06/2025", planned_end="10/12/2025")       # ends in 20 days
    movement(workspace, kind="reinforcement", direction="in", person_name="H", start="01/06/2025",
             planned_end="01/11/2025")                                                        # overdue to end
    initiative(workspace, name="Thứ bảy thân thiện")
    initiative(workspace, name="Loa phát thanh", status="ended", end_date="30/09/2025")
    d = build(workspace)
    # The unit's figures, as the staffing view's total line shows them: 7 counted against a frame of 5
    # (the offices' 4 + 1); the economic office's own shortage of 2 does not make the unit short.
    assert (d.shortage, d.surplus) == (0, 2) == (d.staffing.table.total.shortage, d.staffing.table.total.surplus)
    assert (d.staffing.deputies.deputies, d.staffing.deputies.cap) == (4, 8)
    assert [(m.person, m.state) for m in d.ending_soon] == [("G", "ending_soon")]
    assert [(m.person, m.end) for m in d.overdue_to_end] == [("H", date(2025, 11, 1))]
    assert [name for _id, name in d.initiatives_active] == ["Thứ bảy thân thiện"]


def test_is_open_on_matches_the_register_rows(workspace):
    obstacle(workspace, raised_on="05/09/2025", status="resolved", result="Xong", resolved_on="10/10/2025")
    with workspace.session() as session:
        rows = states.with_history(session, OBSTACLES,
                                   records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN)))
    assert dashboard.is_open_on(rows[0], date(2025, 10, 9))
    assert not dashboard.is_open_on(rows[0], date(2025, 10, 10))
    assert not dashboard.is_open_on(rows[0], date(2025, 9, 4))


# On a server the figures are one query (PostgreSQL reads them on its side); on SQLite in two halves.
@pytest.mark.sqlite_only
def test_the_figures_are_of_one_moment_though_read_on_two_connections_while_another_save_lands(workspace):
    # The obstacles are read in two halves at once (both cores), the second on a connection of its own
    for _ in range(6):
        obstacle(workspace, status="received")
    with workspace.session() as session:
        first = dashboard.build(session, workspace.require_unit(), TODAY)
        # Another save commits while this session still reads as of its first figures
        for _ in range(6):
            obstacle(workspace, status="received")
        again = dashboard.build(session, workspace.require_unit(), TODAY)
    # Then both halves are counted as of that moment: the six new ones in neither
    assert (first.open_now, again.open_now) == (6, 6)
    assert sum(p.open for p in again.open_by_period) == sum(p.open for p in first.open_by_period)
    assert build(workspace).open_now == 12
