"""Unit codes across versions of the official list: mapped by name and province, never by bare code."""

from __future__ import annotations

from desk.domain import unit_versions, units


def test_a_renumbered_ward_is_found_by_its_name_under_either_version():
    ngo_quyen = units.unit(11329)          # the current list (2026.9.0)
    assert ngo_quyen.name == "Phường Ngô Quyền"
    assert unit_versions.current_unit(11341, "2025.10.1") == ngo_quyen
    assert unit_versions.current_unit(11329, "2026.9.0") == ngo_quyen


def test_a_code_reused_for_another_unit_is_not_taken_at_face_value():
    # 226 is Phường Kim Liên in 2025.10.1 and Phường Văn Miếu - Quốc Tử Giám in 2026.9.0
    assert unit_versions.current_unit(226, "2025.10.1").name == "Phường Kim Liên"
    assert unit_versions.current_unit(226, "2026.9.0").name == "Phường Văn Miếu - Quốc Tử Giám"


def test_every_code_of_both_known_versions_maps_to_one_unit():
    table = unit_versions._changes()["units"]
    for version in unit_versions._changes()["versions"]:
        mapped = [unit_versions.current_unit(code, version) for code in table[version]]
        assert None not in mapped
        assert len({u.code for u in mapped}) == len(mapped)     # never two codes onto one unit


def test_an_unknown_version_or_code_is_not_mapped():
    assert unit_versions.current_unit(11341, "2099.1.0") is None
    assert unit_versions.current_unit(99999, "2025.10.1") is None
    assert unit_versions.current_unit("abc", None) is None


def test_names_differing_only_in_spelling_details_match():
    hue = 46
    # a hyphen or a dash between the two old names: the same commune either way
    by_hyphen = unit_versions.unit_named("Xã Chân Mây - Lăng Cô", hue)
    assert by_hyphen is not None and by_hyphen == unit_versions.unit_named("Xã Chân Mây – Lăng Cô", hue)
    assert unit_versions.unit_named("Không có", hue) is None
