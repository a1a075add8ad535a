"""The idle lock: after some minutes without input, every Desk window is covered until the user's password is typed.

Nothing is closed or reset while locked: an open form keeps what was being typed, and the
keyboard focus returns where it was.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk.domain.access import Actor
from desk.ui.error_line import error_line

log = logging.getLogger(__name__)


def _input_events() -> frozenset:
    # Built on first use: touching QEvent.Type makes PySide6 create that whole enum (~15 ms),
    # which start-up need not pay when nobody can lock.
    kinds = QEvent.Type
    return frozenset({kinds.KeyPress, kinds.MouseButtonPress, kinds.MouseMove, kinds.Wheel, kinds.TouchBegin,
                      kinds.InputMethod})


class IdleWatcher(QObject):
    """Emits `idle` after `interval_ms` without keyboard, mouse or input-method events anywhere in the app."""

    idle = Signal()
    # Input starts to count a moment after the window opens: the first event through a Python
    # filter makes PySide6 build the QEvent.Type enum (~25 ms), which the first paint need not wait
    # for. The idle time itself runs from the start.
    WATCH_AFTER_MS = 1000

    def __init__(self, interval_ms: int, parent=None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.idle)
        self._input: frozenset = frozenset()
        self.watching = self._stopped = False
        QTimer.singleShot(self.WATCH_AFTER_MS, self, self._watch)
        self._timer.start()

    def _watch(self) -> None:
        if self.watching or self._stopped:
            return
        self._input = _input_events()
        QApplication.instance().installEventFilter(self)
        self.watching = True

    def set_interval_ms(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)
        self._timer.start()

    def interval_ms(self) -> int:
        return self._timer.interval()

    def pause(self) -> None:
        self._timer.stop()

    def restart(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._stopped = True         # and does not start watching later
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in self._input and self._timer.isActive():
            self._timer.start()
        return False


class _Cover(QWidget):
    """An opaque sheet over a window's contents: nothing shows, nothing underneath changes."""

    def __init__(self, window: QWidget, text: str):
        super().__init__(window)
        self.setObjectName("idleCover")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoMousePropagation)
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(watched.rect())
        return False


class LockDialog(QDialog):
    """Unlock with the signed-in user's password; Esc does not close it."""

    unlocked = Signal()

    def __init__(self, workspace, actor: Actor, parent=None, *, manual: bool = False):
        super().__init__(parent)
        self._workspace, self._actor, self._manual = workspace, actor, manual
        self._build_ui()
        self.retranslate_ui()
        self.buttons.accepted.connect(self.accept)

    def _build_ui(self) -> None:
        self.setObjectName("lockDialog")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        self.error = error_line()
        form = QFormLayout()
        form.addRow(self.password_label, self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Desk is locked"))
        if self._manual:        # Ctrl+L: the clerk locked it herself; it did not "lock itself"
            self.intro.setText(self.tr("Desk is locked (Ctrl+L). %s, type your password to continue; nothing "
                                       "you were typing is lost.") % self._actor.display)
        else:
            self.intro.setText(self.tr("Desk was locked after a while without use. %s, type your password to "
                                       "continue; nothing you were typing is lost.") % self._actor.display)
        self.password_label.setText(self.tr("&Password:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Unlock"))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.password.setFocus()

    def reject(self) -> None:
        pass                     # Esc and the window manager's close do not unlock

    def accept(self) -> None:
        with self._workspace.session() as session:
            from desk.services import users  # loads on first unlock, not at start-up

            ok = users.verify(session, self._actor, self.password.text())
        self.password.clear()
        if not ok:
            log.info("unlock refused for %s", self._actor.name)
            self.error.setText(self.tr("Wrong password."))
            self.error.show()
            return
        self.error.hide()
        self.done(QDialog.DialogCode.Accepted)
        self.unlocked.emit()


class IdleLock(QObject):
    """Watches for idleness and locks the application; `lock()` can also be called (Ctrl+L)."""

    locked_changed = Signal(bool)

    def __init__(self, workspace, actor: Actor | None, minutes: int, parent: QWidget):
        super().__init__(parent)
        self._workspace, self._actor, self._window = workspace, actor, parent
        self._covers: list[_Cover] = []
        self._focus: QWidget | None = None
        self.dialog: LockDialog | None = None
        # Without a password nothing can be locked: no watcher, so no Python call on every event.
        self.watcher: IdleWatcher | None = None
        if self.can_lock:
            self.watcher = IdleWatcher(max(1, int(minutes)) * 60_000, self)
            self.watcher.idle.connect(self.lock)

    @property
    def can_lock(self) -> bool:
        """Only a signed-in user has a password to unlock with."""
        return self._actor is not None and self._actor.user_id is not None

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def set_minutes(self, minutes: int) -> None:
        if self.watcher is not None:
            self.watcher.set_interval_ms(max(1, int(minutes)) * 60_000)

    def lock(self, manual: bool = False) -> None:
        if self.is_locked or not self.can_lock:
            return
        self.watcher.pause()
        self._focus = QApplication.focusWidget()
        text = self.tr("Desk is locked.")
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and not isinstance(window, LockDialog):
                self._covers.append(_Cover(window, text))
        self.dialog = LockDialog(self._workspace, self._actor, self._window, manual=manual)
        self.dialog.unlocked.connect(self._on_unlocked)
        self.dialog.open()
        self.locked_changed.emit(True)

    def _on_unlocked(self) -> None:
        for cover in self._covers:
            if not shiboken6.isValid(cover):      # its window was closed and deleted meanwhile
                continue
            cover.parentWidget().removeEventFilter(cover)
            cover.hide()
            cover.deleteLater()
        self._covers.clear()
        dialog, self.dialog = self.dialog, None
        dialog.deleteLater()
        try:
            if self._focus is not None:
                self._focus.window().activateWindow()
                self._focus.setFocus()
        except RuntimeError:          # the widget that had the focus was deleted meanwhile
            pass
        self._focus = None
        self.watcher.restart()
        self.locked_changed.emit(False)

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
