"""The window's import commands: File > Import from Excel... and File > Create import template..."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from desk import logs
from desk.domain.access import Permission
from desk.errors import UserError
from desk.ui import messages
from desk.ui import settings as options
from desk.ui.context import WindowContext
from desk.ui.operations import EVERYTHING, Cancelled

# The import machinery (openpyxl, calamine, legacy-encoding tables) loads when the clerk first
# imports, not at start-up: the window must open fast.


class ImportFlow(QObject):
    """Checks a file (and asks about legacy text) before the import dialog offers to write it."""

    checked = Signal(object)     # the import dialog opened for the checked file, or None

    def __init__(self, window, context: WindowContext):
        super().__init__(window)
        self._window, self._context = window, context
        self._workspace, self._settings = context.workspace, context.settings

    @property
    def _actor(self):
        return self._context.actor

    def _folder(self) -> Path:
        return Path(self._settings.get(options.EXPORT_FOLDER) or Path.home())

    def _allowed(self) -> bool:
        return self._context.allowed(self._window, Permission.ENTER_RECORDS)

    # -- import -----------------------------------------------------------------------------------
    def import_excel(self, path: Path | None = None) -> None:
        """Choose a file, check it in the background (a worker process reads it), then show the result.

        `checked` is emitted at the end with the import dialog, or None when there is none (the file
        refused, the clerk cancelled or declined).
        """
        if not self._allowed():
            self.checked.emit(None)
            return
        if path is None:
            chosen = messages.choose_file(self._window, self.tr("Import which Excel file?"), str(self._folder()),
                                          self.tr("Excel workbook (*.xlsx);;All files (*)"))
            if not chosen:
                self.checked.emit(None)
                return
            path = Path(chosen)
        self._check(path, None)

    def _check(self, path: Path, decision: bool | None) -> None:
        from desk.importers import worker
        from desk.services import importing

        actor = self._actor

        def work(progress):
            try:
                plan = importing.import_file(self._workspace, path, dry_run=True, convert_legacy=decision,
                                             actor=actor, cancelled=lambda: progress.cancelled)
            except worker.Cancelled:
                plan = None
            if plan is None or progress.cancelled:
                self.checked.emit(None)          # queued to the GUI thread; a cancel shows nothing
                raise Cancelled()
            return plan

        def failed(error) -> bool:
            if isinstance(error, UserError):
                messages.error(self._window, str(error))
            else:
                messages.unexpected(self._window, logs.current_file())
            self.checked.emit(None)
            return True

        self._context.operations.run_in_background(
            self._window, work, title=self.tr("Checking «{file}»...").format(file=path.name),
            on_done=lambda plan: self._on_checked(path, plan), on_error=failed)

    def _on_checked(self, path: Path, plan) -> None:
        from desk.ui.import_dialog import ImportDialog
        from desk.ui.legacy_dialog import LegacyDialog

        if plan.needs_legacy_decision:
            decision = LegacyDialog.ask(plan.legacy, self._window)
            if decision is None:
                self.checked.emit(None)
            else:
                self._check(path, decision)
            return
        if plan.needs_again_decision:
            if not messages.confirm(self._window, self.tr("{question}\n\nImport it once more?").format(
                    question=plan.again_question())):
                self.checked.emit(None)
                return
            plan.again = True
        self._settings.set(options.EXPORT_FOLDER, str(path.parent))
        dialog = ImportDialog(self._workspace, plan, actor=self._actor, folder=path.parent, parent=self._window,
                              operations=self._context.operations)
        dialog.imported.connect(self._on_imported)
        dialog.open()
        self.checked.emit(dialog)

    def _on_imported(self, plan) -> None:
        self._context.operations.changed.emit(EVERYTHING)     # an import may touch several registers
        messages.info(self._window, self.tr("Imported from «{file}»: {summary}.").format(
            file=plan.path.name, summary=plan.summary()))

    # -- templates --------------------------------------------------------------------------------
    def make_template(self) -> Path | None:
        current = self._window.current_screen().objectName().removeprefix("register_") \
            if hasattr(self._window, "current_screen") else None
        from desk.domain.registers import register
        from desk.ui.template_dialog import TemplateDialog

        dialog = TemplateDialog(current, parent=self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        reg = register(dialog.register_name())
        suggested = self._folder() / f"Mau-nhap-lieu_{reg.name}.xlsx"
        chosen = messages.choose_save_file(self._window, self.tr("Save the template as"), str(suggested),
                                           self.tr("Excel workbook (*.xlsx)"))
        if not chosen:
            return None
        path = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
        from desk.services import templates

        done = self._context.operations.run(
            self._window, lambda session: templates.export_template(session, reg, self._workspace.unit(), path,
                                                                    with_records=dialog.with_records.isChecked()))
        if not done.ok:
            return None
        count = done.value or 0
        self._settings.set(options.EXPORT_FOLDER, str(path.parent))
        if dialog.with_records.isChecked():
            text = self.tr("The import template for «{register}», with %n record(s), was saved:\n{path}", "", count)
        else:
            text = self.tr("The import template for «{register}» was saved:\n{path}")
        messages.info(self._window, text.format(register=reg.label, path=path))
        return path
