"""Backups as the clerk sees them: automatic (on close, every 30 minutes of changes), "back up now", restore."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import sqlite3
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from desk import paths
from desk.domain.access import Actor, Permission, os_actor, require
from desk.domain.formats import format_date_time_vi, format_time_date_vi
from desk.domain.lang import t
from desk.errors import UserError
from desk.fileio import sync_folder, write_atomically
from desk.store import audit, backup, checkpoints, health
from desk.store.db import make_engine, session_scope
from desk.store.faults import DatabaseDamaged
from desk.store.migrate import upgrade_to_head
from desk.store.models import Setting
from desk.store.revisions import known_revisions
from desk.store.security import AuditEntry

if TYPE_CHECKING:
    from desk.services.workspace import Workspace

log = logging.getLogger(__name__)
AUTO_INTERVAL = timedelta(minutes=30)
STATE_FILE = "last-backup.json"


# -- "changed since the last backup" ----------------------------------------------------------
def fingerprint(session: Session) -> str:
    """Changes since the last backup show here: every record change writes an audit row, and
    settings are compared by content."""
    last_audit = session.scalar(select(func.max(AuditEntry.id))) or 0
    digest = hashlib.sha256()
    for key, value in session.execute(select(col(Setting.key), col(Setting.value)).order_by(col(Setting.key))):
        digest.update(f"{key}\x1f{value}\x1e".encode())
    return f"{last_audit}:{digest.hexdigest()[:16]}"


def _state_path(folder: Path) -> Path:
    return paths.backup_dir(folder) / STATE_FILE


def read_state(folder: Path) -> tuple[str | None, datetime | None]:
    """(fingerprint, local time) of the last automatic backup, or (None, None)."""
    try:
        data = json.loads(_state_path(folder).read_text(encoding="utf-8"))
        return data.get("fingerprint"), datetime.fromisoformat(data["at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None, None


def _write_state(folder: Path, mark: str, at: datetime) -> None:
    text = json.dumps({"fingerprint": mark, "at": at.isoformat(timespec="seconds")})
    write_atomically(_state_path(folder), lambda tmp: tmp.write_text(text, encoding="utf-8"))


def backup_due(*, changed: bool, last_backup_at: datetime | None, now: datetime,
               interval: timedelta = AUTO_INTERVAL) -> bool:
    """Back up while data changes, at most once per interval."""
    return changed and (last_backup_at is None or now - last_backup_at >= interval)


# -- taking backups ---------------------------------------------------------------------------
def _database(workspace: Workspace) -> Path:
    return paths.database_path(workspace.folder)


def backup_now(workspace: Workspace, now: datetime, *, to: Path | None = None, tag: str = "") -> Path:
    """A verified copy of the database; into the backups folder (then thinned) or a chosen folder."""
    folder = paths.backup_dir(workspace.folder)
    target_folder = Path(to) if to else folder
    if workspace.engine.dialect.name != "sqlite":       # a server: its own dump, listed back
        from desk.services import server_moves

        return server_moves.backup_server(workspace.engine, target_folder, now)
    with workspace.session() as session:
        mark = fingerprint(session)
    path = backup.copy_database(_database(workspace), backup.free_path(target_folder, now, tag))
    log.info("backup written: %s", path)
    if target_folder.resolve() == folder.resolve():
        _write_state(workspace.folder, mark, now)
        thin(folder, now)
    return path


def auto_backup(workspace: Workspace, now: datetime, *, interval: timedelta = AUTO_INTERVAL) -> Path | None:
    """What the window's timer calls: a backup if data changed and the last one is `interval` old.
    Not on a server: every clerk's Desk would dump the whole office's database; the IT person
    schedules `desk backup` there (README)."""
    if workspace.engine.dialect.name != "sqlite":
        return None
    last_mark, last_at = read_state(workspace.folder)
    with workspace.session() as session:
        changed = fingerprint(session) != last_mark
    if not backup_due(changed=changed, last_backup_at=last_at, now=now, interval=interval):
        return None
    return backup_now(workspace, now)


def backup_on_close(workspace: Workspace, now: datetime) -> Path | None:
    """On closing the window: a backup if anything changed since the last one, however recent."""
    return auto_backup(workspace, now, interval=timedelta(0))


def thin(folder: Path, now: datetime) -> list[Path]:
    """Remove what thinning no longer keeps; the newest backup (verified when written) always stays."""
    found = backup.list_backups(folder)
    newest = [found[0][1]] if found else []
    removed = []
    for path in backup.obsolete_backups(found, now, keep=newest):
        try:
            path.unlink()
            removed.append(path)
        except OSError as exc:               # a backup open in another program: try next time
            log.warning("could not remove old backup %s: %s", path, exc)
    return removed


def newest_good_backup(folder: Path) -> Path | None:
    """The newest backup in the data folder's backups that still passes a quick check."""
    for _when, path in backup.list_backups(paths.backup_dir(folder)):
        try:
            backup.inspect_backup(path, known_revisions())
            return path
        except UserError:
            log.warning("backup %s is not usable; trying an older one", path)
    return None


# -- restoring ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Restored:
    source: Path
    kept: Path | None        # the database that was replaced, kept as a backup (or set aside if damaged)


class OtherUnitBackup(UserError):
    """The backup belongs to another unit: restored only when an administrator confirms (other_unit=True)."""

    def __init__(self, source: Path, theirs: int, ours: int):
        self.source, self.theirs, self.ours = source, theirs, ours
        super().__init__(t(
            f"Tệp sao lưu «{source.name}» là dữ liệu của {_unit_name(theirs)}, không phải của {_unit_name(ours)}. "
            "Chưa khôi phục gì. Chỉ người quản trị mới có thể xác nhận khôi phục dữ liệu của đơn vị khác "
            "(dòng lệnh: thêm --other-unit).",
            f"The backup «{source.name}» holds the data of {_unit_name(theirs)}, not of {_unit_name(ours)}. "
            "Nothing was restored. Only an administrator can confirm restoring another unit's data "
            "(command line: add --other-unit)."))


def _unit_name(code: int) -> str:
    from desk.domain import units

    try:
        return f"{units.unit(code).display} (mã {code})"
    except UserError:
        return t(f"đơn vị mã {code}", f"unit {code}")


def restore(folder: Path, source: Path, actor: Actor, now: datetime, *, engine: Engine | None = None,
            reason: str | None = None, other_unit: bool = False) -> Restored:
    """Replace the data folder's database with a backup file (administrators only).

    The file is checked first (integrity, a Desk database with exactly Desk's schema for its
    revision, this office's unit unless other_unit); a refusal leaves the live database untouched.
    Then the live database is kept as a backup, the copy is brought to the current schema with its
    audit row, and swapped in with one os.replace. `engine` (the live one) is disposed before the swap.
    """
    require(actor, Permission.RESTORE)
    ours = backup.unit_in(paths.database_path(folder))
    return _restore(folder, Path(source), actor, now, engine=engine, reason=reason, ours=ours, other_unit=other_unit)


def is_os_administrator() -> bool:
    """Is this process running with the computer's administrator rights (Windows: elevated; else root)?"""
    if sys.platform == "win32":     # os.name "nt", spelled so the type checker knows ctypes.windll is there
        import ctypes

        try:
            return bool(ctypes.windll.shell32.IsUserAnAdmin())
        except (AttributeError, OSError):
            return False
    return os.geteuid() == 0


def administrator_in_backup(source: Path, name: str, password: str) -> Actor:
    """The backup's own administrator, proved by the password stored in the backup itself."""
    from desk.domain.access import Role
    from desk.domain.passwords import verify_password
    from desk.services.users import name_key

    refused = t("Sai tên đăng nhập hoặc mật khẩu người quản trị của bản sao lưu; chưa khôi phục gì.",
                "Wrong user name or password of the backup's administrator; nothing was restored.")
    try:
        connection = sqlite3.connect(backup._read_only_uri(source), uri=True)
        try:
            users_there = connection.execute("SELECT count(*) FROM desk_user").fetchone()[0]
            row = connection.execute("SELECT name, role, active, password_hash FROM desk_user WHERE name_key = ?",
                                     (name_key(name or ""),)).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        row, users_there = None, 0
    if not users_there:
        raise UserError(t(
            "Bản sao lưu này chưa có người dùng nào nên không xác minh được người quản trị. Khôi phục bằng quyền "
            "quản trị của máy tính: mở cửa sổ lệnh bằng «Run as administrator» rồi chạy desk restore TỆP --os-admin.",
            "This backup has no users, so no administrator can be proved. Restore with the computer's "
            "administrator rights: open a command prompt with «Run as administrator» and run "
            "desk restore FILE --os-admin."))
    if row is None or not verify_password(password or "", row[3]):
        raise UserError(refused)
    if row[1] != Role.ADMIN.value or not row[2]:
        raise UserError(t(f"«{row[0]}» không phải người quản trị đang hoạt động trong bản sao lưu; chưa khôi phục gì.",
                          f"«{row[0]}» is not an active administrator in the backup; nothing was restored."))
    return Actor(name=row[0], role=Role.ADMIN, user_id=0)


def recover(folder: Path, source: Path, now: datetime, *, name: str | None = None, password: str | None = None,
            os_admin: bool = False, other_unit: bool = False) -> Restored:
    """When the database is damaged, missing or from a newer Desk (and already set aside): bring back a backup.

    Nobody can sign in to the live database, so the administrator proves it against the backup's
    own users (name and password), or the computer's administrator restores (os_admin, checked).
    """
    source = Path(source)
    backup.inspect_backup(source, known_revisions())
    if os_admin:
        if not is_os_administrator():
            raise UserError(t("--os-admin cần quyền quản trị của máy tính: mở cửa sổ lệnh bằng «Run as administrator».",
                              "--os-admin needs the computer's administrator rights: open the command prompt with "
                              "«Run as administrator»."))
        actor = Actor(name=f"{os_actor().name} (quản trị máy tính)", role=os_actor().role, user_id=None)
    else:
        actor = administrator_in_backup(source, name or "", password or "")
    return _restore(folder, source, actor, now, engine=None, ours=_unit_before(folder, source), other_unit=other_unit,
                    reason="khôi phục khi cơ sở dữ liệu hỏng, bị mất hoặc của phiên bản Desk mới hơn")


def _unit_before(folder: Path, source: Path) -> int | None:
    """The unit the folder held: from a set-aside database if it can still be read, else another backup."""
    database = paths.database_path(folder)
    candidates = sorted(folder.glob(f"{database.name}.corrupt-*"), reverse=True) + \
        sorted(folder.glob(f"{database.name}.newer-*"), reverse=True) + \
        [path for _when, path in backup.list_backups(paths.backup_dir(folder)) if path.resolve() != source.resolve()]
    for path in candidates:
        unit = backup.unit_in(path)
        if unit is not None:
            return unit
    return None


def _restore(folder: Path, source: Path, actor: Actor, now: datetime, *, engine: Engine | None, reason: str | None,
             ours: int | None = None, other_unit: bool = False) -> Restored:
    live = paths.database_path(folder)
    revision = backup.inspect_backup(source, known_revisions())
    theirs = backup.unit_in(source)
    if ours is not None and theirs is not None and theirs != ours:
        if not other_unit:
            raise OtherUnitBackup(source, theirs, ours)
        reason = (reason + "; " if reason else "") + f"dữ liệu của đơn vị mã {theirs}, người quản trị đã xác nhận"
    staging = folder / f".~{live.name}.restore-{secrets.token_hex(4)}"
    kept = None
    try:
        # 1. The copy to bring in: at the current schema, with the audit row of this restore inside it,
        #    so the swap brings data and its history together.
        backup.copy_database(source, staging, source_is_live=False)
        staged = make_engine(staging)
        try:
            upgrade_to_head(staged, backup_first=False)       # the source file itself is the backup
            with session_scope(staged) as session:
                audit.record(session, actor, audit.RESTORE, "database", None, field=None,
                             old=None, new=f"{source.name} (lược đồ {revision})", reason=reason)
        finally:
            staged.dispose()
        _single_file(staging)
        # 2. The live database is kept as a backup (or, if it is damaged, set aside untouched).
        if engine is not None:
            checkpoints.wait()
            engine.dispose()
        if live.exists():
            try:
                kept = backup.copy_database(live, backup.free_path(paths.backup_dir(folder), now,
                                                                   backup.TAG_BEFORE_RESTORE))
            except DatabaseDamaged:
                kept = health.set_aside(live, now)
        # 3. The swap. The live WAL belongs to the old file: it must not be replayed into the new one.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{live}{suffix}").unlink(missing_ok=True)
        os.replace(staging, live)
        sync_folder(folder)
    finally:
        for leftover in (staging, Path(f"{staging}-wal"), Path(f"{staging}-shm"), Path(f"{staging}-journal")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:                  # never hide the real error behind a clean-up one
                log.warning("could not remove %s", leftover)
    log.info("restored %s over %s (kept: %s) by %s", source, live, kept, actor.name)
    return Restored(source=source, kept=kept)


def _single_file(path: Path) -> None:
    """Fold the WAL into the file and switch it to a rollback journal: one self-contained file to move."""
    from desk.store import wal_guard

    connection = sqlite3.connect(str(path), isolation_level=None)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # A restored file starts a chain of marks of its own: WALs of the copy it came from never fit it.
        connection.execute(f"PRAGMA user_version = {wal_guard.fresh_mark()}")
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def describe(path: Path) -> str:
    when = backup.taken_at(path)
    return t(f"{path.name} (lúc {format_time_date_vi(when)})" if when else path.name,
             f"{path.name} (taken {format_date_time_vi(when)})" if when else path.name)


@dataclass(frozen=True)
class Listed:
    """A backup as the restore dialog lists it."""

    path: Path
    taken: datetime
    size: int           # bytes
    tag: str            # "" (automatic or by hand), or backup.TAGS_KEPT's "before-restore", ...

    @property
    def why(self) -> str:
        return {"before-restore": t("trước khi khôi phục", "before a restore"),
                "before-migration": t("trước khi nâng cấp Desk", "before an upgrade of Desk"),
                "before-import": t("trước khi nhập từ Excel", "before an import from Excel")}.get(self.tag, "")


def listed(folder: Path) -> list[Listed]:
    """The backups in a folder, newest first, with their size and why each was taken."""
    found = []
    for when, path in backup.list_backups(folder):
        stem = path.name[len(backup.backup_name(when)) - len(".sqlite3"):].removesuffix(".sqlite3").lstrip("-")
        tag = next((kept for kept in backup.TAGS_KEPT if stem.startswith(kept)), "")
        try:
            size = path.stat().st_size
        except OSError:
            continue
        found.append(Listed(path, when, size, tag))
    return found
