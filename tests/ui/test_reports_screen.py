"""The Reports screen: periods due and late, export, submit (numbered, locked), unlock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from tests.conftest import NGO_QUYEN
from tests.ui.conftest import make_context
from tests.ui.helpers import press

from desk.domain.access import Actor, Role
from desk.domain.deadlines import ReportState
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import records, report_texts, reporting
from desk.ui.report_text_dialog import ReportTextDialog
from desk.ui.reports_screen import ReportsModel, ReportsScreen

TODAY = date(2025, 10, 20)      # Tháng 10/2025 (cut-off 14/10) was due on 16/10: overdue


@pytest.fixture
def screen(qtbot, workspace, shown, tmp_path, monkeypatch, app_settings):
    with workspace.session() as session:
        records.save(session, OBSTACLES, {"domain": "LEGAL", "title": "Chưa rõ thẩm quyền", "level": "central",
                                          "raised_on": "01/10/2025", "status": "received"}, unit_code=NGO_QUYEN)
    widget = ReportsScreen(make_context(workspace, app_settings, today=lambda: TODAY))
    saved = []
    monkeypatch.setattr(widget, "choose_file", lambda suggested: saved.append(tmp_path / suggested.name)
                        or tmp_path / suggested.name)
    widget.saved = saved
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_model_passes_qt_s_model_checks(qtmodeltester, screen):
    qtmodeltester.check(screen.model)
    assert isinstance(screen.model, ReportsModel)


def test_it_opens_on_the_overdue_report_with_its_due_date(screen):
    duty = screen.current_duty()
    assert duty.period.code == "2025-10" and duty.state is ReportState.OVERDUE
    assert screen.model.data(screen.model.index(screen.table.currentIndex().row(), 2)) == "16/10/2025"
    assert screen.model.data(screen.model.index(screen.table.currentIndex().row(), 3)) == "Quá hạn"
    # The running month is listed but not due yet, after the ended ones
    states = {d.period.code: d.state for d in screen.model.rows()}
    assert states["2025-11"] is ReportState.NOT_DUE


def finished(qtbot, screen) -> None:
    """The export runs on a worker thread: wait for it as the clerk waits for the progress dialog."""
    qtbot.waitUntil(lambda: not screen._context.operations.busy(), timeout=20_000)


def test_a_draft_export_changes_nothing(qtbot, screen, shown, app_settings):
    path = screen.export_selected(submit=False)
    finished(qtbot, screen)
    assert path is not None and path.exists()
    # and the next export suggests the same folder
    assert screen._suggested(screen.current_duty().period, False, None).parent == path.parent
    assert "bản nháp" in shown.infos[-1].lower() or "draft" in shown.infos[-1].lower()
    assert screen.current_duty().state is ReportState.OVERDUE


def test_submitting_numbers_records_and_locks_the_period(qtbot, screen, shown, workspace):
    shown.answers.append(True)                       # "Export for submission?" -> yes
    path = screen.export_selected(submit=True)
    finished(qtbot, screen)
    assert path.exists()
    duty = screen.current_duty()
    assert duty.period.code == "2025-10" and duty.state is ReportState.LATE and duty.lock is not None
    row = screen.table.currentIndex().row()
    assert screen.model.data(screen.model.index(row, 4)) == "01/BC-UBND"
    assert not screen.export_submit.isEnabled() and screen.unlock.isEnabled()
    # Editing a record of October is now refused with the reason
    with pytest.raises(Exception, match="đã khóa số liệu"):
        with workspace.session() as session:
            rid = records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN))[0]["id"]
            records.save(session, OBSTACLES, {"domain": "LEGAL", "title": "Sửa", "level": "central",
                                              "raised_on": "01/10/2025", "status": "received"},
                         unit_code=NGO_QUYEN, record_id=rid)


def test_declining_the_confirmation_exports_nothing(screen, shown):
    shown.answers.append(False)
    assert screen.export_selected(submit=True) is None
    assert screen.saved == []


def test_a_clerk_cannot_unlock_a_leader_can_with_a_reason(qtbot, screen, shown, workspace):
    shown.answers.append(True)
    screen.export_selected(submit=True)
    finished(qtbot, screen)
    assert screen.unlock_selected() is False
    assert "không có quyền khóa hoặc mở khóa" in shown.errors[-1]
    workspace.actor = Actor("lan", Role.LEADER, user_id=2)
    shown.answers.append("")                          # an empty reason
    assert screen.unlock_selected() is False and "Phải ghi lý do" in shown.errors[-1]
    shown.answers.append("Sở Nội vụ yêu cầu bổ sung số liệu")
    assert screen.unlock_selected() is True
    assert screen.current_duty().lock is None and screen.export_submit.isEnabled()


def test_the_deadline_rule_is_a_setting_for_an_administrator(screen, shown, workspace):
    screen.working_days.setValue(5)
    screen.save_rule.click()
    assert "không có quyền" in shown.errors[-1]
    workspace.actor = Actor("admin", Role.ADMIN, user_id=1)
    screen.working_days.setValue(5)
    screen.save_rule.click()
    with workspace.session() as session:
        assert reporting.due_rule(session).working_days == 5
    # Tháng 10/2025: 14/10 + 5 working days = 21/10, so on 20/10 it is due, not overdue
    assert screen.current_duty().state is ReportState.DUE


def test_saved_report_texts_say_the_reports_changed(qtbot, screen, shown, workspace, monkeypatch):
    def typed(dialog):
        dialog.editors[next(iter(dialog.editors))].setPlainText("Tình hình chung ổn định.")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReportTextDialog, "exec", typed)
    with qtbot.waitSignal(screen._context.operations.changed, check_params_cb=lambda changes: changes.reports):
        assert screen.edit_report_texts() is True
    with workspace.session() as session:
        saved = report_texts.texts(session, NGO_QUYEN, screen.current_duty().period.code)
    assert "Tình hình chung ổn định." in saved.values()
    assert shown.errors == []


def test_the_first_day_is_saved_through_the_operations(qtbot, screen, shown, workspace):
    workspace.actor = Actor("admin", Role.ADMIN, user_id=1)
    screen.first_day.setText("01/09/2025")
    with qtbot.waitSignal(screen._context.operations.changed, check_params_cb=lambda changes: changes.reports):
        screen.save_first_day.click()
    with workspace.session() as session:
        assert reporting.first_day(session) == date(2025, 9, 1)
    # Periods that ended before it are no longer listed (the screen refreshed on `changed`)
    assert all(d.period.end >= date(2025, 9, 1) for d in screen.model.rows())
    assert shown.errors == []


def test_a_clerk_s_first_day_is_refused_in_vietnamese_and_nothing_is_written(qtbot, screen, shown, workspace):
    screen.first_day.setText("01/09/2025")
    with qtbot.assertNotEmitted(screen._context.operations.changed):
        screen.save_first_day.click()
    assert len(shown.errors) == 1 and "không có quyền" in shown.errors[0]
    with workspace.session() as session:
        assert reporting.first_day(session) is None
    assert screen.first_day.text() == ""          # the field shows the stored value again


def test_a_bad_first_day_is_a_message_not_a_write(qtbot, screen, shown, workspace):
    workspace.actor = Actor("admin", Role.ADMIN, user_id=1)
    screen.first_day.setText("31/02/2025")
    with qtbot.assertNotEmitted(screen._context.operations.changed):
        screen.save_first_day.click()
    assert len(shown.errors) == 1
    with workspace.session() as session:
        assert reporting.first_day(session) is None


def test_keyboard_enter_on_a_period_exports_its_draft(screen, shown, qtbot):
    screen.table.setFocus()
    press(Qt.Key.Key_Return, widget=screen.table)
    finished(qtbot, screen)
    assert len(screen.saved) == 1 and screen.saved[0].exists()


def test_the_window_has_a_reports_entry(window):
    texts = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert texts[-1] == "Reports"        # the fixture runs untranslated; the .ts test covers Vietnamese
    window.nav.setCurrentRow(len(texts) - 1)
    assert window.current_screen() is window.reports


def test_every_command_is_visible_at_1366_pixels(screen):
    # Given the common office screen width, then no button is cut off (PNG kept for a look)
    for button in (screen.export_draft, screen.export_submit, screen.unlock, screen.other_period, screen.consolidate):
        assert button.isVisible() and button.geometry().right() <= screen.width()
        assert button.width() >= button.sizeHint().width()
    screen.grab().save(str(Path("/tmp/reports_screen.png")))
