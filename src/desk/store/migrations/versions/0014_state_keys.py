"""An obstacle's state on a day looked up by an integer key, and the overview's columns read from one index.

Revision ID: 0014
Revises: 0013r
Create Date: 2026-12-03

- obstacle gains record_key, an integer of its own that never changes (SQLite's rowid of a table
  keyed by text may change on VACUUM, so it is a declared column), and obstacle_state gains the
  key of its obstacle. "The state of this obstacle on day D" (store.conditions) seeks the index
  (record_key, coalesce(effective_on, UNDATED), id, voided, value, effective_on) instead of one keyed
  by a 36-character text id: a smaller index and integer comparisons, and one seek straight to the
  latest entry by the day, the undated first state included (with effective_on itself, a NULL
  before every date, "dated by D or undated" walked the record's entries back from its last). The
  overview at a period's end makes ~310k such lookups at 100k obstacles. One record's timeline is
  read by its key too: an index on record_id as well (random text ids) made writing 50k obstacles'
  250k states 8.4 s instead of 5.0 s.
- The database numbers and copies the keys itself, so no writer (a save, an import, a reply, a
  restore, a file written by an older Desk and upgraded) can leave one out: a new obstacle given no
  key gets the next one (PostgreSQL: from a sequence as it is inserted; SQLite: one more than the
  highest when its first state is written, before which no lookup could find a state of it), a new
  state given none gets its obstacle's, and one given another obstacle's key is refused. A bulk
  write on SQLite gives the keys itself (store.record_keys). A key once set is never changed
  (obstacle_state stays append-only: only its voided mark may change).
- The overview's figures read unit_code, voided, record_key, raised_on, domain, deadline, status
  and status_since of every obstacle: one index holds them all (in key order, so the state lookups
  that follow walk obstacle_state's index in the same order), and the obstacles' rows, with their
  long texts, are not read.
"""
import sqlalchemy as sa
from alembic import op

from desk.store.dialect import is_sqlite

revision = "0014"
down_revision = "0013r"
branch_labels = None
depends_on = None

KEPT = "a record key is never changed"
WRONG = "a state must carry its own obstacle key"
# store.models.UNDATED, as at this revision: the undated first state sorts before every day.
UNDATED = "0001-01-01"
# The overview's columns, as at this revision (domain.registers.obstacles.HISTORY.covered).
FIGURES = ("unit_code", "voided", "record_key", "raised_on", "domain", "deadline", "status", "status_since")

SQLITE_TRIGGERS = (
    # An obstacle is numbered when its first state is written: a trigger on obstacle itself, even one
    # doing nothing, made every insert into it ~2x slower (each of its indexes is then searched again).
    # Until then it has no state a key would find (nor one its text id would find).
    "CREATE TRIGGER obstacle_state_record_key AFTER INSERT ON obstacle_state WHEN NEW.record_key IS NULL BEGIN "
    "UPDATE obstacle SET record_key = (SELECT ifnull(max(record_key), 0) + 1 FROM obstacle) "
    "WHERE id = NEW.record_id AND record_key IS NULL; "
    "UPDATE obstacle_state SET record_key = (SELECT record_key FROM obstacle WHERE id = NEW.record_id) "
    "WHERE id = NEW.id; END",
    "CREATE TRIGGER obstacle_state_record_key_checked BEFORE INSERT ON obstacle_state "
    "WHEN NEW.record_key IS NOT NULL AND NEW.record_key IS NOT (SELECT record_key FROM obstacle "
    f"WHERE id = NEW.record_id) BEGIN SELECT RAISE(ABORT, '{WRONG}'); END",
    "CREATE TRIGGER obstacle_record_key_kept BEFORE UPDATE OF record_key ON obstacle "
    f"WHEN OLD.record_key IS NOT NULL BEGIN SELECT RAISE(ABORT, '{KEPT}'); END",
    "CREATE TRIGGER obstacle_state_record_key_kept BEFORE UPDATE OF record_key ON obstacle_state "
    f"WHEN OLD.record_key IS NOT NULL BEGIN SELECT RAISE(ABORT, '{KEPT}'); END",
)

POSTGRESQL = (
    "CREATE SEQUENCE obstacle_record_key_seq OWNED BY obstacle.record_key",
    "SELECT setval('obstacle_record_key_seq', coalesce((SELECT max(record_key) FROM obstacle), 0) + 1, false)",
    "CREATE OR REPLACE FUNCTION desk_obstacle_record_key() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF NEW.record_key IS NULL THEN NEW.record_key := nextval('obstacle_record_key_seq'); END IF; "
    "RETURN NEW; END $$",
    "CREATE TRIGGER obstacle_record_key BEFORE INSERT ON obstacle FOR EACH ROW "
    "EXECUTE FUNCTION desk_obstacle_record_key()",
    "CREATE OR REPLACE FUNCTION desk_obstacle_state_record_key() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "DECLARE own integer; BEGIN "
    "SELECT record_key INTO own FROM obstacle WHERE id = NEW.record_id; "
    "IF NEW.record_key IS NULL THEN NEW.record_key := own; "
    f"ELSIF NEW.record_key IS DISTINCT FROM own THEN RAISE EXCEPTION '{WRONG}' "
    "USING ERRCODE = 'restrict_violation'; END IF; "
    "RETURN NEW; END $$",
    "CREATE TRIGGER obstacle_state_record_key BEFORE INSERT ON obstacle_state FOR EACH ROW "
    "EXECUTE FUNCTION desk_obstacle_state_record_key()",
    "CREATE TRIGGER obstacle_record_key_kept BEFORE UPDATE OF record_key ON obstacle FOR EACH ROW "
    f"WHEN (OLD.record_key IS NOT NULL) EXECUTE FUNCTION desk_refuse('{KEPT}')",
    "CREATE TRIGGER obstacle_state_record_key_kept BEFORE UPDATE OF record_key ON obstacle_state FOR EACH ROW "
    f"WHEN (OLD.record_key IS NOT NULL) EXECUTE FUNCTION desk_refuse('{KEPT}')",
)


def upgrade() -> None:
    # ALTER TABLE ADD COLUMN: the tables (and their triggers) stay as they are.
    op.add_column("obstacle", sa.Column("record_key", sa.Integer(), nullable=True))
    op.add_column("obstacle_state", sa.Column("record_key", sa.Integer(), nullable=True))
    # Numbered in the order the obstacles were written (on PostgreSQL, rowid is a column of its own).
    op.execute("UPDATE obstacle SET record_key = rowid")
    op.execute("UPDATE obstacle_state SET record_key = "
               "(SELECT o.record_key FROM obstacle o WHERE o.id = obstacle_state.record_id)")
    op.create_index("ix_obstacle_record_key", "obstacle", ["record_key"], unique=True)
    op.create_index("ix_obstacle_figures", "obstacle", list(FIGURES))
    op.drop_index("ix_obstacle_state_day", "obstacle_state")
    op.create_index("ix_obstacle_state_day", "obstacle_state",
                    ["record_key", sa.text(f"coalesce(effective_on, '{UNDATED}')"), "id", "voided", "value",
                     "effective_on"])
    for statement in SQLITE_TRIGGERS if is_sqlite(op.get_bind()) else POSTGRESQL:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("restore the before-migration backup")
