"""What a keyboard-first clerk meets: choices found by words typed without accents, Enter on an overview
tile, Tab through a form, each field beside its label, the Undo label after a void, the sign-out question,
restoring with no backup yet."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QScrollArea
from tests.services.registers_helpers import obstacle
from tests.ui.helpers import press, type_text

from desk.domain.registers import REGISTERS
from desk.services import users
from desk.ui import messages
from desk.ui.actions import ActionId
from desk.ui.record_form import RecordForm
from desk.ui.restore_dialog import RestoreDialog


def new_record_form(qtbot, window, register: str) -> RecordForm:
    """The register shown and «Thêm mới» (Ctrl+N) triggered: its form, with the focus in its first field."""
    window.nav.setCurrentRow(window.stack.index_of(register))
    window.actions[ActionId.NEW_RECORD].trigger()
    form = next(w for w in window.findChildren(RecordForm) if w.isVisible())
    qtbot.waitUntil(lambda: form.isAncestorOf(QApplication.focusWidget()))
    return form


def rows(screen, field: str) -> list:
    return [screen.model.row_record(r)[field] for r in range(screen.model.rowCount())]


def test_words_typed_without_accents_pick_the_choice_they_name_and_enter_saves(qtbot, window):
    # Given the clerk adding an official with the keyboard
    form = new_record_form(qtbot, window, "officials")
    type_text("Nguyễn Thị Bình")
    press(Qt.Key.Key_Tab)
    type_text("5/3/1990")
    press(Qt.Key.Key_Tab)
    # When she types «nu» in «Giới tính»: Nữ, not Nam (the first item starting with n)
    gender = QApplication.focusWidget()
    assert gender is form.editor("gender")
    type_text("nu")
    assert gender.currentText() == "Nữ"
    # And «cong chuc» in «Loại cán bộ»: Công chức, not Cán bộ; a space goes on with the words
    press(Qt.Key.Key_Tab)
    category = QApplication.focusWidget()
    assert category is form.editor("staff_category")
    type_text("cong chuc")
    assert category.currentText() == "Công chức" and not category.view().isVisible()
    # An arrow still moves to the next item, and words typed after it start a new search
    press(Qt.Key.Key_Down)
    assert category.currentText() == "Viên chức"
    type_text("CONG")
    assert category.currentText() == "Công chức"
    # Words found in any order and where a word starts: «van hoa» is Phòng Văn hóa – Xã hội
    press(Qt.Key.Key_Tab)
    type_text("van hoa")
    assert form.editor("office").currentText() == "Phòng Văn hóa – Xã hội"
    # A Vietnamese input method takes a letter back to put its tone on (Telex «nux»: n, u, ⌫, ữ)
    gender.setFocus()
    type_text("nam")
    assert gender.currentText() == "Nam"
    press(Qt.Key.Key_Backspace)
    press(Qt.Key.Key_Backspace)
    type_text("ữ")
    assert gender.currentText() == "Nữ"
    # Then Enter saves the form with what the boxes show
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible())
    screen = window.screen("officials")
    saved = screen.model.row_record(screen.model.row_of(screen.current_id()))
    assert (saved["full_name"], saved["gender"], saved["staff_category"], saved["office"]) == \
        ("Nguyễn Thị Bình", "female", "civil_servant", "culture_social")


def test_di_and_den_find_the_direction_of_a_movement_in_the_box_and_in_its_open_list(qtbot, window):
    form = new_record_form(qtbot, window, "movements")
    direction = form.editor("direction")
    direction.setFocus()
    qtbot.waitUntil(direction.hasFocus)
    # When the clerk types «den» in «Đi hay đến»
    type_text("den")
    assert direction.currentText() == "Người từ nơi khác đến đơn vị"
    # And, back in the box later, «di»
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert direction.hasFocus()
    type_text("di")
    assert direction.currentText() == "Cán bộ của đơn vị đi nơi khác"
    # In the open list (F4) the same words find the item, and Enter takes it without saving the form
    press(Qt.Key.Key_F4)
    items = direction.view()
    qtbot.waitUntil(items.isVisible)
    type_text("den", items)
    press(Qt.Key.Key_Return, widget=items)
    qtbot.waitUntil(lambda: not items.isVisible())
    assert direction.currentText() == "Người từ nơi khác đến đơn vị" and form.isVisible()
    assert form.values()["direction"] == "in"


def test_enter_on_a_focused_overview_tile_opens_its_register(qtbot, window, workspace):
    obstacle(workspace, title="Quá hạn", deadline="01/10/2025")
    obstacle(workspace, title="Còn hạn", status="referred", deadline="01/10/2099")
    dashboard = window.more.dashboard
    dashboard.refresh()
    screen = window.screen("obstacles")
    # When the clerk tabs to «khó khăn đang mở» and presses Enter
    dashboard.tiles["open"].setFocus()
    qtbot.waitUntil(dashboard.tiles["open"].hasFocus)
    press(Qt.Key.Key_Return)
    # Then its register opens with the open obstacles, as a click or Space does
    assert window.current_screen() is screen
    assert sorted(rows(screen, "title")) == ["Còn hạn", "Quá hạn"]
    # And the keypad's Enter on «khó khăn quá hạn xử lý» opens the overdue one
    window.nav.setCurrentRow(0)
    dashboard.tiles["overdue"].setFocus()
    qtbot.waitUntil(dashboard.tiles["overdue"].hasFocus)
    press(Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert window.current_screen() is screen and rows(screen, "title") == ["Quá hạn"]


@pytest.mark.parametrize("register", list(REGISTERS))
def test_tab_from_cancel_goes_back_to_the_first_field_of_every_form(qtbot, window, register):
    form = new_record_form(qtbot, window, register)
    first = QApplication.focusWidget()
    cancel = form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setFocus()
    qtbot.waitUntil(cancel.hasFocus)
    press(Qt.Key.Key_Tab)
    assert not isinstance(QApplication.focusWidget(), QScrollArea)
    assert QApplication.focusWidget() is first
    form.reject()


@pytest.mark.parametrize("register", list(REGISTERS))
def test_every_field_stands_beside_its_label_in_a_form_taller_than_it_needs(qtbot, window, register):
    # Given a form opened at its usual size, with more height than its fields need (the short ones)
    form = new_record_form(qtbot, window, register)
    form.resize(720, 640)
    QApplication.processEvents()
    # Then each field's box starts level with its label: the spare height is below the last field
    for name, label in form._labels.items():
        box = form._editors[name].widget
        top = lambda widget: widget.mapTo(form, widget.rect().topLeft()).y()  # noqa: E731
        assert abs(top(box) - top(label)) <= 8, f"{register}.{name}: label at {top(label)}, box at {top(box)}"


def test_the_undo_label_after_a_void_names_the_record_cut_at_a_word(window, workspace, shown):
    obstacle(workspace, title="Đường truyền mạng tại bộ phận một cửa thường xuyên bị gián đoạn")
    window.nav.setCurrentRow(window.stack.index_of("obstacles"))
    screen = window.current_screen()
    screen.refresh()
    screen.select_id(screen.model.row_record(0)["id"])
    shown.answers.append("Nhập trùng")
    window.actions[ActionId.VOID_RECORD].trigger()
    assert rows(screen, "title") == []
    assert window.actions[ActionId.UNDO].text() == "Undo: void «Đường truyền mạng tại bộ phận một cửa…»"


@pytest.fixture
def signed_in(qtbot, workspace, app_settings, shown):
    """The main window with the administrator signed in (only someone signed in can sign out)."""
    from desk.ui.main_window import MainWindow

    with workspace.session() as session:
        workspace.actor = users.create_first_admin(session, "quantri", "mật-khẩu-quản-trị")
    win = MainWindow(workspace, app_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    workspace.actor = None


def test_signing_out_with_an_unsaved_form_asks_about_signing_out(qtbot, vietnamese, signed_in, monkeypatch):
    asked: list[str] = []

    def answer_no(parent, text: str) -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(messages, "confirm", answer_no)
    # Given a form with something typed and not saved
    form = new_record_form(qtbot, signed_in, "visits")
    type_text("01/12/2026")
    # When the clerk signs out and answers No
    signed_in.actions[ActionId.SIGN_OUT].trigger()
    # Then the question speaks of signing out, and she stays signed in with her form
    assert asked == ["Có biểu mẫu đang sửa chưa lưu. Vẫn đăng xuất và bỏ các thay đổi đó?"]
    assert signed_in.isVisible() and not signed_in.signed_out and form.isVisible()
    # Quitting still asks about closing Desk
    signed_in.actions[ActionId.QUIT].trigger()
    assert asked[-1] == "Có biểu mẫu đang sửa chưa lưu. Vẫn đóng Desk và bỏ các thay đổi đó?"
    assert signed_in.isVisible()
    form.reject()


def test_restore_with_no_automatic_backup_says_so_and_opens_the_usb_copy_s_folder(qtbot, vietnamese, window,
                                                                                 shown, tmp_path, monkeypatch):
    # Given a copy just made to a USB stick with «Sao lưu ngay»
    usb = tmp_path / "USB"
    usb.mkdir()
    monkeypatch.setattr(messages, "choose_folder", lambda parent, title, start: str(usb))
    window.actions[ActionId.BACKUP_NOW].trigger()
    qtbot.waitUntil(lambda: bool(shown.infos), timeout=20_000)
    # When the administrator opens «Khôi phục từ bản sao lưu»
    seen: dict = {}

    def exec_(dialog):
        dialog.show()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and dialog.isAncestorOf(
            QApplication.focusWidget()))
        seen["said"] = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
        seen["focus"] = QApplication.focusWidget()
        dialog.other.click()
        return dialog.result()

    monkeypatch.setattr(RestoreDialog, "exec", exec_)
    monkeypatch.setattr(messages, "choose_file",
                        lambda parent, title, folder, filters: seen.setdefault("opened_in", folder) and None)
    monkeypatch.setattr(window.safety, "allowed", lambda permission: True)
    window.actions[ActionId.RESTORE].trigger()
    # Then it says there is no automatic backup yet and how to reach the copy on the stick
    assert ("Chưa có bản sao lưu tự động nào. Để khôi phục từ bản sao lưu trên USB hoặc ở thư mục khác, hãy bấm "
            "«Tệp khác (USB)...» rồi chọn tệp sao lưu.") in seen["said"]
    assert seen["focus"].text() == "Tệp &khác (USB)..."
    # And «Tệp khác (USB)...» opens the folder the copy went to
    assert seen["opened_in"] == str(usb)
    assert shown.errors == []
