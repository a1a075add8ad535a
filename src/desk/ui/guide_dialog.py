"""F1: the guide to a day's work in Desk, in the window's language, with every shortcut listed."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from desk import paths
from desk.domain import lang


def guide_html() -> str:
    """The guide's text (resources/guide/guide_<language>.html)."""
    folder = paths.resources_dir() / "guide"
    name = "guide_en.html" if lang.language() == "en" else "guide_vi.html"
    return (folder / name).read_text(encoding="utf-8")


class GuideDialog(QDialog):
    def __init__(self, actions: dict, screen_actions: list, parent=None):
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide")
        self.browser.setOpenExternalLinks(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.setWindowTitle(self.tr("Desk – guide and shortcuts"))
        self.browser.setHtml(guide_html() + self._shortcuts(actions, screen_actions))
        self.resize(760, 620)

    def _shortcuts(self, actions: dict, screen_actions: list) -> str:
        """Every command with a key, from the window's own actions (so the list is never out of date)."""
        rows = []
        for action in [*actions.values(), *screen_actions]:
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            if keys:
                rows.append(f"<tr><td><b>{escape(keys)}</b></td><td>{escape(action.text().replace('&', ''))}</td></tr>")
        extra = [("Enter, Ctrl+S", self.tr("Save the form")), ("Esc", self.tr("Close the form or dialog")),
                 ("Ctrl+T", self.tr("Change an obstacle's state (in its form)")),
                 ("Ctrl+Shift+N", self.tr("Add an obstacle found during the selected visit"))]
        rows += [f"<tr><td><b>{escape(keys)}</b></td><td>{escape(text)}</td></tr>" for keys, text in extra]
        title = self.tr("Keyboard shortcuts")
        return (f"<h3>{escape(title)}</h3>"
                f"<table cellspacing='0' cellpadding='3'>{''.join(rows)}</table>")
