"""What the audit trail says each record holds now: its rows replayed, field by field, to compare with the tables.

Used by `desk check` (a value changed without an audit row is a break) and by the migration that
started the hash chain (records the trail did not fully describe got a baseline row then).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from desk.domain.passwords import fingerprint

MANY_FIELDS = "*"
# The field of an import batch row: the records an import created, without their values (record_id
# is empty). new_value: {"fields": [the columns imported], "records": [[id, reason, crc], ...],
# "sha256": ...}; each record's values when imported are its stored values with every later change
# taken back, and must give that crc (CRC-32 of imported_bytes), the batch's records in order the sha256.
BATCH = "+"
VOID = "void"
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def imported_bytes(texts: Mapping[str, str | None], *, filled: bool = False) -> bytes:
    """The canonical form of a record's imported values: {column: stored text} in the batch's column
    order, None left out (filled: there is none)."""
    return _JSON.encode(texts if filled else {k: v for k, v in texts.items() if v is not None}).encode("utf-8")


def checksum(data: bytes) -> int:
    return zlib.crc32(data)


def batch_digest(parts: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.hexdigest()


def changed_fields(field, old_value, new_value) -> list[tuple[str, str | None, str | None]]:
    """(field, old, new) of one field row or MANY_FIELDS row."""
    if field == MANY_FIELDS:
        new = json.loads(new_value) if new_value else {}
        old = json.loads(old_value) if old_value else {}
        return [(name, old.get(name), value) for name, value in new.items()]
    return [(field, old_value, new_value)] if field is not None else []


def values_when_imported(fields: Iterable[str], now: dict, later: Iterable[tuple]) -> dict:
    """A record's imported values: its values now ({column: text}) with every later change taken back,
    newest first; later: (field, old_value, new_value) rows after the import, in id order."""
    wanted = set(fields)
    values = {name: now.get(name) for name in fields}
    for field, old_value, new_value in reversed(list(later)):
        for name, old, _new in changed_fields(field, old_value, new_value):
            if name in wanted:
                values[name] = old
    return values
# Register tables: every column is audited except these, which Desk derives or stamps itself (record_key:
# the integer key the database numbers, migration 0014).
UNAUDITED = frozenset({"id", "unit_code", "created_at", "updated_at", "voided_at", "search_key", "title_sort",
                       "title_fold", "title_casefold", "version", "record_key"})
SORT_KEY = "_sort"
# Columns whose value without any audit row is this (a record is created not voided).
IMPLIED = {"voided": "0"}
REGISTER_TABLES = ("obstacle", "official", "staffing_frame", "movement", "visit", "initiative")
USER_TABLE, USER_COLUMNS = "desk_user", ("name", "full_name", "role", "active", "password")
# A user's "password" in the trail is passwords.fingerprint of the stored hash (column PASSWORD_COLUMN): checked
# where the trail has one (users whose password was set before Desk kept it have none).
PASSWORD, PASSWORD_COLUMN = "password", "password_hash"


def as_text(value) -> str | None:
    """A value as SQLite returns it, in the audit trail's text form (booleans are stored 1/0); a server's
    typed values (booleans, dates) in the same form."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def audited_columns(connection: sqlite3.Connection, table: str) -> tuple[str, ...]:
    if table == USER_TABLE:
        return USER_COLUMNS
    cursor = connection.execute(f'SELECT * FROM "{table}" LIMIT 0')
    # A server's tables carry "rowid" as a column of their own (store.dialect.add_rowid).
    names = [column[0] for column in cursor.description if column[0] != "rowid"]
    # "<field>_sort": a text column's collation key (migration 0010), derived like title_sort.
    return tuple(n for n in names if n not in UNAUDITED and not n.endswith(SORT_KEY))


def replay(rows: Iterable[tuple], imported: dict[str, dict] | None = None) -> dict[str, dict[str, str | None]]:
    """record id -> {column: text} from audit rows (action, record_id, field, new_value, reason) in id order;
    imported: id -> values when imported, for the records of import batch rows."""
    state: dict[str, dict[str, str | None]] = {}
    for action, record_id, field, new_value, reason in rows:
        if field == BATCH:
            for member, *_rest in json.loads(new_value)["records"]:
                state[member] = dict((imported or {}).get(member, {}))
            continue
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
IMPORT_CHANGED = "import_changed"       # its imported values differ from the import batch's checksums


def _imports(trail: list[tuple], stored: dict[str, dict]) -> tuple[dict[str, dict], set[str]]:
    """The values when imported of every record of an import batch row (rebuilt from its stored values
    and later rows), and the ids of those whose rebuilt values do not match the batch's checksums."""
    batches = [(row[0], json.loads(row[5])) for row in trail if row[3] == BATCH]
    if not batches:
        return {}, set()
    later: dict[str, list[tuple]] = {}
    first_batch = batches[0][0]
    for row_id, _action, record_id, field, old_value, new_value, _reason in trail:
        if row_id > first_batch and record_id is not None:
            later.setdefault(record_id, []).append((row_id, field, old_value, new_value))
    imported, wrong = {}, set()
    for batch_id, batch in batches:
        parts = []
        for member, _reason, crc in batch["records"]:
            now = stored.get(member)
            if now is None:
                continue            # gone: said so by differences()
            values = values_when_imported(batch["fields"], now, [r[1:] for r in later.get(member, ())
                                                                  if r[0] > batch_id])
            data = imported_bytes(values)
            parts.append(data)
            imported[member] = {k: v for k, v in values.items() if v is not None}
            if checksum(data) != crc:
                wrong.add(member)
        if len(parts) == len(batch["records"]) and batch_digest(parts) != batch["sha256"]:
            wrong.update(member for member, *_rest in batch["records"])
    return imported, wrong


def differences(connection: sqlite3.Connection, table: str) -> list[tuple[str, str, list[str], dict, dict]]:
    """(kind, record id, columns, stored texts, replayed texts) of each record that disagrees with the
    trail: CHANGED (these columns differ from what its audit rows say), UNRECORDED (no audit row at
    all: written around Desk), GONE (audit rows of a record the table no longer holds), IMPORT_CHANGED
    (the values it was imported with, as its stored values and later rows give them, are not those
    of its import batch row)."""
    columns = audited_columns(connection, table)
    rows = connection.execute(
        "SELECT id, action, record_id, field, old_value, new_value, reason FROM audit_log WHERE table_name = ? "
        "ORDER BY id", (table,)).fetchall()
    quoted = ", ".join(f'"{PASSWORD_COLUMN if c == PASSWORD and table == USER_TABLE else c}"' for c in columns)
    stored_rows = {str(row[0]): {c: as_text(v) for c, v in zip(columns, row[1:])}
                   for row in connection.execute(f'SELECT id, {quoted} FROM "{table}" ORDER BY rowid')}
    if table == USER_TABLE:
        for stored in stored_rows.values():
            stored[PASSWORD] = fingerprint(stored[PASSWORD] or "")
    imported, broken = _imports(rows, stored_rows)
    trail = replay(((action, record_id, field, new_value, reason)
                    for _id, action, record_id, field, _old, new_value, reason in rows), imported)
    found = []
    for record_id, stored in stored_rows.items():
        if record_id in broken:
            trail.pop(record_id, None)
            found.append((IMPORT_CHANGED, record_id, [], stored, imported.get(record_id, {})))
            continue
        said = trail.pop(record_id, None)
        if said is None:
            found.append((UNRECORDED, record_id, [c for c in columns if stored[c] is not None], stored, {}))
            continue
        expected = {c: said.get(c, IMPLIED.get(c)) for c in columns}
        wrong = [c for c in columns if stored[c] != expected[c] and not (c == PASSWORD and expected[c] is None)]
        if wrong:
            found.append((CHANGED, record_id, wrong, stored, expected))
    for record_id, said in trail.items():
        found.append((GONE, record_id, [], {}, said))
    return found
