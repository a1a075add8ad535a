"""Python's full garbage collections made rare while a long job builds objects that all stay alive."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

_lock = threading.Lock()
_asked: list[int] = []                   # each running job's young threshold (the thresholds are the process's)
_saved: tuple[int, int, int] = (0, 0, 0)
RARE_FULL = 1_000      # young collections between two full ones (Python's default: 10)
# Objects (containers) made and kept between two young collections, for a job that makes no cycles to free:
# a province's consolidation keeps ~460,000 (its rows, their text rows, cells, plans), and each of the ~230
# young collections Python's 2,000 gave it walked the young ones again to free nothing (~0.3 s of the run).
# Measured: reading and writing it left 0 and ~4,000 objects in cycles; a job making more frees them here.
RARE_YOUNG = 500_000


@contextmanager
def rare_full_collections(young: int = 0) -> Iterator[None]:
    """Full collections made rare for the job: an import or a consolidation builds millions of objects
    that all stay alive to the end (cells, rows, the plan), and each full collection walks them all again
    to free nothing. Young objects are still collected, after `young` new ones when the job asks (see
    rare_collections), else as usual; the thresholds come back after the last job running ends."""
    global _saved
    with _lock:
        if not _asked:
            _saved = gc.get_threshold()
        _asked.append(young)
        _apply()
    try:
        yield
    finally:
        with _lock:
            _asked.remove(young)
            if _asked:
                _apply()
            else:
                gc.set_threshold(*_saved)


def rare_collections() -> AbstractContextManager[None]:
    """rare_full_collections for a job that makes no cycles to free (a consolidation): young collections
    made rare too."""
    return rare_full_collections(RARE_YOUNG)


def _apply() -> None:
    """The thresholds while jobs run: the most any of them asks (0, automatic collection off, stays off)."""
    young, middle, full = _saved
    gc.set_threshold(max(young, *_asked) if young else 0, middle, max(full, RARE_FULL))
