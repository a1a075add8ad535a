"""How a register list orders its rows: in SQL by stored keys where it can, in Python where it must."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Integer, Table, UnaryExpression, case, func, literal_column, nulls_last
from sqlalchemy.sql import operators

from desk.domain.fields import FieldSpec
from desk.domain.kinds import Labels, Stored
from desk.domain.sort_keys import key_of, vi_order, vi_sort_text
from desk.store.dialect import DriverConnection

K = TypeVar("K")

ROWID = literal_column("rowid", Integer)
_CASE_LIMIT = 1_000         # distinct values of a choice column sorted with CASE in SQL
UNLISTED = -1               # the rank of a code a choice column's list lacks (below every label's)


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
              keyed: Collection[str], unit_code: int, labels: Labels,
              from_rows: bool = False) -> list[ColumnElement[Any]] | None:
    """ORDER BY for a column (ties by row id; descending the exact reverse), None: sort in Python.
    keyed: the fields with a stored collation key "<field>_sort" (Register.keyed_sorts; a field named
    "title" that is not the title has none: title_sort is the title's). from_rows: a choice column ranked
    by the codes its rows hold (see by_list)."""

    def direction(*terms: ColumnElement[Any]) -> list[ColumnElement[Any]]:
        return [term.desc() if descending else term.asc() for term in (*terms, ROWID)]

    if spec.codec.ordered:
        column = table.c[spec.name]
        return [nulls_last(term) for term in direction(column)[:1]] + direction()
    if spec.name == title_field:
        return direction(table.c.title_sort)
    if spec.name in keyed:
        return direction(table.c[f"{spec.name}_sort"])
    if spec.codec.listed:
        if not from_rows and by_list(spec, labels):
            ranks, empty = _ranks(spec, labels, labels.get(spec.name, {}))
            # Empty cells first: CASE tries its values in turn, and an optional column is often empty.
            return direction(case({"": empty, **ranks}, value=func.coalesce(table.c[spec.name], ""), else_=UNLISTED))
        values = [v for (v,) in raw.execute(f'SELECT DISTINCT "{spec.name}" FROM "{table.name}" '
                                            'WHERE unit_code = ?', (unit_code,))]
        if len(values) > _CASE_LIMIT:
            return None
        ranks, empty = _ranks(spec, labels, values)
        if not ranks:
            return direction()
        return direction(case(ranks, value=table.c[spec.name], else_=empty))
    return None


def by_list(spec: FieldSpec, labels: Labels) -> bool:
    """A choice column ranked by the codes of its list (labels), not by those its rows hold: no
    scan of the rows first. A code the list lacks (written around the form) ranks UNLISTED, at the
    start of the order (its end when descending), where one look finds it: see unlisted_at."""
    return not spec.codec.multiple and len(labels.get(spec.name, {})) <= _CASE_LIMIT


def unlisted_at(raw: DriverConnection, table: Table, spec: FieldSpec, labels: Labels, rowid: int) -> bool:
    """The row holds a code the column's list lacks: a list-ranked order put it at the wrong place."""
    found = raw.execute(f'SELECT "{spec.name}" FROM "{table.name}" WHERE rowid = ?', (rowid,)).fetchone()
    value = found[0] if found is not None else None
    return value is not None and value != "" and value not in labels.get(spec.name, {})


def _ranks(spec: FieldSpec, labels: Labels, values: Iterable[Stored]) -> tuple[dict[Stored, int], int]:
    """Each (non-empty) value's rank in the Vietnamese order of the labels shown, and an empty cell's."""
    texts = {v: spec.codec.display(spec, v, labels) for v in values}
    ranks = {text: i for i, text in enumerate(sorted(set(texts.values()) | {""}, key=vi_sort_text))}
    return {v: ranks[text] for v, text in texts.items() if v is not None}, ranks[""]


def flip(term: ColumnElement[Any]) -> ColumnElement[Any]:
    """An ORDER BY term in the other direction (ASC <-> DESC)."""
    if not isinstance(term, UnaryExpression):      # a bare column sorts ascending
        return term.desc()
    inner = term.element
    return inner.asc() if term.modifier is operators.desc_op else inner.desc()
