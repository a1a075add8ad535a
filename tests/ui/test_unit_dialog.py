"""First run: the clerk finds the office's unit by typing without accents."""

from __future__ import annotations

from PySide6.QtCore import Qt
from tests.ui.helpers import press, type_text

from desk.domain import units
from desk.domain.text import vi_sort_key
from desk.ui.unit_dialog import UnitDialog


def test_typing_ngo_quyen_finds_the_ward_and_enter_chooses_it(qtbot):
    dialog = UnitDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.search.setFocus()
    type_text("ngo quyen")
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text() == "Phường Ngô Quyền, Thành phố Hải Phòng"
    with qtbot.waitSignal(dialog.accepted):
        press(Qt.Key.Key_Return)
    assert dialog.selected_unit().code == 11329


def test_choosing_a_province_limits_the_list_to_its_communes(qtbot):
    dialog = UnitDialog()
    qtbot.addWidget(dialog)
    dialog.province.setCurrentIndex(dialog.province.findData(31))      # Hải Phòng
    total = dialog.list.count()
    dialog.search.setText("an")
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert 0 < len(names) < total
    assert all("," not in n for n in names)                            # province is implied
    # listed in Vietnamese order of the place name (the "Xã"/"Phường" prefix ignored)
    short = [units.unit(dialog.list.item(i).data(Qt.ItemDataRole.UserRole)).short_name
             for i in range(dialog.list.count())]
    assert short == sorted(short, key=vi_sort_key)


def test_arrow_keys_move_through_matches_and_ok_needs_a_choice(qtbot):
    dialog = UnitDialog()
    qtbot.addWidget(dialog)
    dialog.search.setText("zzzz")
    assert dialog.list.count() == 0
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.search.setText("hai")
    first = dialog.selected_unit()
    press(Qt.Key.Key_Down, widget=dialog.search)
    assert dialog.selected_unit() != first


def test_the_unit_is_found_as_a_clerk_writes_it_with_commas_abbreviations_or_its_code(qtbot):
    dialog = UnitDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    for typed in ("Ngô Quyền, Hải Phòng", "P. Ngô Quyền", "Phường Ngô Quyền, Thành phố Hải Phòng", "11329"):
        dialog.search.clear()
        dialog.search.setFocus()
        type_text(typed)
        assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == \
            ["Phường Ngô Quyền, Thành phố Hải Phòng"], typed
