"""The main window: registers on the left, the chosen register on the right, menus on top."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QListWidget, QMainWindow, QSplitter, QWidget

from desk import __version__
from desk.domain.access import Permission
from desk.domain.units import Unit
from desk.services import office
from desk.ui import messages, window_state
from desk.ui import settings as options
from desk.ui.actions import (
    ROW_MENU,
    TOOLBAR,
    ActionId,
    build_actions,
    connect_actions,
    fill_menus,
)
from desk.ui.context import WindowContext
from desk.ui.data_safety import DataSafety
from desk.ui.import_flow import ImportFlow
from desk.ui.lazy_stack import LazyStack
from desk.ui.list_export import ListExport
from desk.ui.open_window import WindowRaiser
from desk.ui.operations import Changes, Operations
from desk.ui.reply_import import ReplyImportFlow
from desk.ui.workspace_screens import WorkspaceScreens


class MainWindow(QMainWindow):
    unit_changed = Signal()

    def __init__(self, workspace, app_settings: options.Settings, parent=None, *, first_figures=None):
        super().__init__(parent)
        self._workspace = workspace
        self._settings = app_settings
        self._unit: Unit = workspace.require_unit()
        self._shown_once = False
        self.signed_out = False         # closed to let another person sign in (the start loop reopens)
        self.operations = Operations(workspace, self)
        self.context = WindowContext(workspace, self._unit, app_settings, self.operations,
                                     first_figures=first_figures)
        self.shared = None
        if workspace.engine.dialect.name != "sqlite":    # other clerks' writes, heard as the server tells them
            from desk.ui.shared_changes import SharedChanges

            self.shared = self.context.shared = SharedChanges(workspace.engine, self)
            self.shared.start()
        self.actions = build_actions(self)
        self.context.shared_actions = [self.actions[ActionId.LOCK_NOW], self.actions[ActionId.GUIDE]]
        self._build_ui()
        self._connect()
        self.safety = DataSafety(self, workspace, app_settings)   # backups, restore, users, idle lock
        self.importing = ImportFlow(self, self.context)             # import from Excel, templates
        self.replies = ReplyImportFlow(self, workspace, app_settings)   # answers from the province, the ministry
        self.list_export = ListExport(self, self.context)            # Ctrl+E and Ctrl+P of the list shown
        self.raiser = WindowRaiser(self, workspace.folder)           # a second start brings this window forward
        connect_actions(self.actions, {"window": self, "safety": self.safety, "imports": self.importing,
                                       "replies": self.replies})
        self.retranslate_ui()

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
        self.splitter = QSplitter()
        self.splitter.setObjectName("splitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        self.setCentralWidget(self.splitter)
        self.file_menu = self.menuBar().addMenu("")
        self.record_menu = self.menuBar().addMenu("")
        self.record_menu.setObjectName("record_menu")
        # Ctrl+1..9 switch screens, the keyboard's way round the navigation list, and Ctrl+0 (the key after 9)
        # opens the Reports screen, the last of eleven.
        self.view_menu = self.menuBar().addMenu("")
        self.screen_actions: list[QAction] = []
        for row, name in enumerate(self.stack.names):
            action = QAction(self)
            action.setObjectName(f"go_{name}")
            if name == "reports":
                action.setShortcut(QKeySequence("Ctrl+0"))
            elif row < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _checked=False, row=row: self.show_screen_row(row))
            self.view_menu.addAction(action)
            self.screen_actions.append(action)
        self.data_menu = self.menuBar().addMenu("")
        self.help_menu = self.menuBar().addMenu("")
        fill_menus({"file": self.file_menu, "records": self.record_menu, "data": self.data_menu,
                    "help": self.help_menu}, self.actions)
        toolbar = self.addToolBar("main")
        toolbar.setObjectName("toolbar")
        toolbar.setMovable(False)
        for action_id in TOOLBAR:
            toolbar.addAction(self.actions[action_id])
        self.resize(window_state.PREFERRED)
        self.setMinimumSize(window_state.MINIMUM)

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
        self.stack.built.connect(self._on_screen_built)
        self.nav.currentRowChanged.connect(self.stack.show_index)
        self.nav.currentRowChanged.connect(self._update_actions)
        self.more.navigate.connect(lambda name: self.nav.setCurrentRow(self.stack.index_of(name)))
        self.operations.undo_available.connect(self._on_undo_available)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Desk – %s") % self._unit.display)
        self.file_menu.setTitle(self.tr("&File"))
        self._on_undo_available(self.operations.undo_text())
        self.record_menu.setTitle(self.tr("&Records"))
        self.data_menu.setTitle(self.tr("&Data"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.view_menu.setTitle(self.tr("&View"))
        for row, name in enumerate(self.stack.names):
            title = self.tr("Reports") if name == "reports" else self.more.title(name)
            self.nav.item(row).setText(title)
            self.screen_actions[row].setText(title)
        # The navigation is as wide as its longest name: "Khó khăn, vướng mắc" is never cut to "Khó khăn,".
        self.nav.setMinimumWidth(self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 8)
        self.nav.setMaximumWidth(max(self.nav.minimumWidth(), 220))
        self.splitter.setSizes([self.nav.minimumWidth(), max(self.width() - self.nav.minimumWidth(), 1)])
        self._update_actions()

    def _on_undo_available(self, text: str) -> None:
        action = self.actions[ActionId.UNDO]
        action.setEnabled(bool(text))
        action.setText(text or self.tr("&Undo"))

    def current_screen(self) -> QWidget:
        return self.stack.currentWidget()

    def show_screen_row(self, row: int) -> None:
        """Show the screen at this row of the navigation, with the keyboard focus in it."""
        self.nav.setCurrentRow(row)
        self.stack.currentWidget().setFocus()
        focus = self.stack.currentWidget().focusWidget() or self.stack.currentWidget().nextInFocusChain()
        if focus is not None and self.stack.currentWidget().isAncestorOf(focus):
            focus.setFocus()

    def _update_actions(self, *_args) -> None:
        """Record commands act on the register shown; the overview and staffing view have none to edit."""
        is_register = self.more.register_screen(self.current_screen()) is not None
        for action_id in (ActionId.EDIT_RECORD, ActionId.VOID_RECORD, ActionId.SHOW_VOIDED, ActionId.COLUMNS,
                          ActionId.PRINT_LIST):
            self.actions[action_id].setEnabled(is_register)
        self.actions[ActionId.NEW_RECORD].setEnabled(self.more.can_add_from(self.current_screen()))
        # "Export this list": a register, the staffing view or the Reports screen has one; the overview has not.
        self.actions[ActionId.EXPORT_LIST].setEnabled(self.stack.name_of(self.current_screen()) != "dashboard")

    def _on_screen_built(self, _name: str, screen: QWidget) -> None:
        """A register's rows offer the record commands on a right click (or the keyboard's menu key)."""
        if self.more.register_screen(screen) is None:
            return
        screen.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action_id in ROW_MENU:
            screen.table.addAction(self.actions[action_id])

    def choose_columns(self) -> None:
        screen = self.more.register_screen(self.current_screen())
        if screen is not None:
            header = screen.table.horizontalHeader()
            screen.column_menu().popup(header.mapToGlobal(header.rect().bottomLeft()))

    def new_record(self) -> None:
        target = self.more.new_record_target(self.current_screen())
        if target is not None:
            target.new_record()

    def edit_record(self) -> None:
        self.current_screen().edit_current()

    def void_record(self) -> None:
        self.current_screen().void_current()

    def show_voided(self, on: bool) -> None:
        self.current_screen().show_voided.setChecked(on)

    def undo(self) -> None:
        self.operations.undo(self)

    def find(self) -> None:
        """Ctrl+F searches the register shown; from the overview, the obstacles; from staffing, the officials."""
        target = self.more.search_target(self.current_screen())
        if target is not self.current_screen():
            self.nav.setCurrentRow(self.stack.index_of(self.stack.name_of(target)))
        target.focus_search()

    # -- commands ----------------------------------------------------------------------------
    def export_list(self) -> None:
        """Ctrl+E: the register's list as the clerk filtered it; on the Reports screen, the selected period's
        draft; elsewhere (the overview, the staffing view) the report of a period."""
        screen = self.more.register_screen(self.current_screen())
        if screen is not None:
            self.list_export.export(screen)
        elif self.stack.name_of(self.current_screen()) == "reports":
            self.reports.export_selected(submit=False)
        else:
            self.export_report()

    def print_list(self):
        """Ctrl+P: a print preview of the register's list as shown."""
        screen = self.more.register_screen(self.current_screen())
        return self.list_export.preview(screen) if screen is not None else None

    def export_report(self) -> None:
        if self.stack.name_of(self.current_screen()) == "reports":      # there: the selected period's report
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
        from desk.services import (
            obstacle_report,  # openpyxl loads on first export, not at start-up
        )

        def done(data) -> None:
            self._settings.set(options.EXPORT_FOLDER, str(path.parent))
            messages.exported(self, self.tr("The report for {period} was saved ({count} obstacles):\n{path}").format(
                period=period.label_vi, count=len(data.rows), path=path), path)

        self.operations.write_in_background(
            self, lambda session: obstacle_report.export(session, self._unit, period, path),
            title=self.tr("Writing the report..."), on_done=done)

    def open_settings(self) -> None:
        """The settings screen; everything on it is the administrator's, and each change is audited."""
        if not self.safety.allowed(Permission.CHANGE_SETTINGS):
            return
        from desk.services import choice_lists, server_setup, settings
        from desk.ui.settings_dialog import SettingsDialog, SettingsValues

        with self._workspace.session() as session:
            values = SettingsValues(
                groups=settings.groups_for(session, self._unit),
                lists={name: (spec.label, choice_lists.items(session, name))
                       for name, spec in choice_lists.editable_lists().items()},
                preferences=self._settings.preferences(),
                server=self._settings.server(),
                check_server=lambda address, password: server_setup.check_connection(
                    self._workspace.folder, address, password),
                server_override=self._server_override())
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
        self._keep_server(*dialog.server())

    def _server_override(self) -> str | None:
        """Why the server chosen in Settings is not the one this run uses: an address given at start."""
        from desk.store import server

        given = os.environ.get(server.URL_ENV)
        if not given or given == self._settings.server().url():
            return None
        return self.tr("This Desk was started with the address «{address}» (--database or DESK_DATABASE_URL), "
                       "which comes before the choice on this page.").format(
            address=server.parse_url(given).render_as_string(hide_password=True).replace("+psycopg", ""))

    def _keep_server(self, chosen, password: str) -> None:
        """This computer's data server into its INI file, the password into the OS keyring only."""
        from desk.store import server

        before = self._settings.server()
        self._settings.keep(chosen)
        said = []
        address = chosen.url()
        if address and password:
            if not server.keep_password(server.parse_url(address), password):
                said.append(self.tr("This computer has no password store Desk can use, so the password was not "
                                    "kept: Desk will ask for it at each start."))
        if chosen != before:
            said.append(self.tr("The data server applies the next time Desk starts."))
        if said:
            messages.info(self, "\n\n".join(said))

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

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:         # the navigation's width as the clerk left it, once the window has its size
            self._shown_once = True
            window_state.restore_splitter(self.splitter, self._settings)

    def sign_out(self) -> None:
        """On a shared PC: close this person's window; the start loop asks who signs in next."""
        self.signed_out = True
        if not self.close():
            self.signed_out = False

    def show_guide(self):
        """F1: how to do a day's work in Desk, and every shortcut, in the window's language."""
        from desk.ui.guide_dialog import GuideDialog

        dialog = GuideDialog(self.actions, self.screen_actions, parent=self)
        dialog.open()
        return dialog

    def _unsaved_forms(self) -> list:
        from desk.ui.record_form import RecordForm

        return [form for form in self.findChildren(RecordForm) if form.isVisible() and form.is_changed()]

    def closeEvent(self, event) -> None:
        # Signing out asks about signing out: the clerk did not ask to close Desk.
        question = (self.tr("A form has changes that are not saved. Sign out anyway and lose them?")
                    if self.signed_out else
                    self.tr("A form has changes that are not saved. Close Desk anyway and lose them?"))
        if self._unsaved_forms() and not messages.confirm(self, question):
            event.ignore()
            return
        self.operations.wait()     # an export or check running on a worker thread finishes first
        window_state.save_window(self, self._settings)
        window_state.save_splitter(self.splitter, self._settings)
        self.safety.on_close()     # a verified backup of what changed, before the window goes
        if self.shared is not None:
            self.shared.stop()
        super().closeEvent(event)

    def show_about(self) -> None:
        messages.info(self, self.tr("Desk %s\nRecords and reports of the commune-level People's Committee.\n"
                                    "Data folder: %s") % (__version__, self._workspace.folder))
