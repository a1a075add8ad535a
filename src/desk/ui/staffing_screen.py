"""The staffing view: frame, actual, surplus and shortage per office and in total; deputies against caps."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desk.domain.periods import PeriodError, format_date_vi, parse_date_vi
from desk.domain.registers.officials import STAFF_CATEGORIES
from desk.domain.staffing import Line
from desk.services import staffing
from desk.services.staffing import StaffingView
from desk.ui.context import WindowContext
from desk.ui.error_line import ERROR_STYLE
from desk.ui.tables import make_table

SHORTAGE = QColor("#b42318")
SURPLUS = QColor("#b54708")
TOTAL_BACKGROUND = QColor("#eef2f6")
OFFICE_ROLE = Qt.ItemDataRole.UserRole

_Index = QModelIndex | QPersistentModelIndex


class StaffingModel(QAbstractTableModel):
    """Rows: the total first (its surplus and shortage the rows' sums, as the reports print it), then each
    office and its job positions, then the unit's own surplus and shortage; read-only."""

    KEYS = ("label", "frame", "actual", "away", "guests", "others", "surplus", "shortage")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[dict[str, object], str, bool]] = []      # (values by key, office, is a total)
        self._headers = [""] * len(self.KEYS)

    def set_headers(self, headers: list[str]) -> None:
        self._headers = headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.KEYS) - 1)

    def set_view(self, view: StaffingView, total_label: str, net_label: str) -> None:
        table = view.table

        def values(label: str, line: Line) -> dict[str, object]:
            return {"label": label, **{key: getattr(line, key) for key in self.KEYS[1:]}}

        self.beginResetModel()
        self._rows = [({**values(total_label, table.total), "surplus": table.rows_surplus,
                        "shortage": table.rows_shortage}, "", True)]
        for line in table.lines:
            label = f"    – {line.job_position}" if line.job_position else view.office_label(line.office)
            self._rows.append((values(label, line), line.office, False))
        self._rows.append(({"label": net_label, "surplus": table.total.surplus, "shortage": table.total.shortage},
                           "", True))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.KEYS):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) \
                or not (0 <= index.column() < len(self.KEYS)):
            return None
        values, office, total = self._rows[index.row()]
        key = self.KEYS[index.column()]
        value = values.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return "—" if key in ("frame", "surplus", "shortage") and key in values else ""
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and key != "label":
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "shortage" and value:
                return QBrush(SHORTAGE)
            if key == "surplus" and value:
                return QBrush(SURPLUS)
        if role == Qt.ItemDataRole.FontRole and (total or (key in ("surplus", "shortage") and value)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and total:
            return QBrush(TOTAL_BACKGROUND)
        if role == OFFICE_ROLE:
            return office or None
        return None


class StaffingScreen(QWidget):
    """Breaches are flagged in red, never blocked; a row opens the officials of that office."""

    open_register = Signal(str, dict)

    # The staffing view compares the frames with the officials and movements on a day.
    READS = frozenset({"officials", "staffing", "movements"})

    def __init__(self, context: WindowContext, parent=None):
        super().__init__(parent)
        self._workspace, self._unit, self._today = context.workspace, context.unit, context.today
        context.operations.changed.connect(
            lambda changes: self.refresh() if changes.touches(self.READS, settings=True) else None)
        self.view: StaffingView | None = None
        self._build_ui()
        self._connect()
        self.retranslate_ui()          # fills the table too

    def _build_ui(self) -> None:
        self.setObjectName("staffingScreen")
        self.title = QLabel()
        self.title.setObjectName("title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.on_label = QLabel()
        self.on_date = QLineEdit()
        self.on_date.setObjectName("on_date")
        self.on_date.setMaximumWidth(120)
        self.on_label.setBuddy(self.on_date)
        self.date_error = QLabel()
        self.date_error.setStyleSheet(ERROR_STYLE)
        self.frames_button = QPushButton()
        self.frames_button.setObjectName("frames")
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.on_label)
        bar.addWidget(self.on_date)
        bar.addWidget(self.date_error)
        bar.addWidget(self.frames_button)

        self.model = StaffingModel(self)
        self.table = make_table("table")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.table.horizontalHeader().setMinimumHeight(46)
        # The numbers keep their width; the office names take what is left, so surplus and shortage (the
        # last columns, the point of the view) stay on screen at 1024 pixels.
        for column in range(1, len(StaffingModel.KEYS)):
            self.table.setColumnWidth(column, 88)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #475467;")

        self.deputy_box = QGroupBox()
        self.deputy_pool = QPushButton()
        self.deputy_pool.setObjectName("deputy_pool")
        self.deputy_detail = QLabel()
        self.deputy_detail.setObjectName("deputy_detail")
        self.deputy_detail.setWordWrap(True)
        self.vice_chairs = QPushButton()
        self.vice_chairs.setObjectName("vice_chairs")
        for button in (self.deputy_pool, self.vice_chairs):
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet("text-align: left; padding: 2px;")
        deputies = QVBoxLayout(self.deputy_box)
        deputies.addWidget(self.deputy_pool)
        deputies.addWidget(self.deputy_detail)
        deputies.addWidget(self.vice_chairs)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.deputy_box)
        QWidget.setTabOrder(self.on_date, self.frames_button)
        QWidget.setTabOrder(self.frames_button, self.table)
        QWidget.setTabOrder(self.table, self.deputy_pool)
        QWidget.setTabOrder(self.deputy_pool, self.vice_chairs)

    def _connect(self) -> None:
        self.on_date.editingFinished.connect(self.refresh)
        self.table.activated.connect(self._on_table_activated)
        self.table.doubleClicked.connect(self._on_table_activated)
        self.frames_button.clicked.connect(lambda: self.open_register.emit("staffing", {}))
        self.deputy_pool.clicked.connect(lambda: self.open_register.emit("officials", {"title": "deputy"}))
        self.vice_chairs.clicked.connect(lambda: self.open_register.emit("officials", {"title": "vice_chair"}))

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Staffing: frame, actual, surplus and shortage"))
        self.on_label.setText(self.tr("&As at:"))
        self.on_date.setPlaceholderText("dd/mm/yyyy")
        self.frames_button.setText(self.tr("Staffing &frames..."))
        self.deputy_box.setTitle(self.tr("Deputies (flagged, not blocked)"))
        self.model.set_headers([self.tr("Office / job position"), self.tr("Frame"), self.tr("Actual"),
                                self.tr("Of whom seconded out"), self.tr("Seconded in (not counted)"),
                                self.tr("Outside the frame"), self.tr("Surplus"), self.tr("Shortage")])
        self.refresh()

    def as_at(self) -> date:
        """The day typed in "As at" (today when empty); a bad date is shown beside it and today used."""
        text = self.on_date.text().strip()
        self.date_error.setText("")
        if not text:
            return self._today()
        try:
            day = parse_date_vi(text)
        except PeriodError as exc:
            self.date_error.setText(str(exc))
            return self._today()
        return day

    def refresh(self) -> None:
        on = self.as_at()
        with self._workspace.session() as session:
            self.view = staffing.view(session, self._unit, on)
        self.model.set_view(self.view, self.tr("Total"), self.tr("Whole unit (offices offsetting each other)"))
        view, d = self.view, self.view.deputies
        counted = ", ".join(c.label.lower() for c in STAFF_CATEGORIES if c.code in view.rules.counted_categories)
        self.note.setText(self.tr("As at {day}. Actual counts {categories} holding a post here, including those "
                                  "seconded out; people seconded in are shown apart and not counted. The total's "
                                  "surplus and shortage add up the offices'; the last row sets the whole unit's "
                                  "actual against its whole frame, one office's surplus offsetting another's "
                                  "shortage.")
                          .format(day=format_date_vi(on), categories=counted))
        if d.cap is None:       # before the rule on deputies took effect
            pool = self.tr("Deputies of the offices and the centre: {count} (no average cap in force on {day})"
                           ).format(count=d.deputies, day=format_date_vi(on))
        else:
            pool = self.tr("Deputies of the offices and the centre: {count} (cap {cap} = {average} on average × "
                           "{offices})").format(count=d.deputies, cap=d.cap, average=f"{d.average:g}",
                                                offices=len(d.per_office))
        if d.breach:
            pool += " — " + self.tr("%n over the cap", "", d.excess)
        self.deputy_pool.setText(pool)
        self.deputy_pool.setStyleSheet(_flag_style(d.breach))
        self.deputy_detail.setText(" · ".join(f"{view.office_label(code)}: {n}" for code, n in d.per_office))
        vice = self.tr("Vice-chairs of the People's Committee: {count} (allotted {allotted})").format(
            count=d.vice_chairs, allotted=d.vice_chairs_allotted)
        if d.vice_chair_breach:
            vice += " — " + self.tr("%n over the allotment", "", d.vice_chair_excess)
        self.vice_chairs.setText(vice)
        self.vice_chairs.setStyleSheet(_flag_style(d.vice_chair_breach))

    def _on_table_activated(self, index: QModelIndex) -> None:
        office = index.data(OFFICE_ROLE)
        self.open_register.emit("officials", {"office": office} if office else {})


def _flag_style(breach: bool) -> str:
    base = "text-align: left; padding: 2px;"
    return base + (" color: #b42318; font-weight: bold;" if breach else "")
