"""Logging to a file in the data folder: a windowed build has no console to print to."""

from __future__ import annotations

import logging
import logging.handlers
import os
import time
from pathlib import Path

from desk import paths

LOG_NAME = "desk.log"
MAX_BYTES = 2_000_000
BACKUPS = 3
# After a rotation failed (the other process holds the file), wait this long before trying again.
RETRY_ROTATION_AFTER = 60.0


class SharedRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """RotatingFileHandler for a log that the window and a command may write at the same time.

    Each process rotates when the FILE (not its own stream) is full, follows a rotation made by the
    other process (reopens the new file instead of writing into the renamed one), and keeps
    logging when Windows refuses the rename because the other process has the file open.
    """

    def __init__(self, filename: Path, **kwargs):
        super().__init__(filename, **kwargs)
        self._no_rotation_before = 0.0

    def emit(self, record: logging.LogRecord) -> None:
        self._follow_rotation()
        super().emit(record)

    def shouldRollover(self, record: logging.LogRecord) -> bool:
        if self.maxBytes <= 0 or time.monotonic() < self._no_rotation_before:
            return False
        try:
            size = os.stat(self.baseFilename).st_size
        except OSError:
            return False
        return size + len(self.format(record)) + 1 >= self.maxBytes

    def doRollover(self) -> None:
        try:
            super().doRollover()
        except OSError:
            # Windows: the other Desk has desk.log open, so it cannot be renamed now. Append to it
            # and try again later instead of failing (and printing a traceback) on every record.
            self._no_rotation_before = time.monotonic() + RETRY_ROTATION_AFTER
            if self.stream is None:
                self.stream = self._open()

    def _follow_rotation(self) -> None:
        """Reopen desk.log if another process renamed it away (as WatchedFileHandler does)."""
        if self.stream is None:
            return
        try:
            on_disk = os.stat(self.baseFilename)
        except FileNotFoundError:
            on_disk = None
        except OSError:
            return
        mine = os.fstat(self.stream.fileno())
        if on_disk is None or (on_disk.st_dev, on_disk.st_ino) != (mine.st_dev, mine.st_ino):
            self.stream.close()
            self.stream = self._open()


def setup(data_folder: Path | None) -> Path | None:
    """Log to <data>/logs/desk.log (rotated); returns the file, or None if it cannot be created."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    if data_folder is None:
        return None
    folder = paths.log_dir(data_folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = SharedRotatingFileHandler(folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                            encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    return folder / LOG_NAME


def current_file() -> str:
    """The log file Desk writes to now ("" when it logs nowhere): what an unexpected-error message names."""
    handler = next((h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)),
                   None)
    return handler.baseFilename if handler is not None else ""
