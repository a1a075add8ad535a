"""The settings screen built from the declarations, and the report editor, driven as a clerk drives them."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from tests.conftest import NGO_QUYEN
from tests.ui.conftest import make_context
from tests.ui.helpers import press, retype, run_settings_dialog, type_text

from desk.domain import periods
from desk.domain.access import Actor, Role
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import choice_lists, periodic_report, records, report_settings, report_texts, rule_settings, users
from desk.services.report_settings import ReportSettings
from desk.store import audit
from desk.ui.actions import ActionId
from desk.ui.report_text_dialog import ReportTextDialog
from desk.ui.reports_screen import ReportsScreen


@pytest.fixture
def as_admin(workspace):
    with workspace.session() as session:
        workspace.actor = users.create_first_admin(session, "quantri", "mật-khẩu-quản-trị")
    yield workspace.actor
    workspace.actor = None


def test_the_administrator_sets_who_signs_the_place_and_recipients_and_each_change_is_audited(
        qtbot, window, workspace, as_admin, shown, monkeypatch, tmp_path):
    def steps(dialog):
        retype(dialog.editor("report.signer_name").widget, "Vương Đình Huệ")
        signing = dialog.editor("report.signing").widget
        signing.setFocus()
        press(Qt.Key.Key_Down, widget=signing)            # the vice-chair signs for the chair
        retype(dialog.editor("report.place").widget, "Ngô Quyền")
        recipients = dialog.editor("report.recipients").widget
        recipients.setFocus()
        recipients.selectAll()
        type_text("Sở Nội vụ Thành phố Hải Phòng", recipients)
        press(Qt.Key.Key_Return, widget=recipients)
        type_text("Đảng ủy phường", recipients)

    seen = run_settings_dialog(monkeypatch, steps)
    window.actions[ActionId.SETTINGS].trigger()
    assert shown.errors == [] and seen["dialog"].result() == QDialog.DialogCode.Accepted
    unit = workspace.require_unit()
    with workspace.session() as session:
        form = report_settings.load(session, unit)
        trail = audit.history(session, "setting", "report.signer_name")
        periodic_report.export(session, unit, periods.quarter(2025, 3), tmp_path / "q3.xlsx", submit=True,
                               actor=as_admin)
    assert (form.signer_name, form.signing, form.place_line) == ("Vương Đình Huệ", "deputy", "Ngô Quyền")
    assert form.recipients == ("Sở Nội vụ Thành phố Hải Phòng", "Đảng ủy phường")
    assert [(e.actor, e.old_value, e.new_value) for e in trail] == [("quantri", "", "Vương Đình Huệ")]
    # and the report carries them: one signature block, on the report
    ws = openpyxl.load_workbook(tmp_path / "q3.xlsx")["Báo cáo"]
    texts = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] == [t for t in texts if t.startswith(
        ("TM.", "KT.", "PHÓ CHỦ"))]
    assert "Vương Đình Huệ" in texts and any(t.startswith("Ngô Quyền, ngày ") for t in texts)
    assert "- Đảng ủy phường;" in texts


def test_a_wrong_value_keeps_the_screen_open_and_names_the_setting(qtbot, window, as_admin, shown, monkeypatch,
                                                                    workspace):
    def steps(dialog):
        holidays = dialog.editor("reporting.holidays").widget
        holidays.setFocus()
        type_text("31/02/2026", holidays)

    seen = run_settings_dialog(monkeypatch, steps)
    window.actions[ActionId.SETTINGS].trigger()
    dialog = seen["dialog"]
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert len(shown.errors) == 1 and "«Ngày nghỉ lễ, Tết (không tính là ngày làm việc)»" in shown.errors[0]
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Hạn nộp"       # the page with the mistake
    with workspace.session() as session:
        assert audit.history(session, "setting", "reporting.holidays") == []
    dialog.close()


def test_the_deputies_rule_and_its_date_are_on_the_rules_page(qtbot, window, as_admin, shown, monkeypatch, workspace):
    def steps(dialog):
        page = dialog.page(rule_settings.RuleSettings)
        # (the tests run without the Vietnamese catalogue: Qt's own strings are in English here)
        assert page.labels["deputy_average@from"].text() == "Applies to periods ending from:"
        assert dialog.editor("rules.deputy_average@from").widget.text() == "15/10/2025"
        dialog.editor("rules.deputy_average").widget.setValue(2.5)
        retype(dialog.editor("rules.deputy_average@from").widget, "01/11/2025")

    run_settings_dialog(monkeypatch, steps)
    window.actions[ActionId.SETTINGS].trigger()
    assert shown.errors == []
    with workspace.session() as session:
        assert rule_settings.load(session, on=date(2025, 10, 31)).deputy_average is None
        assert rule_settings.load(session, on=date(2025, 11, 14)).deputy_average == 2.5


def test_a_domain_is_retired_and_a_body_added_in_the_lists(qtbot, window, workspace, as_admin, shown, monkeypatch):
    def steps(dialog):
        dialog.tabs.setCurrentIndex(1)
        domains = dialog.list_editors["domain"]
        row = next(r for r, item in enumerate(domains.items()) if item.code == "PREMISES")
        domains.table.setFocus()
        domains.table.setCurrentIndex(domains.model.index(row, 2))
        press(Qt.Key.Key_Space, widget=domains.table)               # untick «Còn dùng»
        bodies = dialog.list_editors["body"]
        bodies.add_button.click()
        qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
        editor = QApplication.focusWidget()
        assert editor.parent().parent() is bodies.table           # the new row's name is being edited
        type_text("Công an tỉnh", editor)
        press(Qt.Key.Key_Tab, widget=editor)                        # and committed by moving on

    run_settings_dialog(monkeypatch, steps)
    window.actions[ActionId.SETTINGS].trigger()
    assert shown.errors == []
    with workspace.session() as session:
        domains = {i.code: i.active for i in choice_lists.items(session, "domain")}
        bodies = [i.vi for i in choice_lists.items(session, "body")]
        offered = [c.code for c in records.choices(session, OBSTACLES, "domain")]
    assert domains["PREMISES"] is False and "PREMISES" not in offered
    assert bodies[-1] == "Công an tỉnh"


def test_every_setting_on_screen_comes_from_its_declaration(qtbot, window, as_admin, monkeypatch):
    seen = run_settings_dialog(monkeypatch, lambda dialog: None)
    window.actions[ActionId.SETTINGS].trigger()
    page = seen["dialog"].page(ReportSettings)
    shown_keys = set(page.editors)
    assert shown_keys == {s.name for s in ReportSettings.settings()}
    assert page.labels["signer_name"].text() == "Họ và tên người ký:"
    assert page.editors["preparer_forms"].widget.count() == 15      # every form a commune prints


# --- the report editor --------------------------------------------------------------------------

@pytest.fixture
def reports(qtbot, workspace, shown, tmp_path, monkeypatch, app_settings):
    with workspace.session() as session:
        records.save(session, OBSTACLES, {"domain": "LEGAL", "title": "Chưa rõ thẩm quyền", "level": "central",
                                          "raised_on": "01/10/2025", "status": "received"}, unit_code=NGO_QUYEN)
    widget = ReportsScreen(make_context(workspace, app_settings, today=lambda: date(2025, 10, 20)))
    monkeypatch.setattr(widget, "choose_file", lambda suggested: tmp_path / suggested.name)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_clerk_writes_the_report_text_and_it_is_printed(qtbot, reports, workspace, monkeypatch, tmp_path):
    def exec_(dialog):
        dialog.show()
        dialog.editors["general"].setFocus()
        type_text("Bộ máy phường vận hành thông suốt.", dialog.editors["general"])
        dialog.tabs.setCurrentIndex(2)
        dialog.editors["shortcomings"].setFocus()
        type_text("Thiếu công chức địa chính.", dialog.editors["shortcomings"])
        assert dialog.counter.text() == "26 of 20.000 characters"        # thousands grouped (Vietnamese)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ReportTextDialog, "exec", exec_)
    assert reports.edit_texts.isEnabled()
    reports.edit_texts.click()
    period = reports.current_duty().period
    with workspace.session() as session:
        typed = report_texts.texts(session, NGO_QUYEN, period.code)
    assert typed["general"] == "Bộ máy phường vận hành thông suốt."
    assert typed["shortcomings"] == "Thiếu công chức địa chính."
    path = reports.export_selected(submit=False)
    qtbot.waitUntil(lambda: not reports._context.operations.busy(), timeout=20_000)   # written on a worker
    texts = [c for row in openpyxl.load_workbook(path)["Báo cáo"].iter_rows(values_only=True) for c in row if c]
    assert "Bộ máy phường vận hành thông suốt." in texts and "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN" in texts
    assert "DỰ THẢO" in texts


def test_a_locked_period_s_text_is_shown_read_only(qtbot, reports, workspace, shown, monkeypatch):
    leader = Actor("lanhdao", Role.LEADER)
    duty = reports.current_duty()
    with workspace.session() as session:
        report_texts.save(session, leader, NGO_QUYEN, duty.period, {"tasks": "Số hóa hồ sơ."})
    monkeypatch.setattr(reports, "_workspace", workspace)
    shown.answers.append(True)
    reports.export_selected(submit=True)
    qtbot.waitUntil(lambda: not reports._context.operations.busy(), timeout=20_000)   # written on a worker
    seen = {}

    def exec_(dialog):
        seen["read_only"] = all(e.isReadOnly() for e in dialog.editors.values())
        seen["text"] = dialog.editors["tasks"].toPlainText()
        seen["intro"] = dialog.intro.text()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ReportTextDialog, "exec", exec_)
    reports.edit_texts.click()
    assert seen["read_only"] and seen["text"] == "Số hóa hồ sơ." and "This period is locked" in seen["intro"]


def test_this_computer_s_preferences_are_typed_and_the_window_comes_back_where_it_was(qtbot, workspace, app_settings,
                                                                                      shown):
    from desk.ui import settings as options
    from desk.ui import window_state
    from desk.ui.main_window import MainWindow

    app_settings.set(options.IDLE_LOCK_MINUTES, "15")
    assert app_settings.get(options.IDLE_LOCK_MINUTES) == 15                # an int, as declared
    app_settings._qsettings.setValue(options.IDLE_LOCK_MINUTES.key, "mười")
    assert app_settings.get(options.IDLE_LOCK_MINUTES) == 10                # damaged: the default
    first = MainWindow(workspace, app_settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(800, 590)              # (the offscreen screen is 800 × 600; the window's least is 800 × 560)
    left = (first.width(), first.height())
    first.close()
    assert app_settings.get(options.GEOMETRY)
    again = MainWindow(workspace, app_settings)
    qtbot.addWidget(again)
    window_state.show_window(again, app_settings)       # as the app opens it
    assert (again.width(), again.height()) == left and left[1] == 590
