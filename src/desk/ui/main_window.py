"""The main window: registers on the left, the chosen register on the right, menus on top."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtWidgets import QDialog, QListWidget, QMainWindow, QSplitter, QWidget

from desk import __version__
from desk.domain.access import Permission
from desk.domain.units import Unit
from desk.services import office
from desk.ui import messages
from desk.ui import settings as options
from desk.ui.actions import ActionId, build_actions
from desk.ui.data_safety import DataSafety
from desk.ui.import_flow import ImportFlow
from desk.ui.reply_import import ReplyImportFlow
from desk.ui.context import WindowContext
from desk.ui.lazy_stack import LazyStack
from desk.ui.operations import Changes, Operations
from desk.ui.workspace_screens import WorkspaceScreens


class MainWindow(QMainWindow):
    unit_changed = Signal()

    def __init__(self, workspace, app_settings: options.Settings, parent=None):
        super().__init__(parent)
        self._workspace = workspace
        self._settings = app_settings
        self._unit: Unit = workspace.require_unit()
        self.operations = Operations(workspace, self)
        self.context = WindowContext(workspace, self._unit, app_settings, self.operations)
        self.actions = build_actions(self)
        self._build_ui()
        self._connect()
        self.safety = DataSafety(self, workspace, app_settings)   # backups, restore, users, idle lock
        self.importing = ImportFlow(self, workspace, app_settings)   # import from Excel, templates
        self.replies = ReplyImportFlow(self, workspace, app_settings)   # answers from the province, the ministry
        self.retranslate_ui()
        geometry = app_settings.get(options.GEOMETRY)     # where the clerk left the window last time
        if geometry:
            self.restoreGeometry(QByteArray(geometry))

    def _build_ui(self) -> None:
        self.setObjectName("mainWindow")
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setMaximumWidth(220)
        # A screen is built when first shown; start-up builds the overview (home) only: a fast start.
        self.stack = LazyStack()
        # The overview first, then the registers of the catalogue, then the reports.
        self.more = WorkspaceScreens(self.context, self.stack, self)
        self.stack.add_page("reports", self._build_reports)     # periods due, submit, consolidate
        for _name in self.stack.names:
            self.nav.addItem("")
        self.stack.show_index(0)
        self.nav.setCurrentRow(0)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 1000])
        self.setCentralWidget(splitter)
        A = ActionId
        self.file_menu = self.menuBar().addMenu("")
        for action_id in (A.IMPORT_EXCEL, A.MAKE_TEMPLATE, A.IMPORT_REPLY, A.EXPORT_REPORT, A.SETTINGS, A.CHANGE_UNIT,
                          A.QUIT):
            self.file_menu.addAction(self.actions[action_id])
        self.record_menu = self.menuBar().addMenu("")
        for action_id in (A.UNDO, A.NEW_RECORD, A.EDIT_RECORD, A.VOID_RECORD, A.SHOW_VOIDED, A.FIND):
            self.record_menu.addAction(self.actions[action_id])
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.actions[A.ABOUT])
        toolbar = self.addToolBar("main")
        toolbar.setObjectName("toolbar")
        toolbar.setMovable(False)
        for action_id in (A.NEW_RECORD, A.EDIT_RECORD, A.VOID_RECORD, A.EXPORT_REPORT):
            toolbar.addAction(self.actions[action_id])
        self.resize(1280, 760)

    def _build_reports(self) -> QWidget:
        from desk.ui.reports_screen import ReportsScreen

        return ReportsScreen(self.context, self)

    def screen(self, name: str) -> QWidget:
        """A screen by name (built on first use, like every screen but the overview)."""
        return self.stack.page(name)

    @property
    def reports(self):
        return self.stack.page("reports")

    @property
    def screens(self) -> list[QWidget]:
        """The stack's pages in navigation order (a screen not built yet is an empty placeholder)."""
        return [self.stack.widget(row) for row in range(self.stack.count())]

    def _connect(self) -> None:
        A = ActionId
        self.nav.currentRowChanged.connect(self.stack.show_index)
        self.nav.currentRowChanged.connect(self._update_actions)
        self.more.navigate.connect(lambda name: self.nav.setCurrentRow(self.stack.index_of(name)))
        self.actions[A.NEW_RECORD].triggered.connect(self._on_new_record)
        self.actions[A.EDIT_RECORD].triggered.connect(lambda: self.current_screen().edit_current())
        self.actions[A.VOID_RECORD].triggered.connect(lambda: self.current_screen().void_current())
        self.actions[A.FIND].triggered.connect(self._on_find)
        self.actions[A.SHOW_VOIDED].toggled.connect(lambda on: self.current_screen().show_voided.setChecked(on))
        self.actions[A.EXPORT_REPORT].triggered.connect(self.export_report)
        self.actions[A.SETTINGS].triggered.connect(self.open_settings)
        self.actions[A.CHANGE_UNIT].triggered.connect(self.change_unit)
        self.actions[A.QUIT].triggered.connect(self.close)
        self.actions[A.ABOUT].triggered.connect(self._on_about)
        self.actions[A.UNDO].triggered.connect(lambda: self.operations.undo(self))
        self.operations.undo_available.connect(self._on_undo_available)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Desk – %s") % self._unit.display)
        self.file_menu.setTitle(self.tr("&File"))
        self._on_undo_available(self.operations.undo_text())
        self.record_menu.setTitle(self.tr("&Records"))
        self.help_menu.setTitle(self.tr("&Help"))
        for row, name in enumerate(self.stack.names):
            self.nav.item(row).setText(self.tr("Reports") if name == "reports" else self.more.title(name))
        self._update_actions()

    def _on_undo_available(self, text: str) -> None:
        action = self.actions[ActionId.UNDO]
        action.setEnabled(bool(text))
        action.setText(text or self.tr("&Undo"))

    def current_screen(self) -> QWidget:
        return self.stack.currentWidget()

    def _update_actions(self, *_args) -> None:
        """Record commands act on the register shown; the overview and staffing view have none to edit."""
        is_register = self.more.register_screen(self.current_screen()) is not None
        for action_id in (ActionId.EDIT_RECORD, ActionId.VOID_RECORD, ActionId.SHOW_VOIDED):
            self.actions[action_id].setEnabled(is_register)
        self.actions[ActionId.NEW_RECORD].setEnabled(self.more.can_add_from(self.current_screen()))

    def _on_new_record(self) -> None:
        target = self.more.new_record_target(self.current_screen())
        if target is not None:
            target.new_record()

    def _on_find(self) -> None:
        """Ctrl+F searches the register shown; from the overview, the obstacles; from staffing, the officials."""
        target = self.more.search_target(self.current_screen())
        if target is not self.current_screen():
            self.nav.setCurrentRow(self.stack.index_of(self.stack.name_of(target)))
        target.focus_search()

    # -- commands ----------------------------------------------------------------------------
    def export_report(self) -> None:
        if self.stack.name_of(self.current_screen()) == "reports":      # Ctrl+E there: the selected period's report
            self.reports.export_selected(submit=False)
            return
        if self.more.export(self.current_screen(), self, self._settings):
            return
        from desk.ui.export_dialog import ExportDialog

        folder = Path(self._settings.get(options.EXPORT_FOLDER) or Path.home())
        dialog = ExportDialog(folder, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        path = dialog.choose_file()
        if path is None:
            return
        self.write_report(dialog.period(), path)

    def write_report(self, period, path: Path) -> None:
        from desk.services import obstacle_report  # openpyxl loads on first export, not at start-up

        done = self.operations.run(self, lambda session: obstacle_report.export(session, self._unit, period, path))
        if not done.ok:
            return
        data = done.value
        self._settings.set(options.EXPORT_FOLDER, str(path.parent))
        messages.info(self, self.tr("The report for {period} was saved ({count} obstacles):\n{path}").format(
            period=period.label_vi, count=len(data.rows), path=path))

    def open_settings(self) -> None:
        """The settings screen; everything on it is the administrator's, and each change is audited."""
        if not self.safety.allowed(Permission.CHANGE_SETTINGS):
            return
        from desk.services import choice_lists, settings
        from desk.ui.settings_dialog import SettingsDialog, SettingsValues

        with self._workspace.session() as session:
            values = SettingsValues(
                groups=settings.groups_for(session, self._unit),
                lists={name: (spec.label, choice_lists.items(session, name))
                       for name, spec in choice_lists.editable_lists().items()},
                preferences=self._settings.preferences())
        dialog = SettingsDialog(values, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        *stored, preferences = dialog.groups()

        def save(session) -> None:      # one transaction: all saved, or nothing
            for group in stored:
                settings.save(session, self.safety.actor, group)
            for name, items in dialog.lists().items():
                choice_lists.save(session, self.safety.actor, name, items)

        # Caps, limits and lists change flags, figures and choices everywhere.
        if not self.operations.run(self, save, changes=Changes(settings=True, everything=True)).ok:
            return
        for setting, value in preferences:
            if setting.shown:
                self._settings.set(setting, value)

    def change_unit(self) -> None:
        if not self.safety.allowed(Permission.CHANGE_UNIT):
            return
        from desk.ui.unit_dialog import UnitDialog

        dialog = UnitDialog(self._unit, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.selected_unit() is None:
            return
        if dialog.selected_unit().code == self._unit.code:
            return
        if not messages.confirm(self, self.tr("Records are kept per unit. Switch this installation to %s?")
                                % dialog.selected_unit().display):
            return
        with self._workspace.session() as session:
            self._unit = office.set_office_unit(session, dialog.selected_unit().code)
        messages.info(self, self.tr("The unit was changed. Desk will now close; start it again to continue."))
        self.close()

    def closeEvent(self, event) -> None:
        self._settings.set(options.GEOMETRY, bytes(self.saveGeometry().data()))
        self.safety.on_close()     # a verified backup of what changed, before the window goes
        super().closeEvent(event)

    def _on_about(self) -> None:
        messages.info(self, self.tr("Desk %s\nRecords and reports of the commune-level People's Committee.\n"
                                    "Data folder: %s") % (__version__, self._workspace.folder))
