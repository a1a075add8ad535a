"""A record's history as a clerk reads it: local times, people's names, field labels, choice labels, dd/mm/yyyy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session

from desk.domain.access import Actor, Role
from desk.domain.formats import format_date_time_vi, format_date_vi
from desk.domain.kinds import Labels
from desk.domain.lang import t
from desk.domain.register import Register
from desk.services import records, states
from desk.store import audit, audit_replay
from desk.store.models import sql_table, table_of
from desk.store.security import AuditEntry

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
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone()


def _who(name: str, role: str) -> str:
    try:
        return Actor(name, Role(role), user_id=None if name.startswith("os:") else 0).display
    except ValueError:
        return name


def _shown(reg: Register, labels: Labels, field: str | None, value: str | None) -> str:
    if value is None:
        return ""
    spec = reg.spec.get(field) if field else None
    if field == "voided" or (spec is not None and spec.codec.python_type is bool):
        return t("Có", "Yes") if value == "1" else t("Không", "No")
    if spec is None:
        return value
    return spec.codec.display(spec, spec.codec.from_text(value), labels) or value


def record_history(session: Session, reg: Register, record_id: str) -> list[HistoryRow]:
    """Every change of one record, oldest first, one row per field, ready to show (an imported
    record's single audit row, which holds all its fields, gives one row per field)."""
    labels = records.choice_labels(session, reg)
    rows = []
    entries = audit.history(session, table_of(reg), record_id)
    changes: Sequence[tuple[str | None, str | None, str | None]]
    for position, entry in enumerate(entries):
        at, who = _local(entry.at), _who(entry.actor, entry.actor_role)
        action = t(*ACTION_LABELS.get(entry.action, (entry.action, entry.action)))
        reason = entry.reason or ""
        member = audit.batch_member(entry, record_id)
        if member is not None:      # created by an import: its values then, rebuilt from now and later rows
            changes = _imported(session, reg, record_id, member[0], entries[position + 1:])
            reason = member[1] or reason
        else:
            changes = audit.changes(entry)
        for name, old, new in changes:
            spec = reg.spec.get(name) if name else None
            field = spec.label if spec is not None else (t(*EXTRA_FIELDS[name]) if name in EXTRA_FIELDS
                                                          else name or "")
            rows.append(HistoryRow(at=at, who=who, action=action, field=field, old=_shown(reg, labels, name, old),
                                   new=_shown(reg, labels, name, new), reason=reason))
    if reg.table_name == "obstacle":      # the answers reply files brought, older ones too (services.replies)
        rows.extend(_replies(session, record_id))
        rows.sort(key=lambda row: row.at)
    return rows


def _replies(session: Session, record_id: str) -> list[HistoryRow]:
    from desk.domain.replies import state_label, summary
    from desk.services.replies import latest_replies

    found = []
    for reply in latest_replies(session, record_id):
        proposed = ""
        if reply.proposed_state:
            proposed = t(f"Đề xuất tình trạng «{state_label(reply.proposed_state)}»"
                         f"{' (đã nhận)' if reply.state_accepted else ' (không nhận)'}. ",
                         f"Proposed state «{reply.proposed_state}»{' (accepted)' if reply.state_accepted else ''}. ")
        found.append(HistoryRow(
            at=_local(reply.imported_at), who=reply.imported_by, action=t("Trả lời của cấp trên", "Answer received"),
            field=t("Trả lời", "Answer"), old="", new=summary(reply.body, reply.doc_number, reply.doc_date,
                                                               reply.answer),
            reason=proposed + t(f"Tệp {reply.source_file} (SHA-256 {reply.source_hash})",
                                f"File {reply.source_file} (SHA-256 {reply.source_hash})")))
    return found


def _imported(session: Session, reg: Register, record_id: str, fields: list[str],
              later: list[AuditEntry]) -> list[tuple[str, None, str]]:
    """(field, None, value) of a record's values when an import created it."""
    table = sql_table(table_of(reg))
    row = session.execute(table.select().where(table.c.id == record_id)).mappings().first()
    now = {name: audit_replay.as_text(audit.as_text(row[name])) for name in fields} if row is not None else {}
    values = audit_replay.values_when_imported(fields, now, [(e.field, e.old_value, e.new_value) for e in later])
    return [(name, None, value) for name, value in values.items() if value is not None]


def record_title(session: Session, reg: Register, record_id: str) -> str:
    return str(getattr(records.get(session, reg, record_id), reg.title_field, "") or "")


@dataclass(frozen=True)
class TimelineRow:
    since: str          # "05/09/2025", or "từ ngày phát sinh" for the first state
    state: str
    note: str
    who: str
    recorded: str


def state_timeline(session: Session, reg: Register, record_id: str) -> list[TimelineRow]:
    """A record's dated states, in the order they took effect, ready to show (voided ones marked)."""
    history = reg.dated_history
    labels = records.choice_labels(session, reg)
    spec = reg.spec[history.field]
    first = t(f"từ {reg.spec[reg.date_field].vi.lower()}", f"from «{reg.spec[reg.date_field].en}»")
    rows = []
    for entry in states.timeline(session, reg, record_id):
        note = entry.note or entry.origin or ""
        if entry.voided:
            note = t(f"(đã hủy: {entry.void_reason or ''}) ", f"(voided: {entry.void_reason or ''}) ") + note
        rows.append(TimelineRow(format_date_vi(entry.effective_on) if entry.effective_on else first,
                                spec.codec.display(spec, entry.value, labels), note,
                                _who(entry.recorded_by, "clerk"), format_date_time_vi(_local(entry.recorded_at))))
    return rows
