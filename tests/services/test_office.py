"""The office's unit: saved by its official code, with its names remembered for a fast start."""

from __future__ import annotations

import json

import pytest
from tests.conftest import NGO_QUYEN

from desk.domain import units
from desk.errors import UserError
from desk.services import office


def test_the_unit_read_back_is_the_official_one(workspace):
    with workspace.session() as session:
        assert office.office_unit(session) == units.unit(NGO_QUYEN)
        assert office.office_unit(session).display == "Phường Ngô Quyền, Thành phố Hải Phòng"


def test_names_saved_by_another_version_of_the_official_list_are_looked_up_again(workspace):
    # Given names saved from an older list that called the unit something else
    with workspace.session() as session:
        saved = json.loads(office.get_setting(session, office.UNIT_NAMES_KEY))
        saved.update(version="2024.1.0", name="Phường Cũ")
        office.put_setting(session, office.UNIT_NAMES_KEY, json.dumps(saved))
    # Then the unit comes from the installed list, not from the stale names
    with workspace.session() as session:
        assert office.office_unit(session).name == "Phường Ngô Quyền"


@pytest.mark.parametrize("stored", ["", "{", "[]", '{"code": 1}', json.dumps({"version": None})])
def test_damaged_or_missing_names_fall_back_to_the_official_list(workspace, stored):
    with workspace.session() as session:
        office.put_setting(session, office.UNIT_NAMES_KEY, stored)
    with workspace.session() as session:
        assert office.office_unit(session) == units.unit(NGO_QUYEN)


def test_names_of_another_code_are_not_used(workspace):
    with workspace.session() as session:
        office.put_setting(session, office.UNIT_KEY, "4")       # changed by hand, names left behind
    with workspace.session() as session:
        assert office.office_unit(session).name == "Phường Ba Đình"


def test_an_unknown_code_is_refused_and_nothing_changes(workspace):
    with pytest.raises(UserError, match="99999"):
        with workspace.session() as session:
            office.set_office_unit(session, 99999)
    with workspace.session() as session:
        assert office.office_unit(session).code == NGO_QUYEN
