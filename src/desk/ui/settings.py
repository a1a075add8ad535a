"""This computer's preferences, declared once (desk.domain.settings) with their defaults, stored in an INI file."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QSettings

from desk import paths
from desk.domain.fields import Choice
from desk.domain.settings import Blob, OneOf, Setting, SettingError, SettingGroup, Text, Whole

T = TypeVar("T")

LANGUAGES = (Choice("vi", "Tiếng Việt", "Vietnamese"), Choice("en", "English", "English"))


class Preferences(SettingGroup, vi="Giao diện", en="Interface"):
    """Per computer and user, anyone may change them (permission None); keys are the INI file's."""

    language = Setting(OneOf(LANGUAGES), "vi", "Ngôn ngữ giao diện", "Interface language", permission=None,
                       key="ui/language", help_vi="Áp dụng từ lần mở Desk sau.",
                       help_en="Applies the next time Desk starts.")
    idle_lock_minutes: Setting[int] = Setting(Whole(1, 240), 10, "Khóa màn hình sau (phút không dùng)",
                                "Lock after (idle minutes)", permission=None, key="security/idle_lock_minutes",
                                shown=False)    # set in Data > Users, beside the accounts
    geometry = Setting(Blob(), b"", "Vị trí, kích thước cửa sổ", "Window geometry", permission=None, shown=False,
                       key="ui/geometry")
    # the navigation's width beside the screens
    splitter = Setting(Blob(), b"", "Độ rộng danh mục bên trái", "Navigation width", permission=None, shown=False,
                       key="ui/splitter")
    export_folder = Setting(Text(1000, verbatim=True), "", "Thư mục xuất gần nhất", "Last export folder",
                            permission=None,
                            shown=False, key="export/folder")
    # where "Back up now" last wrote a copy (a USB stick): "Another file (USB)..." of Restore opens there
    backup_folder = Setting(Text(1000, verbatim=True), "", "Thư mục sao lưu gần nhất", "Last backup folder",
                            permission=None, shown=False, key="backup/folder")
    # the data folder for which the storage-risk warning (network, USB, cloud sync) was already shown
    risk_warned_folder = Setting(Text(1000, verbatim=True), "", "Đã cảnh báo thư mục dữ liệu",
                                 "Storage warning shown for",
                                 permission=None, shown=False, key="security/risk_warned_folder")


STORES = (Choice("sqlite", "Tệp trên máy này (SQLite)", "A file on this computer (SQLite)"),
          Choice("postgresql", "Máy chủ PostgreSQL", "A PostgreSQL server"))
SSL_MODES = (Choice("prefer", "Dùng TLS nếu máy chủ có (prefer)", "TLS if the server offers it (prefer)"),
             Choice("require", "Bắt buộc TLS (require)", "TLS required (require)"),
             Choice("verify-ca", "Bắt buộc TLS, kiểm tra chứng chỉ (verify-ca)",
                    "TLS required, certificate checked (verify-ca)"),
             Choice("verify-full", "Bắt buộc TLS, kiểm tra chứng chỉ và tên máy chủ (verify-full)",
                    "TLS required, certificate and host name checked (verify-full)"),
             Choice("disable", "Không dùng TLS (disable)", "No TLS (disable)"))


class ServerPreferences(SettingGroup, vi="Máy chủ dữ liệu", en="Data server"):
    """Where this computer's Desk keeps its records: a preference of the computer (an office's PCs may
    differ while one moves over), so in the INI file and not in the database it chooses. The password
    is not one of them: it goes to the OS keyring only."""

    store = Setting(OneOf(STORES), "sqlite", "Dữ liệu lưu ở", "Records are kept in", key="server/store",
                    help_vi="Áp dụng từ lần mở Desk sau. Địa chỉ cho bằng --database hoặc DESK_DATABASE_URL "
                            "được ưu tiên hơn lựa chọn này.",
                    help_en="Applies the next time Desk starts. An address given with --database or "
                            "DESK_DATABASE_URL comes before this choice.")
    host = Setting(Text(253), "", "Máy chủ (tên hoặc địa chỉ IP)", "Server (name or IP address)", key="server/host")
    port = Setting(Whole(1, 65535), 5432, "Cổng", "Port", key="server/port")
    database = Setting(Text(63), "", "Tên cơ sở dữ liệu", "Database name", key="server/database")
    user = Setting(Text(63), "desk", "Tên người dùng", "User name", key="server/user")
    sslmode = Setting(OneOf(SSL_MODES), "prefer", "Mã hóa kết nối (TLS)", "Connection encryption (TLS)",
                      key="server/sslmode",
                      help_vi="verify-ca và verify-full đọc chứng chỉ gốc ở %APPDATA%\\postgresql\\root.crt.",
                      help_en="verify-ca and verify-full read the root certificate from "
                              "%APPDATA%\\postgresql\\root.crt.")

    def url(self) -> str | None:
        """The server's address (no password) when a server is chosen, else None: the file on this computer."""
        if self.store != "postgresql" or not self.host or not self.database:
            return None
        from desk.store import server

        return server.address(self.host, self.port, self.database, self.user, self.sslmode)


LANGUAGE = Preferences.language
GEOMETRY = Preferences.geometry
SPLITTER = Preferences.splitter
EXPORT_FOLDER = Preferences.export_folder
BACKUP_FOLDER = Preferences.backup_folder
IDLE_LOCK_MINUTES = Preferences.idle_lock_minutes
RISK_WARNED_FOLDER = Preferences.risk_warned_folder


@cache
def table_state(register: str) -> Setting[bytes]:
    """A register's list columns: order, widths, hidden ones and sort (QHeaderView.saveState)."""
    return Setting(Blob(), b"", f"Cột của sổ {register}", f"Columns of {register}", permission=None, shown=False,
                   key=f"ui/table/{register}")


class Settings:
    """The INI file; get() returns the declared type (a damaged value gives the default)."""

    def __init__(self, path: Path):
        self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, option: Setting[T]) -> T:
        value = self._qsettings.value(option.key, None)
        if value is None:
            return option.default_for(None)
        try:
            return option.parse(value)
        except SettingError:
            return option.default_for(None)

    def set(self, option: Setting[T], value: T) -> None:
        self._qsettings.setValue(option.key, option.type.dump(option.parse(value)))
        self._qsettings.sync()

    def preferences(self) -> Preferences:
        return Preferences.load(lambda key: self._qsettings.value(key, None))

    def server(self) -> ServerPreferences:
        return ServerPreferences.load(lambda key: self._qsettings.value(key, None))

    def keep(self, group: SettingGroup) -> None:
        """Every setting of a group of this computer's, as the INI file keeps it."""
        for setting, value in group:
            self._qsettings.setValue(setting.key, setting.type.dump(value))
        self._qsettings.sync()


def use_chosen_server(settings: Settings) -> None:
    """The data server an administrator chose in Settings for this computer, unless the start named one
    (--database or DESK_DATABASE_URL: a scripted or one-off start comes first)."""
    address = settings.server().url()
    if address and not os.environ.get(paths.DATABASE_URL_ENV):
        os.environ[paths.DATABASE_URL_ENV] = address


def chosen_server(folder: Path) -> str | None:
    """The server chosen in Settings for the Desk of this data folder, None for the file on this computer
    (or when Desk's window never ran there: no settings file, and none is made by asking)."""
    path = paths.settings_path(folder)
    return Settings(path).server().url() if path.is_file() else None
