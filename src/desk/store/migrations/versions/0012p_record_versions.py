"""A version number on every register record, and on a server the collation keys compared byte by byte.

Revision ID: 0012p
Revises: 0012c
Create Date: 2026-12-03

- Every register table gains version (1 for the records there are): each save of a record raises
  it by one, and a save made from what a record held at version N is refused when it is no
  longer N (another clerk saved it meanwhile: records.RecordChanged says what they changed).
- On PostgreSQL the stored collation keys ("title_sort", "<field>_sort": domain.sort_keys) are
  compared as bytes, as SQLite compares them: a server's own collation (Vietnamese_Vietnam.1258,
  en_US.UTF-8) would order the keys, which are built to sort by byte, differently.
"""
import sqlalchemy as sa
from alembic import op

from desk.store.dialect import is_sqlite

revision = "0012p"
down_revision = "0012c"
branch_labels = None
depends_on = None

# As at this revision.
TABLES = ("obstacle", "official", "staffing_frame", "movement", "visit", "initiative", "procedure_figures",
          "staffing_need")


def upgrade() -> None:
    for table in TABLES:
        # ALTER TABLE ADD COLUMN: the tables (and their triggers) stay as they are.
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    conn = op.get_bind()
    if is_sqlite(conn):
        return
    keys = conn.exec_driver_sql(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND right(column_name, 5) = '_sort'").fetchall()
    for table, column in keys:
        op.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE VARCHAR COLLATE "C"')


def downgrade() -> None:
    raise NotImplementedError("restore the before-migration backup")
