"""The home screen's figures, computed in SQL, agree with the register's own rule for every day."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from desk.domain.registers import obstacles
from desk.services import dashboard, records
from desk.domain.registers.obstacles import REGISTER as OBSTACLES

from tests.conftest import NGO_QUYEN
from desk.store.models import table_of


def test_open_at_each_period_end_matches_the_row_by_row_rule(workspace):
    # Given obstacles in every status, some resolved, some closed, one voided
    rng = random.Random(7)
    with workspace.session() as session:
        for i in range(60):
            raised = date(2025, 7, 1) + timedelta(days=rng.randrange(0, 150))
            status = rng.choice([c.code for c in obstacles.STATUSES])
            values = {"domain": "PERSONNEL", "title": f"Vướng mắc {i}", "level": "province", "raised_on": raised,
                      "status": status, "deadline": raised + timedelta(days=rng.choice([10, 40]))}
            if status == "resolved":
                values.update(result="Xong", resolved_on=raised + timedelta(days=rng.randrange(1, 60)))
            record_id = records.save(session, OBSTACLES, values, unit_code=NGO_QUYEN)
            if i == 0:
                records.void(session, OBSTACLES, record_id, "Nhập trùng")
    today = date(2025, 12, 20)
    with workspace.session() as session:
        board = dashboard.build(session, workspace.require_unit(), today)
        rows = [dict(r._mapping) for r in session.execute(select(table_of(OBSTACLES).__table__))]
    # Then each month's "open at its end" equals counting the rows one by one with the register's rule
    for point in board.open_by_period:
        day = min(point.period.end, today)
        assert point.open == sum(1 for r in rows if dashboard.is_open_on(r, day)), point.period.code
    live = [r for r in rows if not r["voided"]]
    assert board.open_now == sum(1 for r in live if obstacles.is_open(r["status"]))
    assert board.overdue == sum(1 for r in live if obstacles.OVERDUE.holds(r, {"today": today}))
    assert sum(d.total for d in board.by_domain) == len(live)
