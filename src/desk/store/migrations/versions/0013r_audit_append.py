"""On a server, a save's audit rows are numbered, chained and written in one call (desk_audit_append).

Revision ID: 0013r
Revises: 0013q
Create Date: 2026-12-03

- Each Desk appends to the trail in turn (the chain needs the row before): the turn lasts from
  taking the lock to the commit. With the lock, the last row, the insert and the commit each a
  round trip, ten clerks saving at once queued behind every round trip of the one whose turn it
  was. The function takes the lock, reads the last row (a statement of its own: in READ COMMITTED
  a volatile function's statements see what committed before them, the lock included) and inserts
  the rows with their hashes: one round trip, then the commit.
- The hash is the one audit_chain.row_hash makes: sha256 of the previous hash and the row's JSON,
  whose text Desk sends (after the id, which only the server knows here: "[" id "," rest).
- SQLite is untouched (its single writer has no round trips to save).
"""
from alembic import op

from desk.store.dialect import is_sqlite

revision = "0013r"
down_revision = "0013q"
branch_labels = None
depends_on = None

AUDIT_LOCK = 0x4445534B01       # store.audit.AUDIT_LOCK, as at this revision

FUNCTION = f"""
CREATE OR REPLACE FUNCTION desk_audit_append(p_rows jsonb) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    last_id integer;
    last_hash text;
    r jsonb;
    v jsonb;
    digest text;
BEGIN
    PERFORM pg_advisory_xact_lock({AUDIT_LOCK});
    SELECT id, row_hash INTO last_id, last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
    IF last_id IS NULL THEN
        last_id := 0;
        last_hash := repeat('0', 64);
    END IF;
    FOR r IN SELECT value FROM jsonb_array_elements(p_rows) LOOP
        last_id := last_id + 1;
        v := r -> 'v';
        digest := encode(sha256(convert_to(last_hash || '[' || last_id || ',' || substr(r ->> 'j', 2), 'UTF8')),
                         'hex');
        INSERT INTO audit_log (id, at, actor, actor_role, action, table_name, record_id, field, old_value,
                               new_value, reason, prev_hash, row_hash)
        VALUES (last_id, v ->> 0, v ->> 1, v ->> 2, v ->> 3, v ->> 4, v ->> 5, v ->> 6, v ->> 7, v ->> 8,
                v ->> 9, last_hash, digest);
        last_hash := digest;
    END LOOP;
    RETURN last_id;
END $$
"""


def upgrade() -> None:
    if is_sqlite(op.get_bind()):
        return
    op.execute(FUNCTION)


def downgrade() -> None:
    raise NotImplementedError("restore the before-migration backup")
