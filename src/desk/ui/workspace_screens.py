"""The screens of the main window: dashboard, obstacles, people, staffing, visits, initiatives, each built on first use.

It names them in the navigation, keeps the built ones fresh when data changes, opens a
register filtered when a figure is clicked, and exports the current one. Only the home screen
is built at start-up (issue 6): the others, and the modules behind them, load when first shown.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from desk.domain import obstacles as obstacle_rules
from desk.errors import UserError
from desk.ui import messages
from desk.ui import settings as options
from desk.ui.dashboard_screen import OPEN_KEY, DashboardScreen
from desk.ui.lazy_stack import LazyStack

# The obstacle register's status filter gets an entry for every open status at once.
OBSTACLE_FILTER_GROUPS = {"status": ((OPEN_KEY, "Chưa tháo gỡ (mọi tình trạng đang mở)", "Open (any open status)",
                                      obstacle_rules.OPEN_STATUSES),)}
OBSTACLE_FILTERS = ("domain", "status", "level", "visit_id")

# Navigation order, top to bottom: the home screen first. "staffing" is the staffing view,
# "frames" the register of staffing frames.
SCREENS = ("dashboard", "obstacles", "officials", "staffing", "frames", "movements", "visits", "initiatives")
# What changes where: a saved record refreshes the (built) screens that show its consequences.
DEPENDENTS = {
    "obstacles": ("dashboard", "visits"),
    "officials": ("dashboard", "staffing", "movements"),
    "frames": ("dashboard", "staffing"),
    "movements": ("dashboard", "staffing"),
    "visits": ("dashboard", "obstacles"),
    "initiatives": ("dashboard",),
}
# The names click-throughs use (services and the dashboard speak of registers) -> screen names.
OPEN_NAMES = {"obstacles": "obstacles", "officials": "officials", "staffing": "frames",
              "staffing_view": "staffing", "movements": "movements", "visits": "visits",
              "initiatives": "initiatives"}
# Ctrl+N on a screen that is not a register adds to this register.
_ADD_FROM = {"dashboard": "obstacles", "staffing": "frames"}
EXPORT_NAMES = {"officials": "officials", "movements": "movements", "visits": "visits",
                "initiatives": "initiatives", "frames": "staffing", "staffing": "staffing"}


def _obstacle_overdue(row: dict, today: date) -> bool:
    return obstacle_rules.is_overdue(row["status"], row["deadline"], today)


def _movement_needs_attention(row: dict, _today: date) -> bool:
    return row.get("state") == "overdue" or bool(row.get("too_long"))


def _is_register(screen: QWidget | None) -> bool:
    # Without importing register_screen: it loads with the first register shown.
    return screen is not None and hasattr(screen, "apply_filters")


class _Screen:
    """A screen as an attribute of WorkspaceScreens (named like it): built when first read."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, screens, owner=None):
        return self if screens is None else screens._stack.page(self.name)


class WorkspaceScreens(QObject):
    """navigate(name): the window should show this screen (a click-through asked for it)."""

    navigate = Signal(str)

    def __init__(self, workspace, unit, stack: LazyStack, parent=None, today=date.today):
        super().__init__(parent)
        self._workspace, self._unit, self._today = workspace, unit, today
        self._stack = stack
        for name in SCREENS:
            stack.add_page(name, lambda name=name: self._build(name))
        stack.built.connect(self._on_built)

    # -- the screens, each built when first asked for -----------------------------------------
    dashboard = _Screen()
    obstacles = _Screen()
    officials = _Screen()
    staffing = _Screen()
    frames = _Screen()
    movements = _Screen()
    visits = _Screen()
    initiatives = _Screen()

    def _build(self, name: str) -> QWidget:
        if name == "dashboard":
            return DashboardScreen(self._workspace, self._unit, today=self._today)
        if name == "staffing":
            from desk.ui.staffing_screen import StaffingScreen

            return StaffingScreen(self._workspace, self._unit, today=self._today)
        from desk.services.registers import INITIATIVES, MOVEMENTS, OBSTACLES, OFFICIALS, STAFFING_FRAMES, VISITS
        from desk.ui.register_screen import RegisterScreen

        code, today = self._unit.code, self._today
        if name == "obstacles":
            return RegisterScreen(self._workspace, OBSTACLES, code, filter_fields=OBSTACLE_FILTERS,
                                  flag_rule=_obstacle_overdue, filter_groups=OBSTACLE_FILTER_GROUPS, today=today)
        if name == "officials":
            return RegisterScreen(self._workspace, OFFICIALS, code,
                                  filter_fields=("office", "title", "staff_category", "status"), today=today)
        if name == "frames":
            return RegisterScreen(self._workspace, STAFFING_FRAMES, code, filter_fields=("office", "frame_state"),
                                  today=today)
        if name == "movements":
            return RegisterScreen(self._workspace, MOVEMENTS, code, filter_fields=("kind", "direction", "state"),
                                  flag_rule=_movement_needs_attention, today=today,
                                  flag_text=lambda: self.tr("needs attention"))
        if name == "visits":
            from desk.ui.visit_screen import VisitScreen

            return VisitScreen(self._workspace, VISITS, code, filter_fields=("kind",), today=today)
        if name == "initiatives":
            return RegisterScreen(self._workspace, INITIATIVES, code,
                                  filter_fields=("status", "channels", "lead_office"), today=today)
        raise KeyError(name)

    def _on_built(self, name: str, screen: QWidget) -> None:
        if name in DEPENDENTS:
            screen.changed.connect(lambda source=name: self._on_changed(source))
        if hasattr(screen, "open_register"):
            screen.open_register.connect(self.open)

    # -- what the window asks ------------------------------------------------------------------
    def title(self, name: str) -> str | None:
        """The screen's name in the navigation (None: the obstacle register, named by the window)."""
        titles = {"dashboard": self.tr("Overview"), "officials": self.tr("Officials"),
                  "staffing": self.tr("Staffing"), "frames": self.tr("Staffing frames"),
                  "movements": self.tr("Transfers, secondments"), "visits": self.tr("Field visits"),
                  "initiatives": self.tr("Initiatives")}
        return titles.get(name)

    def register_screen(self, screen: QWidget | None):
        """The screen if it is a register (records to edit, void, search), else None."""
        return screen if _is_register(screen) else None

    def can_add_from(self, screen: QWidget | None) -> bool:
        """Whether Ctrl+N adds a record from this screen (asked without building any other screen)."""
        return _is_register(screen) or self._stack.name_of(screen) in _ADD_FROM

    def new_record_target(self, screen: QWidget | None):
        """Where Ctrl+N adds a record: the register shown; from the overview an obstacle (the most
        common entry); from the staffing view a frame."""
        if _is_register(screen):
            return screen
        target = _ADD_FROM.get(self._stack.name_of(screen))
        return self._stack.page(target) if target is not None else None

    def search_target(self, screen: QWidget | None):
        if _is_register(screen):
            return screen
        return self.officials if self._stack.name_of(screen) == "staffing" else self.obstacles

    def open(self, name: str, filters: dict) -> None:
        """Show a register (or the staffing view) with exactly these filters."""
        screen_name = OPEN_NAMES[name]
        screen = self._stack.page(screen_name)
        if _is_register(screen):
            screen.apply_filters(filters)
        else:
            screen.refresh()
        self.navigate.emit(screen_name)

    def _on_changed(self, source: str) -> None:
        for name in DEPENDENTS.get(source, ()):
            if self._stack.is_built(name):    # one not built yet reads fresh data when first shown
                self._stack.page(name).refresh()

    # -- export ------------------------------------------------------------------------------
    def export(self, screen: QWidget, window, settings: options.Settings) -> bool:
        """Export the list of the screen shown; False for the screens the obstacle report serves."""
        name = EXPORT_NAMES.get(self._stack.name_of(screen))
        if name is None:
            return False
        folder = Path(settings.get(options.EXPORT_FOLDER) or Path.home())
        title = self.title("staffing" if name == "staffing" else self._stack.name_of(screen))
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

        try:
            with self._workspace.session() as session:
                if name == "staffing":
                    staffing_report.export(session, self._unit, period, path, today=self._today())
                    count = None
                else:
                    sheets = register_report.export(session, self._unit, name, period, path, today=self._today())
                    count = sheets[0].count
        except UserError as exc:
            messages.error(window, str(exc))
            return
        settings.set(options.EXPORT_FOLDER, str(path.parent))
        if count is None:
            messages.info(window, self.tr("The staffing report was saved:\n%s") % path)
        else:
            messages.info(window, self.tr("The list was saved (%n record(s)):", "", count) + f"\n{path}")
