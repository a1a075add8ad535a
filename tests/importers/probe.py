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


def whole_report(path: Path) -> int:
    """A report read whole, its obstacle rows as dicts (a consolidation was read so until it was streamed)."""
    from desk.importers.desk_report import read_report

    return len(read_report(path).rows("obstacles"))


def parts(_path: Path):
    """Three parts, then its value."""
    for n in range(3):
        yield [n] * 1000
    return "done"


def parts_then_too_much(_path: Path):
    yield "first"
    yield bytearray(1024 ** 3)          # past a 400 MB ceiling
    return "never"


def parts_forever(_path: Path):
    while True:
        yield "again"
        time.sleep(0.01)
