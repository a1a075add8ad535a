"""Opening the database: connection pragmas, migrations to the current schema, sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine

from desk.domain.lang import t
from desk.errors import StoreError
from desk.store import faults

BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_connection: sqlite3.Connection, _record) -> None:
    # Every connection, not once per file: foreign_keys and synchronous are per connection.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # Python's sqlite3 only opens a transaction before INSERT/UPDATE/DELETE, so a migration's
    # CREATE TABLE would commit on its own. Desk emits BEGIN itself (_on_begin): every unit of
    # work, DDL included, is one transaction that rolls back entirely.
    dbapi_connection.isolation_level = None


def _on_begin(connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def check_writable(engine: Engine) -> None:
    """Fail now, not at the clerk's first save, when the file cannot be written (read-only, busy)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        version = cursor.execute("PRAGMA user_version").fetchone()[0]
        cursor.execute("BEGIN IMMEDIATE")
        try:
            cursor.execute(f"PRAGMA user_version={int(version)}")   # a write that changes nothing
        finally:
            cursor.execute("ROLLBACK")
    finally:
        raw.close()


def open_store(path: Path) -> Engine:
    """The engine for the database at `path`, created or migrated to the current schema."""
    from desk.store.health import quick_check
    from desk.store.migrate import upgrade_to_head

    if not path.parent.is_dir():
        raise StoreError(t(f"Thư mục dữ liệu «{path.parent}» không tồn tại.",
                           f"The data folder «{path.parent}» does not exist."))
    with translated_errors(path):
        if path.exists():
            quick_check(path)           # before anything writes to it
        engine = make_engine(path)
        check_writable(engine)
        upgrade_to_head(engine)
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back entirely on any error."""
    with translated_errors(None), Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def translated_errors(path: Path | None) -> Iterator[None]:
    """Turn SQLite's known failures into messages a clerk can act on."""
    try:
        yield
    except DBAPIError as exc:
        raise store_error(exc.orig, path) from exc
    except sqlite3.DatabaseError as exc:
        raise store_error(exc, path) from exc


def store_error(exc: BaseException | None, path: Path | None) -> Exception:
    """SQLite's result code to the fault a clerk can act on; anything else is returned as it is (a bug).

    Only the code counts, never the message: "NOT NULL constraint failed: official.full_name"
    contains "full" and is not a full disk.
    """
    if isinstance(exc, StoreError):
        return exc
    fault = faults.from_code(getattr(exc, "sqlite_errorcode", None), path, str(exc))
    if fault is not None:
        return fault
    return exc if isinstance(exc, Exception) else RuntimeError(str(exc))
