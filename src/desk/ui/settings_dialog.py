"""The settings dialog: interface language and what reports say in their header and footer."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel,
                               QLineEdit, QPlainTextEdit, QVBoxLayout)

from desk.services import report_settings
from desk.services.report_settings import ReportSettings
from desk.ui import settings as options
from desk.ui.rules_box import RulesBox

# The report settings' own fields, in their declared order (no second list to keep in step).
_REPORT_FIELDS = tuple(f.name for f in dataclass_fields(ReportSettings))


class SettingsDialog(QDialog):
    def __init__(self, app_settings: options.Settings, report: ReportSettings, parent=None, rules=None):
        super().__init__(parent)
        self._rules = rules            # staffing and movement rules (RuleSettings), when given
        self._app_settings = app_settings
        self._report = report
        self._build_ui()
        self._connect()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.setObjectName("settingsDialog")
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(self._app_settings.get(options.LANGUAGE))))
        self.restart_note = QLabel()
        self.editors = {}
        for name in _REPORT_FIELDS:
            editor = QPlainTextEdit() if name == "recipients" else QLineEdit()
            if isinstance(editor, QPlainTextEdit):
                editor.setTabChangesFocus(True)
                editor.setPlainText(getattr(self._report, name))
                editor.setFixedHeight(80)
            else:
                editor.setText(getattr(self._report, name))
            editor.setObjectName(name)
            self.editors[name] = editor
        self.labels = {name: QLabel() for name in ("language", *_REPORT_FIELDS)}
        general = QGroupBox()
        self.general = general
        general_form = QFormLayout(general)
        general_form.addRow(self.labels["language"], self.language)
        self.labels["language"].setBuddy(self.language)   # Alt+N; without a buddy the "&" shows literally
        general_form.addRow("", self.restart_note)
        report = QGroupBox()
        self.report_box = report
        report_form = QFormLayout(report)
        for name in _REPORT_FIELDS:
            report_form.addRow(self.labels[name], self.editors[name])
            self.labels[name].setBuddy(self.editors[name])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(report)
        self.rules_box = RulesBox(self._rules) if self._rules is not None else None
        if self.rules_box is not None:
            layout.addWidget(self.rules_box)
        layout.addWidget(self.buttons)
        self.resize(620, 520)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.general.setTitle(self.tr("Interface"))
        self.report_box.setTitle(self.tr("Reports"))
        self.labels["language"].setText(self.tr("&Language:"))
        self.restart_note.setText(self.tr("A new language applies the next time Desk starts."))
        texts = {"receiving_unit": self.tr("Receiving unit:"), "recipients": self.tr("Distribution (one per line):"),
                 "signer_authority": self.tr("Signing on behalf of:"), "signer_title": self.tr("Signer's title:"),
                 "signer_name": self.tr("Signer's name:"), "preparer_name": self.tr("Prepared by:"),
                 "doc_symbol": self.tr("Document symbol:")}
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def language_code(self) -> str:
        return self.language.currentData()

    def report_settings(self) -> ReportSettings:
        values = {name: (e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text()).strip()
                  for name, e in self.editors.items()}
        return ReportSettings(**values)


__all__ = ["SettingsDialog", "report_settings"]
