"""The field visits register, with the obstacles found during the selected visit under it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import records
from desk.ui.record_form import RecordForm
from desk.ui.record_model import RecordTableModel
from desk.ui.register_screen import RegisterScreen, size_columns
from desk.ui.tables import make_table


class VisitScreen(RegisterScreen):
    """Ctrl+Shift+N adds an obstacle found during the selected visit (linked, source: visiting team)."""

    open_register = Signal(str, dict)

    def __init__(self, context, register, **kwargs):
        self._found_built = False
        super().__init__(context, register, **kwargs)
        self._build_found()
        self._found_built = True
        self.retranslate_ui()
        self._refresh_found()

    def _build_found(self) -> None:
        self.found_title = QLabel()
        self.found_title.setObjectName("found_title")
        font = self.found_title.font()
        font.setBold(True)
        self.found_title.setFont(font)
        self.found_title.setWordWrap(True)      # the buttons keep their room in a narrow window
        self.found_title.setMinimumWidth(120)
        self.add_found = QPushButton()
        self.add_found.setObjectName("add_found")
        self.open_found = QPushButton()
        self.open_found.setObjectName("open_found")
        bar = QHBoxLayout()
        bar.addWidget(self.found_title, 1)
        self.found_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addWidget(self.add_found)
        bar.addWidget(self.open_found)
        self.found_model = RecordTableModel(OBSTACLES, self)
        self.found = make_table("found")
        self.found.setModel(self.found_model)
        self.found.verticalHeader().setDefaultSectionSize(24)
        self.found.horizontalHeader().setStretchLastSection(True)
        self.found.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        size_columns(self.found, self.found_model.columns())
        self.found.setColumnHidden(self.found_model.column_of("visit_id"), True)   # it is this visit
        panel = QWidget()
        panel.setObjectName("found_panel")
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 6, 0, 0)
        column.addLayout(bar)
        column.addWidget(self.found)
        self.layout().addWidget(panel, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._refresh_found())
        self.add_found.clicked.connect(self.add_obstacle)
        self.open_found.clicked.connect(self._on_open_found)
        self.found.activated.connect(lambda index: self._edit_found(index.row()))
        self.found.doubleClicked.connect(lambda index: self._edit_found(index.row()))
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, activated=self.add_obstacle)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not self._found_built:
            return
        self.add_found.setText(self.tr("&Add an obstacle found in this visit (Ctrl+Shift+N)"))
        self.open_found.setText(self.tr("Open in the obstacle register"))
        self._refresh_found()

    def refresh(self) -> None:
        super().refresh()
        if self._found_built:
            self._refresh_found()

    def current_visit(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.row_record(index.row()) if index.isValid() else None

    def _refresh_found(self) -> None:
        visit = self.current_visit()
        rows, labels = [], {}
        if visit is not None:
            with self._workspace.session() as session:
                query = records.RecordQuery(unit_code=self._unit_code, equals={"visit_id": frozenset({visit["id"]})})
                rows = records.query(session, OBSTACLES, query)
                labels = records.choice_labels(session, OBSTACLES, unit_code=self._unit_code)
        self.found_model.set_rows(rows, labels, self._today())
        usable = visit is not None and not visit["voided"]
        self.add_found.setEnabled(usable)
        self.open_found.setEnabled(visit is not None)
        if visit is None:
            self.found_title.setText(self.tr("Choose a visit to see the obstacles found during it."))
        else:
            self.found_title.setText(self.tr("Obstacles found during this visit: %n", "", len(rows)))

    def add_obstacle(self) -> None:
        """The obstacle form, pre-filled with the link to this visit, its source and its date."""
        visit = self.current_visit()
        if visit is None or visit["voided"]:
            return
        prefill = {"visit_id": visit["id"], "source": "visiting_team", "raised_on": visit["start_date"]}
        RecordForm(self._context, OBSTACLES, prefill, parent=self).open()

    def _edit_found(self, row: int) -> None:
        record = self.found_model.row_record(row)
        RecordForm(self._context, OBSTACLES, record, parent=self).open()

    def _on_open_found(self) -> None:
        visit = self.current_visit()
        if visit is not None:
            self.open_register.emit("obstacles", {"visit_id": visit["id"]})
