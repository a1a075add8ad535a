"""Opening the database: connection pragmas, migrations to the current schema, sessions."""

from __future__ import annotations

import logging
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
from desk.store import faults, wal_guard

log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_connection: sqlite3.Connection, _record) -> None:
    # Every connection, not once per file: foreign_keys and synchronous are per connection.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Functions in the schema (triggers, views, defaults) run only if harmless: a database file
    # from elsewhere cannot make Desk call something with side effects.
    cursor.execute("PRAGMA trusted_schema=OFF")
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
    wal_guard.install(engine, Path(path))
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


def open_store(path: Path, *, exclusive: bool = True, notices: list[str] | None = None) -> Engine:
    """The engine for the database at `path`, checked, created or migrated to the current schema.

    exclusive: no other process uses the database (the caller holds the folder's lock): leftovers
    and a stray WAL may then be dealt with, and missing triggers put back. What the user should
    be told (a WAL set aside, a trigger put back) is appended to `notices`.
    """
    from desk.store import integrity, preflight
    from desk.store.health import open_check
    from desk.store.migrate import upgrade_to_head

    notices = notices if notices is not None else []
    if not path.parent.is_dir():
        raise StoreError(t(f"Thư mục dữ liệu «{path.parent}» không tồn tại.",
                           f"The data folder «{path.parent}» does not exist."))
    with translated_errors(path):
        notices.extend(preflight.check(path, exclusive=exclusive))
        repairs = []
        if path.exists() and path.stat().st_size:
            open_check(path)            # before anything writes to it
            repairs = integrity.verify_schema(path, repair=exclusive)
        engine = make_engine(path)
        check_writable(engine)
        upgrade_to_head(engine)
        if repairs:
            notices.extend(integrity.record_repairs(engine, repairs))
        if exclusive:
            wal_guard.ensure_marked(engine, path)
    for notice in notices:
        log.warning("%s", notice)
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back entirely on any error."""
    if engine.dialect.name != "sqlite":
        from desk.store import server

        errors = server.translated(engine.url)
    else:
        errors = translated_errors(Path(engine.url.database) if engine.url.database else None, live=True)
    with errors, Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def translated_errors(path: Path | None, *, live: bool = False) -> Iterator[None]:
    """Turn SQLite's known failures into messages a clerk can act on. live: damage found while
    working is noted beside the file, so the next start checks it whole before using it."""
    try:
        yield
    except DBAPIError as exc:
        raise _noted(store_error(exc.orig, path), path, live) from exc
    except sqlite3.DatabaseError as exc:
        raise _noted(store_error(exc, path), path, live) from exc


def _noted(error: Exception, path: Path | None, live: bool) -> Exception:
    if live and path is not None and isinstance(error, faults.DatabaseDamaged):
        from desk.store import preflight

        preflight.note_damage(path, str(error))
        return faults.DatabaseDamaged(error.kind, error.path, error.detail, noted=True)
    return error


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
