"""The official unit list's versions: codes mapped by name and province, never by bare code."""

from __future__ import annotations

import pytest

from desk.domain import unit_lists, units
from desk.domain.unit_list_moves import MOVES
from desk.errors import UserError


def test_phuong_ngo_quyen_moved_from_11341_to_11329():
    assert unit_lists.current_code(11341, "2025.10.1") == 11329
    assert unit_lists.current_code(11329, unit_lists.CURRENT) == 11329
    assert unit_lists.code_map(unit_lists.CURRENT, "2025.10.1")[11329] == 11341


def test_the_move_is_one_to_one_and_lands_on_units_of_the_current_list():
    moved = unit_lists.code_map("2025.10.1")
    assert len(set(moved.values())) == len(moved)
    for old, new in moved.items():
        assert units.unit(new).code == new, old
    # Codes passed round between units follow their units, not the number (Cao Bằng's three communes)
    assert (moved[1537], moved[1558], moved[1561]) == (1561, 1537, 1558)


def test_nine_old_codes_now_name_other_units():
    (move,) = MOVES
    assert len(move["reused_codes"]) == 9 and move["unmapped"] == []
    assert len(move["names"]) == 31
    for code in move["reused_codes"]:
        assert code in unit_lists.code_map("2025.10.1")   # a unit left it, another has it now
        assert units.unit(code)


def test_an_unknown_list_version_is_a_clear_message():
    with pytest.raises(UserError, match="Không biết phiên bản danh mục đơn vị hành chính «2030.1.0»"):
        unit_lists.code_map("2030.1.0")


def test_desk_runs_on_the_list_version_it_maps_to():
    from importlib import metadata

    assert metadata.version("vietnam-provinces") == unit_lists.CURRENT
    assert unit_lists.versions()[-1] == unit_lists.CURRENT


def test_a_unit_s_former_codes():
    assert unit_lists.former_codes(11329) == {11341}
    assert unit_lists.former_codes(1537) == {1558}
    assert unit_lists.former_codes(11383) == frozenset()
    assert not unit_lists.is_current_code(11341) and unit_lists.is_current_code(1558)
