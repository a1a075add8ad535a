"""Conditions on a register's rows, written once: Python evaluates them here, the store compiles them to SQL.

A flag rule ("overdue"), a filter entry ("any open status") or a click-through ("open on
14/09/2025") is a small tree of these nodes. `holds(row, params)` answers in Python with SQL's
three-valued logic (a comparison with an empty value is unknown, and unknown is not true), so the
Python answer and the SQL answer (desk.store.conditions) agree on every row; a property test
checks it. Parameters (`Param("today")`) are bound when the condition is used.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

Params = Mapping[str, object]
# One entry of a record's dated history as HistoryValue reads it: (effective date or None, entry id, value).
HistoryEntry = tuple[date | None, int, str]
# A row's stored values are of every column type (text, numbers, dates, flags); a condition
# compares whatever two values it is given, as SQL does, so they are typed Any.
Row = Mapping[str, Any]


class Value:
    """Something a row has (a column, a constant, a parameter)."""

    def value(self, row: Row, params: Params) -> Any:
        raise NotImplementedError

    def columns(self) -> frozenset[str]:
        return frozenset()

    # -- building conditions: Col("deadline") < Param("today") -------------------------------
    def __lt__(self, other: object) -> Compare:
        return Compare(self, "<", _value(other))

    def __le__(self, other: object) -> Compare:
        return Compare(self, "<=", _value(other))

    def __gt__(self, other: object) -> Compare:
        return Compare(self, ">", _value(other))

    def __ge__(self, other: object) -> Compare:
        return Compare(self, ">=", _value(other))

    def equals(self, other: object) -> Compare:
        return Compare(self, "=", _value(other))

    def differs(self, other: object) -> Compare:
        return Compare(self, "!=", _value(other))

    def among(self, values: Collection[Any]) -> In:
        return In(self, tuple(sorted(values)))

    def is_empty(self) -> IsNull:
        return IsNull(self)

    def is_set(self) -> Not:
        return Not(IsNull(self))


@dataclass(frozen=True)
class Col(Value):
    """A stored column of the row."""

    name: str

    def value(self, row: Row, params: Params) -> Any:
        return row.get(self.name)

    def columns(self) -> frozenset[str]:
        return frozenset({self.name})


@dataclass(frozen=True)
class Const(Value):
    constant: object

    def value(self, row: Row, params: Params) -> Any:
        return self.constant


@dataclass(frozen=True)
class Param(Value):
    """A value given when the condition is used (today, the day a period ends)."""

    name: str

    def value(self, row: Row, params: Params) -> Any:
        return params[self.name]


@dataclass(frozen=True)
class HistoryValue(Value):
    """What a record's dated history (domain.register.History) says on a day: the value of its latest
    entry dated on or before that day (part="value"), or that entry's date (part="since").

    The record's own columns answer whenever the day is on or after its current value took effect
    (`since`, None for a first value); an earlier day needs the record's entries in
    row[history + "_history"]: (effective date or None for the first value, entry id, value).
    """

    history: str
    field: str
    since: str
    day: Value
    part: str = "value"

    def value(self, row: Row, params: Params) -> Any:
        day = self.day.value(row, params)
        if day is None:
            return None
        since = row.get(self.since)
        if since is None or since <= day:
            return row.get(self.field) if self.part == "value" else since
        found = None
        for effective, _id, value in sorted(row[f"{self.history}_history"], key=_entry_order):
            if effective is None or effective <= day:
                found = (effective, value)
        if found is None:
            return None
        return found[1] if self.part == "value" else found[0]

    def columns(self) -> frozenset[str]:
        return frozenset({self.field, self.since}) | self.day.columns()


def _entry_order(entry: HistoryEntry) -> tuple[date, int]:
    return (entry[0] or date.min, entry[1])


def _value(x: object) -> Value:
    return x if isinstance(x, Value) else Const(x)


class Condition:
    """True, false or unknown (None) for a row; `holds` is True only when the condition is true."""

    def truth(self, row: Row, params: Params) -> bool | None:
        raise NotImplementedError

    def holds(self, row: Row, params: Params | None = None) -> bool:
        return self.truth(row, params or {}) is True

    def columns(self) -> frozenset[str]:
        """The columns it reads (a list reads only those)."""
        raise NotImplementedError

    def params(self) -> frozenset[str]:
        return frozenset()

    def __and__(self, other: Condition) -> Condition:
        return AllOf((self, other))

    def __or__(self, other: Condition) -> Condition:
        return AnyOf((self, other))

    def __invert__(self) -> Condition:
        return Not(self)


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b, "=": lambda a, b: a == b, "!=": lambda a, b: a != b}


@dataclass(frozen=True)
class Compare(Condition):
    left: Value
    op: str
    right: Value

    def truth(self, row: Row, params: Params) -> bool | None:
        a, b = self.left.value(row, params), self.right.value(row, params)
        if a is None or b is None:
            return None
        return _COMPARE[self.op](_comparable(a), _comparable(b))

    def columns(self) -> frozenset[str]:
        return self.left.columns() | self.right.columns()

    def params(self) -> frozenset[str]:
        return frozenset(v.name for v in (self.left, self.right) if isinstance(v, Param))


@dataclass(frozen=True)
class In(Condition):
    value: Value
    values: tuple[Any, ...]

    def truth(self, row: Row, params: Params) -> bool | None:
        if not self.values:             # SQL: "x IN ()" is false, even for an empty x
            return False
        found = self.value.value(row, params)
        if found is None:
            return None
        return found in self.values

    def columns(self) -> frozenset[str]:
        return self.value.columns()


@dataclass(frozen=True)
class IsNull(Condition):
    value: Value

    def truth(self, row: Row, params: Params) -> bool | None:
        return self.value.value(row, params) is None

    def columns(self) -> frozenset[str]:
        return self.value.columns()


@dataclass(frozen=True)
class Not(Condition):
    inner: Condition

    def truth(self, row: Row, params: Params) -> bool | None:
        found = self.inner.truth(row, params)
        return None if found is None else not found

    def columns(self) -> frozenset[str]:
        return self.inner.columns()

    def params(self) -> frozenset[str]:
        return self.inner.params()


@dataclass(frozen=True)
class AllOf(Condition):
    parts: tuple[Condition, ...]

    def truth(self, row: Row, params: Params) -> bool | None:
        unknown = False
        for part in self.parts:
            found = part.truth(row, params)
            if found is False:
                return False
            unknown = unknown or found is None
        return None if unknown else True

    def columns(self) -> frozenset[str]:
        return frozenset().union(*(p.columns() for p in self.parts))

    def params(self) -> frozenset[str]:
        return frozenset().union(*(p.params() for p in self.parts))


@dataclass(frozen=True)
class AnyOf(Condition):
    parts: tuple[Condition, ...]

    def truth(self, row: Row, params: Params) -> bool | None:
        unknown = False
        for part in self.parts:
            found = part.truth(row, params)
            if found is True:
                return True
            unknown = unknown or found is None
        return None if unknown else False

    def columns(self) -> frozenset[str]:
        return frozenset().union(*(p.columns() for p in self.parts))

    def params(self) -> frozenset[str]:
        return frozenset().union(*(p.params() for p in self.parts))


def _comparable(value: object) -> object:
    # SQLite keeps dates as ISO text, which orders like the dates themselves.
    return value.isoformat() if isinstance(value, date) else value
