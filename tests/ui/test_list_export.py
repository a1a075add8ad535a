"""Ctrl+E writes the list the clerk filtered; Ctrl+P previews it for printing; the export says where it went."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QDialog
from tests.services.registers_helpers import obstacle

from desk.ui import messages
from desk.ui import settings as options
from desk.ui.actions import ActionId


@pytest.fixture
def filtered(window, workspace):
    obstacle(workspace, title="Thiếu máy tính", domain="VEHICLES_EQUIPMENT", status="in_progress")
    obstacle(workspace, title="Thiếu công chức địa chính", domain="PERSONNEL", status="received")
    obstacle(workspace, title="Trụ sở chật hẹp", domain="PREMISES", status="in_progress")
    window.screen_actions[window.stack.index_of("obstacles")].trigger()
    screen = window.current_screen()
    screen.refresh()
    screen.set_filter("status", "in_progress")
    screen.set_search("thieu")
    return screen


def test_ctrl_e_exports_the_filtered_list_off_the_gui_thread(qtbot, window, filtered, shown, monkeypatch, tmp_path,
                                                             app_settings):
    out = tmp_path / "ds.xlsx"
    suggested = []
    monkeypatch.setattr(messages, "choose_save_file", lambda parent, title, start, filters:
                        suggested.append(start) or str(out))
    exported = []
    monkeypatch.setattr(messages, "exported", lambda parent, text, path: exported.append((text, path)))
    # When the clerk presses Ctrl+E on the filtered register
    assert window.actions[ActionId.EXPORT_LIST].shortcut().toString() == "Ctrl+E"
    window.actions[ActionId.EXPORT_LIST].trigger()
    # Then the work runs in the background, the window stays responsive, and the file holds exactly the rows shown
    qtbot.waitUntil(lambda: bool(exported), timeout=20_000)
    sheet = openpyxl.load_workbook(out).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any("Thiếu máy tính" in c for c in cells)
    assert not any("Thiếu công chức địa chính" in c for c in cells) and not any("Trụ sở" in c for c in cells)
    assert any("Danh sách lọc theo" in c and "thieu" in c for c in cells)
    # and the message offers to open the file (its path given)
    text, path = exported[0]
    assert Path(path) == out and "1 record" in text
    # The folder is remembered for the next export
    assert app_settings.get(options.EXPORT_FOLDER) == str(tmp_path)
    window.actions[ActionId.EXPORT_LIST].trigger()
    assert suggested[-1].startswith(str(tmp_path))
    qtbot.waitUntil(lambda: len(exported) == 2, timeout=20_000)


def test_ctrl_p_previews_the_list_as_shown(qtbot, window, filtered):
    assert window.actions[ActionId.PRINT_LIST].shortcut().toString() == "Ctrl+P"
    # The document holds the shown rows, the visible columns and the filters
    document = window.list_export.document(filtered)
    text = document.toPlainText()
    assert "Thiếu máy tính" in text and "Trụ sở" not in text and "Thiếu công chức" not in text
    assert "KHÓ KHĂN, VƯỚNG MẮC" in text and "thieu" in text
    # and the preview opens (a hidden column is not printed)
    filtered.set_column_shown(filtered.model.column_of("proposal"), False)
    assert "Kiến nghị" not in window.list_export.document(filtered).toPlainText()
    window.actions[ActionId.PRINT_LIST].trigger()
    preview = window.findChild(QDialog, "printPreview")
    qtbot.waitUntil(lambda: preview.isVisible())
    preview.reject()


def test_the_print_command_is_off_where_there_is_no_list(window):
    window.screen_actions[0].trigger()           # the overview
    assert not window.actions[ActionId.PRINT_LIST].isEnabled()
    window.screen_actions[window.stack.index_of("officials")].trigger()
    assert window.actions[ActionId.PRINT_LIST].isEnabled()


def test_closing_the_window_lets_a_running_export_finish(qtbot, window, filtered, shown, monkeypatch, tmp_path):
    out = tmp_path / "dang-ghi.xlsx"
    monkeypatch.setattr(messages, "choose_save_file", lambda *args: str(out))
    window.actions[ActionId.EXPORT_LIST].trigger()
    window.close()            # at once, while the worker writes
    assert not window.operations.busy() and out.exists()
