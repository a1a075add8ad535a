"""Asking before converting TCVN3/VNI text to Unicode: before/after samples, convert, keep or cancel."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QVBoxLayout

from desk.importers.legacy import LegacyFinding
from desk.ui.tables import make_table

_Index = QModelIndex | QPersistentModelIndex


class SampleTableModel(QAbstractTableModel):
    """(cell, text in the file, proposed Unicode text), one sample a row."""

    def __init__(self, samples, parent=None):
        super().__init__(parent)
        self._samples = list(samples)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._samples)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self._samples[index.row()][index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Cell"), self.tr("In the file"), self.tr("After conversion"))[section] \
            if 0 <= section < 3 else None


class LegacyDialog(QDialog):
    """decision(): True = convert, False = keep the text as it is, None = cancel the import."""

    def __init__(self, finding: LegacyFinding, parent=None):
        super().__init__(parent)
        self._finding = finding
        self._decision: bool | None = None
        self._build_ui()
        self._connect()
        self.retranslate_ui()

    @classmethod
    def ask(cls, finding: LegacyFinding, parent=None) -> bool | None:
        dialog = cls(finding, parent)
        dialog.exec()
        return dialog.decision()

    def _build_ui(self) -> None:
        self.setObjectName("legacyDialog")
        self.explanation = QLabel()
        self.explanation.setObjectName("explanation")
        self.explanation.setWordWrap(True)
        self.model = SampleTableModel(self._finding.samples, self)
        self.table = make_table("samples")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.resizeSection(0, 110)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox()
        self.convert_button = QPushButton()
        self.convert_button.setObjectName("convert")
        self.keep_button = QPushButton()
        self.keep_button.setObjectName("keep")
        self.buttons.addButton(self.convert_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.convert_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 420)

    def _connect(self) -> None:
        self.convert_button.clicked.connect(lambda: self._finish(True))
        self.keep_button.clicked.connect(lambda: self._finish(False))
        self.cancel_button.clicked.connect(self.reject)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Legacy Vietnamese encoding"))
        found = self._finding
        fonts = (" " + self.tr("(fonts: %s)") % ", ".join(found.fonts)) if found.fonts else ""
        self.explanation.setText(self.tr(
            "Text in this file was typed in the old {encoding} encoding{fonts}: %n cell(s). Desk can convert it "
            "to Unicode as the examples below show. Nothing is converted unless you choose to.", "",
            found.cells).format(encoding=found.name, fonts=fonts))
        self.convert_button.setText(self.tr("&Convert to Unicode"))
        self.keep_button.setText(self.tr("&Keep as it is"))
        self.cancel_button.setText(self.tr("Cancel"))

    def _finish(self, decision: bool) -> None:
        self._decision = decision
        self.accept()

    def decision(self) -> bool | None:
        return self._decision if self.result() == QDialog.DialogCode.Accepted else None
