"""The sign-in asked before the data folder opens: the database's modules load, and it opens, while the clerk types."""

from __future__ import annotations

import logging
import os
import threading
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog

from desk import paths
from desk.domain.units import Unit
from desk.store.glance import glance
from desk.store.instance_lock import AlreadyRunning, InstanceLock, ReadOnlyFolder
from desk.ui import settings as options
from desk.ui.first_figures import FirstFigures, load_window_modules
from desk.ui.login_dialog import LoginDialog, SignInAbandoned

log = logging.getLogger(__name__)


def _load_database_modules() -> None:
    """Python's modules only, none of Qt's (those load on the window's thread): SQLAlchemy, the store and
    the services that opening the folder and checking a password import, and the password check's scrypt
    chosen. Not the overview's: a clerk faster than them would wait for them before her password is checked,
    not beside it."""
    try:
        import desk.services.startup  # noqa: F401
        import desk.services.users  # noqa: F401
        from desk.domain import passwords

        passwords.prepare()
    except Exception:      # the window's thread imports them again, and says what is wrong
        return


class _Opening:
    """The folder opened behind the sign-in: its modules load on a second thread (the dialog stays live),
    then it opens on the window's thread, where opening it always ran."""

    POLL_MS = 20

    def __init__(self, data_dir: str | None, lock: InstanceLock, clock, first: FirstFigures):
        self._data_dir, self._lock, self._clock, self._first = data_dir, lock, clock, first
        self._figures: threading.Thread | None = None
        self.opened = None
        self.failure: Exception | None = None
        self._loading = threading.Thread(target=_load_database_modules, name="database modules", daemon=True)
        self._loading.start()
        self._timer = QTimer()
        self._timer.setInterval(self.POLL_MS)

    def follow(self, dialog: QDialog) -> None:
        """Open as soon as the modules are in; a folder that fails to open closes the dialog (the start
        then says why, as it would have before asking)."""
        def poll() -> None:
            if self._loading.is_alive():
                return
            if not self.open():
                dialog.reject()
                return
            # While the clerk types: the window's modules on this thread, between two of her keys, then the
            # overview's figures on another (after, so that no two threads import the same modules at once).
            # After Enter, the password's check is then all that is left.
            try:
                load_window_modules()
            except Exception:     # only prepared: the window imports them again when built, in plain sight
                log.exception("loading the window's modules behind the sign-in")
            self._figures = threading.Thread(target=self._read_figures, name="first figures", daemon=True)
            self._figures.start()
        self._timer.timeout.connect(poll)
        self._timer.start()

    def open(self) -> bool:
        if self.opened is None and self.failure is None:
            self._timer.stop()       # opened here once, whether by the poll or by the clerk's Enter
            self._loading.join()
            try:
                from desk.services import startup

                self.opened = startup.open_data(self._data_dir, for_cli=False, now=self._clock(), held=self._lock)
            except Exception as failure:     # told by start_flow, as at any start
                self.failure = failure
        return self.opened is not None

    def workspace(self):
        """The workspace, opened now if it is not yet (the clerk typed faster than the modules loaded)."""
        if not self.open():
            raise SignInAbandoned
        return self.opened.workspace

    def _read_figures(self) -> None:
        try:
            self._first.read_figures(self.opened.workspace)
        except Exception:      # only prepared: the overview reads them again, in plain sight
            log.exception("reading the overview's figures behind the sign-in")

    def ready_for_window(self) -> None:
        """Run while the password is checked: whatever is not ready yet gets ready."""
        if self._figures is None:
            self._first.read(self.workspace())
            return
        try:
            load_window_modules()
        finally:
            self._figures.join()      # the window is never built while the figures are still being read

    def reraise(self):
        assert self.failure is not None
        raise self.failure

    def close(self) -> None:
        """Nobody signed in: the folder closed, or its lock let go if it never opened."""
        self._timer.stop()
        self._loading.join()       # not left importing or reading while Python shuts down
        if self._figures is not None:
            self._figures.join()
        if self.opened is not None:
            self.opened.close()
        else:
            self._lock.release()


def _ready_to_ask(data_dir: str | None) -> tuple[InstanceLock, Unit] | None:
    """The folder's lock and unit, when the sign-in can come first: a database on this computer that Desk
    closed cleanly, at this Desk's schema, with users and its unit; and no other Desk on it. Anything else
    opens the folder first, as always (a first run, a server, an upgrade, damage, a second Desk)."""
    if os.environ.get(paths.DATABASE_URL_ENV):
        return None
    folder = paths.data_dir(data_dir)
    unit = glance(paths.database_path(folder))
    if unit is None:
        return None
    lock = InstanceLock(folder)
    try:
        lock.acquire()
    except (AlreadyRunning, ReadOnlyFolder):
        return None
    return lock, unit


def start(data_dir: str | None, settings: options.Settings, first: FirstFigures, clock=datetime.now):
    """As start_flow.start (a Started, or the exit code), with the sign-in on screen before the folder opens
    where it can be: the dialog is up before Desk's database modules (~0.4-0.9 s) have loaded. `first`
    gets the window ready (FirstFigures.read) before the password is checked, or while it is."""
    ready = _ready_to_ask(data_dir)
    if ready is None:
        from desk.ui import start_flow

        return start_flow.start(data_dir, settings, clock, first.read)
    lock, unit = ready
    opening = _Opening(data_dir, lock, clock, first)
    dialog = LoginDialog(opening.workspace, unit.display, meanwhile=opening.ready_for_window)
    opening.follow(dialog)
    signed_in = dialog.exec() == QDialog.DialogCode.Accepted
    from desk.ui import start_flow

    if opening.failure is not None:
        return start_flow.start(data_dir, settings, clock, first.read, opening=opening.reraise)
    if not signed_in:
        opening.close()
        return 0
    opened, actor = opening.opened, dialog.actor
    try:
        start_flow.tell_on_opening(opened, settings)
    except BaseException:
        opened.close()
        raise
    opened.workspace.actor = actor
    return start_flow.Started(opened, actor)
