"""Columns for fast registers at 100k records.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28

Every register table gains title_sort (the title field's Vietnamese collation key, which SQLite
sorts by byte order: desk.domain.sort_keys) and title_fold (fold() of the title, to rank the
search matches found in the title). Existing rows are filled here; records.stored_columns fills
them from now on.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

from desk.domain.sort_keys import name_sort_text, vi_sort_text
from desk.domain.text import fold

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

STR = sqlmodel.sql.sqltypes.AutoString

# table -> (its title field, sorted as a person's name: given name first), as at this revision.
TITLES = {
    "obstacle": ("title", False),
    "official": ("full_name", True),
    "staffing_frame": ("job_position", False),
    "movement": ("person_name", False),
    "visit": ("team_body", False),
    "initiative": ("name", False),
}
_CHUNK = 5_000


def upgrade() -> None:
    for table in TITLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("title_sort", STR(), nullable=True))
            batch.add_column(sa.Column("title_fold", STR(), nullable=True))
    conn = op.get_bind()
    for table, (title, is_name) in TITLES.items():
        key = name_sort_text if is_name else vi_sort_text
        rows = conn.exec_driver_sql(f'SELECT rowid, "{title}" FROM "{table}"').fetchall()
        filled = [(key(text), fold(text or ""), rowid) for rowid, text in rows]
        for start in range(0, len(filled), _CHUNK):
            conn.exec_driver_sql(f'UPDATE "{table}" SET title_sort = ?, title_fold = ? WHERE rowid = ?',
                                 filled[start:start + _CHUNK])


def downgrade() -> None:
    for table in TITLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("title_fold")
            batch.drop_column("title_sort")
