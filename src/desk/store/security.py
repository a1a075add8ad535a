"""Tables for people and the audit trail: users and roles, the chained audit log, sign-in failures, imported files."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Text
from sqlmodel import Field, SQLModel
from sqlmodel.sql.sqltypes import UTCDateTime


class StoredTime(UTCDateTime):
    """A UTC time kept as SQLite's text ("2026-12-03 04:42:03.123456") on every engine: the audit
    trail's hash chain covers the stored text, so a server must hold exactly the same text."""

    cache_ok = True

    def load_dialect_impl(self, dialect):
        return dialect.type_descriptor(DateTime(timezone=True) if dialect.name == "sqlite" else Text())

    def process_bind_param(self, value, dialect):
        value = super().process_bind_param(value, dialect)
        if dialect.name == "sqlite" or value is None:
            return value
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")

    def process_result_value(self, value, dialect):
        if dialect.name != "sqlite" and isinstance(value, str):
            value = datetime.fromisoformat(value)
        return super().process_result_value(value, dialect)


class User(SQLModel, table=True):
    """Someone who may sign in; never deleted (their name stays in the audit trail), only deactivated."""

    __tablename__ = "desk_user"
    id: int | None = Field(default=None, primary_key=True)
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
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True, sa_type=StoredTime)   # UTC
    actor: str = Field(max_length=80)                  # user name, or "os:<name>" for the OS user
    actor_role: str = Field(max_length=10)
    action: str = Field(max_length=20)                 # desk.store.audit.ACTIONS
    table_name: str = Field(max_length=60)
    record_id: str | None = Field(default=None, max_length=60)
    field: str | None = Field(default=None, max_length=60)   # or audit.MANY_FIELDS: JSON values (imports)
    old_value: str | None = None
    new_value: str | None = None
    reason: str | None = None
    # The hash chain (store.audit_chain): the previous row's row_hash, and this row's.
    prev_hash: str = ""
    row_hash: str = ""


class SignInAttempt(SQLModel, table=True):
    """Wrong passwords typed for a name (known or not), for the lockout with back-off."""

    __tablename__ = "sign_in_attempt"
    name_key: str = Field(primary_key=True)
    failures: int = 0
    last_failure_at: datetime | None = None
    locked_until: datetime | None = None


class ImportedFile(SQLModel, table=True):
    """A workbook imported once: its content's SHA-256, so importing the same file again is asked about."""

    __tablename__ = "imported_file"
    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(index=True)
    file_name: str
    imported_at: datetime
    actor: str
    records: int
