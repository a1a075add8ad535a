"""Parsing untrusted workbooks in worker processes with a memory ceiling and a deadline."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import tempfile
import time
import traceback
import types
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, NoReturn

from desk.domain import lang
from desk.domain.lang import t
from desk.importers.safety import RefusedFile

# A parser fed a crafted file can ask for more memory than the computer has (python-calamine aborts
# the whole process when an allocation fails) or loop for minutes. It runs in a child process
# whose address space is capped, so the worst a file can do is end that child; the window, the
# command or the province's consolidation carries on and names the file.
# A 100,000-row template peaks at ~450 MB of address space in the child; the gate (safety.py)
# lets through at most 300,000 rows x 256 columns, 16 million cells.
# DESK_READER_MEMORY_MB overrides it (support, for a computer with little memory).
# A function whose result is too large to hold or to send whole (a consolidation of the whole country:
# 664,200 rows) is a generator: each part it yields is sent as it is made, and the parent hands it to
# read_all's `parts` as it arrives; what the generator returns is the file's value.
MEMORY_CEILING = 2 * 1024 ** 3
TIMEOUT_SECONDS = 180.0
_POLL_SECONDS = 0.1          # how often a waiting parent looks at its cancel flag
# Files a worker is handed ahead: it starts the next as soon as it sends a result, instead of waiting
# idle for the parent to take that result in and answer.
# Only a small file waits behind another small one: a large one (a consolidation, minutes to read) goes
# to a free worker, and nothing waits behind it while the other worker may sit idle.
AHEAD = 2
AHEAD_BYTES = 4 * 1024 ** 2
log = logging.getLogger(__name__)


class Cancelled(Exception):
    """The caller asked to stop; the worker was ended and nothing was read."""


@dataclass(frozen=True)
class Read:
    """One file's outcome: its value, or the UserError saying why it could not be read."""

    path: Path
    value: Any = None
    error: Exception | None = None
    peak_bytes: int = 0      # the child's peak resident memory while it read this file


# --- in the child -----------------------------------------------------------------------------

def limit_memory(ceiling: int) -> None:
    """Cap this process's memory: RLIMIT_AS on Linux and macOS, a job object on Windows."""
    if sys.platform == "win32":
        from desk.importers import windows_job

        windows_job.limit_current_process(ceiling)
    else:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))


def _peak_bytes() -> int:
    if sys.platform == "win32":
        from desk.importers import windows_job

        return windows_job.peak_memory()
    if sys.platform.startswith("linux"):
        # VmHWM: this program's own peak. ru_maxrss would also count the parent's pages the child
        # held between fork and exec (spawn starts a fresh interpreter that way).
        try:
            with open("/proc/self/status", encoding="ascii") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _serve(conn, ceiling: int, language: str, errors: str) -> None:
    """A worker's loop: (function, path) in; ("part", part, 0) for each part a generator yields, then
    ("ok", value, peak) or ("error", exception, peak) out."""
    # What a dying parser prints ("memory allocation of ... failed") goes to a file the parent puts
    # in Desk's log, not onto the clerk's console.
    try:
        fd = os.open(errors, os.O_WRONLY | os.O_APPEND)
        os.dup2(fd, 2)
        os.close(fd)
    except OSError:           # only what support reads is lost, never the reading itself
        pass
    # A Rust parser that cannot allocate aborts; with a backtrace asked for, printing it needs memory
    # the process no longer has, and the child hung instead of ending (seen with RUST_BACKTRACE=1).
    os.environ["RUST_BACKTRACE"] = "0"
    limit_memory(ceiling)
    lang.set_language(language)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            _leave()
        if task is None:
            _leave()
        function, path = task
        try:
            outcome = ("ok", run(function, path, lambda part: conn.send(("part", part, 0))))
        except MemoryError:
            outcome = ("memory", None)
        except Exception as exc:  # noqa: BLE001 - sent to the parent, which decides what it is
            outcome = ("error", exc if _picklable(exc) else RuntimeError(traceback.format_exc()))
        except BaseException as exc:  # a Rust parser's panic (pyo3's PanicException is no Exception)
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            outcome = ("memory", None)
        try:
            conn.send((*outcome, _peak_bytes()))
        except MemoryError:
            conn.send(("memory", None, _peak_bytes()))


def _leave() -> NoReturn:
    """End the worker at once: it holds nothing to save, and the interpreter's teardown (0.07 s on a
    quiet machine, ~0.5 s under load) held up the parent, which waits for its workers to end."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def run(function: Callable[[Path], Any], path: Path, parts: Callable[[Any], None]) -> Any:
    """function(path); a generator is driven to its end, each part it yields handed to parts."""
    result = function(path)
    if not isinstance(result, types.GeneratorType):
        return result
    while True:
        try:
            part = next(result)
        except StopIteration as done:
            return done.value
        parts(part)
        del part        # the generator's next part is made without this one still held


def _picklable(exc: Exception) -> bool:
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return True
    except Exception:  # noqa: BLE001 - an exception type that does not survive the trip
        return False


# --- in the parent ----------------------------------------------------------------------------

class _Worker:
    def __init__(self, context, ceiling: int):
        self.conn, child = context.Pipe()
        handle, self.errors = tempfile.mkstemp(prefix="desk-reader-", suffix=".txt")
        os.close(handle)
        self.process = context.Process(target=_serve, args=(child, ceiling, lang.language(), self.errors),
                                       daemon=True, name="desk-workbook-reader")
        self.process.start()
        child.close()
        self.tasks: deque[Path] = deque()     # handed, in the order it reads them; the first is being read
        self.started = 0.0                    # when it began the first (as far as the parent can tell)
        self.asked = False

    @property
    def path(self) -> Path | None:
        """The file it is reading."""
        return self.tasks[0] if self.tasks else None

    def takes(self, path: Path) -> bool:
        """Whether it may be handed this file now: when free, or a small file to read after a small one."""
        if not self.tasks:
            return True
        return len(self.tasks) < AHEAD and _small(path) and _small(self.tasks[-1])

    def give(self, function: Callable, path: Path) -> None:
        if not self.tasks:
            self.started = time.monotonic()
        self.tasks.append(path)
        self.conn.send((function, path))

    def finished(self) -> Path:
        """The file it sent the outcome of; the next one's deadline starts now."""
        self.started = time.monotonic()
        return self.tasks.popleft()

    def ask_to_stop(self) -> None:
        """Tell an idle worker to finish; stop() then waits for it (all told first, so they end together)."""
        if not self.asked and self.process.is_alive():
            self.asked = True
            try:
                self.conn.send(None)
            except OSError:
                pass

    def stop(self, *, at_once: bool = False) -> None:
        """End the worker: asked to finish when idle, killed when busy (a cancel) or deaf."""
        if self.process.is_alive() and not at_once:
            self.ask_to_stop()
            self.process.join(1.0)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()
        self._forget_errors()

    def kill(self) -> int | None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()
        try:
            with open(self.errors, "rb") as f:
                f.seek(max(0, os.path.getsize(self.errors) - 2000))
                said = f.read().decode("utf-8", "replace").strip()
        except OSError:
            said = ""
        log.warning("the workbook reader ended reading %s (exit code %s)%s", self.path, self.process.exitcode,
                    f"; it said: {said}" if said else "")
        self._forget_errors()
        return self.process.exitcode

    def _forget_errors(self) -> None:
        try:
            os.unlink(self.errors)
        except OSError:
            pass


def read_all(function: Callable[[Path], Any], paths: Iterable[Path], *, workers: int = 1,
             ceiling: int | None = None, timeout: float | None = None,
             cancelled: Callable[[], bool] = lambda: False,
             parts: Callable[[Path, Any], None] | None = None) -> Iterator[Read]:
    """function(path) for every path, each in a worker process; yields each Read as it ends.

    function must be importable by name (a module-level function) and return picklable data, or be a
    generator: each part it yields is given to parts(path, part) as it arrives, before that file's Read
    (a file that then fails has had some parts given: the caller drops them on its error).
    A worker that dies (memory ceiling, a parser's abort) or overruns the deadline gives that
    file a RefusedFile and is replaced; the other files go on. Raises Cancelled when cancelled()
    turns true (the workers are ended).
    """
    if ceiling is None:
        configured = os.environ.get("DESK_READER_MEMORY_MB", "")
        ceiling = int(configured) * 1024 ** 2 if configured.isdigit() and int(configured) > 0 else MEMORY_CEILING
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    queue = [Path(p) for p in paths]
    if not queue:
        return
    queue.reverse()
    context = multiprocessing.get_context("spawn")   # fork would copy the window's Qt threads
    pool = [_Worker(context, ceiling) for _ in range(max(1, min(workers, len(queue))))]
    try:
        while queue or any(w.tasks for w in pool):
            _hand_out(function, queue, pool)
            if cancelled():
                raise Cancelled()
            busy = [w for w in pool if w.tasks]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], _POLL_SECONDS)
            now = time.monotonic()
            for worker in busy:
                if worker.conn in ready or worker.conn.poll():
                    try:
                        status, value, peak = worker.conn.recv()
                    except (EOFError, OSError):
                        status = None
                    if status == "part":
                        if parts is None:
                            raise TypeError(f"{function!r} yields parts: read_all needs `parts`")
                        assert worker.path is not None
                        parts(worker.path, value)
                        del value
                        if now - worker.started <= timeout:   # a file that keeps sending is still timed
                            continue
                    elif status is not None:
                        path = worker.finished()
                        _hand_out(function, queue, pool)     # before the caller takes its time with this one
                        yield _outcome(path, status, value, peak, ceiling)
                        continue
                elif worker.process.is_alive() and now - worker.started <= timeout:
                    continue
                overdue = now - worker.started > timeout
                code = worker.kill()
                pool.remove(worker)
                path = worker.tasks.popleft()
                queue.extend(reversed(worker.tasks))          # handed but not begun: read by another
                yield Read(path, error=_timed_out(path, timeout) if overdue else _died(path, code, ceiling))
                if queue:
                    pool.append(_Worker(context, ceiling))
    finally:
        for worker in pool:
            if not worker.tasks:
                worker.ask_to_stop()
        for worker in pool:
            worker.stop(at_once=bool(worker.tasks))


def _small(path: Path) -> bool:
    try:
        return path.stat().st_size <= AHEAD_BYTES
    except OSError:           # the worker will say what is wrong with it
        return True


def _hand_out(function: Callable, queue: list[Path], pool: list[_Worker]) -> None:
    """Give the waiting files (queue: the next last) to the workers: each free one first, then one ahead."""
    for ahead in range(AHEAD):
        for worker in pool:
            if queue and len(worker.tasks) == ahead and worker.takes(queue[-1]):
                worker.give(function, queue.pop())


def read_one(function: Callable[[Path], Any], path: Path, **options) -> Any:
    """function(path) in a worker process; raises what it raised, or RefusedFile for a dead worker."""
    (done,) = list(read_all(function, [path], **options))
    if done.error is not None:
        raise done.error
    return done.value


def _outcome(path: Path, status: str, value, peak: int, ceiling: int) -> Read:
    if status == "ok":
        return Read(path, value, peak_bytes=peak)
    if status == "memory":      # MemoryError, or a parser that panicked (allocation failed)
        return Read(path, error=_died(path, None, ceiling), peak_bytes=peak)
    return Read(path, error=value, peak_bytes=peak)


def _gb(size: int) -> str:
    return f"{size / 1024 ** 3:.1f}".replace(".", ",") + " GB"


def _died(path: Path, code: int | None, ceiling: int) -> RefusedFile:
    exit_vi = f" (mã thoát {code})" if code not in (None, 0) else ""
    exit_en = f" (exit code {code})" if code not in (None, 0) else ""
    return RefusedFile(path, "too_heavy", t(
        f"đọc tệp cần quá nhiều bộ nhớ (giới hạn {_gb(ceiling)}) hoặc làm trình đọc Excel dừng đột ngột{exit_vi}. "
        "Tệp không được đọc, dữ liệu trong Desk không thay đổi. Hãy mở tệp bằng Excel, xóa các dòng, cột, "
        "trang thừa rồi lưu lại; nếu vẫn lỗi, gửi tệp cho bộ phận kỹ thuật.",
        f"reading the file needs too much memory (the limit is {_gb(ceiling)}) or made the Excel reader stop "
        f"abruptly{exit_en}. Nothing was read and Desk's data is unchanged. Open the file in Excel, delete "
        "extra rows, columns and sheets and save it again; if it still fails, send it to support."))


def _timed_out(path: Path, timeout: float) -> RefusedFile:
    return RefusedFile(path, "timeout", t(
        f"đọc tệp quá {timeout:.0f} giây nên đã dừng. Tệp không được đọc, dữ liệu trong Desk không thay đổi. "
        "Hãy mở tệp bằng Excel, xóa các dòng, cột, trang thừa rồi lưu lại.",
        f"reading the file took more than {timeout:.0f} seconds and was stopped. Nothing was read and Desk's "
        "data is unchanged. Open the file in Excel, delete extra rows, columns and sheets and save it again."))
