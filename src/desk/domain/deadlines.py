"""Due dates of reports (N working days after the cut-off) and the state of a report against them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from desk.domain.lang import t
from desk.domain.periods import Period, PeriodError, format_date_vi, parse_date_vi

MAX_WORKING_DAYS = 60


@dataclass(frozen=True)
class DueRule:
    """When a period's report is due: `working_days` working days after the cut-off (its end).

    Decree 09 lets each province set its communes' deadlines (DOMAIN.md §4), so this is a
    per-installation setting. Saturdays, Sundays and the listed holidays are not working days.
    """

    working_days: int = 2
    holidays: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        if not 0 <= self.working_days <= MAX_WORKING_DAYS:
            raise PeriodError(t(
                f"Số ngày làm việc sau ngày chốt số liệu phải từ 0 đến {MAX_WORKING_DAYS} "
                f"(đang là {self.working_days}).",
                f"The working days after the cut-off must be 0 to {MAX_WORKING_DAYS} "
                f"(got {self.working_days})."))

    @property
    def describe(self) -> str:
        n = self.working_days
        if n == 0:
            return t("ngay ngày chốt số liệu (ngày làm việc)", "on the cut-off day (a working day)")
        return t(f"{n:02d} ngày làm việc sau ngày chốt số liệu",
                 f"{n} working day{'s' if n > 1 else ''} after the cut-off")


DEFAULT_RULE = DueRule()


def is_working_day(d: date, rule: DueRule = DEFAULT_RULE) -> bool:
    return d.weekday() < 5 and d not in rule.holidays


def add_working_days(d: date, n: int, rule: DueRule = DEFAULT_RULE) -> date:
    """The n-th working day after d (n = 0: d itself, or the next working day if d is not one)."""
    day = d
    if n == 0:
        while not is_working_day(day, rule):
            day += timedelta(days=1)
        return day
    left = n
    while left:
        day += timedelta(days=1)
        if is_working_day(day, rule):
            left -= 1
    return day


def due_date(period: Period, rule: DueRule = DEFAULT_RULE) -> date:
    """The last day the report of `period` may be sent: counted from its cut-off (last) day."""
    return add_working_days(period.end, rule.working_days, rule)


# --- storage as one setting string ---------------------------------------------------------

def format_rule(rule: DueRule) -> str:
    """"2" or "2;01/01/2026,16/02/2026": what the settings table keeps."""
    days = str(rule.working_days)
    if not rule.holidays:
        return days
    return days + ";" + ",".join(format_date_vi(d) for d in sorted(rule.holidays))


def parse_rule(text: str) -> DueRule:
    """The inverse of format_rule; PeriodError (Vietnamese) on anything else."""
    s = (text or "").strip()
    if not s:
        return DEFAULT_RULE
    days_text, _, holidays_text = s.partition(";")
    try:
        days = int(days_text.strip())
    except ValueError:
        raise PeriodError(t(f"Số ngày làm việc «{days_text.strip()}» không phải số nguyên.",
                            f"The working days «{days_text.strip()}» is not a whole number.")) from None
    holidays = frozenset(parse_date_vi(part) for part in holidays_text.replace("\n", ",").split(",")
                         if part.strip())
    return DueRule(days, holidays)


# --- where a report stands ------------------------------------------------------------------

class ReportState(StrEnum):
    NOT_DUE = "not_due"      # the period has not ended yet
    DUE = "due"              # ended, not sent, still within the deadline
    OVERDUE = "overdue"      # ended, not sent, deadline passed
    ON_TIME = "on_time"      # sent on or before the due date
    LATE = "late"            # sent after the due date

    @property
    def label(self) -> str:
        return {
            ReportState.NOT_DUE: t("Chưa đến hạn", "Not due yet"),
            ReportState.DUE: t("Đến hạn", "Due"),
            ReportState.OVERDUE: t("Quá hạn", "Overdue"),
            ReportState.ON_TIME: t("Đã nộp (đúng hạn)", "Submitted (on time)"),
            ReportState.LATE: t("Đã nộp (muộn)", "Submitted (late)"),
        }[self]

    @property
    def label_vi(self) -> str:
        """Always Vietnamese: for workbooks, which are documents."""
        return {ReportState.NOT_DUE: "Chưa đến hạn", ReportState.DUE: "Đến hạn",
                ReportState.OVERDUE: "Quá hạn", ReportState.ON_TIME: "Đã nộp (đúng hạn)",
                ReportState.LATE: "Đã nộp (muộn)"}[self]


def _date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _day(value: date | datetime | None) -> date | None:
    return None if value is None else _date(value)


def report_state(period: Period, due: date, submitted: date | datetime | None,
                 today: date) -> ReportState:
    """Where the report of `period` stands on `today`, given when (if ever) it was submitted."""
    sent = _day(submitted)
    if sent is not None:
        return ReportState.ON_TIME if sent <= due else ReportState.LATE
    if today <= period.end:
        return ReportState.NOT_DUE
    return ReportState.DUE if today <= due else ReportState.OVERDUE


def days_late(due: date, submitted: date | datetime) -> int:
    """Calendar days after the due date (0 when on time)."""
    return max(0, (_date(submitted) - due).days)
