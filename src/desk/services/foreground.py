"""The window's own reads, which reading in the background (a list's search texts) waits for."""

# Two threads stepping SQLite hand the interpreter over at every row: a screen built while a register's
# search texts were read beside it took 2-3x as long (the staffing view after the obstacles: 0.45 s, 0.17 s
# alone). The background reader waits between its chunks while any window read is under way.

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_readers = 0
_quiet = threading.Event()
_quiet.set()


@contextmanager
def reading() -> Iterator[None]:
    """The window reads now (nested and from several places alike): background readers wait until it is done."""
    global _readers
    with _lock:
        _readers += 1
        _quiet.clear()
    try:
        yield
    finally:
        with _lock:
            _readers -= 1
            if not _readers:
                _quiet.set()


def busy() -> bool:
    """Whether the window is reading now."""
    return not _quiet.is_set()


def wait_until_quiet() -> None:
    """Until no window read is under way (a background reader calls this between its chunks)."""
    _quiet.wait()
