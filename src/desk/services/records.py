"""Save, void, read and query register records; every check comes from the field declaration."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy import and_, select
from sqlmodel import Session

from desk.domain.fields import Choice, FieldSpec, Kind
from desk.domain.lang import t
from desk.domain.periods import PeriodError, parse_date_vi
from desk.domain.text import clean, fold, match_rank, nfc
from desk.errors import UserError, ValidationError
from desk.services.registers import Register
from desk.store.models import ChoiceItem

VOID_REASON = "void_reason"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def choices(session: Session, reg: Register, field_name: str, *, include_inactive: bool = False) -> tuple[Choice, ...]:
    """The allowed codes and labels of a choice field, in display order."""
    spec = reg.spec[field_name]
    if spec.choices in reg.fixed_choices:
        return reg.fixed_choices[spec.choices]
    query = select(ChoiceItem).where(ChoiceItem.list_name == spec.choices).order_by(ChoiceItem.position)
    items = session.scalars(query).all()
    return tuple(Choice(i.code, i.vi, i.en or i.vi) for i in items if include_inactive or i.active)


def choice_labels(session: Session, reg: Register, *, vietnamese: bool = False) -> dict[str, dict[str, str]]:
    """field name -> code -> label, for every choice field (inactive codes too: old records keep them)."""
    return {spec.name: {c.code: c.vi if vietnamese else c.label for c in choices(session, reg, spec.name, include_inactive=True)}
            for spec in reg.fields if spec.kind == Kind.CHOICE}


def _convert(spec: FieldSpec, raw, allowed: tuple[Choice, ...] | None):
    """Raw input (typed text, a date, a number) to the stored value, or raise ValueError(message)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None if spec.kind != Kind.BOOL else False
    match spec.kind:
        case Kind.TEXT:
            return clean(str(raw))
        case Kind.LONGTEXT:
            return nfc(str(raw)).strip()
        case Kind.DATE:
            if isinstance(raw, datetime):
                return raw.date()
            if isinstance(raw, date):
                return raw
            try:
                return parse_date_vi(str(raw))
            except PeriodError as exc:
                raise ValueError(t(f"«{spec.vi}»: {exc}", f"«{spec.en}»: {exc}")) from None
        case Kind.CHOICE:
            text = clean(str(raw))
            for choice in allowed or ():
                if text == choice.code or fold(text) in (fold(choice.vi), fold(choice.en)):
                    return choice.code
            raise ValueError(t(f"«{spec.vi}»: giá trị «{text}» không có trong danh mục.",
                               f"«{spec.en}»: «{text}» is not in the list."))
        case Kind.INT:
            if isinstance(raw, bool):
                raise ValueError(t(f"«{spec.vi}» phải là số nguyên.", f"«{spec.en}» must be a whole number."))
            if isinstance(raw, int):
                return raw
            text = str(raw).strip().replace(".", "").replace(" ", "")
            try:
                return int(text)
            except ValueError:
                raise ValueError(t(f"«{spec.vi}»: «{raw}» không phải số nguyên.",
                                   f"«{spec.en}»: «{raw}» is not a whole number.")) from None
        case Kind.BOOL:
            if isinstance(raw, bool):
                return raw
            return fold(str(raw)) in {"1", "co", "x", "true", "yes", "dung"}
    raise AssertionError(spec.kind)


def validate(session: Session, reg: Register, raw: dict) -> dict:
    """Converted, normalised values of a whole record, or ValidationError listing every problem."""
    values: dict = {}
    errors: dict[str, str] = {}
    for spec in reg.fields:
        if not spec.in_form and spec.name not in raw:
            continue
        allowed = choices(session, reg, spec.name) if spec.kind == Kind.CHOICE else None
        try:
            values[spec.name] = _convert(spec, raw.get(spec.name), allowed)
        except ValueError as exc:
            errors[spec.name] = str(exc)
            continue
        problem = spec.check(values[spec.name])
        if problem:
            errors[spec.name] = problem
    for name, message in reg.check_record(values).items():
        errors.setdefault(name, message)
    if errors:
        raise ValidationError(errors)
    return values


def _search_key(reg: Register, values: dict) -> str:
    parts = [str(values.get(name) or "") for name in reg.search_fields]
    return fold(" ".join(p for p in parts if p))


def save(session: Session, reg: Register, raw: dict, *, unit_code: int, record_id: str | None = None) -> str:
    """Create (no record_id) or update a record; returns its id. The caller's session commits."""
    values = validate(session, reg, raw)
    now = utc_now()
    if record_id is None:
        record = reg.table(id=str(uuid.uuid4()), unit_code=unit_code, created_at=now, updated_at=now)
    else:
        record = get(session, reg, record_id)
        if record.voided:
            raise UserError(t("Bản ghi này đã bị hủy, không sửa được.", "This record is voided and cannot be edited."))
        record.updated_at = now
    for name, value in values.items():
        setattr(record, name, value)
    record.search_key = _search_key(reg, values)
    session.add(record)
    session.flush()
    return record.id


def get(session: Session, reg: Register, record_id: str):
    record = session.get(reg.table, record_id)
    if record is None:
        raise UserError(t(f"Không tìm thấy bản ghi «{record_id}».", f"No record «{record_id}»."))
    return record


def void(session: Session, reg: Register, record_id: str, reason: str) -> None:
    """Hide a record from registers and reports, keeping it and the reason (no hard deletes)."""
    reason = clean(reason)
    if not reason:
        raise ValidationError({VOID_REASON: t("Phải ghi lý do hủy bản ghi.", "A reason for voiding is required.")})
    record = get(session, reg, record_id)
    if record.voided:
        raise UserError(t("Bản ghi này đã bị hủy trước đó.", "This record was already voided."))
    record.voided, record.void_reason = True, reason
    record.voided_at = record.updated_at = utc_now()
    session.add(record)
    session.flush()


@dataclass
class RecordQuery:
    """What the register list shows: a search, filters by choice, a date range, voided or not."""

    unit_code: int
    search: str = ""
    equals: dict[str, frozenset[str]] = field(default_factory=dict)   # choice field -> allowed codes
    date_from: date | None = None
    date_to: date | None = None
    include_voided: bool = False


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def query(session: Session, reg: Register, q: RecordQuery) -> list[dict]:
    """Matching records as plain dicts; exact-diacritic search matches come first."""
    table = reg.table.__table__
    conditions = [table.c.unit_code == q.unit_code]
    if not q.include_voided:
        conditions.append(table.c.voided.is_(False))
    for name, codes in q.equals.items():
        if codes:
            conditions.append(table.c[name].in_(sorted(codes)))
    if q.date_from:
        conditions.append(table.c[reg.date_field] >= q.date_from)
    if q.date_to:
        conditions.append(table.c[reg.date_field] <= q.date_to)
    words = fold(q.search).split()
    for word in words:
        conditions.append(table.c.search_key.like(f"%{_like_escape(word)}%", escape="\\"))
    rows = [dict(r._mapping) for r in session.execute(select(table).where(and_(*conditions)))]
    if words:
        title = reg.title_field
        rows.sort(key=lambda r: match_rank(q.search, r.get(title) or ""))
    return rows
