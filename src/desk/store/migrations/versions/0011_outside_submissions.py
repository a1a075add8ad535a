"""Reports submitted outside Desk: a period the commune reported on before Desk (or by hand) is marked so.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

- outside_submission holds, per unit and period, the number and date of a report sent without Desk
  ("nộp ngoài Desk"), who recorded it and when. Rows are never deleted; a mistaken one is voided
  with a reason.
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

from desk.store import dialect

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

STR = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "outside_submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.Integer(), nullable=False),
        sa.Column("period_code", STR(length=40), nullable=False),
        sa.Column("doc_number", STR(length=60), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", STR(length=100), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("void_reason", STR(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_outside_submission_unit_code", "outside_submission", ["unit_code"])
    dialect.refuse(op, "outside_submission_no_delete", "outside_submission", "DELETE",
                   "Desk never deletes records: void them instead")


def downgrade() -> None:
    dialect.drop_refusal(op, "outside_submission_no_delete", "outside_submission")
    op.drop_index("ix_outside_submission_unit_code", table_name="outside_submission")
    op.drop_table("outside_submission")
