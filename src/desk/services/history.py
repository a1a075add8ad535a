"""A record's history as a clerk reads it: local times, people's names, field labels, choice labels, dd/mm/yyyy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlmodel import Session

from desk.domain.access import Actor, Role
from desk.domain.fields import Kind
from desk.domain.lang import t
from desk.services import records
from desk.services.registers import Register
from desk.store import audit

ACTION_LABELS = {
    audit.CREATE: ("Tạo mới", "Created"), audit.EDIT: ("Sửa", "Edited"), audit.VOID: ("Hủy", "Voided"),
    audit.LOCK: ("Khóa kỳ", "Period locked"), audit.UNLOCK: ("Mở khóa kỳ", "Period unlocked"),
    audit.IMPORT: ("Nhập từ tệp", "Imported"), audit.RESTORE: ("Khôi phục", "Restored"),
    audit.APPROVE: ("Phê duyệt", "Approved"),
    audit.BASELINE: ("Đối chiếu ban đầu", "Baseline"), audit.REPAIR: ("Sửa chữa cấu trúc", "Schema repaired"),
}
EXTRA_FIELDS = {"voided": ("Đã hủy", "Voided")}


@dataclass(frozen=True)
class HistoryRow:
    at: datetime          # local time
    who: str
    action: str
    field: str
    old: str
    new: str
    reason: str


def _local(at: datetime) -> datetime:
    return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).astimezone()


def _who(name: str, role: str) -> str:
    try:
        return Actor(name, Role(role), user_id=None if name.startswith("os:") else 0).display
    except ValueError:
        return name


def _shown(reg: Register, labels: dict, field: str | None, value: str | None) -> str:
    if value is None:
        return ""
    spec = reg.spec.get(field) if field else None
    if field == "voided" or (spec is not None and spec.kind == Kind.BOOL):
        return t("Có", "Yes") if value == "1" else t("Không", "No")
    if spec is not None and spec.kind == Kind.DATE:
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if field in labels:
        return labels[field].get(value, value)
    return value


def record_history(session: Session, reg: Register, record_id: str) -> list[HistoryRow]:
    """Every change of one record, oldest first, one row per field, ready to show (an imported
    record's single audit row, which holds all its fields, gives one row per field)."""
    labels = records.choice_labels(session, reg)
    rows = []
    for entry in audit.history(session, reg.table, record_id):
        at, who = _local(entry.at), _who(entry.actor, entry.actor_role)
        action = t(*ACTION_LABELS.get(entry.action, (entry.action, entry.action)))
        for name, old, new in audit.changes(entry):
            spec = reg.spec.get(name) if name else None
            field = spec.label if spec is not None else (t(*EXTRA_FIELDS[name]) if name in EXTRA_FIELDS
                                                          else name or "")
            rows.append(HistoryRow(at=at, who=who, action=action, field=field, old=_shown(reg, labels, name, old),
                                   new=_shown(reg, labels, name, new), reason=entry.reason or ""))
    return rows


def record_title(session: Session, reg: Register, record_id: str) -> str:
    return str(getattr(records.get(session, reg, record_id), reg.title_field, "") or "")
