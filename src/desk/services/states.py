"""A register's dated history in the store: its entries read and added (an obstacle's states over time)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import Select, func, insert, select, update
from sqlmodel import Session, col

from desk.domain.access import Actor
from desk.domain.conditions import HistoryEntry
from desk.domain.register import Record, Register
from desk.domain.state_history import Entry
from desk.store.dialect import IDS_AT_ONCE
from desk.store.models import HistoryColumns, history_table_of, sql_table, table_of


def _keys(reg: Register, *record_ids: str) -> Select[tuple[int | None]]:
    """The records' integer keys, which a history's only index starts with (migration 0014), as a subquery."""
    records = sql_table(table_of(reg))
    return select(records.c.record_key).where(records.c.id.in_(record_ids))


def entries_of(session: Session, reg: Register, record_ids: Iterable[str]) -> dict[str, list[HistoryEntry]]:
    """record id -> its entries as conditions read them: (effective date or None, entry id, value)."""
    table = sql_table(history_table_of(reg))
    found: dict[str, list[HistoryEntry]] = {}
    ids = list(record_ids)
    for start in range(0, len(ids), IDS_AT_ONCE):
        query = (select(table.c.record_id, table.c.effective_on, table.c.id, table.c.value)
                 .where(table.c.record_key.in_(_keys(reg, *ids[start:start + IDS_AT_ONCE])),
                        table.c.voided.is_(False)))
        for record_id, effective, entry_id, value in session.execute(query):
            found.setdefault(record_id, []).append((effective, entry_id, value))
    return found


def with_history(session: Session, reg: Register, rows: list[Record]) -> list[Record]:
    """The rows with their entries attached (row[name + "_history"]), for conditions checked in Python."""
    key = f"{reg.dated_history.name}_history"
    found = entries_of(session, reg, [r["id"] for r in rows])
    for row in rows:
        row[key] = found.get(row["id"], [])
    return rows


def earliest_dated(session: Session, reg: Register, record_id: str) -> date | None:
    table = sql_table(history_table_of(reg))
    earliest: date | None = session.scalar(select(func.min(table.c.effective_on)).where(
        table.c.record_key.in_(_keys(reg, record_id)), table.c.voided.is_(False)))
    return earliest


def entry_rows(record_id: str, entries: Iterable[Entry], *, actor: Actor, at: datetime, note: str | None = None,
               origin: str | None = None) -> list[Record]:
    """The rows that store these entries (an import gathers them for many records)."""
    return [{"record_id": record_id, "value": e.value, "effective_on": e.effective_on, "note": note,
             "origin": origin, "recorded_at": at, "recorded_by": actor.name, "voided": False, "void_reason": None}
            for e in entries]


def add(session: Session, reg: Register, rows: list[Record]) -> None:
    if rows:
        session.execute(insert(history_table_of(reg)), rows)


def timeline(session: Session, reg: Register, record_id: str) -> list[HistoryColumns]:
    """Every entry of one record, in the order they took effect (the first value first)."""
    table = history_table_of(reg)
    entries = session.scalars(select(table).where(col(table.record_key).in_(_keys(reg, record_id)))).all()
    return sorted(entries, key=lambda e: (e.effective_on or date.min, e.id))


def void_recorded_at(session: Session, reg: Register, record_id: str, moments: set[datetime], reason: str) -> int:
    """Void the entries of one record recorded at these moments (a step being undone); returns how many."""
    table = sql_table(history_table_of(reg))
    wanted = {_naive(moment) for moment in moments}
    ids = [entry_id for entry_id, recorded_at in session.execute(
        select(table.c.id, table.c.recorded_at).where(table.c.record_key.in_(_keys(reg, record_id)),
                                                      table.c.voided.is_(False)))
        if _naive(recorded_at) in wanted]
    if ids:
        session.execute(update(table).where(table.c.id.in_(ids)).values(voided=True, void_reason=reason))
    return len(ids)


def _naive(moment: datetime) -> datetime:
    """A moment in UTC without its zone (the store keeps UTC; some readers give it back without one)."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
