"""Is the data folder where SQLite files get corrupted: a network share, a removable drive, a cloud-sync folder?

Pure path and OS checks; the OS facts (drive type, mount table, environment) can be passed in,
so the rules are tested on any system.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from desk.domain.lang import t

NETWORK, REMOVABLE, CLOUD = "network", "removable", "cloud"

# Folder names the sync clients create (case-insensitive), and the service each belongs to.
CLOUD_FOLDERS = {
    "onedrive": "OneDrive", "google drive": "Google Drive", "googledrive": "Google Drive",
    "my drive": "Google Drive", "drive của tôi": "Google Drive", "dropbox": "Dropbox",
    "icloud drive": "iCloud Drive", "iclouddrive": "iCloud Drive", "mobile documents": "iCloud Drive",
}
CLOUD_PREFIXES = {"onedrive - ": "OneDrive", "dropbox (": "Dropbox"}   # "OneDrive - Company", "Dropbox (Team)"
ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveConsumer", "OneDriveCommercial")
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "afs", "9p", "davfs",
                       "fuse.davfs2", "ncpfs", "glusterfs", "ceph", "fuse.rclone", "fuse.gvfsd-fuse"}
REMOVABLE_ROOTS = ("/media/", "/run/media/", "/Volumes/")
DRIVE_REMOVABLE, DRIVE_REMOTE = 2, 4       # GetDriveTypeW


@dataclass(frozen=True)
class StorageRisk:
    kind: str
    folder: str
    service: str = ""

    @property
    def message(self) -> str:
        where = f"«{self.folder}»"
        if self.kind == NETWORK:
            return t(f"Thư mục dữ liệu {where} nằm trên ổ mạng (thư mục chia sẻ). Ghi cơ sở dữ liệu qua mạng "
                     "có thể làm hỏng dữ liệu; hãy dùng một thư mục trên ổ đĩa của chính máy này.",
                     f"The data folder {where} is on a network share. Writing a database over the network "
                     "can corrupt it; use a folder on this computer's own disk.")
        if self.kind == REMOVABLE:
            return t(f"Thư mục dữ liệu {where} nằm trên ổ đĩa di động (USB, thẻ nhớ). Rút ổ khi Desk đang ghi "
                     "sẽ làm hỏng dữ liệu; hãy để dữ liệu trên ổ đĩa của máy và chỉ dùng USB để sao lưu.",
                     f"The data folder {where} is on a removable drive (USB stick, memory card). Unplugging it "
                     "while Desk writes corrupts the data; keep the data on this computer and use USB for backups.")
        return t(f"Thư mục dữ liệu {where} nằm trong thư mục đồng bộ {self.service}. Phần mềm đồng bộ có thể "
                 "chép tệp đang ghi dở và làm hỏng cơ sở dữ liệu; hãy chọn thư mục khác (Desk tự sao lưu).",
                 f"The data folder {where} is inside a {self.service} sync folder. Sync software can copy a "
                 "half-written file and corrupt the database; choose another folder (Desk makes its own backups).")


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))


def _read_mounts() -> list[tuple[str, str]]:
    try:
        with open("/proc/mounts", encoding="utf-8") as f:
            return [(fields[1].replace("\\040", " "), fields[2]) for line in f if len(fields := line.split()) >= 3]
    except OSError:
        return []


def _cloud_service(parts: Sequence[str]) -> str | None:
    for part in parts:
        name = part.casefold()
        if name in CLOUD_FOLDERS:
            return CLOUD_FOLDERS[name]
        for prefix, service in CLOUD_PREFIXES.items():
            if name.startswith(prefix):
                return service
    return None


def _under(folder: str, root: str, windows: bool) -> bool:
    cls = PureWindowsPath if windows else PurePosixPath
    try:
        key = (lambda p: str(p).casefold()) if windows else str
        folder_path, root_path = cls(folder), cls(root)
        return key(folder_path) == key(root_path) or any(key(p) == key(root_path) for p in folder_path.parents)
    except ValueError:
        return False


def storage_risk(folder: Path | str, *, os_name: str = os.name, env: Mapping[str, str] | None = None,
                 drive_type: Callable[[str], int] | None = None,
                 mounts: Sequence[tuple[str, str]] | None = None) -> StorageRisk | None:
    """The first risk found for the folder, or None for an ordinary local disk."""
    text = str(folder)
    windows = os_name == "nt"
    env = os.environ if env is None else env
    path = PureWindowsPath(text) if windows else PurePosixPath(text)
    service = _cloud_service(path.parts)
    if service is None:
        for variable in ONEDRIVE_VARIABLES:
            root = env.get(variable)
            if root and _under(text, root, windows):
                service = "OneDrive"
                break
    if service:
        return StorageRisk(CLOUD, text, service)
    if windows:
        if text.startswith(("\\\\", "//")):
            return StorageRisk(NETWORK, text)
        if path.drive:
            kind = (drive_type or _windows_drive_type)(path.drive + "\\")
            if kind == DRIVE_REMOTE:
                return StorageRisk(NETWORK, text)
            if kind == DRIVE_REMOVABLE:
                return StorageRisk(REMOVABLE, text)
        return None
    table = _read_mounts() if mounts is None else mounts
    best = max((m for m in table if _under(text, m[0], False)), key=lambda m: len(m[0]), default=None)
    if best and (best[1] in NETWORK_FILESYSTEMS or best[1].startswith(("nfs", "smb", "cifs"))):
        return StorageRisk(NETWORK, text)
    if text.startswith(REMOVABLE_ROOTS) or (best and best[0].startswith(REMOVABLE_ROOTS)):
        return StorageRisk(REMOVABLE, text)
    return None
