"""A helper's one-process pool: started, asked whether it is behind, ended without waiting on it."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

# A helper's chunk takes a fraction of a second; one not made after this long is stuck (a process frozen by
# something outside Desk): the caller stops waiting and does the work itself.
WAIT_SECONDS = 60.0


def start(ready: Callable[..., None], *args, background: bool = False) -> tuple[ProcessPoolExecutor, Future[None]]:
    """A pool of one process, which runs ready(*args) first (loads what its work needs while the caller
    prepares it); spawned, since fork would copy the window's Qt threads. background: the process runs
    below this one's priority from its start, before it loads anything (work the clerk is not waiting for)."""
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=lower_priority if background else None)
    return pool, pool.submit(ready, *args)


def lower_priority() -> None:
    """Below normal priority: the window and its reading worker go first on a busy processor. Not being able
    to is no failure (the helper then runs at the window's priority)."""
    try:
        if sys.platform == "win32":
            import ctypes

            below_normal = 0x4000       # BELOW_NORMAL_PRIORITY_CLASS
            kernel = ctypes.windll.kernel32     # type: ignore[attr-defined,unused-ignore]
            kernel.SetPriorityClass(kernel.GetCurrentProcess(), below_normal)
        else:
            os.nice(10)
    except (OSError, AttributeError):
        pass


def behind(chunk: Future, loaded: Future[None]) -> bool:
    """Whether the caller makes this chunk itself rather than wait for it: the helper has not begun it (it is
    taken back), or has not even loaded (a PC whose antivirus scans each new process)."""
    return not chunk.done() and (chunk.cancel() or not loaded.done())


def end(pool: ProcessPoolExecutor, loaded: Future[None] | None, handed: list[Future]) -> None:
    """Shut the pool down: its process ends here when it has loaded and done all it was handed, else it is ended
    at once (a helper slow to start, or stuck, is not waited for)."""
    handed = [loaded, *handed] if loaded is not None else handed
    for future in handed:
        future.cancel()
    if all(future.done() for future in handed):
        pool.shutdown(wait=True)
        return
    processes = list(getattr(pool, "_processes", {}).values())    # the executor has no public way before 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)
