"""Every register table keeps its title in the form a search matches with diacritics (title_casefold).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04

The register list ranks a search's matches by whether the title holds the words as typed, any case
(domain.text.exact_form). It made that form from every title when a register opened, on a thread of
its own before the first keystroke: at 100k obstacles ~0.1 s of the ~0.4 s its texts took, which a
keystroke typed early waited for. Stored beside title_fold, it is read like the other search texts.
Existing rows are filled here; records.stored_columns fills them from now on.
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

from desk.domain.text import exact_form

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

STR = sqlmodel.sql.sqltypes.AutoString
# table -> its title field, as at this revision.
TITLES = {"obstacle": "title", "official": "full_name", "staffing_frame": "job_position", "movement": "person_name",
          "visit": "team_body", "initiative": "name", "procedure_figures": "point", "staffing_need": "job_position"}
_CHUNK = 5_000


def upgrade() -> None:
    # ALTER TABLE ADD COLUMN: the tables (and their triggers) stay as they are.
    for table in TITLES:
        op.add_column(table, sa.Column("title_casefold", STR(), nullable=True))
    conn = op.get_bind()
    for table, title in TITLES.items():
        rows = conn.exec_driver_sql(f'SELECT rowid, "{title}" FROM "{table}"').fetchall()
        filled = [(exact_form(text or ""), rowid) for rowid, text in rows]
        for start in range(0, len(filled), _CHUNK):
            conn.exec_driver_sql(f'UPDATE "{table}" SET title_casefold = ? WHERE rowid = ?',
                                 filled[start:start + _CHUNK])


def downgrade() -> None:
    for table in TITLES:
        op.drop_column(table, "title_casefold")
