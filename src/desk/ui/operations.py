"""The one way the window runs a service call: in a transaction, its failure shown through `messages`,
long work on a worker thread with progress and cancel, then `changed` saying what changed.

Screens do not refresh each other: each listens to `changed` and decides whether what changed is
something it shows. A save, an edit or a void is noted for Undo (Ctrl+Z), which runs the same way.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desk import logs
from desk.domain.access import os_actor
from desk.errors import UserError
from desk.ui import messages

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What an operation changed, for the screens to decide whether to read again."""

    registers: frozenset[str] = frozenset()
    reports: bool = False       # report instances, submissions, period locks
    settings: bool = False      # settings and rules that change flags and figures
    everything: bool = False    # a restore, an import across registers: every screen reads again

    def touches(self, registers: Iterable[str] = (), *, reports: bool = False, settings: bool = False) -> bool:
        """Whether a screen showing these registers (and reports or settings) should read again."""
        return (self.everything or bool(self.registers & frozenset(registers))
                or (reports and self.reports) or (settings and self.settings))

    @classmethod
    def of(cls, *registers: str) -> Changes:
        return cls(registers=frozenset(registers))


EVERYTHING = Changes(everything=True)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What an operation ended with: ok and its value, or not ok (the failure was shown or handled)."""

    ok: bool
    value: T | None = None


class Cancelled(Exception):
    """Raised inside background work when the clerk pressed Cancel (nothing is written)."""


@dataclass
class Progress:
    """Given to background work: report how far it got; `cancelled` turns true on Cancel."""

    _report: Callable[[int, int, str], None]
    _stop: threading.Event = field(default_factory=threading.Event)

    def __call__(self, done: int, total: int, text: str = "") -> bool:
        """Report progress; returns False once cancelled (the shape the services' progress hooks take)."""
        self._report(done, total, text)
        return not self._stop.is_set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def check(self) -> None:
        if self._stop.is_set():
            raise Cancelled()


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object, object)      # (value, error): error a UserError, Cancelled, or another exception

    def __init__(self, work: Callable[[Progress], Any]):
        super().__init__()
        self._work = work
        self.progress = Progress(lambda done, total, text: self.progressed.emit(done, total, text))

    def run(self) -> None:
        try:
            value = self._work(self.progress)
        except Exception as exc:     # noqa: BLE001 - handed to the GUI thread, which sorts it out
            if not isinstance(exc, (UserError, Cancelled)):
                log.exception("background operation failed")
            self.finished.emit(None, exc)
            return
        self.finished.emit(None if self.progress.cancelled else value, Cancelled() if self.progress.cancelled else None)


class _Relay(QObject):
    """Lives on the GUI thread: the worker's signals reach these slots there (a plain Python function as
    the slot would run on the worker's thread, which then waited on itself)."""

    def __init__(self, on_progress, on_finished, parent=None):
        super().__init__(parent)
        self._on_progress, self._on_finished = on_progress, on_finished

    @Slot(int, int, str)
    def progress(self, done: int, total: int, text: str) -> None:
        self._on_progress(done, total, text)

    @Slot(object, object)
    def finished(self, value, error) -> None:
        self._on_finished(value, error)


class Operations(QObject):
    """Runs the window's service calls; `changed(Changes)` after each that succeeded."""

    changed = Signal(object)
    undo_available = Signal(str)        # the Undo command's text ("" when there is nothing to undo)

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self._workspace = workspace
        self._undo: list = []           # services.undo.Step, the latest last
        self._settled: list[tuple[int, int]] = []    # audit ids of steps taken back, and of their undos
        self._jobs: list[tuple[QThread, _Worker]] = []

    # -- short work, on the GUI thread ------------------------------------------------------------
    def run(self, parent: QWidget | None, work: Callable[[Any], T], *, changes: Changes | None = None,
            on_error: Callable[[UserError], bool] | None = None) -> Outcome[T]:
        """Run work(session) in one transaction. A UserError is shown (unless on_error handled it and
        returned True) and nothing is written; success emits `changed`."""
        try:
            with self._workspace.session() as session:
                value = work(session)
        except UserError as exc:
            if on_error is None or not on_error(exc):
                messages.error(parent, str(exc))
            return Outcome(False)
        if changes is not None:
            self.changed.emit(changes)
        return Outcome(True, value)

    def record_step(self, parent: QWidget | None, register: str, work: Callable[[Any], str], label: str, *,
                    on_error: Callable[[UserError], bool] | None = None) -> Outcome[str]:
        """Save, edit or void one record of `register` (work returns its id); Undo can take it back."""
        from desk.services import undo

        def noted(session):
            first = undo.mark(session)
            record_id = work(session)
            return record_id, undo.step(session, register, record_id, first, label)

        done = self.run(parent, noted, changes=Changes.of(register), on_error=on_error)
        if not done.ok:
            return Outcome(False)
        record_id, step = done.value
        if step is not None:
            self._undo.append(step)
            self.undo_available.emit(step.label)
        return Outcome(True, record_id)

    # -- undo -------------------------------------------------------------------------------------
    def undo_text(self) -> str:
        return self._undo[-1].label if self._undo else ""

    def undo(self, parent: QWidget | None) -> bool:
        """Take back the latest save, edit or void made in this window (False: nothing, or refused)."""
        if not self._undo:
            return False
        from desk.services import undo

        step = self._undo[-1]
        actor = self._workspace.actor or os_actor()
        done = self.run(parent, lambda session: undo.undo(session, step, actor=actor, settled=tuple(self._settled)),
                        changes=Changes.of(step.register))
        if done.ok:
            self._undo.pop()
            self._settled += [(step.first, step.last), done.value]
            self.undo_available.emit(self.undo_text())
        return done.ok

    def forget_undo(self) -> None:
        """After a restore or another user's sign-in: the steps no longer belong to this window."""
        self._undo.clear()
        self._settled.clear()
        self.undo_available.emit("")

    # -- long work, on a worker thread ------------------------------------------------------------
    def run_in_background(self, parent: QWidget | None, work: Callable[[Progress], T], *, title: str,
                          changes: Changes | None = None, on_done: Callable[[T], None] | None = None,
                          on_error: Callable[[BaseException], bool] | None = None,
                          cancellable: bool = True) -> QProgressDialog:
        """Run work(progress) on a worker thread behind a progress dialog (Cancel when cancellable).

        The work opens its own sessions (workspace.session()) and must write nothing once cancelled.
        on_done(value) runs on the GUI thread after success; a UserError is shown; another error is
        logged and shown as unexpected; a cancel shows nothing.
        """
        dialog = QProgressDialog(title, self.tr("Cancel") if cancellable else "", 0, 0, parent)
        dialog.setObjectName("operationProgress")
        dialog.setWindowTitle(self.tr("Desk"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
        thread = QThread(self)
        worker = _Worker(work)
        worker.moveToThread(thread)
        job = (thread, worker)
        self._jobs.append(job)

        def on_progress(done: int, total: int, text: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if text:
                dialog.setLabelText(f"{title}\n{text}")

        def on_finished(value, error) -> None:
            thread.quit()
            thread.wait()
            dialog.close()
            self._jobs.remove(job)
            worker.deleteLater()
            relay.deleteLater()
            if error is None:
                if changes is not None:
                    self.changed.emit(changes)
                if on_done is not None:
                    on_done(value)
            elif isinstance(error, Cancelled):
                return
            elif on_error is not None and on_error(error):
                return
            elif isinstance(error, UserError):
                messages.error(parent, str(error))
            else:
                messages.unexpected(parent, logs.current_file())

        relay = _Relay(on_progress, on_finished, self)
        worker.progressed.connect(relay.progress, Qt.ConnectionType.QueuedConnection)
        worker.finished.connect(relay.finished, Qt.ConnectionType.QueuedConnection)
        dialog.canceled.connect(worker.progress._stop.set)
        thread.started.connect(worker.run)
        thread.start()
        return dialog

    def write_in_background(self, parent: QWidget | None, work: Callable[[Any], T], *, title: str,
                            changes: Changes | None = None, on_done: Callable[[T],
                                                                              None] | None = None) -> QProgressDialog:
        """work(session) in one transaction on a worker thread (an export: the window keeps painting and
        says what it is doing). No Cancel: a half-written workbook or a half-recorded submission is worse
        than waiting a few seconds."""
        def job(_progress: Progress) -> T:
            with self._workspace.session() as session:
                return work(session)

        return self.run_in_background(parent, job, title=title, changes=changes, on_done=on_done, cancellable=False)

    def busy(self) -> bool:
        """Whether background work is still running (the window waits for it before closing)."""
        return bool(self._jobs)

    def wait(self) -> None:
        """Let running background work finish (closing the window must not cut a write short).

        Not QThread.wait(): it keeps Python's lock while it blocks, and the worker (Python) could never
        finish. Sleeping in Python lets it run; processing events delivers its result."""
        while self._jobs:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.01)
