"""The official unit list moves to vietnam-provinces 2026.9.0: every stored unit code re-stamped, the old kept.

Revision ID: 0012c
Revises: 0012b
Create Date: 2026-12-03

The 2026 list renumbered wards (Phường Ngô Quyền 11341 -> 11329) and gave nine old codes to other
units, so a code means a unit only together with its list version. Codes are mapped by name and
province (domain.unit_lists, generated from both versions by scripts/unit_list_mapping.py), never by
bare code; a database stamped under 2025.10.1 (the only list Desk used before) gets the 2026 codes
in every table with a unit_code column and in the office setting. unit_code_change keeps, for each
row re-stamped, its old code and both list versions.
"""
import json

import sqlalchemy as sa
import sqlmodel
from alembic import op

from desk.domain import unit_lists

revision = "0012c"
down_revision = "0012b"
branch_labels = None
depends_on = None

STR = sqlmodel.sql.sqltypes.AutoString
SOURCE = "2025.10.1"          # what every database before this revision was stamped with
TARGET = "2026.9.0"           # fixed here: a later list move is a later migration
UNIT_KEY, NAMES_KEY = "office.unit_code", "office.unit_names"


def upgrade() -> None:
    op.create_table(
        "unit_code_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", STR(length=60), nullable=False),
        sa.Column("record_key", STR(), nullable=False),
        sa.Column("old_code", sa.Integer(), nullable=False),
        sa.Column("new_code", sa.Integer(), nullable=False),
        sa.Column("list_from", STR(length=20), nullable=False),
        sa.Column("list_to", STR(length=20), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_unit_code_change_record", "unit_code_change", ["table_name", "record_key"])
    conn = op.get_bind()
    mapping = unit_lists.code_map(SOURCE, TARGET)
    for table in _tables_with_unit_codes(conn):
        _restamp(conn, table, mapping)
    _restamp_office(conn, mapping)


def _tables_with_unit_codes(conn) -> list[str]:
    inspector = sa.inspect(conn)
    return [n for n in sorted(inspector.get_table_names())
            if any(c["name"] == "unit_code" for c in inspector.get_columns(n))]


def _key_sql(conn, table: str) -> str:
    """How a row of the table is named in unit_code_change: its id, or its primary key's columns joined."""
    inspector = sa.inspect(conn)
    if any(c["name"] == "id" for c in inspector.get_columns(table)):
        return 'CAST("id" AS TEXT)'
    keys = inspector.get_pk_constraint(table).get("constrained_columns") or ["rowid"]
    return " || '|' || ".join(f'CAST("{k}" AS TEXT)' for k in keys)


def _restamp(conn, table: str, mapping: dict[int, int]) -> None:
    present = [code for (code,) in conn.exec_driver_sql(f'SELECT DISTINCT unit_code FROM "{table}"')
               if code is not None and int(code) in mapping]
    if not present:
        return
    cases = " ".join(f"WHEN {int(old)} THEN {mapping[int(old)]}" for old in present)
    listed = ", ".join(str(int(code)) for code in present)
    conn.exec_driver_sql(
        f'INSERT INTO unit_code_change (table_name, record_key, old_code, new_code, list_from, list_to, changed_at) '
        f"SELECT '{table}', {_key_sql(conn, table)}, unit_code, CASE unit_code {cases} END, '{SOURCE}', '{TARGET}', "
        f"datetime('now') FROM \"{table}\" WHERE unit_code IN ({listed})")
    # Through negative codes: codes swapped between units (1537, 1558, 1561) never meet in a unique key.
    conn.exec_driver_sql(f'UPDATE "{table}" SET unit_code = -(CASE unit_code {cases} END) '
                         f"WHERE unit_code IN ({listed})")
    conn.exec_driver_sql(f'UPDATE "{table}" SET unit_code = -unit_code WHERE unit_code < 0')


def _restamp_office(conn, mapping: dict[int, int]) -> None:
    found = conn.exec_driver_sql("SELECT value FROM setting WHERE key = ?", (UNIT_KEY,)).fetchone()
    if found is None or not str(found[0]).strip().isdigit():
        return
    old = int(found[0])
    new = mapping.get(old, old)
    if new != old:
        conn.exec_driver_sql("UPDATE setting SET value = ? WHERE key = ?", (str(new), UNIT_KEY))
        conn.exec_driver_sql(
            "INSERT INTO unit_code_change (table_name, record_key, old_code, new_code, list_from, list_to, changed_at) "
            "VALUES ('setting', ?, ?, ?, ?, ?, datetime('now'))", (UNIT_KEY, old, new, SOURCE, TARGET))
    names = conn.exec_driver_sql("SELECT value FROM setting WHERE key = ?", (NAMES_KEY,)).fetchone()
    if names is None:
        return
    try:
        saved = json.loads(names[0])
    except ValueError:
        saved = None
    if not isinstance(saved, dict):
        conn.exec_driver_sql("DELETE FROM setting WHERE key = ?", (NAMES_KEY,))   # re-made from the list
        return
    saved.update(code=new, version=TARGET, name=unit_lists.corrected_names(SOURCE).get(old, saved.get("name")))
    conn.exec_driver_sql("UPDATE setting SET value = ? WHERE key = ?", (json.dumps(saved, ensure_ascii=False),
                                                                         NAMES_KEY))


def downgrade() -> None:
    raise NotImplementedError("restore the before-migration backup")
