"""A helper's one-process pool ended on closing: at once when it is still busy, so nothing waits on it."""

from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor

# A helper's chunk takes a fraction of a second; one not made after this long is stuck (a process frozen by
# something outside Desk): the caller stops waiting and does the work itself.
WAIT_SECONDS = 60.0


def end(pool: ProcessPoolExecutor, handed: list[Future]) -> None:
    """Shut the pool down: its process ends here when it has done all it was handed, else it is ended at once
    (a helper slow to start, or stuck, is not waited for)."""
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
