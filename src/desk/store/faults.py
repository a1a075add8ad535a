"""The database faults a clerk can act on (busy, read-only, disk full, damaged), each with its own message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desk.domain.lang import t
from desk.errors import StoreError


def _where(path: Path | None) -> str:
    return f" «{path}»" if path else ""


class DatabaseBusy(StoreError):
    """Another connection holds the write lock longer than the busy timeout."""

    def __init__(self):
        super().__init__(t("Cơ sở dữ liệu đang bận (một chương trình khác đang ghi). Hãy thử lại sau ít giây; "
                           "dữ liệu chưa bị thay đổi.",
                           "The database is busy (another program is writing). Try again in a few seconds; "
                           "nothing was changed."))


class DatabaseReadOnly(StoreError):
    """The file, its folder or the disk does not allow writing."""

    def __init__(self, path: Path | None = None):
        self.path = path
        super().__init__(t(f"Không ghi được vào cơ sở dữ liệu{_where(path)}: tệp hoặc thư mục chỉ cho phép đọc. "
                           "Hãy bỏ thuộc tính chỉ đọc (Read-only) hoặc chọn thư mục dữ liệu khác.",
                           f"Cannot write to the database{_where(path)}: the file or folder is read-only. "
                           "Clear the read-only attribute or choose another data folder."))


class DiskFull(StoreError):
    """SQLITE_FULL: the disk (or the page limit) has no room; the transaction was rolled back."""

    def __init__(self, path: Path | None = None):
        self.path = path
        super().__init__(t(f"Ổ đĩa đã đầy, không ghi được dữ liệu{_where(path)}. Lần lưu này chưa được ghi; "
                           "hãy giải phóng dung lượng rồi lưu lại.",
                           f"The disk is full{_where(path)}. This save was not written; "
                           "free some space and save again."))


# The file system reports damage under the database (SQLite >= 3.34; not exported by every Python).
SQLITE_IOERR_CORRUPTFS = getattr(sqlite3, "SQLITE_IOERR_CORRUPTFS", 8458)

# Kinds of damage, each explained differently: the clerk (or the technician) learns what happened.
TRUNCATED, HEADER_ERASED, NOT_SQLITE, MALFORMED = "truncated", "header_erased", "not_sqlite", "malformed"
EMPTY, NOT_DESK, SCHEMA = "empty", "not_desk", "schema"


class DatabaseDamaged(StoreError):
    """The file is not a usable SQLite database; `kind` says how, `path` where it is now."""

    def __init__(self, kind: str, path: Path | None = None, detail: str = "", *, noted: bool = False):
        self.kind, self.path, self.detail = kind, path, detail
        text = damage_message(kind, path, detail)
        if noted:       # found while working: the clerk learns what happens next
            text += " " + t("Hãy đóng Desk: lần mở sau, Desk kiểm tra toàn bộ tệp, để riêng tệp hỏng và đề nghị "
                            "khôi phục bản sao lưu tốt gần nhất.",
                            "Close Desk: at the next start Desk checks the whole file, sets a damaged file aside "
                            "and offers the newest good backup.")
        super().__init__(text)


def damage_message(kind: str, path: Path | None, detail: str = "") -> str:
    where = _where(path)
    if kind == TRUNCATED:
        return t(f"Tệp cơ sở dữ liệu{where} bị hỏng: tệp bị cắt cụt, thiếu phần cuối "
                 "(thường do mất điện hoặc sao chép dở dang).",
                 f"The database file{where} is damaged: it is truncated, its end is missing "
                 "(usually a power cut or an unfinished copy).")
    if kind == HEADER_ERASED:
        return t(f"Tệp cơ sở dữ liệu{where} bị hỏng: phần đầu tệp đã bị xóa trắng hoặc ghi đè.",
                 f"The database file{where} is damaged: its header was erased or overwritten.")
    if kind == NOT_SQLITE:
        return t(f"Tệp cơ sở dữ liệu{where} bị hỏng: đây không phải là tệp cơ sở dữ liệu "
                 "(có thể một tệp khác đã bị lưu đè lên).",
                 f"The database file{where} is damaged: it is not a database file "
                 "(another file may have been saved over it).")
    if kind == EMPTY:
        return t(f"Tệp cơ sở dữ liệu{where} bị hỏng: tệp rỗng (0 byte), dữ liệu đã mất khỏi tệp này "
                 "(thường do sao chép hoặc đồng bộ dở dang).",
                 f"The database file{where} is damaged: it is empty (0 bytes); the data is gone from this file "
                 "(usually an unfinished copy or sync).")
    if kind == NOT_DESK:
        return t(f"Tệp cơ sở dữ liệu{where} không phải của Desk (một cơ sở dữ liệu SQLite khác đã được đặt vào đây).",
                 f"The database file{where} is not Desk's (another SQLite database was put here).")
    if kind == SCHEMA:
        return t(f"Tệp cơ sở dữ liệu{where} đã bị sửa cấu trúc ngoài Desk ({detail}); Desk không ghi vào tệp như vậy.",
                 f"The structure of the database file{where} was changed outside Desk ({detail}); "
                 "Desk does not write to such a file.")
    suffix = f" ({detail})" if detail else ""
    return t(f"Tệp cơ sở dữ liệu{where} bị hỏng: kiểm tra toàn vẹn phát hiện lỗi bên trong tệp{suffix}.",
             f"The database file{where} is damaged: the integrity check found errors inside it{suffix}.")


class CannotOpen(StoreError):
    """SQLITE_CANTOPEN: the file or its folder cannot be opened at all."""

    def __init__(self, path: Path | None = None):
        self.path = path
        super().__init__(t(f"Không mở được cơ sở dữ liệu{_where(path)}: kiểm tra thư mục dữ liệu và quyền truy cập.",
                           f"Cannot open the database{_where(path)}: check the data folder and its permissions."))


def from_code(code: int | None, path: Path | None, detail: str = "") -> StoreError | None:
    """The fault for SQLite's (extended) result code, or None when the code is not a fault of the
    file or the disk (a constraint, a syntax error: a bug in Desk, not something the clerk can fix)."""
    if not code:
        return None
    primary = code & 0xFF
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return DatabaseBusy()
    if primary == sqlite3.SQLITE_READONLY:
        return DatabaseReadOnly(path)
    if primary == sqlite3.SQLITE_FULL:
        return DiskFull(path)
    if primary == sqlite3.SQLITE_NOTADB:
        return DatabaseDamaged(NOT_SQLITE, path)
    if primary == sqlite3.SQLITE_CORRUPT or code == SQLITE_IOERR_CORRUPTFS:
        return DatabaseDamaged(MALFORMED, path, detail)
    if primary == sqlite3.SQLITE_CANTOPEN:
        return CannotOpen(path)
    return None
