"""The SQL of a condition (desk.domain.conditions) on a register's table, with its parameters bound."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import add
from typing import Any

from sqlalchemy import Date, Integer, and_, case, false, func, literal, literal_column, not_, null, or_, select, true
from sqlalchemy.sql.elements import ColumnClause, ColumnElement
from sqlalchemy.sql.selectable import NamedFromClause, ScalarSelect

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
from desk.store.dialect import DayAsText
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
    entries = _entries_of(table)
    found = _latest_entry(entries, table, day, entries.c.value if v.part == "value" else entries.c.effective_on)
    since = table.c[v.since]
    return case((or_(since.is_(None), _compared(since) <= day), own), else_=found)


def _entries_of(table: NamedFromClause):
    return history_table_of(by_table(table.name)).__table__


def _latest_entry(entries: NamedFromClause, table: NamedFromClause, day, what: ColumnElement) -> ScalarSelect[Any]:
    """`what` of the record's latest entry dated by `day` (what may read that entry's columns).

    By the record's integer key (migration 0014), in the order of the covering index (record_key,
    coalesce(effective_on, UNDATED), id, voided, value, effective_on): one seek to the latest entry
    dated by the day, or else the undated first value, which sorts before every day."""
    e = entries.c
    day_of = func.coalesce(e.effective_on, literal_column(f"'{UNDATED}'"))
    return (select(what)
            .where(e.record_key == table.c.record_key, e.voided.is_(False), day_of <= day)
            .order_by(day_of.desc(), e.id.desc())
            # Written out: limit(1) adds "OFFSET ?" on SQLite, steps each of the overview's ~200k
            # lookups takes again (6% of its SQL's steps).
            .suffix_with("LIMIT 1")
            # Named: a lookup nested in another one's (flags_sql) correlates past the one around it.
            .correlate(table).scalar_subquery())


# A list of more than two constants is looked up in a temporary b-tree by SQLite, at every row that
# asks; a column compared with at most this many costs less (the overview asks ~500k times whether a
# state is open). Only where a condition is computed for each row: in a WHERE, "IN" is what an index
# answers, and a value that is not a column would be computed again for each comparison.
FEW_VALUES = 4


def to_sql(condition: Condition, table: NamedFromClause, params: Mapping[str, object] | None = None,
           known: Mapping[Value, ColumnElement[Any]] | None = None, *, selected: bool = False) -> ColumnElement:
    """A WHERE clause true exactly for the rows where condition.holds(row, params) (known: as for value_sql);
    selected: computed for each row as a column (a figure, a flag) rather than to filter them."""
    params = params or {}

    def value(v: Value):
        return value_sql(v, table, params, known)

    def sql(c: Condition):
        if isinstance(c, Compare):
            left, right = value(c.left), value(c.right)
            if selected:
                left, right = _compared(left), _compared(right)
            return getattr(left, _OPERATORS[c.op])(right)
        if isinstance(c, In):
            if not c.values:
                return false()
            found = value(c.value)
            if selected and isinstance(found, ColumnClause) and len(c.values) <= FEW_VALUES:
                return or_(*(found == v for v in c.values))
            return found.in_(c.values)
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


def _compared(v: ColumnElement[Any]) -> ColumnElement[Any]:
    """A value as a condition computed for each row compares it: a date column as its text (DayAsText)."""
    return DayAsText(v) if isinstance(v, ColumnClause) and isinstance(v.type, Date) else v


# --- several conditions at once, each reading the history on a day of its own ------------------

# At most this many days are chained from the record's own columns: each day doubles the SQL (the
# days before it are written once for the entry it found and once for the value it already had) and
# nests it deeper. SQLite's parser stack (100 deep) takes six such days inside a query like the
# overview's, not seven: five leave a level to spare.
CHAINED_DAYS = 5


@dataclass(frozen=True)
class _Held:
    """A value of the history and the day it took effect (None: its first value), as SQL columns."""

    value: ColumnElement[Any]
    since: ColumnElement[Any]


@dataclass(frozen=True)
class _Flag:
    bit: int
    condition: Condition
    reads: frozenset[HistoryValue]


def flags_sql(conditions: Sequence[Condition], table: NamedFromClause,
              params: Mapping[str, object] | None = None) -> ColumnElement:
    """An integer with bit i set on the rows where conditions[i] holds (as to_sql selects them).

    Each condition may read the record's dated history on a day of its own (open at each of six
    month-ends). Asked one by one, every condition would look the history up again; here the days
    are taken latest first, and the entry found for a day answers for every earlier day on or after
    its own date, as the record's own columns answer for the days on or after their value took effect.
    A record is looked up about once per entry it had over those days (the overview's five earlier
    month-ends of 100,000 obstacles: 166k lookups instead of 271k). Each day doubles the SQL: keep
    what it gives for a query asked again (services.dashboard)."""
    params = params or {}
    flags = [_Flag(i, c, frozenset(_history_values(c))) for i, c in enumerate(conditions)]
    chainable = [f for f in flags if _chainable(f)]
    # One history is chained (a register keeps one): conditions on another are asked alone.
    chained = [f for f in chainable if _history_of(f) == _history_of(chainable[0])]
    alone = [_bit(f, table, params, {}) for f in flags if f not in chained]
    days = sorted({_day_of(f) for f in chained}, reverse=True)
    by_day = [(day, [f for f in chained if _day_of(f) == day]) for day in days]
    chains = [_chain(by_day[i:i + CHAINED_DAYS], _own(table, by_day[i][1][0]), table, params)
              for i in range(0, len(by_day), CHAINED_DAYS)]
    return reduce(add, [*chains, *alone]) if flags else _number(0)


def _history_values(condition: Condition) -> list[HistoryValue]:
    """The history values a condition reads (each with the day it is read on)."""
    if isinstance(condition, Compare):
        return [v for v in (condition.left, condition.right) if isinstance(v, HistoryValue)]
    if isinstance(condition, In | IsNull):
        return [condition.value] if isinstance(condition.value, HistoryValue) else []
    if isinstance(condition, Not):
        return _history_values(condition.inner)
    if isinstance(condition, AllOf | AnyOf):
        return [v for part in condition.parts for v in _history_values(part)]
    raise TypeError(f"no SQL for {condition!r}")


def _chainable(flag: _Flag) -> bool:
    # One history read on one fixed day (its value, the day it took effect, or both).
    return (len({(v.history, v.field, v.since, v.day) for v in flag.reads}) == 1
            and all(isinstance(v.day, Const) and isinstance(v.day.constant, date) for v in flag.reads))


def _history_of(flag: _Flag) -> tuple[str, str, str]:
    v = next(iter(flag.reads))
    return v.history, v.field, v.since


def _day_of(flag: _Flag) -> date:
    day = next(iter(flag.reads)).day
    assert isinstance(day, Const) and isinstance(day.constant, date)
    return day.constant


def _own(table: NamedFromClause, flag: _Flag) -> _Held:
    v = next(iter(flag.reads))
    return _Held(table.c[v.field], table.c[v.since])


def _bit(flag: _Flag, table: NamedFromClause, params: Mapping[str, object], known: Mapping[Value, ColumnElement[Any]]):
    # The numbers written out: hundreds of them, each bound would be a parameter to pass on every call.
    return case((to_sql(flag.condition, table, params, known, selected=True), _number(1 << flag.bit)),
                else_=_number(0))


def _number(n: int) -> ColumnElement[Any]:
    return literal_column(str(n), Integer)


def _held_bits(flags: list[_Flag], held: _Held, table: NamedFromClause, params: Mapping[str, object]):
    """The bits of conditions read on one day, the history holding `held` then."""
    return reduce(add, [_bit(f, table, params, {v: held.value if v.part == "value" else held.since for v in f.reads})
                        for f in flags])


def _chain(by_day: list[tuple[date, list[_Flag]]], held: _Held, table: NamedFromClause,
           params: Mapping[str, object]) -> ColumnElement:
    """The bits of the conditions of each day (latest first), `held` being the history's value on
    the first day if it took effect by then; otherwise the entry found for the day is held on."""
    if not by_day:
        return _number(0)
    (day, flags), earlier = by_day[0], by_day[1:]
    on_day = literal(day)
    # The earlier days first: SQLite's parser then holds less while reading the nested lookups.
    still = _chain(earlier, held, table, params) + _held_bits(flags, held, table, params)
    entries = _entries_of(table).alias()
    entry = _Held(entries.c.value, entries.c.effective_on)
    found = _latest_entry(entries, table, on_day,
                          _chain(earlier, entry, table, params) + _held_bits(flags, entry, table, params))
    # No entry dated by this day: none by any earlier day either, the value is empty on all of them.
    empty = _Held(null(), null())
    never = reduce(add, [_held_bits(fs, empty, table, params) for _day, fs in by_day])
    return case((or_(held.since.is_(None), _compared(held.since) <= on_day), still), else_=func.coalesce(found, never))
