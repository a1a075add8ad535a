"""A condition written once (domain.conditions) selects in SQL exactly the rows its Python rule holds for."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Boolean, Column, Date, DateTime, Integer, MetaData, String, Table, create_engine, insert, select

from desk.domain.conditions import AllOf, AnyOf, Col, Condition, Const, Not, Param
from desk.domain.registers import obstacles
from desk.store.conditions import flags_sql, to_sql, value_sql

METADATA = MetaData()
ROWS = Table("rows", METADATA, Column("id", Integer, primary_key=True), Column("status", String),
             Column("deadline", Date), Column("count", Integer), Column("done", Boolean),
             Column("resolved_on", Date), Column("raised_on", Date), Column("updated_at", DateTime))
STATUSES = ("received", "in_progress", "referred", "resolved", "closed")
DAYS = st.dates(date(2025, 1, 1), date(2025, 12, 31))

rows_strategy = st.lists(st.fixed_dictionaries({
    "status": st.none() | st.sampled_from(STATUSES), "deadline": st.none() | DAYS,
    "count": st.none() | st.integers(-3, 3), "done": st.booleans(), "resolved_on": st.none() | DAYS,
    "raised_on": st.none() | DAYS,
    "updated_at": st.none() | st.datetimes(datetime(2025, 1, 1), datetime(2025, 12, 31, 23, 59))}), max_size=25)


def _comparison(draw) -> Condition:
    column = draw(st.sampled_from(["status", "deadline", "count", "raised_on"]))
    if column == "status":
        values = draw(st.lists(st.sampled_from(STATUSES), max_size=3))
        return draw(st.sampled_from([Col("status").among(values), Col("status").equals(draw(st.sampled_from(STATUSES))),
                                     Col("status").is_empty()]))
    other = Param("today") if column != "count" else Const(draw(st.integers(-3, 3)))
    op = draw(st.sampled_from(["<", "<=", ">", ">=", "=", "!="]))
    return {"<": Col(column) < other, "<=": Col(column) <= other, ">": Col(column) > other,
            ">=": Col(column) >= other, "=": Col(column).equals(other), "!=": Col(column).differs(other)}[op]


@st.composite
def conditions(draw, depth=0) -> Condition:
    if depth >= 2 or draw(st.booleans()):
        return _comparison(draw)
    parts = tuple(draw(st.lists(conditions(depth=depth + 1), min_size=1, max_size=3)))
    return draw(st.sampled_from([AllOf(parts), AnyOf(parts), Not(parts[0])]))


def _selected(rows: list[dict], condition: Condition, params: dict) -> tuple[set, set]:
    engine = create_engine("sqlite://")
    METADATA.create_all(engine)
    with engine.begin() as conn:
        if rows:
            conn.execute(insert(ROWS), [{"id": i, **r} for i, r in enumerate(rows)])
        in_sql = {i for (i,) in conn.execute(select(ROWS.c.id).where(to_sql(condition, ROWS, params)))}
    in_python = {i for i, r in enumerate(rows) if condition.holds(r, params)}
    return in_sql, in_python


@settings(max_examples=300, deadline=None)
@given(rows_strategy, conditions(), DAYS)
def test_sql_and_python_agree_on_every_row(rows, condition, today):
    in_sql, in_python = _selected(rows, condition, {"today": today})
    assert in_sql == in_python


# --- the obstacle's state on a day: its dated history, in SQL and in Python --------------------

@st.composite
def obstacles_with_histories(draw) -> list[dict]:
    """Obstacles raised on some day, each with later state changes (dated, possibly out of order,
    ties on one day, backdated before earlier ones, some voided, sometimes the first one too), the
    record's own status and status_since kept as Desk keeps them (from the entries not voided)."""
    found = []
    for n in range(draw(st.integers(0, 8))):
        raised = draw(DAYS)
        changes = draw(st.lists(st.tuples(st.sampled_from(STATUSES), st.integers(0, 120)), max_size=5))
        entries = [(None, 0, "received")] + [(date.fromordinal(raised.toordinal() + offset), i + 1, value)
                                             for i, (value, offset) in enumerate(changes)]
        voided = {order for _e, order, _v in entries if draw(st.integers(0, 4)) == 0}
        kept = [e for e in entries if e[1] not in voided]
        latest = max(kept, key=lambda e: (e[0] or date.min, e[1])) if kept else (None, 0, None)
        found.append({"id": f"o{n}", "raised_on": raised, "deadline": draw(st.none() | DAYS),
                      "status": latest[2], "status_since": latest[0], "state_history": kept,
                      "voided_entries": [e for e in entries if e[1] in voided]})
    return found


def _state_from_history(row: dict, day: date) -> str | None:
    """The state on a day from the entries alone (no shortcut through the record's own columns)."""
    dated = [e for e in row["state_history"] if e[0] is None or e[0] <= day]
    return max(dated, key=lambda e: (e[0] or date.min, e[1]))[2] if dated else None


def _obstacle_store(rows: list[dict]):
    from desk.store.models import history_table_of, table_of

    engine = create_engine("sqlite://")
    obstacle, states = table_of(obstacles.REGISTER).__table__, history_table_of(obstacles.REGISTER).__table__
    obstacle.metadata.create_all(engine, tables=[obstacle, states])
    with engine.begin() as conn:
        for r in rows:
            # Integer keys in another order than the text ids (and than the rows), as after an import.
            key = 1000 - int(r["id"][1:])
            conn.execute(insert(obstacle), [{"id": r["id"], "record_key": key, "unit_code": 1,
                                             "created_at": datetime(2025, 1, 1, tzinfo=UTC),
                                             "updated_at": datetime(2025, 1, 1, tzinfo=UTC),
                                             "raised_on": r["raised_on"],
                                             "deadline": r["deadline"], "status": r["status"],
                                             "status_since": r["status_since"]}])
            for voided, entries in ((False, r["state_history"]), (True, r.get("voided_entries", []))):
                for effective, entry_id, value in entries:
                    conn.execute(insert(states), [{"id": entry_id, "record_id": r["id"], "record_key": key,
                                                   "value": value, "effective_on": effective,
                                                   "recorded_at": datetime(2025, 1, 1, tzinfo=UTC),
                                                   "recorded_by": "t", "voided": voided}])
    return engine, obstacle


@settings(max_examples=150, deadline=None)
@given(obstacles_with_histories(), DAYS, DAYS)
def test_the_state_on_a_day_and_the_rules_on_it_agree_in_sql_and_python(rows, day, other):
    # Entry ids in the store keep each obstacle's order of entries (ties on a day go by it)
    for r in rows:
        for name in ("state_history", "voided_entries"):
            r[name] = [(e, (len(rows) * order + int(r["id"][1:]) + 1), v) for e, order, v in r[name]]
    engine, table = _obstacle_store(rows)
    start, end = min(day, other), max(day, other)
    with engine.connect() as conn:
        states = dict(conn.execute(select(table.c.id, value_sql(obstacles.state_on(day), table))).all())
        for condition in (obstacles.open_on(day), obstacles.OVERDUE, obstacles.in_period(start, end),
                          obstacles.resolved_within(start, end), obstacles.carried_over(start, end)):
            in_sql = {i for (i,) in conn.execute(select(table.c.id).where(to_sql(condition, table, {"today": day})))}
            in_python = {r["id"] for r in rows if condition.holds(r, {"today": day})}
            assert in_sql == in_python, condition
    # And the state SQL gives is the one the history alone gives
    assert states == {r["id"]: _state_from_history(r, day) for r in rows}


@settings(max_examples=150, deadline=None)
@given(obstacles_with_histories(), st.lists(DAYS, min_size=1, max_size=8), DAYS)
def test_flags_on_many_days_agree_with_each_rule_in_python(rows, days, other):
    # Given obstacles with dated histories (ties, backdated and voided entries) and rules each read on
    # a day of its own (more days than one chain takes), one on two days, one on a parameter
    for r in rows:
        for name in ("state_history", "voided_entries"):
            r[name] = [(e, (len(rows) * order + int(r["id"][1:]) + 1), v) for e, order, v in r[name]]
    engine, table = _obstacle_store(rows)
    conditions = [obstacles.open_on(day) for day in days] + [
        obstacles.overdue_on(days[0]), obstacles.state_on(days[-1]).is_empty(),
        obstacles.resolved_within(min(days[0], other), max(days[0], other)),
        obstacles.carried_over(min(days[-1], other), max(days[-1], other)), obstacles.OVERDUE]
    # When the flags are computed in one expression
    with engine.connect() as conn:
        found = dict(conn.execute(select(table.c.id, flags_sql(conditions, table, {"today": other}))).all())
    # Then each bit is the rule's own answer in Python
    for r in rows:
        assert [bool(found[r["id"]] >> i & 1) for i in range(len(conditions))] == \
            [c.holds(r, {"today": other}) for c in conditions], r["id"]


def test_a_chain_of_days_leaves_sqlite_s_parser_a_level_to_spare(monkeypatch):
    # Given a query like the overview's (a materialized step, grouped after), with one day more
    # chained than flags_sql chains
    from sqlalchemy import func

    from desk.store import conditions

    engine, table = _obstacle_store([])
    monkeypatch.setattr(conditions, "CHAINED_DAYS", conditions.CHAINED_DAYS + 1)
    days = [date(2025, month, 14) for month in range(1, conditions.CHAINED_DAYS + 1)]
    figures = [obstacles.open_on(day) for day in days] + [obstacles.overdue_on(days[-1])]
    rows = (select(table.c.domain, value_sql(obstacles.state_on(days[-1]), table).label("state"),
                   flags_sql(figures, table).label("flags")).cte("figures").prefix_with("MATERIALIZED"))
    # Then SQLite still reads it
    with engine.connect() as conn:
        assert conn.execute(select(*rows.c, func.count()).group_by(*rows.c)).all() == []
