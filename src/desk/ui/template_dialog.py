"""Choosing which register's import template to create, blank or with the records already kept."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from desk.domain.registers import REGISTERS


class TemplateDialog(QDialog):
    def __init__(self, current: str | None = None, parent=None):
        super().__init__(parent)
        self._build_ui()
        self._connect()
        self.retranslate_ui()
        index = self.register.findData(current) if current else -1
        self.register.setCurrentIndex(max(index, 0))

    def _build_ui(self) -> None:
        self.setObjectName("templateDialog")
        self.register = QComboBox()
        self.register.setObjectName("register")
        for reg in REGISTERS.values():
            self.register.addItem(reg.label, reg.name)
        self.with_records = QCheckBox()
        self.with_records.setObjectName("withRecords")
        self.register_label = QLabel()
        self.register_label.setBuddy(self.register)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.register_label, self.register)
        form.addRow("", self.with_records)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.resize(520, 220)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Create an import template"))
        self.register_label.setText(self.tr("&Register:"))
        self.with_records.setText(self.tr("&Include the records already kept (edit them in Excel, then import "
                                          "the file again to update them)"))
        self.hint.setText(self.tr("The template has the register's columns with drop-down lists, an instruction "
                                  "sheet in Vietnamese and a sheet of the allowed values. Fill it in Excel, then "
                                  "use File > Import from Excel."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose file and create..."))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def register_name(self) -> str:
        return self.register.currentData()
