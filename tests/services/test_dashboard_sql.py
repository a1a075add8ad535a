"""The home screen's figures, computed in SQL, agree with the register's own rule (in Python) for every day."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

from sqlalchemy import select
from tests.conftest import NGO_QUYEN

from desk.domain.registers import obstacles
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import dashboard, records, states
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
            if status in ("resolved", "closed"):
                values.update(result="Xong", status_since=min(raised + timedelta(days=rng.randrange(1, 60)),
                                                              date(2025, 12, 14)))
            record_id = records.save(session, OBSTACLES, values, unit_code=NGO_QUYEN, today=date(2025, 12, 20))
            if i % 7 == 3:          # reopened later, so that the state on earlier days differs from today's
                records.save(session, OBSTACLES, {**values, "status": "in_progress", "status_since": "15/12/2025"},
                             unit_code=NGO_QUYEN, record_id=record_id, today=date(2025, 12, 20))
            if i == 0:
                records.void(session, OBSTACLES, record_id, "Nhập trùng")
    today = date(2025, 12, 20)
    with workspace.session() as session:
        board = dashboard.build(session, workspace.require_unit(), today)
        rows = states.with_history(session, OBSTACLES,
                                   [dict(r._mapping) for r in session.execute(select(table_of(OBSTACLES).__table__))])
    # Then each month's "open at its end" equals counting the rows one by one with the register's rule
    for point in board.open_by_period:
        day = min(point.period.end, today)
        assert point.open == sum(1 for r in rows if dashboard.is_open_on(r, day)), point.period.code
    live = [r for r in rows if not r["voided"]]
    assert board.open_now == sum(1 for r in live if obstacles.is_open(r["status"]))
    assert board.overdue == sum(1 for r in live if obstacles.OVERDUE.holds(r, {"today": today}))
    assert sum(d.total for d in board.by_domain) == len(live)
    # And looking back to 30/11/2025, every figure is the state then, not today's
    back = date(2025, 11, 30)
    with workspace.session() as session:
        then = dashboard.build(session, workspace.require_unit(), back)
    raised = [r for r in live if r["raised_on"] <= back]
    assert then.open_now == sum(1 for r in raised if obstacles.open_on(back).holds(r))
    assert then.open_now != board.open_now
    assert then.overdue == sum(1 for r in raised if obstacles.overdue_on(back).holds(r))
    assert {(d.code, s): n for d in then.by_domain for s, n in d.counts.items() if n} == \
        Counter((r["domain"], obstacles.state_on(back).value(r, {})) for r in raised)
