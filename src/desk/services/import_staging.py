"""A large import's new records made ready on the second core while the file is checked; the commit copies them in."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
import uuid
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, event
from sqlmodel import Session

from desk import helper_pools
from desk.domain import registers
from desk.domain.access import Actor, Role
from desk.domain.derived_keys import DerivedKeys, derived_columns, key_inputs
from desk.domain.register import Record, Register
from desk.services import bulk_records, records, states
from desk.store import record_keys
from desk.store.models import history_table_of, sql_table, table_of

# Writing 100,000 new records row by row through the driver is ~5 s on a 2-core office PC, most of it
# binding each value; copied from a file made beforehand (INSERT ... SELECT) it is ~2 s. The file is made
# by a second process while this one checks the file, so the clerk's wait after "Nhập" is the copy.
# Below this many records the second process's start costs more than it saves.
STAGED_ROWS = 20_000
STAGED_BYTES = 500_000          # a workbook this large may hold that many (the helper starts as it is read)
_CHUNK = 5_000                  # records handed over at a time, as the check passes them
SCHEMA = "desk_staging"         # the staged file's name while the commit reads it
_ORDINAL = "desk_ordinal"       # an entry's record: its row number among the staged records
# Columns the commit fills (the time and the person of the commit, the keys after the highest stored).
_RECORD_LATER = ("created_at", "updated_at", "record_key")
_ENTRY_LATER = ("recorded_at", "recorded_by", "record_key")
_NOBODY = Actor(name="", role=Role.CLERK)       # replaced by the committing actor (_ENTRY_LATER)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Made:
    """What the helper made: how many records, and the import batch rows of the audit trail."""

    count: int
    batches: list[bulk_records.ClosedBatch]


# --- in the helper process -------------------------------------------------------------------

_STAGES: dict[str, _Stage] = {}


class _Stage:
    """The helper's side: each record's rows as bulk_records.write makes them, into the staging file."""

    def __init__(self, folder: Path, register_name: str, unit_code: int, today: date,
                 ref_labels: dict[str, dict[str, str]], batch_size: int):
        from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

        self.reg = reg = registers.register(register_name)
        self.unit_code, self.today, self.ref_labels, self.batch_size = unit_code, today, ref_labels, batch_size
        self.defaults = bulk_records.record_defaults(reg)
        self.keys = DerivedKeys()
        self.batches: list[bulk_records.ClosedBatch] = []
        self.batch: bulk_records.ImportBatch | None = None
        self.count = 0
        dialect = SQLiteDialect_pysqlite()
        table = sql_table(table_of(reg))
        self.record_columns = [c.name for c in table.columns]
        self.record_processors = bulk_records.processors_for(dialect, table.columns)
        self.entry_columns: list[str] = []
        self.entry_processors: list[bulk_records.Processor | None] = []
        if reg.history is not None:
            columns = entry_columns(reg)
            self.entry_columns = [c.name for c in columns]
            self.entry_processors = bulk_records.processors_for(dialect, columns)
        self.connection = sqlite3.connect(folder / "staged.sqlite3", isolation_level=None)
        self.connection.execute("PRAGMA journal_mode=OFF")      # a scratch file: thrown away if anything fails
        self.connection.execute("PRAGMA synchronous=OFF")
        self.connection.execute(f"CREATE TABLE records ({', '.join(_quoted(self.record_columns))})")
        self.connection.execute(f"CREATE TABLE entries ({', '.join(_quoted([*self.entry_columns, _ORDINAL]))})")
        self.connection.execute("BEGIN")

    def add(self, rows: Sequence[tuple[Record, str | None, str]]) -> None:
        reg = self.reg
        made, entries = [], []
        for values, new_id, reason in rows:
            # As bulk_records.write goes: the dated history and complete() first, the keys of the completed values.
            dated = bulk_records.completed(reg, values, None, self.today)
            named = records.named_references(reg, values, self.ref_labels)
            derived = derived_columns(reg, *key_inputs(reg, values, named), self.keys)
            record_id = new_id or str(uuid.uuid4())
            made.append(bulk_records.created_row(self.defaults, record_id, self.unit_code, None, values, derived))
            self.count += 1
            for entry in states.entry_rows(record_id, dated, actor=_NOBODY, at=datetime.min, origin=reason):
                entry[_ORDINAL] = self.count
                entries.append(entry)
            self._audit(record_id, values, reason)
        self._insert("records", self.record_columns, self.record_processors, made, _RECORD_LATER)
        if entries:
            self._insert("entries", [*self.entry_columns, _ORDINAL], [*self.entry_processors, None], entries,
                         _ENTRY_LATER)

    def _audit(self, record_id: str, values: Record, reason: str) -> None:
        # As bulk_records.AuditRows.changes makes an import's batch rows.
        if self.batch is None:
            self.batch = bulk_records.ImportBatch(tuple(values))
        if self.batch.fields != tuple(values):
            raise ValueError("a record with other columns than the batch's")     # the commit writes it as usual
        self.batch.add(record_id, reason, bulk_records.created_texts(values))
        if len(self.batch.records) >= self.batch_size:
            self.batches.append(self.batch.closed())
            self.batch = None

    def _insert(self, table: str, names: list[str], processors: list[bulk_records.Processor | None],
                rows: list[Record], later: tuple[str, ...]) -> None:
        for name in later:
            if name in names:
                for row in rows:
                    row[name] = None
        params = bulk_records.converted(processors, names, rows)
        self.connection.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' for _ in names)})", params)

    def finish(self) -> Made:
        if self.batch is not None:
            self.batches.append(self.batch.closed())
        self.connection.execute("COMMIT")
        self.connection.close()
        return Made(self.count, self.batches)


def entry_columns(reg: Register) -> list[Column[Any]]:
    """The history columns an entry's row fills (states.entry_rows, and its record_key): all but the id."""
    return [c for c in sql_table(history_table_of(reg)).columns if c.name != "id"]


def _quoted(names: Sequence[str]) -> list[str]:
    return ['"' + name.replace('"', '""') + '"' for name in names]


def _warm() -> None:
    """In the helper, first: nothing more than loading this module (and what it needs) while the file is read."""


def _open(folder: Path, register_name: str, unit_code: int, today: date,
          ref_labels: dict[str, dict[str, str]], batch_size: int) -> None:
    _STAGES[str(folder)] = _Stage(folder, register_name, unit_code, today, ref_labels, batch_size)


def _add(folder: Path, rows: Sequence[tuple[Record, str | None, str]]) -> None:
    _STAGES[str(folder)].add(rows)


def _finish(folder: Path) -> Made:
    return _STAGES.pop(str(folder)).finish()


# --- in this process -------------------------------------------------------------------------

class Staging:
    """Hands the checked new records of one register to the helper as the check passes them (add()); the
    commit takes what it made (made()) or, when anything went wrong, writes the records as usual."""

    def __init__(self) -> None:
        """Started when a large file begins to be read: the helper loads while it is read."""
        self.reg: Register | None = None
        self.unit_code, self.today, self.reason = 0, date.min, ""
        self.folder = Path(tempfile.mkdtemp(prefix="desk-import-"))
        self.count = 0
        self._rows: list[tuple[Record, str | None, str]] = []
        self._handed: list[Future[Any]] = []
        self._pool: ProcessPoolExecutor | None = None
        self._made: Made | None = None
        try:
            # Below the window's priority: the clerk waits for the check, not for this.
            self._pool, loaded = helper_pools.start(_warm, background=True)
            self._handed.append(loaded)
        except Exception:  # noqa: BLE001 - the commit writes the records as usual
            log.warning("the import's helper did not start", exc_info=True)
        # The helper ended and its file removed however the plan ends: committed, dropped, or Desk closing.
        self._finalizer = weakref.finalize(self, _discard, self._pool, self._handed, self.folder)

    def begin(self, reg: Register, unit_code: int, today: date, ref_labels: dict[str, dict[str, str]],
              reason: str) -> None:
        """The register, unit, day and reason of the records add() will hand over."""
        self.reg, self.unit_code, self.today, self.reason = reg, unit_code, today, reason
        if self._pool is not None:
            # The batch rows' size as this process has it (the helper's own module may differ in a test).
            self._submit(_open, self.folder, reg.name, unit_code, today, ref_labels, bulk_records.AUDIT_BATCH)

    @property
    def path(self) -> Path:
        return self.folder / "staged.sqlite3"

    def loaded(self, timeout: float | None = None) -> bool:
        """Whether the helper has loaded, waiting up to timeout seconds (the self-check waits, to see it work)."""
        return bool(self._handed) and not wait(self._handed[:1], timeout).not_done

    def add(self, values: Record, new_id: str | None, reason: str) -> None:
        self.count += 1
        self._rows.append((values, new_id, reason))
        if len(self._rows) >= _CHUNK:
            self._hand()

    def _hand(self) -> None:
        rows, self._rows = self._rows, []
        if self._pool is not None and rows:
            self._submit(_add, self.folder, rows)

    def _submit(self, work: Callable[..., None], *args: object) -> None:
        if self._pool is None:
            return
        try:
            self._handed.append(self._pool.submit(work, *args))
        except Exception:  # noqa: BLE001 - the commit writes the records as usual
            log.warning("the import's helper failed", exc_info=True)
            self.discard()

    def made(self) -> Made | None:
        """What the helper made of every record handed to it (waited for), or None when it failed, or had
        not even loaded (a PC whose antivirus scans each new process): the records are then written as usual."""
        if self._made is not None:
            return self._made
        self._hand()
        if self._pool is None or self.reg is None or not self.loaded(0):
            self.discard()
            return None
        try:
            finished = self._pool.submit(_finish, self.folder)
            self._handed.append(finished)
            done, waiting = wait(self._handed, timeout=helper_pools.WAIT_SECONDS)
            if waiting:
                raise TimeoutError(f"the import's helper is stuck ({len(waiting)} tasks not done)")
            for future in done:
                future.result()
            made: Made = finished.result()
            with closing(sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)) as connection:
                stored = connection.execute("SELECT count(*) FROM records").fetchone()[0]
            if made.count != self.count or stored != self.count:
                raise ValueError(f"the helper staged {made.count} records ({stored} in its file) of {self.count}")
        except Exception:  # noqa: BLE001 - the commit writes the records as usual
            log.warning("the import's helper failed", exc_info=True)
            self.discard()
            return None
        pool, self._pool = self._pool, None
        helper_pools.end(pool, None, self._handed)
        self._made = made
        return made

    def discard(self) -> None:
        """End the helper and remove its file (the plan is dropped, or the records are written as usual)."""
        self._pool = None
        self._finalizer()


def _discard(pool: ProcessPoolExecutor | None, handed: list[Future[Any]], folder: Path) -> None:
    if pool is not None:
        helper_pools.end(pool, None, handed)
    shutil.rmtree(folder, ignore_errors=True)


def write(session: Session, reg: Register, staging: Staging, made: Made, *, unit_code: int, actor: Actor,
          at: datetime, trail: bulk_records.AuditRows) -> None:
    """Copy the staged records into the database in the caller's transaction: the same rows, history
    entries and import batch rows of the audit trail as bulk_records.write of the same values."""
    session.flush()
    connection = session.connection()
    raw = connection.connection.dbapi_connection
    if raw is None:
        raise AssertionError("a session's connection without its driver connection")
    connection.exec_driver_sql(f"ATTACH DATABASE ? AS {SCHEMA}", (str(staging.path),))

    def detach(*_args: object) -> None:
        # Not possible inside the transaction: once it has ended, committed or not.
        try:
            raw.execute(f"DETACH DATABASE {SCHEMA}")
        except sqlite3.Error:
            log.warning("the staged import file stayed attached", exc_info=True)
        staging.discard()

    event.listen(session, "after_commit", detach, once=True)
    event.listen(session, "after_rollback", detach, once=True)
    table = sql_table(table_of(reg))
    keys = record_keys.next_keys(session, reg, made.count) if reg.history is not None else None
    first = keys[0] if keys else None
    stamp = bulk_records.converted(bulk_records.processors_for(connection.dialect, [table.c.created_at]),
                                   ["created_at"], [{"created_at": at}])[0][0]
    later = {"created_at": "?", "updated_at": "?", "record_key": f"rowid + {int(first) - 1}" if first else "NULL"}
    names = [c.name for c in table.columns]
    chosen = [later.get(name, q) for name, q in zip(names, _quoted(names))]
    quote = connection.dialect.identifier_preparer.quote
    with bulk_records.roomy_cache(session, made.count):
        connection.exec_driver_sql(
            f"INSERT INTO main.{quote(table.name)} ({', '.join(_quoted(names))}) "
            f"SELECT {', '.join(chosen)} FROM {SCHEMA}.records ORDER BY rowid", (stamp, stamp))
        if reg.history is not None:
            history = sql_table(history_table_of(reg))
            columns = [c.name for c in entry_columns(reg)]
            recorded = bulk_records.converted(bulk_records.processors_for(connection.dialect,
                                                                          [history.c.recorded_at]),
                                              ["recorded_at"], [{"recorded_at": at}])[0][0]
            entry_later = {"recorded_at": "?", "recorded_by": "?",
                           "record_key": f"{_ORDINAL} + {int(first) - 1}" if first else "NULL"}
            connection.exec_driver_sql(
                f"INSERT INTO main.{quote(history.name)} ({', '.join(_quoted(columns))}) "
                f"SELECT {', '.join(entry_later.get(n, q) for n, q in zip(columns, _quoted(columns)))} "
                f"FROM {SCHEMA}.entries ORDER BY rowid", (recorded, actor.name))
    trail.add_batches(table_of(reg), made.batches)
