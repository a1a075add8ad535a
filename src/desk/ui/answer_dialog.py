"""Answering the consolidated obstacles in Desk: a list to search, the answer form under it, the reply file saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QEvent, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain import replies
from desk.domain.fields import FieldSpec, Kind
from desk.domain.formats import format_count, format_date_vi
from desk.domain.lang import t
from desk.domain.registers.obstacles import STATUSES
from desk.domain.text import holds, search_form, search_words
from desk.errors import UserError
from desk.ui import messages
from desk.ui.field_editors import EditorContext, editor_for
from desk.ui.tables import make_table

# The date is typed and read as the registers' date fields are (dd/mm/yyyy, the same messages).
DOC_DATE = FieldSpec("doc_date", "Ngày văn bản", "Document date", Kind.DATE)
NO_CHOICES = EditorContext(lambda spec: (), lambda spec: (), lambda spec: [])


@dataclass(frozen=True)
class Draft:
    """An answer as typed so far: the date stays text until the file is saved (a half-typed date is no error)."""

    answer: str = ""
    body: str = ""
    doc_number: str = ""
    doc_date: str = ""
    proposed_state: str | None = None

    def typed(self, default_body: str) -> bool:
        """Whether the clerk wrote anything for this obstacle (the answering body alone is prefilled)."""
        return bool(self.answer.strip() or self.doc_number.strip() or self.doc_date.strip()
                    or self.proposed_state or self.body.strip() != default_body.strip())


class AnswerListModel(QAbstractTableModel):
    """The consolidated obstacles, filtered by the folded words typed; the first column ticks those answered."""

    COLUMNS = ("answered", "unit", "title", "domain", "state", "raised_on")

    def __init__(self, rows: list[dict], domain_labels: dict[str, str], parent=None):
        super().__init__(parent)
        self._all = [self._row(r, domain_labels) for r in rows]
        self._shown = list(self._all)
        self._answered: set[str] = set()
        self._headers = {"answered": self.tr("Answered"), "unit": self.tr("Commune / ward"),
                         "title": self.tr("Obstacle"), "domain": self.tr("Domain"), "state": self.tr("State"),
                         "raised_on": self.tr("Raised on")}

    @staticmethod
    def _row(record: dict, domain_labels: dict[str, str]) -> dict:
        raised = record.get("raised_on")
        row = {"id": record["id"], "unit": record["_unit"].name, "title": record.get("title", ""),
               "domain": domain_labels.get(str(record.get("domain")), str(record.get("domain") or "")),
               "state": replies.state_label(record.get("status") or ""),
               "raised_on": format_date_vi(raised) if isinstance(raised, date) else ""}
        # Folded once: filtering as the clerk types then costs one substring test per word and row.
        row["_key"] = search_form(" ".join(row[c] for c in ("unit", "title", "domain", "state", "raised_on")))
        return row

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[self.COLUMNS[section]]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._shown[index.row()], self.COLUMNS[index.column()]
        if column == "answered":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row["id"] in self._answered else Qt.CheckState.Unchecked
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[column]
        return None

    def obstacle_id(self, row: int) -> str:
        return self._shown[row]["id"]

    def title_of(self, obstacle_id: str) -> tuple[str, str]:
        found = next(r for r in self._all if r["id"] == obstacle_id)
        return found["title"], found["unit"]

    def row_of(self, obstacle_id: str) -> int:
        return next((i for i, r in enumerate(self._shown) if r["id"] == obstacle_id), -1)

    def set_filter(self, text: str) -> None:
        words = search_words(text)
        self.beginResetModel()
        self._shown = [r for r in self._all if holds(words, r["_key"])]
        self.endResetModel()

    def set_answered(self, obstacle_id: str, answered: bool) -> None:
        if (obstacle_id in self._answered) == answered:
            return
        if answered:
            self._answered.add(obstacle_id)
        else:
            self._answered.discard(obstacle_id)
        row = self.row_of(obstacle_id)
        if row >= 0:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])


class AnswerDialog(QDialog):
    """The obstacles of one consolidation run; each answer typed is kept by obstacle until the reply file is saved."""

    def __init__(self, result, default_body: str, suggested: Path, parent=None):
        super().__init__(parent)
        self.result = result
        self._default_body = default_body
        self._suggested = suggested
        self._drafts: dict[str, Draft] = {}      # obstacle ID -> what is typed for it, kept across selections
        self._saved: dict[str, Draft] | None = None   # the drafts as last written to a file
        self._current: str | None = None
        self._loading = False
        self._build_ui()
        self._connect()
        self.retranslate_ui()
        self._show_draft(None)

    def _build_ui(self) -> None:
        from desk.services import replies as reply_service

        self.setObjectName("answerDialog")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setObjectName("count")
        self.labels = {name: QLabel() for name in ("search", "answer", "body", "doc_number", "doc_date",
                                                   "proposed_state", "hint")}
        search_row = QHBoxLayout()
        search_row.addWidget(self.labels["search"])
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count)

        self.model = AnswerListModel(reply_service.ordered_obstacles(self.result),
                                     self.result.labels.get("domain", {}), self)
        self.table = make_table("obstacles")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        # Two lines a row, fixed: a long domain or state wraps whole, and a country's thousands of obstacles
        # are not measured row by row (ResizeToContents) each time the filter changes.
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().lineSpacing() * 2 + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((80, 160, 0, 180, 150, 116)):
            self.table.setColumnWidth(column, width)
        # The title takes what is left, so a row reads without scrolling sideways on a 1024-wide screen.
        header.setSectionResizeMode(AnswerListModel.COLUMNS.index("title"), QHeaderView.ResizeMode.Stretch)

        self.answer = QPlainTextEdit()
        self.answer.setObjectName("answer")
        self.answer.setTabChangesFocus(True)      # Tab goes on to the next field, as everywhere in Desk
        self.answer.setFixedHeight(self.answer.fontMetrics().lineSpacing() * 4 + 12)
        self.body = QLineEdit()
        self.body.setObjectName("body")
        self.doc_number = QLineEdit()
        self.doc_number.setObjectName("doc_number")
        date_editor = editor_for(DOC_DATE, NO_CHOICES)
        self.doc_date = date_editor.widget
        self.doc_date.setObjectName("doc_date")
        self.proposed_state = QComboBox()
        self.proposed_state.setObjectName("proposed_state")
        self.proposed_state.addItem("", None)          # its text is set in retranslate_ui
        for state in STATUSES:
            self.proposed_state.addItem(replies.state_label(state.code), state.code)
        document_row = QHBoxLayout()
        document_row.addWidget(self.doc_number, 1)
        document_row.addSpacing(12)
        document_row.addWidget(self.labels["doc_date"])
        document_row.addWidget(self.doc_date)
        self.form_box = QGroupBox()
        self.form_box.setObjectName("form_box")
        form = QFormLayout(self.form_box)
        form.addRow(self.labels["answer"], self.answer)
        form.addRow(self.labels["body"], self.body)
        form.addRow(self.labels["doc_number"], document_row)
        form.addRow(self.labels["proposed_state"], self.proposed_state)
        for name in ("answer", "body", "doc_number", "doc_date", "proposed_state"):
            self.labels[name].setBuddy(getattr(self, name))
        self.labels["search"].setBuddy(self.search)
        self.labels["hint"].setWordWrap(True)
        self.labels["hint"].setObjectName("hint")

        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.save, self.close_button = QPushButton(), QPushButton()
        self.save.setObjectName("save")
        self.close_button.setObjectName("close")
        # Enter in the answer's one-line fields must not save the file behind the clerk's back.
        self.save.setAutoDefault(False)
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.labels["hint"])
        layout.addWidget(self.form_box)
        layout.addLayout(buttons)
        # Tab follows what the clerk reads: search, list, the answer's fields top to bottom, the buttons.
        chain: list[QWidget] = [self.search, self.table, self.answer, self.body, self.doc_number, self.doc_date,
                                self.proposed_state, self.save, self.close_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self.resize(1000, 680)          # fits a 1024x768 screen with the taskbar

    def _connect(self) -> None:
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.installEventFilter(self)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.answer.textChanged.connect(self._on_form_edited)
        for line in (self.body, self.doc_number, self.doc_date):
            line.textChanged.connect(self._on_form_edited)
        self.proposed_state.currentIndexChanged.connect(self._on_form_edited)
        self.save.clicked.connect(lambda: self.save_file())      # clicked(bool) would fill `path`
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save_file())     # Ctrl+S, as in every form

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Answer the communes' obstacles ({period}, {area})").format(
            period=self.result.period.label_vi, area=self.result.area_name))
        self.labels["search"].setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr('No accents needed, e.g. "ngo quyen"'))
        self.labels["answer"].setText(self.tr("&Answer:"))
        self.labels["body"].setText(self.tr("Answering &body:"))
        self.labels["doc_number"].setText(self.tr("Document &number:"))
        self.labels["doc_date"].setText(self.tr("Document &date:"))
        self.labels["proposed_state"].setText(self.tr("&Proposed state:"))
        self.proposed_state.setItemText(0, self.tr("(no change proposed)"))
        self.save.setText(self.tr("Sa&ve reply file..."))
        self.save.setToolTip(self.tr("The reply workbook of every consolidated obstacle, with the answers typed "
                                     "here in their rows; each commune imports it back into Desk (Ctrl+S)."))
        self.close_button.setText(self.tr("Close"))
        self._update_count()
        self._update_title()

    # -- the list -------------------------------------------------------------------------------
    def _update_count(self) -> None:
        self.count.setText(self.tr("{shown} of {total} obstacle(s), {answered} answered").format(
            shown=format_count(self.model.rowCount()), total=format_count(len(self.result.obstacles)),
            answered=format_count(len(self._drafts))))

    def _on_search_text_changed(self, text: str) -> None:
        self.model.set_filter(text)
        # The obstacle being answered stays selected while it still matches; one match is chosen for the clerk.
        row = self.model.row_of(self._current) if self._current else -1
        if row < 0 and self.model.rowCount() == 1:
            row = 0
        self.select_row(row)
        self._update_count()

    def select_row(self, row: int) -> None:
        if row < 0:
            self.table.selectionModel().clear()
            self._show_draft(None)
            return
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 1), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self._show_draft(self.model.obstacle_id(row))   # the same row after a reset emits no change

    def select_obstacle(self, obstacle_id: str) -> bool:
        row = self.model.row_of(obstacle_id)
        if row >= 0:
            self.select_row(row)
        return row >= 0

    def eventFilter(self, watched, event) -> bool:
        # Up/Down in the search box move through the list, so the mouse is never needed.
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            current = self.model.row_of(self._current) if self._current else -1
            self.select_row(min(max(current + step, 0), self.model.rowCount() - 1))
            return True
        return super().eventFilter(watched, event)

    def _on_search_return_pressed(self) -> None:
        if self._current is not None:
            self.answer.setFocus()

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_draft(self.model.obstacle_id(current.row()) if current.isValid() else None)

    # -- the form ---------------------------------------------------------------------------------
    def _show_draft(self, obstacle_id: str | None) -> None:
        """The form shows what was typed for this obstacle (or a fresh answer); what was typed before stays
        in its draft, saved as each key was typed."""
        if obstacle_id == self._current and obstacle_id is not None:
            return
        self._current = obstacle_id
        draft = self._drafts.get(obstacle_id or "", Draft(body=self._default_body))
        self._loading = True
        try:
            self.answer.setPlainText(draft.answer)
            self.body.setText(draft.body)
            self.doc_number.setText(draft.doc_number)
            self.doc_date.setText(draft.doc_date)
            self.proposed_state.setCurrentIndex(max(0, self.proposed_state.findData(draft.proposed_state)))
        finally:
            self._loading = False
        self.form_box.setEnabled(obstacle_id is not None)
        self._update_title()

    def _update_title(self) -> None:
        if self._current is None:
            self.form_box.setTitle(self.tr("No obstacle chosen"))
            self.labels["hint"].setText(self.tr("Choose an obstacle in the list (type in the search box, then "
                                                "Up/Down) and type its answer below; Enter in the search box "
                                                "goes to the answer."))
            return
        title, unit = self.model.title_of(self._current)
        short = title if len(title) <= 90 else title[:89] + "…"
        self.form_box.setTitle(self.tr("Answer to «{title}» ({unit})").format(title=short, unit=unit))
        self.labels["hint"].setText(self.tr("What is typed is kept for each obstacle until the file is saved; "
                                            "only the obstacles ticked as answered go into the file with an "
                                            "answer."))

    def draft(self) -> Draft:
        """The form's values as typed."""
        return Draft(answer=self.answer.toPlainText(), body=self.body.text(), doc_number=self.doc_number.text(),
                     doc_date=self.doc_date.text(), proposed_state=self.proposed_state.currentData())

    def _on_form_edited(self, *_args) -> None:
        if self._loading or self._current is None:
            return
        typed = self.draft()
        if typed.typed(self._default_body):
            self._drafts[self._current] = typed
        else:
            self._drafts.pop(self._current, None)
        self.model.set_answered(self._current, self._current in self._drafts)
        self._update_count()

    def is_changed(self) -> bool:
        """Answers typed that no file holds yet."""
        return bool(self._drafts) and self._drafts != self._saved

    # -- saving -----------------------------------------------------------------------------------
    def answers(self) -> dict[str, replies.Answer]:
        """The typed drafts as answers; UserError naming the obstacle whose date cannot be read."""
        found = {}
        for obstacle_id, draft in self._drafts.items():
            try:
                day = DOC_DATE.codec.parse(DOC_DATE, draft.doc_date, None)
            except ValueError as exc:
                title, unit = self.model.title_of(obstacle_id)
                raise UserError(t(f"Trả lời cho «{title}» ({unit}): {exc}",
                                  f"The answer to «{title}» ({unit}): {exc}")) from None
            found[obstacle_id] = replies.Answer(draft.answer, draft.body, draft.doc_number, day,
                                                draft.proposed_state)
        return found

    def save_file(self, path: Path | None = None) -> Path | None:
        """The reply workbook with the answers typed, where the clerk chooses; None: refused or cancelled."""
        from desk.services import replies as reply_service

        if not self._drafts:
            messages.error(self, self.tr("No answer is typed yet: choose an obstacle in the list and type its "
                                         "answer."))
            return None
        try:
            answers = self.answers()
            reply_service.check_answers(self.result, answers)
        except UserError as exc:
            self._select_named(str(exc))
            messages.error(self, str(exc))
            return None
        if path is None:
            chosen = messages.choose_save_file(self, self.tr("Save the reply file as"), str(self._suggested),
                                               self.tr("Excel workbook (*.xlsx)"))
            if not chosen:
                return None
            path = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
        try:
            reply_service.export_reply_workbook(self.result, path, answers=answers)
        except UserError as exc:
            messages.error(self, str(exc))
            return None
        self._saved = dict(self._drafts)
        text = self.tr("{count} answer(s) written into the reply file, with every consolidated obstacle listed; "
                       "send it to the communes. Saved to {path}").format(
                           count=format_count(len(answers)), path=path)
        self.status.setText(text)
        messages.exported(self, text, path)
        return path

    def _select_named(self, message: str) -> None:
        """The obstacle a refusal names, shown in the form so the clerk can correct it at once."""
        for obstacle_id in self._drafts:
            title, unit = self.model.title_of(obstacle_id)
            if f"«{title}» ({unit})" in message:
                if self.model.row_of(obstacle_id) < 0:
                    self.search.clear()
                self.select_obstacle(obstacle_id)
                return

    def reject(self) -> None:
        """Esc, Close or the title bar: answers not yet in a file are not dropped without asking."""
        if self.is_changed():
            answer = messages.ask_unsaved(self, self.tr("Answers typed here are not saved in a reply file yet. "
                                                        "Save them?"))
            if answer == "keep":
                return
            if answer == "save" and self.save_file() is None:
                return
        super().reject()


def answer_obstacles(parent, result, default_body: str, suggested: Path) -> AnswerDialog:
    """Open the dialog over the consolidation screen (window-modal, so the run cannot change under it)."""
    dialog = AnswerDialog(result, default_body, suggested, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog

