"""Answers back down in the window: the consolidation's reply file, its import with the states the commune accepts."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from tests.ui.helpers import type_text
from tests.ui.reply_inbox import HAI_PHONG, MINE, Q3

from desk.domain import deadlines, replies
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import consolidation, periodic_report, records
from desk.services import replies as reply_service
from desk.ui import messages
from desk.ui.actions import ActionId
from desk.ui.consolidation_screen import ConsolidationDialog
from desk.ui.record_form import RecordForm
from desk.ui.reply_import import ReplyPreviewModel

DOC_DAY = date(2025, 10, 5)


def test_the_consolidation_dialog_makes_the_reply_file_after_a_run(qtbot, vietnamese, inbox, tmp_path, monkeypatch):
    folder, ids = inbox
    dialog = ConsolidationDialog(HAI_PHONG, deadlines.DEFAULT_RULE, today=date(2025, 9, 20))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_items([folder])
    dialog.out.setText(str(tmp_path / "tong-hop.xlsx"))
    assert not dialog.make_reply.isEnabled()          # nothing consolidated yet
    dialog.start.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30_000)
    assert dialog.make_reply.isEnabled() and dialog.make_reply.text().replace("&", "") == "Tạo tệp trả lời..."
    asked = []
    out = tmp_path / "tra-loi.xlsx"
    monkeypatch.setattr(messages, "choose_save_file", lambda parent, title, suggested, filters: asked.append(
        suggested) or str(out))
    dialog.make_reply.click()
    assert asked and asked[0].endswith("Tra-loi_2025-Q3.xlsx")
    ws = openpyxl.load_workbook(out)[replies.SHEET]
    listed = {ws.cell(r, 4).value for r in range(replies.FIRST_ROW, ws.max_row + 1)}
    assert listed == set(ids.values())
    assert "3" in dialog.status.text() and str(out) in dialog.status.text()


@pytest.fixture
def reply_file(inbox, tmp_path):
    folder, ids = inbox
    out = tmp_path / "tra-loi.xlsx"
    reply_service.export_reply_workbook(consolidation.consolidate([folder], Q3, province_code=HAI_PHONG), out)
    wb = openpyxl.load_workbook(out)
    ws = wb[replies.SHEET]
    col = {c.key: i for i, c in enumerate(replies.COLUMNS, start=1)}
    for r in range(replies.FIRST_ROW, ws.max_row + 1):
        if ws.cell(r, col["obstacle_id"]).value == ids["premises"]:
            values = {"answer": "Bố trí trụ sở dôi dư của phường cũ.", "proposed_state": "Đã tháo gỡ"}
        elif ws.cell(r, col["obstacle_id"]).value == ids["staff"]:
            values = {"answer": "Đề nghị tuyển dụng theo Nghị định 170.", "proposed_state": "Đang xử lý"}
        else:
            values = {"answer": "Trả lời cho xã khác."}
        values.update(body="Sở Nội vụ", doc_number="77/SNV-TCBM", doc_date=DOC_DAY)
        for key, value in values.items():
            ws.cell(r, col[key], value)
    wb.save(out)
    return out, ids


def test_importing_a_reply_file_through_the_menu_with_one_state_accepted(qtbot, vietnamese, window, workspace,
                                                                         reply_file, monkeypatch, shown, qtmodeltester):
    path, ids = reply_file
    monkeypatch.setattr(messages, "choose_file", lambda parent, title, start, filters: str(path))
    # When the clerk chooses File > Import answers from a reply file...
    action = window.actions[ActionId.IMPORT_REPLY]
    assert action.text() == "Nhập &trả lời từ tệp của cấp trên..."
    assert action in window.file_menu.actions()
    with qtbot.waitSignal(window.replies.previewed, timeout=30_000) as opened:
        action.trigger()
    dialog = opened.args[0]
    model: ReplyPreviewModel = dialog.model
    qtmodeltester.check(model)
    # Then the preview lists this commune's two answers; the other commune's is only counted
    assert model.rowCount() == 2
    assert "2 trả lời sẽ nhập" in dialog.summary.text()
    assert "1 trả lời cho xã, phường khác (bỏ qua)" in dialog.summary.text()
    # Kinds the file does not hold are not listed as zeros
    assert "đã nhập trước đây" not in dialog.summary.text() and "dòng có lỗi" not in dialog.summary.text()
    rows = {model.item(r).reply.obstacle_id: r for r in range(2)}
    # And the clerk accepts the proposed "resolved" for the premises, not "in progress" for the staff
    box = model.index(rows[ids["premises"]], 0)
    assert model.flags(box) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(box, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    with qtbot.waitSignal(window.replies.finished, timeout=10_000) as done:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    outcome = done.args[0]
    assert (outcome.added, outcome.states_changed, outcome.other_units) == (2, 1, 1)
    assert shown.infos and "Đã nhập 2 trả lời" in shown.infos[-1]
    with workspace.session() as session:
        assert records.get(session, OBSTACLES, ids["premises"]).status == "resolved"
        assert records.get(session, OBSTACLES, ids["staff"]).status == "referred"
    # The register shows the latest answer in its own column, and the form read-only
    screen = window.screen("obstacles")
    window.nav.setCurrentRow(window.stack.index_of("obstacles"))
    screen.focus_search()
    type_text("kế toán", screen.search)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=5_000)
    column = screen.model.column_of("latest_reply")
    assert screen.model.headerData(column, Qt.Orientation.Horizontal) == "Trả lời gần nhất"
    assert screen.model.index(0, column).data().startswith("Văn bản số 77/SNV-TCBM ngày 05/10/2025 của Sở Nội vụ")
    screen.table.selectRow(0)
    window.actions[ActionId.EDIT_RECORD].trigger()
    form = qtbot.waitUntil(lambda: window.findChild(RecordForm) is not None) or window.findChild(RecordForm)
    shown_field = form.findChild(type(form._shown["latest_reply"]), "field_latest_reply")
    assert shown_field.isReadOnly() and "Nghị định 170" in form.shown_text("latest_reply")
    form.reject()


def test_a_wrong_file_chosen_in_the_menu_is_a_clear_message(qtbot, window, workspace, tmp_path, monkeypatch, shown):
    report = tmp_path / "bao-cao.xlsx"
    with workspace.session() as session:
        periodic_report.export(session, MINE, Q3, report)
    monkeypatch.setattr(messages, "choose_file", lambda parent, title, start, filters: str(report))
    with qtbot.waitSignal(window.replies.finished, timeout=30_000) as done:
        window.actions[ActionId.IMPORT_REPLY].trigger()
    assert done.args[0] is None
    assert shown.errors and "không phải tệp trả lời khó khăn, vướng mắc do Desk tạo" in shown.errors[-1]
