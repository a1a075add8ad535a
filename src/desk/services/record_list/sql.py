"""A register list read straight from its table: ids ordered in SQL, searched in memory, rows read by page."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy import ClauseElement, ColumnElement, select
from sqlalchemy.sql.compiler import SQLCompiler
from sqlmodel import Session

from desk.domain.conditions import Param
from desk.domain.derived_keys import TITLE_SORT
from desk.domain.register import History, Record, Register
from desk.domain.text import exact_search_form, search_form, search_words
from desk.services import foreground, records
from desk.services.record_list.base import RecordList, Sessions
from desk.services.record_list.order import ROWID, by_list, flip, python_order, sql_order, unlisted_at
from desk.services.record_list.search import Ranked, Rows, Search, bytes_view
from desk.store.conditions import to_sql, value_sql
from desk.store.dialect import DriverConnection, driver_connection, is_sqlite
from desk.store.models import sql_table, table_of
from desk.store.security import AuditEntry

_PAGE = 100                 # rows read at once when one is shown (a screen shows about 30)
_PAGES_KEPT = 5_000         # rows kept read (about the screens a clerk scrolled through)
_BASES_KEPT = 4             # orders kept (filter and sort combinations a clerk goes back to)
_SEARCHES_KEPT = 8          # searches kept per order (typing on narrows them; deleting finds them)
_PREPARE_AFTER = 0.15       # seconds after a list is shown before its search texts are read
_TEXT_CHUNK = 2_000         # search texts read at once


@dataclass
class _Base:
    """The row ids of a query without its search, in a column's order, and how SQL gives them."""

    ids: list[int]
    where: ColumnElement[bool]                  # the SQL condition
    order: list[ColumnElement[Any]] | None      # the SQL ORDER BY that gives ids; None: ordered in Python
    filters: tuple[object, ...] = ()            # the query without its search and sort: bases alike hold the same rows


@dataclass
class _Preparing:
    """Search texts being read on a thread of their own (see SqlList._prepare)."""

    base: _Base
    timer: threading.Timer | None = None
    found: list[Rows] = field(default_factory=list)
    stopped: bool = False

    def stop(self) -> None:
        """Not needed any more: not started, or left at its next chunk."""
        self.stopped = True
        if self.timer is not None:
            self.timer.cancel()

    def wait(self) -> Rows | None:
        """The texts, read here at once if the thread has not started (None: it failed)."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer.join()
        return self.found[0] if self.found else None


class SqlList(RecordList):
    """A register without computed columns, read straight from its table; keys are SQLite row ids."""

    def __init__(self, sessions: Sessions, reg: Register, unit_code: int, *, prepare_search: bool = True):
        """prepare_search: read the search texts in the background when a list without a search is shown."""
        if reg.computed:
            raise ValueError("a register with computed columns is listed by MemoryList")
        super().__init__(reg)
        self._sessions = sessions
        self._unit_code = unit_code
        self.prepare_search = prepare_search
        self._table = sql_table(table_of(reg))
        self._query: records.RecordQuery | None = None
        self._only_flagged = False
        self._version: tuple[int | None, int | None] | None = None
        self._preparing: _Preparing | None = None
        self._forget()

    def _forget(self) -> None:
        """Drop everything read from the data (it changed)."""
        self._bases: dict[tuple[object, ...], _Base] = {}
        self._searches: list[Search] = []      # the latest last
        self._aligned: tuple[_Base, Rows] | None = None
        if self._preparing is not None:
            self._preparing.stop()
        self._preparing = None
        self._counted: tuple[Sequence[int], set[int], int] | None = None
        self._flagged_ids: tuple[date, set[int]] | None = None
        self._pages: dict[int, Record] = {}
        self._labels_read = False

    # -- inputs --------------------------------------------------------------------------------
    def show(self, q: records.RecordQuery, *, only_flagged: bool = False, reload: bool = False) -> None:
        with self._connection() as (session, raw):
            version = self._data_version(raw)
            if reload or version != self._version:
                self._forget()
                self._version = version
            if not self._labels_read:
                self.labels = records.choice_labels(session, self.reg, unit_code=self._unit_code)
                self._labels_read = True
            if self._query is not None and self._query.as_of != q.as_of:
                self._pages = {}        # rows read as they stood on another day (their state then)
            self._query, self._only_flagged = q, only_flagged
            self.today = q.as_of or q.today or date.today()
            self._compose(session, raw)

    def sort(self, field_name: str, descending: bool) -> None:
        self._sort = (field_name, descending)
        if self._query is not None:
            with self._connection() as (session, raw):
                self._compose(session, raw)

    # -- outputs -------------------------------------------------------------------------------
    def record(self, position: int) -> Record:
        key = self._keys[position]
        row = self._pages.get(key)
        if row is None:
            if len(self._pages) > _PAGES_KEPT:
                self._pages = {}
            start = position - position % _PAGE
            self._read_rows(self._keys[start:start + _PAGE])
            row = self._pages.get(key)
            if row is None:         # gone since the order was read (a restore): show it as empty
                row = self._pages[key] = {"id": None, "voided": True}
        return row

    def position_of(self, record_id: str) -> int:
        with self._connection() as (_session, raw):
            found = raw.execute(f'SELECT rowid FROM "{self._table.name}" WHERE id = ?', (record_id,)).fetchone()
        if found is None:
            return -1
        try:
            return self._keys.index(found[0])
        except ValueError:
            return -1

    def flagged_count(self) -> int:
        if self.reg.flag is None or self._query is None:
            return 0
        flagged = self._flagged()
        counted = self._counted
        if counted is None or counted[0] is not self._keys or counted[1] is not flagged:
            if isinstance(self._keys, Ranked):      # the order does not matter: counted unranked
                count = self._keys.rows.flagged(flagged)
            else:
                count = sum(map(flagged.__contains__, self._keys))
            counted = self._counted = (self._keys, flagged, count)
        return counted[2]

    # -- composing the shown order -------------------------------------------------------------
    @contextmanager
    def _connection(self) -> Iterator[tuple[Session, DriverConnection]]:
        with self._sessions() as session:
            yield session, driver_connection(session.connection())

    def _data_version(self, raw: DriverConnection) -> tuple[int | None, int | None]:
        """Changes when a record is added, edited or voided: every such write adds an audit row."""
        audit_id = raw.execute(f'SELECT max(id) FROM "{AuditEntry.__tablename__}"').fetchone()[0]
        last_row = raw.execute(f'SELECT max(rowid) FROM "{self._table.name}"').fetchone()[0]
        return audit_id, last_row

    def _compose(self, session: Session, raw: DriverConnection) -> None:
        q = self._query
        if q is None:
            raise ValueError("a list is composed once show() gave it a query")
        base = self._base(session, raw, q)
        keys: Sequence[int] = base.ids
        if search_words(q.search):
            keys = self._searched(session, raw, base, q.search)
        elif self.prepare_search:
            self._prepare(base)
        if self._only_flagged and self.reg.flag is not None:
            flagged = self._flagged(session, raw)
            keys = [k for k in keys if k in flagged]
        self._keys = keys

    def _base(self, session: Session, raw: DriverConnection, q: records.RecordQuery) -> _Base:
        """Row ids of the query without its search, in the column's order."""
        filters = (q.unit_code, tuple(sorted((k, tuple(sorted(v))) for k, v in q.equals.items())),
                   q.date_from, q.date_to, q.include_voided, q.where, tuple(sorted(q.bound().items())))
        found = self._bases.get((filters, self._sort))
        if found is None:
            if len(self._bases) >= _BASES_KEPT:
                self._bases.pop(next(iter(self._bases)))
            with foreground.reading():    # a thread preparing search texts waits meanwhile
                found = self._reversed(filters) or self._ordered(session, raw, q)
            found.filters = filters
            self._bases[(filters, self._sort)] = found
        return found

    def _reversed(self, filters: tuple[object, ...]) -> _Base | None:
        """The other direction of a column already sorted, turned round (a second click on its
        header); not for dates and numbers, whose empty cells stay last both ways."""
        if self._sort is None or self.reg.spec[self._sort[0]].codec.ordered:
            return None
        other = self._bases.get((filters, (self._sort[0], not self._sort[1])))
        if other is None:
            return None
        return _Base(other.ids[::-1], other.where, [flip(term) for term in other.order] if other.order else None)

    def _ordered(self, session: Session, raw: DriverConnection, q: records.RecordQuery) -> _Base:
        table, rowid = self._table, ROWID
        where = sa.and_(*records.conditions(self.reg, q, search=False))
        spec, descending = (self.reg.spec[self._sort[0]], self._sort[1]) if self._sort else (None, False)
        if spec is None:
            return _Base(self._ids(session, raw, select(rowid).select_from(table).where(where).order_by(rowid)),
                         where, [rowid])

        def ordered_by(order: list[ColumnElement[Any]], rows: ColumnElement[bool] = where) -> list[int]:
            return self._ids(session, raw, select(rowid).select_from(table).where(rows).order_by(*order))

        order = sql_order(raw, table, spec, descending, title_field=self.reg.title_field,
                          keyed=self.reg.keyed_sorts, unit_code=self._unit_code, labels=self.labels)
        if order is not None and spec.codec.listed:
            ids = ordered_by(order)
            if by_list(spec, self.labels) and ids \
                    and unlisted_at(raw, table, spec, self.labels, ids[-1] if descending else ids[0]):
                # A code the list lacks: ranked among the labels by the codes the rows hold.
                order = sql_order(raw, table, spec, descending, title_field=self.reg.title_field,
                                  keyed=self.reg.keyed_sorts, unit_code=self._unit_code, labels=self.labels,
                                  from_rows=True)
                ids = ordered_by(order) if order is not None else ids
            if order is not None:
                return _Base(ids, where, order)
        elif order is not None:
            key = (TITLE_SORT if spec.name == self.reg.title_field
                   else f"{spec.name}_sort" if spec.name in self.reg.keyed_sorts else None)
            if key is None:
                return _Base(ordered_by(order), where, order)
            # The rows with a key, as the title's index holds them (migration 0015, a partial index:
            # other orders keep the index in the rows' own order); all of them, unless some rows were
            # written without a key.
            ids = ordered_by(order, sa.and_(where, table.c[key].is_not(None)))
            if len(ids) == self._fetch(session, raw, select(sa.func.count()).select_from(table).where(where))[0][0]:
                return _Base(ids, where, order)
        # A text column without a stored key: sorted here (sql_order answers for every unsorted list).
        values = self._values(session, raw, select(rowid, table.c[spec.name]).where(where).order_by(rowid))
        return _Base(python_order(spec, self.labels, descending, values), where, None)

    def _ids(self, session: Session, raw: DriverConnection, statement: sa.Select[Any]) -> list[int]:
        """The row ids a statement selects, in its order. SQLite hands them over as one JSON array:
        the driver's ~1 µs a row was a third of a sort at 100k rows. An aggregate over an ordered
        subquery takes its rows in that order (SQLite keeps a subquery's ORDER BY under any
        aggregate but count, min and max); the server's driver reads them as rows."""
        if not is_sqlite(session):
            return [r for (r,) in self._fetch(session, raw, statement)]
        ordered = statement.subquery()
        ((found,),) = self._fetch(session, raw, select(sa.func.json_group_array(ordered.c.rowid)))
        ids: list[int] = json.loads(found)
        return ids

    def _values(self, session: Session, raw: DriverConnection, statement: sa.Select[Any]) -> list[tuple[int, Any]]:
        """(row id, text) pairs a statement selects, in its order: on SQLite as two JSON arrays (see _ids)."""
        if not is_sqlite(session):
            return [(rowid, value) for rowid, value in self._fetch(session, raw, statement)]
        ordered = statement.subquery()
        ((ids, values),) = self._fetch(session, raw, select(*(sa.func.json_group_array(c) for c in ordered.c)))
        return list(zip(json.loads(ids), json.loads(values)))

    def _fetch(self, session: Session, raw: DriverConnection, statement: ClauseElement) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self._execute(session, raw, statement).fetchall()
        return rows

    def _execute(self, session: Session, raw: DriverConnection, statement: ClauseElement) -> Any:
        """A Core statement run by the driver (SQLAlchemy's row objects cost ~5 µs a row); its DB-API cursor."""
        # A query compiles to a SQLCompiler (positional or not); compile() declares only the base class.
        compiled = cast(SQLCompiler, statement.compile(dialect=session.get_bind().dialect,
                                                       compile_kwargs={"render_postcompile": True}))
        params = compiled.construct_params()
        if not compiled.positional:     # a server's driver takes named parameters, typed as they are
            return raw.execute(compiled.string, params)
        return raw.execute(compiled.string, [_driver_value(params[name]) for name in compiled.positiontup or ()])

    # -- search --------------------------------------------------------------------------------
    def _prepare(self, base: _Base) -> None:
        """Read the base's search texts on a thread of their own once the list is shown, so that the
        first keystroke finds them ready (reading them takes ~0.15 s at 100k rows; a clerk takes
        longer to start typing). The first search waits for it if it is still reading."""
        if self._aligned is not None and self._aligned[0].filters == base.filters:
            return      # the same rows in another order: put in this order when searched (fast)
        if self._preparing is not None:
            if self._preparing.base.filters == base.filters:
                return
            self._preparing.stop()      # other rows now: not needed
        preparing = _Preparing(base)

        def read() -> None:
            try:
                with self._connection() as (session, raw):
                    rows = self._read_texts(session, raw, base, preparing)
                    if rows is not None:
                        preparing.found.append(rows)
            except Exception:       # the data folder closed meanwhile: the first search reads them
                preparing.found.clear()

        # A moment later: the shown rows are painted first (the thread would share the interpreter with them).
        preparing.timer = threading.Timer(_PREPARE_AFTER, read)
        preparing.timer.daemon = True
        self._preparing = preparing
        preparing.timer.start()

    def _rows(self, session: Session, raw: DriverConnection, base: _Base) -> Rows:
        """The base's rows with their search texts, in its order: prepared after it was shown, or read now."""
        aligned, self._aligned = self._aligned, None
        if aligned is not None and aligned[0] is base:
            self._aligned = aligned
            return aligned[1]
        preparing, self._preparing = self._preparing, None
        prepared: Rows | None = None
        if preparing is not None and preparing.base.filters == base.filters:
            prepared = preparing.wait()
            if prepared is not None and preparing.base is not base:
                prepared = _reordered(prepared, base.ids)
        elif preparing is not None:
            preparing.stop()
        if prepared is not None:
            rows = prepared
        elif aligned is not None and aligned[0].filters == base.filters:
            rows = _reordered(aligned[1], base.ids)     # sorted again: the texts read before
        else:
            read = self._read_texts(session, raw, base)
            assert read is not None     # only a preparation is stopped
            rows = read
        self._aligned = (base, rows)
        return rows

    def _read_texts(self, session: Session, raw: DriverConnection, base: _Base,
                    preparing: _Preparing | None = None) -> Rows | None:
        """The base's rows with their search texts, in its order (None: a preparation stopped).

        Read in that order (not looked up by row id): the texts then lie in memory in the order
        they are scanned, which makes a scan about twice as fast. A chunk at a time, not fetchall:
        100k tuples freed at once would leave the memory they took fragmented; a chunk's texts are
        converted together (a few C calls instead of five Python calls a row, each short enough
        not to hold up the window). A preparing thread lets the window's own reads go first.
        """
        table = self._table
        texts = [_as_utf8(table.c[name], session) for name in ("search_key", "title_fold", "title_casefold")]
        statement = select(ROWID, *texts).where(base.where).order_by(*(base.order or [ROWID]))
        rows = Rows([], [], [], [])
        cursor = None
        while True:
            if preparing is not None:
                foreground.wait_until_quiet()
                if preparing.stopped:
                    return None
            if cursor is None:
                cursor = self._execute(session, raw, statement)
            chunk = cursor.fetchmany(_TEXT_CHUNK)
            if not chunk:
                break
            ids, keys, stored_folds, stored_exact = map(list, zip(*chunk))
            rows.ids += ids
            rows.keys += bytes_view(_utf8(keys))
            folded, exact = _utf8(stored_folds, None), _utf8(stored_exact, None)
            if None in folded or None in exact:     # rows written around records.stored_columns
                titles = self._titles(raw, [i for i, f, e in zip(ids, folded, exact) if f is None or e is None])
                folded = [f if f is not None else search_form(titles[i]).encode() for i, f in zip(ids, folded)]
                exact = [e if e is not None else exact_search_form(titles[i]).encode() for i, e in zip(ids, exact)]
            rows.folded += bytes_view(folded)
            rows.exact += bytes_view(exact)
        if rows.ids != base.ids:         # ordered in Python (or changed since): put them in the base's order
            rows = _reordered(rows, base.ids)
        return rows

    def _titles(self, raw: DriverConnection, keys: Sequence[int]) -> dict[int, str]:
        """The titles of these rows, by row id."""
        title = self.reg.title_field
        found = raw.execute(f'SELECT rowid, "{title}" FROM "{self._table.name}" '
                            f'WHERE rowid IN ({", ".join("?" * len(keys))})', list(keys))
        return {rowid: text or "" for rowid, text in found}

    def _searched(self, session: Session, raw: DriverConnection, base: _Base, search: str) -> Sequence[int]:
        words = search_words(search)
        exact_words = search_words(search, exact=True)     # "đ" and "d" match alike, rank apart
        kept = [found for found in self._searches if found.base is base]
        same = next((found for found in kept if found.words == words and found.exact_words == exact_words), None)
        if same is not None:            # searched a moment ago (a clerk deleting what they typed)
            return same.shown
        # Typing on narrows: when every earlier word is inside one of the new ones, the new matches
        # are among the earlier ones.
        earlier = [found for found in kept if all(any(o in n for n in words) for o in found.words)]
        if earlier:
            start = min(earlier, key=lambda found: len(found.matched.ids))
            matched, known = start.matched, start.words
        else:
            matched, known = self._rows(session, raw, base), ()
        for word in words:
            if not any(word in k for k in known):     # else every row there holds it already
                matched = matched.narrowed(word)
        shown = Ranked(matched, exact_words, words)
        self._searches = [*kept[-(_SEARCHES_KEPT - 1):], Search(base, words, exact_words, matched, shown)]
        return shown

    # -- the register's flag -----------------------------------------------------------------
    def _flagged(self, session: Session | None = None, raw: DriverConnection = None) -> set[int]:
        """Row ids of the unit's (not voided) records the flag holds for on the list's day, once per change."""
        if self.reg.flag is None:
            return set()
        if self._flagged_ids is None or self._flagged_ids[0] != self.today:
            if session is None or raw is None:
                with self._connection() as (session, raw):
                    return self._flagged(session, raw)
            table = self._table
            where = sa.and_(table.c.unit_code == self._unit_code, table.c.voided.is_(False),
                            to_sql(self.reg.flag.condition, table, {"today": self.today}))
            with foreground.reading():    # a thread preparing search texts waits meanwhile
                ids = {rowid for (rowid,) in self._fetch(session, raw, select(ROWID).select_from(table).where(where))}
            self._flagged_ids = (self.today, ids)
        return self._flagged_ids[1]

    # -- rows ----------------------------------------------------------------------------------
    def _read_rows(self, keys: Sequence[int]) -> None:
        """Rows as records.query gives them (typed by the columns' own converters), by the driver.
        Looking back, a dated history's field and its since-date are read as they stood that day, and what
        tells of its handling is left empty where it tells of later (History.handled_after)."""
        names = [c.name for c in self._table.columns]
        history = self.reg.history
        looking_back = history is not None and self._query is not None and self._query.as_of is not None
        listed = ", ".join(f'"{name}"' for name in names)
        with self._connection() as (session, raw):
            converters = self._converters(session, names)
            cursor = raw.execute(f'SELECT rowid, {listed} FROM "{self._table.name}" '
                                 f'WHERE rowid IN ({", ".join("?" * len(keys))})', keys)
            for rowid, *values in cursor:
                self._pages[rowid] = {name: (convert(value) if convert and value is not None else value)
                                      for name, convert, value in zip(names, converters, values)}
            if looking_back and history is not None:
                self._read_as_of(session, raw, keys, history)

    def _read_as_of(self, session: Session, raw: DriverConnection, keys: Sequence[int], history: History) -> None:
        day = Param("today")
        params = {"today": self.today}
        statement = select(ROWID, value_sql(history.value_on(day), self._table, params),
                           value_sql(history.since_on(day), self._table, params)).where(ROWID.in_(keys))
        for rowid, value, since in self._execute(session, raw, statement):
            row = self._pages.get(rowid)
            if row is not None:
                if history.handled_after(value, row[history.since_field], self.today):
                    row.update(dict.fromkeys(history.handling))
                row[history.field] = value
                row[history.since_field] = date.fromisoformat(since) if isinstance(since, str) else since

    def _converters(self, session: Session, names: list[str]) -> list[Callable[[Any], Any] | None]:
        """SQLAlchemy's converters from what SQLite stores to the column's Python type (dates...)."""
        dialect = session.get_bind().dialect
        return [self._table.c[name].type.dialect_impl(dialect).result_processor(dialect, None) for name in names]


def _reordered(rows: Rows, ids: list[int]) -> Rows:
    """The same rows' texts in another order (ids: the same row ids, sorted by another column)."""
    place = {rowid: i for i, rowid in enumerate(rows.ids)}
    places = [place[rowid] for rowid in ids if rowid in place]
    return Rows([rows.ids[i] for i in places], [rows.keys[i] for i in places], [rows.folded[i] for i in places],
                [rows.exact[i] for i in places])


def _as_utf8(column: ColumnElement[Any], session: Session) -> ColumnElement[Any]:
    """A text column as SQLite hands it over untouched, its UTF-8 bytes (no text object made per
    row); a server's driver decodes texts itself (_utf8 encodes them again)."""
    if is_sqlite(session):
        return sa.cast(column, sa.LargeBinary)
    return column


def _utf8(values: list[Any], empty: bytes | None = b"") -> list[Any]:
    """Texts read through _as_utf8 as bytes; a missing one as `empty`."""
    if values and type(values[0]) is bytes and None not in values:      # SQLite's, as they came
        return values
    return [v if type(v) is bytes else empty if v is None else v.encode() for v in values]


def _driver_value(value: object) -> object:
    # What SQLAlchemy's bind processors make of a filter's values for SQLite.
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value
