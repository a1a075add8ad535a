"""The start's database check begun on a second thread while the window loads: used only for the very file it read."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest
from tests.conftest import NGO_QUYEN
from tests.store.test_open_checks import _damage_an_index, crash_image, make_folder

from desk import cli, paths
from desk.cli import main
from desk.services import backups, startup
from desk.store import health


@pytest.fixture
def checks(monkeypatch):
    """Every integrity or quick check run, as (pragma, read at rest)."""
    run: list[tuple[str, bool]] = []
    real = health.pragma_rows

    def counted(path, pragma, *, at_rest=False):
        run.append((pragma, at_rest))
        return real(path, pragma, at_rest=at_rest)

    monkeypatch.setattr(health, "pragma_rows", counted)
    return run


@pytest.fixture
def closed_folder(tmp_path):
    folder, workspace = make_folder(tmp_path, "live", [f"Khó khăn {i}" for i in range(30)])
    workspace.engine.dispose()          # Desk ended cleanly: no WAL beside the database
    return folder


def test_a_database_at_rest_is_checked_while_the_window_loads_and_not_again(closed_folder, checks):
    # Given a data folder Desk closed cleanly
    beside = sorted(p.name for p in closed_folder.iterdir())
    # When the window's start begins the check, and later opens the folder
    thread = cli._begin_database_check(str(closed_folder))
    assert thread is not None
    thread.join()
    # Then the early check read the file without leaving a WAL or anything else beside it
    assert sorted(p.name for p in closed_folder.iterdir()) == beside
    opened = startup.open_data(str(closed_folder), for_cli=False)
    try:
        with opened.workspace.session() as session:
            assert opened.workspace.unit().code == NGO_QUYEN and session is not None
    finally:
        opened.close()
    # And the full integrity check ran once, early, not a second time at the open
    assert checks == [("PRAGMA integrity_check(20)", True)]


def test_a_database_changed_after_the_early_check_is_checked_again_and_its_damage_found(tmp_path, checks, capsys):
    folder, workspace = make_folder(tmp_path, "live", [f"Khó khăn {i}" for i in range(3)])
    good = backups.backup_now(workspace, datetime(2025, 10, 1, 8, 0))
    workspace.engine.dispose()
    # Given a check begun on the sound file
    thread = cli._begin_database_check(str(folder))
    assert thread is not None
    thread.join()
    # When the file is damaged before the folder is opened
    _damage_an_index(paths.database_path(folder))
    # Then opening checks it again, finds the damage and offers the backup, as at any start
    assert main(["--data-dir", str(folder), "check"]) == 1
    said = capsys.readouterr().err
    assert "missing from index ix_obstacle_status" in said and f'"{good}"' in said
    assert checks[0] == ("PRAGMA integrity_check(20)", True) and ("PRAGMA integrity_check(20)", False) in checks


def test_damage_the_early_check_meets_is_told_by_the_open(tmp_path, checks, capsys):
    folder, workspace = make_folder(tmp_path, "live", ["Một"])
    good = backups.backup_now(workspace, datetime(2025, 10, 1, 8, 0))
    workspace.engine.dispose()
    _damage_an_index(paths.database_path(folder))
    thread = cli._begin_database_check(str(folder))
    assert thread is not None
    thread.join()
    assert main(["--data-dir", str(folder), "check"]) == 1
    said = capsys.readouterr().err
    assert "missing from index ix_obstacle_status" in said and f'"{good}"' in said
    assert not paths.database_path(folder).exists()      # set aside, as at any start


def test_a_database_with_a_wal_beside_it_waits_for_the_lock_and_preflight(tmp_path, checks):
    folder, workspace = make_folder(tmp_path, "live", ["Một"])
    image = crash_image(folder, tmp_path / "image")      # a power cut: the WAL still holds writes
    workspace.engine.dispose()
    assert (image / "desk.sqlite3-wal").exists()
    assert cli._begin_database_check(str(image)) is None
    assert main(["--data-dir", str(image), "check"]) == 0
    assert ("PRAGMA integrity_check(20)", True) not in checks


def test_a_shared_server_or_a_first_start_has_no_file_to_check_early(closed_folder, tmp_path, monkeypatch):
    assert cli._begin_database_check(str(tmp_path / "new")) is None
    monkeypatch.setenv("DESK_DATABASE_URL", "postgresql://desk@localhost/desk")
    assert cli._begin_database_check(str(closed_folder)) is None


def test_a_check_begun_for_one_file_is_not_taken_for_another(tmp_path, checks):
    first, one = make_folder(tmp_path, "one", ["Một"])
    second, two = make_folder(tmp_path, "two", ["Hai"])
    one.engine.dispose()
    two.engine.dispose()
    thread = health.begin_open_check(paths.database_path(first))
    assert thread is not None
    thread.join()
    health.open_check(paths.database_path(second))
    assert checks[-1] == ("PRAGMA integrity_check(20)", False)
    health.open_check(paths.database_path(first))         # and the first file's is taken once, by its own open
    assert checks.count(("PRAGMA integrity_check(20)", False)) == 1


def test_the_early_check_reads_a_folder_named_in_vietnamese_with_spaces(tmp_path, checks):
    folder, workspace = make_folder(tmp_path, "Dữ liệu xã #1 (bản chính)", ["Một"])
    workspace.engine.dispose()
    thread = cli._begin_database_check(str(folder))
    assert thread is not None
    thread.join()
    health.open_check(paths.database_path(folder))
    assert checks == [("PRAGMA integrity_check(20)", True)]


def test_the_check_begins_before_sqlalchemy_and_qt_load(closed_folder):
    # The window's modules take ~0.6 s to load; the check runs beside them only if it starts first
    code = ("import sys; from desk import cli; thread = cli._begin_database_check(sys.argv[1]); "
            "print(thread is not None, sorted(m for m in ('sqlalchemy', 'sqlmodel', 'PySide6') if m in sys.modules)); "
            "thread.join()")
    done = subprocess.run([sys.executable, "-c", code, str(closed_folder)], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.split("\n")[0] == "True []"
