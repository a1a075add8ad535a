"""The database held to what Desk wrote: its schema at open (put back where it can), and for `desk check` the
audit trail's chain and every record against its trail."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from desk.domain.lang import t
from desk.store import audit_chain, audit_replay, schema, wal_guard
from desk.store.faults import NOT_DESK, SCHEMA, DatabaseDamaged

log = logging.getLogger(__name__)


def _revision(connection: sqlite3.Connection) -> tuple[set[str], str | None]:
    tables = {r[0] for r in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'" if isinstance(connection, sqlite3.Connection)
        else "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
    if "alembic_version" not in tables:
        return tables, None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return tables, row[0] if row else None


def schema_differences(connection: sqlite3.Connection, path: Path | None = None) -> list[schema.Difference]:
    """What differs from Desk's schema for the database's revision; DatabaseDamaged if it is not a Desk
    database at all. [] for an empty (new) database and for a revision this Desk does not know."""
    tables, revision = _revision(connection)
    if not tables - {"sqlite_sequence", "sqlite_stat1"}:
        return []
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    if revision is None or application_id not in (0, schema.APPLICATION_ID):
        raise DatabaseDamaged(NOT_DESK, path)
    expected = schema.expected_for(revision)
    if expected is None:
        return []                 # a newer Desk's database: refused as such by the migration step
    return schema.differences(schema.snapshot(connection), expected)


def verify_schema(path: Path, *, repair: bool) -> list[schema.Difference]:
    """At open: a table or column that differs makes the file damaged (SCHEMA); triggers, indexes
    and views that differ are put back (repair=True) and returned, to be said and recorded."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        found = schema_differences(connection, path)
        hard = [d for d in found if not d.repairable]
        if hard:
            raise DatabaseDamaged(SCHEMA, path, "; ".join(d.text for d in hard[:3]))
        if found and repair:
            _, revision = _revision(connection)
            connection.execute("BEGIN IMMEDIATE")
            try:
                wal_guard.step(connection)
                schema.repair(connection, found, schema.expected_for(revision))
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        return found
    finally:
        connection.close()


def record_repairs(engine, repairs: list[schema.Difference]) -> list[str]:
    """The repairs in the audit trail (who: Desk itself), and the sentence the user is shown."""
    from desk.domain.access import Actor, Role
    from desk.store import audit
    from desk.store.db import session_scope

    desk = Actor("desk", Role.ADMIN, user_id=None)
    with session_scope(engine) as session:
        for diff in repairs:
            audit.record(session, desk, audit.REPAIR, "schema", diff.name, field=diff.kind, new=diff.what,
                         reason="phát hiện khi mở cơ sở dữ liệu: " + diff.text)
    listed = "; ".join(d.text for d in repairs)
    return [t(f"Cấu trúc cơ sở dữ liệu đã bị thay đổi ngoài Desk ({listed}); Desk đã đặt lại như cũ và ghi việc này "
              "vào nhật ký. Hãy báo cho người quản trị.",
              f"The database's structure was changed outside Desk ({listed}); Desk put it back and recorded this "
              "in the audit trail. Tell the administrator.")]


def chain_breaks(connection: sqlite3.Connection) -> list[tuple[int, str]]:
    """(row id, "prev" | "hash") where the audit trail's chain breaks; [] before migration 0006."""
    if isinstance(connection, sqlite3.Connection):
        columns = {r[1] for r in connection.execute("PRAGMA table_info(audit_log)")}
    else:           # a server's database (store.dialect.QmarkConnection), always at 0006 or later
        columns = {d[0] for d in connection.execute("SELECT * FROM audit_log LIMIT 0").description}
    if "row_hash" not in columns:
        return []
    rows = connection.execute(f"SELECT {', '.join(audit_chain.COLUMNS)}, prev_hash, row_hash FROM audit_log "
                              "ORDER BY id")
    return list(audit_chain.breaks(rows))


def record_findings(connection: sqlite3.Connection) -> list[tuple[str, str, str, list[str], dict, dict]]:
    """(table, kind, record id, columns, stored, replayed) for each record the trail does not account for."""
    tables = {r[0] for r in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'" if isinstance(connection, sqlite3.Connection)
        else "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
    found = []
    for table in (*audit_replay.REGISTER_TABLES, audit_replay.USER_TABLE):
        if table in tables and "audit_log" in tables:
            found.extend((table, *f) for f in audit_replay.differences(connection, table))
    return found
