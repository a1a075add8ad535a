"""Answers to obstacles from reply files: the replies table and the obstacle's latest answer.

Revision ID: 0012b
Revises: 0011
Create Date: 2026-12-03

- obstacle_reply keeps each answer a province or ministry sent back (services.replies), with the
  file it came from; reply_key is unique, so importing the same answer again adds nothing.
- obstacle.latest_reply is the newest of them as the register list and the form show it; empty
  for every existing obstacle (no answer was imported before).
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0012b"
down_revision = "0011"
branch_labels = None
depends_on = None

STR = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "obstacle_reply",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("obstacle_id", STR(length=36), nullable=False),
        sa.Column("reply_key", STR(length=64), nullable=False),
        sa.Column("body", STR(), nullable=False),
        sa.Column("doc_number", STR(), nullable=False),
        sa.Column("doc_date", sa.Date(), nullable=True),
        sa.Column("answer", STR(), nullable=False),
        sa.Column("proposed_state", STR(length=60), nullable=True),
        sa.Column("state_accepted", sa.Boolean(), nullable=False),
        sa.Column("source_file", STR(), nullable=False),
        sa.Column("source_hash", STR(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", STR(), nullable=False),
        sa.ForeignKeyConstraint(["obstacle_id"], ["obstacle.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reply_key"),
    )
    op.create_index("ix_obstacle_reply_obstacle_id", "obstacle_reply", ["obstacle_id"])
    # ALTER TABLE ADD COLUMN: the obstacle table (and its triggers) stays as it is.
    op.add_column("obstacle", sa.Column("latest_reply", STR(), nullable=True))


def downgrade() -> None:
    raise NotImplementedError("restore the before-migration backup")
