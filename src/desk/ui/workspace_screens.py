"""The screens of the main window: the overview, each register of the catalogue, the staffing view.

It names them in the navigation, builds each on first use, opens a register filtered when a figure
is clicked, and exports the current one. Each screen keeps itself fresh (it listens to the window's
operations). Only the home screen is built at start-up: the others, and the modules behind them,
load when first shown.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from desk.domain.registers import REGISTERS
from desk.ui import messages
from desk.ui import settings as options
from desk.ui.context import WindowContext
from desk.ui.dashboard_screen import DashboardScreen
from desk.ui.lazy_stack import LazyStack

DASHBOARD, STAFFING_VIEW = "dashboard", "staffing_view"
# The staffing view shows the frames register against the officials and movements on a day.
_VIEWS_AFTER = {"officials": STAFFING_VIEW}
# Ctrl+N on a view adds to this register (from the overview: the first register, the most common
# entry); Ctrl+F there searches this register.
_ADD_FROM = {STAFFING_VIEW: "staffing"}
_SEARCH_FROM = {STAFFING_VIEW: "officials"}
# A register whose screen is more than the generic list (module, class).
_SCREEN_CLASSES = {"visits": ("desk.ui.visit_screen", "VisitScreen")}
# What Ctrl+E writes where a register's own list is not the export: the staffing report; the
# obstacle register's report has a dialog of its own (the main window's).
_STAFFING_REPORT = frozenset({"staffing", STAFFING_VIEW})
_OWN_REPORT = frozenset({"obstacles"})


def screen_names() -> tuple[str, ...]:
    """Navigation order, top to bottom: the overview, then the registers with the views among them."""
    names = [DASHBOARD]
    for name in REGISTERS:
        names.append(name)
        if name in _VIEWS_AFTER:
            names.append(_VIEWS_AFTER[name])
    return tuple(names)


def _is_register(screen: QWidget | None) -> bool:
    # Without importing register_screen: it loads with the first register shown.
    return screen is not None and hasattr(screen, "apply_filters")


class WorkspaceScreens(QObject):
    """navigate(name): the window should show this screen (a click-through asked for it)."""

    navigate = Signal(str)

    def __init__(self, context: WindowContext, stack: LazyStack, parent=None):
        super().__init__(parent)
        self._context = context
        self._workspace, self._unit, self._today = context.workspace, context.unit, context.today
        self._stack = stack
        for name in screen_names():
            stack.add_page(name, lambda name=name: self._build(name))
        stack.built.connect(self._on_built)

    def screen(self, name: str) -> QWidget:
        """A screen by name, built now if it was not yet."""
        return self._stack.page(name)

    @property
    def dashboard(self) -> DashboardScreen:
        return self._stack.page(DASHBOARD)

    def _build(self, name: str) -> QWidget:
        if name == DASHBOARD:
            return DashboardScreen(self._context)
        if name == STAFFING_VIEW:
            from desk.ui.staffing_screen import StaffingScreen

            return StaffingScreen(self._context)
        module, class_name = _SCREEN_CLASSES.get(name, ("desk.ui.register_screen", "RegisterScreen"))
        screen_class = getattr(importlib.import_module(module), class_name)
        return screen_class(self._context, REGISTERS[name])

    def _on_built(self, name: str, screen: QWidget) -> None:
        open_register = getattr(screen, "open_register", None)    # click-throughs of the views
        if open_register is not None:
            open_register.connect(self.open)

    # -- what the window asks ------------------------------------------------------------------
    def title(self, name: str) -> str:
        """The screen's name in the navigation."""
        if name == DASHBOARD:
            return self.tr("Overview")
        if name == STAFFING_VIEW:
            return self.tr("Staffing")
        return REGISTERS[name].label

    def register_screen(self, screen: QWidget | None):
        """The screen if it is a register (records to edit, void, search), else None."""
        return screen if _is_register(screen) else None

    def can_add_from(self, screen: QWidget | None) -> bool:
        """Whether Ctrl+N adds a record from this screen (asked without building any other screen)."""
        return _is_register(screen) or self._stack.name_of(screen) in (DASHBOARD, *_ADD_FROM)

    def new_record_target(self, screen: QWidget | None):
        """Where Ctrl+N adds a record: the register shown; from the overview an obstacle (the most
        common entry); from the staffing view a frame."""
        if _is_register(screen):
            return screen
        name = self._stack.name_of(screen)
        target = next(iter(REGISTERS)) if name == DASHBOARD else _ADD_FROM.get(name)
        return self._stack.page(target) if target is not None else None

    def search_target(self, screen: QWidget | None):
        if _is_register(screen):
            return screen
        return self._stack.page(_SEARCH_FROM.get(self._stack.name_of(screen), next(iter(REGISTERS))))

    def open(self, name: str, filters: dict) -> None:
        """Show a register (or the staffing view) with exactly these filters."""
        screen = self._stack.page(name)
        if _is_register(screen):
            screen.apply_filters(filters)
        else:
            screen.refresh()
        self.navigate.emit(name)

    # -- export ------------------------------------------------------------------------------
    def export(self, screen: QWidget, window, settings: options.Settings) -> bool:
        """Export the list of the screen shown; False for the screens the obstacle report serves."""
        screen_name = self._stack.name_of(screen)
        if screen_name in _STAFFING_REPORT:
            name = "staffing"
        elif screen_name in REGISTERS and REGISTERS[screen_name].listing and screen_name not in _OWN_REPORT:
            name = screen_name
        else:
            return False
        folder = Path(settings.get(options.EXPORT_FOLDER) or Path.home())
        title = self.title(STAFFING_VIEW if name == "staffing" else screen_name)
        from desk.ui.register_export_dialog import RegisterExportDialog  # loads openpyxl: first export only

        dialog = RegisterExportDialog(name, title, folder, today=self._today(), parent=window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return True
        path = dialog.choose_file()
        if path is None:
            return True
        self.write(name, dialog.period(), path, window, settings)
        return True

    def write(self, name: str, period, path: Path, window, settings: options.Settings) -> None:
        from desk.services import register_report, staffing_report  # openpyxl loads on first export

        def write(session) -> int | None:
            if name in _STAFFING_REPORT:
                staffing_report.export(session, self._unit, period, path, today=self._today())
                return None
            return register_report.export(session, self._unit, name, period, path, today=self._today())[0].count

        def done(count: int | None) -> None:
            settings.set(options.EXPORT_FOLDER, str(path.parent))
            if count is None:
                messages.exported(window, self.tr("The staffing report was saved:\n%s") % path, path)
            else:
                messages.exported(window, self.tr("The list was saved (%n record(s)):", "", count) + f"\n{path}", path)

        self._context.operations.write_in_background(window, write, title=self.tr("Writing the list to Excel..."),
                                                     on_done=done)

