"""Tables of reporting: report instances sent up, period locks, and the yearly document counter."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel


class ReportInstance(SQLModel, table=True):
    """One report exported for submission: its period is stored explicitly, never only a label."""

    __tablename__ = "report_instance"
    id: str = Field(primary_key=True, max_length=36)
    unit_code: int = Field(index=True)
    kind: str = Field(max_length=40)             # "periodic" (Báo cáo định kỳ), or one section's key
    period_code: str = Field(index=True, max_length=40)
    period_kind: str = Field(max_length=20)      # PeriodKind
    rule: str = Field(max_length=20)             # PeriodRule: decree09 / calendar / explicit
    start: date
    end: date
    due_date: date
    status: str = Field(default="submitted", max_length=20)   # submitted | superseded
    doc_year: int
    doc_number: int
    doc_symbol: str = Field(max_length=40)
    generated_at: datetime
    submitted_at: datetime
    submitted_by: str = ""
    file_name: str = ""
    data_hash: str = Field(default="", max_length=64)


class PeriodLock(SQLModel, table=True):
    """A period whose records are frozen; kept after unlocking, so both events stay on record."""

    __tablename__ = "period_lock"
    id: int | None = Field(default=None, primary_key=True)
    unit_code: int = Field(index=True)
    period_code: str = Field(max_length=40)
    period_label: str = ""
    start: date
    end: date
    rule: str = Field(max_length=20)
    locked_at: datetime
    locked_by: str = ""
    lock_reason: str = ""
    report_id: str | None = Field(default=None, foreign_key="report_instance.id", max_length=36)
    unlocked_at: datetime | None = None
    unlocked_by: str | None = None
    unlock_reason: str | None = None


class OutsideSubmission(SQLModel, table=True):
    """A period's report sent without Desk (before Desk, or by hand): its number and date, so the period is
    not shown overdue. Never deleted; voided with a reason."""

    __tablename__ = "outside_submission"
    id: int | None = Field(default=None, primary_key=True)
    unit_code: int = Field(index=True)
    period_code: str = Field(max_length=40)
    doc_number: str = Field(max_length=60)
    submitted_on: date
    recorded_at: datetime
    recorded_by: str = Field(max_length=100)
    voided: bool = False
    void_reason: str | None = None


class DocumentCounter(SQLModel, table=True):
    """The last number given to an outgoing report, per year and symbol ("05" of Số: 05/BC-UBND)."""

    __tablename__ = "document_counter"
    year: int = Field(primary_key=True)
    symbol: str = Field(primary_key=True, max_length=40)
    last_number: int = 0


class ReportText(SQLModel, table=True):
    """A narrative section of a period's report as the clerk typed it (general assessment, results, ...)."""

    __tablename__ = "report_text"
    unit_code: int = Field(primary_key=True)
    period_code: str = Field(primary_key=True, max_length=40)
    section: str = Field(primary_key=True, max_length=40)
    text: str = ""
    updated_at: datetime
    updated_by: str = ""
