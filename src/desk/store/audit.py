"""The audit trail: who did what, when (UTC), to which record and field, and why; written in the caller's transaction.

Public API (other services call it for lock, unlock and import):

    audit.record(session, actor, audit.LOCK, "period_lock", lock_id, reason="...")
    audit.record_changes(session, actor, audit.EDIT, "obstacle", record_id, old_values, new_values)
    audit.record_many(session, [audit.entry(actor, audit.IMPORT, "obstacle", rid, field=..., new=...), ...])
    audit.history(session, "obstacle", record_id)  -> [AuditEntry, ...] oldest first
    audit.changes(entry)  -> [(field, old, new), ...]  what one row says, field by field

A single save writes one row per changed field (record_changes). A bulk write (an import,
services.bulk_records) writes ONE row per record: field MANY_FIELDS, new_value a JSON object
{field: stored text} of the fields it changed, old_value their previous stored text (None for a
created record); changes() reads both kinds alike, so readers need not care.

Every row carries the hash of the row before it (store.audit_chain): rows go in through
insert_stored() only, which numbers and chains them.

Every function only adds rows to the session's open transaction: if the caller's unit of work
rolls back, its audit rows go with it, and if it commits they are there. Nothing here commits.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlmodel import Session

from desk.domain.access import Actor
from desk.store import audit_chain, audit_replay
from desk.store.security import AuditEntry

CREATE, EDIT, VOID = "create", "edit", "void"
LOCK, UNLOCK = "lock", "unlock"
IMPORT, RESTORE = "import", "restore"
APPROVE = "approve"
# BASELINE: a record's values as the trail first held them (migration 0006); REPAIR: Desk put back
# a trigger or index of its schema that had been removed or altered outside Desk.
BASELINE, REPAIR = "baseline", "repair"
ACTIONS = (CREATE, EDIT, VOID, LOCK, UNLOCK, IMPORT, RESTORE, APPROVE, BASELINE, REPAIR)
# The field of a row that holds several fields' changes at once (no field name is "*").
MANY_FIELDS = "*"
# The field of an import batch row (audit_replay.BATCH): the records an import created, without their values.
BATCH = audit_replay.BATCH
# Compact, and Vietnamese stays readable in the database; made once (json.dumps with options
# builds an encoder per call, which shows at 100k records).
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
# The server's lock on the end of the trail ("DESK" + 1): one writer at a time appends to it.
AUDIT_LOCK = 0x4445534B01
# Up to this many rows go to the server's desk_audit_append in one call; an import's thousands go as
# one multi-row insert, which the server writes faster than a loop.
APPEND_AT_ONCE = 200


def utc_now() -> datetime:
    return datetime.now(UTC)


def table_name(table) -> str:
    """A table name from a name, a SQLModel class or a SQLAlchemy Table."""
    if isinstance(table, str):
        return table
    return getattr(table, "__tablename__", None) or table.name


def as_text(value) -> str | None:
    """The stored form of a value: ISO dates, '1'/'0' for booleans, codes for enums, None stays None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _utc(at: datetime) -> datetime:
    # Always UTC; a naive value is taken to be UTC already.
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def entry(actor: Actor, action: str, table, record_id=None, *, field: str | None = None, old=None, new=None,
          reason: str | None = None, at: datetime | None = None) -> dict:
    """One audit row as a dict, for record_many()."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    return {"at": _utc(at or utc_now()),
            "actor": actor.name, "actor_role": actor.role.value, "action": action,
            "table_name": table_name(table), "record_id": None if record_id is None else str(record_id),
            "field": field, "old_value": as_text(old), "new_value": as_text(new), "reason": reason}


def record_many(session: Session, rows: Iterable[dict]) -> int:
    """Insert prepared rows (from entry()) in one statement, chained."""
    rows = list(rows)
    if rows:
        names = list(audit_chain.COLUMNS[1:])
        columns = [AuditEntry.__table__.c[name] for name in names]
        dialect = session.get_bind().dialect
        processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
        insert_stored(session, names, [tuple(p(row[n]) if p is not None and row[n] is not None else row[n]
                                             for n, p in zip(names, processors)) for row in rows])
    return len(rows)


def insert_stored(session: Session, names: list[str], rows: list[tuple]) -> int:
    """Insert rows whose values are already in their stored form (`names` their columns: every column
    of COLUMNS but the id), numbered after the last row and chained to it, in the caller's transaction."""
    if not rows:
        return 0
    order = [names.index(name) for name in audit_chain.COLUMNS[1:]]
    connection = session.connection()
    if connection.dialect.name != "sqlite" and len(rows) <= APPEND_AT_ONCE:
        # A save's few rows: locked, numbered, chained and written by the server in one round trip
        # (migration 0013r), the row's JSON made here as audit_chain.row_hash makes it.
        values = [[row[i] for i in order] for row in rows]
        payload = _JSON.encode([{"v": v, "j": audit_chain.row_json(v)} for v in values])
        connection.exec_driver_sql("SELECT desk_audit_append(?::jsonb)", (payload,))
        return len(rows)
    if connection.dialect.name != "sqlite":
        # Several Desks write to one server: each numbers and chains after the last row, so they
        # take turns until their transaction ends (SQLite's single writer does the same).
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({AUDIT_LOCK})")
    last = connection.exec_driver_sql(
        "SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1").first()
    chained = audit_chain.chained(*(tuple(last) if last else (0, audit_chain.GENESIS)),
                                  ([row[i] for i in order] for row in rows))
    columns = ", ".join((*audit_chain.COLUMNS, "prev_hash", "row_hash"))
    marks = ", ".join("?" for _ in range(len(audit_chain.COLUMNS) + 2))
    connection.exec_driver_sql(f"INSERT INTO audit_log ({columns}) VALUES ({marks})", chained)
    return len(rows)


def record(session: Session, actor: Actor, action: str, table, record_id=None, field: str | None = None,
           old=None, new=None, reason: str | None = None, *, at: datetime | None = None) -> None:
    """Write one audit row in the session's transaction."""
    record_many(session, [entry(actor, action, table, record_id, field=field, old=old, new=new, reason=reason,
                                at=at)])


def record_changes(session: Session, actor: Actor, action: str, table, record_id, old: Mapping, new: Mapping,
                   reason: str | None = None, *, at: datetime | None = None) -> int:
    """One row per field whose stored form differs between old and new; returns how many."""
    at = at or utc_now()
    rows = [entry(actor, action, table, record_id, field=name, old=old.get(name), new=value, reason=reason, at=at)
            for name, value in new.items() if as_text(old.get(name)) != as_text(value)]
    return record_many(session, rows)


def history(session: Session, table, record_id) -> list[AuditEntry]:
    """Everything that happened to one record, oldest first (the import batch row that created it included)."""
    name, record_id = table_name(table), str(record_id)
    query = (select(AuditEntry).where(AuditEntry.table_name == name, AuditEntry.record_id == record_id)
             .order_by(AuditEntry.id))
    found = list(session.scalars(query).all())
    # Few batch rows (one per 20k imported records); the id is looked for in their text first.
    batches = select(AuditEntry).where(AuditEntry.table_name == name, AuditEntry.record_id.is_(None),
                                       AuditEntry.field == BATCH, AuditEntry.new_value.contains(f'"{record_id}"'))
    members = [e for e in session.scalars(batches) if batch_member(e, record_id) is not None]
    return sorted(found + members, key=lambda e: e.id) if members else found


def batch_member(entry, record_id: str) -> tuple[list[str], str | None] | None:
    """(the columns imported, the record's reason) when this import batch row created the record."""
    if entry.field != BATCH:
        return None
    batch = json.loads(entry.new_value)
    reason = next((r for member, r, _crc in batch["records"] if member == record_id), False)
    return None if reason is False else (batch["fields"], reason)


def packed(fields: Mapping[str, object]) -> str:
    """The old_value or new_value of a MANY_FIELDS row: {field: stored text} as compact JSON."""
    return _JSON.encode(fields)


def changes(entry) -> list[tuple[str | None, str | None, str | None]]:
    """(field, old, new) stored texts of one audit row (an AuditEntry, or any object with its
    attributes): one triple per field of a MANY_FIELDS row, else the row's own field and values."""
    if entry.field != MANY_FIELDS:
        return [(entry.field, entry.old_value, entry.new_value)]
    new = json.loads(entry.new_value) if entry.new_value else {}
    old = json.loads(entry.old_value) if entry.old_value else {}
    # A row that changed nothing still says that something happened (one triple without a field).
    return [(name, old.get(name), value) for name, value in new.items()] or [(None, None, None)]
