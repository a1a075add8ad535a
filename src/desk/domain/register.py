"""What a register is, declared once: its fields, rules, list and export, filters, flag and what it affects.

Each register is one module in desk.domain.registers exporting `REGISTER`; the store makes its
table from the fields, and services, the CLI, reports, templates, the importer and the screens
all iterate the catalogue (desk.domain.registers.catalogue) instead of naming registers.

Columns derived on a given day (a movement's state, a visit's obstacle count) and warnings the
clerk may overrule (possible duplicates) are pure functions of the register's rows and a
`Context` that the services layer fills from the store: the register needs no database code.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from desk.domain.conditions import Condition, HistoryValue, Value
from desk.domain.fields import Choice, FieldSpec, by_name
from desk.domain.kinds import Stored
from desk.domain.lang import t

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

    from desk.domain.units import ProvinceInfo

# A record's values by field name, as the store and the forms hold them (each field's kind's, kinds.Stored):
# read-only where a rule only reads them, a dict where a rule fills in derived or completed values.
Row = Mapping[str, Stored]
Record = dict[str, Stored]
FixedChoices = Mapping[str, "tuple[Choice, ...] | Callable[[str], tuple[Choice, ...]]"]
# An entry of a store list shown in the office's own terms (one generic "People's Committee of the
# province" named after this office's province): by list name, the entry as the office sees it.
LocalChoices = Mapping[str, "Callable[[Choice, ProvinceInfo], Choice]"]


class Rules(Protocol):
    """The numeric rules a derivation may read (services.rule_settings.RuleSettings)."""

    @property
    def secondment_max_months(self) -> int: ...

    @property
    def ending_soon_days(self) -> int: ...


class Context(Protocol):
    """What a register's derivations and warnings may know besides the rows they are given."""

    today: date
    unit_code: int

    @property
    def rules(self) -> Rules: ...

    def rows(self, register: str) -> list[Record]:
        """The unit's records of a register (voided ones left out), as dicts of stored values; while a file is
        imported, with the sheet's new rows before the one checked (file_rows.FILE_ROW names their row)."""

    def rows_with(self, register: str, any_of: Mapping[str, object]) -> list[Record]:
        """The unit's records of a register (voided ones left out) holding any of these field values (a
        None value matches nothing): what a duplicate check compares, without reading the whole register.
        As rows(), with a file's earlier rows while it is imported."""

    def values(self, register: str, field: str, ids: Iterable[str | None]) -> dict[str, Any]:
        """record id -> one field's stored value, for those of these records the unit has, voided ones too
        (an old movement still names an official voided since): what a derivation needs of the few records
        its rows name, without reading the whole register."""

    def count_referring(self, register: str, field: str) -> dict[str, int]:
        """record id -> how many records of `register` (not voided, dated by the register's date field on or
        before the context's day) refer to it through `field`."""


# A list's band of records without a value of group_by: without an office, the whole unit's (a xã's, a
# phường's or a đặc khu's: lists printed before said «Chung toàn xã»); else unknown.
WHOLE_UNIT_BAND = "Chung toàn đơn vị"
WHOLE_UNIT_BAND_BEFORE = "Chung toàn xã"
UNKNOWN_BAND = "Chưa xác định"


@dataclass(frozen=True)
class ListSpec:
    """How a register prints as a list: its title, the unit counted, and which records a period selects."""

    sheet_name: str
    subject: str
    unit: str                         # what a row counts: "người", "đợt", "vụ việc"
    form_code: str
    file_stem: str
    title_vi: str                     # how a message names the list: "danh sách cán bộ, công chức"
    start_field: str                  # a record overlaps a period from this date ...
    end_field: str | None             # ... to this one (None: a single day)
    group_by: str | None = None       # a choice field whose values make the bands
    all_groups: bool = False          # a band for every value of the list, empty bands too
    current_only: bool = False        # without a period: only records overlapping today (people here now)
    order: Callable[[Row], SupportsRichComparison] | None = None
    columns: tuple[str, ...] | None = None     # the export's column order, when not the declaration's
    end_of: Callable[[Row], date | None] | None = None   # the last day, when not simply end_field's
    more_columns: tuple[str, ...] = ()   # a second list of the same records: what does not fit beside the first
    # The rows set as they stood on the list's day (an official's status, with the movements that day).
    as_on: Callable[[list[Record], date, Context], None] | None = None


@dataclass(frozen=True)
class FilterGroup:
    """A filter entry standing for several codes or a rule ("any open status")."""

    key: str
    vi: str
    en: str
    condition: Condition

    @property
    def label(self) -> str:
        return t(self.vi, self.en)


@dataclass(frozen=True)
class Filter:
    """A drop-down filter of the register's list over a choice field, with its group entries first."""

    field: str
    groups: tuple[FilterGroup, ...] = ()
    vi: str = ""        # a short label beside the filter, when the field's own is long
    en: str = ""


@dataclass(frozen=True)
class Flag:
    """Rows that stand out in red (overdue, needs attention): a condition with parameter "today"."""

    condition: Condition
    vi: str
    en: str

    @property
    def label(self) -> str:
        return t(self.vi, self.en)


@dataclass(frozen=True)
class History:
    """A field whose every change is kept with the day it took effect (an obstacle's state).

    The record keeps its current value in `field` and the day that value took effect in
    `since_field` (None while it is still its first value); every value it ever had is a row of
    `table_name`, dated (the first value is undated: it holds from the record's own date on).
    """

    name: str               # how conditions name it: HistoryValue("state", ...)
    field: str              # the field it dates: "status"
    since_field: str        # "status_since"
    table_name: str         # "obstacle_state"
    first: str              # the value every record starts with: "received"
    # A value that older files date by a field of their own ("resolved" by "resolved_on").
    # dataclasses.field, spelled out: the attribute `field` above hides the name in this class's body.
    dated_by: Mapping[str, str] = dataclasses.field(default_factory=dict)
    # Values a new record given without a date is taken to have held from its own date on (an
    # obstacle entered as "in progress"); other values are dated the day they are recorded.
    from_start: frozenset[str] = frozenset()
    # The record's fields that figures as of a day count by besides the unit, the voided mark, the
    # field and since_field: one index holds them all (store.models), so counting reads no record row.
    covered: tuple[str, ...] = ()
    # The record's fields that say how its current value came about (an obstacle's result): of a record
    # that on an earlier day still had one of the `unsettled` values and has changed since, they tell of
    # what came after that day.
    handling: tuple[str, ...] = ()
    unsettled: frozenset[str] = frozenset()

    def handled_after(self, value_then: object, since_now: date | None, day: date) -> bool:
        """Unsettled on `day`, its current value taken effect after it: what `handling` says was not so then
        (a list as of that day leaves it empty)."""
        return value_then in self.unsettled and since_now is not None and since_now > day

    def value_on(self, day: Value) -> HistoryValue:
        """The field's value on a day (None before the record's first value)."""
        return HistoryValue(self.name, self.field, self.since_field, day)

    def since_on(self, day: Value) -> HistoryValue:
        """The day the value it had on `day` took effect (None for its first value)."""
        return HistoryValue(self.name, self.field, self.since_field, day, part="since")


@dataclass(frozen=True)
class Register:
    name: str                       # the CLI's and the screens' name: "obstacles"
    vi: str
    en: str
    table_name: str                 # "obstacle"
    fields: tuple[FieldSpec, ...]
    check_record: Callable[[Record], dict[str, str]]
    date_field: str                 # the date that places a record in a period
    title_field: str
    position: int                   # the order of the registers in the window and in lists of them
    fixed_choices: FixedChoices = field(default_factory=dict)
    local_choices: LocalChoices = field(default_factory=dict)
    computed: tuple[FieldSpec, ...] = ()   # derived on a day by `derive`; shown, exported, never stored
    derive: Callable[[list[Record], Context], None] | None = None
    warnings: Callable[[Record, Context, str | None], list[str]] | None = None
    ref_label: Callable[[Row], str] | None = None      # how another record names one of these
    # Other ways a file names one (an official by name alone, or with the whole birthday), from ref_fields.
    ref_aliases: Callable[[Row], tuple[str, ...]] | None = None
    ref_order: Callable[[Row], SupportsRichComparison] | None = None   # None: in the title's order
    # The fields ref_label and ref_order read (empty: the title field alone): the rest is not read for them.
    ref_fields: tuple[str, ...] = ()
    list_sort: str = ""             # the list's first sort ("" = date_field, newest first)
    list_sort_ascending: bool = False
    table_order: tuple[str, ...] = ()   # the list's first columns, when not the declaration's order
    listing: ListSpec | None = None
    filters: tuple[Filter, ...] = ()
    flag: Flag | None = None
    affects: tuple[str, ...] = ()   # registers whose derived columns or labels change with these records
    history: History | None = None  # a field whose changes are kept dated (the state of an obstacle)
    title_indexed: bool = False     # grows to 100k records: its list sorts by title from an index (SQLite)
    # Values a rule derives from others before a record is stored (an obstacle's resolved-on date is
    # the day its current state "resolved" took effect).
    complete: Callable[[Record], None] | None = None
    spec: dict[str, FieldSpec] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "spec", by_name(self.fields + self.computed))
        unknown = set(self.ref_fields) - {spec.name for spec in self.fields}
        if unknown:
            raise ValueError(f"the register {self.name} names its records by fields it lacks: {sorted(unknown)}")

    @property
    def label(self) -> str:
        return t(self.vi, self.en)

    @property
    def list_spec(self) -> ListSpec:
        """`listing`, for code that serves only registers printed as lists (ValueError for another)."""
        if self.listing is None:
            raise ValueError(f"the register {self.name} does not print as a list")
        return self.listing

    @property
    def dated_history(self) -> History:
        """`history`, for code that serves only registers with a dated history (ValueError for another)."""
        if self.history is None:
            raise ValueError(f"the register {self.name} keeps no dated history")
        return self.history

    def label_of(self, row: Row) -> str:
        """How another record names one of these (ref_label, or its title)."""
        return self.ref_label(row) if self.ref_label else str(row.get(self.title_field) or "")

    def as_choice(self, record_id: str, row: Row) -> Choice:
        """One of these offered where another record refers to it: its label, and the other names a file
        may give it."""
        label = self.label_of(row)
        return Choice(record_id, label, label, self.ref_aliases(row) if self.ref_aliases else ())

    @cached_property
    def label_fields(self) -> tuple[str, ...]:
        """The fields another record's label of one of these is made of (ref_fields, or the title)."""
        return self.ref_fields or (self.title_field,)

    @cached_property        # read per record by imports: made once
    def search_fields(self) -> tuple[str, ...]:
        """The fields folded into the search text, in declaration order."""
        return tuple(f.name for f in self.fields if f.searched)

    @cached_property
    def date_fields(self) -> tuple[str, ...]:
        """The fields whose values are days, in declaration order."""
        return tuple(f.name for f in self.fields if f.codec.python_type is date)

    @property
    def follow_up_fields(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields if f.follow_up)

    @cached_property
    def keyed_sorts(self) -> tuple[str, ...]:
        """The text columns besides the title that a register list (SQL-backed: no computed columns)
        sorts by a stored collation key, "<field>_sort" (the title's is title_sort). A field the form
        does not save (written by one service only) has none: saves would reset its key."""
        if self.computed:
            return ()
        return tuple(f.name for f in self.fields if f.in_table and f.in_form and f.name != self.title_field
                     and not f.codec.ordered and not f.codec.listed and not f.ref)

    @property
    def indexed_fields(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields if f.indexed)

    @property
    def class_name(self) -> str:
        """The store's table class name ("staffing_frame" -> "StaffingFrame")."""
        return "".join(part.capitalize() for part in self.table_name.split("_"))
