"""Reporting duties of the office: the due-date setting, document numbers, submissions, overview."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from desk.domain import deadlines, periods
from desk.domain.deadlines import DueRule, ReportState
from desk.domain.formats import format_date_vi
from desk.domain.lang import t
from desk.domain.periods import Period, PeriodKind
from desk.domain.settings import Days, Setting, SettingGroup, Whole
from desk.domain.units import Unit
from desk.errors import UserError
from desk.services.office import get_setting, put_setting
from desk.store.reporting import DocumentCounter, OutsideSubmission, PeriodLock, ReportInstance

PERIODIC = "periodic"
MAX_DOC_NUMBER = 99_999


def stored_time(moment: datetime) -> datetime:
    """How times are kept in the store: aware, in UTC (a naive time is the machine's local time)."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)


def local_time(stored: datetime) -> datetime:
    """A stored time in the machine's time zone, for messages and the screen."""
    if stored.tzinfo is None:  # read back without a zone: the store keeps UTC
        stored = stored.replace(tzinfo=UTC)
    return stored.astimezone()


# --- the due-date setting -----------------------------------------------------------------

class DueDates(SettingGroup, prefix="reporting.", vi="Hạn nộp", en="Deadlines"):
    """Decree 09 lets each province set its communes' deadlines (DOMAIN.md §4)."""

    working_days = Setting(Whole(0, deadlines.MAX_WORKING_DAYS), deadlines.DEFAULT_RULE.working_days,
                           "Hạn nộp: số ngày làm việc sau ngày chốt số liệu", "Due: working days after the cut-off")
    holidays = Setting(Days(), frozenset(), "Ngày nghỉ lễ, Tết (không tính là ngày làm việc)",
                       "Public holidays (not working days)",
                       help_vi="Mỗi dòng một ngày (dd/mm/yyyy); thứ Bảy, Chủ nhật đã được bỏ qua.",
                       help_en="One day a line (dd/mm/yyyy); Saturdays and Sundays are skipped anyway.")

    @property
    def rule(self) -> DueRule:
        return DueRule(self.working_days, self.holidays)


def due_dates(session: Session) -> DueDates:
    return DueDates.load(lambda key: get_setting(session, key, None))


def due_rule(session: Session) -> DueRule:
    return due_dates(session).rule


def set_due_rule(session: Session, rule: DueRule) -> None:
    for key, text in DueDates.defaults().replace(working_days=rule.working_days,
                                                 holidays=frozenset(rule.holidays)).stored().items():
        put_setting(session, key, text)


def due_date(session: Session, period: Period) -> date:
    return deadlines.due_date(period, due_rule(session))


# --- document numbers ----------------------------------------------------------------------

def format_number(number: int, symbol: str) -> str:
    """ "Số: 05/BC-UBND": below 10 with a leading zero (Decree 30)."""
    return f"Số: {number:02d}/{symbol}"


def next_number(session: Session, year: int, symbol: str) -> int:
    counter = session.get(DocumentCounter, (year, symbol))
    return (counter.last_number if counter else 0) + 1


def take_number(session: Session, year: int, symbol: str, number: int | None = None) -> int:
    """Give the next number of the year (or the one the registry gave), and advance the counter."""
    # The year's counter row exists, then is read locked: two Desks submitting at once on a server
    # take turns here, so neither number is given twice nor skipped.
    session.connection().exec_driver_sql(
        "INSERT INTO document_counter (year, symbol, last_number) VALUES (?, ?, 0) ON CONFLICT DO NOTHING",
        (year, symbol))
    counter = session.get(DocumentCounter, (year, symbol), with_for_update=True, populate_existing=True)
    if counter is None:
        raise RuntimeError(f"no document counter for {year} {symbol} after inserting it")
    if number is None:
        number = counter.last_number + 1
    if not 1 <= number <= MAX_DOC_NUMBER:
        raise UserError(t(f"Số văn bản phải từ 1 đến {MAX_DOC_NUMBER} (đang là {number}).",
                          f"The document number must be 1 to {MAX_DOC_NUMBER} (got {number})."))
    used = session.scalars(select(ReportInstance).where(
        col(ReportInstance.doc_year) == year, col(ReportInstance.doc_symbol) == symbol,
        col(ReportInstance.doc_number) == number)).first()
    if used is not None:
        raise UserError(t(
            f"Số {number:02d}/{symbol} năm {year} đã dùng cho báo cáo kỳ {used.period_code} "
            f"(nộp ngày {format_date_vi(local_time(used.submitted_at))}). Hãy dùng số khác.",
            f"Number {number:02d}/{symbol} of {year} was already used for the report of "
            f"{used.period_code} ({format_date_vi(local_time(used.submitted_at))}). Use another number."))
    counter.last_number = max(counter.last_number, number)
    session.add(counter)
    return number


# --- submissions ---------------------------------------------------------------------------

def record_submission(session: Session, *, unit: Unit, period: Period, kind: str, due: date,
                      number: int, symbol: str, generated_at: datetime, submitted_by: str,
                      file_name: str, data_hash: str) -> ReportInstance:
    """Store the report sent up; an earlier submission of the same period is marked superseded."""
    for earlier in session.scalars(select(ReportInstance).where(
            col(ReportInstance.unit_code) == unit.code, col(ReportInstance.kind) == kind,
            col(ReportInstance.period_code) == period.code, col(ReportInstance.status) == "submitted")):
        earlier.status = "superseded"
        session.add(earlier)
    instance = ReportInstance(
        id=str(uuid.uuid4()), unit_code=unit.code, kind=kind, period_code=period.code,
        period_kind=str(period.kind), rule=str(period.rule), start=period.start, end=period.end,
        due_date=due, status="submitted", doc_year=generated_at.year, doc_number=number,
        doc_symbol=symbol, generated_at=stored_time(generated_at),
        submitted_at=stored_time(generated_at), submitted_by=submitted_by,
        file_name=file_name, data_hash=data_hash)
    session.add(instance)
    session.flush()
    return instance


def submission(session: Session, unit_code: int, period_code: str,
               kind: str = PERIODIC) -> ReportInstance | None:
    """The report in force for the period (the latest submission), or None."""
    return session.scalars(select(ReportInstance).where(
        col(ReportInstance.unit_code) == unit_code, col(ReportInstance.kind) == kind,
        col(ReportInstance.period_code) == period_code, col(ReportInstance.status) == "submitted")
        .order_by(col(ReportInstance.submitted_at).desc())).first()


def submission_count(session: Session, unit_code: int) -> int:
    return session.scalar(select(func.count()).select_from(ReportInstance)
                          .where(col(ReportInstance.unit_code) == unit_code)) or 0


# --- the Reports screen's list -------------------------------------------------------------

@dataclass(frozen=True)
class PeriodDuty:
    """One period the office reports on, with where its report stands."""

    period: Period
    due: date
    state: ReportState
    report: ReportInstance | None
    lock: PeriodLock | None
    outside: OutsideSubmission | None = None      # reported without Desk (number and date recorded)


# --- the unit's first day in Desk and reports sent without it -------------------------------------

FIRST_DAY_KEY = "reporting.first_day"


def first_day(session: Session) -> date | None:
    """The day the unit started using Desk: periods that ended before it are not its duties in Desk."""
    stored = get_setting(session, FIRST_DAY_KEY)
    return date.fromisoformat(stored) if stored else None


def set_first_day(session: Session, day: date | None, *, today: date) -> None:
    if day is not None and day > today:
        raise UserError(t(f"Ngày bắt đầu dùng Desk ({format_date_vi(day)}) không được sau hôm nay.",
                          f"The day Desk was first used ({format_date_vi(day)}) cannot be after today."))
    put_setting(session, FIRST_DAY_KEY, day.isoformat() if day else "")


def outside_submission(session: Session, unit_code: int, period_code: str) -> OutsideSubmission | None:
    return session.scalars(select(OutsideSubmission).where(
        col(OutsideSubmission.unit_code) == unit_code, col(OutsideSubmission.period_code) == period_code,
        col(OutsideSubmission.voided).is_(False)).order_by(col(OutsideSubmission.id).desc())).first()


def mark_outside(session: Session, unit: Unit, period: Period, doc_number: str, submitted_on: date, *,
                 actor: str, today: date) -> OutsideSubmission:
    """Record that the period's report was sent without Desk: it is no longer shown due or overdue."""
    doc_number = " ".join((doc_number or "").split())
    if not doc_number:
        raise UserError(t("Hãy ghi số, ký hiệu của báo cáo đã nộp (ví dụ 05/BC-UBND).",
                          "Give the number of the report that was sent (e.g. 05/BC-UBND)."))
    if len(doc_number) > 60:
        raise UserError(t(f"Số, ký hiệu dài {len(doc_number)} ký tự, tối đa 60.",
                          f"The number has {len(doc_number)} characters; the maximum is 60."))
    if submitted_on > today:
        raise UserError(t(f"Ngày nộp ({format_date_vi(submitted_on)}) không được sau hôm nay.",
                          f"The day it was sent ({format_date_vi(submitted_on)}) cannot be after today."))
    if submission(session, unit.code, period.code) is not None:
        raise UserError(t(f"Báo cáo {period.label_vi} đã được nộp qua Desk.",
                          f"The report of {period.label_vi} was already submitted through Desk."))
    row = OutsideSubmission(unit_code=unit.code, period_code=period.code, doc_number=doc_number,
                            submitted_on=submitted_on, recorded_at=stored_time(datetime.now()), recorded_by=actor)
    session.add(row)
    session.flush()
    return row


def duties(session: Session, unit: Unit, today: date, *, months: int = 12,
           quarters: int = 4) -> list[PeriodDuty]:
    """The recent Decree 09 months and quarters, and this year's 6-month, 9-month and year reports; none
    that ended before the unit's first day in Desk (a fresh installation owes nothing for the past)."""
    rule = due_rule(session)
    found: list[Period] = [*periods.recent(PeriodKind.MONTH, today, months),
                           *periods.recent(PeriodKind.QUARTER, today, quarters)]
    for kind in (PeriodKind.HALF, PeriodKind.NINE_MONTHS, PeriodKind.YEAR):
        found.extend(periods.recent(kind, today, 1))
    # The previous year's annual report is still due in its first days of January.
    found.append(periods.previous(periods.recent(PeriodKind.YEAR, today, 1)[0]))
    start = first_day(session)
    unique = {p.code: p for p in found if start is None or p.end >= start}
    out = [duty_of(session, unit, period, today, rule) for period in unique.values()]
    kind_order = {k: i for i, k in enumerate(PeriodKind)}
    # Ended periods first, newest cut-off first (what is due or late is on top); the periods
    # still running come last, the one ending soonest first.
    out.sort(key=lambda d: (d.state is ReportState.NOT_DUE,
                            d.period.end.toordinal() if d.state is ReportState.NOT_DUE else -d.period.end.toordinal(),
                            kind_order[d.period.kind]))
    return out


def duty_of(session: Session, unit: Unit, period: Period, today: date, rule: DueRule | None = None) -> PeriodDuty:
    """Where the report of one period stands (its due date from the setting unless given)."""
    due = deadlines.due_date(period, rule or due_rule(session))
    report = submission(session, unit.code, period.code)
    outside = None if report else outside_submission(session, unit.code, period.code)
    sent = local_time(report.submitted_at).date() if report else outside.submitted_on if outside else None
    lock = session.scalars(select(PeriodLock).where(
        col(PeriodLock.unit_code) == unit.code, col(PeriodLock.period_code) == period.code,
        col(PeriodLock.unlocked_at).is_(None))).first()
    return PeriodDuty(period, due, deadlines.report_state(period, due, sent, today), report, lock, outside)
