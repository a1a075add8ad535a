"""The report editor: a period report's narrative (assessment, results, shortcomings, tasks, recommendations)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget

from desk.domain.formats import format_count
from desk.domain.outline import MAX_TEXT, TEXT_SECTIONS


class ReportTextDialog(QDialog):
    """A tab per section; a locked period's texts are shown read-only (they were in the submitted report)."""

    def __init__(self, period_label: str, texts: dict[str, str], *, locked_note: str = "", parent=None):
        super().__init__(parent)
        self._period_label = period_label
        self._locked_note = locked_note
        self._build_ui(texts)
        self._connect()
        self.retranslate_ui()

    def _build_ui(self, texts: dict[str, str]) -> None:
        self.setObjectName("reportTextDialog")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.tabs = QTabWidget()
        self.editors: dict[str, QPlainTextEdit] = {}
        self.hints: dict[str, QLabel] = {}
        for section in TEXT_SECTIONS:
            page = QWidget()
            column = QVBoxLayout(page)
            hint = QLabel(section.hint)
            hint.setWordWrap(True)
            editor = QPlainTextEdit()
            editor.setObjectName(f"text_{section.key}")
            editor.setTabChangesFocus(True)     # keyboard users Tab on to the buttons
            editor.setPlainText(texts.get(section.key, ""))
            editor.setReadOnly(bool(self._locked_note))
            column.addWidget(hint)
            column.addWidget(editor, 1)
            self.editors[section.key], self.hints[section.key] = editor, hint
            self.tabs.addTab(page, section.label)
        self.counter = QLabel()
        self.counter.setObjectName("counter")
        buttons = QDialogButtonBox.StandardButton.Close if self._locked_note else \
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.counter)
        layout.addWidget(self.buttons)
        self.resize(760, 560)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for editor in self.editors.values():
            editor.textChanged.connect(self._update_counter)
        self.tabs.currentChanged.connect(lambda _index: self._update_counter())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Report text – %s") % self._period_label)
        intro = self.tr("What you write here is printed in the report of {period}, in the usual outline; an empty "
                        "section is left out. Desk adds the figures from the registers.").format(
            period=self._period_label)
        self.intro.setText(f"{intro}\n{self._locked_note}" if self._locked_note else intro)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setText(self.tr("&Save"))
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        else:
            self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self._update_counter()

    def _update_counter(self) -> None:
        key = TEXT_SECTIONS[self.tabs.currentIndex()].key if self.tabs.currentIndex() >= 0 else TEXT_SECTIONS[0].key
        self.counter.setText(self.tr("%1 of %2 characters")
                             .replace("%1", format_count(len(self.editors[key].toPlainText())))
                             .replace("%2", format_count(MAX_TEXT)))

    def texts(self) -> dict[str, str]:
        return {key: editor.toPlainText() for key, editor in self.editors.items()}
