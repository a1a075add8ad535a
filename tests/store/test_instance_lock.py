"""One Desk per data folder: a second one is refused before touching the data; a killed one leaves no stale lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from desk import paths
from desk.cli import main
from desk.services import startup
from desk.store.instance_lock import AlreadyRunning, InstanceLock

# About the SQLite file itself (its locks, WAL, damage, copies): a server has none of these.
pytestmark = pytest.mark.sqlite_only


def test_a_second_instance_is_refused_and_the_data_is_not_touched(workspace, capsys):
    database = paths.database_path(workspace.folder)
    first = startup.open_data(str(workspace.folder))
    try:
        before = database.read_bytes()
        with pytest.raises(AlreadyRunning) as caught:
            startup.open_data(str(workspace.folder))
        assert "Desk đang được dùng với thư mục dữ liệu" in str(caught.value)
        # A writing command says so in Vietnamese, exit 1
        assert main(["--data-dir", str(workspace.folder), "demo", "--count", "3"]) == 1
        assert "Desk đang được dùng" in capsys.readouterr().err
        assert database.read_bytes() == before
    finally:
        first.close()
    # Once the first one closed, the folder opens again
    startup.open_data(str(workspace.folder)).close()


def test_reading_commands_work_while_the_window_is_open(workspace, tmp_path):
    first = startup.open_data(str(workspace.folder))
    try:
        assert main(["--data-dir", str(workspace.folder), "export", "obstacles", "--period", "2025-Q3",
                     "--out", str(tmp_path / "bc.xlsx")]) == 0
        assert main(["--data-dir", str(workspace.folder), "check"]) == 0
        assert main(["--data-dir", str(workspace.folder), "backup"]) == 0
    finally:
        first.close()


HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from desk.store.instance_lock import InstanceLock
    InstanceLock(Path(sys.argv[1])).acquire()
    print("held", flush=True)
    time.sleep(60)
""")


def test_a_killed_process_never_leaves_a_stale_lock(data_dir):
    # Given another process holding the folder's lock
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(AlreadyRunning):
            InstanceLock(data_dir).acquire()
    finally:
        # When it is killed (-9: no clean-up code runs)
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)
    # Then the lock file is still there, but the lock is free
    assert paths.lock_path(data_dir).exists()
    with InstanceLock(data_dir) as lock:
        assert lock.held
