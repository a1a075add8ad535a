"""F1 opens the guide with every shortcut; a second start brings the open window forward."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QDialog

from desk.domain import lang
from desk.ui import open_window
from desk.ui.actions import ActionId


def test_f1_opens_the_guide_in_vietnamese_with_the_shortcut_list(qtbot, window):
    action = window.actions[ActionId.GUIDE]
    assert action.shortcut().toString() == "F1"
    action.trigger()
    guide = window.findChild(QDialog, "guideDialog")
    qtbot.waitUntil(guide.isVisible)
    text = guide.browser.toPlainText()
    # how to enter, search, export, submit, import, back up ...
    for words in ("Nhập và sửa bản ghi", "Tìm kiếm", "Xuất, in và nộp báo cáo", "Nhập từ Excel", "Sao lưu"):
        assert words in text, words
    # ... and the keys, taken from the window's own commands
    for keys in ("Ctrl+N", "Ctrl+E", "Ctrl+P", "Ctrl+Z", "Ctrl+L", "Ctrl+1", "Ctrl+9", "F2"):
        assert keys in text, keys
    guide.reject()


def test_the_guide_follows_the_language(qtbot, window):
    lang.set_language("en")
    try:
        dialog = window.show_guide()
        assert "Entering and editing" in dialog.browser.toPlainText()
        dialog.reject()
    finally:
        lang.set_language("vi")


def test_f1_works_from_an_open_form(qtbot, window):
    form = window.screen("obstacles").open_form()
    qtbot.addWidget(form)
    assert window.actions[ActionId.GUIDE] in form.actions()


def test_a_second_start_brings_the_open_window_forward(qtbot, window, workspace):
    window.showMinimized()
    answered = []
    # When a second Desk asks (it waits for the answer, here on a thread as its own process would)
    asking = threading.Thread(target=lambda: answered.append(open_window.bring_forward(workspace.folder, wait_s=5)))
    asking.start()
    qtbot.waitUntil(lambda: bool(answered), timeout=6000)
    asking.join()
    # Then the window answered and is no longer minimized
    assert answered == [True]
    assert not window.isMinimized()


def test_nobody_answers_when_no_window_is_open(tmp_path):
    assert open_window.bring_forward(tmp_path, wait_s=0.2) is False
