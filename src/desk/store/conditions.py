"""The SQL of a condition (desk.domain.conditions) on a register's table, with its parameters bound."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import and_, case, false, func, literal, literal_column, not_, or_, select, true
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import NamedFromClause

from desk.domain.conditions import (
    AllOf,
    AnyOf,
    Col,
    Compare,
    Condition,
    Const,
    HistoryValue,
    In,
    IsNull,
    Not,
    Param,
    Value,
)
from desk.domain.registers import by_table
from desk.store.models import UNDATED, history_table_of

_OPERATORS = {"<": "__lt__", "<=": "__le__", ">": "__gt__", ">=": "__ge__", "=": "__eq__", "!=": "__ne__"}


def value_sql(v: Value, table: NamedFromClause, params: Mapping[str, object] | None = None,
              known: Mapping[Value, ColumnElement[Any]] | None = None) -> ColumnElement:
    """The SQL of a value (a column, a constant, a parameter, what a dated history says on a day);
    known: values already selected as columns of `table` (a query that reads a history once per day)."""
    params = params or {}
    if known and v in known:
        return known[v]
    if isinstance(v, Col):
        return table.c[v.name]
    if isinstance(v, Param):
        return literal(params[v.name])
    if isinstance(v, Const):
        return literal(v.constant)
    if isinstance(v, HistoryValue):
        return _history_sql(v, table, value_sql(v.day, table, params))
    raise TypeError(f"no SQL for {v!r}")


def _history_sql(v: HistoryValue, table: NamedFromClause, day) -> ColumnElement:
    # The record's own columns answer for a day on or after its current value took effect; only an
    # earlier day looks up its entries (SQLite evaluates the CASE lazily: most rows never do).
    own = table.c[v.field] if v.part == "value" else table.c[v.since]
    entries = history_table_of(by_table(table.name)).__table__
    e = entries.c

    # By the record's integer key (migration 0014), in the order of the covering index (record_key,
    # coalesce(effective_on, UNDATED), id, voided, value, effective_on): one seek to the latest entry
    # dated by the day, or else the undated first value, which sorts before every day.
    day_of = func.coalesce(e.effective_on, literal_column(f"'{UNDATED}'"))
    found = (select(e.value if v.part == "value" else e.effective_on)
             .where(e.record_key == table.c.record_key, e.voided.is_(False), day_of <= day)
             .order_by(day_of.desc(), e.id.desc()).limit(1).scalar_subquery())
    since = table.c[v.since]
    return case((or_(since.is_(None), since <= day), own), else_=found)


def to_sql(condition: Condition, table: NamedFromClause, params: Mapping[str, object] | None = None,
           known: Mapping[Value, ColumnElement[Any]] | None = None) -> ColumnElement:
    """A WHERE clause true exactly for the rows where condition.holds(row, params) (known: as for value_sql)."""
    params = params or {}

    def value(v: Value):
        return value_sql(v, table, params, known)

    def sql(c: Condition):
        if isinstance(c, Compare):
            return getattr(value(c.left), _OPERATORS[c.op])(value(c.right))
        if isinstance(c, In):
            return value(c.value).in_(c.values) if c.values else false()
        if isinstance(c, IsNull):
            return value(c.value).is_(None)
        if isinstance(c, Not):
            return not_(sql(c.inner))
        if isinstance(c, AllOf):
            return and_(true(), *(sql(p) for p in c.parts))
        if isinstance(c, AnyOf):
            return or_(false(), *(sql(p) for p in c.parts))
        raise TypeError(f"no SQL for {c!r}")

    return sql(condition)
