"""Tables for people and the audit trail: Desk's users with their roles, and the append-only audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class User(SQLModel, table=True):
    """Someone who may sign in; never deleted (their name stays in the audit trail), only deactivated."""

    __tablename__ = "desk_user"
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=60)                              # the sign-in name as typed
    name_key: str = Field(max_length=60, unique=True, index=True)  # NFC + casefold: one "Lan" per office
    full_name: str = ""
    role: str = Field(max_length=10)                              # desk.domain.access.Role value
    # "scrypt$n$r$p$salt$hash": the parameters travel with the hash, so they can be raised later.
    password_hash: str
    active: bool = True
    created_at: datetime
    updated_at: datetime


class AuditEntry(SQLModel, table=True):
    """One fact of the audit trail: who did what to which record and field, when (UTC), and why.

    SQLite triggers created by the migration refuse UPDATE and DELETE on this table.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_record", "table_name", "record_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)                   # UTC
    actor: str = Field(max_length=80)                  # user name, or "os:<name>" for the OS user
    actor_role: str = Field(max_length=10)
    action: str = Field(max_length=20)                 # desk.store.audit.ACTIONS
    table_name: str = Field(max_length=60)
    record_id: Optional[str] = Field(default=None, max_length=60)
    field: Optional[str] = Field(default=None, max_length=60)   # or audit.MANY_FIELDS: JSON values (imports)
    old_value: Optional[str] = None
    new_value: Optional[str] = None
    reason: Optional[str] = None
