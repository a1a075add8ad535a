"""The narrative sections of a period's report as the clerk typed them: kept with the period, locked with it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlmodel import Session, col

from desk.domain.access import Actor, Permission, require
from desk.domain.lang import t
from desk.domain.outline import MAX_TEXT, TEXT_KEYS, TEXT_SECTIONS
from desk.domain.periods import Period
from desk.domain.text import nfc
from desk.errors import UserError, ValidationError
from desk.services import period_lock
from desk.store import audit
from desk.store.reporting import ReportText

TABLE = "report_text"


def texts(session: Session, unit_code: int, period_code: str) -> dict[str, str]:
    """section key -> the text typed for the period ("" when none), in the outline's order."""
    rows = session.scalars(select(ReportText).where(col(ReportText.unit_code) == unit_code,
                                                    col(ReportText.period_code) == period_code))
    found = {r.section: r.text for r in rows}
    return {key: found.get(key, "") for key in TEXT_KEYS}


def _tidy(text: str) -> str:
    """NFC, Windows line ends made plain, trailing spaces and blank lines at the ends dropped."""
    lines = [line.rstrip() for line in nfc(text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n").strip()


def save(session: Session, actor: Actor, unit_code: int, period: Period, typed: dict[str, str]) -> list[str]:
    """Store the sections that changed (an audit row each); refused while the period is locked:
    the submitted report printed them."""
    require(actor, Permission.ENTER_RECORDS)
    lock = period_lock.active_lock(session, unit_code, period.code)
    if lock is not None:
        raise period_lock.PeriodLockedError(t(
            f"Không sửa được nội dung báo cáo: {period_lock.describe(lock)}. Muốn sửa, lãnh đạo phải mở khóa kỳ.",
            f"Cannot change the report's text: {period_lock.describe(lock)}. A leader must unlock the period."))
    unknown = set(typed) - set(TEXT_KEYS)
    if unknown:
        raise UserError(t(f"Không có phần báo cáo «{', '.join(sorted(unknown))}».",
                          f"No report section «{', '.join(sorted(unknown))}»."))
    errors = {}
    new = {key: _tidy(text) for key, text in typed.items()}
    for section in TEXT_SECTIONS:
        if len(new.get(section.key, "")) > MAX_TEXT:
            errors[section.key] = t(f"«{section.vi}» dài {len(new[section.key])} ký tự, tối đa {MAX_TEXT}.",
                                    f"«{section.en}» has {len(new[section.key])} characters; at most {MAX_TEXT}.")
    if errors:
        raise ValidationError(errors)
    old = texts(session, unit_code, period.code)
    now = datetime.now(UTC)
    changed = [key for key, text in new.items() if text != old[key]]
    for key in changed:
        row = session.get(ReportText, (unit_code, period.code, key)) or \
            ReportText(unit_code=unit_code, period_code=period.code, section=key, updated_at=now)
        row.text, row.updated_at, row.updated_by = new[key], now, actor.name
        session.add(row)
        audit.record(session, actor, audit.EDIT, TABLE, f"{period.code}/{key}", field=key, old=old[key] or None,
                     new=new[key] or None, at=now)
    return changed
