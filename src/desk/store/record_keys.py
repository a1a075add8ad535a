"""The integer keys of records with a dated history (migration 0014), numbered by a bulk write on SQLite."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.domain.register import Register
from desk.store.dialect import is_sqlite
from desk.store.models import sql_table, table_of


def next_keys(session: Session, reg: Register, count: int) -> list[int] | None:
    """Keys for `count` records a bulk write inserts, or None where the database numbers them at no cost.

    PostgreSQL numbers a new record from a sequence in a BEFORE INSERT trigger. SQLite numbers one
    when its first history entry is written (a trigger on the history table): a trigger on the
    record's own table, even one that does nothing, made every insert into it ~2x slower (its many
    indexes are then each searched again), so a bulk write gives the keys itself, after the highest.
    """
    if not is_sqlite(session):
        return None
    if count == 0:
        return []
    table = sql_table(table_of(reg))
    first = session.scalar(select(func.coalesce(func.max(table.c.record_key), 0) + 1))
    return list(range(first, first + count))
