"""Ctrl+Z in the window takes back the latest save, edit or void, and says which."""

from __future__ import annotations

from tests.conftest import NGO_QUYEN

from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import records
from desk.ui.actions import ActionId


def titles(screen):
    return [screen.model.row_record(r)["title"] for r in range(screen.model.rowCount())]


def test_an_edit_and_a_void_are_undone_from_the_menu_one_after_the_other(window, shown):
    window.nav.setCurrentRow(window.stack.index_of("obstacles"))
    screen = window.current_screen()
    undo = window.actions[ActionId.UNDO]
    assert not undo.isEnabled() and undo.shortcut().toString() == "Ctrl+Z"
    # Given a record added and edited through the form
    form = screen.open_form()
    form.editor("title").setText("Thiếu máy in")
    form.editor("domain").setCurrentIndex(0)
    form.editor("level").setCurrentIndex(0)
    form._on_save()
    screen.select_id(screen.model.row_record(0)["id"])
    form = screen.open_form(screen.model.row_record(0))
    form.editor("title").setText("Thiếu máy in màu")
    form._on_save()
    assert titles(screen) == ["Thiếu máy in màu"]
    assert undo.isEnabled() and undo.text() == "Undo: edit «Thiếu máy in màu»"
    # And voided with a reason
    shown.answers.append("Nhập trùng")
    window.actions[ActionId.VOID_RECORD].trigger()
    assert titles(screen) == [] and undo.text() == "Undo: void «Thiếu máy in màu»"
    # When the clerk presses Ctrl+Z twice
    undo.trigger()
    assert titles(screen) == ["Thiếu máy in màu"]
    undo.trigger()
    # Then the void and the edit are taken back, and the addition is next
    assert titles(screen) == ["Thiếu máy in"] and undo.text() == "Undo: add «Thiếu máy in»"
    undo.trigger()
    assert titles(screen) == [] and not undo.isEnabled()
    assert shown.errors == []


def test_undo_refused_when_the_record_changed_elsewhere_says_why(window, workspace, shown):
    screen = window.screen("obstacles")
    form = screen.open_form()
    form.editor("title").setText("Thiếu máy in")
    form.editor("domain").setCurrentIndex(0)
    form.editor("level").setCurrentIndex(0)
    form._on_save()
    record = screen.model.row_record(0)
    with workspace.session() as session:          # another clerk's window
        records.save(session, OBSTACLES, {**records.stored_values(records.get(session, OBSTACLES, record["id"]),
                                                                  OBSTACLES), "title": "Sửa ở máy khác"},
                     unit_code=NGO_QUYEN, record_id=record["id"])
    window.actions[ActionId.UNDO].trigger()
    assert len(shown.errors) == 1 and "đã được sửa sau đó" in shown.errors[0]
