"""Before SQLite opens the database: leftovers cleaned, a stray WAL set aside, a lost file never replaced."""

from __future__ import annotations

import logging
import os
import time
from datetime import datetime
from pathlib import Path

from desk import paths
from desk.domain.lang import t
from desk.errors import StoreError
from desk.store import wal_guard
from desk.store.faults import EMPTY, DatabaseDamaged

log = logging.getLogger(__name__)
DAMAGE_MARK = ".damaged"          # beside the database: SQLite reported damage while Desk worked
# Temporary files of a copy, a restore or a backup that a kill interrupted. Only removed while no
# Desk uses the folder (the caller holds its lock): a running restore's staging file looks the same.
_ORPHANS = (".~desk.sqlite3.restore-*", ".~*.tmp-*")
ORPHAN_MIN_AGE = 60               # seconds: a file this young may belong to a starting Desk


class DatabaseMissing(StoreError):
    """The database file is gone from a folder that held one (backups or set-aside files show it)."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(t(
            f"Không thấy tệp cơ sở dữ liệu «{path}» trong thư mục dữ liệu, dù thư mục này đã có dữ liệu "
            "(có bản sao lưu hoặc tệp đã được để riêng). Desk không tạo cơ sở dữ liệu trống thay thế.",
            f"The database file «{path}» is missing from a data folder that held data (it has backups or "
            "set-aside files). Desk does not put an empty database in its place."))


def had_data(path: Path) -> bool:
    """Did this folder ever hold a Desk database? Backups or set-aside copies say so."""
    from desk.store.backup import list_backups

    folder = path.parent
    return bool(list_backups(paths.backup_dir(folder))) or any(folder.glob(f"{path.name}.corrupt-*")) \
        or any(folder.glob(f"{path.name}.newer-*"))


def remove_orphans(folder: Path, now: float | None = None) -> list[Path]:
    """Temporary files left by a killed copy, restore or backup (and their journals); returns them."""
    now = now or time.time()
    removed = []
    for where in (folder, paths.backup_dir(folder)):
        if not where.is_dir():
            continue
        for pattern in _ORPHANS:
            for path in where.glob(pattern):
                try:
                    if now - path.stat().st_mtime < ORPHAN_MIN_AGE or not path.is_file():
                        continue
                    path.unlink()
                    removed.append(path)
                except OSError as exc:
                    log.warning("could not remove leftover %s: %s", path, exc)
    if removed:
        log.info("removed %d leftover temporary file(s): %s", len(removed), ", ".join(p.name for p in removed))
    return removed


def check(path: Path, *, exclusive: bool, now: datetime | None = None) -> list[str]:
    """Everything done before SQLite may touch the file; returns what the user should be told.

    exclusive: no other process uses the database now (the caller holds the folder's lock), so a
    WAL or journal beside it is a leftover, never a live one.
    """
    notices: list[str] = []
    now = now or datetime.now()
    if exclusive:
        remove_orphans(path.parent)
        journal = Path(f"{path}-journal")
        if journal.exists() and journal.stat().st_size > 0:
            # Desk keeps its database in WAL mode: a rollback journal beside it is not Desk's.
            aside = journal.with_name(f"{journal.name}.set-aside-{now:%Y%m%d-%H%M%S}")
            os.replace(journal, aside)
            notices.append(t(f"Tệp nhật ký «{journal.name}» bên cạnh cơ sở dữ liệu không phải của Desk; đã để riêng "
                             f"thành «{aside.name}», không dùng đến. Dữ liệu không bị thay đổi.",
                             f"The journal «{journal.name}» beside the database is not Desk's; it was set aside as "
                             f"«{aside.name}» and not used. The data was not changed."))
        reason = wal_guard.foreign_reason(path) if path.exists() else None
        if reason is None and not path.exists() and Path(f"{path}-wal").exists():
            reason = t("không có cơ sở dữ liệu đi kèm", "there is no database beside it")
        if reason is not None:
            aside = wal_guard.set_aside(path, now)
            log.warning("WAL set aside as %s: %s", aside, reason)
            notices.append(t(
                f"Tệp ghi tạm «{path.name}-wal» bên cạnh cơ sở dữ liệu không thuộc về nó ({reason}): đã để riêng "
                f"thành «{aside.name}», không đưa vào dữ liệu. Dữ liệu vẫn như lần lưu cuối cùng của Desk.",
                f"The write-ahead file «{path.name}-wal» beside the database does not belong to it ({reason}): it "
                f"was set aside as «{aside.name}» and not replayed. The data is as Desk last saved it."))
    if not path.exists():
        if had_data(path):
            raise DatabaseMissing(path)
        return notices
    if path.stat().st_size == 0 and (had_data(path) or Path(f"{path}-wal").exists()):
        raise DatabaseDamaged(EMPTY, path)
    mark = Path(f"{path}{DAMAGE_MARK}")
    if mark.exists():
        from desk.store import health

        problems = health.full_check(path)
        if problems:
            raise DatabaseDamaged("malformed", path, "; ".join(problems[:3]))
        mark.unlink(missing_ok=True)
    return notices


def note_damage(path: Path, detail: str) -> None:
    """SQLite reported damage while Desk worked: the next start checks the whole file first."""
    try:
        Path(f"{path}{DAMAGE_MARK}").write_text(detail, encoding="utf-8")
    except OSError as exc:
        log.warning("could not note the damage beside %s: %s", path, exc)
