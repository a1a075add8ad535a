"""Logging to a file in the data folder: a windowed build has no console to print to."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from desk import paths

LOG_NAME = "desk.log"


def setup(data_folder: Path | None) -> Path | None:
    """Log to <data>/logs/desk.log (rotated); returns the file, or None if it cannot be created."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    if data_folder is None:
        return None
    folder = paths.log_dir(data_folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(folder / LOG_NAME, maxBytes=2_000_000, backupCount=3,
                                                       encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    return folder / LOG_NAME
