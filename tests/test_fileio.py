"""Atomic writing: a report on disk is the old one or the whole new one, never a stray file."""

from __future__ import annotations

import gc
import os
import sys

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell

from desk import fileio
from desk.errors import UserError
from desk.fileio import save_workbook, write_atomically


def _write_bytes(data: bytes):
    def write(tmp):
        tmp.write_bytes(data)
    return write


def _failing_midway(tmp):
    with open(tmp, "wb") as f:
        f.write(b"PK\x03\x04 half a workbook")
    raise RuntimeError("the report builder crashed")


def test_writes_the_file_and_leaves_nothing_else(tmp_path):
    # Given an empty folder
    target = tmp_path / "bao_cao.xlsx"
    # When a report is written
    write_atomically(target, _write_bytes(b"report"))
    # Then only the report is there, complete
    assert target.read_bytes() == b"report"
    assert [p.name for p in tmp_path.iterdir()] == ["bao_cao.xlsx"]


def test_the_temporary_file_is_hidden_beside_the_target(tmp_path):
    # Given a target file
    target = tmp_path / "bao_cao.xlsx"
    seen = []
    # When it is written
    write_atomically(target, lambda tmp: (seen.append(tmp), tmp.write_bytes(b"x")))
    # Then the work happened in ".~bao_cao.xlsx.tmp-XXXX" in the same folder (same file system)
    assert seen[0].parent == tmp_path
    assert seen[0].name.startswith(".~bao_cao.xlsx.tmp-")
    assert not seen[0].exists()


def test_a_write_that_fails_midway_leaves_no_file_and_no_temporary_file(tmp_path):
    # Given an empty folder
    target = tmp_path / "bao_cao.xlsx"
    # When the write function raises after writing half a file
    with pytest.raises(RuntimeError):
        write_atomically(target, _failing_midway)
    # Then the folder is still empty
    assert list(tmp_path.iterdir()) == []


def test_an_existing_report_is_untouched_when_the_new_write_fails(tmp_path):
    # Given last quarter's report already in the folder
    target = tmp_path / "bao_cao.xlsx"
    target.write_bytes(b"signed report of Q2")
    # When writing the new one fails
    with pytest.raises(RuntimeError):
        write_atomically(target, _failing_midway)
    # Then the old report is exactly as it was, and no temporary file is left
    assert target.read_bytes() == b"signed report of Q2"
    assert [p.name for p in tmp_path.iterdir()] == ["bao_cao.xlsx"]


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path):
    # Given a write the clerk interrupts (Ctrl+C in the CLI)
    def interrupted(tmp):
        tmp.write_bytes(b"half")
        raise KeyboardInterrupt
    # When it is written
    with pytest.raises(KeyboardInterrupt):
        write_atomically(tmp_path / "bao_cao.xlsx", interrupted)
    # Then nothing is left behind
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_a_user_error_in_vietnamese(tmp_path):
    # Given a path in a folder that does not exist
    target = tmp_path / "khong_co" / "bao_cao.xlsx"
    # When writing it
    with pytest.raises(UserError) as caught:
        write_atomically(target, _write_bytes(b"x"))
    # Then the message names the file and the folder, in Vietnamese
    message = str(caught.value)
    assert message.startswith(f"Không ghi được tệp «{target}»")
    assert f"thư mục «{target.parent}» không tồn tại" in message


def test_a_folder_as_target_is_a_user_error(tmp_path):
    # Given a target that is a folder
    target = tmp_path / "bao_cao.xlsx"
    target.mkdir()
    # When writing it
    with pytest.raises(UserError) as caught:
        write_atomically(target, _write_bytes(b"x"))
    # Then the clerk is told it is a folder, and nothing was created
    assert "là một thư mục" in str(caught.value)
    assert [p.name for p in tmp_path.iterdir()] == ["bao_cao.xlsx"]


def test_a_read_only_folder_is_a_user_error(tmp_path, monkeypatch):
    # Given a folder the user may not write to (faked: the tests may run as root)
    monkeypatch.setattr(fileio.os, "access", lambda path, mode: False)
    # When writing into it
    with pytest.raises(UserError) as caught:
        write_atomically(tmp_path / "bao_cao.xlsx", _write_bytes(b"x"))
    # Then the message says so
    assert f"không có quyền ghi vào thư mục «{tmp_path}»" in str(caught.value)


def test_a_permission_error_while_writing_becomes_a_user_error(tmp_path):
    # Given a write refused by the operating system half way
    def refused(tmp):
        tmp.write_bytes(b"half")
        raise PermissionError(13, "Permission denied")
    # When writing
    with pytest.raises(UserError):
        write_atomically(tmp_path / "bao_cao.xlsx", refused)
    # Then it is shown as a message and leaves nothing behind
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_the_new_file_gets_ordinary_permissions(tmp_path):
    # Given the usual umask
    old = os.umask(0o022)
    try:
        # When a report is written
        target = tmp_path / "bao_cao.xlsx"
        write_atomically(target, _write_bytes(b"x"))
    finally:
        os.umask(old)
    # Then colleagues can read it, as any file saved by hand (not 0600 like a temp file)
    assert target.stat().st_mode & 0o777 == 0o644


def test_save_workbook_writes_a_workbook_that_opens(tmp_path):
    # Given a workbook
    wb = Workbook()
    wb.active["A1"] = "Báo cáo"
    # When it is saved
    save_workbook(wb, tmp_path / "bao_cao.xlsx")
    # Then it opens again
    assert load_workbook(tmp_path / "bao_cao.xlsx").active["A1"].value == "Báo cáo"


def _live_cells() -> int:
    return sum(1 for thing in gc.get_objects() if isinstance(thing, Cell))


def test_a_saved_workbook_s_cells_are_freed_at_once_not_at_the_next_full_collection(tmp_path):
    # Given a workbook of 2,000 filled cells, saved while no collection runs (as between two full ones)
    gc.collect()
    before = _live_cells()
    gc.disable()
    try:
        wb = Workbook()
        for row in range(1, 1001):
            wb.active.append([f"Vướng mắc {row}", row])
        assert _live_cells() - before == 2000
        save_workbook(wb, tmp_path / "mau.xlsx")
        del wb
        # Then its cells are gone already, and the file holds them all
        assert _live_cells() == before
    finally:
        gc.enable()
    assert load_workbook(tmp_path / "mau.xlsx").active["A1000"].value == "Vướng mắc 1000"


def test_a_workbook_whose_save_failed_can_be_saved_again_whole(tmp_path):
    # Given a workbook whose save failed (its folder does not exist)
    wb = Workbook()
    for row in range(1, 101):
        wb.active.append([f"Vướng mắc {row}", row])
    with pytest.raises(UserError):
        save_workbook(wb, tmp_path / "khong-co" / "mau.xlsx")
    # When it is saved again where it can be
    save_workbook(wb, tmp_path / "mau.xlsx")
    # Then the file holds every cell
    sheet = load_workbook(tmp_path / "mau.xlsx").active
    assert sheet.max_row == 100 and sheet["A100"].value == "Vướng mắc 100" and sheet["B100"].value == 100


def _replace_refused(times: int, calls: list):
    """os.replace that fails like a Windows sharing violation the first `times` calls."""
    real = os.replace

    def replace(src, dst):
        calls.append(dst)
        if len(calls) <= times:
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        real(src, dst)
    return replace


def test_a_target_held_open_for_a_moment_is_replaced_after_a_short_wait(tmp_path, monkeypatch):
    # Given an old report that an antivirus scan holds open for the first two attempts
    target = tmp_path / "bao_cao.xlsx"
    target.write_bytes(b"old")
    calls: list = []
    monkeypatch.setattr(fileio.os, "replace", _replace_refused(2, calls))
    monkeypatch.setattr(fileio.time, "sleep", lambda seconds: None)
    # When the new report is written
    write_atomically(target, _write_bytes(b"new"))
    # Then the third attempt put it in place, and no temporary file is left
    assert target.read_bytes() == b"new"
    assert len(calls) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["bao_cao.xlsx"]


def test_a_target_held_open_for_good_is_a_user_error_after_about_a_second_and_a_half(tmp_path, monkeypatch):
    # Given a report kept open by another program (Excel) for good
    target = tmp_path / "bao_cao.xlsx"
    target.write_bytes(b"old")
    calls: list = []
    waited: list = []
    monkeypatch.setattr(fileio.os, "replace", _replace_refused(100, calls))
    monkeypatch.setattr(fileio.time, "sleep", waited.append)
    # When the new report is written
    with pytest.raises(UserError) as caught:
        write_atomically(target, _write_bytes(b"new"))
    # Then Desk gave up after a short, bounded wait and said why in Vietnamese; the old report is intact
    assert 1.0 <= sum(waited) <= 2.0 and len(calls) == len(waited) + 1
    # (on Windows the reason names "another program (Excel?)"; here the POSIX wording)
    assert f"Không ghi được tệp «{target}»" in str(caught.value)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["bao_cao.xlsx"]
