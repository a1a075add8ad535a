"""Qt's own warnings reach Desk's log file (a windowed build has no console to print them to)."""

from __future__ import annotations

import logging

from PySide6.QtCore import qInstallMessageHandler, qWarning

from desk import logs
from desk.ui import app as desk_app
from desk.ui import qt_log, start_flow


def test_a_qt_warning_is_written_to_the_log_file(tmp_path):
    log_file = logs.setup(tmp_path)
    previous = qt_log.install()
    try:
        qWarning("QFont::setPointSize: Point size <= 0 (-1), must be greater than 0")
    finally:
        qInstallMessageHandler(previous)
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "WARNING qt: QFont::setPointSize: Point size <= 0" in log_file.read_text(encoding="utf-8")


def test_the_window_installs_the_handler_at_start(monkeypatch, tmp_path, caplog):
    # Given a start that ends before the window (the clerk cancels the sign-in)
    monkeypatch.setattr(start_flow, "start", lambda *args, **kwargs: 0)
    monkeypatch.setattr(desk_app, "install_translators", lambda *args: [])   # other tests expect English
    previous = qInstallMessageHandler(None)
    try:
        assert desk_app.run_app(str(tmp_path)) == 0
        # Then Qt's messages from then on go to Desk's log
        with caplog.at_level(logging.WARNING, logger="qt"):
            qWarning("QWindowsWindow::setGeometry: Unable to set geometry")
    finally:
        qInstallMessageHandler(previous)
    assert [r.getMessage() for r in caplog.records if r.name == "qt"] == [
        "QWindowsWindow::setGeometry: Unable to set geometry"]
