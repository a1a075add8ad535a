"""What opening checks before SQLite touches the file: WAL, journal, empty or missing file, damage noted later."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from datetime import datetime

import pytest
from tests.conftest import NGO_QUYEN

from desk import paths
from desk.cli import main
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import backups, office, records
from desk.services.workspace import open_workspace
from desk.store import schema_manifest

BASE = {"domain": "PERSONNEL", "level": "province", "raised_on": "05/09/2025", "status": "received"}


def count(folder) -> int:
    conn = sqlite3.connect(f"{paths.database_path(folder).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM obstacle").fetchone()[0]
    finally:
        conn.close()


def make_folder(root, name, titles) -> tuple:
    folder = root / name
    folder.mkdir()
    workspace = open_workspace(str(folder))
    with workspace.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
        for title in titles:
            records.save(session, OBSTACLES, {**BASE, "title": title}, unit_code=NGO_QUYEN)
    return folder, workspace


def crash_image(folder, target):
    """The data folder as a power cut would leave it while Desk is open: database and WAL as on disk."""
    target.mkdir()
    for suffix in ("", "-wal"):
        source = paths.database_path(folder).with_name(paths.DATABASE_NAME + suffix)
        if source.exists():
            shutil.copyfile(source, target / source.name)
    return target


def test_the_schema_manifest_is_what_the_migrations_build():
    from scripts.make_schema_manifest import build

    assert build() == schema_manifest.SCHEMAS, "run scripts/make_schema_manifest.py"


def test_a_wal_from_another_database_is_set_aside_untouched_and_the_data_kept(tmp_path, capsys):
    # Given this office's database, and another Desk database with uncheckpointed writes in its WAL
    ours, mine = make_folder(tmp_path, "ours", [f"Khó khăn {i}" for i in range(40)])
    mine.engine.dispose()
    other, theirs = make_folder(tmp_path, "other", ["Của xã khác"])
    with theirs.session() as session:
        records.save(session, OBSTACLES, {**BASE, "title": "Thêm sau"}, unit_code=NGO_QUYEN)
    foreign = crash_image(other, tmp_path / "image") / "desk.sqlite3-wal"
    theirs.engine.dispose()
    assert foreign.stat().st_size > 0
    # When a sync tool puts that WAL beside our database
    shutil.copyfile(foreign, paths.database_path(ours).with_name("desk.sqlite3-wal"))
    wal_bytes = foreign.read_bytes()
    code = main(["--data-dir", str(ours), "check"])
    said = capsys.readouterr().err
    # Then it is not replayed: every record is there, the WAL is set aside byte for byte, the user told
    assert count(ours) == 40
    [aside] = ours.glob("desk.sqlite3-wal.set-aside-*")
    assert aside.read_bytes() == wal_bytes
    assert code == 1 and "không thuộc về nó" in said and aside.name in said
    # And the next command finds nothing to say
    assert main(["--data-dir", str(ours), "check"]) == 0


def test_desks_own_wal_after_a_power_cut_is_replayed(tmp_path, capsys):
    folder, workspace = make_folder(tmp_path, "live", ["Trước"])
    with workspace.session() as session:
        for i in range(5):
            records.save(session, OBSTACLES, {**BASE, "title": f"Chưa ghi vào tệp chính {i}"}, unit_code=NGO_QUYEN)
    image = crash_image(folder, tmp_path / "image")
    workspace.engine.dispose()
    assert (image / "desk.sqlite3-wal").stat().st_size > 0
    assert main(["--data-dir", str(image), "check"]) == 0, capsys.readouterr().err
    assert count(image) == 6
    assert not list(image.glob("*set-aside*"))


def test_an_older_copy_of_this_databases_wal_is_set_aside(tmp_path, capsys):
    # Given a WAL as it was earlier today, and the database as it is now (a folder restored by hand)
    folder, workspace = make_folder(tmp_path, "live", ["Một"])
    with workspace.session() as session:
        records.save(session, OBSTACLES, {**BASE, "title": "Hai"}, unit_code=NGO_QUYEN)
    old = crash_image(folder, tmp_path / "earlier") / "desk.sqlite3-wal"
    with workspace.session() as session:
        first = records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN))[0]["id"]
        records.save(session, OBSTACLES, {**BASE, "title": "Một, đã sửa"}, unit_code=NGO_QUYEN, record_id=first)
    workspace.engine.dispose()                           # a clean close: everything in the database file
    shutil.copyfile(old, paths.database_path(folder).with_name("desk.sqlite3-wal"))
    assert main(["--data-dir", str(folder), "check"]) == 1
    assert "không thuộc về nó" in capsys.readouterr().err
    conn = sqlite3.connect(paths.database_path(folder))
    try:
        titles = {r[0] for r in conn.execute("SELECT title FROM obstacle")}
    finally:
        conn.close()
    assert titles == {"Một, đã sửa", "Hai"}


def test_a_stray_rollback_journal_is_set_aside(tmp_path, capsys):
    folder, workspace = make_folder(tmp_path, "live", ["Một"])
    workspace.engine.dispose()
    journal = paths.database_path(folder).with_name("desk.sqlite3-journal")
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\x00" * 4000)
    assert main(["--data-dir", str(folder), "check"]) == 1
    assert "không phải của Desk; đã để riêng" in capsys.readouterr().err
    assert not journal.exists() and count(folder) == 1


@pytest.fixture
def with_backup(tmp_path):
    folder, workspace = make_folder(tmp_path, "live", [f"Khó khăn {i}" for i in range(3)])
    good = backups.backup_now(workspace, datetime(2025, 10, 1, 8, 0))
    workspace.engine.dispose()
    return folder, good


def test_an_empty_database_file_with_backups_is_damage_and_the_backup_offered(with_backup, capsys):
    folder, good = with_backup
    paths.database_path(folder).write_bytes(b"")
    for command in (["check"], ["demo", "--count", "1"], ["init", "--unit", "11329"]):
        assert main(["--data-dir", str(folder), *command]) == 1
        said = capsys.readouterr().err
        if command == ["check"]:
            assert "tệp rỗng (0 byte)" in said and str(good) in said
    # Never an empty database in its place: the folder has no database until one is restored
    assert not paths.database_path(folder).exists()
    assert len(list(folder.glob("desk.sqlite3.corrupt-*"))) == 1


def test_a_missing_database_in_a_folder_that_had_one_is_not_replaced_by_an_empty_one(with_backup, capsys):
    folder, good = with_backup
    paths.database_path(folder).unlink()
    for command in (["check"], ["demo", "--count", "1"], ["export", "obstacles", "--period", "2025-Q3", "--out",
                                                           str(folder / "r.xlsx")]):
        assert main(["--data-dir", str(folder), *command]) == 1
        said = capsys.readouterr().err
        assert "Desk không tạo cơ sở dữ liệu trống thay thế" in said and str(good) in said
        assert not paths.database_path(folder).exists()


def test_an_empty_file_in_a_new_folder_is_a_first_start_that_did_not_finish(tmp_path):
    folder = tmp_path / "new"
    folder.mkdir()
    paths.database_path(folder).write_bytes(b"")
    assert main(["--data-dir", str(folder), "init", "--unit", "11329"]) == 0


def _damage_an_index(database):
    """Index entries that no longer match their rows, under an unchanged definition: the index is
    rebuilt on another column, then its definition put back (quick_check does not look; integrity_check does)."""
    for sql, reindex in (("replace(sql, '(status)', '(domain)')", True), ("replace(sql, '(domain)', '(status)')",
                                                                          False)):
        conn = sqlite3.connect(database)
        try:
            with conn:
                conn.execute("PRAGMA writable_schema=ON")
                conn.execute(f"UPDATE sqlite_master SET sql = {sql} WHERE name = 'ix_obstacle_status'")
        finally:
            conn.close()
        if reindex:
            conn = sqlite3.connect(database)
            try:
                conn.execute("REINDEX ix_obstacle_status")
                conn.commit()
            finally:
                conn.close()


def test_index_damage_is_found_at_start_and_the_backup_offered(with_backup, capsys):
    folder, good = with_backup
    _damage_an_index(paths.database_path(folder))
    assert main(["--data-dir", str(folder), "demo", "--count", "1"]) == 1
    said = capsys.readouterr().err
    assert "missing from index ix_obstacle_status" in said and f'"{good}"' in said
    assert not paths.database_path(folder).exists()


def test_index_damage_met_while_working_is_checked_whole_at_the_next_start(with_backup, monkeypatch, capsys):
    from desk.errors import StoreError
    from desk.store import health

    # Given a database large enough that the start runs only the quick check, with index damage
    monkeypatch.setattr(health, "FULL_CHECK_MAX_BYTES", 0)
    folder, good = with_backup
    database = paths.database_path(folder)
    _damage_an_index(database)
    workspace = open_workspace(str(folder))
    # When a save meets the damage, the clerk is told what happens next and it is noted beside the file
    with pytest.raises(StoreError) as caught:
        with workspace.session() as session:
            first = records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN))[0]
            records.save(session, OBSTACLES, {**BASE, "title": first["title"], "status": "resolved",
                                              "result": "Xong", "resolved_on": "06/09/2025"},
                         unit_code=NGO_QUYEN, record_id=first["id"])
    workspace.engine.dispose()
    assert "bị hỏng" in str(caught.value) and "lần mở sau" in str(caught.value)
    # Then the next start checks the whole file, sets it aside and offers the backup
    assert main(["--data-dir", str(folder), "check"]) == 1
    said = capsys.readouterr().err
    assert "bị hỏng" in said and f'"{good}"' in said
    assert not database.exists()


def test_orphan_temporary_files_are_removed_at_start(tmp_path):
    folder, workspace = make_folder(tmp_path, "live", ["Một"])
    workspace.engine.dispose()
    leftovers = [folder / ".~desk.sqlite3.restore-1a2b3c4d", folder / ".~desk.sqlite3.restore-1a2b3c4d-wal",
                 paths.backup_dir(folder) / ".~desk-20251001-080000.sqlite3.tmp-deadbeef"]
    paths.backup_dir(folder).mkdir(exist_ok=True)
    old = time.time() - 3600
    for path in leftovers:
        path.write_bytes(b"x" * 1000)
        os.utime(path, (old, old))
    young = paths.backup_dir(folder) / ".~desk-20251001-090000.sqlite3.tmp-cafecafe"
    young.write_bytes(b"y")              # may belong to a backup being written right now
    assert main(["--data-dir", str(folder), "check"]) == 0
    assert not any(p.exists() for p in leftovers) and young.exists()
