"""On a server, every write to a register tells the Desks listening which register it was (LISTEN/NOTIFY).

Revision ID: 0013p
Revises: 0012p
Create Date: 2026-12-03

- After each INSERT, UPDATE or DELETE statement on a register's table (or the obstacles' state
  history), PostgreSQL sends pg_notify('desk_changes', <table name>) when the transaction commits:
  a list on another clerk's screen reads itself again at once instead of at its next poll. One
  statement trigger, not one per row: an import of 100 000 rows sends one notice per table, and
  the server folds equal notices of one transaction into one.
- SQLite is untouched (one PC, nobody else to tell).
"""
from alembic import op

from desk.store.dialect import is_sqlite

revision = "0013p"
down_revision = "0012p"
branch_labels = None
depends_on = None

CHANNEL = "desk_changes"
# As at this revision: the register tables and the obstacles' state history.
TABLES = ("obstacle", "official", "staffing_frame", "movement", "visit", "initiative", "procedure_figures",
          "staffing_need", "obstacle_state")


def upgrade() -> None:
    if is_sqlite(op.get_bind()):
        return
    op.execute("CREATE OR REPLACE FUNCTION desk_notify_change() RETURNS trigger LANGUAGE plpgsql AS "
               f"$$ BEGIN PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME); RETURN NULL; END $$")
    for table in TABLES:
        op.execute(f'CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
                   "FOR EACH STATEMENT EXECUTE FUNCTION desk_notify_change()")


def downgrade() -> None:
    raise NotImplementedError("restore the before-migration backup")
