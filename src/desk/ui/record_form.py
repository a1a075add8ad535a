"""A dialog to add or edit one record, built from the register's field declaration."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk.domain import units
from desk.domain.bodies import own_body, suggested_bodies
from desk.domain.fields import TODAY, Choice, FieldSpec
from desk.domain.register import Register
from desk.errors import UserError, ValidationError
from desk.services import records
from desk.ui import messages, mnemonics
from desk.ui.context import WindowContext
from desk.ui.error_line import ERROR_STYLE
from desk.ui.field_editors import EditorContext, FieldEditor, editor_for
from desk.ui.state_dialog import StateDialog


class RecordForm(QDialog):
    """Enter/Ctrl+S saves, Esc cancels; errors appear under the field they concern."""

    saved = Signal(str)

    def __init__(self, context: WindowContext, register: Register, record: dict | None = None, parent=None):
        super().__init__(parent)
        self._context, self._register = context, register
        self._workspace, self._unit_code = context.workspace, context.unit.code
        self._record_id = record.get("id") if record else None   # a dict without an id: a pre-filled new record
        # The version the form was filled from: a save after another clerk's is refused, not written over it.
        self._version = record.get("version") if self._record_id else None
        self._editors: dict[str, FieldEditor] = {}
        self._errors: dict[str, QLabel] = {}
        self._state_note: str | None = None        # the note of a state change made in this form
        self.change_state: QPushButton | None = None
        self._labels: dict[str, QLabel] = {}
        self._title = str((record or {}).get(register.title_field) or "") if self._record_id else ""
        self._build_ui()
        self._connect()
        self.retranslate_ui()
        self._fill(record if self._record_id else {**self._defaults(), **(record or {})})
        if self._record_id is None:
            self._fill_own_bodies()
        self._as_opened = self.values()       # what "changed" is measured against when the form is closed
        # Only a choice the clerk changes fills a body in: a saved record opens as it was stored.
        for field in {spec.ours_when[0] for spec in register.fields if spec.ours_when is not None}:
            widget = self._editors[field].widget
            if isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._fill_own_bodies)

    # -- construction ------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.setObjectName("recordForm")
        self.setMinimumWidth(640)
        body = QWidget()
        rows = QVBoxLayout(body)
        form = QFormLayout()
        rows.addLayout(form)
        # Spare height below the last field, not shared among the rows: a short form's note box stayed
        # beside its label instead of sinking to the middle of a taller row.
        rows.addStretch(1)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        with self._workspace.session() as session:
            context = self._editor_context(session)
            for spec in self._register.fields:
                if not spec.in_form:
                    continue
                field_editor = editor_for(spec, context)
                editor = field_editor.widget
                editor.setObjectName(f"field_{spec.name}")
                error = QLabel()
                error.setObjectName(f"error_{spec.name}")
                error.setStyleSheet(ERROR_STYLE)
                error.setWordWrap(True)
                error.hide()
                holder = QWidget()
                column = QVBoxLayout(holder)
                column.setContentsMargins(0, 0, 0, 0)
                column.setSpacing(2)
                column.addWidget(self._with_state_button(spec, editor))
                if field_editor.counter is not None:
                    column.addWidget(field_editor.counter)
                column.addWidget(error)
                label = QLabel()
                label.setObjectName(f"label_{spec.name}")
                # A saved record's state and its since-date are read-only: their Alt+letter reaches the button
                # that changes them (a disabled box would pass the focus on to the next field).
                label.setBuddy(editor if editor.isEnabled() or self.change_state is None else self.change_state)
                self._labels[spec.name] = label
                if spec.help:
                    editor.setToolTip(spec.help)
                form.addRow(label, holder)
                self._editors[spec.name], self._errors[spec.name] = field_editor, error
        self._shown: dict[str, QPlainTextEdit] = {}
        for spec in self._register.fields:
            # Written by a service only (an obstacle's latest answer, from a reply file): shown, never typed.
            if spec.extra.get("read_only") and self._record_id is not None:
                shown = QPlainTextEdit()
                shown.setObjectName(f"field_{spec.name}")
                shown.setReadOnly(True)
                shown.setTabChangesFocus(True)
                shown.setMaximumHeight(90)
                label = QLabel(spec.label)
                label.setBuddy(shown)
                form.addRow(label, shown)
                self._shown[spec.name] = shown
        scroll = QScrollArea()
        scroll.setObjectName("scroll")
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Not a Tab stop: the fields inside it are (it scrolls to the focused one); it showed no focus.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Up and down only: a sideways scrollbar hid the combo boxes' arrows.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll = scroll
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self._required_note = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self._required_note)
        layout.addWidget(self._buttons)
        # Wide enough for its labels and boxes, never taller than a 1024×768 screen less the taskbar.
        self.resize(max(720, body.minimumSizeHint().width() + 40), 640)
        # Tab order = visual order: widgets were created top to bottom, make it explicit anyway.
        editors = [w for e in self._editors.values() for w in e.focus_chain()]
        if self.change_state is not None:       # right after the state it changes
            history = self._register.history
            editors.insert(editors.index(self._editors[history.field].widget) + 1, self.change_state)
        chain = [*editors, *self._shown.values(), self._buttons.button(QDialogButtonBox.StandardButton.Save),
                 self._buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _with_state_button(self, spec, editor: QWidget) -> QWidget:
        """A saved record's dated state is changed by "Change state..." (a day and a note go with it),
        not typed over: its field and since-date are shown read-only."""
        history = self._register.history
        if history is None or self._record_id is None or spec.name not in (history.field, history.since_field):
            return editor
        editor.setEnabled(False)
        if spec.name != history.field:
            return editor
        self.change_state = QPushButton()
        self.change_state.setObjectName("change_state")
        self.change_state.clicked.connect(self.ask_state_change)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(editor, 1)
        line.addWidget(self.change_state)
        return row

    def ask_state_change(self) -> bool:
        """Ask for the new state, its day and a note; the form shows them and saves them with the record."""
        history = self._register.history
        with self._workspace.session() as session:
            choices = records.choices(session, self._register, history.field, unit_code=self._unit_code)
        values = self.values()
        dialog = StateDialog(choices, values.get(history.field), result=values.get("result") or "", parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        change = dialog.change()
        self._editors[history.field].set_value(change.state)
        self._editors[history.since_field].set_value(change.since)
        if "result" in self._editors and change.result:
            self._editors["result"].set_value(change.result)
        self._state_note = change.note or None
        return True

    def _editor_context(self, session) -> EditorContext:
        reg, unit_code = self._register, self._unit_code
        return EditorContext(
            choices=lambda spec: records.choices(session, reg, spec.name, unit_code=unit_code),
            all_choices=self._all_choices,
            suggestions=lambda spec: suggested_bodies(units.unit(unit_code)) if spec.suggest == "bodies" else [])

    def _all_choices(self, spec: FieldSpec) -> tuple[Choice, ...]:
        """Retired codes and voided references too: asked for when an old record holds one, once the form
        is built (a session of its own)."""
        with self._workspace.session() as session:
            return records.choices(session, self._register, spec.name, unit_code=self._unit_code,
                                   include_inactive=True)

    def _fill_own_bodies(self) -> None:
        """A body that is the unit itself for the choice made (FieldSpec.ours_when) is filled with its name
        when empty; a choice changed away takes the name back out of the body it no longer is."""
        ours = own_body(units.unit(self._unit_code))
        for spec in self._register.fields:
            if spec.ours_when is None or spec.name not in self._editors:
                continue
            field, value = spec.ours_when
            editor = self._editors[spec.name]
            if self._editors[field].value() == value and not editor.value():
                editor.set_value(ours)
            elif self._editors[field].value() != value and editor.value() == ours:
                editor.set_value(None)

    def _connect(self) -> None:
        self._buttons.accepted.connect(self._on_save)
        self._buttons.rejected.connect(self.reject)
        # Ctrl+L (lock) and F1 (guide) work from the form too: the window behind it is blocked.
        self.addActions(self._context.shared_actions)
        for keys in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self._on_save)

        if self.change_state is not None:
            QShortcut(QKeySequence("Ctrl+T"), self, activated=self.ask_state_change)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        first = next(iter(self._editors.values()), None)
        if first is not None:
            first.widget.setFocus()     # typing starts in the first field, no click needed

    def retranslate_ui(self) -> None:
        # Which register and which record: several forms can be open behind one another.
        if self._record_id:
            self.setWindowTitle(self.tr("{register} – edit: {title}").format(
                register=self._register.label, title=short_title(self._title, 60)))
        else:
            self.setWindowTitle(self.tr("{register} – new record").format(register=self._register.label))
        self._required_note.setText(self.tr("* required. Enter or Ctrl+S saves, Esc cancels. "
                                            "Dates as dd/mm/yyyy."))
        self._buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        if self.change_state is not None:
            self.change_state.setText(self.tr("Change &state... (Ctrl+T)"))
        # Alt+letter reaches every field: letters the buttons use are left to them.
        buttons = [self._buttons.button(QDialogButtonBox.StandardButton.Save).text()]
        if self.change_state is not None:
            buttons.append(self.change_state.text())
        names = list(self._labels)
        texts = [self._register.spec[name].label + (" *" if self._register.spec[name].required else "")
                 for name in names]
        for name, text in zip(names, mnemonics.assign(texts, mnemonics.taken_by(buttons))):
            self._labels[name].setText(text)

    def is_changed(self) -> bool:
        return self.values() != self._as_opened or self._state_note is not None

    def reject(self) -> None:
        """Esc or Cancel: a changed form asks first (save, discard, or keep editing)."""
        if self.is_changed():
            answer = messages.ask_unsaved(self, self.tr("This form has changes that are not saved. Save them?"))
            if answer == "keep":
                return
            if answer == "save":
                self._on_save()
                return
        super().reject()

    # -- values ------------------------------------------------------------------------------
    def _defaults(self) -> dict:
        today = date.today()
        return {spec.name: today if spec.default == TODAY else spec.default for spec in self._register.fields}

    def _fill(self, record: dict) -> None:
        for name, editor in self._editors.items():
            editor.set_value(record.get(name))
        for name, shown in self._shown.items():
            shown.setPlainText(str(record.get(name) or ""))

    def shown_text(self, name: str) -> str:
        """A read-only field's text (the latest answer)."""
        return self._shown[name].toPlainText()

    def values(self) -> dict:
        return {name: editor.value() for name, editor in self._editors.items()}

    def editor(self, name: str) -> QWidget:
        return self._editors[name].widget

    def error_text(self, name: str) -> str:
        label = self._errors[name]
        return label.text() if label.isVisibleTo(self) else ""

    # -- saving ------------------------------------------------------------------------------
    def _show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self._errors.items():
            label.setText(errors.get(name, ""))
            label.setVisible(name in errors)
        first = next((n for n in self._editors if n in errors), None)
        if first:
            self._editors[first].widget.setFocus()

    def _on_save(self) -> None:
        if not self._warnings_accepted():
            return
        values, record_id = self.values(), self._record_id
        title = str(values.get(self._register.title_field) or "").strip()
        label = (self.tr("Undo: edit «%s»") if record_id else self.tr("Undo: add «%s»")) % short_title(title)
        done = self._context.operations.record_step(
            self, self._register.name,
            lambda session: records.save(session, self._register, values, unit_code=self._unit_code,
                                         record_id=record_id, actor=self._context.actor, note=self._state_note,
                                         version=self._version),
            label, on_error=self._on_save_error)
        if not done.ok:
            return
        self._show_errors({})
        self._record_id = done.value
        self.saved.emit(done.value)
        self.accept()

    def _on_save_error(self, error: UserError) -> bool:
        """Field errors are shown by their fields (True: handled); any other refusal as a message."""
        if isinstance(error, ValidationError):
            self._show_errors(error.errors)
            return True
        if isinstance(error, records.RecordChanged):
            # The message says what the other clerk changed; the typed values stay in the form, and
            # saving again (knowingly) writes over the version now stored.
            self._version = error.version
        return False

    def _warnings_accepted(self) -> bool:
        """Possible duplicates and limits: the clerk decides (True also when the values do not validate:
        saving then shows the errors by the fields)."""
        try:
            with self._workspace.session() as session:
                values = records.validate(session, self._register, self.values(), unit_code=self._unit_code)
                found = records.warnings(session, self._register, values, unit_code=self._unit_code,
                                         record_id=self._record_id)
        except UserError:
            return True
        if not found:
            return True
        return messages.confirm(self, "\n\n".join(found) + "\n\n" + self.tr("Save anyway?"))


def short_title(title: str, limit: int = 40) -> str:
    """A record's title as a command names it, cut at a word when long."""
    return title if len(title) <= limit else title[:limit].rsplit(" ", 1)[0] + "…"
