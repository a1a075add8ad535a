"""The SQL of a condition (desk.domain.conditions) on a register's table, with its parameters bound."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Table, and_, false, literal, not_, or_, true
from sqlalchemy.sql.elements import ColumnElement

from desk.domain.conditions import AllOf, AnyOf, Col, Compare, Condition, Const, In, IsNull, Not, Param, Value

_OPERATORS = {"<": "__lt__", "<=": "__le__", ">": "__gt__", ">=": "__ge__", "=": "__eq__", "!=": "__ne__"}


def to_sql(condition: Condition, table: Table, params: Mapping[str, object] | None = None) -> ColumnElement:
    """A WHERE clause true exactly for the rows where condition.holds(row, params)."""
    params = params or {}

    def value(v: Value):
        if isinstance(v, Col):
            return table.c[v.name]
        if isinstance(v, Param):
            return literal(params[v.name])
        if isinstance(v, Const):
            return literal(v.constant)
        raise TypeError(f"no SQL for {v!r}")

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
