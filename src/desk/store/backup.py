"""Copies of the database: SQLite's online backup API, verified and synced before they count; naming and thinning."""

from __future__ import annotations

import os
import re
import secrets
import sqlite3
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from desk import paths
from desk.domain.lang import t
from desk.errors import StoreError, UserError
from desk.fileio import os_reason
from desk.fileio import sync_folder as fsync_folder
from desk.store import health
from desk.store.faults import DatabaseDamaged

PREFIX, SUFFIX = "desk-", ".sqlite3"
_NAME = re.compile(r"^desk-(\d{8})-(\d{6})(?:-[a-z0-9-]+)?\.sqlite3$")
TAG_BEFORE_RESTORE = "before-restore"
# Copies Desk promises to keep (the data before a restore, a migration, an import): thinning spares
# them for this long, however many other backups there are.
TAGS_KEPT = ("before-restore", "before-migration", "before-import")
TAGGED_KEPT_DAYS = 90
# Tables every Desk database has had since the first release: how a Desk backup is recognised.
DESK_TABLES = frozenset({"alembic_version", "setting", "obstacle"})

DAILY, WEEKLY, MONTHLY = 12, 10, 9


class BackupFailed(StoreError):
    """The copy could not be written or did not pass its integrity check; it does not count."""


# -- names ------------------------------------------------------------------------------------
def backup_name(now: datetime, tag: str = "") -> str:
    return f"{PREFIX}{now:%Y%m%d-%H%M%S}{'-' + tag if tag else ''}{SUFFIX}"


def taken_at(path: Path) -> datetime | None:
    """When a backup was taken, from its name (local time); None for files that are not Desk backups."""
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
    except ValueError:
        return None


def list_backups(folder: Path) -> list[tuple[datetime, Path]]:
    """(taken at, path) of every backup in the folder, newest first."""
    if not folder.is_dir():
        return []
    found = [(when, p) for p in folder.iterdir() if p.is_file() and (when := taken_at(p)) is not None]
    return sorted(found, key=lambda item: (item[0], item[1].name), reverse=True)


def free_path(folder: Path, now: datetime, tag: str = "") -> Path:
    target = folder / backup_name(now, tag)
    n = 2
    while target.exists():                  # two backups within one second: keep both
        target = folder / backup_name(now, f"{tag}-{n}" if tag else str(n))
        n += 1
    return target


# -- copying ----------------------------------------------------------------------------------
def _read_only_uri(path: Path) -> str:
    # immutable=1: a backup file is not live; SQLite then needs no -shm/-wal beside it (read-only USB).
    return Path(path).resolve().as_uri() + "?mode=ro&immutable=1"


def _fsync(path: Path) -> None:
    with open(path, "rb+") as f:            # "+": Windows refuses fsync on a read-only handle
        os.fsync(f.fileno())


def _cannot_write(folder: Path, reason: str) -> BackupFailed:
    return BackupFailed(t(f"Không tạo được bản sao lưu trong thư mục «{folder}»: {reason}",
                          f"Cannot write a backup in the folder «{folder}»: {reason}"))


def copy_database(source: Path, target: Path, *, source_is_live: bool = True) -> Path:
    """Copy `source` to `target` with the online backup API, check it, sync it, then move it in place.

    A reader or writer may use the source meanwhile (the backup API copies a consistent snapshot).
    The copy is a single file (journal_mode=DELETE). It only appears at `target` once its
    integrity check passed and it is on disk: a half-written backup never counts.
    """
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(folder, os_reason(exc)) from exc
    tmp = folder / f".~{target.name}.tmp-{secrets.token_hex(4)}"
    try:
        src = sqlite3.connect(str(source)) if source_is_live else sqlite3.connect(_read_only_uri(source), uri=True)
        try:
            dst = sqlite3.connect(str(tmp), isolation_level=None)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                problems = [row[0] for row in dst.execute("PRAGMA integrity_check").fetchall()]
            finally:
                dst.close()
        finally:
            src.close()
        if problems != ["ok"]:
            raise DatabaseDamaged("malformed", source, "; ".join(problems[:3]))
        _fsync(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        _remove_quietly(tmp)
        raise _cannot_write(folder, os_reason(exc)) from exc
    except sqlite3.Error as exc:
        _remove_quietly(tmp)
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code == sqlite3.SQLITE_FULL:
            raise _cannot_write(folder, t("ổ đĩa đã đầy.", "the disk is full.")) from exc
        if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            raise DatabaseDamaged("malformed", source, str(exc)) from exc
        if code == sqlite3.SQLITE_CANTOPEN:
            raise _cannot_write(folder, t("không tạo được tệp ở đó (không có quyền ghi, hoặc đó không phải một thư "
                                          "mục thường).", "no file can be made there (no permission to write, or "
                                          "it is not an ordinary folder).")) from exc
        raise _cannot_write(folder, str(exc)) from exc
    except BaseException:
        _remove_quietly(tmp)
        raise
    fsync_folder(folder)
    return target


def _remove_quietly(path: Path) -> None:
    for p in (path, Path(f"{path}-journal")):
        try:
            p.unlink(missing_ok=True)
        except OSError:
            pass


def backup_before_migration(database: Path, revision: str, now: datetime | None = None) -> Path:
    """The verified copy taken before a migration touches the database."""
    now = now or datetime.now()
    folder = paths.backup_dir(database.parent)
    return copy_database(database, free_path(folder, now, f"before-migration-{revision.lower()}"))


# -- checking a file the user chose -------------------------------------------------------------
def inspect_backup(path: Path, known_revisions: Iterable[str]) -> str:
    """The schema revision of a Desk backup file, or UserError saying why it cannot be restored."""
    path = Path(path)
    if not path.is_file():
        raise UserError(t(f"Không tìm thấy tệp sao lưu «{path}».", f"The backup file «{path}» does not exist."))
    refused = t(f"Không khôi phục từ «{path}»: ", f"Not restoring from «{path}»: ")
    try:
        kind = health.diagnose_header(path)
    except OSError:
        raise UserError(refused + t("không đọc được tệp: không có quyền đọc, hoặc tệp đang bị chương trình khác "
                                    "khóa. Dữ liệu hiện tại không bị thay đổi.",
                                    "the file cannot be read: no permission, or another program has it locked. "
                                    "The current data was not changed.")) from None
    if kind or path.stat().st_size == 0:
        reason = str(DatabaseDamaged(kind or "not_sqlite", None))
        raise UserError(refused + reason[0].lower() + reason[1:] + t(" Dữ liệu hiện tại không bị thay đổi.",
                                                                      " The current data was not changed."))
    unchanged = t(" Dữ liệu hiện tại không bị thay đổi.", " The current data was not changed.")
    try:
        tables, revision = _tables_and_revision(path)
    except sqlite3.DatabaseError as exc:
        raise _damaged(refused, [str(exc)], unchanged) from None
    if not DESK_TABLES <= tables or revision is None:
        raise UserError(refused + t("đây không phải là cơ sở dữ liệu của Desk.", "this is not a Desk database.")
                        + unchanged)
    if revision not in set(known_revisions):
        raise UserError(refused + t(f"tệp do phiên bản Desk mới hơn tạo ra (lược đồ {revision}); "
                                    "hãy cài phiên bản Desk mới nhất.",
                                    f"it was made by a newer Desk (schema {revision}); install the newest Desk.")
                        + unchanged)
    # Exactly Desk's schema for its revision: an extra trigger (one that rewrites every new record),
    # a missing one (no append-only audit trail) or any other change is refused, not repaired.
    from desk.store import integrity, lock_audit

    connection = sqlite3.connect(_read_only_uri(path), uri=True)
    try:
        # The schema first: comparing it reads sqlite_master only, while the integrity check evaluates
        # every index's expression on every row, and an index written into the file can take minutes.
        found = integrity.schema_differences(connection, path)
        problems = [] if found else _integrity_problems(connection)
        # Its trail must account for it: a user made administrator, or records changed, in the file
        # outside Desk would otherwise come back as the truth.
        tampered = [] if found or problems else (integrity.chain_breaks(connection)
                                                 + integrity.record_findings(connection)
                                                 + lock_audit.lock_findings(connection))
    except DatabaseDamaged:
        found, problems, tampered = None, [], []
    except sqlite3.DatabaseError as exc:
        found, problems, tampered = [], [str(exc)], []
    finally:
        connection.close()
    if problems:
        raise _damaged(refused, problems, unchanged)
    if tampered:
        raise UserError(refused + t(f"tệp đã bị sửa ngoài Desk ({len(tampered)} chỗ không khớp với nhật ký; "
                                    "chạy desk check trên một bản sao của tệp để xem chi tiết).",
                                    f"the file was changed outside Desk ({len(tampered)} places disagree with its "
                                    "audit trail).") + unchanged)
    if found is None or found:
        listed = "; ".join(d.text for d in found[:4]) if found else t("không phải cơ sở dữ liệu Desk",
                                                                       "not a Desk database")
        raise UserError(refused + t(f"cấu trúc của tệp khác với cấu trúc Desk tạo ra cho lược đồ {revision} "
                                    f"({listed}).",
                                    f"its structure differs from what Desk makes for schema {revision} ({listed}).")
                        + unchanged)
    return revision


def _tables_and_revision(path: Path) -> tuple[set[str], str | None]:
    """The tables a database file has and its Alembic revision: sqlite_master and one row, nothing evaluated."""
    connection = sqlite3.connect(_read_only_uri(path), uri=True)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            return tables, None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return tables, row[0] if row else None
    finally:
        connection.close()


def _integrity_problems(connection: sqlite3.Connection) -> list[str]:
    """What PRAGMA integrity_check finds wrong; [] for a sound file."""
    try:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if problems == ["ok"] else problems


def _damaged(refused: str, problems: list[str], unchanged: str) -> UserError:
    return UserError(refused + t(f"tệp bị hỏng (kiểm tra toàn vẹn: {'; '.join(problems[:2])}).",
                                 f"the file is damaged (integrity check: {'; '.join(problems[:2])}).") + unchanged)


def unit_in(path: Path) -> int | None:
    """The office unit a Desk database (or backup) belongs to, or None when it cannot be read."""
    try:
        connection = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            row = connection.execute("SELECT value FROM setting WHERE key = 'office.unit_code'").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    try:
        return int(row[0]) if row else None
    except (TypeError, ValueError):
        return None


# -- thinning -----------------------------------------------------------------------------------
def _week(day: date) -> int:
    return (day.toordinal() - 1) // 7        # ordinal 1 (0001-01-01) is a Monday: weeks start on Monday


def _month(day: date) -> int:
    return day.year * 12 + day.month


def obsolete_backups(backups: Iterable[tuple[datetime, Path]], now: datetime, *, keep: Iterable[Path] = (),
                     daily: int = DAILY, weekly: int = WEEKLY, monthly: int = MONTHLY) -> list[Path]:
    """Which backups thinning removes (Anki's scheme): everything from today and yesterday stays;
    then the newest backup of each of `daily` earlier days, then of `weekly` earlier weeks, then of
    `monthly` earlier months. Paths in `keep` (the newest good backup) are never removed, nor are
    tagged copies (before a restore, a migration, an import) younger than TAGGED_KEPT_DAYS.
    """
    backups = list(backups)
    keep = set(keep) | {path for when, path in backups
                        if any(f"-{tag}" in path.name for tag in TAGS_KEPT)
                        and (now - when).days < TAGGED_KEPT_DAYS}
    yesterday = now.date().toordinal() - 1
    last_day = last_week = last_month = None
    obsolete: list[Path] = []
    for when, path in sorted(backups, key=lambda b: b[0], reverse=True):
        day = when.date()
        fresh = path in keep or day.toordinal() >= yesterday
        if not fresh and daily > 0:
            fresh = last_day is None or day.toordinal() < last_day
            daily -= fresh
        elif not fresh and weekly > 0:
            fresh = last_week is None or _week(day) < last_week
            weekly -= fresh
        elif not fresh and monthly > 0:
            fresh = last_month is None or _month(day) < last_month
            monthly -= fresh
        if fresh:
            last_day, last_week, last_month = day.toordinal(), _week(day), _month(day)
        else:
            obsolete.append(path)
    return obsolete
