"""Opening the data folder: one Desk at a time, a checked file, a damaged one set aside with a backup offered."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk import paths
from desk.domain.lang import t
from desk.errors import StoreError
from desk.services import backups
from desk.services.workspace import Workspace, open_workspace
from desk.store import backup, checkpoints, health
from desk.store.faults import DatabaseDamaged
from desk.store.instance_lock import AlreadyRunning, InstanceLock
from desk.store.location import StorageRisk, storage_risk
from desk.store.preflight import DatabaseMissing

log = logging.getLogger(__name__)

__all__ = ["AlreadyRunning", "DamagedAtStart", "MissingAtStart", "Opened", "open_data", "check"]


class DamagedAtStart(StoreError):
    """The database was damaged: it is now renamed aside (never deleted); `backup` is the newest good one."""

    def __init__(self, damage: DatabaseDamaged, set_aside: Path, backup: Path | None, *, for_cli: bool):
        self.damage, self.set_aside, self.backup = damage, set_aside, backup
        text = str(damage) + " " + t(f"Tệp hỏng được giữ nguyên và đổi tên thành «{set_aside}».",
                                     f"The damaged file was kept unchanged, renamed to «{set_aside}».")
        if backup is None:
            text += " " + t("Không tìm thấy bản sao lưu nào còn tốt trong thư mục dữ liệu; hãy liên hệ bộ phận kỹ "
                            "thuật.",
                            "No good backup was found in the data folder; contact technical support.")
        elif for_cli:
            text += " " + t(f"Bản sao lưu tốt gần nhất: {backups.describe(backup)}. Để khôi phục, người quản trị chạy: "
                            f'desk --user TÊN restore "{backup}"',
                            f"Newest good backup: {backups.describe(backup)}. To restore it, an administrator runs: "
                            f'desk --user NAME restore "{backup}"')
        super().__init__(text)


class MissingAtStart(StoreError):
    """The database is gone from a folder that held one; `backup` is the newest good one (or None)."""

    def __init__(self, missing: DatabaseMissing, backup: Path | None, *, for_cli: bool):
        self.missing, self.backup = missing, backup
        text = str(missing)
        if backup is None:
            text += " " + t("Không tìm thấy bản sao lưu nào còn tốt; hãy liên hệ bộ phận kỹ thuật.",
                            "No good backup was found; contact technical support.")
        elif for_cli:
            text += " " + t(f"Bản sao lưu tốt gần nhất: {backups.describe(backup)}. Để khôi phục, người quản trị chạy: "
                            f'desk --user TÊN restore "{backup}"',
                            f"Newest good backup: {backups.describe(backup)}. To restore it, an administrator runs: "
                            f'desk --user NAME restore "{backup}"')
        super().__init__(text)


def _since(then: datetime, now: datetime) -> str:
    minutes = max(0, int((now - then).total_seconds() // 60))
    if minutes < 60:
        return t(f"{minutes} phút", f"{minutes} minutes")
    if minutes < 48 * 60:
        return t(f"khoảng {minutes // 60} giờ", f"about {minutes // 60} hours")
    return t(f"{minutes // (24 * 60)} ngày", f"{minutes // (24 * 60)} days")


def recovery_question(lost: DamagedAtStart | MissingAtStart, now: datetime) -> str:
    """What the window asks when the database is damaged or gone and a good backup exists, in plain words:
    what happened, what is kept, what the backup lacks (the work done since it was taken), what to do.
    No SQLite diagnostics: those are in the log for technical support."""
    from desk.store.faults import damage_message

    if isinstance(lost, DamagedAtStart):
        what = damage_message(lost.damage.kind, None)
        kept = t(f"Tệp hỏng không bị xóa: Desk giữ nguyên và đổi tên thành «{lost.set_aside.name}» để bộ phận kỹ "
                 "thuật xem xét nếu cần.",
                 f"The damaged file is not deleted: Desk kept it, renamed «{lost.set_aside.name}», for technical "
                 "support if needed.")
    else:
        what = t("Không thấy tệp cơ sở dữ liệu trong thư mục dữ liệu, dù thư mục này đã từng có dữ liệu.",
                 "The database file is missing from a data folder that held data.")
        kept = ""
    taken = backup.taken_at(lost.backup) if lost.backup else None
    if taken is not None:
        when = t(f"{taken.hour:02d}:{taken.minute:02d} ngày {taken:%d/%m/%Y}", f"{taken:%d/%m/%Y %H:%M}")
        lacks = t(f"Bản sao lưu tốt gần nhất được tạo lúc {when}, cách đây {_since(taken, now)}. Những gì nhập, sửa "
                  f"hoặc hủy sau thời điểm đó không có trong bản sao lưu: sau khi khôi phục, hãy nhập lại phần việc "
                  f"từ {when}.",
                  f"The newest good backup was taken at {when}, {_since(taken, now)} ago. Whatever was entered, "
                  f"edited or voided after that is not in it: after restoring, enter again the work done since {when}.")
    else:
        lacks = t("Những gì nhập sau khi bản sao lưu được tạo sẽ không có trong dữ liệu khôi phục.",
                  "Whatever was entered after the backup was taken is not in it.")
    return "\n\n".join(part for part in (what, kept, lacks) if part)


@dataclass
class Opened:
    """A data folder opened for work; close() releases the database and the single-instance lock."""

    workspace: Workspace
    lock: InstanceLock | None
    risk: StorageRisk | None = None

    def close(self) -> None:
        checkpoints.wait()
        self.workspace.engine.dispose()
        if self.lock is not None:
            self.lock.release()


def open_data(folder_option: str | None = None, *, create: bool = False, exclusive: bool = True,
              now: datetime | None = None, for_cli: bool = True, held: InstanceLock | None = None) -> Opened:
    """Take the folder's lock (exclusive=True; `held`: the lock already taken), check and open the database.

    A second Desk on the same folder gets AlreadyRunning before the database is touched. A damaged
    database is set aside and DamagedAtStart names the newest good backup.
    """
    folder = paths.data_dir(folder_option)
    lock = held or (InstanceLock(folder) if exclusive else None)
    if lock is not None and folder.is_dir():
        lock.acquire()
    # A reading command takes the lock for the checks at open when no other Desk holds it: a WAL
    # or journal beside the database can then only be a leftover.
    peek = None
    if lock is None and folder.is_dir():
        try:
            peek = InstanceLock(folder).acquire()
        except AlreadyRunning:
            peek = None
    try:
        try:
            workspace = open_workspace(folder_option, create=create, exclusive=lock is not None or peek is not None)
        except DatabaseMissing as missing:
            raise MissingAtStart(missing, backups.newest_good_backup(folder), for_cli=for_cli) from missing
        except DatabaseDamaged as damage:
            database = paths.database_path(folder)
            if not database.exists():
                raise
            if lock is None and peek is not None:
                lock, peek = peek, None
            if lock is None:
                # Only the holder of the folder's lock may rename the file; if another Desk
                # has it open, it is left where it is and the message stands on its own.
                lock = InstanceLock(folder)
                try:
                    lock.acquire()
                except AlreadyRunning:
                    lock = None
                    raise damage from None
            aside = health.set_aside(database, now or datetime.now())
            log.error("damaged database set aside as %s: %s", aside, damage)
            raise DamagedAtStart(damage, aside, backups.newest_good_backup(folder), for_cli=for_cli) from damage
        if lock is not None and not lock.held:
            lock.acquire()                          # the folder was only just created
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    finally:
        if peek is not None:
            peek.release()
    return Opened(workspace, lock, storage_risk(workspace.folder))


def check(workspace: Workspace) -> list[str]:
    """The full check: the file's integrity and foreign keys, the audit trail's chain, the schema and its
    triggers, every record and user against the trail, and what opening found; [] when all is sound."""
    from desk.services import integrity_check

    if workspace.engine.dialect.name != "sqlite":
        return integrity_check.check_server(workspace.engine, workspace.notices)
    return integrity_check.check(paths.database_path(workspace.folder), workspace.notices)
