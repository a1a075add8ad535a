"""Opening the data folder for work: one Desk at a time, a checked file, a damaged one set aside with a backup offered."""

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
from desk.store import health
from desk.store.faults import DatabaseDamaged
from desk.store.instance_lock import AlreadyRunning, InstanceLock
from desk.store.location import StorageRisk, storage_risk

log = logging.getLogger(__name__)

__all__ = ["AlreadyRunning", "DamagedAtStart", "Opened", "open_data", "check"]


class DamagedAtStart(StoreError):
    """The database was damaged: it is now renamed aside (never deleted); `backup` is the newest good one."""

    def __init__(self, damage: DatabaseDamaged, set_aside: Path, backup: Path | None, *, for_cli: bool):
        self.damage, self.set_aside, self.backup = damage, set_aside, backup
        text = str(damage) + " " + t(f"Tệp hỏng được giữ nguyên và đổi tên thành «{set_aside}».",
                                     f"The damaged file was kept unchanged, renamed to «{set_aside}».")
        if backup is None:
            text += " " + t("Không tìm thấy bản sao lưu nào còn tốt trong thư mục dữ liệu; hãy liên hệ bộ phận kỹ thuật.",
                            "No good backup was found in the data folder; contact technical support.")
        elif for_cli:
            text += " " + t(f"Bản sao lưu tốt gần nhất: {backups.describe(backup)}. Để khôi phục, chạy: "
                            f'desk restore "{backup}"',
                            f'Newest good backup: {backups.describe(backup)}. To restore it, run: desk restore "{backup}"')
        super().__init__(text)


@dataclass
class Opened:
    """A data folder opened for work; close() releases the database and the single-instance lock."""

    workspace: Workspace
    lock: InstanceLock | None
    risk: StorageRisk | None = None

    def close(self) -> None:
        self.workspace.engine.dispose()
        if self.lock is not None:
            self.lock.release()


def open_data(folder_option: str | None = None, *, create: bool = False, exclusive: bool = True,
              now: datetime | None = None, for_cli: bool = True) -> Opened:
    """Take the folder's lock (exclusive=True), check and open the database.

    A second Desk on the same folder gets AlreadyRunning before the database is touched. A damaged
    database is set aside and DamagedAtStart names the newest good backup.
    """
    folder = paths.data_dir(folder_option)
    lock = InstanceLock(folder) if exclusive else None
    if lock is not None and folder.is_dir():
        lock.acquire()
    try:
        try:
            workspace = open_workspace(folder_option, create=create)
        except DatabaseDamaged as damage:
            database = paths.database_path(folder)
            if not database.exists():
                raise
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
    return Opened(workspace, lock, storage_risk(workspace.folder))


def check(workspace: Workspace) -> list[str]:
    """The full check (integrity and foreign keys); [] when the database is sound."""
    return health.full_check(paths.database_path(workspace.folder))
