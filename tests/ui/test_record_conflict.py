"""Two clerks edit one record: the second save is refused with what the first changed; what was typed stays."""

from __future__ import annotations

from tests.conftest import NGO_QUYEN
from tests.ui.test_register_screen import add

from desk.domain.access import Actor, Role
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import records
from desk.ui.record_form import RecordForm


def test_a_save_after_another_clerks_is_refused_and_the_typed_text_stays(qtbot, window, workspace, shown):
    # Given a record open in the clerk's form
    record_id = add(workspace, title="Thiếu công chức địa chính")
    screen = window.screen("obstacles")
    screen.requery()
    screen.table.selectRow(0)
    screen.edit_current()
    form = window.findChild(RecordForm)
    qtbot.waitUntil(lambda: form is not None and form.isVisible())
    form._editors["proposal"].set_value("Đề nghị bổ sung biên chế")     # as if typed
    # When another clerk saves a new title first
    with workspace.session() as session:
        stored = records.stored_values(records.get(session, OBSTACLES, record_id), OBSTACLES)
        records.save(session, OBSTACLES, {**stored, "title": "Thiếu công chức tư pháp"}, unit_code=NGO_QUYEN,
                     record_id=record_id, actor=Actor("lan", Role.CLERK))
    form._on_save()
    # Then the clerk is told who changed what, the form stays open with the typed text, nothing of it written
    assert form.isVisible() and form.values()["proposal"] == "Đề nghị bổ sung biên chế"
    assert any("«lan»" in text and "Thiếu công chức tư pháp" in text for text in shown.errors)
    with workspace.session() as session:
        assert records.get(session, OBSTACLES, record_id).proposal is None
    # And saving again, knowingly, writes the form's values
    form._on_save()
    qtbot.waitUntil(lambda: not form.isVisible())
    with workspace.session() as session:
        assert records.get(session, OBSTACLES, record_id).proposal == "Đề nghị bổ sung biên chế"
