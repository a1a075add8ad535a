"""A long plain sheet's XML (a report's hidden data) made in a second process while this one writes the rest."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from itertools import islice
from typing import BinaryIO, Protocol

from desk import helper_pools
from desk.reports.manifest import HELD_ROWS
from desk.reports.plain_rows import PlainRows, PlainSheet

# A province's consolidation of 84,000 obstacles: its data sheet's 86 MB of XML take ~0.75 s to make, on one
# core, while the other compresses what is made. Made by a second process while this one lays out and writes
# the sheets before it, they are ready when the writer reaches the data sheet. Below this many rows the
# process's start (~0.3 s; more where antivirus scans each new process) costs more than it saves.
HELPED_ROWS = 20_000
_CHUNK = 10_000             # rows sent at a time: the XML is ready a few MB at a time
log = logging.getLogger(__name__)

# In the helper: each sheet's maker (its cells kept by value across chunks), and the file its XML goes to.
# Through a file, not sent back: a result is sent through a pipe read by a thread of the caller, which waits
# for the interpreter's lock each 64 KB while the caller writes the rest of the workbook (0.4-0.6 s lost
# on a province's 86 MB).
_MAKERS: dict[PlainSheet, PlainRows] = {}
_FILES: dict[str, BinaryIO] = {}


class Tally(Protocol):
    """What the helper works out from a sheet's rows beside their XML (the data part's hash), fed each chunk in
    order; result() is None unless it was fed every row."""

    def feed(self, first: int, rows: Sequence[Sequence[str]]) -> None: ...

    def result(self, *args) -> str | None: ...


# In the helper: each sheet's tally, by the file its XML goes to (one that failed is dropped: the caller
# then works it out itself).
_TALLIES: dict[str, Tally] = {}


def worth_helping(rows: int) -> bool:
    """Whether a sheet of this many rows is made faster with a helper, and its rows may be held meanwhile."""
    # The rows handed over are held until written: only where the report holds them anyway (a province's,
    # a commune's 100,000 obstacles), not the whole country's 664,200 (whose writer peaks near its target).
    return HELPED_ROWS <= rows <= HELD_ROWS


def _ready() -> None:
    """In the helper, first: loaded (this module and plain_rows) while the caller lays out the workbook."""


# A chunk of a cleaned sheet goes to the helper as one text a row, its cells joined by NUL (which no
# cleaned text keeps): pickling 10,000 texts instead of 240,000 takes ~40% less of this process's time.
_JOINED = "\x00"


def _joined(sheet: PlainSheet, rows: list[Sequence[str]]) -> list[str] | list[Sequence[str]]:
    """The rows as sent to the helper: joined (see _JOINED) where the sheet is cleaned and all are texts, and
    none is empty (joined, a row of no cell and a row of one empty cell are the same text)."""
    if not sheet.cleaned or not all(rows):
        return rows
    try:
        return list(map(_JOINED.join, rows))
    except TypeError:       # a value that is not text: sent as it is
        return rows


def _made(sheet: PlainSheet, first: int, rows: list, path: str) -> tuple[int, int]:
    """In the helper: the rows' XML (the first at row `first`) added to the file at path; (offset, length).
    rows: as _joined sent them."""
    if rows and type(rows[0]) is str:
        rows = [row.split(_JOINED) for row in rows]
    maker = _MAKERS.get(sheet)
    if maker is None:
        maker = _MAKERS[sheet] = PlainRows(sheet)
    out = _FILES.get(path)
    if out is None:
        out = _FILES[path] = open(path, "r+b")     # noqa: SIM115 - open while the helper lives
    offset = out.seek(0, os.SEEK_END)
    for piece in maker.rows(rows, first):
        out.write(piece)
    out.flush()
    if (tally := _TALLIES.get(path)) is not None:
        try:
            tally.feed(first, rows)
        except Exception:  # noqa: BLE001 - the XML is made all the same; the caller works the tally out itself
            log.warning("the sheet helper's tally failed", exc_info=True)
            del _TALLIES[path]
    return offset, out.tell() - offset


def _begin_tally(path: str, tally: Tally) -> None:
    """In the helper, before the first chunk of the sheet whose XML goes to path."""
    _TALLIES[path] = tally


def _tally_result(path: str, args: tuple) -> str | None:
    """In the helper, after the last chunk: the tally's result(*args); None when it failed."""
    tally = _TALLIES.pop(path, None)
    return tally.result(*args) if tally is not None else None


class HelperProcess:
    """A sheet helper's process started before its rows are known, for the SheetHelper that takes it: a
    periodic report reads for ~2 s before its data sheet's rows are handed over. Started then, the helper had
    the layout and the forms' writing (~1.9 s at 100,000 obstacles) to load in and make the XML: ~0.5 s to
    load here, but seconds where an antivirus scans each new process, and the writer then waits for it.
    Whoever starts one closes it: ended here when no sheet took it (the report turned out short)."""

    def __init__(self) -> None:
        self._started: tuple[ProcessPoolExecutor, Future[None]] | None = helper_pools.start(_ready)

    def take(self) -> tuple[ProcessPoolExecutor, Future[None]]:
        """The pool and its loading, now the taker's to end (SheetHelper.close)."""
        started, self._started = self._started, None
        if started is None:
            raise RuntimeError("this helper process was already taken or closed")
        return started

    def close(self) -> None:
        if self._started is not None:
            pool, loaded = self._started
            self._started = None
            helper_pools.end(pool, loaded, [])


@contextmanager
def started_ahead(rows: int) -> Iterator[HelperProcess | None]:
    """A HelperProcess when a sheet of about this many rows will be worth helping, closed on leaving; None
    when it is not worth it, or the process cannot start (the sheet is then made as usual)."""
    process = None
    if worth_helping(rows):
        try:
            process = HelperProcess()
        except Exception:  # noqa: BLE001 - SheetHelper.start tries again, and makes the sheet here if it fails
            log.warning("the sheet helper could not be started ahead", exc_info=True)
    try:
        yield process
    finally:
        if process is not None:
            process.close()


class SheetHelper:
    """PlainRows(sheet).rows(rows, first), made by a second process ahead of the caller, who takes the XML in
    order (pieces()). Started as soon as the rows are known (start(); see worth_helping). Any failure of the
    helper (it could not start, it died, a chunk failed) and the rest is made here instead: the same
    function, the same bytes (a text too long for a cell then raises here, as it would have). A tally, when
    given, is worked out there beside the XML (ask_tally, then tally_result once the pieces are taken)."""

    def __init__(self, sheet: PlainSheet, rows: Sequence[Sequence[str]], first: int = 1, tally: Tally | None = None):
        self.sheet, self.rows, self.first, self.tally = sheet, rows, first, tally
        self._tally_calls: list[Future] = []
        self._chunks: list[tuple[int, list[Sequence[str]]]] = []
        self._pending: list[Future[tuple[int, int]]] = []
        self._pool: ProcessPoolExecutor | None = None
        self._loaded: Future[None] | None = None
        self._path: str | None = None                   # the helper's XML
        self._made: BinaryIO | None = None
        self.helped = 0                                 # chunks the helper made
        self.tally_result: str | None = None            # the helper's, when it made every chunk and its tally

    def start(self, process: HelperProcess | None = None) -> SheetHelper:
        """Hand every chunk to a helper: `process` when one was started ahead, else a new one."""
        rows = iter(self.rows)
        first = self.first
        while chunk := list(islice(rows, _CHUNK)):     # all of them, whatever becomes of the helper
            self._chunks.append((first, chunk))
            first += len(chunk)
        try:
            self._pool, self._loaded = process.take() if process is not None else helper_pools.start(_ready)
            handle, self._path = tempfile.mkstemp(prefix="desk-", suffix=".xml")
            self._made = os.fdopen(handle, "rb")
            if self.tally is not None:
                self._tally_calls.append(self._pool.submit(_begin_tally, self._path, self.tally))
            for first, chunk in self._chunks:
                self._pending.append(self._pool.submit(_made, self.sheet, first, _joined(self.sheet, chunk),
                                                       self._path))
        except Exception:  # noqa: BLE001 - the XML is made here instead
            log.warning("the sheet helper did not start; the sheet is made in this process", exc_info=True)
            self.close()
        return self

    def ask_tally(self, *args) -> bool:
        """Ask the helper for its tally's result(*args), worked out after the last chunk it was handed; False
        when there is no helper to ask (the caller works it out itself)."""
        if self._pool is None or self.tally is None or not self._tally_calls:
            return False
        try:
            self._tally_calls.append(self._pool.submit(_tally_result, self._path, args))
        except Exception:  # noqa: BLE001 - a pool that broke: worked out by the caller
            log.warning("the sheet helper was not asked for its tally", exc_info=True)
            return False
        return True

    def wait(self, timeout: float | None = None) -> None:
        """Until the helper has made every chunk handed to it (the self-check waits, to see it work)."""
        wait(self._pending, timeout)

    def pieces(self, sheet: PlainSheet) -> Iterator[bytes]:
        """The rows' XML in order, as PlainRows(sheet) makes it (the sheet as laid out when written: should it
        differ from the one the helper was given, everything is made here)."""
        if sheet != self.sheet:
            log.warning("the sheet changed after its helper started; the sheet is made in this process")
            self.close()
        if not self._chunks:
            yield from PlainRows(sheet).rows(self.rows, self.first)
            return
        here: PlainRows | None = None
        for index, (first, chunk) in enumerate(self._chunks):
            made = self._helped(index)
            if made is None:
                here = here or PlainRows(sheet)
                yield from here.rows(chunk, first)
            else:
                yield made
        self._take_tally()
        self.close()

    def _take_tally(self) -> None:
        """The helper's tally, when it made every chunk and was asked (it works it out right after the last)."""
        if self._pool is None or len(self._tally_calls) < 2 or self.helped < len(self._chunks):
            return
        try:
            self.tally_result = self._tally_calls[-1].result(timeout=helper_pools.WAIT_SECONDS)
        except Exception:  # noqa: BLE001 - worked out by the caller
            log.warning("the sheet helper's tally did not come", exc_info=True)

    def _helped(self, index: int) -> bytes | None:
        """The helper's XML of chunk index; None when it is to be made here."""
        if self._pool is None:
            return None
        future = self._pending[index]
        if self._loaded is None or helper_pools.behind(future, self._loaded):
            return None
        try:
            offset, length = future.result(timeout=helper_pools.WAIT_SECONDS)
            assert self._made is not None
            self._made.seek(offset)
            made = self._made.read(length)
            if len(made) != length:
                raise OSError(f"{self._path}: {len(made)} bytes of {length}")
        except Exception:  # noqa: BLE001 - made here instead
            log.warning("the sheet helper failed; the sheet is made in this process", exc_info=True)
            self.close()
            return None
        self.helped += 1
        return made

    def close(self) -> None:
        """End the helper (at once when it is still busy); the file its XML went to is removed."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            helper_pools.end(pool, self._loaded, [*self._pending, *self._tally_calls])
        if self._made is not None:
            self._made.close()
            self._made = None
        if self._path is not None:
            try:
                os.unlink(self._path)
            except OSError:     # (Windows) the ended process may hold it a moment longer
                log.warning("could not remove %s", self._path, exc_info=True)
            self._path = None
