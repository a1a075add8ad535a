"""Where the main window opens and what it remembers: its geometry, the splitter, each list's columns."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

from desk.ui import settings as options

# The size the window asks for on a roomy screen; smaller screens (1366×768, 1024×768) get the window
# maximized, as a clerk would make it anyway.
PREFERRED = QSize(1280, 800)
# Small enough for 1024×768 with a taskbar and a title bar.
MINIMUM = QSize(800, 560)


def _bytes(value) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None


def fits(available: QRect) -> bool:
    """Whether the preferred size fits this screen's free area with room to spare."""
    return available.width() >= PREFERRED.width() + 40 and available.height() >= PREFERRED.height() + 40


def free_area(widget: QWidget) -> QRect:
    """The part of the widget's screen windows may take (the taskbar left out)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def size_dialog(dialog: QWidget, width: int, height: int) -> None:
    """width×height, or as much as the screen leaves free with the dialog's title bar: a wide dialog
    laid out for 1366×768 would put its right side and its buttons off a 1024×768 screen."""
    free = free_area(dialog)
    dialog.resize(min(width, free.width() - 16), min(height, free.height() - 40))


def show_window(window: QMainWindow, settings: options.Settings) -> None:
    """Show the window where the clerk left it; the first time, maximized on a small screen, else centred."""
    window.setMinimumSize(MINIMUM)
    saved = _bytes(settings.get(options.GEOMETRY))
    if saved is not None and window.restoreGeometry(saved):
        window.show()
        return
    screen = QWidget.screen(window) or QGuiApplication.primaryScreen()    # MainWindow.screen(name) is a page
    available = screen.availableGeometry()
    if not fits(available):
        window.showMaximized()
        return
    rect = QRect(0, 0, PREFERRED.width(), PREFERRED.height())
    rect.moveCenter(available.center())
    window.setGeometry(rect)
    window.show()


def save_window(window: QMainWindow, settings: options.Settings) -> None:
    settings.set(options.GEOMETRY, bytes(window.saveGeometry().data()))


def restore_splitter(splitter: QSplitter, settings: options.Settings) -> bool:
    saved = _bytes(settings.get(options.SPLITTER))
    return saved is not None and splitter.restoreState(saved)


def save_splitter(splitter: QSplitter, settings: options.Settings) -> None:
    settings.set(options.SPLITTER, bytes(splitter.saveState().data()))


class HeaderMemory:
    """A list's columns (order, widths, hidden ones, sort) kept per register: restored now, saved on change."""

    def __init__(self, header: QHeaderView, settings: options.Settings | None, name: str):
        self._header, self._settings, self._option = header, settings, options.table_state(name)
        self.restored = False
        if settings is not None:
            saved = _bytes(settings.get(self._option))
            self.restored = saved is not None and header.restoreState(saved)
        # Dragging a column edge resizes it many times a second: write once the hand stops.
        self._timer = QTimer(header)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.save)
        for signal in (header.sectionResized, header.sectionMoved, header.sortIndicatorChanged):
            signal.connect(lambda *_args: self._timer.start())

    def changed(self) -> None:
        """A column was shown or hidden (no header signal says so)."""
        self._timer.start()

    def save(self) -> None:
        self._timer.stop()
        if self._settings is not None:
            self._settings.set(self._option, bytes(self._header.saveState().data()))
