"""Restore checks who and what: an administrator, this unit's backup, Desk's exact schema, a trail accounting for it."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from desk import paths
from desk.cli import main
from desk.services import backups
from desk.store import backup

ADMIN, CLERK = ("quantri", "Quản-trị-2025"), ("lan", "Cán-bộ-2025")


@pytest.fixture(scope="module")
def _made(tmp_path_factory):
    root = tmp_path_factory.mktemp("restore")
    folder = root / "data"
    os.environ["DESK_PASSWORD"], os.environ["DESK_NEW_PASSWORD"] = ADMIN[1], CLERK[1]
    try:
        assert main(["--data-dir", str(folder), "init", "--unit", "11329", "--admin", ADMIN[0]]) == 0
        assert main(["--data-dir", str(folder), "--user", ADMIN[0], "user", "add", CLERK[0]]) == 0
        assert main(["--data-dir", str(folder), "demo", "--count", "4"]) == 0
        assert main(["--data-dir", str(folder), "backup"]) == 0
    finally:
        del os.environ["DESK_PASSWORD"], os.environ["DESK_NEW_PASSWORD"]
    return folder


@pytest.fixture
def folder(_made, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(_made, copy)
    return copy


def the_backup(folder):
    return backups.newest_good_backup(folder)


def restore(folder, *args, user=None, password=None, monkeypatch=None):
    if password is not None:
        monkeypatch.setenv("DESK_PASSWORD", password)
    return main(["--data-dir", str(folder), *(["--user", user] if user else []), "restore", *args])


def sql(path, *statements):
    conn = sqlite3.connect(path)
    try:
        with conn:
            for statement in statements:
                conn.execute(statement)
    finally:
        conn.close()


def damage(folder):
    paths.database_path(folder).write_bytes(b"\x00" * 8192)


def test_with_the_database_damaged_a_clerk_cannot_restore(folder, monkeypatch, capsys):
    good = the_backup(folder)
    damage(folder)
    assert restore(folder, str(good)) == 2                       # nobody named: refused
    assert restore(folder, str(good), user=CLERK[0], password=CLERK[1], monkeypatch=monkeypatch) == 2
    assert "không phải người quản trị" in capsys.readouterr().err
    assert not paths.database_path(folder).exists()


def test_a_copy_in_which_the_clerk_made_herself_administrator_is_refused(folder, tmp_path, monkeypatch, capsys):
    forged = tmp_path / "desk-20251001-080000.sqlite3"
    shutil.copyfile(the_backup(folder), forged)
    sql(forged, "UPDATE desk_user SET role = 'admin' WHERE name = 'lan'")
    damage(folder)
    assert restore(folder, str(forged), user=CLERK[0], password=CLERK[1], monkeypatch=monkeypatch) == 2
    assert "đã bị sửa ngoài Desk" in capsys.readouterr().err


def test_a_copy_in_which_a_submitted_periods_lock_was_lifted_is_refused(folder, tmp_path, monkeypatch, capsys):
    # Given Q3/2025 submitted and locked, then backed up
    assert main(["--data-dir", str(folder), "export", "report", "--period", "2025-Q3", "--submit",
                 "--out", str(tmp_path / "q3.xlsx")]) == 0
    forged = tmp_path / "desk-20251001-080000.sqlite3"
    backup.copy_database(paths.database_path(folder), forged)
    # When the copy's lock is marked lifted with a database browser (no leader unlocked it)
    sql(forged, "UPDATE period_lock SET unlocked_at = '2025-10-01 08:00:00', unlocked_by = 'lan', unlock_reason = 'x'")
    before = paths.database_path(folder).read_bytes()
    # Then even the administrator's restore refuses it, and the live database is as it was
    assert restore(folder, str(forged), user=ADMIN[0], password=ADMIN[1], monkeypatch=monkeypatch) == 2
    assert "đã bị sửa ngoài Desk" in capsys.readouterr().err
    assert paths.database_path(folder).read_bytes() == before


def test_a_copy_in_which_the_administrators_password_was_replaced_is_refused(folder, tmp_path, monkeypatch,
                                                                            capsys):
    # Given a copy whose administrator's hash was replaced by one whose password the forger knows (the clerk's)
    forged = tmp_path / "desk-20251001-080000.sqlite3"
    shutil.copyfile(the_backup(folder), forged)
    sql(forged, "UPDATE desk_user SET password_hash = (SELECT password_hash FROM desk_user WHERE name = 'lan') "
                "WHERE name = 'quantri'")
    before = paths.database_path(folder).read_bytes()
    # When the administrator restores it: refused, the live database as it was
    assert restore(folder, str(forged), user=ADMIN[0], password=ADMIN[1], monkeypatch=monkeypatch) == 2
    assert "đã bị sửa ngoài Desk" in capsys.readouterr().err
    assert paths.database_path(folder).read_bytes() == before


def test_the_backups_own_administrator_restores_a_damaged_database(folder, monkeypatch, capsys):
    damage(folder)
    assert restore(folder, str(the_backup(folder)), user=ADMIN[0], password=ADMIN[1], monkeypatch=monkeypatch) == 0
    assert main(["--data-dir", str(folder), "check"]) == 0


def test_another_units_backup_is_refused_unless_an_administrator_confirms(folder, tmp_path, monkeypatch, capsys):
    other = tmp_path / "other"
    monkeypatch.setenv("DESK_PASSWORD", ADMIN[1])
    assert main(["--data-dir", str(other), "init", "--unit", "10660", "--admin", ADMIN[0]]) == 0
    assert main(["--data-dir", str(other), "backup"]) == 0
    theirs = the_backup(other)
    capsys.readouterr()
    assert restore(folder, str(theirs), user=ADMIN[0], password=ADMIN[1], monkeypatch=monkeypatch) == 2
    said = capsys.readouterr().err
    assert "không phải của Phường Ngô Quyền" in said and "--other-unit" in said
    assert restore(folder, str(theirs), "--other-unit", user=ADMIN[0], password=ADMIN[1], monkeypatch=monkeypatch) == 0


@pytest.mark.parametrize("change, phrase", [
    ("CREATE TRIGGER ghi_de AFTER INSERT ON obstacle BEGIN UPDATE obstacle SET title = 'x' WHERE id = new.id; END",
     "trigger «ghi_de» lạ"),
    ("DROP TRIGGER audit_log_no_update", "trigger «audit_log_no_update» bị thiếu"),
    ("DROP TRIGGER audit_log_no_delete", "trigger «audit_log_no_delete» bị thiếu"),
    ("CREATE VIEW v AS SELECT 1", "view «v» lạ"),
])
def test_a_backup_whose_schema_differs_from_desks_is_refused(folder, tmp_path, monkeypatch, capsys, change, phrase):
    altered = tmp_path / "desk-20251001-080000.sqlite3"
    shutil.copyfile(the_backup(folder), altered)
    sql(altered, change)
    before = paths.database_path(folder).read_bytes()
    assert restore(folder, str(altered), user=ADMIN[0], password=ADMIN[1], monkeypatch=monkeypatch) == 2
    said = capsys.readouterr().err
    assert "cấu trúc của tệp khác" in said and phrase in said
    assert paths.database_path(folder).read_bytes() == before


def with_a_slow_foreign_index(source, target):
    """A copy of a backup with an index Desk never makes, its expression rewritten afterwards (as an attacker
    would, through writable_schema) into one that allocates a blob per row: the integrity check evaluates it
    for every row, so on a large blob and table a restore would sit there for minutes."""
    shutil.copyfile(source, target)
    slow = "length(title) + 0 * length(hex(zeroblob(1000 + length(title))))"
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("CREATE INDEX ix_cham ON obstacle(length(title))")
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'ix_cham'",
                     (f"CREATE INDEX ix_cham ON obstacle({slow})",))
        conn.execute("PRAGMA writable_schema = OFF")
    finally:
        conn.close()
    return target


def statements_run_on(monkeypatch, name):
    """Every SQL statement any connection to the file called `name` runs from now on."""
    run: list[str] = []
    connect = sqlite3.connect

    def traced(database, *args, **kwargs):
        conn = connect(database, *args, **kwargs)
        if name in str(database):
            conn.set_trace_callback(run.append)
        return conn

    monkeypatch.setattr(sqlite3, "connect", traced)
    return run


def test_a_backup_with_a_foreign_index_is_refused_for_its_schema_without_evaluating_it(
        folder, tmp_path, monkeypatch, capsys):
    altered = with_a_slow_foreign_index(the_backup(folder), tmp_path / "desk-20251001-080000.sqlite3")
    run = statements_run_on(monkeypatch, altered.name)
    assert restore(folder, str(altered), user=ADMIN[0], password=ADMIN[1], monkeypatch=monkeypatch) == 2
    said = capsys.readouterr().err
    assert "cấu trúc của tệp khác" in said and "chỉ mục «ix_cham» lạ" in said
    assert run and not any("integrity_check" in s.lower() for s in run)


def test_the_newest_good_backup_passes_over_one_with_a_foreign_index_without_evaluating_it(folder, monkeypatch):
    good = the_backup(folder)
    altered = with_a_slow_foreign_index(good, good.parent / "desk-29991231-235959.sqlite3")
    run = statements_run_on(monkeypatch, altered.name)
    assert backups.newest_good_backup(folder) == good
    assert run and not any("integrity_check" in s.lower() for s in run)


def test_a_newer_desks_database_can_be_set_aside_and_an_older_backup_restored(folder, monkeypatch, capsys):
    sql(paths.database_path(folder), "UPDATE alembic_version SET version_num = '0099'")
    assert main(["--data-dir", str(folder), "check"]) == 1
    assert "phiên bản Desk mới hơn" in capsys.readouterr().err
    assert restore(folder, str(the_backup(folder)), user=ADMIN[0], password=ADMIN[1], monkeypatch=monkeypatch) == 0
    [aside] = [p for p in folder.glob("desk.sqlite3.newer-0099-*") if p.name[-4:] not in ("-wal", "-shm")]
    assert aside.exists() and main(["--data-dir", str(folder), "check"]) == 0


def test_a_backup_without_users_needs_the_computers_administrator(folder, tmp_path, monkeypatch, capsys):
    bare = tmp_path / "bare"
    assert main(["--data-dir", str(bare), "init", "--unit", "11329"]) == 0
    assert main(["--data-dir", str(bare), "backup"]) == 0
    source = the_backup(bare)
    damage(folder)
    monkeypatch.setattr(backups, "is_os_administrator", lambda: False)
    assert restore(folder, str(source), user=ADMIN[0], password=ADMIN[1], monkeypatch=monkeypatch) == 2
    assert "chưa có người dùng nào" in capsys.readouterr().err
    assert restore(folder, str(source), "--os-admin") == 2
    assert "Run as administrator" in capsys.readouterr().err
    monkeypatch.setattr(backups, "is_os_administrator", lambda: True)
    assert restore(folder, str(source), "--os-admin") == 0


def test_the_computers_administrator_is_what_the_os_says():
    assert backups.is_os_administrator() == (os.geteuid() == 0)
