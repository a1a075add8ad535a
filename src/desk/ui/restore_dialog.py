"""Choosing a backup to restore: listed by when it was taken, how long ago and how big, not by file name."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QVBoxLayout

from desk.domain.formats import format_date_time_vi
from desk.services import backups
from desk.ui import messages
from desk.ui.tables import make_table

PATH_ROLE = Qt.ItemDataRole.UserRole


def size_text(size: int) -> str:
    """1,2 MB / 850 KB: the decimal comma, as everywhere in Desk."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


class RestoreDialog(QDialog):
    def __init__(self, folder: Path, now: datetime | None = None, parent=None, *, other_folder: str | None = None):
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self._now = now or datetime.now()
        self._chosen: Path | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        # Said instead of an empty list: no automatic backup yet, and where a copy on a USB stick is opened.
        self.empty = QLabel()
        self.empty.setObjectName("no_backup_yet")
        self.empty.setWordWrap(True)
        self.model = QStandardItemModel(0, 4, self)
        self.table = make_table("backups")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.other = QPushButton()
        self.other.setObjectName("other_file")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.other, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 420)
        self._folder = folder
        # The folder "Back up now" last wrote to, if it is still there (a USB stick is often unplugged).
        self._other_folder = Path(other_folder) if other_folder and Path(other_folder).is_dir() else folder
        for item in backups.listed(folder):
            self._add(item)
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.table.hide()
            layout.insertStretch(layout.indexOf(self.buttons), 1)
            self.other.setFocus()
        self.table.activated.connect(lambda _index: self.accept())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.other.clicked.connect(self._on_other_clicked)
        self.retranslate_ui()
        if not self.model.rowCount():                # two lines of text and the buttons: no tall blank box
            self.resize(640, max(self.sizeHint().height(), self.heightForWidth(640)) + 40)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.intro.setText(self.tr("Choose the backup to go back to. Whatever was entered after it was taken is "
                                   "replaced; the current data is first kept as a backup of its own."))
        self.model.setHorizontalHeaderLabels([self.tr("Taken at"), self.tr("How long ago"), self.tr("Size"),
                                              self.tr("Taken")])
        self.other.setText(self.tr("Another &file (USB)..."))
        self.empty.setText(self.tr("There is no automatic backup yet. To restore a copy on a USB stick or in "
                                   "another folder, press «{button}» and choose the file.").format(
            button=self.other.text().replace("&", "")))
        self.empty.setVisible(self.model.rowCount() == 0)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Restore this backup..."))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.model.rowCount() > 0)

    def _ago(self, taken: datetime) -> str:
        minutes = max(0, int((self._now - taken).total_seconds() // 60))
        if minutes < 60:
            return self.tr("%n minute(s)", "", minutes)
        if minutes < 48 * 60:
            return self.tr("%n hour(s)", "", minutes // 60)
        return self.tr("%n day(s)", "", minutes // (24 * 60))

    def _add(self, item: backups.Listed) -> None:
        cells = [QStandardItem(format_date_time_vi(item.taken)), QStandardItem(self._ago(item.taken)),
                 QStandardItem(size_text(item.size)), QStandardItem(item.why or self.tr("regularly"))]
        cells[2].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for cell in cells:
            cell.setData(str(item.path), PATH_ROLE)
            cell.setToolTip(str(item.path))        # the file itself, for technical support
        self.model.appendRow(cells)

    def chosen(self) -> Path | None:
        if self._chosen is not None:
            return self._chosen
        index = self.table.currentIndex()
        return Path(index.data(PATH_ROLE)) if index.isValid() else None

    def _on_other_clicked(self) -> None:
        picked = messages.choose_file(self, self.tr("Restore from which backup file?"), str(self._other_folder),
                                      self.tr("Desk backups (*.sqlite3);;All files (*)"))
        if picked:
            self._chosen = Path(picked)
            self.accept()
