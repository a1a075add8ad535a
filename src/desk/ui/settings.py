"""Per-installation preferences, declared once with their defaults, stored in an INI file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings


@dataclass(frozen=True)
class Option:
    key: str
    default: object


LANGUAGE = Option("ui/language", "vi")
GEOMETRY = Option("ui/geometry", None)
EXPORT_FOLDER = Option("export/folder", "")
# The window locks after this many minutes without keyboard or mouse input
IDLE_LOCK_MINUTES = Option("security/idle_lock_minutes", 10)
# the data folder for which the storage-risk warning (network, USB, cloud sync) was already shown
RISK_WARNED_FOLDER = Option("security/risk_warned_folder", "")


class Settings:
    def __init__(self, path: Path):
        self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, option: Option):
        value = self._qsettings.value(option.key, option.default)
        return option.default if value is None else value

    def set(self, option: Option, value) -> None:
        self._qsettings.setValue(option.key, value)
        self._qsettings.sync()
