"""The obstacle register as a clerk uses it: keyboard entry, search, sort, overdue rows, void."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from tests.conftest import NGO_QUYEN
from tests.ui.helpers import press, type_text

from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import records
from desk.ui import messages
from desk.ui.record_form import RecordForm
from desk.ui.record_model import OVERDUE_BACKGROUND, RecordTableModel


def add(workspace, **values):
    base = {"domain": "PERSONNEL", "title": "Thiếu công chức", "level": "province", "raised_on": "05/09/2025",
            "status": "received"}
    base.update(values)
    with workspace.session() as session:
        return records.save(session, OBSTACLES, base, unit_code=NGO_QUYEN)


def column_texts(screen, field_name: str) -> list[str]:
    col = screen.model.column_of(field_name)
    return [screen.model.index(r, col).data() for r in range(screen.model.rowCount())]


def test_window_title_names_the_unit(window):
    assert window.windowTitle() == "Desk – Phường Ngô Quyền, Thành phố Hải Phòng"


def test_a_record_is_entered_with_the_keyboard_only(qtbot, window):
    screen = window.screen("obstacles")
    # When the clerk presses Ctrl+N
    press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier, window)
    form = window.findChild(RecordForm)
    qtbot.waitUntil(lambda: form is not None and form.isVisible())
    # Then typing starts in the first field (the obstacle itself)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.editor("title"))
    type_text("Thiếu công chức địa chính ở Phường Ngô Quyền")
    press(Qt.Key.Key_Tab)                       # domain: Down picks the first one
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Tab)                       # description
    type_text("Hồ sơ đất đai tồn đọng")
    press(Qt.Key.Key_Tab)                       # proposal
    type_text("Đề nghị tăng cường cán bộ")
    press(Qt.Key.Key_Tab)                       # competent level
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Tab)                       # source
    press(Qt.Key.Key_Tab)                       # raised on (today by default): replace it
    QApplication.focusWidget().selectAll()
    type_text("5/9/2025")
    press(Qt.Key.Key_Tab)                       # deadline
    type_text("30/09/2025")
    # And presses Enter
    press(Qt.Key.Key_Return)
    # Then the form closes and the record is in the list, selected
    qtbot.waitUntil(lambda: not form.isVisible())
    assert column_texts(screen, "title") == ["Thiếu công chức địa chính ở Phường Ngô Quyền"]
    assert column_texts(screen, "domain") == ["Tổ chức bộ máy"]
    assert column_texts(screen, "raised_on") == ["05/09/2025"]
    assert column_texts(screen, "status") == ["Mới tiếp nhận"]
    assert screen.current_id() is not None


def test_a_validation_error_shows_next_to_the_field_and_nothing_is_saved(qtbot, window):
    screen = window.screen("obstacles")
    form = screen.open_form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(form.isActiveWindow)
    form.editor("deadline").setText("31/02/2025")
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.isVisible()
    assert form.error_text("domain") == "Chưa chọn «Lĩnh vực» (bắt buộc)."
    assert "31/02/2025" in form.error_text("deadline")
    assert form.error_text("proposal") == ""
    assert screen.model.rowCount() == 0


def test_escape_on_an_untouched_form_closes_it_without_asking(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent, text: asked.append(text) or "keep")
    form = window.screen("obstacles").open_form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(form.isActiveWindow)
    press(Qt.Key.Key_Escape)
    assert not form.isVisible() and asked == []


def test_escape_on_a_changed_form_asks_and_each_answer_does_what_it_says(qtbot, window, shown, monkeypatch):
    answers, asked = ["keep", "discard"], []
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent, text: asked.append(text) or answers.pop(0))
    form = window.screen("obstacles").open_form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(form.isActiveWindow)
    form.editor("title").setFocus()
    type_text("Sẽ không lưu")
    # "Keep editing": the form stays, with what was typed
    press(Qt.Key.Key_Escape)
    assert form.isVisible() and form.editor("title").text() == "Sẽ không lưu"
    assert "not saved" in asked[0]
    # "Discard the changes": closed, nothing saved
    press(Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert window.screen("obstacles").model.rowCount() == 0


def test_escape_then_save_saves_the_changed_form(qtbot, window, shown, monkeypatch):
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent, text: "save")
    screen = window.screen("obstacles")
    form = screen.open_form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(form.isActiveWindow)
    form.editor("title").setText("Lưu khi đóng")
    form.editor("domain").setCurrentIndex(form.editor("domain").findData("PERSONNEL"))
    form.editor("level").setCurrentIndex(form.editor("level").findData("commune"))
    press(Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert [screen.model.row_record(r)["title"] for r in range(screen.model.rowCount())] == ["Lưu khi đóng"]


def test_search_ngo_quyen_finds_the_accented_title(qtbot, window, workspace):
    add(workspace, title="Trụ sở Phường Ngô Quyền chật hẹp")
    add(workspace, title="Thiếu máy tính")
    screen = window.screen("obstacles")
    screen.refresh()
    # When the clerk presses Ctrl+F and types without accents
    press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier, window)
    assert QApplication.focusWidget() is screen.search
    type_text("ngo quyen")
    # Then only the matching obstacle remains
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert column_texts(screen, "title") == ["Trụ sở Phường Ngô Quyền chật hẹp"]


def test_a_typed_word_finds_the_records_with_a_word_starting_so_not_every_phuong(qtbot, window, workspace):
    add(workspace, title="Trụ sở Phường 5 xuống cấp")
    add(workspace, title="Bà Hương đề nghị cấp lại giấy")
    add(workspace, title="Văn bản 123/QĐ-UBND chưa hướng dẫn")
    screen = window.screen("obstacles")
    screen.refresh()
    press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier, window)
    # When the clerk types a name: "phường" holds "hương" inside a word, so it is not a match
    type_text("Hương")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2)
    # Then the name comes first, then the word it folds alike with
    assert column_texts(screen, "title") == ["Bà Hương đề nghị cấp lại giấy", "Văn bản 123/QĐ-UBND chưa hướng dẫn"]
    # And a decision is found by its sign, written between punctuation
    screen.search.clear()
    type_text("qđ")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert column_texts(screen, "title") == ["Văn bản 123/QĐ-UBND chưa hướng dẫn"]


def test_columns_sort_in_vietnamese_order(window, workspace):
    for title in ("Yến", "Đức", "Dũng", "Anh", "Ân"):
        add(workspace, title=title)
    screen = window.screen("obstacles")
    screen.refresh()
    screen.table.sortByColumn(screen.model.column_of("title"), Qt.SortOrder.AscendingOrder)
    assert column_texts(screen, "title") == ["Anh", "Ân", "Dũng", "Đức", "Yến"]
    screen.table.sortByColumn(screen.model.column_of("title"), Qt.SortOrder.DescendingOrder)
    assert column_texts(screen, "title") == ["Yến", "Đức", "Dũng", "Ân", "Anh"]


def test_overdue_open_obstacles_stand_out(window, workspace):
    yesterday = date.today() - timedelta(days=1)
    add(workspace, title="Quá hạn", raised_on=yesterday - timedelta(days=30), deadline=yesterday)
    add(workspace, title="Đã xong", raised_on=yesterday - timedelta(days=30), deadline=yesterday,
        status="resolved", result="Xong", resolved_on=yesterday)
    screen = window.screen("obstacles")
    screen.refresh()
    backgrounds = {screen.model.index(r, 0).data(Qt.ItemDataRole.DisplayRole) and
                   column_texts(screen, "title")[r]: screen.model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole)
                   for r in range(2)}
    assert backgrounds["Quá hạn"].color() == OVERDUE_BACKGROUND
    assert backgrounds["Đã xong"] is None
    assert "Quá hạn: 1" in screen.status.text()


def test_looking_back_shows_each_row_as_it_stood_that_day_and_today_again_as_it_is(window, workspace, monkeypatch):
    today = date.today()
    add(workspace, title="Quá hạn, tháo gỡ hôm qua", raised_on=today - timedelta(days=60),
        deadline=today - timedelta(days=20), status="resolved", result="Xong", resolved_on=today - timedelta(days=1))
    screen = window.screen("obstacles")
    screen.refresh()
    state = screen.model.index(0, screen.model.column_of("status"))
    assert state.data() == "Đã tháo gỡ" and state.data(Qt.ItemDataRole.BackgroundRole) is None
    # When the clerk looks back ten days ("Ngày khác...", a typed day)
    monkeypatch.setattr(messages, "ask_text", lambda *args: (today - timedelta(days=10)).strftime("%d/%m/%Y"))
    other = screen.as_of.count() - 1
    screen.as_of.setCurrentIndex(other)
    screen.as_of.activated.emit(other)
    # Then the row read for today shows its state then: still received, and overdue, with no result yet
    state = screen.model.index(0, screen.model.column_of("status"))
    assert state.data() == "Mới tiếp nhận" and state.data(Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    assert "Quá hạn: 1" in screen.status.text()
    assert not screen.model.index(0, screen.model.column_of("result")).data()
    # And back to today, as it is now
    screen.as_of.setCurrentIndex(0)
    screen.as_of.activated.emit(0)
    state = screen.model.index(0, screen.model.column_of("status"))
    assert state.data() == "Đã tháo gỡ" and state.data(Qt.ItemDataRole.BackgroundRole) is None
    assert screen.model.index(0, screen.model.column_of("result")).data() == "Xong"


def test_filters_narrow_the_list(qtbot, window, workspace):
    add(workspace, title="Trụ sở", domain="PREMISES")
    add(workspace, title="Nhân sự", domain="PERSONNEL")
    screen = window.screen("obstacles")
    screen.refresh()
    combo: QComboBox = screen.findChild(QComboBox, "filter_domain")
    combo.setCurrentIndex(combo.findData("PREMISES"))
    assert column_texts(screen, "title") == ["Trụ sở"]
    screen.date_from.setText("01/01/2026")
    screen.date_from.editingFinished.emit()
    assert screen.model.rowCount() == 0


def test_void_asks_a_reason_and_hides_the_row(qtbot, window, workspace, shown):
    add(workspace, title="Nhập trùng")
    screen = window.screen("obstacles")
    screen.refresh()
    screen.table.selectRow(0)
    shown.answers = [""]                      # first: no reason given
    screen.void_current()
    assert shown.errors == ["Phải ghi lý do hủy bản ghi."]
    assert screen.model.rowCount() == 1
    shown.answers = ["Nhập trùng với hồ sơ số 12"]
    screen.void_current()
    assert screen.model.rowCount() == 0
    screen.show_voided.setChecked(True)
    assert column_texts(screen, "title") == ["Nhập trùng"]
    assert screen.model.index(0, 0).data(Qt.ItemDataRole.FontRole).strikeOut()


def test_table_model_passes_qtmodeltester(qtmodeltester, workspace):
    add(workspace, title="Một")
    add(workspace, title="Hai", deadline="01/10/2025")
    model = RecordTableModel(OBSTACLES)
    with workspace.session() as session:
        rows = records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN))
        labels = records.choice_labels(session, OBSTACLES)
    model.set_rows(rows, labels, date(2025, 12, 1))
    qtmodeltester.check(model, force_py=True)


def test_a_saved_obstacles_state_is_changed_with_its_day_and_a_note_and_undone(window, workspace, qtbot, shown,
                                                                              monkeypatch):
    from desk.services import states
    from desk.ui.actions import ActionId
    from desk.ui.state_dialog import StateDialog

    record_id = add(workspace, title="Thiếu máy in", status="in_progress")
    window.nav.setCurrentRow(window.stack.index_of("obstacles"))
    screen = window.current_screen()
    screen.select_id(record_id)
    form = screen.open_form(screen.model.row_record(0))
    qtbot.addWidget(form)
    # The state is not typed over: it is read-only, changed with "Change state..."
    assert not form.editor("status").isEnabled() and not form.editor("status_since").isEnabled()

    def answer(dialog):     # the clerk picks "resolved" from 10/10/2025, writes the result and a note
        dialog.state.setCurrentIndex(dialog.state.findData("resolved"))
        dialog.since.setText("10/10/2025")
        dialog.result.setPlainText("Đã được cấp máy in")
        dialog.note.setText("Công văn số 123/SNV-XDCQ ngày 05/10/2025")
        dialog._on_accept()
        return StateDialog.DialogCode.Accepted

    monkeypatch.setattr(StateDialog, "exec", answer)
    form.open()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    press(Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier, form.editor("title"))
    assert form.editor("status").currentData() == "resolved" and form.editor("status_since").text() == "10/10/2025"
    form._on_save()
    assert shown.errors == [] and not form.isVisible()
    with workspace.session() as session:
        timeline = states.timeline(session, OBSTACLES, record_id)
    assert [(e.value, e.effective_on and e.effective_on.isoformat(), e.note) for e in timeline][-1] == (
        "resolved", "2025-10-10", "Công văn số 123/SNV-XDCQ ngày 05/10/2025")
    # A day ahead of today is refused by the field, nothing saved
    form = screen.open_form(screen.model.row_record(screen.model.row_of(record_id)))
    qtbot.addWidget(form)
    later = (date.today() + timedelta(days=3)).strftime("%d/%m/%Y")

    def ahead(dialog):
        dialog.state.setCurrentIndex(dialog.state.findData("closed"))
        dialog.since.setText(later)
        dialog._on_accept()
        return StateDialog.DialogCode.Accepted

    monkeypatch.setattr(StateDialog, "exec", ahead)
    form.ask_state_change()
    form._on_save()
    assert "không được sau hôm nay" in form.error_text("status_since")
    with workspace.session() as session:
        assert records.get(session, OBSTACLES, record_id).status == "resolved"
    form.reject()
    # Undo takes the resolution back: in progress again, the history as before
    window.actions[ActionId.UNDO].trigger()
    with workspace.session() as session:
        assert records.get(session, OBSTACLES, record_id).status == "in_progress"
        assert [e.value for e in states.timeline(session, OBSTACLES, record_id) if not e.voided] == ["in_progress"]


def test_the_province_committee_is_offered_under_the_provinces_own_name(qtbot, window, workspace):
    # A proposal addressed to the list's one generic entry for "the province's People's Committee"
    add(workspace, title="Trụ sở phân tán", requested_body="Ủy ban nhân dân tỉnh, thành phố",
        proposal="Bố trí trụ sở làm việc tập trung")
    screen = window.screen("obstacles")
    screen.refresh()
    named = "Ủy ban nhân dân thành phố Hải Phòng"
    # The list, its filter and the form all name the office's province
    assert column_texts(screen, "requested_body") == [named]
    body_filter = screen._filters["requested_body"]
    assert named in [body_filter.itemText(i) for i in range(body_filter.count())]
    form = screen.open_form(screen.model.row_record(0))
    qtbot.addWidget(form)
    combo = form.editor("requested_body")
    assert isinstance(combo, QComboBox) and combo.currentText() == named
    assert "Ủy ban nhân dân tỉnh, thành phố" not in [combo.itemText(i) for i in range(combo.count())]


def test_a_long_chosen_filter_entry_is_named_whole_on_hovering(qtbot, window, workspace):
    add(workspace, title="Trụ sở phân tán", requested_body="Ủy ban nhân dân tỉnh, thành phố",
        proposal="Bố trí trụ sở làm việc tập trung")
    add(workspace, title="Thiếu máy tính")
    # The clerk opens the register in a window of a commune's 1366 x 768 screen
    window.resize(1366, 728)
    window.screen_actions[window.stack.index_of("obstacles")].trigger()
    screen = window.screen("obstacles")
    screen.refresh()
    named = "Ủy ban nhân dân thành phố Hải Phòng"
    body_filter = screen._filters["requested_body"]
    qtbot.waitUntil(body_filter.isVisible)
    assert body_filter.toolTip() == ""
    # The clerk goes down the box with the keyboard to the province's committee
    body_filter.setFocus()
    for _ in range(body_filter.count()):
        if body_filter.currentText() == named:
            break
        qtbot.keyClick(body_filter, Qt.Key.Key_Down)
    assert body_filter.currentText() == named
    # The box is narrower than the name: hovering it names the entry whole
    assert body_filter.fontMetrics().horizontalAdvance(named) > body_filter.width()
    assert body_filter.toolTip() == named
    screen._search_timer.stop()
    screen.requery()
    assert column_texts(screen, "title") == ["Trụ sở phân tán"]
    # Back to every entry: no name to show
    body_filter.setCurrentIndex(0)
    assert body_filter.toolTip() == ""
