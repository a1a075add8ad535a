"""Migration 0014: states looked up by integer keys are the same on every day; the database keeps the keys."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from bench.data import obstacle_rows
from sqlmodel import Session
from tests.conftest import NGO_QUYEN
from tests.store.revisions import engine_at

from desk.domain.registers import obstacles
from desk.services import dashboard, records, states
from desk.store.conditions import value_sql
from desk.store.migrate import upgrade_to_head
from desk.store.models import sql_table, table_of

# The lookup before this migration (store.conditions at 0013r), as plain SQL: by the text record id.
BEFORE = ("SELECT o.id, CASE WHEN o.status_since IS NULL OR o.status_since <= :day THEN o.status ELSE "
          "(SELECT s.value FROM obstacle_state s WHERE s.record_id = o.id AND s.voided = :no AND "
          "(s.effective_on IS NULL OR s.effective_on <= :day) ORDER BY s.effective_on IS NULL, s.effective_on DESC, "
          "s.id DESC LIMIT 1) END FROM obstacle o")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine_at_0013r(request, tmp_path):
    """An engine on an empty database migrated to 0013r, the revision before the keys."""
    engine = engine_at(request, tmp_path, "0013r")
    yield engine
    engine.dispose()


def _fill(engine, rng: random.Random) -> None:
    """Obstacles with dated histories as Desk writes them, then later entries backdated before earlier
    ones, and entries voided (the first one too), each record's status kept as its entries say."""
    rows, entries = obstacle_rows(150, NGO_QUYEN, seed=7, with_states=True)
    with engine.begin() as connection:
        obstacle = sa.Table("obstacle", sa.MetaData(), autoload_with=connection)
        history = sa.Table("obstacle_state", sa.MetaData(), autoload_with=connection)
        names = {c.name for c in obstacle.columns}
        connection.execute(sa.insert(obstacle), [{k: v for k, v in r.items() if k in names} for r in rows])
        fields = ("record_id", "value", "effective_on", "note", "origin", "recorded_at", "recorded_by", "voided",
                  "void_reason")
        connection.execute(sa.insert(history), [dict(zip(fields, e)) for e in entries])
        for r in rng.sample(rows, 60):      # a change recorded later, dated before the last one
            connection.execute(sa.insert(history), [{
                "record_id": r["id"], "value": rng.choice([c.code for c in obstacles.STATUSES]),
                "effective_on": r["raised_on"] + timedelta(days=rng.randrange(0, 90)), "recorded_at": r["created_at"],
                "recorded_by": "t", "voided": False}])
        ids = [i for (i,) in connection.execute(sa.select(history.c.id))]
        connection.execute(sa.update(history).where(history.c.id.in_(rng.sample(ids, len(ids) // 6)))
                           .values(voided=True, void_reason="t"))
        kept: dict[str, list] = {}
        for record_id, effective, entry_id, value in connection.execute(
                sa.select(history.c.record_id, history.c.effective_on, history.c.id, history.c.value)
                .where(history.c.voided.is_(False))):
            kept.setdefault(record_id, []).append((effective or date.min, entry_id, value, effective))
        for r in rows:
            latest = max(kept.get(r["id"], [(date.min, 0, None, None)]))
            connection.execute(sa.update(obstacle).where(obstacle.c.id == r["id"])
                               .values(status=latest[2], status_since=latest[3]))


def _days(engine) -> list[date]:
    """Every day on which a state or a record changes, and the days either side of it."""
    with engine.connect() as connection:
        found = {d for (d,) in connection.execute(sa.text("SELECT effective_on FROM obstacle_state")) if d}
        found |= {d for (d,) in connection.execute(sa.text("SELECT raised_on FROM obstacle")) if d}
    found = {date.fromisoformat(d) if isinstance(d, str) else d for d in found}
    return sorted({d + timedelta(days=step) for d in found for step in (-1, 0, 1)})


def test_every_obstacles_state_on_every_day_is_the_same_after_the_upgrade(engine_at_0013r):
    # Given a database before the keys, with backdated and voided states
    engine = engine_at_0013r
    _fill(engine, random.Random(3))
    days = _days(engine)
    with engine.connect() as connection:
        query = sa.text(BEFORE).bindparams(sa.bindparam("day", type_=sa.Date()), sa.bindparam("no", type_=sa.Boolean()))
        before = {day: dict(connection.execute(query, {"day": day, "no": False}).all()) for day in days}
    # When Desk upgrades it
    upgrade_to_head(engine, backup_first=False)
    # Then every obstacle has a key of its own, every state its obstacle's
    with engine.connect() as connection:
        keys = dict(connection.execute(sa.text("SELECT id, record_key FROM obstacle")).all())
        copied = connection.execute(sa.text("SELECT count(*) FROM obstacle_state s JOIN obstacle o "
                                            "ON o.id = s.record_id WHERE s.record_key = o.record_key")).scalar()
        total = connection.execute(sa.text("SELECT count(*) FROM obstacle_state")).scalar()
    assert None not in keys.values() and len(set(keys.values())) == len(keys)
    assert copied == total
    # And the state on every day, looked up by the keys, is the one looked up before by the text ids
    table = sql_table(table_of(obstacles.REGISTER))
    with engine.connect() as connection:
        after = {day: dict(connection.execute(sa.select(table.c.id, value_sql(obstacles.state_on(day), table))).all())
                 for day in days}
    assert after == before


def test_the_overviews_figures_after_the_upgrade_are_the_registers_rule_on_every_month_end(engine_at_0013r):
    # Given an upgraded database with backdated and voided states
    engine = engine_at_0013r
    _fill(engine, random.Random(5))
    upgrade_to_head(engine, backup_first=False)
    reg = obstacles.REGISTER
    with engine.connect() as connection:
        rows = [dict(r._mapping) for r in connection.execute(sa.select(sql_table(table_of(reg))))]
    with Session(engine) as session:
        states.with_history(session, reg, rows)
        days = [date(2025, 7, 14) + timedelta(days=30 * i) for i in range(18)]
        for on in days:
            by_pair, open_on, overdue = dashboard._obstacle_figures(session, NGO_QUYEN, on, days)
            # Then each is what the register's rule in Python counts from the histories
            assert open_on == [sum(dashboard.is_open_on(r, d) for r in rows if r["raised_on"] <= on) for d in days]
            assert overdue == sum(obstacles.overdue_on(on).holds(r) for r in rows if not r["voided"])
            wanted: dict[tuple, int] = {}
            for r in rows:
                if r["raised_on"] <= on:
                    key = (r["domain"], obstacles.state_on(on).value(r, {}))
                    wanted[key] = wanted.get(key, 0) + 1
            assert {(d, s): n for d, s, n in by_pair} == wanted


def test_the_database_numbers_each_new_obstacle_and_copies_its_key_to_its_states(workspace):
    # Given an obstacle saved as the form saves it
    with workspace.session() as session:
        first = records.save(session, obstacles.REGISTER, {"domain": "PERSONNEL", "title": "Thiếu người",
                                                          "level": "province", "raised_on": "05/09/2025",
                                                          "status": "in_progress"}, unit_code=NGO_QUYEN)
        session.commit()
    # When a writer that knows nothing of keys (an older script, a bulk insert) adds an obstacle and a state
    with workspace.engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO obstacle (id, unit_code, created_at, updated_at, voided, search_key, version, raised_on, "
            "status) VALUES ('x1', :unit, '2025-09-05 08:00:00', '2025-09-05 08:00:00', :no, '', 1, '2025-09-05', "
            "'received')"), {"unit": NGO_QUYEN, "no": False})
        connection.execute(sa.text("INSERT INTO obstacle_state (record_id, value, recorded_at, recorded_by, voided) "
                                   "VALUES ('x1', 'received', '2025-09-05 08:00:00', 't', :no)"), {"no": False})
    with workspace.engine.connect() as connection:
        keys = dict(connection.execute(sa.text("SELECT id, record_key FROM obstacle")).all())
        copied = connection.execute(sa.text("SELECT record_id, record_key FROM obstacle_state")).all()
    # Then it has the next key, and each state its obstacle's
    assert keys[first] is not None and keys["x1"] == keys[first] + 1
    assert {record_id for record_id, _key in copied} == {first, "x1"}
    assert all(key == keys[record_id] for record_id, key in copied)
    # And a key is never changed, nor given to another obstacle's state
    with pytest.raises(sa.exc.DatabaseError, match="never changed"), workspace.engine.begin() as connection:
        connection.execute(sa.text("UPDATE obstacle SET record_key = 99 WHERE id = 'x1'"))
    with pytest.raises(sa.exc.DatabaseError, match="never changed"), workspace.engine.begin() as connection:
        connection.execute(sa.text("UPDATE obstacle_state SET record_key = 99 WHERE record_id = 'x1'"))
    with pytest.raises(sa.exc.DatabaseError, match="its own obstacle key"), workspace.engine.begin() as connection:
        connection.execute(sa.text("INSERT INTO obstacle_state (record_id, record_key, value, recorded_at, "
                                   "recorded_by, voided) VALUES ('x1', :key, 'closed', '2025-09-06 08:00:00', 't', "
                                   ":no)"), {"key": keys[first], "no": False})
