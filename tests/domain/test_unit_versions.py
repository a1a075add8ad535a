"""Unit codes across versions of the official list: mapped by name and province, never by bare code."""

from __future__ import annotations

from desk.domain import unit_lists, units
from desk.domain.unit_list_moves import MOVES


def test_a_renumbered_ward_is_found_by_its_name_under_either_version():
    ngo_quyen = units.unit(11329)          # the current list (2026.9.0)
    assert ngo_quyen.name == "Phường Ngô Quyền"
    assert unit_lists.current_unit(11341, "2025.10.1") == ngo_quyen
    assert unit_lists.current_unit(11329, "2026.9.0") == ngo_quyen
    assert unit_lists.current_unit("11341", None) == ngo_quyen      # a report older than list versions


def test_a_code_reused_for_another_unit_is_not_taken_at_face_value():
    # 226 is Phường Kim Liên in 2025.10.1 and Phường Văn Miếu - Quốc Tử Giám in 2026.9.0
    assert unit_lists.current_unit(226, "2025.10.1").name == "Phường Kim Liên"
    assert unit_lists.current_unit(226, "2026.9.0").name == "Phường Văn Miếu - Quốc Tử Giám"


def test_the_move_counts_of_the_single_mapping():
    (move,) = MOVES
    assert (move["from"], move["to"]) == ("2025.10.1", "2026.9.0")
    assert len(unit_lists.code_map("2025.10.1")) == len(move["codes"]) == 123
    assert len(unit_lists.corrected_names("2025.10.1")) == 31
    assert len(move["reused_codes"]) == 9


def test_every_code_of_both_known_versions_maps_to_one_unit():
    for version in unit_lists.versions():
        codes = unit_lists.codes_of(version)
        mapped = [unit_lists.current_unit(code, version) for code in codes]
        assert None not in mapped
        assert len({u.code for u in mapped}) == len(mapped) == len(units.all_units())   # never two onto one


def test_a_code_only_the_other_version_has_is_not_taken_for_a_unit():
    # 82 is Phường Cửa Nam in 2026.9.0 (it was 73); no unit had 82 in 2025.10.1
    assert unit_lists.current_unit(82, "2026.9.0").name == "Phường Cửa Nam"
    assert unit_lists.current_unit(73, "2025.10.1").name == "Phường Cửa Nam"
    assert unit_lists.current_unit(82, "2025.10.1") is None


def test_an_unknown_version_or_code_is_not_mapped():
    assert unit_lists.current_unit(11341, "2099.1.0") is None
    assert unit_lists.current_unit(99999, "2025.10.1") is None
    assert unit_lists.current_unit("abc", None) is None


def test_names_differing_only_in_spelling_details_match():
    hue, dak_lak = 46, 66
    # a hyphen or a dash between the two old names: the same commune either way
    by_hyphen = unit_lists.unit_named("Xã Chân Mây - Lăng Cô", hue)
    assert by_hyphen is not None and by_hyphen == unit_lists.unit_named("Xã Chân Mây – Lăng Cô", hue)
    assert unit_lists.unit_named("Không có", hue) is None
    # the 2025 list's typographic apostrophe and "Thuỷ" for "Thủy": the names it corrected
    assert unit_lists.unit_named("Xã Ea H’leo", dak_lak).code == 24184
    for old, name in unit_lists.corrected_names("2025.10.1").items():
        found = unit_lists.unit_named(name, units.unit(unit_lists.current_code(old, "2025.10.1")).province.code)
        assert found is not None and found.code == unit_lists.current_code(old, "2025.10.1")
