"""Taking back a save, an edit or a void, from what the audit trail kept of it.

The window notes the audit trail's position before a step (mark) and after it (step); undoing
reads that step's rows: a record it created is voided (nothing is ever deleted), a void is taken
back, an edit puts the old values back. Each undo is itself an ordinary save or void in the audit
trail. A record changed again since (by another window or clerk) is not undone: the clerk is told.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session, col

from desk.domain.access import Actor
from desk.domain.lang import t
from desk.domain.registers import REGISTERS
from desk.errors import UserError
from desk.services import records, states
from desk.store import audit
from desk.store.models import table_of
from desk.store.security import AuditEntry


@dataclass(frozen=True)
class Step:
    """One saved, edited or voided record and the audit rows that say so (ids first..last)."""

    register: str
    record_id: str
    first: int
    last: int
    label: str          # what the Undo command says: "Hoàn tác: sửa «Thiếu máy in»"


def mark(session: Session) -> int:
    """The id the next audit row will have, or more (taken before a step)."""
    return (session.scalar(select(func.max(AuditEntry.id))) or 0) + 1


def step(session: Session, register: str, record_id: str, first: int, label: str) -> Step | None:
    """The step a save or void just wrote (None: it changed nothing, so there is nothing to undo)."""
    last = session.scalar(select(func.max(col(AuditEntry.id))).where(
        col(AuditEntry.table_name) == table_of(REGISTERS[register]).__tablename__,
        col(AuditEntry.record_id) == record_id, col(AuditEntry.id) >= first))
    return None if last is None else Step(register, record_id, first, last, label)


def undo(session: Session, done: Step, *, actor: Actor, settled: tuple[tuple[int, int], ...] = ()) -> tuple[int, int]:
    """Take the step back, as a new save or void of the same record; returns the audit ids it wrote.

    settled: audit id ranges of later steps already taken back, with their undos (they no longer
    count as changes made since)."""
    first = mark(session)
    _take_back(session, done, actor, settled)
    return first, mark(session) - 1


def _take_back(session: Session, done: Step, actor: Actor, settled: tuple[tuple[int, int], ...]) -> None:
    reg = REGISTERS[done.register]
    table = table_of(reg)
    # Rows read back from the database: each has its id.
    rows = [(row, row.id or 0) for row in audit.history(session, table, done.record_id)]
    if any(row_id > done.last and not any(low <= row_id <= high for low, high in settled) for _, row_id in rows):
        raise UserError(t("Không hoàn tác được: bản ghi này đã được sửa sau đó (có thể ở máy khác). "
                          "Hãy mở lịch sử của bản ghi (Ctrl+H) để xem.",
                          "Cannot undo: this record was changed since (perhaps elsewhere). "
                          "Open its history (Ctrl+H) to see."))
    mine = [row for row, row_id in rows if done.first <= row_id <= done.last]
    actions = {row.action for row in mine}
    reason = t("Hoàn tác", "Undone")
    if audit.CREATE in actions or (audit.IMPORT in actions and all(row.old_value is None for row in mine)):
        records.void(session, reg, done.record_id, t("Hoàn tác việc thêm bản ghi", "Undoing the new record"),
                     actor=actor)
        return
    if audit.VOID in actions:
        records.unvoid(session, reg, done.record_id, reason, actor=actor)
        return
    record = records.get(session, reg, done.record_id)
    values = records.stored_values(record, reg)
    history_changed = reg.history is not None and any(
        name in (reg.history.field, reg.history.since_field) for row in mine for name, _old, _new in audit.changes(row))
    if history_changed:
        states.void_recorded_at(session, reg, done.record_id, {row.at for row in mine}, t("Hoàn tác", "Undone"))
    for row in mine:
        for name, old, _new in audit.changes(row):
            if name == "voided" and old == "1":
                records.unvoid(session, reg, done.record_id, reason, actor=actor)
                return
            if name in reg.spec:
                spec = reg.spec[name]
                values[name] = None if old is None else spec.codec.from_text(old)
    records.save(session, reg, values, unit_code=record.unit_code, record_id=done.record_id, actor=actor,
                 keep_history=history_changed)
