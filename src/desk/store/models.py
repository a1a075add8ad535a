"""SQLModel tables; each register's columns are generated from its field declaration."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Optional

from sqlalchemy import Index, Table, text
from sqlmodel import Field, SQLModel
from sqlmodel.main import SQLModelMetaclass

from desk.domain.fields import FieldSpec
from desk.domain.register import History, Register
from desk.domain.registers import REGISTERS


class Setting(SQLModel, table=True):
    """Per-database settings: the office's unit, report numbering, ..."""

    key: str = Field(primary_key=True, max_length=100)
    value: str = ""


class ChoiceItem(SQLModel, table=True):
    """Editable choice lists (e.g. obstacle domains), kept in the order the clerk sees them."""

    __tablename__ = "choice_item"
    list_name: str = Field(primary_key=True, max_length=40)
    code: str = Field(primary_key=True, max_length=60)
    vi: str
    en: str = ""
    position: int = 0
    active: bool = True


class RecordColumns(SQLModel):
    """Columns every register record has, besides its declared fields."""

    id: str = Field(primary_key=True, max_length=36)
    unit_code: int = Field(index=True)
    created_at: datetime
    updated_at: datetime
    voided: bool = Field(default=False, index=True)
    void_reason: Optional[str] = None
    voided_at: Optional[datetime] = None
    # fold() of the searchable text, so search runs in SQL without Python callbacks.
    search_key: str = ""
    # Migration 0005: the title field's Vietnamese collation key (domain.sort_keys), so a
    # register sorts by it in SQL, and its fold(), to rank the search matches found in the title.
    # None: not computed (a row written around records.stored_columns); the list then computes it.
    title_sort: Optional[str] = None
    title_fold: Optional[str] = None
    # Migration 0016: the title in the form a search matches with its diacritics (text.exact_form),
    # which the list reads for its ranking instead of making it from 100k titles when a register opens.
    # None: not computed, as above; the list then makes it.
    title_casefold: Optional[str] = None
    # Migration 0012p: raised by one at every save; a save from an older version is refused
    # (several clerks on one server: the second save of the same record is told what the first changed).
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})

    if TYPE_CHECKING:
        # A register's own fields are columns its table class gets at runtime from its FieldSpecs
        # (_record_table): the type checker knows only the columns above and reads the others as Any.
        def __getattr__(self, name: str) -> Any: ...


def sql_table(model: type[SQLModel]) -> Table:
    """The Core table of a table class, for statements over many rows (insert, update, select of columns)."""
    table: Table = model.__table__  # type: ignore[attr-defined]  # set by SQLModel's metaclass, not declared
    return table


def _record_table(class_name: str, table_name: str, fields: tuple[FieldSpec, ...],
                  indexed: frozenset[str] = frozenset(), keyed_sorts: tuple[str, ...] = (),
                  history: History | None = None, title_indexed: bool = False) -> type[RecordColumns]:
    annotations: dict[str, object] = {}
    namespace: dict[str, object] = {"__tablename__": table_name, "__module__": __name__,
                                    "__annotations__": annotations}
    indexes: list[Index] = []
    if history is not None:
        # Migration 0014: an integer key of the record's own, numbered and copied onto its history's
        # rows by the database, so "its value on day D" seeks an integer index, not a text one.
        annotations["record_key"] = Optional[int]
        namespace["record_key"] = Field(default=None, unique=True, index=True)
        # The figures as of a day read these columns of every record, in key order, from one index.
        indexes.append(Index(f"ix_{table_name}_figures", "unit_code", "voided", "record_key",
                             *history.covered, history.field, history.since_field))
    if title_indexed:
        # Migration 0015: the list sorted by its title read in the key's order (no sort of 100k keys).
        # Partial: a query that does not ask for the key (every other order) keeps ix_..._figures, in
        # the rows' own order. Not on a server: a key may pass PostgreSQL's limit on an index entry.
        indexes.append(Index(f"ix_{table_name}_title_sort", "unit_code", "voided", "title_sort",
                             sqlite_where=text("title_sort IS NOT NULL")).ddl_if(dialect="sqlite"))
    if indexes:
        namespace["__table_args__"] = tuple(indexes)
    for spec in fields:
        if spec.ref:
            # Indexed: "the obstacles of this visit" and "the movements of this official" are lookups.
            annotations[spec.name] = Optional[str]
            namespace[spec.name] = Field(default=None, foreign_key=f"{spec.ref}.id", index=True)
        elif spec.codec.empty() is not None:     # booleans: never empty
            annotations[spec.name] = spec.codec.python_type
            namespace[spec.name] = Field(default=spec.codec.empty())
        else:
            annotations[spec.name] = Optional[spec.codec.python_type]
            namespace[spec.name] = Field(default=None, index=spec.name in indexed)
    for name in keyed_sorts:
        # Migration 0010: the column's collation key (domain.sort_keys), so the list sorts it in SQL;
        # None: not computed (written around records.stored_columns), the list then sorts in Python.
        annotations[f"{name}_sort"] = Optional[str]
        namespace[f"{name}_sort"] = Field(default=None)
    table: type[RecordColumns] = SQLModelMetaclass(class_name, (RecordColumns,), namespace, table=True)
    return table


_TABLES: dict[str, type[RecordColumns]] = {}


def table_of(reg: Register) -> type[RecordColumns]:
    """The table class of a register, made from its fields the first time it is asked for."""
    found = _TABLES.get(reg.name)
    if found is None:
        found = _TABLES[reg.name] = _record_table(reg.class_name, reg.table_name, reg.fields, reg.indexed_fields,
                                                    reg.keyed_sorts, reg.history, reg.title_indexed)
    return found


def forget_table(reg: Register) -> None:
    """Take a throw-away register's table out of the schema again (tests declare such registers)."""
    table = _TABLES.pop(reg.name, None)
    if table is not None:
        SQLModel.metadata.remove(table.__table__)




class HistoryColumns(SQLModel):
    """The columns of a register's dated history, declared for the type checker; each register's
    table class is made at runtime (history_table_of), with its own table name and keys."""

    if TYPE_CHECKING:
        id: Optional[int]
        record_id: str
        record_key: Optional[int]
        value: str
        effective_on: Optional[date]
        note: Optional[str]
        origin: Optional[str]
        recorded_at: datetime
        recorded_by: str
        voided: bool
        void_reason: Optional[str]


_HISTORIES: dict[str, type[HistoryColumns]] = {}
# A history's first value is undated (NULL): ordered as this day, it sorts before every dated entry, so
# "the latest entry by day D" is one range of the index with the first value in it (NULL is outside
# every range, and SQLite's index cannot be told to put it elsewhere). store.conditions orders by the
# same expression, as it must to be answered from the index.
UNDATED = "0001-01-01"


def history_table_of(reg: Register) -> type[HistoryColumns]:
    """The table of a register's dated history (Register.history): one row per value it ever had."""
    found = _HISTORIES.get(reg.name)
    if found is None:
        spec = reg.dated_history
        annotations: dict[str, object] = {
            "id": Optional[int], "record_id": str, "record_key": Optional[int], "value": str,
            "effective_on": Optional[date], "note": Optional[str], "origin": Optional[str], "recorded_at": datetime,
            "recorded_by": str, "voided": bool, "void_reason": Optional[str]}
        namespace: dict[str, object] = {
            "__tablename__": spec.table_name, "__module__": __name__, "__annotations__": annotations,
            "id": Field(default=None, primary_key=True),
            # Looked up by the record's integer key, latest dated entry first: "the state of this obstacle
            # on day D", answered by one seek in the covering index below (migrations 0010, 0014).
            "__table_args__": (Index(f"ix_{spec.table_name}_day", "record_key",
                                     text(f"coalesce(effective_on, '{UNDATED}')"), "id", "voided",
                                     "value", "effective_on"),),
            # No index of its own: readers go by the record's key (services.states); a second index of
            # random text ids made writing 50k records' 250k entries 8.4 s instead of 5.0 s.
            "record_id": Field(foreign_key=f"{reg.table_name}.id", max_length=36),
            # The record's record_key: filled by the database when a writer gives none (migration 0014).
            "record_key": Field(default=None),
            "value": Field(max_length=60), "effective_on": Field(default=None), "note": Field(default=None),
            "origin": Field(default=None), "recorded_by": Field(max_length=100),
            "voided": Field(default=False), "void_reason": Field(default=None)}
        name = "".join(part.capitalize() for part in spec.table_name.split("_"))
        found = _HISTORIES[reg.name] = SQLModelMetaclass(name, (HistoryColumns,), namespace, table=True)
    return found


for _reg in REGISTERS.values():     # every register's tables are part of the schema
    table_of(_reg)
    if _reg.history is not None:
        history_table_of(_reg)
