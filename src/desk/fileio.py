"""Writing files atomically: a report on disk is either the old one or the complete new one."""

from __future__ import annotations

import errno
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desk.domain.lang import t
from desk.errors import UserError

if TYPE_CHECKING:
    from openpyxl import Workbook

# Pauses between attempts to move a finished file into place (about 1.5 s in all). On Windows a
# file that another process has open (an antivirus scan, the search indexer, a second Desk reading
# it) cannot be replaced for a moment: os.replace raises PermissionError (sharing violation).
REPLACE_PAUSES = (0.05, 0.1, 0.2, 0.4, 0.8)


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Call write(tmp) on a temporary file beside path, then move it onto path in one step."""
    path = Path(path)
    folder = path.parent
    _check_target(path, folder)
    tmp = _create_temp(path, folder)
    try:
        write(tmp)
        with open(tmp, "rb+") as f:  # "+": Windows refuses fsync on a read-only handle
            os.fsync(f.fileno())
        replace(tmp, path)
    except OSError as error:
        _remove_quietly(tmp)
        friendly = _user_error(path, folder, error)
        if friendly is None:
            raise
        raise friendly from error
    except BaseException:
        # Also on KeyboardInterrupt: a stray ".~name.tmp-..." would confuse the clerk later.
        _remove_quietly(tmp)
        raise
    sync_folder(folder)


def replace(source: Path, target: Path) -> None:
    """os.replace, tried again for a short while when the target is held open by another process."""
    for pause in REPLACE_PAUSES:
        try:
            os.replace(source, target)
            return
        except PermissionError:
            time.sleep(pause)
    os.replace(source, target)   # the last try: its error is the one the caller reports


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Save an openpyxl workbook to path atomically; once saved, its cells are let go of (it is done with).
    A save that failed leaves them: the caller may save it again elsewhere."""
    readable_everywhere(workbook)
    write_atomically(Path(path), lambda tmp: workbook.save(tmp))
    _let_go(workbook)


def _let_go(workbook: Workbook) -> None:
    # Each cell refers to its sheet and the sheet to its cells: a written workbook is garbage only a full
    # collection finds. A template of 100,000 records left ~2.2 million objects waiting for one, which
    # then ran in the middle of whatever the clerk did next. Emptied, the cells are freed here, at once.
    for sheet in workbook.worksheets:
        cells = getattr(sheet, "_cells", None)
        if isinstance(cells, dict):
            cells.clear()


# Header and footer parts openpyxl writes even when empty; Gnumeric's reader does not know them.
_EMPTY_PARTS = ("oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter")


def readable_everywhere(workbook: Workbook) -> None:
    """Leave out what openpyxl writes empty and other readers than Excel reject (Gnumeric warns on
    an empty <workbookProtection/> and on empty even/first-page headers): the file means the same."""
    workbook.security = None
    for ws in workbook.worksheets:
        hf = ws.HeaderFooter
        for name in _EMPTY_PARTS:
            part = getattr(hf, name, None)
            if part is not None and not part.left.text and not part.center.text and not part.right.text:
                setattr(hf, name, None)


def _check_target(path: Path, folder: Path) -> None:
    if path.is_dir():
        raise _cannot_write(path, t(f"«{path}» là một thư mục, không phải tệp.",
                                    f"«{path}» is a folder, not a file."))
    if not folder.is_dir():
        raise _cannot_write(path, t(f"thư mục «{folder}» không tồn tại.",
                                    f"the folder «{folder}» does not exist."))
    if not os.access(folder, os.W_OK):
        raise _no_permission(path, folder)


def _create_temp(path: Path, folder: Path) -> Path:
    # os.open with 0o666 lets the umask decide the mode, as for any file the user saves;
    # tempfile.mkstemp would make it 0600, unreadable to colleagues on a shared folder.
    while True:
        tmp = folder / f".~{path.name}.tmp-{secrets.token_hex(4)}"
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            friendly = _user_error(path, folder, error)
            if friendly is None:
                raise
            raise friendly from error
        os.close(fd)
        return tmp


def sync_folder(folder: Path) -> None:
    """Make a rename in the folder survive a power cut (POSIX; Windows cannot open a folder)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network shares) do not support it; the file is already in place
    finally:
        os.close(fd)


def _remove_quietly(tmp: Path) -> None:
    try:
        tmp.unlink(missing_ok=True)
    except OSError:
        pass


def _user_error(path: Path, folder: Path, error: OSError) -> UserError | None:
    """A message for the errors a clerk can fix; None for the others (bugs, reported as they are)."""
    if isinstance(error, PermissionError):
        if os.name == "nt" and path.exists():
            return _cannot_write(path, t("tệp đang được mở trong chương trình khác (Excel?). "
                                         "Hãy đóng tệp rồi thử lại.",
                                         "the file is open in another program (Excel?). "
                                         "Close it and try again."))
        return _no_permission(path, folder)
    if error.errno == errno.ENOSPC:
        return _cannot_write(path, t("ổ đĩa đã đầy.", "the disk is full."))
    if error.errno == errno.EROFS:
        return _cannot_write(path, t("ổ đĩa chỉ cho phép đọc.", "the disk is read-only."))
    if isinstance(error, FileNotFoundError):
        return _cannot_write(path, t(f"thư mục «{folder}» không tồn tại.",
                                     f"the folder «{folder}» does not exist."))
    return None


def os_reason(error: OSError) -> str:
    """Why the system refused, in the clerk's words (the system's own text is in English on most PCs)."""
    reasons = {
        errno.EEXIST: t("đã có một tệp cùng tên ở đó, không phải thư mục.",
                        "a file of that name is there, not a folder."),
        errno.ENOTDIR: t("một phần của đường dẫn là tệp, không phải thư mục.",
                         "part of the path is a file, not a folder."),
        errno.EACCES: t("không có quyền ghi vào đó.", "no permission to write there."),
        errno.EPERM: t("không có quyền ghi vào đó.", "no permission to write there."),
        errno.ENOSPC: t("ổ đĩa đã đầy.", "the disk is full."),
        errno.EROFS: t("ổ đĩa chỉ cho phép đọc.", "the disk is read-only."),
        errno.ENOENT: t("không tìm thấy ổ đĩa hoặc thư mục.", "the drive or folder does not exist."),
        errno.EISDIR: t("đó là một thư mục.", "it is a folder."),
    }
    return reasons.get(error.errno or 0, t(f"hệ thống từ chối (mã lỗi {error.errno}).",
                                           f"the system refused (error {error.errno})."))


def _no_permission(path: Path, folder: Path) -> UserError:
    return _cannot_write(path, t(f"không có quyền ghi vào thư mục «{folder}».",
                                 f"no permission to write to the folder «{folder}»."))


def _cannot_write(path: Path, reason: str) -> UserError:
    return UserError(t(f"Không ghi được tệp «{path}»: {reason}",
                       f"Cannot write the file «{path}»: {reason}"))
