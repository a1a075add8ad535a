"""What a locked period forbids, as a rule on values alone (services.period_lock applies it to saves)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desk.domain import period_locks
from desk.domain.registers.obstacles import REGISTER as OBSTACLES


@dataclass(frozen=True)
class Span:
    start: date
    end: date


Q3 = Span(date(2025, 6, 15), date(2025, 9, 14))
REFERRED = {"raised_on": date(2025, 7, 1), "title": "Thiếu công chức", "status": "referred",
            "status_since": date(2025, 8, 1), "result": None, "resolved_on": None, "deadline": None}


def refusal(before, **changes):
    return period_locks.refusal(OBSTACLES, before, {**(before or {}), **changes}, [Q3])


def test_a_new_state_after_the_locked_period_s_end_is_allowed_though_the_old_one_began_in_it():
    assert refusal(REFERRED, status="resolved", status_since=date(2025, 10, 5), resolved_on=date(2025, 10, 5),
                   result="Đã bổ sung") is None


def test_what_the_submitted_report_showed_is_refused():
    assert refusal(REFERRED, title="Khác").how == period_locks.EDIT
    assert refusal(REFERRED, status="in_progress", status_since=date(2025, 9, 1)).field == "status_since"
    assert refusal(REFERRED, status="resolved", status_since=date(2025, 9, 1), resolved_on=date(2025, 9, 1)).field \
        == "resolved_on"
    assert refusal(REFERRED, deadline=date(2025, 9, 1)).field == "deadline"      # a follow-up date inside it
    assert refusal(None, raised_on=date(2025, 8, 1)).how == period_locks.ADD
    # Raised before Q3 and open at its end: a state dated before Q3 would change Q3's figures
    older = {**REFERRED, "raised_on": date(2025, 3, 1), "status": "received", "status_since": None}
    found = refusal(older, status="in_progress", status_since=date(2025, 5, 1))
    assert (found.how, found.span) == (period_locks.BEFORE_END, Q3)
    assert refusal(older, status="in_progress", status_since=date(2025, 9, 15)) is None


def test_a_record_raised_after_the_locked_period_is_not_its_concern():
    later = {**REFERRED, "raised_on": date(2025, 10, 1), "status_since": date(2025, 10, 2)}
    assert refusal(later, title="Khác") is None
    assert refusal(later, status="resolved", status_since=date(2025, 10, 3)) is None
