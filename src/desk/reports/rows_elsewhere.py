"""A long table of plain text (the hidden data sheet) made into sheet XML by a process of its own.

A province's data sheet is 84,000 rows x 19 columns: making its XML took about a third of writing the
consolidated workbook, on one core while the other sat idle. Started as the write begins, a helper process
makes it while this one lays out the other sheets, and the saving copies it in. The helper runs
bulk_rows' own function on the same rows, so the sheet is the same; when anything goes wrong there
(a cell too long, the process gone), the saving makes the rows itself as before, and says what is wrong.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from itertools import batched, chain

# Shorter tables are made in place: starting a process costs ~0.2 s of a core.
ELSEWHERE_ROWS = 20_000
_BATCH = 2_000                      # rows sent to the helper at a time
_READ = 4 * 1024 ** 2               # bytes of the helper's XML copied at a time
# Written where the style of a cell Excel must keep as text goes: that style's number is known only
# on saving. Cell texts never hold it (the helper gives up on a row that does).
_QUOTED = "\x00"


class RowsMadeElsewhere:
    """The rows' XML being made by a helper process into a temporary file (see bulk_rows._plain_rows)."""

    def __init__(self, rows: Iterable[Sequence[str]], first_row: int, width: int, title: str):
        handle, self.path = tempfile.mkstemp(prefix="desk-rows-", suffix=".xml")
        os.close(handle)
        context = multiprocessing.get_context("spawn")   # fork would copy the window's Qt threads
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_make, args=(child, self.path, first_row, width, title),
                                       daemon=True, name="desk-rows-maker")
        self.process.start()
        child.close()
        self.sent = False
        # A thread sends the rows, as fast as the helper takes them, while this one goes on with the
        # other sheets: the rows are made from their records as they are sent, never held whole.
        self.sender = threading.Thread(target=self._send, args=(rows,), daemon=True, name="desk-rows-sender")
        self.sender.start()
        self._made: bool | None = None

    def _send(self, rows: Iterable[Sequence[str]]) -> None:
        try:
            for batch in batched(rows, _BATCH):
                self.conn.send(batch)
            self.conn.send(None)
            self.sent = True
        except Exception:  # noqa: BLE001 - the helper ended, or a row could not be made: made in place,
            pass           # where the same fault reaches the caller

    def made(self) -> bool:
        """Wait for the helper: whether it made the rows (if not, the caller makes them)."""
        if self._made is None:
            self.sender.join()
            if not self.sent:
                self.process.kill()
            try:
                self._made = self.sent and self.conn.recv() == "done"
            except (EOFError, OSError):
                self._made = False
        return self._made

    def pieces(self, quoted: str) -> Iterator[bytes]:
        """The rows' XML, the style of cells kept as text (quotePrefix) in its place."""
        mark, style = _QUOTED.encode(), quoted.encode()
        with open(self.path, "rb") as f:
            while chunk := f.read(_READ):
                yield chunk.replace(mark, style)

    def close(self) -> None:
        """End the helper (on an error, before it is done) and remove its file."""
        if self.process.is_alive() and self._made is None:
            self.process.kill()
        self.process.join()
        self.sender.join()
        self.conn.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass


def make_elsewhere(rows: Sequence[Sequence[str]], first_row: int, width: int,
                   title: str) -> RowsMadeElsewhere | None:
    """The rows' XML started in a helper process; None for a table short enough to make in place."""
    return RowsMadeElsewhere(rows, first_row, width, title) if len(rows) >= ELSEWHERE_ROWS else None


class _Refused(Exception):
    """A cell holds the mark of the quoted style: the rows are made in place."""


class _Arriving:
    """The rows as the parent sends them, batch after batch, with the width the parent gave."""

    def __init__(self, conn, width: int):
        self.conn, self.width = conn, width

    def __iter__(self) -> Iterator[Sequence[str]]:
        while (batch := self.conn.recv()) is not None:
            if _QUOTED in "\x01".join(chain.from_iterable(batch)):
                raise _Refused()
            yield from batch


def _make(conn, path: str, first_row: int, width: int, title: str) -> None:
    """In the helper: the rows' XML into path, then "done" (or "failed") to the parent."""
    try:
        from openpyxl import Workbook

        from desk.reports.bulk_rows import BulkTable, _plain_rows

        ws = Workbook().active
        ws.title = title
        table = BulkTable(ws, (), first_row, _Arriving(conn, width), plain=True, cleaned=True)  # type: ignore[arg-type]
        with open(path, "wb") as out:
            for piece in _plain_rows(table, _QUOTED):
                out.write(piece.encode("utf-8"))
        conn.send("done")
    except BaseException:  # noqa: BLE001 - the parent makes the rows itself, and says what is wrong
        try:
            conn.send("failed")
        except OSError:
            pass
    # Nothing to save: the interpreter's teardown would only hold up the parent waiting to join.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
