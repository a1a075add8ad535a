"""The unit codes a list move re-stamped: each row's old code, with both versions of the official list."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class UnitCodeChange(SQLModel, table=True):
    """One row re-stamped by a move of the unit list (migration 0012c: 2025.10.1 -> 2026.9.0)."""

    __tablename__ = "unit_code_change"
    __table_args__ = (Index("ix_unit_code_change_record", "table_name", "record_key"),)
    id: int | None = Field(default=None, primary_key=True)
    table_name: str = Field(max_length=60)
    record_key: str                 # the row's id (or its primary key's columns joined by "|")
    old_code: int
    new_code: int
    list_from: str = Field(max_length=20)
    list_to: str = Field(max_length=20)
    changed_at: datetime
