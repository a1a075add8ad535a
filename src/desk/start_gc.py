"""The garbage collector held off while the window starts: start-up makes long-lived objects, not garbage."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# The window's start imports the ORM, Qt's wrappers and every register's tables: a few hundred thousand
# objects that live as long as the process. The collector, run every few thousand new objects, walks
# them again and again to find next to nothing (~90 ms of the start on the 2-core VM), and once more
# when the process ends. Held off until the window is up, then those objects are set aside (gc.freeze)
# so that later collections, in the session and at the end, do not walk them either.
_held = False


@contextmanager
def held() -> Iterator[None]:
    """No collection inside until started(); whatever happens, the collector is as before once it ends."""
    global _held
    if not gc.isenabled():          # someone turned it off: theirs to turn on
        yield
        return
    gc.disable()
    _held = True
    try:
        yield
    finally:
        if _held:
            _held = False
            gc.enable()


def started() -> None:
    """The window is up: what start-up made is kept out of later collections, and the collector runs again."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


def signed_out() -> None:
    """The window closed for the next person: its objects, set aside at the start, may be collected again."""
    gc.unfreeze()
