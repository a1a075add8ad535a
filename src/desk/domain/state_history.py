"""A dated history's rules (domain.register.History): what a save adds to it and which dates it may carry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desk.domain.formats import format_date_vi
from desk.domain.lang import t
from desk.domain.register import Record, Register, Row


@dataclass(frozen=True)
class Entry:
    """One value of the history and the day it took effect (None: the first value, from the record's date on)."""

    value: str
    effective_on: date | None


def dated(reg: Register, old: Row | None, values: Record, today: date) -> list[Entry]:
    """The entries a save adds to the register's history; fills the record's since-date in `values`.

    A new record starts with the first value, undated (it holds from the record's own date on); a
    new record saved with a value taken to hold from the start (an obstacle entered "in progress")
    and no date starts with that value instead. Another value is dated by the since-date given (or
    the field older files date it by, or today). A changed value is dated the same way; an unchanged
    value keeps its date.
    """
    history = reg.dated_history
    field, since = history.field, history.since_field
    value: str | None = values.get(field)
    own = values.get(reg.date_field)
    today = max(today, own) if own else today       # a record dated ahead: its changes no earlier
    given = values.get(since) or values.get(history.dated_by.get(value or "", ""))
    if old is None:
        if value is None or value == history.first or (value in history.from_start and given is None):
            values[since] = None
            return [Entry(value or history.first, None)]
        values[since] = given or today
        return [Entry(history.first, None), Entry(value, values[since])]
    if value == old.get(field):
        values[since] = old.get(since)
        return []
    if value is None:   # validation refuses a record without it: a history has no empty value
        raise ValueError(f"{reg.name}: {field} is empty")
    values[since] = given or today
    return [Entry(value, values[since])]


def check(reg: Register, values: Row, entries: list[Entry], today: date,
          earliest: date | None = None, current_since: date | None = None) -> dict[str, str]:
    """What is wrong with the dates: a value dated before the record's own date, after today, or
    before the current value began (current_since: a change is the newest value, never one that the
    current value would hide); or (earliest: the first dated entry kept) the record's date moved
    after it. field -> message."""
    since, own = reg.dated_history.since_field, reg.date_field
    spec_since, spec_own = reg.spec[since], reg.spec[own]
    start = values.get(own)
    latest = max(today, start) if start else today
    errors: dict[str, str] = {}
    for entry in entries:
        day = entry.effective_on
        if day is None:
            continue
        if day > latest:
            errors[since] = t(f"«{spec_since.vi}» ({format_date_vi(day)}) không được sau hôm nay "
                              f"({format_date_vi(today)}).",
                              f"«{spec_since.en}» ({format_date_vi(day)}) cannot be after today.")
        elif current_since is not None and day < current_since:
            errors[since] = t(f"«{spec_since.vi}» ({format_date_vi(day)}) không được trước ngày bắt đầu tình trạng "
                              f"hiện tại ({format_date_vi(current_since)}).",
                              f"«{spec_since.en}» ({format_date_vi(day)}) cannot be before the current state "
                              f"began ({format_date_vi(current_since)}).")
        elif start is not None and day < start:
            errors[since] = t(f"«{spec_since.vi}» ({format_date_vi(day)}) không được trước "
                              f"«{spec_own.vi}» ({format_date_vi(start)}).",
                              f"«{spec_since.en}» ({format_date_vi(day)}) cannot be before "
                              f"«{spec_own.en}» ({format_date_vi(start)}).")
    if earliest is not None and start is not None and start > earliest:
        errors[own] = t(f"«{spec_own.vi}» ({format_date_vi(start)}) không được sau ngày chuyển tình trạng đã ghi "
                        f"({format_date_vi(earliest)}).",
                        f"«{spec_own.en}» ({format_date_vi(start)}) cannot be after a recorded change "
                        f"({format_date_vi(earliest)}).")
    return errors

