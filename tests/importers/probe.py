"""Functions a test runs in the workbook-reading worker process (importable there by name)."""

from __future__ import annotations

import time
from pathlib import Path

from desk.importers import workbook


def unchecked(path: Path):
    """Parse without the gate: what a file the gate missed would do to the reader."""
    return workbook.read_book(path, check=False)


def status(_path: Path) -> list[str]:
    with open("/proc/self/status") as f:
        return [line.strip() for line in f if line.startswith(("VmPeak", "VmRSS", "VmHWM"))]


def sleep(_path: Path) -> None:
    time.sleep(60)


def address_space_limit(_path: Path) -> tuple[int, int]:
    import resource

    return resource.getrlimit(resource.RLIMIT_AS)
