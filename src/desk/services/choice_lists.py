"""The editable choice lists (domains, bodies addressed): read, saved with history; an item is retired, not deleted."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from desk.domain.access import Actor, Permission, require
from desk.domain.fields import FieldSpec
from desk.domain.lang import t
from desk.domain.registers import REGISTERS
from desk.domain.text import clean, fold
from desk.errors import ValidationError
from desk.store import audit
from desk.store.models import ChoiceItem

TABLE = "choice_item"


@dataclass(frozen=True)
class ListItem:
    code: str           # "" for an item the clerk just added: save() gives it one
    vi: str
    en: str = ""
    active: bool = True  # a retired item stays on the records that have it, and is offered no more


def editable_lists() -> dict[str, FieldSpec]:
    """list name -> the field that uses it, for every list kept in the store (not fixed in code)."""
    found: dict[str, FieldSpec] = {}
    for reg in REGISTERS.values():
        for spec in reg.fields:
            if spec.codec.listed and not spec.ref and spec.choices and spec.choices not in reg.fixed_choices:
                found.setdefault(spec.choices, spec)
    return found


def items(session: Session, list_name: str) -> list[ListItem]:
    rows = session.scalars(select(ChoiceItem).where(col(ChoiceItem.list_name) == list_name)
                           .order_by(col(ChoiceItem.position)))
    return [ListItem(r.code, r.vi, r.en, r.active) for r in rows]


def new_code(label: str, taken: set[str]) -> str:
    """A code for a new item from its label: "Quản lý chợ" -> "QUAN_LY_CHO" (and _2, _3 if taken)."""
    base = re.sub(r"[^A-Z0-9]+", "_", fold(label).upper()).strip("_")[:50] or "ITEM"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}_{n}"
    return code


def save(session: Session, actor: Actor, list_name: str, wanted: list[ListItem]) -> list[str]:
    """Store the list in the given order; returns the codes that changed. Every item already in
    the list must still be there (retire it instead: records keep it); labels must be given and
    different; one item at least stays offered."""
    require(actor, Permission.CHANGE_SETTINGS)
    spec = editable_lists()[list_name]
    old = {item.code: item for item in items(session, list_name)}
    errors: dict[str, str] = {}
    gone = [old[code].vi for code in old if code not in {i.code for i in wanted}]
    if gone:
        errors["removed"] = t(f"«{spec.vi}»: không xóa được {', '.join(f'«{v}»' for v in gone)} (bản ghi cũ còn dùng); "
                              "hãy bỏ đánh dấu «Còn dùng» để thôi áp dụng.",
                              f"«{spec.en}»: {', '.join(gone)} cannot be deleted (old records use it); "
                              "untick «In use».")
    seen: dict[str, int] = {}
    for number, item in enumerate(wanted, start=1):
        label = clean(item.vi)
        if not label:
            errors[f"row{number}"] = t(f"«{spec.vi}», dòng {number}: chưa nhập tên.",
                                       f"«{spec.en}», row {number}: no name.")
        elif fold(label) in seen:
            errors[f"row{number}"] = t(f"«{spec.vi}», dòng {number}: «{label}» trùng với dòng {seen[fold(label)]}.",
                                       f"«{spec.en}», row {number}: «{label}» repeats row {seen[fold(label)]}.")
        else:
            seen[fold(label)] = number
    if not any(item.active for item in wanted):
        errors["active"] = t(f"«{spec.vi}»: phải còn ít nhất một mục đang dùng.", f"«{spec.en}»: keep one item in use.")
    if errors:
        raise ValidationError(errors)
    taken = set(old)
    changed = []
    for position, item in enumerate(wanted):
        code = item.code or new_code(item.vi, taken)
        taken.add(code)
        row = session.get(ChoiceItem, (list_name, code)) or ChoiceItem(list_name=list_name, code=code, vi="")
        before = old.get(code)
        after = ListItem(code, clean(item.vi), clean(item.en), item.active)
        fields = {"vi": after.vi, "en": after.en, "active": after.active, "position": position}
        previous = {"vi": before.vi, "en": before.en, "active": before.active, "position": row.position} \
            if before else {}
        if before is None or any(previous[k] != v for k, v in fields.items()):
            changed.append(code)
            action = audit.EDIT if before else audit.CREATE
            audit.record_changes(session, actor, action, TABLE, f"{list_name}/{code}", previous, fields)
        for key, value in fields.items():
            setattr(row, key, value)
        session.add(row)
    return changed
