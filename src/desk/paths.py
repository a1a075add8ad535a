"""Where Desk keeps its database, backups, logs and settings (platformdirs; overridable)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Desk"
DATA_DIR_ENV = "DESK_DATA_DIR"
DATABASE_URL_ENV = "DESK_DATABASE_URL"      # a shared server's address (store.server), instead of the folder's file
DATABASE_NAME = "desk.sqlite3"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data folder: `--data-dir`, else $DESK_DATA_DIR, else the user's local app-data folder."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    # roaming=False: a SQLite file must not follow a roaming profile across machines.
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def database_path(folder: Path) -> Path:
    return folder / DATABASE_NAME


def log_dir(folder: Path) -> Path:
    return folder / "logs"


def backup_dir(folder: Path) -> Path:
    """Automatic and pre-migration backups, thinned to 12 daily, 10 weekly, 9 monthly."""
    return folder / "backups"


def lock_path(folder: Path) -> Path:
    """The single-instance lock beside the database (held with an OS lock, never stale)."""
    return folder / (DATABASE_NAME + ".lock")


def settings_path(folder: Path) -> Path:
    """The INI file for per-installation preferences (language, window geometry)."""
    return folder / "settings.ini"


def resources_dir() -> Path:
    """Icons and translations: inside the bundle when frozen, else at the repository's top."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
