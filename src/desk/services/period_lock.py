"""Period locks: once a period's report is submitted, the records dated in it stop changing."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlmodel import Session, col

from desk.domain import period_locks
from desk.domain.access import Actor, Permission, Role, require
from desk.domain.formats import format_time_date_vi
from desk.domain.lang import t
from desk.domain.periods import Period, format_date_vi
from desk.domain.register import Record, Register
from desk.domain.text import clean
from desk.errors import UserError, ValidationError
from desk.store import audit
from desk.store.models import RecordColumns
from desk.store.reporting import PeriodLock

UNLOCK_REASON = "unlock_reason"

# What a lock forbids is domain.period_locks: a locked record keeps its substance and its follow-up
# fields stay editable (an obstacle raised in a submitted month must still move on and be resolved);
# a new state is dated after the locked period's end, so the submitted figures still hold.


class PeriodLockedError(UserError):
    """A change refused because it touches a locked period; the message names the lock."""


def who(name: str) -> str:
    """A stored actor name as people read it ("os:lan" is the computer's user lan)."""
    return Actor(name, Role.CLERK).display if name else "?"


def _now() -> datetime:
    return datetime.now(UTC)


def _local(stored: datetime) -> str:
    if stored.tzinfo is None:  # the store keeps UTC
        stored = stored.replace(tzinfo=UTC)
    return format_time_date_vi(stored.astimezone())


# --- queries ---------------------------------------------------------------------------------

def active_locks(session: Session, unit_code: int) -> list[PeriodLock]:
    return list(session.scalars(select(PeriodLock).where(
        col(PeriodLock.unit_code) == unit_code, col(PeriodLock.unlocked_at).is_(None))
        .order_by(col(PeriodLock.start))))


def active_locks_by_age(session: Session, unit_code: int) -> list[PeriodLock]:
    """The active locks, the earliest locked first (the one a refusal names when several apply)."""
    return list(session.scalars(select(PeriodLock).where(
        col(PeriodLock.unit_code) == unit_code, col(PeriodLock.unlocked_at).is_(None))
        .order_by(col(PeriodLock.locked_at), col(PeriodLock.id))))


def lock_covering(session: Session, unit_code: int, day: date) -> PeriodLock | None:
    """The active lock whose period contains day (the earliest locked, if several overlap)."""
    return session.scalars(select(PeriodLock).where(
        col(PeriodLock.unit_code) == unit_code, col(PeriodLock.unlocked_at).is_(None),
        col(PeriodLock.start) <= day, col(PeriodLock.end) >= day).order_by(col(PeriodLock.locked_at))).first()


def active_lock(session: Session, unit_code: int, period_code: str) -> PeriodLock | None:
    return session.scalars(select(PeriodLock).where(
        col(PeriodLock.unit_code) == unit_code, col(PeriodLock.period_code) == period_code,
        col(PeriodLock.unlocked_at).is_(None))).first()


def history(session: Session, unit_code: int) -> list[PeriodLock]:
    """Every lock ever made, newest first; an unlocked one keeps who unlocked it and why."""
    return list(session.scalars(select(PeriodLock).where(col(PeriodLock.unit_code) == unit_code)
                                .order_by(col(PeriodLock.locked_at).desc(), col(PeriodLock.id).desc())))


def describe(lock: PeriodLock) -> str:
    why = f" ({lock.lock_reason})" if lock.lock_reason else ""
    return t(f"kỳ {lock.period_label} ({format_date_vi(lock.start)}–{format_date_vi(lock.end)}) "
             f"đã khóa số liệu lúc {_local(lock.locked_at)}, người khóa: {who(lock.locked_by)}{why}",
             f"the period {lock.period_label} ({format_date_vi(lock.start)}–{format_date_vi(lock.end)}) "
             f"was locked at {_local(lock.locked_at)} by {who(lock.locked_by)}{why}")


# --- the hook that services/records.py calls ---------------------------------------------------

def _refuse_before_end(reg: Register, lock: PeriodLock, day: date, field: str) -> PeriodLockedError:
    spec = reg.spec[field]
    return PeriodLockedError(t(
        f"Không sửa bản ghi được: «{spec.vi}» {format_date_vi(day)} làm thay đổi số liệu của {describe(lock)}. "
        f"Tình trạng mới phải tính từ sau ngày {format_date_vi(lock.end)}, hoặc lãnh đạo, quản trị mở khóa kỳ "
        "này và ghi rõ lý do.",
        f"Cannot edit the record: «{spec.en}» {format_date_vi(day)} would change the figures of {describe(lock)}. "
        f"A new state must take effect after {format_date_vi(lock.end)}, or a leader or administrator must "
        "unlock the period, giving a reason."))


def _refuse(reg: Register, lock: PeriodLock, day: date, field: str, action_vi: str,
            action_en: str) -> PeriodLockedError:
    spec = reg.spec[field]
    return PeriodLockedError(t(
        f"Không {action_vi} được: «{spec.vi}» {format_date_vi(day)} thuộc {describe(lock)}. "
        "Muốn sửa, lãnh đạo hoặc quản trị phải mở khóa kỳ này và ghi rõ lý do.",
        f"Cannot {action_en}: «{spec.en}» {format_date_vi(day)} is in {describe(lock)}. "
        "A leader or administrator must unlock the period, giving a reason."))


# On a server, saves hold this lock shared and locking or unlocking a period holds it alone: a
# period locked by one Desk is locked for every save that commits after it, with no save in flight
# slipping into it ("DESK" + 3).
SERVER_LOCK = 0x4445534B03


def hold(session: Session, *, alone: bool = False) -> None:
    """Take the server's period-lock lock until the transaction ends (nothing to take in SQLite,
    whose single writer already orders saves and locks)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        kind = "pg_advisory_xact_lock" if alone else "pg_advisory_xact_lock_shared"
        connection.exec_driver_sql(f"SELECT {kind}({SERVER_LOCK})")


def check_save(session: Session, reg: Register, record: RecordColumns, values: Record, *, new: bool) -> None:
    """Refuse creating or editing a record when that would change a locked period's data (the rule:
    domain.period_locks)."""
    hold(session)
    locked = active_locks_by_age(session, record.unit_code)
    if not locked:
        return
    before = None if new else {name: getattr(record, name) for name in {*values, reg.date_field}}
    found = period_locks.refusal(reg, before, values, locked)
    if found is None:
        return
    if found.how == period_locks.BEFORE_END:
        raise _refuse_before_end(reg, found.span, found.day, found.field)
    action = ("thêm bản ghi", "add the record") if found.how == period_locks.ADD else ("sửa bản ghi", "edit the record")
    raise _refuse(reg, found.span, found.day, found.field, *action)


def check_void(session: Session, reg: Register, record: RecordColumns) -> None:
    """Refuse voiding a record dated in a locked period: it was in the submitted report."""
    hold(session)
    day = getattr(record, reg.date_field)
    if day and (lock := lock_covering(session, record.unit_code, day)):
        raise _refuse(reg, lock, day, reg.date_field, "hủy bản ghi", "void the record")


# --- locking and unlocking ---------------------------------------------------------------------

def lock(session: Session, unit_code: int, period: Period, *, actor: Actor, reason: str,
         report_id: str | None = None, at: datetime | None = None) -> PeriodLock:
    """Lock the period (a no-op returning the lock if it is already locked).

    Submitting a report locks its period, and whoever may enter records may submit (the
    clerk prepares it, the leader signs the paper); reopening is the leader's (unlock below).
    """
    require(actor, Permission.ENTER_RECORDS)
    hold(session, alone=True)
    existing = active_lock(session, unit_code, period.code)
    if existing is not None:
        return existing
    row = PeriodLock(unit_code=unit_code, period_code=period.code, period_label=period.label_vi,
                     start=period.start, end=period.end, rule=str(period.rule),
                     locked_at=(at or _now()).astimezone(UTC),
                     locked_by=actor.name, lock_reason=clean(reason), report_id=report_id)
    session.add(row)
    session.flush()
    audit.record(session, actor, audit.LOCK, PeriodLock, row.id, field="period", new=period.code,
                 reason=row.lock_reason, at=row.locked_at)
    return row


def can_unlock(actor: Actor) -> bool:
    """Only a leader or an administrator may reopen a locked period."""
    return actor.may(Permission.LOCK_PERIODS)


def unlock(session: Session, unit_code: int, period_code: str, *, actor: Actor, reason: str) -> PeriodLock:
    """Reopen a locked period; the lock row keeps who locked, who unlocked, when and why."""
    require(actor, Permission.LOCK_PERIODS)
    reason = clean(reason)
    if not reason:
        raise ValidationError({UNLOCK_REASON: t("Phải ghi lý do mở khóa kỳ báo cáo.",
                                                "A reason for unlocking is required.")})
    hold(session, alone=True)
    row = active_lock(session, unit_code, period_code)
    if row is None:
        raise UserError(t(f"Kỳ {period_code} không bị khóa.", f"The period {period_code} is not locked."))
    row.unlocked_at, row.unlocked_by, row.unlock_reason = _now(), actor.name, reason
    session.add(row)
    session.flush()
    audit.record(session, actor, audit.UNLOCK, PeriodLock, row.id, field="period", old=period_code,
                 reason=reason)
    return row
