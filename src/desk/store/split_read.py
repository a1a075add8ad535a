"""A grouped read split in two halves of a register's records, read at once on two SQLite connections."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlmodel import Session

from desk.store.dialect import is_sqlite
from desk.store.security import AuditEntry

# The part of a record: its integer key's remainder (a record not numbered yet counts as key 0).
HALVES = 2


def half_of(record_key) -> Any:
    """The SQL of the half a record falls in (0 or 1), from its record_key column."""
    return func.coalesce(record_key, 0) % HALVES


def read_in_halves(session: Session, query_of: Callable[[int | None], Select[Any]]) -> Sequence[Any]:
    """The rows of query_of(0) and query_of(1) (each asking one half of the records; None: all of them),
    as of the session's snapshot.

    SQLite runs a query on one core, and the figures as of a day spend most of their time in history
    lookups made per record: the second half is read on a connection of its own in another thread
    (sqlite3 releases the GIL while SQLite steps). Its snapshot is the session's if no write came
    between the two: every write to a register adds to the audit trail in its transaction, so the two
    see the same highest audit entry; otherwise that half is read again here. On a server, one query.
    """
    if not is_sqlite(session):
        return session.execute(query_of(None)).all()
    mark = session.scalar(_last_audit())        # the session's snapshot begins here, if not before
    other: list[Any] = []
    failed: list[BaseException] = []

    def read_other() -> None:
        try:
            with Session(session.get_bind()) as second:
                other.append(second.scalar(_last_audit()))
                other.append(second.execute(query_of(1)).all())
        except BaseException as exc:    # raised again below, on the caller's thread
            failed.append(exc)

    reader = threading.Thread(target=read_other, name="desk-second-half")
    reader.start()
    try:
        first = session.execute(query_of(0)).all()
    finally:
        reader.join()
    if failed:
        raise failed[0]
    second_mark, second = other
    if second_mark != mark:
        second = session.execute(query_of(1)).all()
    return [*first, *second]


def _last_audit() -> Select[Any]:
    return select(func.max(AuditEntry.id))
