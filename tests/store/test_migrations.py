"""Migrations: every released schema's fixture upgrades keeps each record; backup first; a failure changes nothing."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from desk import paths
from desk.domain import unit_lists
from desk.domain.text import exact_search_form, search_form
from desk.store import backup
from desk.store.db import open_store
from desk.store.migrate import MigrationFailed, current_revision
from desk.store.revisions import head_revision

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# One fixture per released schema (tests/fixtures/make_schema_<rev>.py builds it); add a line per schema change.
RELEASED = {"0001": FIXTURES / "schema_0001.sqlite3", "0005": FIXTURES / "demo_0005.sqlite3"}
# A Vietnamese title each fixture holds (checked unchanged after the upgrade).
TITLES = {"0001": "Dữ liệu hộ tịch của các xã cũ chưa được hợp nhất — Đ, ư, ơ, ạ, ỹ",
          "0005": "Dữ liệu hộ tịch của các xã cũ chưa được hợp nhất (khu vực chợ)"}


def rows(path: Path) -> dict[str, list[dict]]:
    """Every row of every table, as {table: [row dict]}, sorted for comparison."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                             "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'")]
        return {t: sorted((dict(r) for r in conn.execute(f'SELECT * FROM "{t}"')), key=repr) for t in tables}
    finally:
        conn.close()


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def restamped(table: str, row: dict) -> dict:
    """A row as the migrations leave it: codes of the 2025.10.1 list become the current list's (0012c), search
    texts are in their word form (0017)."""
    moved = unit_lists.code_map("2025.10.1")
    if row.get("unit_code") is not None:
        row = {**row, "unit_code": moved.get(row["unit_code"], row["unit_code"])}
    if table == "setting" and row["key"] == "office.unit_code":
        row = {**row, "value": str(moved.get(int(row["value"]), int(row["value"])))}
    if table == "setting" and row["key"] == "office.unit_names":      # re-written with the new list's version
        saved = json.loads(row["value"])
        saved.update(code=moved.get(saved["code"], saved["code"]), version="2026.9.0")
        row = {**row, "value": json.dumps(saved, ensure_ascii=False)}
    # A register row's search texts are remade with each word after a space (migration 0017).
    remade = {"search_key": search_form, "title_fold": search_form, "title_casefold": exact_search_form}
    return {k: remade[k](v) if k in remade and v is not None else v for k, v in row.items()}


@pytest.fixture(params=sorted(RELEASED))
def released(request, tmp_path):
    """A copy of a released schema's fixture as a data folder's database."""
    folder = tmp_path / "data"
    folder.mkdir()
    database = paths.database_path(folder)
    shutil.copyfile(RELEASED[request.param], database)
    return request.param, database


def test_every_released_schema_upgrades_to_head_keeping_every_record(released):
    revision, database = released
    before = rows(database)
    assert sum(len(r) for r in before.values()) > 0
    # When the current Desk opens it
    engine = open_store(database)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
    # Then every row of every old table is still there with the same values (its unit code re-stamped
    # from the 2025.10.1 list to the current one: migration 0012c)
    after = rows(database)
    for table, old_rows in before.items():
        old_rows = [restamped(table, r) for r in old_rows]
        old_columns = set(old_rows[0]) if old_rows else set()
        projected = [{k: v for k, v in r.items() if k in old_columns} for r in after[table]]
        missing = [r for r in old_rows if r not in projected]
        assert missing == [], f"{table}: rows lost or changed by the upgrade"
    # And the Vietnamese text came through unchanged
    titles = {r["title"] for r in after["obstacle"]}
    assert TITLES[revision] in titles


def test_a_verified_backup_is_taken_before_the_migration(released):
    revision, database = released
    before = rows(database)
    open_store(database).dispose()
    found = backup.list_backups(paths.backup_dir(database.parent))
    [(_, saved)] = [(w, p) for w, p in found if f"before-migration-{revision}" in p.name]
    # The backup is the database as it was: old schema, same rows, sound
    with sqlite3.connect(saved) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert rows(saved) == before


def test_a_failed_migration_leaves_the_database_exactly_as_before(released, monkeypatch):
    revision, database = released
    before_dump = dump(database)
    before_bytes = database.read_bytes()
    real_upgrade = command.upgrade

    def failing_upgrade(config, target, **kwargs):
        # Every real migration runs (tables created, columns added, rows copied) ...
        real_upgrade(config, target, **kwargs)
        connection = config.attributes["connection"]
        connection.exec_driver_sql("UPDATE obstacle SET title = NULL")
        # ... and then the last step fails
        raise RuntimeError("migration step failed")

    monkeypatch.setattr(command, "upgrade", failing_upgrade)
    with pytest.raises(MigrationFailed) as caught:
        open_store(database)
    assert "giữ nguyên như trước" in str(caught.value) and "before-migration" in str(caught.value)
    # Then the schema, the rows and even the file's bytes are as they were. Only the header bytes
    # of the switch to WAL mode, which every Desk connection makes before any migration, differ:
    # the WAL flags (18-19), the change counter (24-27) and its "valid for" copy (92-95).
    assert dump(database) == before_dump
    after_bytes = database.read_bytes()
    assert len(after_bytes) == len(before_bytes) and after_bytes[100:] == before_bytes[100:]
    assert {i for i in range(100) if after_bytes[i] != before_bytes[i]} <= {18, 19, 24, 25, 26, 27, 92, 93, 94, 95}
    monkeypatch.undo()
    # And the next start upgrades normally
    engine = open_store(database)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_a_new_database_needs_no_backup(data_dir):
    open_store(paths.database_path(data_dir)).dispose()
    assert backup.list_backups(paths.backup_dir(data_dir)) == []


def test_an_old_list_s_codes_are_re_stamped_and_the_old_code_kept(tmp_path):
    """Phường Ngô Quyền was 11341 in the 2025.10.1 list Desk 0.1.0 used; the current list says 11329."""
    folder = tmp_path / "data"
    folder.mkdir()
    database = paths.database_path(folder)
    shutil.copyfile(RELEASED["0005"], database)
    before = rows(database)
    assert {r["unit_code"] for r in before["obstacle"]} == {11341}
    open_store(database).dispose()
    after = rows(database)
    assert {r["unit_code"] for r in after["obstacle"]} == {11329}
    settings = {r["key"]: r["value"] for r in after["setting"]}
    assert settings["office.unit_code"] == "11329"
    changes = {(r["table_name"], r["record_key"]): r for r in after["unit_code_change"]}
    # Every re-stamped row names its old code and both list versions
    for table in ("obstacle", "official", "staffing_frame"):
        for row in after[table]:
            change = changes[(table, row["id"])]
            assert (change["old_code"], change["new_code"], change["list_from"], change["list_to"]) == \
                (11341, 11329, "2025.10.1", "2026.9.0")
    assert changes[("setting", "office.unit_code")]["old_code"] == 11341
    # And the current Desk finds its unit under the new code, with its name
    from desk.services import office
    from desk.services.workspace import open_workspace

    workspace = open_workspace(str(folder))
    try:
        with workspace.session() as session:
            unit = office.office_unit(session)
        assert (unit.code, unit.name) == (11329, "Phường Ngô Quyền")
    finally:
        workspace.engine.dispose()


def test_codes_swapped_between_units_do_not_meet(tmp_path):
    """1537, 1558 and 1561 (Cao Bằng) were passed round between three communes: each row follows its unit."""
    import sqlalchemy as sa

    from desk.store.db import make_engine
    from desk.store.migrate import alembic_config

    database = tmp_path / "desk.sqlite3"
    engine = make_engine(database)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0012b")
    with engine.begin() as connection:
        for key, code in (("a", 1537), ("b", 1558), ("c", 1561)):
            connection.execute(sa.text(
                "INSERT INTO report_text (unit_code, period_code, section, text, updated_at, updated_by) "
                "VALUES (:code, '2025-Q3', 'general', :key, '2025-09-05 08:00:00', '')"), {"code": code, "key": key})
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0012c")
    with engine.connect() as connection:
        found = dict(connection.execute(sa.text("SELECT text, unit_code FROM report_text")).all())
        keys = {r[0] for r in connection.execute(sa.text("SELECT record_key FROM unit_code_change"))}
    engine.dispose()
    assert found == {"a": 1561, "b": 1537, "c": 1558}
    assert keys == {"1561|2025-Q3|general", "1537|2025-Q3|general", "1558|2025-Q3|general"}
