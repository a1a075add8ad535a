"""A read-only data folder (or mount): every command ends in a Vietnamese message, never a traceback."""

from __future__ import annotations

import os
import subprocess

import pytest

from desk.cli import main


@pytest.fixture
def read_only_folder(tmp_path, monkeypatch):
    """A data folder with Desk's data, then made read-only the strongest way this machine allows:
    a read-only tmpfs mount when mounting is permitted, else immutable (root) or chmod (anyone)."""
    monkeypatch.setenv("DESK_PASSWORD", "Quản-trị-2025")
    source = tmp_path / "source"
    assert main(["--data-dir", str(source), "init", "--unit", "11329", "--admin", "quantri"]) == 0
    assert main(["--data-dir", str(source), "demo", "--count", "3"]) == 0
    folder = tmp_path / "ro"
    folder.mkdir()
    undo = []
    mounted = os.geteuid() == 0 and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)],
                                                   capture_output=True).returncode == 0
    subprocess.run(["cp", "-a", f"{source}/.", str(folder)], check=True)
    if mounted and subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True).returncode == 0:
        undo.append(["umount", str(folder)])
    else:
        if mounted:
            undo.append(["umount", str(folder)])
        if os.geteuid() == 0:
            subprocess.run(["chattr", "+i", str(folder)], check=True)
            undo.insert(0, ["chattr", "-i", str(folder)])
        os.chmod(folder, 0o555)
    yield folder
    os.chmod(folder, 0o755) if not mounted else None
    for command in undo:
        subprocess.run(command, check=False)


COMMANDS = [
    ["demo", "--count", "1"], ["init", "--unit", "11329"], ["--user", "quantri", "user", "add", "lan"],
    ["--user", "quantri", "user", "list"], ["backup"], ["check"], ["--user", "quantri", "restore", "x.sqlite3"],
    ["export", "obstacles", "--period", "2025-Q3", "--out", "/tmp/desk-ro-test.xlsx"],
    ["export", "report", "--period", "2025-Q3", "--submit", "--out", "/tmp/desk-ro-test2.xlsx"],
    ["import", "/tmp/khong-co.xlsx"], ["template", "obstacles", "--out", "/tmp/desk-ro-template.xlsx"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:3]))
def test_every_command_on_a_read_only_folder_says_so_in_vietnamese(read_only_folder, command, capsys, monkeypatch):
    monkeypatch.setenv("DESK_NEW_PASSWORD", "Cán-bộ-2025")
    code = main(["--data-dir", str(read_only_folder), *command])
    err = capsys.readouterr().err
    assert code in (1, 2) and err.startswith("Lỗi: ")
    assert "Lỗi không mong đợi" not in err and "Traceback" not in err
    assert "chỉ cho phép đọc" in err or "chỉ đọc" in err
