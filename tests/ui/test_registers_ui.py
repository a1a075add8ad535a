"""The registers besides obstacles as a clerk uses them: keyboard entry, warnings, links, the staffing view."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel
from tests.conftest import NGO_QUYEN
from tests.services.registers_helpers import frame, initiative, movement, obstacle, official, visit
from tests.ui.helpers import press, type_text

from desk.domain.registers.initiatives import REGISTER as INITIATIVES
from desk.domain.registers.movements import REGISTER as MOVEMENTS
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.registers.officials import REGISTER as OFFICIALS
from desk.services import records, rule_settings, users
from desk.ui import messages
from desk.ui.actions import ActionId
from desk.ui.record_form import RecordForm
from desk.ui.record_model import RecordTableModel
from desk.ui.settings_dialog import SettingsDialog
from desk.ui.staffing_screen import OFFICE_ROLE, StaffingModel


def texts(screen, field_name: str) -> list[str]:
    col = screen.model.column_of(field_name)
    return [screen.model.index(r, col).data() for r in range(screen.model.rowCount())]


def show(window, screen) -> None:
    window.nav.setCurrentRow(window.screens.index(screen))


def edit_with_f2(window, screen, record_id: str) -> RecordForm:
    """The record's form, opened as the clerk does: its register shown, its row selected, "Sửa" (F2)."""
    show(window, screen)
    screen.refresh()
    screen.select_id(record_id)
    window.actions[ActionId.EDIT_RECORD].trigger()
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, RecordForm) and w.isVisible())


@pytest.fixture
def confirms(monkeypatch):
    """The questions the form asked, answered from a queue (default: yes)."""
    asked, answers = [], []
    monkeypatch.setattr(messages, "confirm", lambda parent, text: asked.append(text) or (answers.pop(0) if answers
                                                                                        else True))
    return asked, answers


def test_an_official_is_entered_with_the_keyboard_and_a_duplicate_is_asked_about(qtbot, window, workspace, confirms):
    asked, answers = confirms
    official(workspace, name="Nguyễn Văn An", birth_date="02/03/1985", office="office")
    screen = window.more.screen("officials")
    screen.refresh()
    show(window, screen)
    # When the clerk presses Ctrl+N on the officials register and types the record
    press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier, window)
    form = window.findChild(RecordForm)
    qtbot.waitUntil(lambda: form is not None and form.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.editor("full_name"))
    type_text("Nguyễn Văn An")
    press(Qt.Key.Key_Tab)                     # birth date
    type_text("2/3/1985")
    press(Qt.Key.Key_Tab)                     # gender: Down picks "Nam"
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Tab)                     # staff category: Down twice -> civil servant
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Tab)                     # office: the 4th is the economic office
    for _ in range(4):
        press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Tab)                     # title: staff by default
    press(Qt.Key.Key_Tab)                     # job position
    type_text("Địa chính – xây dựng")
    # And presses Enter, but answers "no" to the duplicate question
    answers.append(False)
    press(Qt.Key.Key_Return)
    # Then it was asked, with the existing record named, and nothing was saved
    # (the engine's warning in Vietnamese; the question itself through Qt's translator, not loaded in tests)
    assert asked == ["Sổ đã có «Nguyễn Văn An», sinh ngày 02/03/1985: có thể là một người nhập hai lần.\n\n"
                     "Save anyway?"]
    assert form.isVisible() and screen.model.rowCount() == 1
    # When the clerk decides it is another person and saves
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert texts(screen, "full_name") == ["Nguyễn Văn An", "Nguyễn Văn An"]
    new = screen.model.row_record(screen.model.row_of(screen.current_id()))
    assert (new["office"], new["staff_category"], new["gender"], new["job_position"], new["status"]) == \
        ("economy", "civil_servant", "male", "Địa chính – xây dựng", "working")
    assert "Phòng Kinh tế, Hạ tầng và Đô thị" in texts(screen, "office")


def test_a_bad_citizen_id_is_shown_by_the_field_and_nothing_is_saved(qtbot, window):
    form = window.more.screen("officials").open_form()
    qtbot.addWidget(form)
    form.editor("full_name").setText("Trần Thị Ánh Tuyết")
    form.editor("staff_category").setCurrentIndex(1)
    form.editor("office").setCurrentIndex(2)
    form.editor("citizen_id").setText("12345")
    form._on_save()
    assert form.error_text("citizen_id") == "«Số định danh cá nhân (CCCD)» không hợp lệ: phải gồm đúng 12 chữ số."
    assert window.more.screen("officials").model.rowCount() == 0


def test_a_count_typed_wrong_in_the_procedures_form_is_said_under_that_count_only(qtbot, window):
    form = window.more.screen("procedures").open_form()
    qtbot.addWidget(form)
    form.editor("from_date").setText("01/11/2026")
    form.editor("to_date").setText("30/11/2026")
    form.editor("received_in_person").setText("12a")
    form.editor("resolved_on_time").setText("5")
    form._on_save()
    assert "«12a»" in form.error_text("received_in_person")
    assert form.error_text("pending") == ""           # left empty: nothing to say under it
    assert window.more.screen("procedures").model.rowCount() == 0


def test_officials_are_listed_by_given_name_then_middle_then_family_name(window, workspace):
    for name in ("Trần Văn Bình", "Lê Thị Anh", "Nguyễn Văn An", "Đỗ Thị An", "Vũ Đức"):
        official(workspace, name=name)
    screen = window.more.screen("officials")
    screen.refresh()
    assert texts(screen, "full_name") == ["Đỗ Thị An", "Nguyễn Văn An", "Lê Thị Anh", "Trần Văn Bình", "Vũ Đức"]


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_a_movement_picks_the_official_by_typing_part_of_the_name(qtbot, window, workspace):
    person = official(workspace, name="Đặng Thị Hạnh", birth_date="01/01/1990")
    official(workspace, name="Nguyễn Văn An")
    form = window.more.screen("movements").open_form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.editor("kind").setCurrentIndex(1)
    form.editor("direction").setCurrentIndex(0)
    combo = form.editor("official_id")
    combo.setFocus()
    type_text("hanh", combo.lineEdit())              # no accents: the completer folds them
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    press(Qt.Key.Key_Down, widget=popup)
    press(Qt.Key.Key_Return, widget=popup)
    assert combo.currentText() == "Đặng Thị Hạnh (1990)"
    assert form.values()["official_id"] == person
    form.editor("start_date").setText("01/09/2025")
    form._on_save()
    screen = window.more.screen("movements")
    assert texts(screen, "person") == ["Đặng Thị Hạnh"]


def test_the_movements_list_follows_an_official_renamed_meanwhile(qtbot, window, workspace):
    person = official(workspace, name="Đặng Thị Hạnh")
    movement(workspace, official_id=person)
    movements = window.more.screen("movements")
    show(window, movements)
    movements.refresh()
    assert texts(movements, "person") == ["Đặng Thị Hạnh"]
    # When the clerk corrects the name on the officials register (F2, the name, Enter)
    form = edit_with_f2(window, window.more.screen("officials"), person)
    form.editor("full_name").selectAll()
    type_text("Đặng Thị Hồng Hạnh", form.editor("full_name"))
    press(Qt.Key.Key_Return, widget=form.editor("full_name"))
    qtbot.waitUntil(lambda: not form.isVisible())
    # Then the movements list shows the name as corrected, and a search for it finds the movement
    show(window, movements)
    assert texts(movements, "person") == ["Đặng Thị Hồng Hạnh"]
    movements.set_search("hong hanh")
    movements.requery()
    assert texts(movements, "person") == ["Đặng Thị Hồng Hạnh"]


def test_the_official_chooser_opens_wide_enough_for_the_longest_name(qtbot, window, workspace):
    official(workspace, name="Tôn Nữ Thị Phương Thảo Hoàng Lan", birth_date="01/01/1990")
    for name in ("Lê An", "Nguyễn Văn Bình", "Đặng Thị Hạnh"):
        official(workspace, name=name)
    form = window.more.screen("movements").open_form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    for field in ("official_id", "kind", "direction"):
        view = form.editor(field).view()
        assert view.minimumWidth() == view.sizeHintForColumn(0) + 24     # every choice whole, as Qt measures it
    form.reject()


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_two_officials_of_one_name_and_birth_year_are_told_apart_in_the_chooser(qtbot, window, workspace, monkeypatch):
    first = official(workspace, name="Nguyễn Văn Hùng", birth_date="02/03/1985")
    second = official(workspace, name="Nguyễn Văn Hùng", birth_date="20/10/1985")
    official(workspace, name="Đặng Thị Hạnh", birth_date="01/01/1990")
    form = window.more.screen("movements").open_form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    combo = form.editor("official_id")
    offered = [combo.itemText(i) for i in range(combo.count())]
    # The two are offered by their whole birthday; one of a name, by the year as ever
    assert {"Nguyễn Văn Hùng (02/03/1985)", "Nguyễn Văn Hùng (20/10/1985)", "Đặng Thị Hạnh (1990)"} <= set(offered)
    assert "Nguyễn Văn Hùng (1985)" not in offered
    # And the clerk picks the one meant by typing words of it, in any order, each a word's start
    combo.setFocus()
    type_text("hung nguyen 20/10", combo.lineEdit())
    popup = combo.completer().popup()
    qtbot.waitUntil(lambda: popup.isVisible() and popup.model().rowCount() == 1)
    press(Qt.Key.Key_Down, widget=popup)
    press(Qt.Key.Key_Return, widget=popup)
    assert combo.currentText() == "Nguyễn Văn Hùng (20/10/1985)" and form.values()["official_id"] == second
    # Or types words that fit one and moves on with Tab: that one is taken
    combo.lineEdit().clear()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    combo.setFocus()
    type_text("hùng 02")
    qtbot.waitUntil(lambda: popup.isVisible() and popup.model().rowCount() == 1)
    press(Qt.Key.Key_Tab, widget=popup)         # the open popup has the keyboard (grabbed, on a real screen)
    assert combo.currentText() == "Nguyễn Văn Hùng (02/03/1985)" and form.values()["official_id"] == first
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent, text: "discard")
    form.reject()                               # the changed form asks first: not saved
    assert not form.isVisible()


def test_an_old_movement_of_a_voided_official_opens_with_the_name_the_chooser_no_longer_offers(qtbot, window,
                                                                                               workspace):
    person = official(workspace, name="Đặng Thị Hạnh", birth_date="01/01/1990")
    official(workspace, name="Nguyễn Văn An")
    movement_id = movement(workspace, official_id=person)
    with workspace.session() as session:
        records.void(session, OFFICIALS, person, "Chuyển công tác hẳn")
    form = edit_with_f2(window, window.more.screen("movements"), movement_id)
    qtbot.addWidget(form)
    combo = form.editor("official_id")
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert combo.currentText() == "Đặng Thị Hạnh (1990)" and form.values()["official_id"] == person
    assert offered.count("Đặng Thị Hạnh (1990)") == 1 and "Nguyễn Văn An" in offered
    form.reject()


def test_a_secondment_too_long_is_asked_about_and_flagged_in_the_list(qtbot, window, workspace, confirms):
    asked, answers = confirms
    person = official(workspace)
    form = window.more.screen("movements").open_form({"kind": "secondment", "direction": "out", "official_id": person,
                                            "start_date": date(2020, 1, 1), "planned_end": date(2024, 1, 1)})
    qtbot.addWidget(form)
    form._on_save()
    assert "vượt thời hạn tối đa 36 tháng" in asked[0]
    screen = window.more.screen("movements")
    assert screen.model.flagged_count() == 1
    assert "✓" in texts(screen, "too_long")


def test_a_visit_shows_its_obstacles_and_adds_one_linked_to_it(qtbot, window, workspace):
    ministry = visit(workspace, start="10/09/2025", body="Bộ Nội vụ")
    visit(workspace, start="15/10/2025", body="Sở Nội vụ Thành phố Hải Phòng")
    obstacle(workspace, title="Trụ sở phân tán", visit_id=ministry, source="visiting_team")
    screen = window.more.screen("visits")
    screen.refresh()
    show(window, screen)
    screen.select_id(ministry)
    assert screen.found_model.rowCount() == 1
    # When the clerk adds an obstacle from this visit
    press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, screen)
    form = screen.findChild(RecordForm)
    qtbot.waitUntil(lambda: form is not None and form.isVisible())
    # Then the form knows the visit, the source and the date
    assert form.editor("visit_id").currentText() == "10/09/2025 – Bộ Nội vụ"
    assert form.editor("source").currentData() == "visiting_team"
    assert form.editor("raised_on").text() == "10/09/2025"
    form.editor("title").setText("Thiếu công chức công nghệ thông tin")
    form.editor("domain").setCurrentIndex(1)
    form.editor("level").setCurrentIndex(1)
    press(Qt.Key.Key_Return, widget=form.editor("title"))
    qtbot.waitUntil(lambda: not form.isVisible())
    # And the visit lists both, its count says 2, and the obstacle register shows where it was found
    assert screen.found_model.rowCount() == 2
    assert texts(screen, "obstacle_count")[screen.model.row_of(ministry)] == "2"
    obstacles = window.screen("obstacles")
    assert set(texts(obstacles, "visit_id")) == {"10/09/2025 – Bộ Nội vụ"}
    # "Open in the obstacle register" shows them there, filtered by the visit
    screen.open_found.click()
    assert window.current_screen() is obstacles and obstacles.model.rowCount() == 2


def test_initiative_channels_are_ticked_in_the_form(qtbot, window, workspace):
    form = window.more.screen("initiatives").open_form()
    qtbot.addWidget(form)
    form.editor("name").setText("Nhóm Zalo tổ dân phố")
    editor = form.editor("channels")
    editor.boxes["zalo"].setChecked(True)
    editor.boxes["fanpage"].setChecked(True)
    form._on_save()
    screen = window.more.screen("initiatives")
    assert texts(screen, "channels") == ["Trang Facebook (fanpage), Nhóm Zalo"]
    # Editing shows the same ticks
    again = screen.open_form(screen.model.row_record(0))
    qtbot.addWidget(again)
    assert again.editor("channels").codes() == ["fanpage", "zalo"]


def test_the_staffing_view_flags_breaches_and_opens_the_officials_of_an_office(qtbot, window, workspace):
    frame(workspace, office="economy", authorised=3)
    official(workspace, name="Nguyễn Văn An")
    for name in ("A", "B", "C"):
        official(workspace, office="leadership", title="vice_chair", category="cadre", name=name)
    staffing = window.more.screen("staffing_view")
    staffing.refresh()
    show(window, staffing)
    model = staffing.model
    economy = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Phòng Kinh tế, Hạ tầng và Đô thị")
    assert [model.index(economy, c).data() for c in range(model.columnCount())][1:] == \
        ["3", "1", "0", "0", "0", "0", "2"]
    assert model.index(economy, 7).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b42318"
    assert "#b42318" in staffing.vice_chairs.styleSheet()         # 3 vice-chairs, 2 allotted
    staffing.table.doubleClicked.emit(model.index(economy, 0))
    officials = window.more.screen("officials")
    assert window.current_screen() is officials and texts(officials, "full_name") == ["Nguyễn Văn An"]


def test_the_staffing_views_total_adds_up_the_offices_and_the_units_own_figure_is_the_last_row(qtbot, window,
                                                                                               workspace):
    # Given the office one over its frame and the economic office three short
    frame(workspace, office="office", authorised=1)
    frame(workspace, office="economy", authorised=4)
    for name in ("A", "B"):
        official(workspace, office="office", name=name)
    official(workspace, name="C")
    staffing = window.more.screen("staffing_view")
    staffing.refresh()
    model = staffing.model
    row = lambda r: [model.index(r, c).data() for c in range(model.columnCount())]  # noqa: E731
    # Then the total row says 1 over and 3 short, as the reports' «Tổng cộng» does
    assert row(0) == [staffing.tr("Total"), "5", "3", "0", "0", "0", "1", "3"]
    # And the last row says the unit as a whole is 2 short, and only that
    last = model.rowCount() - 1
    assert row(last) == [staffing.tr("Whole unit (offices offsetting each other)"), "", "", "", "", "", "0", "2"]
    assert model.index(last, 0).data(OFFICE_ROLE) is None


def test_changing_the_caps_in_settings_changes_the_flags(qtbot, window, workspace, monkeypatch):
    with workspace.session() as session:                 # settings are the administrator's
        workspace.actor = users.create_first_admin(session, "quantri", "mật-khẩu-quản-trị")
    for name in ("A", "B", "C"):
        official(workspace, office="leadership", title="vice_chair", category="cadre", name=name)
    staffing = window.more.screen("staffing_view")
    staffing.refresh()
    assert "#b42318" in staffing.vice_chairs.styleSheet()

    def accept(dialog):
        dialog.editor("rules.vice_chairs_allotted").widget.setValue(3)
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(SettingsDialog, "exec", accept)
    window.open_settings()
    with workspace.session() as session:
        assert rule_settings.load(session).vice_chairs_allotted == 3
    assert "#b42318" not in staffing.vice_chairs.styleSheet()
    workspace.actor = None


def test_exporting_from_a_register_screen_writes_its_list(qtbot, window, workspace, shown, monkeypatch, tmp_path):
    from desk.ui.register_export_dialog import RegisterExportDialog

    official(workspace)
    out = tmp_path / "can-bo.xlsx"
    monkeypatch.setattr(RegisterExportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(RegisterExportDialog, "choose_file", lambda self: out)
    show(window, window.more.screen("officials"))
    window.actions[ActionId.EXPORT_REPORT].trigger()
    qtbot.waitUntil(lambda: not window.operations.busy(), timeout=20_000)
    assert out.exists()
    assert shown.infos and str(out) in shown.infos[0]


def test_new_models_pass_qtmodeltester(qtmodeltester, workspace, window):
    person = official(workspace)
    movement(workspace, official_id=person, planned_end="31/12/2025")
    initiative(workspace, channels=["zalo", "hotline"])
    frame(workspace)
    for reg in (MOVEMENTS, INITIATIVES, OFFICIALS, OBSTACLES):
        model = RecordTableModel(reg)
        with workspace.session() as session:
            rows = records.query(session, reg, records.RecordQuery(unit_code=NGO_QUYEN, today=date(2025, 11, 1)))
            labels = records.choice_labels(session, reg, unit_code=NGO_QUYEN)
        model.set_rows(rows, labels, date(2025, 11, 1))
        qtmodeltester.check(model, force_py=True)
    staffing = StaffingModel()
    staffing.set_view(window.more.screen("staffing_view").view, "Tổng cộng", "Toàn đơn vị")
    qtmodeltester.check(staffing, force_py=True)


def test_the_staffing_view_looks_back_to_a_typed_day(qtbot, window, workspace):
    frame(workspace, office="office", authorised=2)
    official(workspace, office="office", name="Đỗ Văn Toàn", status="left", start_date="01/07/2025",
             left_on="01/10/2025")
    staffing = window.more.screen("staffing_view")
    staffing.on_date.setText("15/09/2025")
    staffing.on_date.editingFinished.emit()
    office = next(line for line in staffing.view.table.lines if line.office == "office")
    assert (staffing.view.on, office.actual) == (date(2025, 9, 15), 1)
    staffing.on_date.setText("31/02/2025")
    staffing.on_date.editingFinished.emit()
    assert "31/02/2025" in staffing.date_error.text() and staffing.view.on == date.today()


@pytest.mark.parametrize("name", ["obstacles", "officials", "staffing", "movements", "visits", "initiatives",
                                  "procedures", "needs"])
def test_every_field_of_a_form_has_an_alt_letter_of_its_own(window, name):
    from PySide6.QtWidgets import QLabel

    form = window.more.screen(name).open_form()
    labels = [label.text() for label in form.findChildren(QLabel) if label.buddy() is not None]
    letters = [text.replace("&&", "")[text.replace("&&", "").index("&") + 1].lower()
               for text in labels if "&" in text.replace("&&", "")]
    assert len(letters) == len(labels), [text for text in labels if "&" not in text.replace("&&", "")]
    assert len(set(letters)) == len(letters)
    form.reject()


def test_the_commune_is_its_own_side_of_a_movement_sending_its_officials_and_receiving_who_comes(qtbot, window,
                                                                                              workspace):
    person = official(workspace, name="Trần Thị Hương", birth_date="01/01/1990")
    form = window.more.screen("movements").open_form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    direction = form.editor("direction")
    assert form.values()["home_body"] == "" and form.values()["host_body"] == ""
    # When the clerk picks «Cán bộ của đơn vị đi nơi khác» with the arrow key
    direction.setFocus()
    press(Qt.Key.Key_Down, widget=direction)
    assert form.values()["direction"] == "out"
    # Then the commune is the sending body, as the clerk would write it
    assert (form.values()["home_body"], form.values()["host_body"]) == ("UBND phường Ngô Quyền", "")
    # And changed to «Người từ nơi khác đến đơn vị», the commune is the receiving body instead
    press(Qt.Key.Key_Down, widget=direction)
    assert form.values()["direction"] == "in"
    assert (form.values()["home_body"], form.values()["host_body"]) == ("", "UBND phường Ngô Quyền")
    # A body the clerk typed is never replaced
    press(Qt.Key.Key_Up, widget=direction)
    form.editor("host_body").setText("Sở Nội vụ thành phố Hải Phòng")
    press(Qt.Key.Key_Down, widget=direction)
    press(Qt.Key.Key_Up, widget=direction)
    assert (form.values()["home_body"], form.values()["host_body"]) == ("UBND phường Ngô Quyền",
                                                                        "Sở Nội vụ thành phố Hải Phòng")
    # Saved, the movement names the commune as the body that sent her
    combo = form.editor("official_id")
    combo.setCurrentIndex(combo.findData(person))
    form.editor("start_date").setText("01/08/2025")
    form.editor("kind").setCurrentIndex(form.editor("kind").findData("secondment"))
    with qtbot.waitSignal(form.finished):
        form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    with workspace.session() as session:
        (saved,) = records.query(session, MOVEMENTS, records.RecordQuery(unit_code=NGO_QUYEN))
    assert (saved["home_body"], saved["host_body"]) == ("UBND phường Ngô Quyền", "Sở Nội vụ thành phố Hải Phòng")


def test_alt_and_the_state_s_letter_reaches_change_state_when_the_state_is_read_only(qtbot, window, workspace):
    from PySide6.QtTest import QTest

    # Given a saved obstacle opened with F2: its state and since-date are changed by «Change state...» only
    form = edit_with_f2(window, window.more.screen("obstacles"), obstacle(workspace, status="received"))
    qtbot.addWidget(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    assert not form.editor("status").isEnabled()
    for name in ("status", "status_since"):
        text = form.findChild(QLabel, f"label_{name}").text().replace("&&", "")
        letter = text[text.index("&") + 1]
        # When the clerk presses Alt and the letter of its label
        QTest.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{letter.upper()}"),
                       Qt.KeyboardModifier.AltModifier)
        # Then the focus is on the button that changes it, not on the next field
        assert QApplication.focusWidget() is form.change_state, (name, QApplication.focusWidget().objectName())
        form.editor("title").setFocus()
    form.reject()


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_a_sending_body_is_suggested_from_words_in_any_order_and_free_text_stays_as_typed(qtbot, window,
                                                                                        monkeypatch):
    form = window.more.screen("movements").open_form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    edit = form.editor("home_body")
    edit.setFocus()
    type_text("noi vu hai phong", edit)
    popup = edit.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    offered = [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())]
    assert "Sở Nội vụ thành phố Hải Phòng" in offered
    # Enter with nothing picked keeps what the clerk typed: a body need not be one of the suggestions
    press(Qt.Key.Key_Return, widget=popup)
    assert edit.text() == "noi vu hai phong"
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent, text: "discard")
    form.reject()
    assert not form.isVisible()
