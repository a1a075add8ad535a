"""Warnings on an official before saving: possible duplicates and a citizen ID that contradicts itself.

They are warnings, not errors: two people may share a name and a birthday. The form asks the
clerk (ui.messages.confirm) and saves when told to; records.save itself never refuses on them,
so an importer must call records.warnings and decide (e.g. list them in its preview).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from desk.domain import officials
from desk.domain.lang import t
from desk.domain.text import fold
from desk.store.models import Official
from desk.domain.formats import format_date_vi


def _others(session: Session, unit_code: int, record_id: str | None):
    query = select(Official).where(Official.unit_code == unit_code, Official.voided.is_(False))
    if record_id:
        query = query.where(Official.id != record_id)
    return session.scalars(query)


def duplicates(session: Session, values: dict, *, unit_code: int, record_id: str | None = None) -> list[Official]:
    """Officials of the unit with the same name (accents and case aside) and the same date of birth."""
    name, born = values.get("full_name"), values.get("birth_date")
    if not name or not born:
        return []
    key = fold(name)
    return [o for o in _others(session, unit_code, record_id) if o.birth_date == born and fold(o.full_name or "") == key]


def warnings(session: Session, values: dict, *, record_id: str | None, unit_code: int) -> list[str]:
    found = []
    for other in duplicates(session, values, unit_code=unit_code, record_id=record_id):
        found.append(t(f"Sổ đã có «{other.full_name}», sinh ngày {format_date_vi(other.birth_date)}: có thể là một người "
                       "nhập hai lần.",
                       f"The register already has «{other.full_name}», born {format_date_vi(other.birth_date)}: "
                       "possibly the same person entered twice."))
    citizen_id = values.get("citizen_id")
    if citizen_id:
        for other in _others(session, unit_code, record_id):
            if other.citizen_id == citizen_id:
                found.append(t(f"Số CCCD {citizen_id} đã ghi cho «{other.full_name}».",
                               f"Citizen ID {citizen_id} is already recorded for «{other.full_name}»."))
    mismatch = officials.citizen_id_mismatch(citizen_id, values.get("birth_date"), values.get("gender"))
    if mismatch:
        found.append(mismatch)
    return found
