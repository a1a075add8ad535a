"""Answering the consolidated obstacles inside Desk: search, type, keep, save, and refuse what would not import."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from sqlmodel import select
from tests.ui.helpers import press, type_text
from tests.ui.reply_inbox import HAI_PHONG, MINE

from desk.domain import deadlines, replies
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import records
from desk.services import replies as reply_service
from desk.store.replies import ObstacleReply
from desk.ui import messages
from desk.ui.answer_dialog import AnswerDialog
from desk.ui.consolidation_screen import ConsolidationDialog

ANSWER = "Bố trí trụ sở dôi dư của phường cũ; Sở Nội vụ hướng dẫn thủ tục điều chuyển."


@pytest.fixture
def consolidated(qtbot, vietnamese, inbox, tmp_path):
    folder, ids = inbox
    screen = ConsolidationDialog(HAI_PHONG, deadlines.DEFAULT_RULE, today=date(2025, 9, 20))
    qtbot.addWidget(screen)
    screen.show()
    screen.add_items([folder])
    screen.out.setText(str(tmp_path / "tong-hop.xlsx"))
    assert not screen.answer_here.isEnabled()          # nothing consolidated yet
    screen.start.click()
    qtbot.waitUntil(lambda: not screen.is_running(), timeout=30_000)
    return screen, ids


@pytest.fixture
def dialog(qtbot, consolidated) -> AnswerDialog:
    screen, _ids = consolidated
    assert screen.answer_here.isEnabled()
    assert screen.answer_here.text().replace("&", "") == "Trả lời trong Desk..."
    screen.answer_here.click()
    answering = screen.answer_dialog
    assert isinstance(answering, AnswerDialog) and answering.isVisible()
    qtbot.waitExposed(answering)
    return answering


def choose(dialog: AnswerDialog, obstacle_id: str) -> None:
    """The clerk clicks the obstacle's row, as a mouse does (the selection, not the dialog's own method)."""
    row = dialog.model.row_of(obstacle_id)
    assert row >= 0
    dialog.table.selectRow(row)


def test_answers_typed_in_the_dialog_reach_the_commune(qtbot, dialog, consolidated, inbox, workspace, tmp_path,
                                                       monkeypatch, shown, qtmodeltester):
    _screen, ids = consolidated
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 3
    assert dialog.body.text() == "Sở Nội vụ thành phố Hải Phòng"
    # Given the clerk searches without accents for the ward
    dialog.search.setFocus()
    type_text("ngo quyen", dialog.search)
    assert dialog.model.rowCount() == 2
    assert {dialog.model.obstacle_id(r) for r in range(2)} == {ids["premises"], ids["staff"]}
    assert "2" in dialog.count.text()
    # When it picks the premises, types the answer and moves through the fields with Tab
    choose(dialog, ids["premises"])
    assert "Trụ sở chật hẹp" in dialog.form_box.title()
    dialog.answer.setFocus()
    type_text(ANSWER, dialog.answer)
    press(Qt.Key.Key_Tab, widget=dialog.answer)
    assert dialog.focusWidget() is dialog.body
    dialog.body.selectAll()
    type_text("Sở Nội vụ thành phố Hải Phòng", dialog.body)
    press(Qt.Key.Key_Tab, widget=dialog.body)
    assert dialog.focusWidget() is dialog.doc_number
    type_text("77/SNV-TCBM", dialog.doc_number)
    press(Qt.Key.Key_Tab, widget=dialog.doc_number)
    assert dialog.focusWidget() is dialog.doc_date
    type_text("05/10/2025", dialog.doc_date)
    press(Qt.Key.Key_Tab, widget=dialog.doc_date)
    assert dialog.focusWidget() is dialog.proposed_state
    dialog.proposed_state.setCurrentIndex(dialog.proposed_state.findData("resolved"))
    assert dialog.proposed_state.currentText() == "Đã tháo gỡ"
    answered = dialog.model.index(dialog.model.row_of(ids["premises"]), 0)
    assert answered.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    # And goes to the other obstacle and back: the answer typed is still there
    choose(dialog, ids["staff"])
    assert dialog.answer.toPlainText() == "" and dialog.body.text() == "Sở Nội vụ thành phố Hải Phòng"
    choose(dialog, ids["premises"])
    assert dialog.answer.toPlainText() == ANSWER and dialog.doc_date.text() == "05/10/2025"
    assert dialog.proposed_state.currentData() == "resolved"
    # Then saving asks where, as «Create reply file...» does, and writes the answer into its row
    out = tmp_path / "tra-loi-desk.xlsx"
    asked = []
    monkeypatch.setattr(messages, "choose_save_file", lambda parent, title, suggested, filters: asked.append(
        suggested) or str(out))
    assert dialog.save_file() == out
    assert asked and asked[0].endswith("Tra-loi_2025-Q3.xlsx")
    assert shown.errors == []
    assert shown.infos and shown.infos[-1].startswith("Đã ghi 1 trả lời") and str(out) in shown.infos[-1]
    assert not dialog.is_changed()
    ws = openpyxl.load_workbook(out)[replies.SHEET]
    listed = {ws.cell(r, 4).value for r in range(replies.FIRST_ROW, ws.max_row + 1)}
    assert listed == set(ids.values())           # every obstacle listed, answered or not
    # And the commune imports it as if the province had filled it in Excel
    with workspace.session() as session:
        found = reply_service.preview(session, MINE, reply_service.read_reply_file(out))
        outcome = reply_service.apply(session, found, accept_states=True)
        session.commit()
    assert (outcome.added, outcome.states_changed) == (1, 1)
    with workspace.session() as session:
        stored = session.exec(select(ObstacleReply)).one()
        assert (stored.obstacle_id, stored.answer, stored.proposed_state) == (ids["premises"], ANSWER, "resolved")
        assert (stored.body, stored.doc_number, stored.doc_date) == ("Sở Nội vụ thành phố Hải Phòng", "77/SNV-TCBM",
                                                                     date(2025, 10, 5))
        assert records.get(session, OBSTACLES, ids["premises"]).status == "resolved"


@pytest.mark.parametrize(("typed", "said"), [
    ({"doc_number": "12/SNV"}, "chưa ghi nội dung trả lời"),
    ({"answer": "Đồng ý.", "doc_date": "01/01/2099"}, "ngày văn bản sau hôm nay"),
    ({"answer": "Đồng ý.", "doc_date": "31/02/2025"}, "Ngày «31/02/2025» không tồn tại"),
])
def test_an_answer_the_commune_could_not_import_is_refused_and_nothing_written(qtbot, dialog, consolidated, tmp_path,
                                                                               monkeypatch, shown, typed, said):
    _screen, ids = consolidated
    asked = []
    monkeypatch.setattr(messages, "choose_save_file", lambda *args: asked.append(args) or str(tmp_path / "x.xlsx"))
    choose(dialog, ids["staff"])
    for name, text in typed.items():
        field = getattr(dialog, name)
        field.setFocus()
        type_text(text, field)
    choose(dialog, ids["other"])            # the refusal brings the clerk back to the faulty answer
    assert dialog.save_file() is None
    assert shown.errors and said in shown.errors[-1] and "«Thiếu kế toán» (Phường Ngô Quyền)" in shown.errors[-1]
    assert asked == [] and not (tmp_path / "x.xlsx").exists()
    assert "Thiếu kế toán" in dialog.form_box.title()


def test_nothing_typed_is_a_message_not_an_empty_file(dialog, monkeypatch, shown):
    monkeypatch.setattr(messages, "choose_save_file", lambda *args: pytest.fail("nothing to save"))
    assert dialog.save_file() is None
    assert shown.errors and "Chưa có trả lời nào" in shown.errors[-1]


def test_closing_with_answers_not_saved_asks_first(qtbot, dialog, consolidated, shown, monkeypatch):
    _screen, ids = consolidated
    choose(dialog, ids["other"])
    dialog.answer.setFocus()
    type_text("Đề nghị liên hệ Sở Tài chính.", dialog.answer)
    asked = []
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent, text: asked.append(text) or shown.next_answer("keep"))
    # When the clerk presses Esc and chooses to keep editing, the dialog stays with the answer
    press(Qt.Key.Key_Escape, widget=dialog.answer)
    assert asked and "chưa được lưu" in asked[-1]
    assert dialog.isVisible() and dialog.answer.toPlainText() == "Đề nghị liên hệ Sở Tài chính."
    # And when it chooses to discard them, the dialog closes
    shown.answers.append("discard")
    dialog.close_button.click()
    assert len(asked) == 2 and not dialog.isVisible()


def test_closing_with_nothing_typed_or_everything_saved_does_not_ask(qtbot, dialog, consolidated, shown, tmp_path,
                                                                      monkeypatch):
    _screen, ids = consolidated
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent, text: pytest.fail("nothing to lose"))
    choose(dialog, ids["other"])
    type_text("Đồng ý.", dialog.answer)
    monkeypatch.setattr(messages, "choose_save_file", lambda *args: str(tmp_path / "tra-loi.xlsx"))
    assert dialog.save_file() is not None
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_the_dialog_fits_a_1024x768_screen(qtbot, dialog, consolidated, tmp_path):
    _screen, ids = consolidated
    assert dialog.width() <= 1000 and dialog.height() <= 700
    assert dialog.minimumSizeHint().width() <= 1000 and dialog.minimumSizeHint().height() <= 700
    choose(dialog, ids["premises"])
    dialog.answer.setFocus()
    type_text(ANSWER, dialog.answer)
    dialog.doc_number.setText("77/SNV-TCBM")
    dialog.doc_date.setText("05/10/2025")
    dialog.proposed_state.setCurrentIndex(dialog.proposed_state.findData("resolved"))
    # What a reviewer looks at (DESK_SHOTS names a folder to keep them): the size it opens at on a 1366x768
    # screen, and squeezed on a 1024x768 one (taskbar, title bar, a larger font).
    shots = Path(os.environ.get("DESK_SHOTS") or tmp_path)
    for size, name in (((1000, 680), "1366"), ((960, 640), "1024")):
        dialog.resize(*size)
        qtbot.wait(50)
        assert dialog.grab().save(str(shots / f"answer-{name}.png"))


def test_the_button_sits_beside_create_reply_file_in_the_consolidation_screen(qtbot, consolidated, tmp_path):
    screen, _ids = consolidated
    screen.resize(760, 520)
    qtbot.wait(50)
    assert screen.width() <= 1000
    for button in (screen.make_reply, screen.answer_here, screen.start, screen.cancel):
        assert button.isVisible() and button.geometry().right() <= screen.width()
        assert button.width() >= button.sizeHint().width()       # no label cut short
    assert screen.answer_here.geometry().left() > screen.make_reply.geometry().right()
    shots = Path(os.environ.get("DESK_SHOTS") or tmp_path)
    assert screen.grab().save(str(shots / "consolidation-with-answer-button.png"))


def test_the_keyboard_alone_finds_an_obstacle_and_saves(qtbot, dialog, consolidated, tmp_path, monkeypatch, shown):
    _screen, ids = consolidated
    dialog.search.setFocus()
    type_text("ke toan", dialog.search)
    # One match is chosen at once; Enter goes to its answer
    assert dialog.model.rowCount() == 1 and "Thiếu kế toán" in dialog.form_box.title()
    press(Qt.Key.Key_Return, widget=dialog.search)
    assert dialog.focusWidget() is dialog.answer
    type_text("Đề nghị tuyển dụng theo Nghị định 170.")
    # Clearing the search keeps the obstacle chosen; Down in the search box moves through the list
    dialog.search.setFocus()
    dialog.search.clear()
    assert dialog.model.rowCount() == 3 and "Thiếu kế toán" in dialog.form_box.title()
    press(Qt.Key.Key_Down, widget=dialog.search)
    assert "Thiếu kế toán" not in dialog.form_box.title() and dialog.answer.toPlainText() == ""
    press(Qt.Key.Key_Up, widget=dialog.search)
    assert dialog.answer.toPlainText() == "Đề nghị tuyển dụng theo Nghị định 170."
    out = tmp_path / "tra-loi.xlsx"
    monkeypatch.setattr(messages, "choose_save_file", lambda *args: str(out))
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier, widget=dialog.search)
    assert out.exists() and shown.infos[-1].startswith("Đã ghi 1 trả lời")
    ws = openpyxl.load_workbook(out)[replies.SHEET]
    answers = {ws[f"{replies.letter('obstacle_id')}{r}"].value: ws[f"{replies.letter('answer')}{r}"].value
               for r in range(replies.FIRST_ROW, ws.max_row + 1)}
    assert answers == {ids["staff"]: "Đề nghị tuyển dụng theo Nghị định 170.", ids["premises"]: None,
                       ids["other"]: None}
