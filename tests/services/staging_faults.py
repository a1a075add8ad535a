"""Import helpers' tasks that fail, importable by the helper's process (which runs them by name); a clerk's pause."""

import time


def failing_add(folder, rows: list) -> None:
    raise MemoryError(f"the helper ran out of memory on {len(rows)} records")


def loaded_then(making):
    """Staging.making once the helper has loaded, as after the few seconds a clerk reads the check (a file of
    a few rows is checked before a new process has even loaded, and is then written as usual)."""
    def after_loading(staging):
        staging.loaded(timeout=60)
        return making(staging)
    return after_loading


def slow_warm() -> None:
    time.sleep(3.0)


def slow_add(folder, rows: list) -> None:
    """The helper's _add, a chunk taking as long as 5,000 records take (~0.3 s)."""
    from desk.services import import_staging

    time.sleep(0.3)
    import_staging._add(folder, rows)


def fails_once_rotated(folder, rows: list) -> None:
    """The helper's _add, slow, failing once the commit has asked for the file it made so far (a second file)."""
    from pathlib import Path

    from desk.services import import_staging

    if import_staging.staged_file(Path(folder), 1).exists():
        raise MemoryError(f"the helper ran out of memory on {len(rows)} records")
    slow_add(folder, rows)
