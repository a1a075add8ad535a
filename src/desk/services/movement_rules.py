"""Movements on a given day: who the person is, the derived state, the secondment limit, overlaps."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from desk.domain import movements
from desk.domain.lang import t
from desk.domain.text import fold
from desk.services import rule_settings
from desk.store.models import Movement, Official
from desk.domain.formats import format_date_vi


def _names(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = session.execute(select(Official.id, Official.full_name).where(Official.id.in_(sorted(ids))))
    return {row.id: row.full_name or "" for row in rows}


def annotate(session: Session, rows: list[dict], today: date) -> None:
    """Add person, state and too_long to each movement row, as they stand on `today`."""
    rules = rule_settings.load(session)
    names = _names(session, {r["official_id"] for r in rows if r.get("official_id")})
    for row in rows:
        row["person"] = names.get(row.get("official_id"), "") or row.get("person_name") or ""
        start = row.get("start_date")
        row["state"] = movements.state(start, row.get("planned_end"), row.get("actual_end"), today,
                                       rules.ending_soon_days) if start else None
        row["too_long"] = movements.too_long(row.get("kind"), start, row.get("planned_end"), row.get("actual_end"),
                                             today, rules.secondment_max_months)


def current(session: Session, unit_code: int, today: date) -> list[dict]:
    """Movements under way on `today` (active, ending soon or overdue to end), annotated."""
    table = Movement.__table__
    query = select(table).where(table.c.unit_code == unit_code, table.c.voided.is_(False),
                                table.c.start_date <= today)
    rows = [dict(r._mapping) for r in session.execute(query)]
    annotate(session, rows, today)
    return [r for r in rows if r["state"] in movements.CURRENT_STATES]


def warnings(session: Session, values: dict, *, record_id: str | None, unit_code: int) -> list[str]:
    """The same person already on another movement of the same kind at an overlapping time;
    a secondment longer than the maximum."""
    found = []
    start, kind = values.get("start_date"), values.get("kind")
    if start and kind:
        end = movements.end_of(start, values.get("planned_end"), values.get("actual_end"))
        table = Movement.__table__
        query = select(table).where(table.c.unit_code == unit_code, table.c.voided.is_(False), table.c.kind == kind)
        if record_id:
            query = query.where(table.c.id != record_id)
        official, person = values.get("official_id"), fold(values.get("person_name") or "")
        kind_vi, kind_en = next(((c.vi, c.en) for c in movements.KINDS if c.code == kind), (kind, kind))
        for other in (dict(r._mapping) for r in session.execute(query)):
            same = (official and other["official_id"] == official) or \
                   (not official and person and not other["official_id"] and fold(other["person_name"] or "") == person)
            other_end = movements.end_of(other["start_date"], other["planned_end"], other["actual_end"])
            if same and other["start_date"] and movements.overlaps(start, end, other["start_date"], other_end):
                until = f"{format_date_vi(other_end)}" if other_end else t("chưa có ngày kết thúc", "no end date")
                found.append(t(f"Người này đang có một quyết định {kind_vi.lower()} khác trùng thời gian "
                               f"(từ {format_date_vi(other['start_date'])}, đến {until}; "
                               f"{other['decision_number'] or 'chưa ghi số quyết định'}).",
                               f"This person is already on another {kind_en.lower()} at the same time "
                               f"(from {format_date_vi(other['start_date'])} to {until})."))
    if start:
        rules = rule_settings.load(session)
        end = movements.end_of(start, values.get("planned_end"), values.get("actual_end"))
        if movements.too_long(kind, start, values.get("planned_end"), values.get("actual_end"), date.today(),
                              rules.secondment_max_months):
            found.append(movements.too_long_message(start, end, rules.secondment_max_months))
    return found
