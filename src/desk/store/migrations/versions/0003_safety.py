"""Users, roles and the append-only audit trail.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

from desk.store.dialect import add_rowid, drop_refusal, refuse

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

STR = sqlmodel.sql.sqltypes.AutoString

# The audit trail is append-only in the database itself, not only in Desk's code: a script,
# a DB browser or a bug that tries to rewrite history is refused by SQLite.
TRIGGERS = {
    "audit_log_no_update": "UPDATE",
    "audit_log_no_delete": "DELETE",
}


def upgrade() -> None:
    op.create_table(
        "desk_user",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", STR(length=60), nullable=False),
        sa.Column("name_key", STR(length=60), nullable=False),
        sa.Column("full_name", STR(), nullable=False),
        sa.Column("role", STR(length=10), nullable=False),
        sa.Column("password_hash", STR(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_desk_user_name_key", "desk_user", ["name_key"], unique=True)
    add_rowid(op, "desk_user")
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", STR(length=80), nullable=False),
        sa.Column("actor_role", STR(length=10), nullable=False),
        sa.Column("action", STR(length=20), nullable=False),
        sa.Column("table_name", STR(length=60), nullable=False),
        sa.Column("record_id", STR(length=60), nullable=True),
        sa.Column("field", STR(length=60), nullable=True),
        sa.Column("old_value", STR(), nullable=True),
        sa.Column("new_value", STR(), nullable=True),
        sa.Column("reason", STR(), nullable=True),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_record", "audit_log", ["table_name", "record_id"])
    for name, event in TRIGGERS.items():
        refuse(op, name, "audit_log", event, "audit_log is append-only")


def downgrade() -> None:
    for name in TRIGGERS:
        drop_refusal(op, name, "audit_log")
    op.drop_table("audit_log")
    op.drop_table("desk_user")
