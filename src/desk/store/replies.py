"""The answers a province or ministry sent back to the commune's obstacles, as imported from reply files."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel


class ObstacleReply(SQLModel, table=True):
    """One answer to one obstacle; kept as received (the state it proposed, and whether the commune took it)."""

    __tablename__ = "obstacle_reply"
    id: int | None = Field(default=None, primary_key=True)
    obstacle_id: str = Field(foreign_key="obstacle.id", max_length=36, index=True)
    # domain.replies.Reply.key: the same answer imported again (the same file, or a re-saved copy) is known.
    reply_key: str = Field(max_length=64, unique=True)
    body: str = ""
    doc_number: str = ""
    doc_date: date | None = None
    answer: str = ""
    proposed_state: str | None = Field(default=None, max_length=60)
    state_accepted: bool = False
    source_file: str = ""
    source_hash: str = Field(default="", max_length=64)
    imported_at: datetime
    imported_by: str = ""
