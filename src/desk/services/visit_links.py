"""The link between field visits and the obstacles found during them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from desk.store.models import Obstacle


def obstacle_counts(session: Session, visit_ids: list[str]) -> dict[str, int]:
    """visit id -> number of (not voided) obstacles recorded from it."""
    if not visit_ids:
        return {}
    query = (select(Obstacle.visit_id, func.count()).where(Obstacle.visit_id.in_(visit_ids),
                                                           Obstacle.voided.is_(False))
             .group_by(Obstacle.visit_id))
    return {visit_id: n for visit_id, n in session.execute(query)}


def annotate(session: Session, rows: list[dict], today: date) -> None:
    """Add obstacle_count to each visit row."""
    counts = obstacle_counts(session, [r["id"] for r in rows])
    for row in rows:
        row["obstacle_count"] = counts.get(row["id"], 0)
