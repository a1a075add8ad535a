"""One running Desk per data folder: an OS-level lock on a file beside the database.

The operating system releases the lock when the process ends, however it ends (a crash, a kill,
a power cut), so a stale lock file never blocks the next start: only a live process holds it.
"""

from __future__ import annotations

import os
from pathlib import Path

from desk import paths
from desk.domain.lang import t
from desk.errors import StoreError

if os.name == "nt":
    import msvcrt
else:
    import fcntl


class AlreadyRunning(StoreError):
    """Another Desk (window or command) is using this data folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        super().__init__(t(
            f"Desk đang được dùng với thư mục dữ liệu «{folder}» (một cửa sổ Desk khác hoặc một lệnh desk "
            "đang chạy). Hãy dùng cửa sổ đang mở, hoặc đóng nó rồi thử lại. Dữ liệu không bị thay đổi.",
            f"Desk is already using the data folder «{folder}» (another Desk window or desk command is "
            "running). Use the open window, or close it and try again. The data was not changed."))


class ReadOnlyFolder(StoreError):
    """The data folder cannot be written (read-only folder, disk or mount): Desk cannot work in it."""

    def __init__(self, folder: Path, reason: str):
        self.folder = folder
        super().__init__(t(
            f"Không ghi được vào thư mục dữ liệu «{folder}» ({reason}): thư mục, ổ đĩa hoặc ổ mạng chỉ cho phép đọc. "
            "Desk chưa làm gì. Hãy bỏ thuộc tính chỉ đọc, hoặc chọn thư mục dữ liệu khác (--data-dir).",
            f"Cannot write to the data folder «{folder}» ({reason}): the folder, disk or mount is read-only. "
            "Desk did nothing. Clear the read-only attribute or choose another data folder (--data-dir)."))


class InstanceLock:
    """Held from acquire() to release(); a context manager too."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = paths.lock_path(self.folder)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> InstanceLock:
        if self._fd is not None:
            return self
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:        # a read-only folder or mount (EROFS, EACCES, EPERM)
            raise ReadOnlyFolder(self.folder, exc.strerror or str(exc)) from None
        try:
            if os.name == "nt":
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)     # one byte at offset 0; released when the process dies
            else:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise AlreadyRunning(self.folder) from None
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            if os.name == "nt":
                os.lseek(self._fd, 0, os.SEEK_SET)
                msvcrt.locking(self._fd, msvcrt.LK_UNLCK, 1)
            else:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
