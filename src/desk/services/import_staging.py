"""A large import's new records made ready on the second core while the file is checked; the commit copies them in."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
import uuid
import weakref
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from functools import reduce
from itertools import accumulate
from pathlib import Path
from typing import Any

from sqlalchemy import Column, event
from sqlalchemy.engine import Dialect
from sqlmodel import Session

from desk import helper_pools
from desk.domain import registers
from desk.domain.access import Actor, Role
from desk.domain.derived_keys import DerivedKeys, derived_columns, key_inputs
from desk.domain.register import Record, Register
from desk.services import bulk_records, records, states
from desk.services.full_collections import rare_collections
from desk.store import record_keys
from desk.store.models import history_table_of, sql_table, table_of

# Writing 100,000 new records row by row through the driver is ~5 s on a 2-core office PC, most of it
# binding each value; copied from a file made beforehand (INSERT ... SELECT) it is ~2 s. The file is made
# by a second process while this one checks the file, so the clerk's wait after "Nhập" is the copy ("Nhập"
# pressed at once: what the helper made is copied in while it makes more, and this process a share).
# Below this many records the second process's start costs more than it saves.
STAGED_ROWS = 20_000
STAGED_BYTES = 500_000          # a workbook this large may hold that many (the helper starts as it is read)
_CHUNK = bulk_records.AUDIT_BATCH      # records handed over at a time, as the check passes them (see _ours)
SCHEMA = "desk_staging"         # the staged file's name while the commit reads it
_ORDINAL = "desk_ordinal"       # an entry's record: its row number among its file's records
# Copying a staged record in (with its history entries) takes ~a third of the time making it takes (100,000
# obstacles: ~2.0 s against ~6.3 s of one core): sets the share of the records taken back this process makes.
_COPY_COST = 0.32
# SQLite attaches at most 10 files to a connection: the helper's first file, its later ones, this process's.
_LATER_FILES = 7
# Columns the commit fills (the time and the person of the commit, the keys after the highest stored).
_RECORD_LATER = ("created_at", "updated_at", "record_key")
_ENTRY_LATER = ("recorded_at", "recorded_by", "record_key")
_NOBODY = Actor(name="", role=Role.CLERK)       # replaced by the committing actor (_ENTRY_LATER)
log = logging.getLogger(__name__)
Handed = tuple[Record, str | None, str]     # a checked new record: its values, the file's ID, its reason


@dataclass(frozen=True)
class Made:
    """What was made: how many records, the import batch rows of the audit trail, and the staged files
    with how many records each holds, in the file's order."""

    count: int
    batches: list[bulk_records.ClosedBatch]
    parts: tuple[tuple[Path, int], ...] = ()

    def then(self, later: Made) -> Made:
        """This and what was made of the records after these."""
        return Made(self.count + later.count, self.batches + later.batches, self.parts + later.parts)


def staged_file(folder: Path, index: int = 0) -> Path:
    """The scratch SQLite file a stage writes in its folder (index: the stage's files after its first)."""
    return folder / ("staged.sqlite3" if index == 0 else f"staged-{index}.sqlite3")


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
        self.folder, self.files = folder, 0
        self._open_file()

    def _open_file(self) -> None:
        self.path = staged_file(self.folder, self.files)
        self.files += 1
        self.in_file = 0        # the file's records: an entry's _ORDINAL, a record's rowid
        self.connection = sqlite3.connect(self.path, isolation_level=None)
        self.connection.execute("PRAGMA journal_mode=OFF")      # a scratch file: thrown away if anything fails
        self.connection.execute("PRAGMA synchronous=OFF")
        self.connection.execute(f"CREATE TABLE records ({', '.join(_quoted(self.record_columns))})")
        self.connection.execute(f"CREATE TABLE entries ({', '.join(_quoted([*self.entry_columns, _ORDINAL]))})")
        self.connection.execute("BEGIN")

    def _close_file(self) -> Made:
        """The file made so far, with the batch rows its records closed."""
        self.connection.execute("COMMIT")
        self.connection.close()
        made, self.batches = Made(self.in_file, self.batches, ((self.path, self.in_file),)), []
        return made

    def add(self, rows: Sequence[Handed]) -> None:
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
            self.in_file += 1
            for entry in states.entry_rows(record_id, dated, actor=_NOBODY, at=datetime.min, origin=reason):
                entry[_ORDINAL] = self.in_file
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

    def rotate(self) -> Made:
        """Close the file made so far (the commit copies it in while the next one is made); go on in a new one."""
        closed = self._close_file()
        self._open_file()
        return closed

    def finish(self) -> Made:
        """The last file, its open batch row closed."""
        if self.batch is not None:
            self.batches.append(self.batch.closed())
            self.batch = None
        return self._close_file()


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


def _add(folder: Path, rows: Sequence[Handed]) -> None:
    _STAGES[str(folder)].add(rows)


def _rotate(folder: Path) -> Made:
    return _STAGES[str(folder)].rotate()


def _finish(folder: Path) -> Made:
    return _STAGES.pop(str(folder)).finish()


# --- in this process -------------------------------------------------------------------------

class Staging:
    """Hands the checked new records of one register to the helper as the check passes them (add()); the
    commit copies in what it makes (making()) or, when anything went wrong, writes the records as usual."""

    def __init__(self) -> None:
        """Started when a large file begins to be read: the helper loads while it is read."""
        self.reg: Register | None = None
        self.unit_code, self.today, self.reason = 0, date.min, ""
        self.folder = Path(tempfile.mkdtemp(prefix="desk-import-"))
        self.count = 0
        self._ref_labels: dict[str, dict[str, str]] = {}
        self._batch_size = bulk_records.AUDIT_BATCH
        self._rows: list[Handed] = []
        self._handed: list[Future[Any]] = []
        self._chunks: list[tuple[Future[Any], list[Handed]]] = []     # each _add's
        self._pool: ProcessPoolExecutor | None = None
        self._making: Making | None = None
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
        # The batch rows' size as this process has it (the helper's own module may differ in a test).
        self._ref_labels, self._batch_size = ref_labels, bulk_records.AUDIT_BATCH
        if self._pool is not None:
            self._submit(_open, self.folder, reg.name, unit_code, today, ref_labels, self._batch_size)

    @property
    def path(self) -> Path:
        return staged_file(self.folder)

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
        self._hand_over(rows)

    def _hand_over(self, rows: list[Handed]) -> None:
        if self._pool is not None and rows:
            handed = self._submit(_add, self.folder, rows)
            if handed is not None:
                self._chunks.append((handed, rows))

    def _submit(self, work: Callable[..., object], *args: object) -> Future[Any] | None:
        if self._pool is None:
            return None
        try:
            handed = self._pool.submit(work, *args)
        except Exception:  # noqa: BLE001 - the commit writes the records as usual
            log.warning("the import's helper failed", exc_info=True)
            self.discard()
            return None
        self._handed.append(handed)
        return handed

    def making(self) -> Making | None:
        """What the helper makes of every record handed to it, file by file (Making), or None when it failed,
        or had not even loaded (a PC whose antivirus scans each new process): the records are then written
        as usual."""
        if self._making is not None:
            return self._making
        self._hand()
        if self._pool is None or self.reg is None or not self.loaded(0):
            self.discard()
            return None
        try:
            files, taken = self._share_out()
            finished = self._submit(_finish, self.folder)
        except Exception:  # noqa: BLE001 - the commit writes the records as usual
            log.warning("the import's helper failed", exc_info=True)
            self.discard()
            return None
        if finished is None or self._pool is None:     # a hand-over failed: the helper was discarded
            return None
        self._making = Making(self, files, finished, taken)
        return self._making

    def made(self) -> Made | None:
        """Everything made, waited for (the self-check), or None as making() and when it failed on the way."""
        making = self.making()
        if making is None:
            return None
        try:
            for _part in making.parts():
                pass
        except StagingFailed:
            return None
        return making.made

    def _share_out(self) -> tuple[list[Future[Any]], list[Handed]]:
        """"Nhập" pressed as soon as the check is shown finds the helper (which shared the two cores with the
        check) tens of thousands of records behind, and this process idle. The chunks the helper has not
        begun are taken back, the last first (it takes them in order). The helper closes the file it has made
        so far, for the commit to copy in at once; this process makes the first of the chunks taken back, and
        the helper the rest, a new file every few chunks (each copied in as it is closed). Returns the futures
        of the helper's closed files, in order, and the records this process makes."""
        if sum(1 for future, _rows in self._chunks if not future.done() and not future.running()) < 2:
            return [], []       # (a chunk or two left: the helper is as good as done)
        cancelled: list[list[Handed]] = []
        for future, rows in reversed(self._chunks):
            if future.done() or not future.cancel():
                break
            cancelled.append(rows)
        cancelled.reverse()
        kept = self._chunks[:len(self._chunks) - len(cancelled)]
        del self._chunks[len(kept):]
        busy = sum(len(rows) for future, rows in kept if not future.done())
        ours = self._ours(busy, cancelled)
        per_file = -(-(len(cancelled) - ours) // _LATER_FILES)
        files = [self._submit(_rotate, self.folder)]
        for index, rows in enumerate(cancelled[ours:]):
            if index and index % per_file == 0:
                files.append(self._submit(_rotate, self.folder))
            self._hand_over(rows)
        return [file for file in files if file is not None], [row for rows in cancelled[:ours] for row in rows]

    def _ours(self, busy: int, cancelled: list[list[Handed]]) -> int:
        """How many of the chunks taken back (the first ones) this process makes: it makes them, copies in what
        the helper made, then its own, then each of the helper's files as it comes; the helper ends the chunks
        it is on (busy records) and makes the rest. Both are done together when ours·s + (made + left)·c =
        (busy + left − ours)·s (c: copying a record in, s: making it; c/s = _COPY_COST). Its records begin and
        end an import batch row, so the audit trail is the one written in one go."""
        left = sum(len(rows) for rows in cancelled)
        made = self.count - left
        if made % self._batch_size:
            return 0
        share = (busy + left - self.count * _COPY_COST) / 2
        ends = list(accumulate((len(rows) for rows in cancelled), initial=made))
        splits = [index for index, end in enumerate(ends) if end % self._batch_size == 0]
        return min(splits, key=lambda index: abs(ends[index] - made - share))

    def discard(self) -> None:
        """End the helper and remove its files (the plan is dropped, or the records are written as usual)."""
        self._pool = None
        self._finalizer()

    def ending(self) -> None:
        """The helper's work all done and checked: it is asked to end (its files stay for the commit)."""
        for future in self._handed:
            if not future.cancelled():
                future.result(timeout=helper_pools.WAIT_SECONDS)
        if self._pool is not None:
            self._pool.shutdown(wait=False)     # it ends while the last files are copied in

    def ended(self) -> None:
        """The helper has ended."""
        pool, self._pool = self._pool, None
        if pool is not None:
            helper_pools.end(pool, None, self._handed)


class StagingFailed(Exception):
    """The staging failed on the way: its files are thrown away and the records written as usual."""


class Making:
    """The files the helper and this process stage, each handed to the commit as soon as it is made, in the
    file's order (parts()); once all are, what was made (made)."""

    def __init__(self, staging: Staging, files: list[Future[Any]], finished: Future[Any],
                 taken: list[Handed]):
        self.staging = staging
        self.count = staging.count
        self.made: Made | None = None
        self._files, self._finished, self._taken = files, finished, taken

    def parts(self) -> Iterator[tuple[Path, int]]:
        """Each staged file with its records, in the file's order, as soon as it is made (this process makes
        the records it took back between two); StagingFailed when anything failed."""
        if self.made is not None:
            yield from self.made.parts
            return
        try:
            yield from self._parts()
        except Exception as error:  # noqa: BLE001 - the caller writes the records as usual
            log.warning("the import's helper failed", exc_info=True)
            self.staging.discard()
            raise StagingFailed from error

    def _parts(self) -> Iterator[tuple[Path, int]]:
        staging, files = self.staging, deque(self._files)
        made: list[Made] = []
        if self._taken:
            assert staging.reg is not None
            folder = staging.folder / "here"
            folder.mkdir()
            stage = _Stage(folder, staging.reg.name, staging.unit_code, staging.today, staging._ref_labels,
                           staging._batch_size)
            for start in range(0, len(self._taken), _CHUNK):
                if not made and files[0].done():        # what the helper made before: copied in meanwhile
                    made.append(_checked(files.popleft().result()))
                    yield made[-1].parts[0]
                # (The helper's young collections walk its few objects; here, the plan's too.)
                with rare_collections():
                    stage.add(self._taken[start:start + _CHUNK])
            if not made:
                made.append(_checked(files.popleft().result(timeout=helper_pools.WAIT_SECONDS)))
                yield made[-1].parts[0]
            made.append(_checked(stage.finish()))
            yield made[-1].parts[0]
        for future in [*files, self._finished]:
            made.append(_checked(future.result(timeout=helper_pools.WAIT_SECONDS)))
            if future is self._finished:
                staging.ending()
            yield made[-1].parts[0]
        staging.ended()
        self.made = reduce(Made.then, made)
        if self.made.count != self.count:
            raise ValueError(f"{self.made.count} records staged of {self.count}")


def _checked(made: Made) -> Made:
    """A staged file holding as many records as its stage made."""
    [(path, count)] = made.parts
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        stored = connection.execute("SELECT count(*) FROM records").fetchone()[0]
    if stored != count:
        raise ValueError(f"{path}: {stored} records staged of {count}")
    return made


def _discard(pool: ProcessPoolExecutor | None, handed: list[Future[Any]], folder: Path) -> None:
    if pool is not None:
        helper_pools.end(pool, None, handed)
    shutil.rmtree(folder, ignore_errors=True)


def write(session: Session, reg: Register, staging: Staging, making: Making, *, unit_code: int, actor: Actor,
          at: datetime, trail: bulk_records.AuditRows) -> bool:
    """Copy the staged records into the database in the caller's transaction, each file as soon as it is made:
    the same rows, history entries and import batch rows of the audit trail as bulk_records.write of the same
    values. False, with nothing written, when the staging failed on the way: the caller writes them as usual."""
    session.flush()
    connection = session.connection()
    raw = connection.connection.dbapi_connection
    if raw is None:
        raise AssertionError("a session's connection without its driver connection")
    attached: list[str] = []

    def detach(*_args: object) -> None:
        # Not possible inside the transaction: once it has ended, committed or not.
        for schema in attached:
            try:
                raw.execute(f"DETACH DATABASE {schema}")
            except sqlite3.Error:
                log.warning("the staged import file stayed attached", exc_info=True)
        staging.discard()
        shutil.rmtree(staging.folder, ignore_errors=True)      # (a file still attached was not removed before)

    table = sql_table(table_of(reg))
    stamp = _bound(connection.dialect, table.c.created_at, at)
    names = [c.name for c in table.columns]
    quote = connection.dialect.identifier_preparer.quote
    history = sql_table(history_table_of(reg)) if reg.history is not None else None
    columns = [c.name for c in entry_columns(reg)] if reg.history is not None else []
    recorded = _bound(connection.dialect, history.c.recorded_at, at) if history is not None else None
    try:
        with session.begin_nested(), bulk_records.roomy_cache(session, making.count):
            keys = record_keys.next_keys(session, reg, making.count) if reg.history is not None else None
            first = keys[0] if keys else None
            before = 0      # the records of the files before: a file's rows number from 1
            for index, (path, count) in enumerate(making.parts()):
                schema = SCHEMA if index == 0 else f"{SCHEMA}_{index}"
                connection.exec_driver_sql(f"ATTACH DATABASE ? AS {schema}", (str(path),))
                attached.append(schema)
                key = f"rowid + {int(first) - 1 + before}" if first else "NULL"
                later = {"created_at": "?", "updated_at": "?", "record_key": key}
                chosen = [later.get(name, q) for name, q in zip(names, _quoted(names))]
                connection.exec_driver_sql(
                    f"INSERT INTO main.{quote(table.name)} ({', '.join(_quoted(names))}) "
                    f"SELECT {', '.join(chosen)} FROM {schema}.records ORDER BY rowid", (stamp, stamp))
                if history is not None:
                    entry_later = {"recorded_at": "?", "recorded_by": "?",
                                   "record_key": f"{_ORDINAL} + {int(first) - 1 + before}" if first else "NULL"}
                    connection.exec_driver_sql(
                        f"INSERT INTO main.{quote(history.name)} ({', '.join(_quoted(columns))}) "
                        f"SELECT {', '.join(entry_later.get(n, q) for n, q in zip(columns, _quoted(columns)))} "
                        f"FROM {schema}.entries ORDER BY rowid", (recorded, actor.name))
                before += count
    except StagingFailed:
        return False
    finally:
        # Listened for once the savepoint has ended (its release or rollback would end the wait too early).
        event.listen(session, "after_commit", detach, once=True)
        event.listen(session, "after_rollback", detach, once=True)
    assert making.made is not None
    trail.add_batches(table_of(reg), making.made.batches)
    return True


def _bound(dialect: Dialect, column: Column[Any], value: object) -> object:
    """value as the driver takes it for column (what the usual write binds)."""
    return bulk_records.converted(bulk_records.processors_for(dialect, [column]), [column.name],
                                  [{column.name: value}])[0][0]
