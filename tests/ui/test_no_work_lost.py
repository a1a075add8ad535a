"""Nothing a clerk typed is lost or cut: long titles wrap and count, forms say what they edit, voiding asks
plainly and keeps its dialog open until a reason is given."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication, QLabel
from tests.services.registers_helpers import obstacle
from tests.ui.helpers import press, type_text

from desk.ui.actions import ActionId
from desk.ui.reason_dialog import ReasonDialog


def _form(qtbot, window, record=None):
    form = window.screen("obstacles").open_form(record)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def test_a_pasted_2000_character_title_is_kept_whole_and_counted(qtbot, window, shown):
    form = _form(qtbot, window)
    title = form.editor("title")
    # When the clerk pastes a long title over several lines
    long_text = ("Thiếu công chức địa chính để giải quyết hồ sơ đất đai\n" * 40)[:2000]
    mime = QMimeData()
    mime.setText(long_text)
    title.setFocus()
    title.insertFromMimeData(mime)
    # Then all of it is there, on one line (breaks became spaces), wrapped in a box taller than a line
    kept = title.text()
    assert len(kept) >= 1990 and "\n" not in kept
    assert title.height() > 2 * title.fontMetrics().lineSpacing()
    # and the counter says it is over the limit, in red
    counter = form.findChild(QLabel, "counter_title")
    assert counter.isVisible() and counter.text().startswith(f"{len(kept):,}".replace(",", "."))
    assert "500" in counter.text() and "b42318" in counter.styleSheet()
    # Saving refuses with the reason by the field, and nothing is cut
    form._on_save()
    assert "500" in form.error_text("title") and form.isVisible()
    assert title.text() == kept


def test_enter_in_the_title_box_saves_as_in_a_line_box(qtbot, window, shown):
    form = _form(qtbot, window)
    form.editor("title").setFocus()
    type_text("Thiếu máy tính")
    form.editor("domain").setCurrentIndex(form.editor("domain").findData("PERSONNEL"))
    form.editor("level").setCurrentIndex(form.editor("level").findData("commune"))
    form.editor("title").setFocus()
    press(Qt.Key.Key_Return)
    assert not form.isVisible()
    screen = window.screen("obstacles")
    assert screen.model.row_record(0)["title"] == "Thiếu máy tính"


def test_the_form_names_its_register_and_record_and_never_scrolls_sideways(qtbot, window, workspace, shown):
    form = _form(qtbot, window)
    assert form.windowTitle() == "Khó khăn, vướng mắc – new record"
    form.close()
    obstacle(workspace, title="Trụ sở chật hẹp")
    screen = window.screen("obstacles")
    screen.refresh()
    edit = _form(qtbot, window, screen.model.row_record(0))
    assert edit.windowTitle() == "Khó khăn, vướng mắc – edit: Trụ sở chật hẹp"
    # at 1024×768: the form fits and its fields fit their scroll area
    assert edit.height() <= 768 - 40 - 30 and edit.width() <= 1024
    QApplication.processEvents()
    body = edit._scroll.widget()
    assert body.width() <= edit._scroll.viewport().width()
    assert not edit._scroll.horizontalScrollBar().isVisible()


def test_every_field_has_its_own_alt_letter(qtbot, window, shown):
    for name in ("obstacles", "officials", "movements", "visits", "initiatives", "staffing"):
        form = window.screen(name).open_form()
        qtbot.addWidget(form)
        letters = []
        for label in form.findChildren(QLabel):
            text = label.text().replace("&&", "")
            if label.objectName().startswith("label_") and "&" in text:
                letters.append(text[text.index("&") + 1].lower())
                assert label.buddy() is not None
        assert len(letters) == len(set(letters)), (name, letters)
        assert "s" not in letters      # Alt+S is the Save button's
        # a few fields of a long form may find no free letter (26 letters, some taken): Tab still reaches them
        assert len(letters) >= 0.8 * len(form._labels), name
        form.close()


def test_voiding_names_the_record_and_says_what_each_button_does(window, workspace, shown, monkeypatch):
    from desk.ui import messages

    obstacle(workspace, title="Trụ sở chật hẹp")
    screen = window.screen("obstacles")
    screen.refresh()
    screen.table.selectRow(0)
    asked = []
    monkeypatch.setattr(messages, "ask_reason", lambda parent, title, text, accept, reject:
                        asked.append((title, text, accept, reject)) or None)
    window.screen_actions[window.stack.index_of("obstacles")].trigger()
    window.actions[ActionId.VOID_RECORD].trigger()
    title, text, accept, reject = asked[0]
    assert "Trụ sở chật hẹp" in text
    assert accept == "&Void the record" and reject == "&Keep it"
    # "Keep it": nothing voided
    assert screen.model.rowCount() == 1


def test_an_empty_reason_keeps_the_void_dialog_open_with_a_message(qtbot):
    dialog = ReasonDialog("Hủy bản ghi", "Hủy «Trụ sở chật hẹp»?", "&Hủy bản ghi này", "&Giữ lại")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # When the clerk presses the void button with no reason
    dialog.accept_button.click()
    # Then the dialog stays, saying why
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.error.isVisible() and "reason" in dialog.error.text()
    # When she types one, the message goes, and the button closes the dialog with the reason
    type_text("Nhập trùng", dialog.reason)
    assert not dialog.error.isVisible()
    dialog.accept_button.click()
    assert not dialog.isVisible() and dialog.text() == "Nhập trùng"
    # Enter in the reason box never voids by accident: the default button keeps the record
    assert dialog.reject_button.isDefault()


def test_ctrl_enter_in_the_reason_confirms_and_enter_starts_a_new_line(qtbot):
    from PySide6.QtCore import Qt

    dialog = ReasonDialog("Hủy bản ghi", "Hủy «Trụ sở chật hẹp»?", "&Hủy bản ghi này", "&Giữ lại")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    type_text("Nhập trùng", dialog.reason)
    press(Qt.Key.Key_Return, widget=dialog.reason)
    assert dialog.isVisible()
    type_text("với dòng 12", dialog.reason)
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier, widget=dialog.reason)
    assert not dialog.isVisible() and dialog.result() == 1
    assert dialog.text() == "Nhập trùng\nvới dòng 12"
