"""How a register list orders its rows: in SQL by stored keys where it can, in Python where it must."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Integer, Table, UnaryExpression, case, literal_column, nulls_last
from sqlalchemy.sql import operators

from desk.domain.fields import FieldSpec
from desk.domain.kinds import Labels, Stored
from desk.domain.sort_keys import key_of, vi_order, vi_sort_text
from desk.store.dialect import DriverConnection

K = TypeVar("K")

ROWID = literal_column("rowid", Integer)
_CASE_LIMIT = 1_000         # distinct values of a choice column sorted with CASE in SQL


def python_order(spec: FieldSpec, labels: Labels, descending: bool, keyed: list[tuple[K, Stored]]) -> list[K]:
    """Keys of (key, value) pairs ordered by the values as the column sorts, ties in the given order;
    descending is the exact reverse. Dates and numbers: empty ones last in both directions."""
    if spec.codec.ordered:
        present = [kv for kv in keyed if kv[1] is not None]
        present.sort(key=lambda kv: kv[1])
        missing = [k for k, v in keyed if v is None]
        ordered = [k for k, _ in present]
        return ordered[::-1] + missing[::-1] if descending else ordered + missing
    as_text: Callable[[Stored], str | None]
    key: Callable[[str | None], str]
    if spec.codec.listed:
        as_text = lambda value: spec.codec.display(spec, value, labels)  # noqa: E731
        key = vi_sort_text
    else:
        as_text, key = (lambda value: value), key_of(spec)
    if key is vi_sort_text:     # long texts (proposal, result): whole keys only where primaries tie
        texts: list[str | None] = [value for _, value in keyed] if not spec.codec.listed \
            else [as_text(value) for _, value in keyed]
        ordered = [keyed[position][0] for position in vi_order(texts)]
        return ordered[::-1] if descending else ordered
    memo: dict[Stored, str] = {}

    def sort_key(kv: tuple[K, Stored]) -> str:
        value = kv[1]
        found = memo.get(value)
        if found is None:
            found = memo[value] = key(as_text(value))
        return found

    ordered = [k for k, _ in sorted(keyed, key=sort_key)]
    return ordered[::-1] if descending else ordered


def sql_order(raw: DriverConnection, table: Table, spec: FieldSpec, descending: bool, *, title_field: str,
              unit_code: int, labels: Labels) -> list[ColumnElement[Any]] | None:
    """ORDER BY for a column (ties by row id; descending the exact reverse), None: sort in Python."""

    def direction(*terms: ColumnElement[Any]) -> list[ColumnElement[Any]]:
        return [term.desc() if descending else term.asc() for term in (*terms, ROWID)]

    if spec.codec.ordered:
        column = table.c[spec.name]
        return [nulls_last(term) for term in direction(column)[:1]] + direction()
    if spec.name == title_field:
        return direction(table.c.title_sort)
    if f"{spec.name}_sort" in table.c:
        return direction(table.c[f"{spec.name}_sort"])
    if spec.codec.listed:
        values = [v for (v,) in raw.execute(f'SELECT DISTINCT "{spec.name}" FROM "{table.name}" '
                                            'WHERE unit_code = ?', (unit_code,))]
        if len(values) > _CASE_LIMIT:
            return None
        texts = {v: spec.codec.display(spec, v, labels) for v in values}
        ranks = {text: i for i, text in enumerate(sorted(set(texts.values()) | {""}, key=vi_sort_text))}
        by_value = {v: ranks[text] for v, text in texts.items() if v is not None}
        if not by_value:
            return direction()
        return direction(case(by_value, value=table.c[spec.name], else_=ranks[""]))
    return None


def flip(term: ColumnElement[Any]) -> ColumnElement[Any]:
    """An ORDER BY term in the other direction (ASC <-> DESC)."""
    if not isinstance(term, UnaryExpression):      # a bare column sorts ascending
        return term.desc()
    inner = term.element
    return inner.asc() if term.modifier is operators.desc_op else inner.desc()
