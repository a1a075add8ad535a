"""Save, void, read and query register records; every check comes from the field declaration."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, and_, literal, literal_column, or_, select, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col

from desk.domain import derived_keys, sort_keys, state_history, units
from desk.domain.access import Actor, Permission, os_actor, require
from desk.domain.conditions import Condition, Param
from desk.domain.derived_keys import MEMO_LIMIT, TITLE_SORT, DerivedKeys, derived_columns
from desk.domain.fields import Choice, FieldSpec
from desk.domain.file_rows import FileRows
from desk.domain.kinds import Stored
from desk.domain.lang import t
from desk.domain.register import Record, Register, Row
from desk.domain.registers import by_table, naming
from desk.domain.state_history import Entry
from desk.domain.text import clean, match_rank, search_words
from desk.errors import UserError, ValidationError
from desk.services import derivations, office, period_lock, states
from desk.store import audit
from desk.store.conditions import to_sql
from desk.store.dialect import IDS_AT_ONCE, ROWID_COLUMN
from desk.store.models import ChoiceItem, RecordColumns, sql_table, table_of

VOID_REASON = "void_reason"


def utc_now() -> datetime:
    return datetime.now(UTC)


def choices(session: Session, reg: Register, field_name: str, *, include_inactive: bool = False,
            unit_code: int | None = None) -> tuple[Choice, ...]:
    """The allowed codes and labels of a choice field, in display order.

    A reference field's choices are the referred register's records of the unit (voided ones
    only with include_inactive); a fixed list may depend on the unit type (a callable).
    unit_code defaults to this installation's office unit.
    """
    spec = reg.spec[field_name]
    if spec.ref:
        return _ref_choices(session, spec.ref, _unit_code(session, unit_code), include_inactive)
    if spec.choices is not None and spec.choices in reg.fixed_choices:
        found = reg.fixed_choices[spec.choices]
        if callable(found):
            code = _unit_code(session, unit_code)
            return found(units.unit(code).unit_type if code else "xã")
        return found
    query = select(ChoiceItem).where(col(ChoiceItem.list_name) == spec.choices).order_by(col(ChoiceItem.position))
    items = session.scalars(query).all()
    listed = tuple(Choice(i.code, i.vi, i.en or i.vi) for i in items if include_inactive or i.active)
    local = reg.local_choices.get(spec.choices or "")
    code = _unit_code(session, unit_code) if local else None
    if local is None or code is None:
        return listed
    province = units.unit(code).province
    return tuple(local(choice, province) for choice in listed)


def choice_labels(session: Session, reg: Register, *, vietnamese: bool = False,
                  unit_code: int | None = None) -> dict[str, dict[str, str]]:
    """field name -> code -> label, for every choice, multi-choice and reference field, computed ones
    too (inactive codes and voided references too: old records keep them). A list's labels come in its
    order; a reference's in the order its records were entered (a label is looked up by its code: putting
    20,000 officials in the chooser's order would only slow the lists that name them)."""
    labels = {}
    for spec in (*reg.fields, *reg.computed):
        if not spec.codec.listed:
            continue
        if spec.ref:
            labels[spec.name] = _ref_labels(session, spec.ref, _unit_code(session, unit_code))
        else:
            labels[spec.name] = {c.code: c.vi if vietnamese else c.label
                                 for c in choices(session, reg, spec.name, include_inactive=True, unit_code=unit_code)}
    return labels


def _unit_code(session: Session, unit_code: int | None) -> int | None:
    if unit_code is not None:
        return unit_code
    unit = office.office_unit(session)
    return unit.code if unit else None


def _ref_choices(session: Session, table_name: str, unit_code: int | None, include_voided: bool) -> tuple[Choice, ...]:
    target = by_table(table_name)
    rows = _ref_rows(session, target, unit_code, include_voided)
    rows.sort(key=target.ref_order or _title_order(target))
    return told_apart([target.as_choice(row["id"], row) for row in rows])


def told_apart(choices: list[Choice]) -> tuple[Choice, ...]:
    """Choices one label names (two officials of one name born the same year) shown by their most telling
    alias (the name and whole birthday), or the clerk could not tell which to pick; the label they share
    still names them, as one of their aliases."""
    shared = {label for label, n in Counter(c.vi for c in choices).items() if n > 1}
    return tuple(Choice(c.code, c.aliases[-1], c.aliases[-1], (c.vi, *c.aliases))
                 if c.vi in shared and c.aliases and c.aliases[-1] != c.vi else c for c in choices)


def _ref_labels(session: Session, table_name: str, unit_code: int | None) -> dict[str, str]:
    """Each record's label by its id, voided ones too, in the order they were entered."""
    target = by_table(table_name)
    return {row["id"]: target.label_of(row) for row in _ref_rows(session, target, unit_code, include_voided=True)}


def _ref_rows(session: Session, target: Register, unit_code: int | None, include_voided: bool) -> list[Row]:
    """The unit's records of a referred register, each with its id and what names and orders it (ref_fields,
    and the title's stored collation key when the title orders them)."""
    table = sql_table(table_of(target))
    read = dict.fromkeys(("id", *target.label_fields,
                          *(() if target.ref_order else (target.title_field, TITLE_SORT))))
    # In the order the records were entered, as a whole-row read gave them: what breaks the order's ties.
    query = (select(*(table.c[name] for name in read)).where(table.c.unit_code == unit_code)
             .order_by(literal_column(ROWID_COLUMN)))
    if not include_voided:
        query = query.where(table.c.voided.is_(False))
    return [dict(zip(read, row)) for row in session.execute(query)]



def _title_order(target: Register) -> Callable[[Row], str]:
    """The title's collation key, as stored with each record (20,000 officials' names sorted in ~0.03 s; made
    anew, ~0.1 s more); made here for a row stored without one."""
    title = target.spec[target.title_field]
    make = sort_keys.key_of(title)
    return lambda row: row[TITLE_SORT] or make(row.get(title.name))


# A field's stored value and what is wrong with it (None: nothing).
Converted = tuple[Stored, str | None]
# Per field: a cell (with its type) -> its conversion, or the message of the ValueError it raised.
Memo = dict[str, dict[object, Converted | str]]


def field_value(spec: FieldSpec, raw: object, allowed: tuple[Choice, ...] | None) -> Converted:
    """One field's stored value and what is wrong with it (None if nothing), or ValueError(message)
    when the input cannot be converted. Depends only on its arguments (bulk imports memoize it)."""
    value = spec.codec.parse(spec, raw, allowed)
    return value, spec.check(value)


def validate(session: Session, reg: Register, raw: Record, *, unit_code: int | None = None,
             known_choices: dict[str, tuple[Choice, ...]] | None = None, memo: Memo | None = None) -> Record:
    """Converted, normalised values of a whole record, or ValidationError listing every problem.

    known_choices: field -> choices(...) computed once by a caller validating many records (an
    import), instead of one query per choice field per record.
    memo: one dict kept by a caller validating many records (services.bulk_records): a repeated cell
    is converted once. Looked up here, in the loop: a memoizing function called per field cost more
    than the conversions it saved (100k rows are 1.8M fields, most of them repeated cells).
    """
    values: Record = {}
    errors: dict[str, str] = {}
    for spec in reg.fields:
        name = spec.name
        if not spec.in_form and name not in raw:
            continue
        given = raw.get(name)
        found = seen = None
        if memo is not None:
            seen = memo.get(name)
            if seen is None:
                seen = memo[name] = {}
            # 1, 1.0 and True are equal keys but convert differently: the type goes into the key, except
            # for text and None, which equal nothing of another type.
            key = given if given is None or type(given) is str else (type(given), given)
            try:
                found = seen.get(key)
            except TypeError:          # a list (MULTI) is not hashable
                seen = None
        if found is None:
            found = _converted(session, reg, spec, given, unit_code, known_choices)
            if seen is not None and len(seen) < MEMO_LIMIT:
                seen[key] = found
        if isinstance(found, str):     # the message of the ValueError the conversion raised
            errors[name] = found
            continue
        values[name], problem = found
        if problem:
            errors[name] = problem
    for name, message in reg.check_record(values).items():
        errors.setdefault(name, message)
    if errors:
        raise ValidationError(errors)
    return values


def _converted(session: Session, reg: Register, spec: FieldSpec, given: object, unit_code: int | None,
               known_choices: dict[str, tuple[Choice, ...]] | None) -> Converted | str:
    """field_value of one input, or the message of the ValueError it raised."""
    if not spec.codec.listed or given is None or (isinstance(given, str) and not given.strip()):
        allowed = None          # an empty input is stored empty whatever the list holds: not read
    elif known_choices is not None and spec.name in known_choices:
        allowed = known_choices[spec.name]
    else:
        allowed = choices(session, reg, spec.name, unit_code=unit_code)
    try:
        return field_value(spec, given, allowed)
    except ValueError as exc:
        return str(exc)


def _named_references(session: Session, reg: Register, values: Record, unit_code: int,
                      ref_labels: dict[str, dict[str, str]] | None = None) -> Record:
    """values with each searchable reference replaced by the referred record's label (its name)."""
    referred = [name for name in reg.search_fields if reg.spec[name].ref and values.get(name)]
    if not referred:
        return values
    labels = dict(ref_labels or {})
    for name in referred:
        if name not in labels:
            labels[name] = {c.code: c.vi for c in choices(session, reg, name, include_inactive=True,
                                                          unit_code=unit_code)}
    return named_references(reg, values, labels)


def named_references(reg: Register, values: Record, ref_labels: dict[str, dict[str, str]]) -> Record:
    """values with each searchable reference replaced by its label in ref_labels (field -> code -> label)."""
    referred = [name for name in reg.search_fields if reg.spec[name].ref and values.get(name)]
    if not referred:
        return values
    named = dict(values)
    for name in referred:
        named[name] = ref_labels[name].get(values[name], "")
    return named


def stored_columns(session: Session, reg: Register, values: Record, unit_code: int, *,
                   ref_labels: dict[str, dict[str, str]] | None = None, keys: DerivedKeys | None = None) -> Record:
    """The columns save() derives from a record's validated values (search_key, ...). Bulk imports
    (services.bulk_records) write exactly these: add a derived column here, not in save() alone.

    ref_labels: field -> code -> label of searchable references, read once by a caller saving many.
    keys: sort keys and folds remembered by a caller saving many (the same columns, made once per text).
    """
    return derived_columns(reg, *key_inputs(session, reg, values, unit_code, ref_labels), keys)


def key_inputs(session: Session, reg: Register, values: Record, unit_code: int,
               ref_labels: dict[str, dict[str, str]] | None = None) -> tuple[Record, Record]:
    """derived_keys.key_inputs of a record, its references named from the database (or ref_labels)."""
    return derived_keys.key_inputs(reg, values, _named_references(session, reg, values, unit_code, ref_labels))


def warnings(session: Session, reg: Register, values: Record, *, unit_code: int,
             record_id: str | None = None, earlier: FileRows | None = None) -> list[str]:
    """What the clerk should confirm before saving validated values (possible duplicates, limits); `earlier`:
    the rows before this one of the file being imported, compared with as stored records are.

    save() does not refuse on these: the form asks (ui.messages.confirm); an importer lists them.
    """
    return derivations.warnings(session, reg, values, unit_code=unit_code, record_id=record_id, earlier=earlier)


def save(session: Session, reg: Register, raw: Record, *, unit_code: int, record_id: str | None = None,
         actor: Actor | None = None, new_id: str | None = None,
         known_choices: dict[str, tuple[Choice, ...]] | None = None, note: str | None = None,
         origin: str | None = None, today: date | None = None, keep_history: bool = False,
         version: int | None = None) -> str:
    """Create (no record_id) or update a record; returns its id. The caller's session commits.

    new_id: the id a created record gets instead of a fresh one (an import keeps the IDs of
    records that come from another Desk; the importer checked that the id is free).
    known_choices: as for validate().
    note, origin: what the register's dated history keeps with a changed value (a guiding
    document; where the change came from); today: the day a change without a date is dated.
    keep_history: the dated field and its since-date are stored as given, with no new entry (an
    undo puts back what the entries it voided said).
    version: the record's version the values were edited from (a form's record when it was opened):
    RecordChanged when another save came in between; None: the version read here.

    `actor` (default: the computer's user, as a clerk) is checked and written to the audit trail,
    one row per changed field, in the same transaction.
    """
    actor = actor or os_actor()
    require(actor, Permission.ENTER_RECORDS)
    values = validate(session, reg, raw, unit_code=unit_code, known_choices=known_choices)
    now = utc_now()
    if record_id is None:
        record = table_of(reg)(id=new_id or str(uuid.uuid4()), unit_code=unit_code, created_at=now, updated_at=now)
    else:
        record = get(session, reg, record_id)
        claim(session, reg, record, version)
        if record.voided:
            raise UserError(t("Bản ghi này đã bị hủy, không sửa được.", "This record is voided and cannot be edited."))
    entries = [] if keep_history else _dated(session, reg, None if record_id is None else record, values,
                                             today or date.today())
    if reg.complete is not None:
        reg.complete(values)
    period_lock.check_save(session, reg, record, values,
                           new=record_id is None)  # a submitted period's records stay as reported
    old = {} if record_id is None else {name: getattr(record, name) for name in values}
    # Set with the values, not before the checks above: their queries would flush it as an UPDATE
    # of its own (a round trip to a server).
    record.updated_at = now
    for name, value in values.items():
        setattr(record, name, value)
    for name, value in stored_columns(session, reg, values, unit_code).items():
        setattr(record, name, value)
    session.add(record)
    session.flush()
    if record_id is not None and renamed(reg, old, values):
        rename_where_named(session, reg, [{**values, "id": record.id}])
    audit.record_changes(session, actor, audit.CREATE if record_id is None else audit.EDIT, table_of(reg), record.id,
                         old, values, at=now)
    if entries:
        states.add(session, reg, states.entry_rows(record.id, entries, actor=actor, at=now, note=note, origin=origin))
    return record.id


def renamed(reg: Register, old: Record, values: Record) -> bool:
    """The values change the label another register's search text holds of this record."""
    return any(old.get(name) != values.get(name) for name in reg.label_fields if name in values) \
        and bool(naming(reg))


def rename_where_named(session: Session, reg: Register, renamed_records: list[Record]) -> None:
    """The records that name these (a movement its official) find them by their new names: the search
    text that holds their labels is made again. renamed_records: each one's values and id."""
    labels = {r["id"]: reg.label_of(r) for r in renamed_records}
    ids = sorted(labels)
    for other, fields in naming(reg):
        table = table_of(other)
        for start in range(0, len(ids), IDS_AT_ONCE):
            chunk = ids[start:start + IDS_AT_ONCE]
            rows = session.scalars(select(table).where(or_(*(col(getattr(table, name)).in_(chunk)
                                                             for name in fields))))
            for row in rows:
                values = stored_values(row, other)
                named = {name: {values[name]: labels[values[name]]} for name in fields if values.get(name) in labels}
                for name, value in stored_columns(session, other, values, row.unit_code, ref_labels=named).items():
                    setattr(row, name, value)
    session.flush()         # what the same transaction reads next (a bulk write's Core selects) sees them


def _dated(session: Session, reg: Register, record: RecordColumns | None, values: Record,
           today: date) -> list[Entry]:
    """The entries a save adds to the register's dated history (its since-date filled in values);
    ValidationError for a date it may not carry."""
    if reg.history is None:
        return []
    history = reg.history
    old = None if record is None else {history.field: getattr(record, history.field),
                                       history.since_field: getattr(record, history.since_field)}
    entries = state_history.dated(reg, old, values, today)
    earliest = None if record is None else states.earliest_dated(session, reg, record.id)
    errors = state_history.check(reg, values, entries, today, earliest,
                                 None if old is None else old[history.since_field])
    if errors:
        raise ValidationError(errors)
    return entries


def get(session: Session, reg: Register, record_id: str) -> RecordColumns:
    record = session.get(table_of(reg), record_id)
    if record is None:
        raise UserError(t(f"Không tìm thấy bản ghi «{record_id}».", f"No record «{record_id}»."))
    return record


def void(session: Session, reg: Register, record_id: str, reason: str, *, actor: Actor | None = None) -> None:
    """Hide a record from registers and reports, keeping it and the reason (no hard deletes)."""
    actor = actor or os_actor()
    require(actor, Permission.ENTER_RECORDS)
    reason = clean(reason)
    if not reason:
        raise ValidationError({VOID_REASON: t("Phải ghi lý do hủy bản ghi.", "A reason for voiding is required.")})
    record = get(session, reg, record_id)
    claim(session, reg, record, None)
    if record.voided:
        raise UserError(t("Bản ghi này đã bị hủy trước đó.", "This record was already voided."))
    period_lock.check_void(session, reg, record)  # a submitted period's records stay as reported
    record.voided, record.void_reason = True, reason
    record.voided_at = record.updated_at = utc_now()
    session.add(record)
    session.flush()
    audit.record(session, actor, audit.VOID, table_of(reg), record_id, field="voided", old=False, new=True,
                 reason=reason, at=record.voided_at)


def unvoid(session: Session, reg: Register, record_id: str, reason: str, *, actor: Actor | None = None) -> None:
    """Bring a voided record back into registers and reports (the void stays in its history)."""
    actor = actor or os_actor()
    require(actor, Permission.ENTER_RECORDS)
    record = get(session, reg, record_id)
    claim(session, reg, record, None)
    if not record.voided:
        raise UserError(t("Bản ghi này không bị hủy.", "This record is not voided."))
    period_lock.check_void(session, reg, record)
    record.voided, record.void_reason, record.voided_at = False, None, None
    record.updated_at = utc_now()
    session.add(record)
    session.flush()
    audit.record(session, actor, audit.EDIT, table_of(reg), record_id, field="voided", old=True, new=False,
                 reason=clean(reason) or None, at=record.updated_at)


# One save of a record by someone: (who, when, [(field label, before, after), ...]).
Save = tuple[str, datetime, list[tuple[str, str, str]]]


class RecordChanged(UserError):
    """Another save of the record came in after the version the clerk edited: nothing was written.
    `version` is the record's version now (saving from it writes over the other's changes, knowingly);
    `changes` what the others changed: (who, when, [(field label, before, after), ...]) per save."""

    def __init__(self, version: int, changes: list[Save]):
        self.version, self.changes = version, changes
        said = []
        for who, at, fields in changes:
            when = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone().strftime("%H:%M %d/%m/%Y") if at else ""
            listed = "; ".join(f"{label}: «{before}» → «{after}»" for label, before, after in fields)
            said.append(t(f"«{who}» đã lưu lúc {when}" + (f" ({listed})" if listed else ""),
                          f"«{who}» saved at {when}" + (f" ({listed})" if listed else "")))
        super().__init__(t(
            "Bản ghi này vừa được người khác lưu trong khi anh/chị đang sửa, nên lần lưu này chưa được ghi: "
            + "; ".join(said) + ". Những gì anh/chị đã nhập vẫn còn trong biểu mẫu: hãy xem lại, rồi lưu lần nữa "
            "để ghi đè, hoặc đóng biểu mẫu để xem bản mới.",
            "Someone else saved this record while you were editing it, so this save was not written: "
            + "; ".join(said) + ". What you typed is still in the form: check it, then save again to write "
            "over their changes, or close the form to see the new version."))


def claim(session: Session, reg: Register, record: RecordColumns, version: int | None) -> None:
    """Raise the record's version by one from `version` (None: the version read), or RecordChanged.

    One guarded UPDATE: on a server a second Desk saving the same record waits here until the first
    commits, then finds the version moved on, so no save overwrites another unseen."""
    table = sql_table(table_of(reg))
    base = record.version if version is None else version
    claimed = session.connection().execute(
        update(table).where(table.c.id == record.id, table.c.version == base).values(version=base + 1)).rowcount
    if claimed != 1:
        session.expire(record)
        raise RecordChanged(record.version, _saved_since(session, reg, record.id, record.version - base))
    set_committed_value(record, "version", base + 1)


def _saved_since(session: Session, reg: Register, record_id: str, saves: int) -> list[Save]:
    """(who, when, [(label, before, after)]) of the record's last `saves` saves, oldest first."""
    rows = audit.history(session, table_of(reg), record_id)
    grouped: list[Save] = []
    for entry in reversed(rows):
        if grouped and grouped[-1][1] == entry.at and grouped[-1][0] == entry.actor:
            target = grouped[-1][2]
        elif len(grouped) >= max(saves, 1):
            break
        else:
            grouped.append((entry.actor, entry.at, []))
            target = grouped[-1][2]
        for name, before, after in audit.changes(entry):
            if name in reg.spec:
                target.insert(0, (reg.spec[name].label, before or "", after or ""))
    return grouped[::-1]


def data_version(session: Session) -> int:
    """Moves on with every write by anyone (each adds an audit row): a list shown on a shared server
    compares it to learn that another clerk changed something."""
    return session.connection().exec_driver_sql("SELECT max(id) FROM audit_log").scalar() or 0


def stored_values(record: RecordColumns, reg: Register) -> Record:
    """A record's declared fields as stored (what save() takes back to keep them as they are)."""
    return {spec.name: getattr(record, spec.name) for spec in reg.fields}


@dataclass
class RecordQuery:
    """What the register list shows: a search, filters by choice, a date range, voided or not."""

    unit_code: int
    search: str = ""
    equals: dict[str, frozenset[str]] = field(default_factory=dict)   # choice field -> allowed codes
    date_from: date | None = None
    date_to: date | None = None
    include_voided: bool = False
    today: date | None = None       # the day computed columns are derived on (None: today)
    # Further conditions (a filter entry such as "any open status", a click-through such as "open on
    # 14/09/2025", "only overdue"); their parameter "today" is the query's day, others come in params.
    where: tuple[Condition, ...] = ()
    params: Mapping[str, object] = field(default_factory=dict)
    # Looking back: the records as they stood at the end of this day (their state then, those raised
    # by then); None: as they are now.
    as_of: date | None = None

    def bound(self) -> Record:
        """The conditions' parameters: the query's day as "today" (the day looked back to), and its own."""
        return {"today": self.as_of or self.today or date.today(), **self.params}


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def conditions(reg: Register, q: RecordQuery, *, search: bool = True) -> list[ColumnElement[bool]]:
    """The SQL conditions of a query on the stored columns (computed columns are filtered after
    annotate); the register list (services.record_list) uses them with search=False and searches
    the same folded search_key itself."""
    table = sql_table(table_of(reg))
    found = [table.c.unit_code == q.unit_code]
    if not q.include_voided:
        found.append(table.c.voided.is_(False))
    computed = {spec.name for spec in reg.computed}
    history = reg.history
    for name, codes in q.equals.items():
        if not codes or name in computed:
            continue
        if history is not None and name == history.field:
            # The value on the query's day (today: the stored one), from the dated history.
            found.append(to_sql(history.value_on(Param("today")).among(codes), table, q.bound()))
        elif reg.spec[name].codec.multiple:
            # Stored "a,b,c": match a whole code, not a part of a longer one.
            padded = literal(",") + table.c[name] + literal(",")
            found.append(or_(*(padded.like(f"%,{_like_escape(c)},%", escape="\\") for c in sorted(codes))))
        else:
            found.append(table.c[name].in_(sorted(codes)))
    if q.as_of is not None:
        found.append(table.c[reg.date_field] <= q.as_of)    # looking back: what existed by then
    if q.date_from:
        found.append(table.c[reg.date_field] >= q.date_from)
    if q.date_to:
        found.append(table.c[reg.date_field] <= q.date_to)
    for condition in q.where:
        if not condition.columns() & computed:      # those on derived columns are checked after derive
            found.append(to_sql(condition, table, q.bound()))
    for word in search_words(q.search) if search else ():
        found.append(table.c.search_key.like(f"%{_like_escape(word)}%", escape="\\"))
    return found


def query(session: Session, reg: Register, q: RecordQuery) -> list[Record]:
    """Matching records as plain dicts; exact-diacritic search matches come first."""
    table = sql_table(table_of(reg))
    computed = {spec.name for spec in reg.computed}
    words = search_words(q.search)
    rows = [dict(r._mapping) for r in session.execute(select(table).where(and_(*conditions(reg, q))))]
    if reg.derive is not None:
        derivations.derive(session, reg, rows, q.today or date.today(), unit_code=q.unit_code)
        for name, codes in q.equals.items():
            if codes and name in computed:
                rows = [r for r in rows if r.get(name) in codes]
        params = q.bound()
        for condition in q.where:
            if condition.columns() & computed:
                rows = [r for r in rows if condition.holds(r, params)]
    if words:
        title = reg.title_field
        rows.sort(key=lambda r: match_rank(q.search, r.get(title) or ""))
    return rows
