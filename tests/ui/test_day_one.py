"""Day one: no year of "overdue" reports on a fresh installation, periods reported without Desk marked so,
a province found without accents, no commune chosen for the clerk."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from tests.conftest import NGO_QUYEN
from tests.ui.conftest import make_context
from tests.ui.helpers import press, type_text

from desk.domain.deadlines import ReportState
from desk.services import reporting
from desk.ui.outside_dialog import OutsideSubmissionDialog
from desk.ui.reports_screen import ReportsScreen
from desk.ui.unit_dialog import UnitDialog

TODAY = date(2025, 10, 20)


@pytest.fixture
def reports(qtbot, workspace, shown, app_settings):
    def make():
        widget = ReportsScreen(make_context(workspace, app_settings, today=lambda: TODAY))
        qtbot.addWidget(widget)
        return widget
    return make


def test_the_reports_screen_starts_from_the_first_day_in_desk(reports, workspace, shown):
    # Without a first day, a year of past periods is listed, most of them overdue
    assert sum(d.state is ReportState.OVERDUE for d in reports().model.rows()) > 5
    # Given Desk first used on 01/10/2025 (the first start stores the day)
    workspace.actor = None
    screen = reports()
    screen.first_day.setText("01/10/2025")
    with workspace.session() as session:
        reporting.set_first_day(session, date(2025, 10, 1), today=TODAY)
    screen.refresh()
    # Then only periods ending on or after it are listed: October's month, the running quarter, ...
    codes = [d.period.code for d in screen.model.rows()]
    assert "2025-09" not in codes and "2025-Q3" not in codes and "2025-10" in codes
    assert sum(d.state is ReportState.OVERDUE for d in screen.model.rows()) == 1
    assert screen.first_day.text() == "01/10/2025"


def test_a_clerk_cannot_move_the_first_day_an_administrator_can(reports, workspace, shown):
    from desk.domain.access import Actor, Role

    screen = reports()
    workspace.actor = Actor("lan", Role.CLERK, user_id=2)
    screen.first_day.setText("01/10/2025")
    screen.save_first_day.click()
    assert shown.errors and "quyền" in shown.errors[-1]
    workspace.actor = Actor("quantri", Role.ADMIN, user_id=1)
    screen.first_day.setText("01/10/2025")
    screen.save_first_day.click()
    with workspace.session() as session:
        assert reporting.first_day(session) == date(2025, 10, 1)
    workspace.actor = None


def test_a_period_submitted_outside_desk_is_no_longer_overdue(reports, workspace, shown, monkeypatch):
    screen = reports()
    duty = screen.current_duty()
    assert duty.period.code == "2025-10" and duty.state is ReportState.OVERDUE
    assert screen.mark_outside.isEnabled()
    monkeypatch.setattr(OutsideSubmissionDialog, "ask",
                        classmethod(lambda cls, label, today, parent: ("07/BC-UBND", date(2025, 10, 17))))
    screen.mark_outside.click()
    duty = screen.current_duty()
    assert duty.period.code == "2025-10" and duty.state is ReportState.LATE
    row = screen.table.currentIndex().row()
    assert screen.model.data(screen.model.index(row, 4)) == "07/BC-UBND (outside Desk)"
    assert screen.model.data(screen.model.index(row, 5)) == "17/10/2025"
    assert not screen.mark_outside.isEnabled()
    # and it is stored
    with workspace.session() as session:
        assert reporting.outside_submission(session, NGO_QUYEN, "2025-10").doc_number == "07/BC-UBND"


def test_the_outside_submission_dialog_needs_a_number_and_a_valid_day(qtbot):
    dialog = OutsideSubmissionDialog("Tháng 10/2025", TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.sent_on.text() == "20/10/2025"
    dialog.accept()
    assert dialog.isVisible() and "05/BC-UBND" in dialog.error.text()
    type_text("07/BC-UBND", dialog.number)
    dialog.sent_on.setText("32/10/2025")
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisible()
    dialog.sent_on.setText("17/10/2025")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == ("07/BC-UBND", date(2025, 10, 17))


def test_the_service_refuses_a_blank_number_or_a_day_ahead(workspace):
    from desk.domain import periods
    from desk.errors import UserError

    unit = workspace.require_unit()
    with workspace.session() as session:
        with pytest.raises(UserError, match="số, ký hiệu"):
            reporting.mark_outside(session, unit, periods.month(2025, 9), "  ", TODAY, actor="lan", today=TODAY)
        with pytest.raises(UserError, match="sau hôm nay"):
            reporting.mark_outside(session, unit, periods.month(2025, 9), "05/BC", date(2025, 10, 21),
                                   actor="lan", today=TODAY)


def test_hai_in_the_province_box_finds_hai_phong(qtbot):
    dialog = UnitDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.province.setFocus()
    dialog.province.lineEdit().clear()
    type_text("hai phong", dialog.province.lineEdit())
    popup = dialog.province.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data() == "Thành phố Hải Phòng"
    press(Qt.Key.Key_Down, widget=popup)
    press(Qt.Key.Key_Return, widget=popup)
    assert dialog.province.currentData() == 31


def test_no_commune_is_chosen_for_the_clerk_and_an_early_enter_picks_nothing(qtbot):
    dialog = UnitDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    # With the whole country listed, nothing is selected, and Enter in the search box chooses nothing
    assert dialog.list.count() > 3000 and dialog.selected_unit() is None
    dialog.search.setFocus()
    press(Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    # Typing until one unit matches selects it
    type_text("ngo quyen")
    assert dialog.selected_unit().code == 11329
