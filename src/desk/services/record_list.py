"""The rows a register screen shows, fast at 100k records: filtered and sorted in SQL, searched in
memory, narrowed by Python rules once per change of the data, each row read only when it is shown.

A screen keeps one RecordList and calls show() when its controls change (cheap: the ordered row
ids are reused, only the search runs again) and show(reload=True) when the data may have changed.
What the list holds is the order of row keys; record(position) reads that row (a dict, as
records.query returns it) a page at a time.

The order is the same everywhere: exact-diacritic matches of the search in the title first, then
folded matches in the title, then matches in the other searched fields (text.match_rank), each
group in the column's Vietnamese order (domain.sort_keys), ties in the order records were added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import compress, repeat
from operator import and_, contains, not_

import sqlalchemy as sa
from sqlalchemy import Integer, case, literal_column, nulls_last, select
from sqlalchemy.sql import operators
from sqlmodel import Session

from desk.domain.fields import FieldSpec
from desk.domain.sort_keys import key_of, vi_order, vi_sort_text
from desk.domain.text import fold, match_rank, nfc
from desk.services import records
from desk.domain.register import Register
from desk.store.security import AuditEntry
from desk.store.models import table_of

Sessions = Callable[[], AbstractContextManager[Session]]
Predicate = Callable[[Mapping], bool]
FlagRule = Callable[[Mapping, date], bool]

_PAGE = 100                 # rows read at once when one is shown (a screen shows about 30)
_PAGES_KEPT = 5_000         # rows kept read (about the screens a clerk scrolled through)
_BASES_KEPT = 4             # orders kept (filter and sort combinations a clerk goes back to)
_SEARCHES_KEPT = 8          # searches kept per order (typing on narrows them; deleting finds them)
_CASE_LIMIT = 1_000         # distinct values of a choice column sorted with CASE in SQL
_ROWID = literal_column("rowid", Integer)
def python_order(spec: FieldSpec, labels: dict, descending: bool, keyed: list[tuple[object, object]]) -> list:
    """Keys of (key, value) pairs ordered by the values as the column sorts, ties in the given order;
    descending is the exact reverse. Dates and numbers: empty ones last in both directions."""
    if spec.codec.ordered:
        present = [kv for kv in keyed if kv[1] is not None]
        present.sort(key=lambda kv: kv[1])
        missing = [k for k, v in keyed if v is None]
        ordered = [k for k, _ in present]
        return ordered[::-1] + missing[::-1] if descending else ordered + missing
    if spec.codec.listed:
        as_text = lambda value: spec.codec.display(spec, value, labels)  # noqa: E731
        key = vi_sort_text
    else:
        as_text, key = (lambda value: value), key_of(spec)
    if key is vi_sort_text:     # long texts (proposal, result): whole keys only where primaries tie
        ordered = [keyed[position][0] for position in vi_order([as_text(value) for _, value in keyed])]
        return ordered[::-1] if descending else ordered
    memo: dict = {}

    def sort_key(kv):
        value = kv[1]
        found = memo.get(value)
        if found is None:
            found = memo[value] = key(as_text(value))
        return found

    ordered = [k for k, _ in sorted(keyed, key=sort_key)]
    return ordered[::-1] if descending else ordered


class RecordList:
    """The shown rows of one register, in order; what the table model reads."""

    def __init__(self, reg: Register):
        self.reg = reg
        self.labels: dict[str, dict[str, str]] = {}
        self.today = date.today()
        self._keys: list = []
        self._sort: tuple[str, bool] | None = None
        self._rule: FlagRule | None = None

    # -- what the screen sets ------------------------------------------------------------------
    def set_flag_rule(self, rule: FlagRule | None) -> None:
        """Rows for which rule(row, today) holds (and that are not voided) are flagged (overdue)."""
        self._rule = rule

    def show(self, q: records.RecordQuery, *, where: Predicate | None = None, only_flagged: bool = False,
             reload: bool = False) -> None:
        raise NotImplementedError

    def sort(self, field_name: str, descending: bool) -> None:
        raise NotImplementedError

    # -- what the model reads ------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._keys)

    def keys(self) -> list:
        """The shown rows' keys in order (a key stays with its record when the order changes)."""
        return self._keys

    def record(self, position: int) -> dict:
        raise NotImplementedError

    def position_of(self, record_id: str) -> int:
        raise NotImplementedError

    def is_flagged(self, row: Mapping) -> bool:
        return self._rule is not None and not row["voided"] and bool(self._rule(row, self.today))

    def flagged_count(self) -> int:
        raise NotImplementedError


class MemoryList(RecordList):
    """Rows held as dicts: given (a model fed by set_rows) or read by records.query on every show
    (registers with computed columns, which annotate() derives in Python; they are small)."""

    def __init__(self, reg: Register, rows: list[dict] | None = None, *, labels: dict | None = None,
                 today: date | None = None, sessions: Sessions | None = None):
        super().__init__(reg)
        self._rows: list[dict] = list(rows or [])
        self.labels = labels or {}
        self.today = today or date.today()
        self._sessions = sessions
        self._search = ""
        self._where: Predicate | None = None
        self._only_flagged = False
        self._compose()

    def show(self, q, *, where=None, only_flagged=False, reload=False) -> None:
        if self._sessions is not None:
            with self._sessions() as session:
                self._rows = records.query(session, self.reg, q)
                self.labels = records.choice_labels(session, self.reg, unit_code=q.unit_code)
        self.today = q.today or date.today()
        self._search, self._where, self._only_flagged = q.search, where, only_flagged
        self._compose()

    def sort(self, field_name: str, descending: bool) -> None:
        self._sort = (field_name, descending)
        self._compose()

    def _compose(self) -> None:
        keys = list(range(len(self._rows)))
        if self._sort is not None:
            spec = self.reg.spec[self._sort[0]]
            keys = python_order(spec, self.labels, self._sort[1], [(k, self._rows[k].get(spec.name)) for k in keys])
        if fold(self._search).split():
            title = self.reg.title_field
            keys.sort(key=lambda k: match_rank(self._search, self._rows[k].get(title) or ""))
        if self._where is not None:
            keys = [k for k in keys if self._where(self._rows[k])]
        if self._only_flagged:
            keys = [k for k in keys if self.is_flagged(self._rows[k])]
        self._keys = keys

    def record(self, position: int) -> dict:
        return self._rows[self._keys[position]]

    def position_of(self, record_id: str) -> int:
        return next((i for i, k in enumerate(self._keys) if self._rows[k]["id"] == record_id), -1)

    def flagged_count(self) -> int:
        if self._rule is None:
            return 0
        return sum(1 for k in self._keys if self.is_flagged(self._rows[k]))


# --- the SQL-backed list ------------------------------------------------------------------------

class _Needs(BaseException):
    """A rule read a column that was not fetched (None: it wanted every column). A BaseException, so
    that a rule's own `except Exception` does not swallow it."""

    def __init__(self, column: str | None):
        super().__init__(column)
        self.column = column


class _FetchedRow(Mapping):
    """A row with only the fetched columns; reading another column of the table raises _Needs."""

    __slots__ = ("_values", "_columns")

    def __init__(self, values: dict, columns: frozenset[str]):
        self._values, self._columns = values, columns

    def __getitem__(self, name):
        try:
            return self._values[name]
        except KeyError:
            if name in self._columns:
                raise _Needs(name) from None
            raise

    def get(self, name, default=None):
        if name in self._values:
            return self._values[name]
        if name in self._columns:
            raise _Needs(name)
        return default

    def __contains__(self, name) -> bool:
        if name in self._values:
            return True
        if name in self._columns:
            raise _Needs(name)
        return False

    def __iter__(self) -> Iterator:
        raise _Needs(None)

    def __len__(self) -> int:
        raise _Needs(None)


class _Recorder(dict):
    """A whole row that notes which columns a rule reads (to fetch only those)."""

    def __init__(self, values: dict, seen: set):
        super().__init__(values)
        self._seen = seen

    def __getitem__(self, name):
        self._seen.add(name)
        return super().__getitem__(name)

    def get(self, name, default=None):
        self._seen.add(name)
        return super().get(name, default)

    def __contains__(self, name) -> bool:
        self._seen.add(name)
        return super().__contains__(name)


@dataclass
class _Base:
    """The row ids of a query without its search, in a column's order, and how SQL gives them."""

    ids: list[int]
    where: object               # the SQL condition
    order: list | None          # the SQL ORDER BY that gives ids; None: ordered in Python


@dataclass
class _Rows:
    """Row ids with their search texts, side by side in one order (a base's, or its matches).

    The texts are kept as ASCII, each other character read as "?": looking for an ASCII word in
    a text of the same kind is a plain byte search (one en dash makes a str two bytes a character,
    and every search then converts the word first), and an ASCII word without "?" is found in the
    ASCII form exactly where it is in the text. Other words look in the texts themselves
    (_Originals); the casefolded titles are kept whole too, for words typed with their accents.
    """

    ids: list[int]
    keys: list[str]             # search_key
    folded: list[str]           # title_fold
    exact: list[str]            # the title casefolded (match_rank's exact form)
    exact_ascii: list[str]
    flags: tuple[set, list[bool]] | None = None     # (flagged row ids, per row: is it in them)

    def narrowed(self, word: str, originals: Callable[[], _Originals]) -> _Rows:
        """The rows whose search text holds the word (itself when they all do)."""
        if _plain(word):
            mask = list(map(contains, self.keys, repeat(word)))     # C loops: ~3x a comprehension
        else:
            keys = originals().keys
            mask = [word in keys.get(k, "") for k in self.ids]
        if all(mask):
            return self
        flags = (self.flags[0], list(compress(self.flags[1], mask))) if self.flags is not None else None
        return _Rows(*(list(compress(column, mask))
                       for column in (self.ids, self.keys, self.folded, self.exact, self.exact_ascii)), flags)

    def flagged(self, flagged: set) -> int:
        """How many of the rows are flagged (kept per row, and carried to narrower rows)."""
        if self.flags is None or self.flags[0] is not flagged:
            self.flags = (flagged, list(map(flagged.__contains__, self.ids)))
        return sum(self.flags[1])


@dataclass
class _Originals:
    """Row id -> search_key and title_fold as stored, for the rare words _Rows' ASCII forms cannot answer."""

    keys: dict[int, str]
    folded: dict[int, str]


@dataclass
class _Search:
    base: _Base
    words: tuple[str, ...]        # folded: what the rows matched
    exact_words: tuple[str, ...]  # casefolded: how they were ranked
    matched: _Rows          # in the base's order, before ranking
    shown: _Ranked


class SqlList(RecordList):
    """A register without computed columns, read straight from its table; keys are SQLite row ids."""

    def __init__(self, sessions: Sessions, reg: Register, unit_code: int):
        if reg.computed:
            raise ValueError("a register with computed columns is listed by MemoryList")
        super().__init__(reg)
        self._sessions = sessions
        self._unit_code = unit_code
        self._table = table_of(reg).__table__
        self._columns = frozenset(c.name for c in self._table.columns)
        self._query: records.RecordQuery | None = None
        self._where: Predicate | None = None
        self._only_flagged = False
        self._version: tuple | None = None
        self._forget()

    def _forget(self) -> None:
        """Drop everything read from the data (it changed)."""
        self._bases: dict[tuple, _Base] = {}
        self._searches: list[_Search] = []      # the latest last
        self._aligned: tuple[_Base, _Rows] | None = None
        self._originals: _Originals | None = None
        self._counted: tuple | None = None
        self._selections: dict[tuple, set[int]] = {}
        self._pages: dict[int, dict] = {}
        self._labels_read = False

    # -- inputs --------------------------------------------------------------------------------
    def set_flag_rule(self, rule: FlagRule | None) -> None:
        if rule is not self._rule:
            self._selections = {k: v for k, v in self._selections.items() if k[0] != "flag"}
        super().set_flag_rule(rule)

    def show(self, q, *, where=None, only_flagged=False, reload=False) -> None:
        with self._connection() as (session, raw):
            version = self._data_version(raw)
            if reload or version != self._version:
                self._forget()
                self._version = version
            if not self._labels_read:
                self.labels = records.choice_labels(session, self.reg, unit_code=self._unit_code)
                self._labels_read = True
            self._query, self._where, self._only_flagged = q, where, only_flagged
            self.today = q.today or date.today()
            self._compose(session, raw)

    def sort(self, field_name: str, descending: bool) -> None:
        self._sort = (field_name, descending)
        if self._query is not None:
            with self._connection() as (session, raw):
                self._compose(session, raw)

    # -- outputs -------------------------------------------------------------------------------
    def record(self, position: int) -> dict:
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
        if self._rule is None or self._query is None:
            return 0
        flagged = self._flagged()
        counted = self._counted
        if counted is None or counted[0] is not self._keys or counted[1] is not flagged:
            if isinstance(self._keys, _Ranked):      # the order does not matter: counted unranked
                count = self._keys.rows.flagged(flagged)
            else:
                count = sum(map(flagged.__contains__, self._keys))
            counted = self._counted = (self._keys, flagged, count)
        return counted[2]

    # -- composing the shown order -------------------------------------------------------------
    @contextmanager
    def _connection(self):
        with self._sessions() as session:
            yield session, session.connection().connection.dbapi_connection

    def _data_version(self, raw) -> tuple:
        """Changes when a record is added, edited or voided: every such write adds an audit row."""
        audit_id = raw.execute(f'SELECT max(id) FROM "{AuditEntry.__tablename__}"').fetchone()[0]
        last_row = raw.execute(f'SELECT max(rowid) FROM "{self._table.name}"').fetchone()[0]
        return audit_id, last_row

    def _compose(self, session: Session, raw) -> None:
        q = self._query
        base = self._base(session, raw, q)
        keys = base.ids
        if fold(q.search).split():
            keys = self._searched(session, raw, base, q.search)
        if self._where is not None:
            # One click-through selection at a time is kept (each is a set of row ids).
            self._selections = {k: v for k, v in self._selections.items() if k[0] != "where" or k[1] is self._where}
            where = self._selection(session, raw, ("where", self._where), self._where, skip_voided=False)
            keys = [k for k in keys if k in where]
        if self._only_flagged and self._rule is not None:
            flagged = self._flagged(session, raw)
            keys = [k for k in keys if k in flagged]
        self._keys = keys

    def _base(self, session: Session, raw, q) -> _Base:
        """Row ids of the query without its search, in the column's order."""
        filters = (q.unit_code, tuple(sorted((k, tuple(sorted(v))) for k, v in q.equals.items())),
                   q.date_from, q.date_to, q.include_voided)
        found = self._bases.get((filters, self._sort))
        if found is None:
            if len(self._bases) >= _BASES_KEPT:
                self._bases.pop(next(iter(self._bases)))
            found = self._reversed(filters) or self._ordered(session, raw, q)
            self._bases[(filters, self._sort)] = found
        return found

    def _reversed(self, filters: tuple) -> _Base | None:
        """The other direction of a column already sorted, turned round (a second click on its
        header); not for dates and numbers, whose empty cells stay last both ways."""
        if self._sort is None or self.reg.spec[self._sort[0]].codec.ordered:
            return None
        other = self._bases.get((filters, (self._sort[0], not self._sort[1])))
        if other is None:
            return None
        return _Base(other.ids[::-1], other.where, [_flip(term) for term in other.order] if other.order else None)

    def _ordered(self, session: Session, raw, q) -> _Base:
        table, rowid = self._table, _ROWID
        where = sa.and_(*records.conditions(self.reg, q, search=False))
        spec, descending = (self.reg.spec[self._sort[0]], self._sort[1]) if self._sort else (None, False)
        order = self._sql_order(raw, spec, descending) if spec is not None else [rowid]
        if order is not None:
            ids = [r for (r,) in self._fetch(session, raw, select(rowid).select_from(table).where(where).order_by(*order))]
            if not (spec is not None and spec.name == self.reg.title_field and ids):
                return _Base(ids, where, order)
            # Empty keys sort first (last descending): one there means rows written without them.
            edge = ids[-1] if descending else ids[0]
            missing = raw.execute(f'SELECT title_sort IS NULL FROM "{table.name}" WHERE rowid = ?', (edge,)).fetchone()
            if not (missing and missing[0]):
                return _Base(ids, where, order)
        # A text column without a stored key: sorted here.
        values = self._fetch(session, raw, select(rowid, table.c[spec.name]).where(where).order_by(rowid))
        return _Base(python_order(spec, self.labels, descending, values), where, None)

    def _sql_order(self, raw, spec: FieldSpec, descending: bool) -> list | None:
        """ORDER BY for a column (ties by row id; descending the exact reverse), None: sort in Python."""
        table = self._table

        def direction(*terms):
            return [term.desc() if descending else term.asc() for term in (*terms, _ROWID)]

        if spec.codec.ordered:
            column = table.c[spec.name]
            return [nulls_last(term) for term in direction(column)[:1]] + direction()
        if spec.name == self.reg.title_field:
            return direction(table.c.title_sort)
        if spec.codec.listed:
            values = [v for (v,) in raw.execute(f'SELECT DISTINCT "{spec.name}" FROM "{table.name}" '
                                                'WHERE unit_code = ?', (self._unit_code,))]
            if len(values) > _CASE_LIMIT:
                return None
            texts = {v: spec.codec.display(spec, v, self.labels) for v in values}
            ranks = {text: i for i, text in enumerate(sorted(set(texts.values()) | {""}, key=vi_sort_text))}
            by_value = {v: ranks[text] for v, text in texts.items() if v is not None}
            if not by_value:
                return direction()
            return direction(case(by_value, value=table.c[spec.name], else_=ranks[""]))
        return None

    def _fetch(self, session: Session, raw, statement) -> list[tuple]:
        return self._execute(session, raw, statement).fetchall()

    def _execute(self, session: Session, raw, statement):
        """A Core statement run by the driver (SQLAlchemy's row objects cost ~5 µs a row)."""
        compiled = statement.compile(dialect=session.get_bind().dialect,
                                     compile_kwargs={"render_postcompile": True})
        params = compiled.construct_params()
        return raw.execute(compiled.string, [_driver_value(params[name]) for name in compiled.positiontup or ()])

    # -- search --------------------------------------------------------------------------------
    def _rows(self, session: Session, raw, base: _Base) -> _Rows:
        """The base's rows with their search texts, in its order; read at its first search.

        Read in that order (not looked up by row id): the texts then lie in memory in the order
        they are scanned, which makes a scan about twice as fast. Row by row, not fetchall: 100k
        tuples freed at once would leave the memory they took fragmented.
        """
        if self._aligned is not None and self._aligned[0] is base:
            return self._aligned[1]
        self._aligned = None
        table = self._table
        columns = (_ROWID, table.c.search_key, table.c.title_fold, table.c[self.reg.title_field])
        statement = select(*columns).where(base.where)
        rows = _Rows([], [], [], [], [])
        ids, keys, folded, exact, exact_ascii = rows.ids, rows.keys, rows.folded, rows.exact, rows.exact_ascii
        for rowid, key, title_fold, title in self._execute(session, raw, statement.order_by(*(base.order or [_ROWID]))):
            title = nfc(title or "")
            ids.append(rowid)
            keys.append(_ascii(key or ""))
            folded.append(_ascii(title_fold if title_fold is not None else fold(title)))
            casefolded = title.casefold()
            exact.append(casefolded)
            exact_ascii.append(_ascii(casefolded))
        if ids != base.ids:         # ordered in Python (or changed since): put them in the base's order
            place = {rowid: i for i, rowid in enumerate(ids)}
            places = [place[rowid] for rowid in base.ids if rowid in place]
            rows = _Rows([ids[i] for i in places],
                         *([column[i] for i in places] for column in (keys, folded, exact, exact_ascii)))
        self._aligned = (base, rows)
        return rows

    def _original_texts(self) -> _Originals:
        """Read at the first word the ASCII forms cannot answer (once per change of the data); on
        its own connection, as a ranking may need it after show() returned (_Ranked is lazy)."""
        if self._originals is None:
            found = _Originals({}, {})
            with self._connection() as (_session, raw):
                cursor = raw.execute(f'SELECT rowid, search_key, title_fold, "{self.reg.title_field}" '
                                     f'FROM "{self._table.name}" WHERE unit_code = ?', (self._unit_code,))
                for rowid, key, title_fold, title in cursor:
                    found.keys[rowid] = key or ""
                    found.folded[rowid] = title_fold if title_fold is not None else fold(nfc(title or ""))
            self._originals = found
        return self._originals

    def _searched(self, session: Session, raw, base: _Base, search: str) -> list[int]:
        words = tuple(fold(search).split())
        exact_words = tuple(nfc(search).casefold().split())     # "đ" and "d" match alike, rank apart
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
        originals = self._original_texts
        for word in words:
            if not any(word in k for k in known):     # else every row there holds it already
                matched = matched.narrowed(word, originals)
        shown = _Ranked(matched, exact_words, words, originals)
        self._searches = [*kept[-(_SEARCHES_KEPT - 1):], _Search(base, words, exact_words, matched, shown)]
        return shown

    # -- rules over every row ------------------------------------------------------------------
    def _flagged(self, session: Session | None = None, raw=None) -> set[int]:
        rule, today = self._rule, self.today
        signature = ("flag", today)
        if signature not in self._selections:
            if raw is None:
                with self._connection() as (session, raw):
                    return self._flagged(session, raw)
            self._selection(session, raw, signature, lambda row: rule(row, today), skip_voided=True)
        return self._selections[signature]

    def _selection(self, session: Session, raw, signature: tuple, predicate: Predicate, *, skip_voided: bool) -> set[int]:
        """Row ids of the unit's records for which predicate(row) holds, computed once per data change.

        The rule is called with only the columns it reads (found on a few whole rows, and again
        whenever it reads another), once per distinct combination of their values: a rule is a
        function of the row it is given.
        """
        found = self._selections.get(signature)
        if found is not None:
            return found
        columns = self._columns_read(session, predicate)
        while True:
            try:
                found = self._evaluate(session, raw, predicate, columns, skip_voided)
                break
            except _Needs as needs:
                columns = sorted(self._columns) if needs.column is None else sorted({*columns, needs.column})
        self._selections[signature] = found
        return found

    def _columns_read(self, session: Session, predicate: Predicate) -> list[str]:
        sample = session.execute(select(self._table).where(self._table.c.unit_code == self._unit_code)
                                 .limit(50)).mappings().all()
        seen: set = set()
        for row in sample:
            try:
                predicate(_Recorder(row, seen))
            except Exception:       # noqa: BLE001 - the full pass raises it where it belongs
                pass
        return sorted(seen & self._columns)

    def _evaluate(self, session: Session, raw, predicate: Predicate, columns: list[str], skip_voided: bool) -> set[int]:
        """SQLite groups the rows by the values the rule reads; the rule runs once per group."""
        converters = self._converters(session, columns)
        listed = ", ".join(f'"{c}"' for c in columns)
        sql = (f'SELECT group_concat(rowid){", " if columns else ""}{listed} FROM "{self._table.name}" '
               f'WHERE unit_code = ?{" AND voided = 0" if skip_voided else ""}')
        if columns:
            sql += f" GROUP BY {listed}"
        hits: set[int] = set()
        for row in raw.execute(sql, (self._unit_code,)):
            if row[0] is None:      # no rows at all
                continue
            typed = {c: (convert(v) if convert and v is not None else v)
                     for c, convert, v in zip(columns, converters, row[1:])}
            if predicate(_FetchedRow(typed, self._columns)):
                hits.update(map(int, row[0].split(",")))
        return hits

    # -- rows ----------------------------------------------------------------------------------
    def _read_rows(self, keys: list[int]) -> None:
        """Rows as records.query gives them (typed by the columns' own converters), by the driver."""
        names = [c.name for c in self._table.columns]
        listed = ", ".join(f'"{name}"' for name in names)
        with self._connection() as (session, raw):
            converters = self._converters(session, names)
            cursor = raw.execute(f'SELECT rowid, {listed} FROM "{self._table.name}" '
                                 f'WHERE rowid IN ({", ".join("?" * len(keys))})', keys)
            for rowid, *values in cursor:
                self._pages[rowid] = {name: (convert(value) if convert and value is not None else value)
                                      for name, convert, value in zip(names, converters, values)}

    def _converters(self, session: Session, names: list[str]) -> list:
        """SQLAlchemy's converters from what SQLite stores to the column's Python type (dates...)."""
        dialect = session.get_bind().dialect
        return [self._table.c[name].type.dialect_impl(dialect).result_processor(dialect, None) for name in names]


def _flip(term):
    """An ORDER BY term in the other direction (ASC <-> DESC)."""
    inner = term.element
    return inner.asc() if term.modifier is operators.desc_op else inner.desc()


def _driver_value(value):
    # What SQLAlchemy's bind processors make of a filter's values for SQLite.
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


class _Ranked(Sequence):
    """The matches in text.match_rank's order (exact matches in the title, then folded ones, then
    the rest, each in the base's order), worked out only as far as they are read: the first
    screen of a search over 100k rows needs the first few hundred."""

    _CHUNK = 4096

    def __init__(self, rows: _Rows, exact_words: tuple[str, ...], folded_words: tuple[str, ...],
                 originals: Callable[[], _Originals]):
        self.rows = rows
        self._exact_words, self._folded_words, self._originals = exact_words, folded_words, originals
        self._done: list[int] = []
        self._phase, self._at = 0, 0        # phase 0: exact matches, 1: folded ones, 2: the rest
        self._rest_ids: list[int] = []      # rows not matched exactly, for phase 1
        self._rest_folded: list[str] = []
        self._last: list[int] = []          # rows not matched in the title, for phase 2

    def __len__(self) -> int:
        return len(self.rows.ids)

    def __getitem__(self, position):
        if isinstance(position, slice):
            stop = position.indices(len(self))[1]
            self._work(stop - 1)
            return self._done[position]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        self._work(position)
        return self._done[position]

    def __iter__(self) -> Iterator[int]:
        self._work(None)
        return iter(self._done)

    def index(self, key, *args) -> int:
        self._work(None)
        return self._done.index(key, *args)

    def _work(self, upto: int | None) -> None:
        """Rank until position `upto` is known (None: all)."""
        rows, chunk = self.rows, self._CHUNK
        while self._phase < 3 and (upto is None or len(self._done) <= upto):
            if self._phase == 0:
                a, b = self._at, min(self._at + chunk, len(rows.ids))
                ids = rows.ids[a:b]
                zero = _holding(ids, self._exact_words,
                                lambda word: (rows.exact_ascii if _plain(word) else rows.exact)[a:b])
                others = list(map(not_, zero))
                self._done.extend(compress(ids, zero))
                self._rest_ids.extend(compress(ids, others))
                self._rest_folded.extend(compress(rows.folded[a:b], others))
                self._at = b
            elif self._phase == 1:
                a, b = self._at, min(self._at + chunk, len(self._rest_ids))
                ids, folded = self._rest_ids[a:b], self._rest_folded[a:b]
                one = _holding(ids, self._folded_words,
                               lambda word: folded if _plain(word) else [self._originals().folded.get(k, "") for k in ids])
                self._done.extend(compress(ids, one))
                self._last.extend(compress(ids, map(not_, one)))
                self._at = b
            else:
                self._done.extend(self._last)
                self._at = len(self._last)
            if self._at >= (len(rows.ids), len(self._rest_ids), len(self._last))[self._phase]:
                self._phase, self._at = self._phase + 1, 0


def _holding(ids: list[int], words, texts_for: Callable[[str], list[str]]) -> list[bool]:
    """Per row: does its text (texts_for(word), side by side with ids) hold every word."""
    mask = None
    for word in words:
        found = map(contains, texts_for(word), repeat(word))
        mask = list(found) if mask is None else list(map(and_, mask, found))
    return mask if mask is not None else [True] * len(ids)


def _plain(word: str) -> bool:
    """An ASCII word without "?": what the ASCII forms of the texts answer exactly."""
    return word.isascii() and "?" not in word


def _ascii(text: str) -> str:
    return text if text.isascii() else text.encode("ascii", "replace").decode("ascii")


def for_register(sessions: Sessions, reg: Register, unit_code: int) -> RecordList:
    """The list a register screen shows: SQL-backed, or in memory for registers with computed columns."""
    if reg.computed:
        return MemoryList(reg, sessions=sessions)
    return SqlList(sessions, reg, unit_code)

