"""The window's data-safety commands: backups (timer, on close, now), restore, full check, users, history, idle lock."""

# The backup and check services load on first use (start-up imports only what the home screen needs).

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from desk import paths
from desk.domain.access import Actor, Permission, os_actor, require
from desk.errors import UserError
from desk.ui import messages
from desk.ui import settings as options
from desk.ui.actions import ActionId
from desk.ui.idle_lock import IdleLock

log = logging.getLogger(__name__)
# The timer only asks; the service decides (changed since the last backup, 30 minutes passed).
BACKUP_POLL_MS = 5 * 60_000


class DataSafety(QObject):
    """Attached to the main window: adds the Data menu and Records > History, runs the timers."""

    def __init__(self, window: QMainWindow, workspace, app_settings: options.Settings, clock=datetime.now):
        super().__init__(window)
        self._window, self._workspace, self._settings, self._clock = window, workspace, app_settings, clock
        self._closed = self._restored = False
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_POLL_MS)
        self.backup_timer.timeout.connect(self.auto_backup)
        self.backup_timer.start()
        self.idle = IdleLock(workspace, workspace.actor, app_settings.get(options.IDLE_LOCK_MINUTES), window)
        self.user_label = QLabel()
        self.user_label.setObjectName("signedInUser")
        window.statusBar().addPermanentWidget(self.user_label)
        self.retranslate_ui()

    @property
    def actor(self) -> Actor:
        return self._workspace.actor or os_actor()

    def lock_now(self) -> None:
        self.idle.lock(manual=True)

    def retranslate_ui(self) -> None:
        self.user_label.setText(self.tr("Signed in: %s (%s)") % (self.actor.display, self.actor.role.label))
        can_lock = self.idle.can_lock
        self._window.actions[ActionId.LOCK_NOW].setEnabled(can_lock)
        self._window.actions[ActionId.SIGN_OUT].setEnabled(can_lock)     # only someone signed in can sign out

    # -- permissions ------------------------------------------------------------------------------
    def allowed(self, permission: Permission) -> bool:
        """True if the signed-in user may; otherwise the refusal is shown."""
        try:
            require(self.actor, permission)
        except UserError as exc:
            messages.error(self._window, str(exc))
            return False
        return True

    # -- commands ---------------------------------------------------------------------------------
    def _register_screen(self):
        return self._window.more.register_screen(self._window.current_screen())

    def show_history(self) -> None:
        screen = self._register_screen()
        if screen is None or not hasattr(screen, "show_history"):
            messages.info(self._window, self.tr("Open a register and select a record to see its history."))
            return
        screen.show_history()

    def backup_now(self) -> Path | None:
        """Back up to a chosen folder (a USB stick) on a worker thread: copying and checking a large database
        takes a while, and the window keeps painting and says what it is doing. Returns the folder chosen."""
        start = str(self._settings.get(options.EXPORT_FOLDER) or Path.home())
        folder = messages.choose_folder(self._window, self.tr("Back up to which folder (e.g. a USB stick)?"), start)
        if not folder:
            return None
        from desk.services import backups

        self._settings.set(options.BACKUP_FOLDER, str(folder))     # where Restore's "Another file" opens
        now = self._clock()
        self._window.operations.run_in_background(
            self._window, lambda _progress: backups.backup_now(self._workspace, now, to=Path(folder)),
            title=self.tr("Backing up and checking the copy..."), cancellable=False,
            on_done=lambda path: messages.info(self._window, self.tr("The backup was written and checked:\n%s")
                                               % path))
        return Path(folder)

    def restore(self) -> bool:
        if not self.allowed(Permission.RESTORE):
            return False
        if self._workspace.engine.dialect.name != "sqlite":
            self._restore_on_server()
            return False
        chosen = messages.choose_backup(self._window, paths.backup_dir(self._workspace.folder),
                                        self._settings.get(options.BACKUP_FOLDER) or None)
        if not chosen:
            return False
        if not messages.confirm(self._window, self.tr(
                "Replace all of Desk's data with the backup\n%s?\n\nThe current data is kept as a backup first. "
                "Desk closes afterwards; start it again to continue.") % chosen):
            return False
        try:
            from desk.services import backups

            try:
                done = backups.restore(self._workspace.folder, Path(chosen), self.actor, self._clock(),
                                       engine=self._workspace.engine)
            except backups.OtherUnitBackup as other:
                # Another unit's data: only on the administrator's explicit confirmation.
                if not messages.confirm(self._window, str(other) + "\n\n" + self.tr(
                        "Restore this other unit's backup anyway?")):
                    return False
                done = backups.restore(self._workspace.folder, Path(chosen), self.actor, self._clock(),
                                       engine=self._workspace.engine, other_unit=True)
        except UserError as exc:
            messages.error(self._window, str(exc))
            return False
        self._restored = True                    # nothing to back up on close: the data was just replaced
        kept = done.kept or ""
        messages.info(self._window, self.tr("The data was restored from:\n%s\nThe data it replaced was kept as:\n%s\n"
                                            "Desk will now close; start it again to continue.") % (chosen, kept))
        self._window.close()
        return True

    def _restore_on_server(self) -> None:
        """A server's database is restored only into a new, empty one, never over the one every clerk is
        working in: not from a window using it. Said, with the command the IT person runs instead."""
        from desk.store import server

        url = self._workspace.engine.url
        sslmode = url.query.get("sslmode")
        new = server.address(url.host or "", url.port or 5432, self.tr("NEW_DATABASE"), url.username or "",
                             sslmode if isinstance(sslmode, str) else "prefer")
        messages.info(self._window, self.tr(
            "On a server, a backup is restored only into a new, empty database, not over the one the clerks are "
            "working in; so not from this window. The IT person creates a new database (as in the README) and "
            "runs on a computer with PostgreSQL's command line tools:\n\n"
            "desk-cli --database {new} restore FILE.dump\n\n"
            "then points every Desk at the new database (Settings, page Data server).").format(new=new))

    def check(self) -> None:
        """The full check, on a worker thread (the whole file is read); its findings in plain words."""
        from desk.services import startup

        def done(problems: list[str]) -> None:
            if problems:
                messages.error(self._window, self.tr("The check found problems in the database:\n%s\n\nBack up now "
                                                     "to a USB stick, then ask technical support or restore the "
                                                     "newest good backup.") % "\n".join(problems[:10]))
            else:
                messages.info(self._window, self.tr("The database is sound: no damage, every record and user is "
                                                    "accounted for in the history of changes, and its structure is "
                                                    "Desk's own."))

        def failed(error: BaseException) -> bool:
            if isinstance(error, UserError):     # the file cannot be read at all: that is the finding
                done([str(error)])
                return True
            return False

        self._window.operations.run_in_background(
            self._window, lambda _progress: startup.check(self._workspace), title=self.tr("Checking the database..."),
            cancellable=False, on_done=done, on_error=failed)

    def manage_users(self) -> None:
        from desk.ui.users_dialog import UsersDialog

        if not self.allowed(Permission.MANAGE_USERS):
            return
        UsersDialog(self._workspace, self.actor, self._settings, parent=self._window,
                    operations=self._window.operations).exec()
        self.idle.set_minutes(self._settings.get(options.IDLE_LOCK_MINUTES))

    # -- automatic backups ----------------------------------------------------------------------
    def auto_backup(self) -> Path | None:
        try:
            from desk.services import backups

            return backups.auto_backup(self._workspace, self._clock())
        except UserError as exc:            # e.g. the disk is full: say it, the clerk can act on it
            log.warning("automatic backup failed: %s", exc)
            messages.error(self._window, str(exc))
            return None

    def on_close(self) -> Path | None:
        """The window is closing: back up what changed since the last backup (once)."""
        if self._closed:
            return None
        self._closed = True
        self.backup_timer.stop()
        self.idle.stop()
        if self._restored:
            return None
        try:
            from desk.services import backups

            return backups.backup_on_close(self._workspace, self._clock())
        except UserError as exc:
            log.warning("backup on close failed: %s", exc)
            messages.error(self._window, str(exc))
            return None
