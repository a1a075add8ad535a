"""Report instances, period locks and document numbers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

STR = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "report_instance",
        sa.Column("id", STR(length=36), primary_key=True),
        sa.Column("unit_code", sa.Integer(), nullable=False),
        sa.Column("kind", STR(length=40), nullable=False),
        sa.Column("period_code", STR(length=40), nullable=False),
        sa.Column("period_kind", STR(length=20), nullable=False),
        sa.Column("rule", STR(length=20), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", STR(length=20), nullable=False),
        sa.Column("doc_year", sa.Integer(), nullable=False),
        sa.Column("doc_number", sa.Integer(), nullable=False),
        sa.Column("doc_symbol", STR(length=40), nullable=False),
        sa.Column("generated_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_by", STR(), nullable=False),
        sa.Column("file_name", STR(), nullable=False),
        sa.Column("data_hash", STR(length=64), nullable=False),
    )
    op.create_index("ix_report_instance_unit_code", "report_instance", ["unit_code"])
    op.create_index("ix_report_instance_period_code", "report_instance", ["period_code"])
    op.create_table(
        "period_lock",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("unit_code", sa.Integer(), nullable=False),
        sa.Column("period_code", STR(length=40), nullable=False),
        sa.Column("period_label", STR(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("rule", STR(length=20), nullable=False),
        sa.Column("locked_at", sa.DateTime(), nullable=False),
        sa.Column("locked_by", STR(), nullable=False),
        sa.Column("lock_reason", STR(), nullable=False),
        sa.Column("report_id", STR(length=36), sa.ForeignKey("report_instance.id"), nullable=True),
        sa.Column("unlocked_at", sa.DateTime(), nullable=True),
        sa.Column("unlocked_by", STR(), nullable=True),
        sa.Column("unlock_reason", STR(), nullable=True),
    )
    op.create_index("ix_period_lock_unit_code", "period_lock", ["unit_code"])
    op.create_table(
        "document_counter",
        sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("symbol", STR(length=40), primary_key=True),
        sa.Column("last_number", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("document_counter")
    op.drop_table("period_lock")
    op.drop_table("report_instance")
