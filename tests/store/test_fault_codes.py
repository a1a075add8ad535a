"""Each fault is told by SQLite's result code from a real error, never by the words of its message."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine, event, text
from tests.conftest import NGO_QUYEN

from desk import paths
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.errors import StoreError
from desk.services import records
from desk.store import db, faults

# About the SQLite file itself (its locks, WAL, damage, copies): a server has none of these.
pytestmark = pytest.mark.sqlite_only


def _real_error(path, *statements, connect=None):
    """The sqlite3 error that running the statements on the database really raises."""
    connection = connect() if connect else sqlite3.connect(path, isolation_level=None, timeout=0.1)
    try:
        for statement in statements:
            connection.execute(statement)
    except sqlite3.Error as exc:
        return exc
    finally:
        connection.close()
    raise AssertionError("the statements did not fail")


def test_a_not_null_violation_on_a_column_named_full_is_not_a_full_disk(workspace):
    # Given SQLite's own message for a NOT NULL violation on desk_user.full_name (it contains "full")
    path = paths.database_path(workspace.folder)
    exc = _real_error(path, "INSERT INTO desk_user (name, name_key, full_name, role, password_hash, active, "
                            "created_at, updated_at) VALUES ('a', 'a', NULL, 'clerk', 'x', 1, '2025', '2025')")
    assert "full" in str(exc) and exc.sqlite_errorcode == sqlite3.SQLITE_CONSTRAINT_NOTNULL
    # When the store translates it, then it is not a fault the clerk can fix (a bug), and not "disk full"
    fault = db.store_error(exc, path)
    assert not isinstance(fault, StoreError)
    assert fault is exc


def test_a_real_not_null_violation_inside_a_unit_of_work_reaches_the_caller_as_itself(workspace):
    with pytest.raises(Exception) as caught:
        with workspace.session() as session:
            session.execute(text("INSERT INTO desk_user (name, name_key, full_name, role, password_hash, active, "
                                 "created_at, updated_at) VALUES ('a', 'a', NULL, 'clerk', 'x', 1, '2025', '2025')"))
    assert not isinstance(caught.value, faults.DiskFull)
    assert "NOT NULL constraint failed: desk_user.full_name" in str(caught.value)


def test_a_full_database_is_disk_full(workspace):
    # Given a database that may not grow by a single page (what a full disk is to SQLite)
    with workspace.session() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()
    path = paths.database_path(workspace.folder)
    workspace.engine.dispose()
    exc = _real_error(path, f"PRAGMA max_page_count={pages}", "BEGIN",
                      "INSERT INTO setting (key, value) VALUES ('x', zeroblob(100000))")
    assert exc.sqlite_errorcode == sqlite3.SQLITE_FULL
    assert isinstance(db.store_error(exc, path), faults.DiskFull)


def test_a_second_connection_holding_the_write_lock_is_busy(workspace):
    path = paths.database_path(workspace.folder)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        exc = _real_error(path, "BEGIN IMMEDIATE")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY
    assert isinstance(db.store_error(exc, path), faults.DatabaseBusy)


def test_a_write_through_a_read_only_connection_is_read_only(workspace):
    path = paths.database_path(workspace.folder)
    exc = _real_error(path, "INSERT INTO setting (key, value) VALUES ('x', 'y')",
                      connect=lambda: sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))
    assert exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_READONLY
    fault = db.store_error(exc, path)
    assert isinstance(fault, faults.DatabaseReadOnly) and "chỉ cho phép đọc" in str(fault)


def test_a_read_only_engine_turns_a_save_into_the_read_only_message(workspace):
    # The same through Desk's own session: the clerk's save ends in the read-only message
    path = paths.database_path(workspace.folder)
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro",
                                                                          uri=True, isolation_level=None))
    event.listen(engine, "begin", db._on_begin)
    try:
        with pytest.raises(faults.DatabaseReadOnly):
            with db.session_scope(engine) as session:
                records.save(session, OBSTACLES, {"domain": "PERSONNEL", "title": "Thiếu người", "level": "province",
                                                  "raised_on": "05/09/2025", "status": "received"},
                             unit_code=NGO_QUYEN)
    finally:
        engine.dispose()


def test_a_corrupted_page_is_damage(workspace):
    # Given records, then one of the table's pages overwritten with garbage
    with workspace.session() as session:
        for i in range(60):
            records.save(session, OBSTACLES, {"domain": "PERSONNEL", "title": f"Khó khăn {i} " + "x" * 300,
                                              "level": "province", "raised_on": "05/09/2025", "status": "received"},
                         unit_code=NGO_QUYEN)
    workspace.engine.dispose()
    path = paths.database_path(workspace.folder)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'obstacle'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size:root * page_size] = bytes([0xA5]) * page_size
    path.write_bytes(bytes(data))
    # When the records are read, then the error is damage, with its own words
    exc = _real_error(path, "SELECT count(*), max(title) FROM obstacle")
    assert exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_CORRUPT
    fault = db.store_error(exc, path)
    assert isinstance(fault, faults.DatabaseDamaged) and "bị hỏng" in str(fault)


def test_a_file_that_is_not_a_database_is_damage(tmp_path):
    path = tmp_path / "desk.sqlite3"
    path.write_bytes(b"Bao cao thang 9\n" * 400)
    exc = _real_error(path, "SELECT * FROM sqlite_master")
    assert exc.sqlite_errorcode == sqlite3.SQLITE_NOTADB
    fault = db.store_error(exc, path)
    assert isinstance(fault, faults.DatabaseDamaged) and fault.kind == faults.NOT_SQLITE
