"""Tamper evidence and identity: a hash-chained audit trail, records never deleted, Desk's application_id.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

- PRAGMA application_id = 0x4445534B ("DESK"): a Desk database is recognised by its header.
- audit_log is rebuilt with prev_hash and row_hash (desk.store.audit_chain) filled for every
  existing row in id order; the append-only triggers come back on the new table.
- Records whose stored values the trail did not fully describe (created before the trail existed,
  in 0001-0002, or written around Desk) get one "baseline" audit row holding their values as they
  are now, so that from this revision on `desk check` can hold every record to its trail.
- Triggers refuse DELETE on every register table, on users, report instances and period locks:
  Desk voids and deactivates, it never deletes.
- New tables: imported_file (content hashes of imported workbooks: the same file twice is asked
  about) and sign_in_attempt (wrong passwords per name, for the lockout).

STRICT: the tables this revision creates or rebuilds (audit_log, imported_file, sign_in_attempt)
are STRICT, with SQLite's own type names (TEXT, INTEGER): SQLAlchemy's VARCHAR, DATE, DATETIME and
BOOLEAN are refused by STRICT, and its types bind text (dates, times) and integers (booleans) that
STRICT TEXT and INTEGER columns accept. The other tables stay as they are: making them STRICT
means rebuilding every register table (copying every record) and, for tables other tables refer
to (official, visit, report_instance), renaming them inside one transaction with foreign keys on,
which SQLite only allows with legacy_alter_table tricks; and Alembic's batch mode, which later
revisions use to change a table, rebuilds it without STRICT unless told (sqlite_strict=True). The
type discipline those tables need is already enforced by the field declarations' validation.
"""
from datetime import datetime, timezone

from alembic import op

from desk.store import audit_chain, audit_replay
from desk.store.dialect import driver_connection, is_sqlite, refuse, strict_table

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

APPLICATION_ID = 0x4445534B
AUDIT_TRIGGERS = {"audit_log_no_update": "UPDATE", "audit_log_no_delete": "DELETE"}
KEPT_TABLES = ("obstacle", "official", "staffing_frame", "movement", "visit", "initiative", "desk_user",
               "report_instance", "period_lock")
BASELINE_REASON = "đối chiếu khi bắt đầu chuỗi kiểm tra nhật ký (lược đồ 0006)"
_CHUNK = 5_000


def _create_audit_log(name: str) -> None:
    op.execute(strict_table(op.get_bind(), f"""CREATE TABLE {name} (
        id INTEGER NOT NULL PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        actor_role TEXT NOT NULL,
        action TEXT NOT NULL,
        table_name TEXT NOT NULL,
        record_id TEXT,
        field TEXT,
        old_value TEXT,
        new_value TEXT,
        reason TEXT,
        prev_hash TEXT NOT NULL,
        row_hash TEXT NOT NULL
    ) STRICT"""))


def upgrade() -> None:
    conn = op.get_bind()
    raw = driver_connection(conn)
    sqlite = is_sqlite(conn)
    if sqlite:      # a server database is Desk's by its alembic_version table (no file header to mark)
        op.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    # The trail, rebuilt with its chain.
    _create_audit_log("audit_log_chained")
    columns = ", ".join(audit_chain.COLUMNS[1:])
    old = raw.execute(f"SELECT {columns} FROM audit_log ORDER BY id").fetchall()
    rows = audit_chain.chained(0, audit_chain.GENESIS, old)
    _insert(raw, "audit_log_chained", rows)
    op.execute("DROP TABLE audit_log")
    op.execute("ALTER TABLE audit_log_chained RENAME TO audit_log")
    op.execute("CREATE INDEX ix_audit_log_at ON audit_log (at)")
    op.execute("CREATE INDEX ix_audit_log_record ON audit_log (table_name, record_id)")
    for name, event in AUDIT_TRIGGERS.items():
        refuse(op, name, "audit_log", event, "audit_log is append-only")

    # Baseline rows for what the trail does not describe.
    at = (raw.execute("SELECT strftime('%Y-%m-%d %H:%M:%f000', 'now')").fetchone()[0] if sqlite
          else datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f"))
    baseline = []
    for table in (*audit_replay.REGISTER_TABLES, audit_replay.USER_TABLE):
        for kind, record_id, wrong, stored, _said in audit_replay.differences(raw, table):
            if kind == audit_replay.GONE:
                continue
            values = {c: stored[c] for c in wrong}
            baseline.append((at, "desk", "admin", "baseline", table, record_id, "*", None,
                             audit_chain._JSON.encode(values), BASELINE_REASON))
    last = raw.execute("SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    _insert(raw, "audit_log", audit_chain.chained(*(last or (0, audit_chain.GENESIS)), baseline))

    for table in KEPT_TABLES:
        refuse(op, f"{table}_no_delete", table, "DELETE", "Desk never deletes records: void them instead")

    if not sqlite:      # PostgreSQL's own types: the times are read back as times, not texts
        _server_tables()
        return
    op.execute("""CREATE TABLE imported_file (
        id INTEGER NOT NULL PRIMARY KEY,
        sha256 TEXT NOT NULL,
        file_name TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        records INTEGER NOT NULL
    ) STRICT""")
    op.execute("CREATE INDEX ix_imported_file_sha256 ON imported_file (sha256)")
    op.execute("""CREATE TABLE sign_in_attempt (
        name_key TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_failure_at TEXT,
        locked_until TEXT
    ) STRICT""")


def _server_tables() -> None:
    import sqlalchemy as sa

    op.create_table("imported_file",
                    sa.Column("id", sa.Integer(), sa.Identity(), primary_key=True),
                    sa.Column("sha256", sa.Text(), nullable=False),
                    sa.Column("file_name", sa.Text(), nullable=False),
                    sa.Column("imported_at", sa.DateTime(), nullable=False),
                    sa.Column("actor", sa.Text(), nullable=False),
                    sa.Column("records", sa.Integer(), nullable=False))
    op.create_index("ix_imported_file_sha256", "imported_file", ["sha256"])
    op.create_table("sign_in_attempt",
                    sa.Column("name_key", sa.Text(), primary_key=True),
                    sa.Column("failures", sa.Integer(), nullable=False),
                    sa.Column("last_failure_at", sa.DateTime(), nullable=True),
                    sa.Column("locked_until", sa.DateTime(), nullable=True))


def _insert(raw, table: str, rows: list[tuple]) -> None:
    sql = (f"INSERT INTO {table} ({', '.join(audit_chain.COLUMNS)}, prev_hash, row_hash) "
           f"VALUES ({', '.join('?' for _ in range(len(audit_chain.COLUMNS) + 2))})")
    for start in range(0, len(rows), _CHUNK):
        raw.executemany(sql, rows[start:start + _CHUNK])


def downgrade() -> None:
    raise NotImplementedError("the hash chain cannot be taken back; restore the before-migration backup")
