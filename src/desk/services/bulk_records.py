"""Saving many records of one register at once (imports): records.save's checks and columns, one audit row each."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Table, select
from sqlalchemy.engine import Dialect
from sqlmodel import Session, SQLModel

from desk.domain import state_history
from desk.domain.access import Actor, Permission, require
from desk.domain.derived_keys import MEMO_LIMIT, DerivedKeys
from desk.domain.fields import Choice
from desk.domain.lang import t
from desk.domain.register import Record, Register
from desk.errors import UserError
from desk.services import key_helper, period_lock, records, states
from desk.store import audit, audit_replay, record_keys
from desk.store.models import history_table_of, sql_table, table_of
from desk.store.security import AuditEntry

_ROOMY_ABOVE = 10_000       # rows written at once from which a larger page cache pays off
_ROOMY_KIB = 65_536         # 64 MB at most, and only while writing
_CHUNK = 5_000              # ids per "IN (...)" query (SQLite allows 32,766 parameters)
_BATCH = 20_000             # records per executemany
# Audit rows (one per record) per executemany, and records per import batch row: as many as an import hands its
# helper at a time, so that the records from any hand-over on may be made elsewhere (import_staging) with the
# same batch rows.
AUDIT_BATCH = 5_000

# A column type's bind processor: a Python value to what the driver takes.
Processor = Callable[[Any], Any]


class Validator:
    """records.validate for every row of one register and unit, with the choices read once and the
    conversion of a repeated cell done once (records.field_value depends only on its arguments)."""

    def __init__(self, session: Session, reg: Register, unit_code: int,
                 known_choices: dict[str, tuple[Choice, ...]] | None = None):
        self.session, self.reg, self.unit_code = session, reg, unit_code
        self.known = known_choices if known_choices is not None else {
            spec.name: records.choices(session, reg, spec.name, unit_code=unit_code)
            for spec in reg.fields if spec.codec.listed}
        self._memo: records.Memo = {}

    def validate(self, raw: Record) -> Record:
        """The stored values of one record, or ValidationError: exactly what records.save accepts."""
        return records.validate(self.session, self.reg, raw, unit_code=self.unit_code, known_choices=self.known,
                                memo=self._memo)


class LockGate:
    """period_lock.check_save for many rows: the unit's active locks are read once, and only a row with
    a date inside a locked period goes through check_save (no other row can be refused by it)."""

    def __init__(self, session: Session, reg: Register, unit_code: int):
        self.session, self.reg, self.unit_code = session, reg, unit_code
        period_lock.hold(session)
        self._spans = [(lock.start, lock.end) for lock in period_lock.active_locks(session, unit_code)]
        self._dates = reg.date_fields

    @property
    def active(self) -> bool:
        return bool(self._spans)

    def check(self, values: Record, stored: Record | None = None) -> None:
        """Raise period_lock.PeriodLockedError as records.save would for these values (stored: the
        record's current row when it is an update)."""
        if not self._spans or not self._touches_lock(values, stored):
            return
        # A table object is not validated: the columns left out are None, as save() has them before it fills them.
        record = table_of(self.reg)(**stored) if stored is not None else \
            table_of(self.reg)(unit_code=self.unit_code)  # type: ignore[call-arg]
        period_lock.check_save(self.session, self.reg, record, values, new=stored is None)

    def _touches_lock(self, values: Record, stored: Record | None) -> bool:
        # check_save only refuses for a date (before or after the change) that a lock covers.
        for name in self._dates:
            for day in (values.get(name), stored.get(name) if stored is not None else None):
                if day and any(start <= day <= end for start, end in self._spans):
                    return True
        return False


@dataclass(slots=True)     # not frozen: a frozen dataclass's __init__ costs ~1 µs more per record
class Pending:
    """One validated record to write: values from Validator.validate; record_id = update that record;
    new_id = the id a new record keeps (checked free by the caller), else a fresh one; reason = the
    reason of its audit row (an import: the file, sheet and row it comes from)."""

    values: Record
    record_id: str | None = None
    new_id: str | None = None
    reason: str | None = None


def write(session: Session, reg: Register, rows: Sequence[Pending], *, unit_code: int, actor: Actor,
          at: datetime | None = None, trail: AuditRows | None = None, action: str | None = None,
          stored: dict[str, Record] | None = None) -> list[str]:
    """Write validated rows as records.save would, by a few executemany statements; returns their ids.

    What save() does per record happens here for all of them, in the caller's transaction: the
    permission, the record must exist and not be voided (updates), the period locks, the columns
    save() derives (records.stored_columns) and created_at/updated_at: the stored rows are those of
    one save() per record. The audit trail differs by design: ONE row per record (AuditRows.changes:
    field audit.MANY_FIELDS, every changed field at once; audit.changes() reads it field by field)
    where save() writes one per changed field, since per-field rows made half an import's time.
    action: that row's action (an import: audit.IMPORT), default CREATE or EDIT as save() would.
    Values must come from Validator.validate (or records.validate) for this register and unit.
    trail: the caller's AuditRows, to write several registers' rows in one go (default: a trail of
    this call). stored: id -> row of the records to update, read by the caller in this same
    transaction (else they are read here). Rows go to the database in batches as they are
    prepared: on an error, the caller's transaction must roll back (session_scope does), as after a
    failed save() in a loop.
    """
    require(actor, Permission.ENTER_RECORDS)
    if action is not None and action not in audit.ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if not rows:
        return []
    # The keys made on the other core while this one writes; started first, it loads while the rows are read.
    helper = key_helper.KeyHelper(reg).start() if len(rows) >= key_helper.HELPED_ROWS else None
    with closing_helper(helper):
        return _write(session, reg, rows, unit_code, actor, at, trail, action, stored, helper)


def _write(session: Session, reg: Register, rows: Sequence[Pending], unit_code: int, actor: Actor,
           at: datetime | None, trail: AuditRows | None, action: str | None, stored: dict[str, Record] | None,
           helper: key_helper.KeyHelper | None) -> list[str]:
    now = at or records.utc_now()
    wanted = [p.record_id for p in rows if p.record_id is not None]
    given = wanted + [p.new_id for p in rows if p.new_id is not None]
    if len(set(given)) != len(given):
        raise ValueError("a record appears twice in one bulk write")
    session.flush()     # ORM changes made before come first, as they would with save()
    stored = _stored_rows(session, reg, wanted, stored)
    gate = LockGate(session, reg, unit_code)
    ref_labels = reference_labels(session, reg, unit_code)
    defaults = record_defaults(reg)
    keys = DerivedKeys()
    own_trail = trail is None
    trail = trail if trail is not None else AuditRows(session, actor, now)
    table = sql_table(table_of(reg))
    inserts: list[Record] = []
    updates: dict[tuple[str, ...], list[Record]] = {}   # columns set -> rows (one UPDATE statement each)
    dated: list[Record] = []                            # entries of the register's dated history
    ids: list[str] = []
    today = date.today()

    def send() -> None:
        if reg.history is not None:
            # Each record's integer key, and its entries', given here when the database would
            # otherwise number them one insert at a time (store.record_keys).
            keys = record_keys.next_keys(session, reg, len(inserts))
            if keys is not None:
                for row, key in zip(inserts, keys):
                    row["record_key"] = key
                given = {row["id"]: row["record_key"] for row in inserts}
                for entry in dated:
                    old_row = stored.get(entry["record_id"]) or {}
                    entry["record_key"] = given.get(entry["record_id"], old_row.get("record_key"))
        insert_rows(session, table, inserts)
        for columns, group in updates.items():
            _update_rows(session, table, [c for c in columns if c != "id"], group)
        # By the driver's executemany: the ORM inserts a table with an autoincrement id one row per
        # statement (~2 s per 100k entries, ~a quarter of an import).
        if dated:
            insert_rows(session, sql_table(history_table_of(reg)), dated)
        inserts.clear()
        updates.clear()
        dated.clear()

    prepared, renamed = [], []
    for pending in rows:
        values = pending.values
        old = stored.get(pending.record_id) if pending.record_id is not None else None
        prepared.append((pending, old, completed(reg, values, old, today)))
    if helper is not None:
        helper.derive([records.key_inputs(session, reg, p.values, unit_code, ref_labels) for p in rows])
    with roomy_cache(session, len(rows)):
        for number, (pending, old, entries) in enumerate(prepared):
            values = pending.values
            gate.check(values, old)
            derived = (helper.columns(number) if helper is not None
                       else records.stored_columns(session, reg, values, unit_code, ref_labels=ref_labels, keys=keys))
            if old is None:
                record_id = pending.new_id or str(uuid.uuid4())
                inserts.append(created_row(defaults, record_id, unit_code, now, values, derived))
                trail.changes(action or audit.CREATE, table_of(reg), record_id, None, values, pending.reason)
            else:
                record_id = pending.record_id or ""    # _stored_rows found every updated record by its id
                row = {**values, "updated_at": now, **derived, "id": record_id}
                updates.setdefault(tuple(row), []).append(row)
                if records.renamed(reg, old, values):
                    renamed.append({**values, "id": record_id})
                trail.changes(action or audit.EDIT, table_of(reg), record_id, old, values, pending.reason)
            ids.append(record_id)
            if entries:
                dated.extend(states.entry_rows(record_id, entries, actor=actor, at=now, origin=pending.reason))
            if len(ids) % _BATCH == 0:
                send()      # bounded memory: the prepared rows of 100k records would take ~100 MB
        send()
        if renamed:
            records.rename_where_named(session, reg, renamed)
        if own_trail:
            trail.insert()
    _expire(session, reg, stored)
    return ids


@contextmanager
def closing_helper(helper: key_helper.KeyHelper | None) -> Iterator[None]:
    """The helper's process ended when the write ends, written or not."""
    try:
        yield
    finally:
        if helper is not None:
            helper.close()


class AuditRows:
    """Audit rows of one actor at one time, made as the driver's parameter tuples and inserted in order,
    in batches, by executemany: an import writes one per record, so dicts and ORM objects would
    dominate. Each row holds what audit.entry() would give for the same values; call insert() for
    the last ones."""

    _VARYING = ("action", "table_name", "record_id", "field", "old_value", "new_value", "reason")

    def __init__(self, session: Session, actor: Actor, at: datetime, *, batch_reason: str | None = None):
        """batch_reason: records created by an import go into import batch rows with this reason (the
        file) instead of one row each (audit_replay.BATCH); their values are not repeated in the trail:
        each is its stored values with every later change taken back, checked by a CRC-32 per record
        and a SHA-256 per batch. Saves ~1 s (rows, their JSON and their hashes) per 100k records."""
        self.session = session
        self._batch_reason = batch_reason
        self._batches: dict[str, ImportBatch] = {}
        template = audit.entry(actor, audit.CREATE, "", at=at)     # every column but the row id
        fixed = [c for c in sql_table(AuditEntry).columns if c.name in template and c.name not in self._VARYING]
        varying = [sql_table(AuditEntry).c[name] for name in self._VARYING]
        # Columns in the INSERT: the fixed ones (time, actor), converted once, then the varying ones,
        # which are text (or None) and go to the driver as they are.
        self._names = [c.name for c in fixed + varying]
        self._head = converted(_processors(session, fixed), [c.name for c in fixed], [template])[0]
        if any(_processors(session, varying)):
            raise AssertionError("an audit column that changes per row needs a conversion")
        self.rows: list[tuple[object, ...]] = []

    def _sent_if_many(self) -> None:
        # In order, in batches: 100k records' rows (JSON of every field) would hold ~60 MB until the end.
        if len(self.rows) >= AUDIT_BATCH:
            self.insert()

    def changes(self, action: str, table: type[SQLModel], record_id: str, old: Record | None, new: Record,
                reason: str | None = None) -> None:
        """One row for the fields whose stored text differs between old (None: a created record) and
        new: field audit.MANY_FIELDS, new_value {field: new text}, old_value {field: old text} (None
        for a created record). A row that changed nothing is written only with a reason (an import
        names its file even then, as the record's updated_at changed); it has no field."""
        if action not in audit.ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        before: dict[str, str | None] = {}
        if old is None:     # a created record: every filled field (the commonest case, made in one pass)
            after = created_texts(new)
            if self._batch_reason is not None and action == audit.IMPORT and self._batched(table, record_id,
                                                                                           new, after, reason):
                return
        else:
            after = {}
            for name, value in new.items():
                text = _text(value)
                was = _text(old[name]) if name in old else None
                if was != text:
                    after[name] = text
                    before[name] = was
        row: tuple[str | None, str | None, str | None, str | None]
        if after:
            row = (audit.MANY_FIELDS, None if old is None else audit.packed(before), audit.packed(after), reason)
        elif reason is not None:
            row = (None, None, None, reason)
        else:
            return
        self.rows.append(self._head + (action, audit.table_name(table), str(record_id)) + row)
        self._sent_if_many()

    def _batched(self, table: type[SQLModel], record_id: str, new: Record, after: Mapping[str, str | None],
                 reason: str | None) -> bool:
        name = audit.table_name(table)
        batch = self._batches.get(name)
        if batch is None:
            batch = self._batches[name] = ImportBatch(tuple(new))
        if batch.fields != tuple(new):
            return False        # not the batch's columns: a row of its own
        batch.add(str(record_id), reason, after)
        if len(batch.records) >= AUDIT_BATCH:
            self._close_batch(name)
            self._sent_if_many()
        return True

    def _close_batch(self, name: str) -> None:
        self._batch_row(name, self._batches.pop(name).closed())

    def _batch_row(self, name: str, value: ClosedBatch) -> None:
        self.rows.append(self._head + (audit.IMPORT, name, None, audit_replay.BATCH, None, value, self._batch_reason))

    def add_batches(self, table: type[SQLModel], batches: Sequence[ClosedBatch]) -> None:
        """Import batch rows made elsewhere (services.import_staging), as changes() would have made them."""
        for value in batches:
            self._batch_row(audit.table_name(table), value)
        self._sent_if_many()

    def insert(self) -> int:
        """Send the rows made so far (and the open import batches); returns how many."""
        for name in list(self._batches):
            self._close_batch(name)
        if self.rows:
            with roomy_cache(self.session, len(self.rows)):
                audit.insert_stored(self.session, self._names, self.rows)
        count, self.rows = len(self.rows), []
        return count


class ImportBatch:
    """The records of one import batch row: [id, reason, CRC-32] each, and the batch's SHA-256."""

    def __init__(self, fields: tuple[str, ...]):
        self.fields = fields
        self.records: list[list[str | int | None]] = []      # [id, reason, CRC-32] each
        self.digest = hashlib.sha256()

    def add(self, record_id: str, reason: str | None, texts: Mapping[str, str | None]) -> None:
        """One created record, its filled fields as the trail holds them (created_texts)."""
        data = audit_replay.imported_bytes(texts, filled=True)
        self.records.append([record_id, reason, audit_replay.checksum(data)])
        self.digest.update(data)

    def closed(self) -> ClosedBatch:
        # Made where the records are (a large import's helper packs its own: ~0.1 s of the commit at 100k).
        return audit.packed({"fields": list(self.fields), "records": self.records, "sha256": self.digest.hexdigest()})


# An import batch row's new_value: its columns, records ([id, reason, CRC-32] each) and SHA-256, as JSON.
ClosedBatch = str


def _text(value: object) -> str | None:
    # audit.as_text, without its checks for the commonest values (None and text are themselves).
    return value if value is None or type(value) is str else audit.as_text(value)


stored_text = _text     # what the audit trail compares: two values with one text are no change


def _stored_rows(session: Session, reg: Register, ids: list[str],
                 known: dict[str, Record] | None) -> dict[str, Record]:
    """id -> current row of each record to update; refused as save() refuses (missing or voided)."""
    table = sql_table(table_of(reg))
    found: dict[str, Record] = {}
    if known is not None:
        found = {record_id: known[record_id] for record_id in ids if record_id in known}
    missing = [record_id for record_id in ids if record_id not in found]
    for start in range(0, len(missing), _CHUNK):
        chunk = missing[start:start + _CHUNK]
        for mapping in session.execute(select(table).where(table.c.id.in_(chunk))).mappings():
            found[mapping["id"]] = dict(mapping)
    for record_id in ids:
        row = found.get(record_id)
        if row is None:
            raise UserError(t(f"Không tìm thấy bản ghi «{record_id}».", f"No record «{record_id}»."))
        if row["voided"]:
            raise UserError(t("Bản ghi này đã bị hủy, không sửa được.", "This record is voided and cannot be edited."))
    return found


def completed(reg: Register, values: Record, old: Record | None, today: date) -> list[state_history.Entry]:
    """The dated history entries a save adds, then the values completed as save() completes them (in that
    order: the history reads the values as given); the values are changed in place."""
    entries = state_history.dated(reg, old, values, today) if reg.history is not None else []
    if reg.complete is not None:
        reg.complete(values)
    return entries


def created_row(defaults: Record, record_id: str, unit_code: int, now: datetime | None, values: Record,
                derived: Record) -> Record:
    """The row of a created record (all but its record_key): what save()'s INSERT writes."""
    return {**defaults, "id": record_id, "unit_code": unit_code, "created_at": now, "updated_at": now,
            **values, **derived}


def created_texts(values: Record) -> dict[str, str | None]:
    """A created record's filled fields as the audit trail holds them."""
    return {name: value if type(value) is str else audit.as_text(value) for name, value in values.items()
            if value is not None}


def reference_labels(session: Session, reg: Register, unit_code: int) -> dict[str, dict[str, str]]:
    # What records.stored_columns would look up per record: read once. Records written earlier in
    # this transaction (a file's officials before its movements) are included.
    return {name: {c.code: c.vi for c in records.choices(session, reg, name, include_inactive=True,
                                                          unit_code=unit_code)}
            for name in reg.search_fields if reg.spec[name].ref}


def record_defaults(reg: Register) -> Record:
    """Every column's value in a new table object (what save()'s INSERT writes for unset fields)."""
    blank = table_of(reg)()    # type: ignore[call-arg]  # not validated: its columns' defaults, None for the rest
    return {column.name: getattr(blank, column.name) for column in sql_table(table_of(reg)).columns}


def _expire(session: Session, reg: Register, updated: Iterable[str]) -> None:
    # Table objects of updated records loaded earlier in this session would show the old values.
    updated = set(updated)
    for obj in list(session.identity_map.values()):
        if isinstance(obj, table_of(reg)) and obj.id in updated:
            session.expire(obj)


# --- executemany with SQLAlchemy's own value conversion -----------------------------------------
# session.execute(insert(table), dicts) spends about half its time building and converting each
# row's parameters; here each column's bind processor (the same conversion) runs once per distinct
# value (dates and timestamps repeat), and the rows go to the driver's executemany as tuples.

def _processors(session: Session, columns: Iterable[Column[Any]]) -> list[Processor | None]:
    return processors_for(session.get_bind().dialect, columns)


def processors_for(dialect: Dialect, columns: Iterable[Column[Any]]) -> list[Processor | None]:
    """Each column's bind processor in this dialect (None: the value goes to the driver as it is)."""
    return [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]


def converted(processors: Sequence[Processor | None], names: list[str],
               rows: Iterable[Record]) -> list[tuple[object, ...]]:
    get = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    todo: list[tuple[int, Processor, dict[tuple[type, object], object]]] = [
        (index, process, {}) for index, process in enumerate(processors) if process is not None]
    out = []
    for row in rows:
        values = get(row)
        if todo:
            values = list(values)
            for index, process, cache in todo:
                value = values[index]
                if value is not None:
                    key = (type(value), value)
                    converted = cache.get(key)
                    if converted is None:
                        converted = process(value)
                        if len(cache) < MEMO_LIMIT:
                            cache[key] = converted
                    values[index] = converted
        out.append(tuple(values))
    return out


def insert_rows(session: Session, table: Table, rows: list[Record]) -> int:
    """INSERT rows (dicts with the same keys: every column but an autoincrement id) in one executemany."""
    if not rows:
        return 0
    columns = [c for c in table.columns if c.name in rows[0]]
    names = [c.name for c in columns]
    _execute_many(session, "INSERT", table, names, converted(_processors(session, columns), names, rows))
    return len(rows)


def _update_rows(session: Session, table: Table, names: list[str], rows: list[Record]) -> None:
    columns = [table.c[n] for n in names] + [table.c.id]
    _execute_many(session, "UPDATE", table, names,
                  converted(_processors(session, columns), [*names, "id"], rows))


@contextmanager
def roomy_cache(session: Session, rows: int) -> Iterator[None]:
    """A larger SQLite page cache while many rows go in: the indexes on random ids (record ids in the
    audit trail) then stay in memory instead of spilling to the WAL mid-transaction (~15% faster for
    100k records). The connection's own size comes back afterwards."""
    if rows < _ROOMY_ABOVE or session.get_bind().dialect.name != "sqlite":
        yield
        return
    connection = session.connection()
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{_ROOMY_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(before or 0)}")   # SQLite always answers it


def _execute_many(session: Session, verb: str, table: Table, names: list[str],
                  params: list[tuple[object, ...]]) -> None:
    dialect = session.get_bind().dialect
    quote = dialect.identifier_preparer.quote
    # Written with ? marks; a server's engine hands them to psycopg as %s (store.server).
    if verb == "INSERT":
        sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
               f"VALUES ({', '.join('?' for _ in names)})")
    else:   # the last parameter of each row is the id
        setting = [f"{quote(n)} = ?" for n in names]
        if "version" in table.c and "version" not in names:     # a record changed: its version moves on
            setting.append(f"{quote('version')} = {quote('version')} + 1")
        sql = f"UPDATE {quote(table.name)} SET {', '.join(setting)} WHERE {quote('id')} = ?"
    session.connection().exec_driver_sql(sql, params)
