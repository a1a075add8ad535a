"""Undo takes back a save, an edit or a void from the audit trail, as a new step of its own."""

from __future__ import annotations

import pytest
from tests.conftest import NGO_QUYEN

from desk.domain.access import os_actor
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.errors import UserError
from desk.services import records, undo
from desk.store import audit
from desk.store.models import table_of

VALUES = {"title": "Thiếu máy in", "domain": "OTHER", "level": "commune", "raised_on": "05/09/2025",
          "status": "received"}


def step(workspace, work, label="x"):
    with workspace.session() as session:
        first = undo.mark(session)
        record_id = work(session)
        return undo.step(session, "obstacles", record_id, first, label)


def undone(workspace, done):
    with workspace.session() as session:
        undo.undo(session, done, actor=os_actor())


def row(workspace, record_id):
    with workspace.session() as session:
        return records.get(session, OBSTACLES, record_id)


def test_undoing_an_edit_puts_the_old_values_back_and_keeps_both_steps_in_the_history(workspace):
    created = step(workspace, lambda s: records.save(s, OBSTACLES, VALUES, unit_code=NGO_QUYEN))
    rid = created.record_id
    edited = step(workspace, lambda s: records.save(s, OBSTACLES, {**VALUES, "title": "Thiếu máy in màu",
                                                                    "deadline": "30/09/2025"},
                                                    unit_code=NGO_QUYEN, record_id=rid))
    undone(workspace, edited)
    back = row(workspace, rid)
    assert (back.title, back.deadline) == ("Thiếu máy in", None)
    with workspace.session() as session:
        actions = [e.action for e in audit.history(session, table_of(OBSTACLES), rid)]
    assert actions.count(audit.EDIT) >= 4          # the edit (2 fields) and its undo (2 fields)


def test_undoing_a_new_record_voids_it_and_undoing_a_void_brings_it_back(workspace):
    created = step(workspace, lambda s: records.save(s, OBSTACLES, VALUES, unit_code=NGO_QUYEN))
    undone(workspace, created)
    assert row(workspace, created.record_id).voided             # kept, hidden: nothing is deleted
    other = step(workspace, lambda s: records.save(s, OBSTACLES, VALUES, unit_code=NGO_QUYEN))
    voided = step(workspace, lambda s: records.void(s, OBSTACLES, other.record_id, "Nhập trùng") or other.record_id)
    undone(workspace, voided)
    back = row(workspace, other.record_id)
    assert not back.voided and back.void_reason is None


def test_a_record_changed_since_is_not_undone(workspace):
    created = step(workspace, lambda s: records.save(s, OBSTACLES, VALUES, unit_code=NGO_QUYEN))
    edited = step(workspace, lambda s: records.save(s, OBSTACLES, {**VALUES, "title": "Lần 2"}, unit_code=NGO_QUYEN,
                                                    record_id=created.record_id))
    with workspace.session() as session:       # another window edits it again
        records.save(session, OBSTACLES, {**VALUES, "title": "Lần 3"}, unit_code=NGO_QUYEN,
                     record_id=created.record_id)
    with pytest.raises(UserError, match="đã được sửa sau đó"):
        undone(workspace, edited)
    assert row(workspace, created.record_id).title == "Lần 3"


def test_a_save_that_changed_nothing_leaves_nothing_to_undo(workspace):
    created = step(workspace, lambda s: records.save(s, OBSTACLES, VALUES, unit_code=NGO_QUYEN))
    again = step(workspace, lambda s: records.save(s, OBSTACLES, VALUES, unit_code=NGO_QUYEN,
                                                   record_id=created.record_id))
    assert again is None
