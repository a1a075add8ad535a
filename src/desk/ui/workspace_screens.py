"""The screens of the main window beyond the obstacle register: dashboard, people, staffing, visits, initiatives.

It builds them, names them in the navigation, keeps them fresh when data changes, opens a
register filtered when a figure is clicked, and exports the current one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from desk.domain import obstacles
from desk.errors import UserError
from desk.services.registers import INITIATIVES, MOVEMENTS, OFFICIALS, STAFFING_FRAMES, VISITS
from desk.ui import messages
from desk.ui import settings as options
from desk.ui.dashboard_screen import OPEN_KEY, DashboardScreen
from desk.ui.register_screen import RegisterScreen
from desk.ui.staffing_screen import StaffingScreen
from desk.ui.visit_screen import VisitScreen

# The obstacle register's status filter gets an entry for every open status at once.
OBSTACLE_FILTER_GROUPS = {"status": ((OPEN_KEY, "Chưa tháo gỡ (mọi tình trạng đang mở)", "Open (any open status)",
                                      obstacles.OPEN_STATUSES),)}
OBSTACLE_FILTERS = ("domain", "status", "level", "visit_id")


def _movement_needs_attention(row: dict, _today: date) -> bool:
    return row.get("state") == "overdue" or bool(row.get("too_long"))


class WorkspaceScreens(QObject):
    """navigate(screen): the window should show this screen (a click-through asked for it)."""

    navigate = Signal(QWidget)

    def __init__(self, workspace, unit, obstacle_screen: RegisterScreen, parent=None, today=date.today):
        super().__init__(parent)
        self._workspace, self._unit, self._today = workspace, unit, today
        self.obstacles = obstacle_screen
        self.dashboard = DashboardScreen(workspace, unit, today=today)
        self.officials = RegisterScreen(workspace, OFFICIALS, unit.code,
                                        filter_fields=("office", "title", "staff_category", "status"), today=today)
        self.staffing = StaffingScreen(workspace, unit, today=today)
        self.frames = RegisterScreen(workspace, STAFFING_FRAMES, unit.code, filter_fields=("office", "frame_state"),
                                     today=today)
        self.movements = RegisterScreen(workspace, MOVEMENTS, unit.code, filter_fields=("kind", "direction", "state"),
                                        flag_rule=_movement_needs_attention, today=today,
                                        flag_text=lambda: self.tr("needs attention"))
        self.visits = VisitScreen(workspace, VISITS, unit.code, filter_fields=("kind",), today=today)
        self.initiatives = RegisterScreen(workspace, INITIATIVES, unit.code,
                                          filter_fields=("status", "channels", "lead_office"), today=today)
        self.by_name: dict[str, QWidget] = {
            "obstacles": self.obstacles, "officials": self.officials, "staffing": self.frames,
            "staffing_view": self.staffing, "movements": self.movements, "visits": self.visits,
            "initiatives": self.initiatives}
        # What changes where: a saved record refreshes the screens that show its consequences.
        self._dependents = {
            self.obstacles: (self.dashboard, self.visits),
            self.officials: (self.dashboard, self.staffing, self.movements),
            self.frames: (self.dashboard, self.staffing),
            self.movements: (self.dashboard, self.staffing),
            self.visits: (self.dashboard, self.obstacles),
            self.initiatives: (self.dashboard,),
        }
        for screen in self._dependents:
            screen.changed.connect(lambda s=screen: self._on_changed(s))
        for screen in (self.dashboard, self.staffing, self.visits):
            screen.open_register.connect(self.open)

    def ordered(self) -> list[QWidget]:
        """The navigation, top to bottom: the home screen first."""
        return [self.dashboard, self.obstacles, self.officials, self.staffing, self.frames, self.movements,
                self.visits, self.initiatives]

    def title(self, screen: QWidget) -> str | None:
        """The screen's name in the navigation (None: the obstacle register, named by the window)."""
        titles = {self.dashboard: self.tr("Overview"), self.officials: self.tr("Officials"),
                  self.staffing: self.tr("Staffing"), self.frames: self.tr("Staffing frames"),
                  self.movements: self.tr("Transfers, secondments"), self.visits: self.tr("Field visits"),
                  self.initiatives: self.tr("Initiatives")}
        return titles.get(screen)

    def register_screen(self, screen: QWidget) -> RegisterScreen | None:
        return screen if isinstance(screen, RegisterScreen) else None

    def new_record_target(self, screen: QWidget) -> RegisterScreen | None:
        """Where Ctrl+N adds a record: the register shown; from the overview an obstacle (the most
        common entry); from the staffing view a frame."""
        if isinstance(screen, RegisterScreen):
            return screen
        return {self.dashboard: self.obstacles, self.staffing: self.frames}.get(screen)

    def search_target(self, screen: QWidget) -> RegisterScreen:
        if isinstance(screen, RegisterScreen):
            return screen
        return self.officials if screen is self.staffing else self.obstacles

    def open(self, name: str, filters: dict) -> None:
        """Show a register (or the staffing view) with exactly these filters."""
        screen = self.by_name[name]
        if isinstance(screen, RegisterScreen):
            screen.apply_filters(filters)
        else:
            screen.refresh()
        self.navigate.emit(screen)

    def _on_changed(self, source: QWidget) -> None:
        for screen in self._dependents.get(source, ()):
            screen.refresh()

    # -- export ------------------------------------------------------------------------------
    def export(self, screen: QWidget, window, settings: options.Settings) -> bool:
        """Export the list of the screen shown; False for the screens the obstacle report serves."""
        names = {self.officials: "officials", self.movements: "movements", self.visits: "visits",
                 self.initiatives: "initiatives", self.frames: "staffing", self.staffing: "staffing"}
        name = names.get(screen)
        if name is None:
            return False
        folder = Path(settings.get(options.EXPORT_FOLDER) or Path.home())
        title = self.title(self.staffing if name == "staffing" else screen)
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
