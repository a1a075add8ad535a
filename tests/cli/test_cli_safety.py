"""The command line's safety commands: init --admin, --user, backup, restore, check, user add."""

from __future__ import annotations

import sqlite3

import pytest

from desk import paths
from desk.cli import main
from desk.store import backup

ADMIN_PASSWORD = "Quản-trị-2025"


@pytest.fixture
def folder(tmp_path, monkeypatch, capsys):
    """A data folder set up from the command line with an administrator «quantri»."""
    data = tmp_path / "data"
    monkeypatch.setenv("DESK_PASSWORD", ADMIN_PASSWORD)
    assert main(["--data-dir", str(data), "init", "--unit", "11329", "--admin", "quantri"]) == 0
    assert "Người quản trị: quantri" in capsys.readouterr().out
    monkeypatch.delenv("DESK_PASSWORD")
    return data


def run(folder, *args, password=None, monkeypatch=None):
    if password is not None:
        monkeypatch.setenv("DESK_PASSWORD", password)
    elif monkeypatch is not None:
        monkeypatch.delenv("DESK_PASSWORD", raising=False)
    return main(["--data-dir", str(folder), *args])


def audit_actors(folder) -> list[tuple[str, str]]:
    with sqlite3.connect(paths.database_path(folder)) as conn:
        return conn.execute("SELECT DISTINCT actor, actor_role FROM audit_log WHERE table_name='obstacle'").fetchall()


def obstacle_count(folder) -> int:
    with sqlite3.connect(paths.database_path(folder)) as conn:
        return conn.execute("SELECT count(*) FROM obstacle").fetchone()[0]


def test_without_user_the_computer_user_is_recorded_as_a_clerk(folder, capsys):
    assert run(folder, "demo", "--count", "2") == 0
    [(actor, role)] = audit_actors(folder)
    assert actor.startswith("os:") and role == "clerk"


def test_with_user_and_password_that_user_is_recorded(folder, monkeypatch):
    assert run(folder, "--user", "quantri", "demo", "--count", "2", password=ADMIN_PASSWORD,
               monkeypatch=monkeypatch) == 0
    assert audit_actors(folder) == [("quantri", "admin")]


def test_a_wrong_password_is_refused_and_nothing_is_written(folder, monkeypatch, capsys):
    assert run(folder, "--user", "quantri", "demo", "--count", "2", password="sai", monkeypatch=monkeypatch) == 2
    assert "Sai tên đăng nhập hoặc mật khẩu" in capsys.readouterr().err
    assert audit_actors(folder) == []


# getpass warns that it cannot hide the typing when its input is not a terminal: expected for a closed pipe.
@pytest.mark.filterwarnings("ignore::getpass.GetPassWarning")
def test_input_that_ends_before_a_password_is_said_and_nothing_is_written(folder, monkeypatch, capsys):
    # Given a command with --user run from a script whose input is empty (no DESK_PASSWORD)
    import io

    monkeypatch.delenv("DESK_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    # When Desk asks for the password
    code = run(folder, "--user", "quantri", "demo", "--count", "2")
    # Then it says in Vietnamese that no password came and how to give one; nothing is written
    err = capsys.readouterr().err
    assert code == 2 and "Chưa nhập mật khẩu" in err and "DESK_PASSWORD" in err
    assert "Lỗi không mong đợi" not in err and "Traceback" not in err
    assert audit_actors(folder) == []


def test_actions_for_an_administrator_are_refused_without_user_exit_2(folder, monkeypatch, capsys):
    assert run(folder, "backup", monkeypatch=monkeypatch) == 0          # any clerk may back up
    copy = backup.list_backups(paths.backup_dir(folder))[0][1]
    capsys.readouterr()
    for args in (("restore", str(copy)), ("user", "add", "lan", "--role", "clerk"), ("init", "--unit", "11342")):
        assert run(folder, *args, monkeypatch=monkeypatch) == 2
        err = capsys.readouterr().err
        assert "không có quyền" in err and "--user" in err, args


def test_user_add_and_list_as_administrator(folder, monkeypatch, capsys):
    monkeypatch.setenv("DESK_NEW_PASSWORD", "mật-khẩu-của-Lan")
    assert run(folder, "--user", "quantri", "user", "add", "Lan", "--role", "leader", "--full-name", "Trần Thị Lan",
               password=ADMIN_PASSWORD, monkeypatch=monkeypatch) == 0
    assert "Đã thêm người dùng «Lan» (vai trò Lãnh đạo)" in capsys.readouterr().out
    assert run(folder, "--user", "Lan", "demo", "--count", "1", password="mật-khẩu-của-Lan",
               monkeypatch=monkeypatch) == 0
    assert run(folder, "--user", "quantri", "user", "list", password=ADMIN_PASSWORD, monkeypatch=monkeypatch) == 0
    listed = capsys.readouterr().out
    assert "Lan\tLãnh đạo\tTrần Thị Lan" in listed and "quantri\tQuản trị" in listed


def test_backup_to_a_folder_then_restore_it_as_administrator(folder, tmp_path, monkeypatch, capsys):
    usb = tmp_path / "usb"
    usb.mkdir()
    assert run(folder, "demo", "--count", "5", monkeypatch=monkeypatch) == 0
    saved_count = obstacle_count(folder)
    assert run(folder, "backup", "--to", str(usb), monkeypatch=monkeypatch) == 0
    out = capsys.readouterr().out
    [copy] = usb.glob("desk-*.sqlite3")
    assert f"«{copy}»" in out and "kiểm tra toàn vẹn" in out
    assert run(folder, "demo", "--count", "5", monkeypatch=monkeypatch) == 0
    assert obstacle_count(folder) > saved_count
    assert run(folder, "--user", "quantri", "restore", str(copy), password=ADMIN_PASSWORD, monkeypatch=monkeypatch) == 0
    out = capsys.readouterr().out
    assert "Đã khôi phục dữ liệu" in out and "before-restore" in out
    assert obstacle_count(folder) == saved_count
    with sqlite3.connect(paths.database_path(folder)) as conn:
        assert conn.execute("SELECT actor FROM audit_log WHERE action='restore'").fetchall() == [("quantri",)]


def test_check_reports_a_sound_database(folder, capsys):
    assert run(folder, "check") == 0
    assert "Cơ sở dữ liệu tốt" in capsys.readouterr().out


def test_check_reports_broken_foreign_keys(folder, capsys):
    # Given an obstacle pointed, outside Desk and with foreign keys off, at a visit that does not exist
    assert run(folder, "demo", "--count", "2") == 0
    conn = sqlite3.connect(paths.database_path(folder))
    with conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE obstacle SET visit_id = 'khong-co' WHERE rowid = (SELECT min(rowid) FROM obstacle)")
    conn.close()
    assert run(folder, "check") == 1
    err = capsys.readouterr().err
    assert "Liên kết hỏng: bản ghi số" in err and "trong «Khó khăn, vướng mắc»" in err
    assert "«Khảo sát, làm việc»" in err and "khóa ngoại" not in err.lower()
    # and the change itself, made without an audit row
    assert "«Đợt khảo sát, làm việc» là «khong-co»" in err or "là «khong-co» nhưng nhật ký ghi" in err


def test_an_extra_table_is_a_structure_changed_outside_desk(folder, capsys):
    conn = sqlite3.connect(paths.database_path(folder))
    with conn:
        conn.execute("CREATE TABLE ghi_chu (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES desk_user(id))")
    conn.close()
    assert run(folder, "check") == 1
    err = capsys.readouterr().err
    assert "đã bị sửa cấu trúc ngoài Desk" in err and "bảng «ghi_chu» lạ" in err


def test_user_without_any_users_says_how_to_create_the_first_admin(tmp_path, monkeypatch, capsys):
    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "init", "--unit", "11329"]) == 0
    monkeypatch.setenv("DESK_PASSWORD", "bat-ky-mat-khau")
    assert main(["--data-dir", str(data), "--user", "ai", "demo"]) == 2
    assert "desk init --unit MÃ --admin TÊN" in capsys.readouterr().err


def test_a_second_admin_cannot_be_made_with_init(folder, monkeypatch, capsys):
    monkeypatch.setenv("DESK_PASSWORD", ADMIN_PASSWORD)
    assert main(["--data-dir", str(folder), "init", "--unit", "11329", "--admin", "khac"]) == 2
    assert "đã có người quản trị" in capsys.readouterr().err


def test_repeated_wrong_passwords_lock_the_name_even_for_the_right_one(folder, monkeypatch, capsys):
    for _ in range(5):
        assert run(folder, "--user", "quantri", "backup", password="sai-mat-khau", monkeypatch=monkeypatch) == 2
    capsys.readouterr()
    assert run(folder, "--user", "quantri", "backup", password="sai-mat-khau", monkeypatch=monkeypatch) == 2
    err = capsys.readouterr().err
    assert "Sai tên đăng nhập hoặc mật khẩu. Đã nhập sai mật khẩu 6 lần liên tiếp: tên «quantri» tạm khóa" in err
    # The right password is refused while the name is locked, with the time left
    assert run(folder, "--user", "quantri", "backup", password=ADMIN_PASSWORD, monkeypatch=monkeypatch) == 2
    assert "tạm khóa đăng nhập đến" in capsys.readouterr().err
