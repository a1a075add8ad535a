"""Faster lists and figures at 100k records: a covering index for an obstacle's state on a day, and a
stored collation key for every text column a register list sorts.

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-02

- "The state of this obstacle on day D" (store.conditions, for every figure as of a date) reads the
  latest entry dated on or before D. With an index on record_id alone SQLite read each entry and
  sorted them per obstacle; the index (record_id, effective_on, id, voided, value) answers it in
  order, from the index alone (the overview at a period's end, 100k obstacles with ~5 states each:
  about half the time). It replaces the index on record_id, which is its first column.
- The text columns a register list shows besides its title (domain.register.Register.keyed_sorts)
  gain "<field>_sort", their Vietnamese collation key (domain.sort_keys), as the title has
  title_sort: the list orders them in SQL (a proposal column of 100k records: ~0.35 s sorted in
  Python). Existing rows are filled here; records.stored_columns fills them from now on.
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

from desk.domain.sort_keys import vi_sort_text

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None

STR = sqlmodel.sql.sqltypes.AutoString
# table -> its keyed text columns, as at this revision (none is a person's name).
KEYED = {"obstacle": ("proposal", "result", "guide_doc", "cause", "impact"), "official": ("job_position", "phone"),
         "initiative": ("participants",), "procedure_figures": ("note",)}
_CHUNK = 5_000


def upgrade() -> None:
    op.create_index("ix_obstacle_state_day", "obstacle_state", ["record_id", "effective_on", "id", "voided", "value"])
    op.drop_index("ix_obstacle_state_record_id", "obstacle_state")
    # ALTER TABLE ADD COLUMN: the tables (and their triggers) stay as they are.
    for table, columns in KEYED.items():
        for column in columns:
            op.add_column(table, sa.Column(f"{column}_sort", STR(), nullable=True))
    conn = op.get_bind()
    for table, columns in KEYED.items():
        listed = ", ".join(f'"{c}"' for c in columns)
        rows = conn.exec_driver_sql(f'SELECT rowid, {listed} FROM "{table}"').fetchall()
        filled = [(*(vi_sort_text(text) for text in texts), rowid) for rowid, *texts in rows]
        setting = ", ".join(f'"{c}_sort" = ?' for c in columns)
        for start in range(0, len(filled), _CHUNK):
            conn.exec_driver_sql(f'UPDATE "{table}" SET {setting} WHERE rowid = ?', filled[start:start + _CHUNK])


def downgrade() -> None:
    raise NotImplementedError("restore the before-migration backup")
