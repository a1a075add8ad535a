"""Warnings for data folders where SQLite files get corrupted: network shares, removable drives, cloud sync."""

from __future__ import annotations

import pytest

from desk.store.location import CLOUD, NETWORK, REMOVABLE, storage_risk

LINUX_MOUNTS = [("/", "ext4"), ("/home", "ext4"), ("/mnt/nas", "cifs"), ("/srv/share", "nfs4"),
                ("/media/lan/USB DISK", "vfat"), ("/run/media/lan/THE NHO", "exfat")]


@pytest.mark.parametrize("folder, kind, service", [
    (r"C:\Users\Lan\OneDrive\Desk", CLOUD, "OneDrive"),
    (r"C:\Users\Lan\OneDrive - UBND Phuong Ngo Quyen\Desk", CLOUD, "OneDrive"),
    (r"G:\My Drive\Desk", CLOUD, "Google Drive"),
    (r"C:\Users\Lan\Google Drive\Desk", CLOUD, "Google Drive"),
    (r"C:\Users\Lan\Dropbox\Desk", CLOUD, "Dropbox"),
    (r"C:\Users\Lan\iCloudDrive\Desk", CLOUD, "iCloud Drive"),
    (r"\\may-chu\chia-se\Desk", NETWORK, ""),
    (r"Z:\Desk", NETWORK, ""),
    (r"E:\Desk", REMOVABLE, ""),
])
def test_windows_folders_at_risk(folder, kind, service):
    drive_types = {"C:\\": 3, "G:\\": 3, "Z:\\": 4, "E:\\": 2}
    risk = storage_risk(folder, os_name="nt", env={}, drive_type=lambda root: drive_types[root])
    assert (risk.kind, risk.service) == (kind, service)
    assert folder in risk.message


def test_a_onedrive_folder_known_from_the_environment_even_with_a_custom_name():
    env = {"OneDriveCommercial": r"D:\Dong bo cong viec"}
    risk = storage_risk(r"D:\Dong bo cong viec\Desk", os_name="nt", env=env, drive_type=lambda root: 3)
    assert risk.kind == CLOUD and "OneDrive" in risk.message


def test_an_ordinary_local_folder_is_fine():
    assert storage_risk(r"C:\Users\Lan\AppData\Local\Desk", os_name="nt", env={}, drive_type=lambda r: 3) is None
    assert storage_risk("/home/lan/.local/share/Desk", os_name="posix", env={}, mounts=LINUX_MOUNTS) is None


@pytest.mark.parametrize("folder, kind", [
    ("/mnt/nas/Desk", NETWORK), ("/srv/share/desk", NETWORK),
    ("/media/lan/USB DISK/Desk", REMOVABLE), ("/run/media/lan/THE NHO/Desk", REMOVABLE),
    ("/home/lan/Dropbox/Desk", CLOUD),
])
def test_posix_folders_at_risk(folder, kind):
    assert storage_risk(folder, os_name="posix", env={}, mounts=LINUX_MOUNTS).kind == kind


def test_messages_are_vietnamese_and_say_what_to_do():
    risk = storage_risk(r"\\may-chu\Desk", os_name="nt", env={}, drive_type=lambda r: 3)
    assert "ổ mạng" in risk.message and "ổ đĩa của chính máy này" in risk.message
    risk = storage_risk("/media/lan/USB DISK/Desk", os_name="posix", env={}, mounts=LINUX_MOUNTS)
    assert "ổ đĩa di động" in risk.message and "chỉ dùng USB để sao lưu" in risk.message
