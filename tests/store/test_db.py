"""The store: connection pragmas, schema by migration, refusal of a newer schema."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from desk import paths
from desk.errors import StoreError
from desk.store.db import open_store
from desk.store.migrate import current_revision
from desk.store.revisions import head_revision
from desk.store.tables import metadata

# About the SQLite file itself (its locks, WAL, damage, copies): a server has none of these.
pytestmark = pytest.mark.sqlite_only


def test_every_connection_is_durable_and_checks_foreign_keys(workspace):
    # Given two brand-new connections (the pool is emptied in between)
    for _ in range(2):
        workspace.engine.dispose()
        with workspace.engine.connect() as conn:
            values = {p: conn.exec_driver_sql(f"PRAGMA {p}").scalar()
                      for p in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
        # Then each has WAL, synchronous=FULL (2), foreign keys on and a busy timeout
        assert values == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000}


# The state history's index is on an expression (migration 0014), which neither SQLAlchemy nor Alembic
# reflects from SQLite: they skip it and say so. The schema manifest (test_open_checks) compares it.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_schema_is_created_by_the_migration_and_matches_the_models(workspace):
    # Given a database Desk just created
    # Then it is at the newest revision and its tables match what the code declares
    assert current_revision(workspace.engine) == head_revision()
    with workspace.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": _same_storage}), metadata)
    assert diff == []


def _same_storage(context, inspected_column, metadata_column, inspected_type, metadata_type):
    """STRICT tables (migration 0006) declare SQLite's own type names: TEXT holds what SQLAlchemy's
    String, Date and DateTime bind, INTEGER what Integer and Boolean bind. Other columns compare as usual."""
    from sqlalchemy import types

    storage = {"TEXT": (types.String, types.Date, types.DateTime), "INTEGER": (types.Integer, types.Boolean)}
    name = type(inspected_type).__name__.upper()
    declared = metadata_type.impl if isinstance(metadata_type, types.TypeDecorator) else metadata_type
    if name in storage:
        return not isinstance(declared, storage[name])
    return None


def test_a_database_from_a_newer_desk_is_refused_and_not_written(data_dir):
    # Given a database whose schema revision this Desk does not know
    db = paths.database_path(data_dir)
    open_store(db).dispose()
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = 'future9999'")
    conn.close()
    before = db.read_bytes()
    # When Desk opens it
    with pytest.raises(StoreError, match="phiên bản Desk mới hơn"):
        open_store(db)
    # Then nothing in it changed
    assert db.read_bytes() == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("future9999",)


def test_a_file_that_is_not_a_database_gets_a_clear_message(data_dir):
    db = paths.database_path(data_dir)
    db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="bị hỏng"):
        open_store(db)
    assert db.read_bytes() == b"this is not a database" * 100


def test_domains_are_seeded_in_a_new_database(workspace):
    with workspace.engine.connect() as conn:
        codes = [r[0] for r in conn.execute(text("SELECT code FROM choice_item WHERE list_name='domain' ORDER BY "
                                                 "position"))]
    assert codes[0] == "ORG_STRUCTURE" and codes[-1] == "OTHER" and len(codes) == 12


def test_the_fast_revision_graph_agrees_with_alembic():
    # Start-up reads the revision graph without importing Alembic; it must say what Alembic says.
    from alembic.script import ScriptDirectory

    from desk.store.migrate import alembic_config, known_revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {rev.revision for rev in script.walk_revisions()}
