"""What the audit trail says each record holds now: its rows replayed, field by field, to compare with the tables.

Used by `desk check` (a value changed without an audit row is a break) and by the migration that
started the hash chain (records the trail did not fully describe got a baseline row then).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

MANY_FIELDS = "*"
VOID = "void"
# Register tables: every column is audited except these, which Desk derives or stamps itself.
UNAUDITED = frozenset({"id", "unit_code", "created_at", "updated_at", "voided_at", "search_key", "title_sort",
                       "title_fold"})
# Columns whose value without any audit row is this (a record is created not voided).
IMPLIED = {"voided": "0"}
REGISTER_TABLES = ("obstacle", "official", "staffing_frame", "movement", "visit", "initiative")
USER_TABLE, USER_COLUMNS = "desk_user", ("name", "full_name", "role", "active")


def as_text(value) -> str | None:
    """A value as SQLite returns it, in the audit trail's text form (booleans are stored 1/0)."""
    return None if value is None else str(value)


def audited_columns(connection: sqlite3.Connection, table: str) -> tuple[str, ...]:
    if table == USER_TABLE:
        return USER_COLUMNS
    names = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
    return tuple(n for n in names if n not in UNAUDITED)


def replay(rows: Iterable[tuple]) -> dict[str, dict[str, str | None]]:
    """record id -> {column: text} from audit rows (action, record_id, field, new_value, reason) in id order."""
    state: dict[str, dict[str, str | None]] = {}
    for action, record_id, field, new_value, reason in rows:
        if record_id is None:
            continue
        values = state.setdefault(record_id, {})
        if field == MANY_FIELDS:
            values.update(json.loads(new_value) if new_value else {})
        elif field is not None:
            values[field] = new_value
        if action == VOID:
            values["void_reason"] = reason
    return state


CHANGED, UNRECORDED, GONE = "changed", "unrecorded", "gone"


def differences(connection: sqlite3.Connection, table: str) -> list[tuple[str, str, list[str], dict, dict]]:
    """(kind, record id, columns, stored texts, replayed texts) of each record that disagrees with the
    trail: CHANGED (these columns differ from what its audit rows say), UNRECORDED (no audit row at
    all: written around Desk), GONE (audit rows of a record the table no longer holds)."""
    columns = audited_columns(connection, table)
    trail = replay(connection.execute(
        "SELECT action, record_id, field, new_value, reason FROM audit_log WHERE table_name = ? ORDER BY id",
        (table,)))
    found = []
    quoted = ", ".join(f'"{c}"' for c in columns)
    for row in connection.execute(f'SELECT id, {quoted} FROM "{table}" ORDER BY rowid'):
        record_id = str(row[0])
        stored = {c: as_text(v) for c, v in zip(columns, row[1:])}
        said = trail.pop(record_id, None)
        if said is None:
            found.append((UNRECORDED, record_id, [c for c in columns if stored[c] is not None], stored, {}))
            continue
        expected = {c: said.get(c, IMPLIED.get(c)) for c in columns}
        wrong = [c for c in columns if stored[c] != expected[c]]
        if wrong:
            found.append((CHANGED, record_id, wrong, stored, expected))
    for record_id, said in trail.items():
        found.append((GONE, record_id, [], {}, said))
    return found
