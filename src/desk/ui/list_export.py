"""The list the clerk is looking at, as she filtered it: to Excel (Ctrl+E) or to the printer (Ctrl+P)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QPageLayout, QTextDocument
from PySide6.QtWidgets import QWidget

from desk.domain.formats import format_date_vi
from desk.ui import messages
from desk.ui import settings as options

# A printed list longer than this is cut, and says so: a clerk prints a page or ten, not 100k rows.
PRINT_LIMIT = 2_000


class ListExport(QObject):
    """Attached to the main window; acts on the register screen shown."""

    def __init__(self, window, context):
        super().__init__(window)
        self._window, self._context = window, context

    def _folder(self) -> Path:
        return Path(self._context.settings.get(options.EXPORT_FOLDER) or Path.home())

    # -- Excel ----------------------------------------------------------------------------------
    def export(self, screen) -> Path | None:
        """Ask where, then write the shown rows on a worker thread; the clerk can open the file or its folder."""
        register = screen.register
        today = self._context.today()
        suggested = self._folder() / f"{register.listing.file_stem}_{today:%Y-%m-%d}.xlsx"
        chosen = messages.choose_save_file(self._window, self.tr("Save the list as"), str(suggested),
                                           self.tr("Excel workbook (*.xlsx)"))
        if not chosen:
            return None
        path = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
        rows = screen.shown_rows()
        selection = screen.selection_text()
        on = screen.shown_day()
        unit = self._context.unit

        def write(session):
            from desk.services import register_report  # openpyxl loads on the first export

            register_report.export_shown(session, unit, register.name, rows, path, on=on, signed_on=today,
                                         selection=selection)
            return len(rows)

        def done(count: int) -> None:
            self._context.settings.set(options.EXPORT_FOLDER, str(path.parent))
            messages.exported(self._window, self.tr("The list was saved (%n record(s)):", "", count)
                              + f"\n{path}", path)

        self._context.operations.write_in_background(
            self._window, write, title=self.tr("Writing the list to Excel..."), on_done=done)
        return path

    # -- printing -------------------------------------------------------------------------------
    def document(self, screen) -> QTextDocument:
        """The shown rows as a table: the register's name, the selection, the visible columns in screen order."""
        table = screen.table
        header = table.horizontalHeader()
        shown = (header.logicalIndex(v) for v in range(header.count()))
        columns = [c for c in shown if not header.isSectionHidden(c)]
        model = table.model()
        count = model.rowCount()
        heading = "".join(f"<th>{escape(str(model.headerData(c, header.orientation())))}</th>" for c in columns)
        body = []
        for row in range(min(count, PRINT_LIMIT)):
            cells = "".join(f"<td>{escape(str(model.index(row, c).data() or ''))}</td>" for c in columns)
            body.append(f"<tr>{cells}</tr>")
        unit = self._context.unit
        as_of = self.tr("as of %s") % format_date_vi(screen.shown_day())
        counted = self.tr("%n record(s)", "", count)
        lines = [f"<h3>{escape(screen.register.label.upper())}</h3>",
                 f"<p>{escape(unit.display)} · {escape(as_of)} · {escape(counted)}</p>"]
        if screen.selection_text():
            filtered = self.tr("Filtered by: %s") % screen.selection_text()
            lines.append(f"<p>{escape(filtered)}</p>")
        if count > PRINT_LIMIT:
            cut = self.tr("Only the first %s rows are printed; export to Excel for all.") % PRINT_LIMIT
            lines.append(f"<p><b>{escape(cut)}</b></p>")
        html = ("<html><body style='font-size:9pt'>" + "".join(lines)
                + "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
                + f"<thead><tr>{heading}</tr></thead><tbody>{''.join(body)}</tbody></table></body></html>")
        document = QTextDocument(self)
        document.setHtml(html)
        return document

    def preview(self, screen) -> QWidget:
        """Print preview (landscape A4) of the shown list; the clerk prints from there."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        document = self.document(screen)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        dialog = QPrintPreviewDialog(printer, self._window)
        dialog.setObjectName("printPreview")
        dialog.setWindowTitle(self.tr("Print: %s") % screen.register.label)
        dialog.paintRequested.connect(document.print_)
        dialog.finished.connect(dialog.deleteLater)
        dialog.resize(self._window.size() * 0.9)
        dialog.open()
        return dialog

