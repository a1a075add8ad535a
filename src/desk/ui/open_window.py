"""A second start brings the open Desk window forward instead of only saying that Desk is running.

No socket (Desk ships without QtNetwork): the second start writes a request into a small file in the
data folder, which the running window watches; the window comes forward and answers in the same file.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt
from PySide6.QtWidgets import QWidget

REQUEST, ANSWER = "show", "shown"
FILE_NAME = "desk.show-window"


def request_file(folder: Path) -> Path:
    return Path(folder) / FILE_NAME


def bring_forward(folder: Path, *, wait_s: float = 1.5) -> bool:
    """Ask the Desk window running on this folder to come forward; True once it answered (then this start
    can end quietly), False when nobody answered (a desk command holds the folder, not a window)."""
    path = request_file(folder)
    try:
        path.write_text(REQUEST, encoding="ascii")
    except OSError:
        return False
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            if path.read_text(encoding="ascii").strip() == ANSWER:
                return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


class WindowRaiser(QObject):
    """Watches the request file of the window's data folder; a request brings the window to the front."""

    def __init__(self, window: QWidget, folder: Path):
        super().__init__(window)
        self._window = window
        self._path = request_file(folder)
        try:
            self._path.write_text("", encoding="ascii")
        except OSError:
            return                   # a read-only folder: no second start can ask either
        self._watcher = QFileSystemWatcher([str(self._path)], self)
        self._watcher.fileChanged.connect(self._on_changed)

    def _on_changed(self, _path: str) -> None:
        try:
            asked = self._path.read_text(encoding="ascii").strip() == REQUEST
        except OSError:
            return
        if str(self._path) not in self._watcher.files():        # some editors replace the file: watch again
            self._watcher.addPath(str(self._path))
        if not asked:
            return
        window = self._window
        if window.isMinimized():
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()
        self._path.write_text(ANSWER, encoding="ascii")
