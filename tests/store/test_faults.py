"""Busy, read-only, disk full and damaged databases each end in their own message, with the data intact."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import datetime

import pytest
from sqlalchemy import event, func, select
from tests.conftest import NGO_QUYEN

from desk import paths
from desk.cli import main
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.registers.obstacles import REGISTER as _OBSTACLES_REGISTER
from desk.services import backups, records, startup
from desk.store import db, faults
from desk.store.models import table_of
from desk.store.security import AuditEntry

# About the SQLite file itself (its locks, WAL, damage, copies): a server has none of these.
pytestmark = pytest.mark.sqlite_only


Obstacle = table_of(_OBSTACLES_REGISTER)



def add(workspace, title="Thiếu công chức địa chính", **values) -> str:
    base = {"domain": "PERSONNEL", "title": title, "level": "province", "raised_on": "05/09/2025",
            "status": "received"}
    base.update(values)
    with workspace.session() as session:
        return records.save(session, OBSTACLES, base, unit_code=NGO_QUYEN)


def counts(workspace) -> tuple[int, int]:
    with workspace.session() as session:
        return (session.scalar(select(func.count()).select_from(Obstacle)),
                session.scalar(select(func.count()).select_from(AuditEntry)))


def integrity(path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


# -- busy, read-only, disk full ----------------------------------------------------------------
def test_a_save_while_another_program_holds_the_write_lock_says_busy_and_changes_nothing(workspace, monkeypatch):
    # Given a record, and another program in the middle of a write transaction
    add(workspace, "Có sẵn")
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
    workspace.engine.dispose()                       # new connections wait 0.1 s, not 5 s
    other = sqlite3.connect(paths.database_path(workspace.folder), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE setting SET value = value")
    try:
        # When the clerk saves
        with pytest.raises(faults.DatabaseBusy) as caught:
            add(workspace, "Bản ghi mới")
        # Then the message says busy and to try again, and nothing was half-written
        assert "đang bận" in str(caught.value) and "thử lại" in str(caught.value)
    finally:
        other.execute("COMMIT")
        other.close()
    assert counts(workspace)[0] == 1
    # And once the other program is done, the same save goes through
    add(workspace, "Bản ghi mới")
    assert counts(workspace)[0] == 2


@pytest.fixture
def read_only(tmp_path):
    """Make a file read-only the way a clerk meets it. root ignores permission bits, so as root the
    file is also made immutable (chattr +i), which root cannot write either."""
    made = []

    def make(path):
        os.chmod(path, 0o444)
        if os.geteuid() == 0:
            subprocess.run(["chattr", "+i", str(path)], check=True)
        made.append(path)

    yield make
    for path in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        os.chmod(path, 0o644)


def test_a_read_only_database_is_refused_at_start_with_its_own_message(workspace, read_only):
    add(workspace, "Trụ sở chật hẹp")
    workspace.engine.dispose()
    database = paths.database_path(workspace.folder)
    before = database.read_bytes()
    read_only(database)
    # When Desk opens the folder
    with pytest.raises(faults.DatabaseReadOnly) as caught:
        startup.open_data(str(workspace.folder))
    # Then it says the file is read-only (before the clerk types anything), and the file is as it was
    assert "chỉ cho phép đọc" in str(caught.value)
    assert database.read_bytes() == before


def test_disk_full_during_a_save_rolls_the_save_back_with_its_own_message(workspace):
    # Given a database that can grow by only one page (what a full disk looks like to SQLite)
    first = add(workspace, "Có sẵn")
    with workspace.session() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()
    event.listen(workspace.engine, "connect",
                 lambda conn, _rec: conn.execute(f"PRAGMA max_page_count={pages + 1}"))
    workspace.engine.dispose()
    before = counts(workspace)
    # When the clerk saves a long record
    with pytest.raises(faults.DiskFull) as caught:
        add(workspace, "Mô tả dài", description="Nội dung rất dài. " * 500)
    # Then the message says the disk is full and this save was not written
    assert "Ổ đĩa đã đầy" in str(caught.value) and "chưa được ghi" in str(caught.value)
    assert counts(workspace) == before                 # neither the record nor its audit rows
    with workspace.session() as session:
        assert records.get(session, OBSTACLES, first).title == "Có sẵn"
    assert integrity(paths.database_path(workspace.folder)) == "ok"


# -- four damaged files ------------------------------------------------------------------------
def _truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 1000])


def _erase_header(path):
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))


def _garbage_pages(path):
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    middle = (len(data) // page) // 2
    data[middle * page:(middle + 3) * page] = bytes((i * 37 + 11) % 256 for i in range(3 * page))
    path.write_bytes(bytes(data))


def _not_a_database(path):
    path.write_bytes("Báo cáo tháng 9, không phải cơ sở dữ liệu.\n".encode() * 500)


DAMAGE = {
    "truncated": (_truncate, "bị cắt cụt"),
    "header_erased": (_erase_header, "phần đầu tệp đã bị xóa trắng"),
    "garbage_pages": (_garbage_pages, "kiểm tra toàn vẹn phát hiện lỗi"),
    "not_a_database": (_not_a_database, "không phải là tệp cơ sở dữ liệu"),
}


@pytest.fixture(scope="module")
def _sound_folder(tmp_path_factory):
    """Built once: a folder with 150 records (enough pages to damage the middle) and a good backup."""
    from desk.services import office
    from desk.services.workspace import open_workspace

    folder = tmp_path_factory.mktemp("sound") / "data"
    folder.mkdir()
    from desk.services import users

    workspace = open_workspace(str(folder))
    with workspace.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
        users.create_first_admin(session, "quantri", "Quản-trị-2025")
        for i in range(150):
            records.save(session, OBSTACLES, {"domain": "PERSONNEL", "level": "province", "status": "received",
                                              "raised_on": "05/09/2025", "description": "Phát hiện qua rà soát. " * 20,
                                              "title": f"Khó khăn số {i}: thiếu trang thiết bị tại tổ dân phố "
                                                       f"{i % 12}"},
                         unit_code=NGO_QUYEN)
    good = backups.backup_now(workspace, datetime(2025, 10, 1, 8, 0))
    workspace.engine.dispose()
    return folder, good


@pytest.fixture
def damaged_folder(_sound_folder, tmp_path):
    """A fresh copy of the sound folder for each test to damage."""
    folder, good = _sound_folder
    copy = tmp_path / "data"
    shutil.copytree(folder, copy)
    return copy, copy / good.relative_to(folder)


@pytest.mark.parametrize("name", DAMAGE)
def test_each_kind_of_damage_is_named_set_aside_intact_and_the_newest_backup_offered(damaged_folder, name, capsys,
                                                                                      monkeypatch):
    folder, good = damaged_folder
    damage, expected = DAMAGE[name]
    database = paths.database_path(folder)
    damage(database)
    damaged_bytes = database.read_bytes()
    # When any command opens the folder
    assert main(["--data-dir", str(folder), "check"]) == 1
    err = capsys.readouterr().err
    # Then the message names this kind of damage, where the file went, and how to restore
    assert "bị hỏng" in err and expected in err
    for other, (_f, text) in DAMAGE.items():
        if other != name:
            assert text not in err
    assert f'desk --user TÊN restore "{good}"' in err
    # And the damaged file is kept byte for byte under a new name; nothing was deleted
    [aside] = folder.glob("desk.sqlite3.corrupt-*")
    assert aside.read_bytes() == damaged_bytes and f"«{aside}»" in err
    assert not database.exists()
    # And restoring the offered backup needs an administrator of that backup, and brings every record back
    assert main(["--data-dir", str(folder), "restore", str(good)]) == 2
    assert "chỉ người quản trị có trong bản sao lưu" in capsys.readouterr().err
    monkeypatch.setenv("DESK_PASSWORD", "Quản-trị-2025")
    assert main(["--data-dir", str(folder), "--user", "quantri", "restore", str(good)]) == 0
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM obstacle").fetchone() == (150,)
    assert main(["--data-dir", str(folder), "check"]) == 0


def test_damage_found_at_start_without_any_backup_says_so(workspace, capsys):
    add(workspace)
    workspace.engine.dispose()
    _erase_header(paths.database_path(workspace.folder))
    assert main(["--data-dir", str(workspace.folder), "demo"]) == 1
    err = capsys.readouterr().err
    assert "Không tìm thấy bản sao lưu nào còn tốt" in err
    assert len(list(workspace.folder.glob("desk.sqlite3.corrupt-*"))) == 1


def test_a_copy_of_a_damaged_file_is_never_offered_as_a_backup(damaged_folder):
    folder, good = damaged_folder
    # Given the only backup is damaged too
    shutil.copyfile(good, good.with_name("x.sqlite3"))
    _garbage_pages(good)
    # Then there is no good backup to offer
    assert backups.newest_good_backup(folder) is None
