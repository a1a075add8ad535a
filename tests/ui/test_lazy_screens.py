"""Screens are built when first shown (a fast start); a clerk sees no difference: data, refresh, navigation."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget
from tests.conftest import NGO_QUYEN
from tests.services.registers_helpers import official

from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import records
from desk.ui.actions import ActionId
from desk.ui.lazy_stack import LazyStack

SCREENS = ("dashboard", "obstacles", "officials", "staffing_view", "staffing", "movements", "visits", "initiatives",
           "procedures", "needs", "reports")


def test_the_window_opens_on_the_overview_with_only_the_overview_built(window):
    assert window.stack.names == list(SCREENS)
    assert [window.stack.is_built(name) for name in SCREENS] == [True] + [False] * (len(SCREENS) - 1)
    assert window.current_screen() is window.more.dashboard
    # Every screen is in the navigation, named, before any is built
    assert all(window.nav.item(row).text() for row in range(window.nav.count()))
    assert window.nav.count() == len(SCREENS)


def test_a_screen_shown_later_lists_what_was_saved_before(window, workspace):
    # Given an official saved while the officials' register was never shown
    official(workspace, full_name="Nguyễn Văn Thành")
    # When the clerk picks it in the navigation
    window.nav.setCurrentRow(SCREENS.index("officials"))
    # Then it is built, shown, and lists her
    screen = window.current_screen()
    assert window.stack.is_built("officials") and screen is window.more.screen("officials")
    assert screen.objectName() == "register_officials"
    assert screen.model.rowCount() == 1
    # And the record commands act on it
    assert window.actions[ActionId.EDIT_RECORD].isEnabled()


def test_a_saved_obstacle_refreshes_the_overview_without_building_other_screens(window, workspace):
    dashboard = window.more.dashboard
    before = int(dashboard.tiles["open"].number.text())
    window.screen("obstacles")
    # When an obstacle is saved through the window's operations, as the form saves it
    values = {"title": "Thiếu máy in", "domain": "OTHER", "level": "commune", "raised_on": "05/09/2025",
              "status": "received"}
    window.operations.record_step(window, "obstacles", lambda session: records.save(
        session, OBSTACLES, values, unit_code=NGO_QUYEN), "Hoàn tác: thêm")
    # Then the overview counted it, and no other screen was built for it
    assert int(dashboard.tiles["open"].number.text()) == before + 1
    assert not window.stack.is_built("visits")      # built when shown, with fresh data then


def test_find_from_the_overview_opens_the_obstacle_register(window):
    window.actions[ActionId.FIND].trigger()
    assert window.current_screen() is window.screen("obstacles")
    assert window.nav.currentRow() == SCREENS.index("obstacles")


def test_new_record_is_offered_on_the_overview_without_building_the_register(window):
    assert window.actions[ActionId.NEW_RECORD].isEnabled()
    assert not window.stack.is_built("obstacles")


def test_building_a_page_before_the_shown_one_keeps_the_shown_one(qtbot):
    stack = LazyStack()
    qtbot.addWidget(stack)
    built = []
    stack.built.connect(lambda name, page: built.append(name))
    for name in ("a", "b", "c"):
        stack.add_page(name, lambda name=name: QLabel(name))
    stack.show_page("c")
    page_a = stack.page("a")
    assert stack.currentWidget().text() == "c" and stack.currentIndex() == 2
    assert stack.widget(0) is page_a and stack.count() == 3
    assert stack.page("a") is page_a and built == ["c", "a"]       # built once
    assert isinstance(stack.widget(1), QWidget) and not stack.is_built("b")
    stack.show_index(-1)        # an emptied navigation list: nothing changes
    assert stack.currentIndex() == 2


def test_a_screen_being_built_holds_the_registers_background_reading_back(window, monkeypatch):
    # Given the obstacle register shown (its search texts are then read on a thread of their own)
    from desk.services import foreground
    from desk.ui.staffing_screen import StaffingScreen

    window.nav.setCurrentRow(SCREENS.index("obstacles"))
    seen: list[bool] = []
    building = StaffingScreen.__init__

    def init(self, *args, **kwargs):
        seen.append(foreground.busy())
        building(self, *args, **kwargs)
        seen.append(foreground.busy())
    monkeypatch.setattr(StaffingScreen, "__init__", init)
    # When the clerk goes straight on to the staffing view
    window.nav.setCurrentRow(SCREENS.index("staffing_view"))
    # Then that reading waited while the view was built (its queries had both cores), and goes on after
    assert seen == [True, True] and isinstance(window.current_screen(), StaffingScreen)
    assert not foreground.busy()
