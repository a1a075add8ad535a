"""Tells Desk's installer that a Desk is running: a named mutex on Windows, nothing elsewhere."""

from __future__ import annotations

import sys

# The installer's AppMutex (packaging/windows/desk.iss) names the same mutex: while any Desk holds
# it, Setup and Uninstall ask the clerk to close Desk first (a silent one stops and fails), instead
# of replacing the program files under a running Desk. Derived from the installer's AppId.
MUTEX_NAME = "Desk-9911F2DB-5CB2-4E22-961C-0FC63261B347"

_handles: list[int] = []   # kept for the life of the process: Windows drops the mutex when it exits


def announce() -> int | None:
    """Create (or open) the named mutex and keep it until the process ends; None where there is none."""
    if sys.platform != "win32":
        return None
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateMutexW.argtypes = [ctypes.c_void_p, wintypes.BOOL, wintypes.LPCWSTR]
    kernel32.CreateMutexW.restype = wintypes.HANDLE
    # Not owned (bInitialOwner=False): the installer only checks that the name exists.
    handle = kernel32.CreateMutexW(None, False, MUTEX_NAME)
    if not handle:
        return None   # no mutex: the installer's Restart Manager check still applies
    _handles.append(handle)
    return handle
