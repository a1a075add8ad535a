"""A condition written once (domain.conditions) selects in SQL exactly the rows its Python rule holds for."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Boolean, Column, Date, DateTime, Integer, MetaData, String, Table, create_engine, insert, select

from desk.domain.conditions import AllOf, AnyOf, Col, Condition, Const, Not, Param
from desk.domain.registers import obstacles
from desk.store.conditions import to_sql

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


@settings(max_examples=150, deadline=None)
@given(rows_strategy, DAYS)
def test_the_obstacle_rules_agree_in_sql_and_python(rows, day):
    for condition in (obstacles.OVERDUE, obstacles.open_on(day), Not(obstacles.OVERDUE)):
        in_sql, in_python = _selected(rows, condition, {"today": day})
        assert in_sql == in_python
