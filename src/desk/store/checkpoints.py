"""A large write's pages copied from the WAL into the database file after its commit, on a thread of their own."""

from __future__ import annotations

import logging
import sqlite3
import threading

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from desk.store.dialect import is_sqlite

log = logging.getLogger(__name__)
# SQLite's default: a commit that leaves more pages than this in the WAL copies them into the database file.
AUTOCHECKPOINT_PAGES = 1000
_running: list[threading.Thread] = []
_lock = threading.Lock()


def after_commit(session: Session) -> None:
    """The session's transaction commits without copying its pages into the database file: they are written
    and synced to the WAL all the same (as safe), and copied on a thread once it has committed. SQLite
    itself recommends it for an application that must not pause: the copy is ~0.3 s of 100,000 imported
    records the clerk would wait for. Elsewhere than on SQLite nothing changes."""
    if not is_sqlite(session):
        return
    connection = session.connection()
    raw = connection.connection.dbapi_connection
    engine = connection.engine
    connection.exec_driver_sql("PRAGMA wal_autocheckpoint=0")

    def restored(*_args: object) -> None:
        # The connection goes back to the pool: the next transaction on it checkpoints as usual.
        try:
            if raw is not None:
                raw.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
        except sqlite3.Error:
            log.warning("the WAL's checkpoints were not turned back on", exc_info=True)

    def committed(*_args: object) -> None:
        restored()
        thread = threading.Thread(target=_copied, args=(engine,), name="desk-checkpoint")
        with _lock:
            _running.append(thread)
        thread.start()

    event.listen(session, "after_commit", committed, once=True)
    event.listen(session, "after_rollback", restored, once=True)


def _copied(engine: Engine) -> None:
    try:
        _checkpoint(engine)
    except Exception:  # noqa: BLE001 - the next commit or Desk's closing checkpoints in any case
        log.warning("the WAL was not copied into the database", exc_info=True)
    finally:
        with _lock:
            _running.remove(threading.current_thread())


def _checkpoint(engine: Engine) -> None:
    raw = engine.raw_connection()
    try:
        # PASSIVE: readers and writers are never held up; what a writer meanwhile blocks is copied later.
        raw.cursor().execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    finally:
        raw.close()


def wait() -> None:
    """Until every checkpoint started has ended (before a database is closed, moved or measured again)."""
    with _lock:
        running = list(_running)
    for thread in running:
        thread.join()
