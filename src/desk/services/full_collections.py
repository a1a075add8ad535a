"""Python's full garbage collections made rare while a long job builds objects that all stay alive."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0                               # jobs running (the thresholds are the process's)
_saved: tuple[int, int, int] = (0, 0, 0)
RARE_FULL = 1_000      # young collections between two full ones (Python's default: 10)


@contextmanager
def rare_full_collections() -> Iterator[None]:
    """Full collections made rare for the job: an import or a consolidation builds millions of objects
    that all stay alive to the end (cells, rows, the plan), and each full collection walks them all again
    to free nothing. Young objects are still collected as usual; the thresholds come back after the last
    job running ends."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            young, middle, full = _saved
            gc.set_threshold(young, middle, max(full, RARE_FULL))
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.set_threshold(*_saved)
