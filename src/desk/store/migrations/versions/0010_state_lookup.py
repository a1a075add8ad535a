"""An obstacle's state on a day read from one index: obstacle_state's lookup index covers the query.

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-02

"The state of this obstacle on day D" (store.conditions, for every figure as of a date) reads the
latest entry dated on or before D. With an index on record_id alone SQLite read each entry and
sorted them per obstacle; the index (record_id, effective_on, id, voided, value) answers it in
order, from the index alone (the overview at a period's end, 100k obstacles with ~5 states each:
about half the time). It replaces the index on record_id, which is its first column.
"""
from alembic import op

revision = "0010"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_obstacle_state_day", "obstacle_state", ["record_id", "effective_on", "id", "voided", "value"])
    op.drop_index("ix_obstacle_state_record_id", "obstacle_state")


def downgrade() -> None:
    op.create_index("ix_obstacle_state_record_id", "obstacle_state", ["record_id"])
    op.drop_index("ix_obstacle_state_day", "obstacle_state")
