"""The window on a clerk's screens (1366×768 and 1024×768): it fits, remembers, and squeezes nothing."""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from tests.ui.helpers import press

from desk.ui import window_state
from desk.ui.actions import ActionId
from desk.ui.main_window import MainWindow

# 1024×768 less a 40 px taskbar and a 30 px title bar.
SMALL_SCREEN = (1024, 768 - 40 - 30)


def _open(qtbot, workspace, app_settings) -> MainWindow:
    win = MainWindow(workspace, app_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_every_screen_fits_a_1024x768_screen(window):
    # Given every screen shown once (the stack is as wide as its widest page)
    for row in range(window.nav.count()):
        window.screen_actions[row].trigger()
    # Then the window's smallest size fits 1024×768 with the taskbar and the title bar
    hint = window.minimumSizeHint()
    assert hint.width() <= SMALL_SCREEN[0] and hint.height() <= SMALL_SCREEN[1], hint
    assert window.minimumSize().width() <= SMALL_SCREEN[0]


def test_the_first_start_maximizes_on_a_small_screen_and_centres_on_a_large_one():
    assert not window_state.fits(QRect(0, 0, 1366, 728))      # 1366×768 with its taskbar
    assert not window_state.fits(QRect(0, 0, 1024, 728))
    assert window_state.fits(QRect(0, 0, 1920, 1040))


def test_the_window_opens_maximized_when_the_screen_is_small_then_where_it_was_left(
        qtbot, workspace, app_settings, shown, monkeypatch):
    # Given a first start on a screen smaller than the preferred size
    monkeypatch.setattr(window_state, "fits", lambda available: False)
    win = MainWindow(workspace, app_settings)
    qtbot.addWidget(win)
    window_state.show_window(win, app_settings)
    qtbot.waitExposed(win)
    # Then it is maximized
    assert win.isMaximized()
    # and so it is at the next start
    win.close()
    again = MainWindow(workspace, app_settings)
    qtbot.addWidget(again)
    window_state.show_window(again, app_settings)
    qtbot.waitExposed(again)
    assert again.isMaximized()
    # When the clerk makes it a window of 800×580 (the test screen is 800×600) and closes Desk
    again.showNormal()
    again.setGeometry(0, 0, 800, 580)
    qtbot.waitUntil(lambda: again.height() == 580 and not again.isMaximized())
    again.close()
    # Then the next start opens it at that size
    third = MainWindow(workspace, app_settings)
    qtbot.addWidget(third)
    window_state.show_window(third, app_settings)
    qtbot.waitExposed(third)
    assert (third.width(), third.height()) == (800, 580) and not third.isMaximized()


def test_the_navigation_width_is_remembered(qtbot, app_settings):
    from PySide6.QtWidgets import QSplitter, QWidget

    def splitter() -> QSplitter:
        made = QSplitter()
        made.addWidget(QWidget())
        made.addWidget(QWidget())
        made.resize(900, 400)
        qtbot.addWidget(made)
        made.show()
        return made

    first = splitter()
    first.setSizes([260, 640])
    window_state.save_splitter(first, app_settings)
    second = splitter()
    assert window_state.restore_splitter(second, app_settings)
    assert abs(second.sizes()[0] - 260) <= 2      # the handle takes a pixel or two


def test_the_navigation_shows_whole_screen_names(window):
    metrics = window.nav.fontMetrics()
    for row in range(window.nav.count()):
        text = window.nav.item(row).text()
        assert metrics.horizontalAdvance(text) < window.nav.viewport().width(), text


def test_the_filter_bar_wraps_at_1024_instead_of_squeezing_its_boxes(window, qtbot):
    # Given the obstacle register in a window at 1024×768
    window.resize(1024, 728)
    window.screen_actions[window.stack.index_of("obstacles")].trigger()
    screen = window.current_screen()
    qtbot.waitUntil(lambda: screen.filter_bar.isVisible())
    QApplication.processEvents()
    # Then every box of the filter bar is as wide as it asks to be, and inside the bar
    bar = screen.filter_bar
    boxes = bar.findChildren(QComboBox) + bar.findChildren(QLineEdit)
    assert len(boxes) >= 7       # search, four filters, two dates, as-of
    for box in boxes:
        if not box.isVisibleTo(bar) or box.objectName() == "":
            continue
        assert box.width() >= min(box.sizeHint().width(), box.minimumSizeHint().width()), box.objectName()
        corner = box.mapTo(bar, box.rect().bottomRight())
        assert bar.rect().contains(corner), box.objectName()
    assert screen.search.width() >= 240
    # and each filter says what it filters, in a few words, outside the box
    labels = [screen._filter_labels[name].text() for name in screen._filters]
    assert "Cấp giải quyết:" in labels and all(len(label) <= 16 for label in labels)
    assert screen.dates_label.text().startswith("Ngày phát sinh")


def test_status_comes_right_after_the_title_which_is_wide(window):
    window.screen_actions[window.stack.index_of("obstacles")].trigger()
    screen = window.current_screen()
    columns = [spec.name for spec in screen.model.columns()]
    assert columns[:2] == ["title", "status"]
    assert screen.table.columnWidth(0) >= 2 * screen.table.columnWidth(columns.index("domain"))


def test_a_hidden_column_and_widths_are_remembered_per_register(qtbot, workspace, app_settings, shown):
    # Given the clerk hides the level column and widens the domain column of the obstacle register
    win = _open(qtbot, workspace, app_settings)
    win.screen_actions[win.stack.index_of("obstacles")].trigger()
    win.actions[ActionId.COLUMNS].trigger()
    screen = win.current_screen()
    menu = screen.column_menu()
    level = next(a for a in menu.actions() if a.text() == "Cấp có thẩm quyền giải quyết")
    level.setChecked(False)
    domain = screen.model.column_of("domain")
    screen.table.setColumnWidth(domain, 277)
    screen.columns_memory.save()
    win.close()
    # When Desk starts again
    again = _open(qtbot, workspace, app_settings)
    again.screen_actions[again.stack.index_of("obstacles")].trigger()
    table = again.current_screen().table
    # Then the level column is still hidden and the domain column as wide; the officials' list is untouched
    assert table.isColumnHidden(again.current_screen().model.column_of("level"))
    assert table.columnWidth(domain) == 277
    again.screen_actions[again.stack.index_of("officials")].trigger()
    officials = again.current_screen().table
    assert not any(officials.isColumnHidden(c) for c in range(officials.model().columnCount()))
    # and "Restore the default columns" brings it back
    again.screen_actions[again.stack.index_of("obstacles")].trigger()
    again.current_screen().reset_columns()
    assert not table.isColumnHidden(again.current_screen().model.column_of("level"))


def test_tab_leaves_a_register_table(window, qtbot):
    window.screen_actions[window.stack.index_of("obstacles")].trigger()
    screen = window.current_screen()
    screen.table.setFocus()
    qtbot.waitUntil(screen.table.hasFocus)
    press(Qt.Key.Key_Tab)
    assert not screen.table.hasFocus()
    screen.table.setFocus()
    press(Qt.Key.Key_Backtab)
    assert not screen.table.hasFocus()


def test_no_list_keeps_the_tab_key(window):
    from PySide6.QtWidgets import QTableView

    for row in range(window.nav.count()):
        window.screen_actions[row].trigger()
    tables = window.findChildren(QTableView)
    assert len(tables) >= 8
    assert [t.objectName() for t in tables if t.tabKeyNavigation()] == []


def test_ctrl_1_to_9_switch_screens_and_ctrl_q_quits_on_every_system(window):
    names = window.stack.names
    for row, action in enumerate(window.screen_actions):
        # Ctrl+1 … Ctrl+9 for the first nine screens, Ctrl+0 for Reports (the last); the others from the list
        expected = "Ctrl+0" if names[row] == "reports" else f"Ctrl+{row + 1}" if row < 9 else ""
        assert action.shortcut().toString() == expected
        action.trigger()
        assert window.nav.currentRow() == row
        assert window.stack.currentWidget() is window.stack.page(window.stack.names[row])
    quit_keys = [k.toString() for k in window.actions[ActionId.QUIT].shortcuts()]
    assert "Ctrl+Q" in quit_keys


def test_the_keys_the_first_steps_name_open_the_screens_they_name(window):
    # The home screen of an empty Desk names screens with their keys: «Reports (Ctrl+0)», «Officials and
    # staffing frames (Ctrl+3 to Ctrl+5)» (the tests run untranslated)
    steps = window.stack.page("dashboard").first_steps.text()
    by_key = {a.shortcut().toString(): a.objectName() for a in window.screen_actions if not a.shortcut().isEmpty()}
    named = re.findall(r"<b>([^<]+)</b> \((Ctrl\+\d)(?: to (Ctrl\+\d))?\)", steps)
    assert [name for name, *_ in named] == ["Officials and staffing frames", "Reports"]
    (_, first, last), (_, reports, _) = named
    assert {by_key[f"Ctrl+{n}"] for n in range(int(first[-1]), int(last[-1]) + 1)} >= {"go_officials", "go_staffing"}
    assert by_key[reports] == "go_reports"


def test_opening_a_register_shows_no_stray_window(window, qtbot):
    before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    window.screen_actions[window.stack.index_of("obstacles")].trigger()
    qtbot.wait(20)
    after = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    assert after - before == set()


def test_a_row_offers_the_record_commands_on_its_context_menu(window):
    window.screen_actions[window.stack.index_of("obstacles")].trigger()
    table = window.current_screen().table
    assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    names = [a.objectName() for a in table.actions()]
    assert names == ["edit_record", "history", "void_record", "new_record"]



def test_a_records_history_fits_a_1024x768_screen_with_its_close_button(qtbot, window, workspace, monkeypatch):
    from tests.conftest import NGO_QUYEN

    from desk.domain.registers.obstacles import REGISTER as OBSTACLES
    from desk.services import records
    from desk.ui.history_dialog import HistoryDialog

    with workspace.session() as session:
        rid = records.save(session, OBSTACLES, {"domain": "PERSONNEL", "title": "Thiếu công chức", "level": "province",
                                                "raised_on": "05/09/2025", "status": "received"}, unit_code=NGO_QUYEN)
    # On a 1024×768 screen less its taskbar
    monkeypatch.setattr(window_state, "free_area", lambda widget: QRect(0, 0, 1024, 728))
    screen = window.screen("obstacles")
    window.nav.setCurrentRow(window.screens.index(screen))
    screen.refresh()
    screen.select_id(rid)
    press(Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier, window)
    dialog = window.findChild(HistoryDialog)
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    # Then it is no wider than the screen, and its close button lies inside it
    assert dialog.width() <= 1024 and dialog.height() <= 728
    close = dialog.buttons.geometry()
    assert close.right() <= dialog.width() and close.bottom() <= dialog.height()
    dialog.reject()
