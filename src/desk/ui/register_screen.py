"""A register's list: search, filters, sortable columns, and the commands on its records."""

from __future__ import annotations

import time
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.domain.formats import format_date_vi
from desk.domain.lang import t
from desk.domain.periods import PeriodError, parse_date_vi
from desk.domain.register import Register
from desk.domain.registers import REGISTERS
from desk.services import record_list, records
from desk.ui import messages
from desk.ui.context import WindowContext
from desk.ui.error_line import ERROR_STYLE
from desk.ui.flow_layout import FlowLayout
from desk.ui.operations import Changes
from desk.ui.period_picker import AsOfPicker
from desk.ui.record_form import RecordForm, short_title
from desk.ui.record_model import RecordTableModel
from desk.ui.tables import make_table
from desk.ui.window_state import HeaderMemory

# Pixels per declared character of width: the declaration's Excel width drives the table too.
PIXELS_PER_CHAR = 8
POLL_MS = 5_000            # how often a list on a shared server looks whether others changed it
# While the server's notices are heard (ui.shared_changes), the poll only covers a notice missed
# while the listening connection was being re-made.
FALLBACK_POLL_S = 60


# The column a clerk reads a row by (an obstacle's content, a person's name) gets room for a phrase.
TITLE_WIDTH = 340


def size_columns(table: QTableView, columns, title: str | None = None) -> None:
    """Widths from the declaration, with room for the header and its sort arrow (no clipped header)."""
    metrics = table.horizontalHeader().fontMetrics()
    for i, spec in enumerate(columns):
        header = metrics.horizontalAdvance(spec.label) + 28
        width = max(spec.width * PIXELS_PER_CHAR, min(header, 260))
        table.setColumnWidth(i, max(width, TITLE_WIDTH) if spec.name == title else width)


def _name_whole_choice(combo: QComboBox) -> None:
    """The chosen entry whole on hovering the box: a long one ("Ủy ban nhân dân thành phố Hải Phòng") is
    cut to the box's width."""
    combo.setToolTip(combo.currentText() if combo.currentData() is not None else "")


def _labelled(*widgets: QWidget) -> QWidget:
    """Labels and their boxes kept together on one row of the filter bar (a label names the box after it)."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    for widget in widgets:
        row.addWidget(widget)
        if isinstance(widget, QLabel):
            widget.setBuddy(widgets[widgets.index(widget) + 1])
    return holder


class RegisterScreen(QWidget):
    """A register's list; it reads again when its own records, or the records of a register that
    `affects` it, change (context.operations.changed)."""

    def __init__(self, context: WindowContext, register: Register, *, parent=None):
        super().__init__(parent)
        self._context, self._register = context, register
        self._workspace, self._unit_code, self._today = context.workspace, context.unit.code, context.today
        self._shown = frozenset({register.name, *(r.name for r in REGISTERS.values() if register.name in r.affects)})
        self._filters: dict[str, QComboBox] = {}
        self._applying = False
        self._build_ui()
        self._connect()
        self.retranslate_ui()
        self.refresh()

    # -- construction ------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.setObjectName(f"register_{self._register.name}")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # The controls flow onto a second (third) row when the window is narrow: nothing is squeezed to "T…".
        self.filter_bar = QWidget()
        self.filter_bar.setObjectName("filter_bar")
        bar = FlowLayout(self.filter_bar)
        bar.addWidget(self.search)
        self._filter_labels: dict[str, QLabel] = {}
        with self._workspace.session() as session:
            for entry in self._register.filters:
                name = entry.field
                combo = QComboBox()
                combo.setObjectName(f"filter_{name}")
                combo.addItem("", None)
                for group in entry.groups:
                    combo.addItem(group.label, group.key)
                for choice in records.choices(session, self._register, name, include_inactive=True,
                                              unit_code=self._unit_code):
                    combo.addItem(choice.label, choice.code)
                combo.setMinimumContentsLength(12)
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)   # the list shows whole labels
                self._filters[name] = combo
                self._filter_labels[name] = QLabel()
                bar.addWidget(_labelled(self._filter_labels[name], combo))
        self.date_from, self.date_to = QLineEdit(), QLineEdit()
        self.dates_label, self.dates_to_label = QLabel(), QLabel()
        for edit, name in ((self.date_from, "date_from"), (self.date_to, "date_to")):
            edit.setObjectName(name)
            edit.setFixedWidth(112)
        bar.addWidget(_labelled(self.dates_label, self.date_from, self.dates_to_label, self.date_to))
        # A register whose state is dated can be looked at as it stood at a period's end.
        self.as_of = AsOfPicker(self._today) if self._register.history is not None else None
        self.as_of_label = QLabel()
        if self.as_of is not None:
            bar.addWidget(_labelled(self.as_of_label, self.as_of))
        self.show_voided = QCheckBox(self.filter_bar)
        self.show_voided.setObjectName("show_voided")
        bar.addWidget(self.show_voided)
        self.only_flagged = QCheckBox(self)
        self.only_flagged.setObjectName("only_flagged")
        self.only_flagged.setVisible(self._register.flag is not None)
        # A selection a click-through made that no control can express ("open on 14/09/2025"): a
        # (label, condition) shown as a chip; clicking it removes it.
        self._where = None
        self.where_chip = QPushButton(self)
        self.where_chip.setObjectName("where_chip")
        self.where_chip.hide()

        self.model = RecordTableModel(self._register, self)
        # Filtered and sorted in SQL, searched in memory, rows read as they are shown (fast at 100k).
        self.model.set_source(record_list.for_register(self._workspace.session, self._register, self._unit_code))
        self.table = make_table("table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        # Newest first: what a clerk works on is usually what came in last (people: by name).
        self.table.horizontalHeader().setSortIndicator(
            self.model.column_of(self._register.list_sort or self._register.date_field),
            Qt.SortOrder.AscendingOrder if self._register.list_sort_ascending else Qt.SortOrder.DescendingOrder)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        size_columns(self.table, self.model.columns(), self._register.title_field)
        # The clerk's columns (order, widths, hidden ones) come back as she left them, per register.
        self.columns_memory = HeaderMemory(self.table.horizontalHeader(), self._context.settings,
                                           self._register.name)
        self.table.horizontalHeader().setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.date_error = QLabel()
        self.date_error.setStyleSheet(ERROR_STYLE)
        self.date_error.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.date_error)
        layout.addWidget(self.table, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.where_chip)
        footer.addWidget(self.only_flagged)
        layout.addLayout(footer)
        # Searching on every keystroke, after a short pause, keeps typing smooth.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        # On a shared server other clerks change the list: the server tells which register (LISTEN/NOTIFY),
        # and a cheap look every few seconds (the trail's last row) when it cannot; the list is read again
        # where it was when it moved on.
        self._seen_version: int | None = None
        self._polled_at = 0.0
        self._stale = False
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)

    def _connect(self) -> None:
        if self._workspace.engine.dialect.name != "sqlite":
            self.poll_timer.timeout.connect(self._on_poll_timer_timeout)
            self.poll_timer.start()
            if self._context.shared is not None:
                self._context.shared.changed.connect(self._on_shared_changed)
        self.search.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.requery)
        self.search.returnPressed.connect(self._on_search_return)
        for combo in self._filters.values():
            combo.currentIndexChanged.connect(self.requery)
            combo.currentIndexChanged.connect(lambda _index, box=combo: _name_whole_choice(box))
        for edit in (self.date_from, self.date_to):
            edit.editingFinished.connect(self.requery)
        self.show_voided.toggled.connect(self.requery)
        if self.as_of is not None:
            self.as_of.changed.connect(self.requery)
        self.only_flagged.toggled.connect(self.requery)
        self.where_chip.clicked.connect(lambda: self._set_where(None))
        self.table.horizontalHeader().customContextMenuRequested.connect(
            lambda pos: self.column_menu().popup(self.table.horizontalHeader().mapToGlobal(pos)))
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.table.activated.connect(lambda _index: self.edit_current())
        self._context.operations.changed.connect(self._on_changed)

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search (Ctrl+F): no accents needed, e.g. \"ngo quyen\""))
        for entry in self._register.filters:
            self._filters[entry.field].setItemText(0, self.tr("All"))
            short = t(entry.vi, entry.en) if entry.vi else self._register.spec[entry.field].label
            self._filter_labels[entry.field].setText(short + ":")
        if self.as_of is not None:
            self.as_of_label.setText(self.tr("As of:"))
            self.as_of.setToolTip(self.tr("The states shown: today's, or as they stood at the end of a period"))
        # Which date the boxes filter on: the one that places a record in a period.
        date_label = self._register.spec[self._register.date_field].label
        self.dates_label.setText(date_label + ":")
        self.dates_to_label.setText("–")
        self.date_from.setToolTip(self.tr("%s from (dd/mm/yyyy)") % date_label)
        self.date_to.setToolTip(self.tr("%s up to (dd/mm/yyyy)") % date_label)
        self.date_from.setPlaceholderText(self.tr("from dd/mm/yyyy"))
        self.date_to.setPlaceholderText(self.tr("to dd/mm/yyyy"))
        self.show_voided.setText(self.tr("Show voided"))
        flag_text = self._register.flag.label if self._register.flag else ""
        self.model.set_flag_tip(flag_text)
        self.only_flagged.setText(self.tr("Only: %s") % flag_text.lower())
        self._update_status()

    # -- data -------------------------------------------------------------------------------
    def _date_filter(self, edit: QLineEdit) -> date | None:
        text = edit.text().strip()
        return parse_date_vi(text) if text else None

    def current_query(self) -> records.RecordQuery:
        try:
            date_from, date_to = self._date_filter(self.date_from), self._date_filter(self.date_to)
            self.date_error.hide()
        except PeriodError as exc:
            self.date_error.setText(str(exc))
            self.date_error.show()
            date_from = date_to = None
        equals, where = {}, []
        for entry in self._register.filters:
            chosen = self._filters[entry.field].currentData()
            group = next((g for g in entry.groups if g.key == chosen), None)
            if group is not None:
                where.append(group.condition)
            elif chosen is not None:
                equals[entry.field] = frozenset({chosen})
        if self._where is not None:
            where.append(self._where[1])
        as_of = None if self.as_of is None or self.as_of.is_today() else self.as_of.day()
        return records.RecordQuery(unit_code=self._unit_code, search=self.search.text(), equals=equals,
                                   date_from=date_from, date_to=date_to, where=tuple(where), as_of=as_of,
                                   include_voided=self.show_voided.isChecked(), today=self._today())

    def refresh(self) -> None:
        """Show the records again: the data may have changed (a save, a void, an import)."""
        self._show(reload=True)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(self._shown, settings=True):
            if self._workspace.engine.dialect.name != "sqlite":
                # The server's notice of this Desk's own save then finds the list already read: read
                # before the list, so that another clerk's save in between is read again, not missed.
                with self._workspace.session() as session:
                    self._seen_version = records.data_version(session)
            self.refresh()

    def requery(self) -> None:
        """Show what the controls now ask for (search, filters, dates, voided, only flagged)."""
        self._show(reload=False)

    def _on_shared_changed(self, registers: frozenset) -> None:
        """Another clerk's save reached the server: read the list again if it shows that register."""
        if not registers & self._shown:
            return
        if not self.isVisible():
            self._stale = True          # read again when shown
            return
        self._look(force=True)

    def _on_poll_timer_timeout(self) -> None:
        if not self.isVisible():
            return
        shared = self._context.shared
        if shared is not None and shared.listening and time.monotonic() - self._polled_at < FALLBACK_POLL_S:
            return
        self._look(force=False)

    def _look(self, *, force: bool) -> None:
        """Read the list again, keeping the clerk's place, when the trail moved on since last seen
        (force: a notice said this register changed; read again unless it was this Desk's own save)."""
        self._polled_at = time.monotonic()
        with self._workspace.session() as session:
            version = records.data_version(session)
        seen, self._seen_version = self._seen_version, version
        if version == seen or (seen is None and not force):
            return
        self._reload_in_place()

    def _reload_in_place(self) -> None:
        bar = self.table.verticalScrollBar()
        top = bar.value()
        self._show(reload=True)         # the selected record stays selected (_show)
        bar.setValue(top)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._reload_in_place()

    def _show(self, *, reload: bool) -> None:
        if self._applying:
            return
        selected = self.current_id()
        only_flagged = self._register.flag is not None and self.only_flagged.isChecked()
        self.model.show(self.current_query(), only_flagged=only_flagged, reload=reload)
        if not (selected and self.select_id(selected)):
            # The rows shown from the top: a list now shorter than where it was scrolled to would
            # otherwise paint its row numbers once for every row (Qt finds no section at the old place).
            self.table.scrollToTop()
        self._update_status()

    def set_filter(self, name: str, code: str | None) -> None:
        combo = self._filters[name]
        combo.setCurrentIndex(max(0, combo.findData(code)))

    def apply_filters(self, filters: dict) -> None:
        """Show exactly this selection (a click-through): field codes or group keys, "date_from",
        "date_to" (dates), "flagged" (bool); everything else is cleared. One refresh at the end."""
        self._applying = True
        try:
            self.search.clear()
            self._search_timer.stop()
            for name, combo in self._filters.items():
                combo.setCurrentIndex(max(0, combo.findData(filters.get(name))) if name in filters else 0)
            for key, edit in (("date_from", self.date_from), ("date_to", self.date_to)):
                value = filters.get(key)
                edit.setText(format_date_vi(value) if value else "")
            self.only_flagged.setChecked(bool(filters.get("flagged")))
            if self.as_of is not None:
                self.as_of.blockSignals(True)
                self.as_of.set_day(filters.get("as_of"))
                self.as_of.blockSignals(False)
            self.show_voided.setChecked(False)
            self._set_where(filters.get("where"))
        finally:
            self._applying = False
        self.refresh()

    def _set_where(self, where: tuple | None) -> None:
        """where: (label, condition on a row) or None."""
        self._where = where
        self.where_chip.setVisible(where is not None)
        if where is not None:
            self.where_chip.setText("✕ " + where[0])
            self.where_chip.setToolTip(self.tr("Click to remove this filter"))
        self.requery()

    def _update_status(self) -> None:
        shown = self.model.rowCount()
        flagged = self.model.flagged_count()
        # WORKAROUND: PySide6 6.12's tr() with a count looks only in the subclass's context (VisitScreen),
        # not in RegisterScreen's where lupdate put the string; name the context explicitly.
        text = QCoreApplication.translate("RegisterScreen", "%n record(s) shown", "", shown)
        if flagged:
            text += f" · {self._register.flag.label}: {flagged}"
        self.status.setText(text)

    # -- what is shown (for export and printing) ---------------------------------------------------
    @property
    def register(self) -> Register:
        return self._register

    def shown_rows(self) -> list[dict]:
        """The rows on screen, in the screen's order (searched, filtered, sorted)."""
        return [self.model.row_record(row) for row in range(self.model.rowCount())]

    def shown_day(self) -> date:
        """The day the states shown are for: today, or the "as of" day chosen."""
        return self._today() if self.as_of is None or self.as_of.is_today() else self.as_of.day()

    def selection_text(self) -> str:
        """The filters in force, in words, for the exported or printed list ("" when none)."""
        parts = []
        if self.search.text().strip():
            parts.append(self.tr("search «%s»") % self.search.text().strip())
        for name, combo in self._filters.items():
            if combo.currentIndex() > 0:
                parts.append(f"{self._filter_labels[name].text()} {combo.currentText()}")
        if self.date_from.text().strip() or self.date_to.text().strip():
            parts.append(f"{self.dates_label.text()} {self.date_from.text().strip() or '…'} – "
                         f"{self.date_to.text().strip() or '…'}")
        if self._where is not None:
            parts.append(self._where[0])
        if self._register.flag is not None and self.only_flagged.isChecked():
            parts.append(self.only_flagged.text())
        if self.show_voided.isChecked():
            parts.append(self.show_voided.text())
        return "; ".join(parts)

    # -- columns ---------------------------------------------------------------------------------
    def column_menu(self) -> QMenu:
        """Which columns the list shows (a right click on the headings, or Records > Columns...)."""
        menu = QMenu(self)
        menu.setObjectName("column_menu")
        header = self.table.horizontalHeader()
        for column, spec in enumerate(self.model.columns()):
            action = menu.addAction(spec.label)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            # The title column stays: a row must say what it is.
            action.setEnabled(spec.name != self._register.title_field)
            action.toggled.connect(lambda on, column=column: self.set_column_shown(column, on))
        menu.addSeparator()
        menu.addAction(self.tr("Restore the default columns"), self.reset_columns)
        return menu

    def set_column_shown(self, column: int, shown: bool) -> None:
        self.table.setColumnHidden(column, not shown)
        self.columns_memory.changed()

    def reset_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column in range(header.count()):
            header.moveSection(header.visualIndex(column), column)
            header.setSectionHidden(column, False)
        size_columns(self.table, self.model.columns(), self._register.title_field)
        self.columns_memory.changed()

    # -- selection and commands ----------------------------------------------------------------
    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.row_record(index.row())["id"] if index.isValid() else None

    def select_id(self, record_id: str) -> bool:
        """Select and show the record's row; False: it is not in the list."""
        row = self.model.row_of(record_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        return row >= 0

    def set_search(self, text: str) -> None:
        """Search at once (no typing pause): for click-throughs, tests and benchmarks."""
        self.search.setText(text)
        self._search_timer.stop()
        self.requery()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_search_return(self) -> None:
        self._search_timer.stop()
        self.requery()
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)

    def open_form(self, record: dict | None = None) -> RecordForm:
        form = RecordForm(self._context, self._register, record, parent=self)
        form.saved.connect(self.select_id)
        return form

    def new_record(self, prefill: dict | None = None) -> None:
        self.open_form(prefill).open()

    def edit_current(self) -> None:
        record_id = self.current_id()
        if not record_id:
            return
        record = self.model.row_record(self.table.currentIndex().row())
        if record["voided"]:
            messages.info(self, self.tr("This record is voided: %s") % (record.get("void_reason") or ""))
            return
        self.open_form(record).open()

    def void_current(self) -> None:
        record_id = self.current_id()
        if not record_id:
            return
        record = self.model.row_record(self.table.currentIndex().row())
        title = str(record.get(self._register.title_field) or "")
        # The dialog names the record; "Hủy" alone meant both "cancel" and "void": the buttons say what they do.
        reason = messages.ask_reason(
            self, self.tr("Void a record of «%s»") % self._register.label,
            self.tr("Void «{title}»?\n\nThe record stays in the database, with the reason and who voided it, "
                    "but leaves the register and the reports. Ctrl+Z takes it back while Desk is open.").format(
                title=title if len(title) <= 200 else title[:200] + "…"),
            self.tr("&Void the record"), self.tr("&Keep it"))
        if reason is None:
            return
        self._context.operations.record_step(
            self, self._register.name,
            lambda session: records.void(session, self._register, record_id, reason, actor=self._context.actor)
            or record_id,
            self.tr("Undo: void «%s»") % short_title(title))

    def show_history(self) -> None:
        """Who created and changed the selected record, field by field ("Lịch sử")."""
        from desk.ui.history_dialog import HistoryDialog

        record_id = self.current_id()
        if not record_id:
            messages.info(self, self.tr("Select a record to see its history."))
            return
        HistoryDialog(self._workspace, self._register, record_id, parent=self).open()
