"""The log file: the window and a command can both write it, and its rotation never costs a record."""

from __future__ import annotations

import logging

import pytest

from desk import logs


def _handler(path, max_bytes=400):
    handler = logs.SharedRotatingFileHandler(path, maxBytes=max_bytes, backupCount=2, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    return handler


def _log(handler, text):
    handler.handle(logging.LogRecord("desk", logging.INFO, __file__, 1, text, None, None))


@pytest.fixture
def two_writers(tmp_path):
    """Two handlers on one desk.log: the window's and a command's (two processes in real life)."""
    path = tmp_path / "desk.log"
    window, command = _handler(path), _handler(path)
    yield path, window, command
    window.close()
    command.close()


def test_a_record_written_after_the_other_process_rotated_lands_in_the_new_file(two_writers):
    path, window, command = two_writers
    # Given both processes have written to desk.log, and the command fills it up and rotates it
    _log(window, "cửa sổ mở")
    for i in range(12):
        _log(command, f"lệnh xuất báo cáo, dòng {i:02d} " + "x" * 20)
    assert (path.parent / "desk.log.1").exists()
    # When the window logs again
    _log(window, "cửa sổ: đã lưu bản ghi")
    # Then its record is in the current desk.log, not lost in the renamed file
    assert "cửa sổ: đã lưu bản ghi" in path.read_text(encoding="utf-8")
    rotated = "".join(p.read_text(encoding="utf-8") for p in path.parent.glob("desk.log.*"))
    assert "cửa sổ: đã lưu bản ghi" not in rotated


def test_no_file_grows_far_past_the_limit_with_two_writers(two_writers):
    path, window, command = two_writers
    # When both write in turns, many times the limit
    for i in range(200):
        _log(window if i % 2 else command, f"dòng {i:03d} " + "y" * 30)
    # Then every file stays near the limit (one record over at most) and the newest records are kept
    for file in path.parent.glob("desk.log*"):
        assert file.stat().st_size < 400 + 60, file.name
    assert "dòng 199" in path.read_text(encoding="utf-8")


def test_a_rotation_refused_by_windows_keeps_logging_quietly_and_retries_later(tmp_path, monkeypatch, capsys):
    path = tmp_path / "desk.log"
    handler = _handler(path, max_bytes=200)
    # Given Windows refuses to rename desk.log (the other Desk has it open)
    def refused(source, dest):
        raise PermissionError(32, "The process cannot access the file because it is being used by another process")
    handler.rotator = refused
    try:
        # When the log passes its limit
        for i in range(10):
            _log(handler, f"bản ghi {i} " + "z" * 30)
        # Then every record is still written, no traceback is printed, and no further attempt is made yet
        text = path.read_text(encoding="utf-8")
        assert all(f"bản ghi {i} " in text for i in range(10))
        assert "Traceback" not in capsys.readouterr().err
        assert not handler.shouldRollover(logging.LogRecord("desk", logging.INFO, __file__, 1, "x", None, None))
        # And once the pause is over and the rename works again, it rotates
        handler.rotator = None
        monkeypatch.setattr(logs.time, "monotonic", lambda: 10**9)
        _log(handler, "sau khi tệp được nhả ra")
        assert (tmp_path / "desk.log.1").exists()
        assert path.read_text(encoding="utf-8").strip() == "sau khi tệp được nhả ra"
    finally:
        handler.close()


def test_setup_logs_to_the_data_folder(tmp_path):
    # When logging is set up for a data folder
    log_file = logs.setup(tmp_path)
    try:
        logging.getLogger("desk.test").info("xin chào")
        # Then the record is in <data>/logs/desk.log, in UTF-8
        assert log_file == tmp_path / "logs" / "desk.log"
        assert "xin chào" in log_file.read_text(encoding="utf-8")
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if isinstance(h, logs.SharedRotatingFileHandler)]:
            root.removeHandler(handler)
            handler.close()
