"""`desk demo` fills every register realistically, through the clerk's own validation."""

from __future__ import annotations

import re
from datetime import date

from tests.conftest import NGO_QUYEN

from desk.domain import units
from desk.domain.registers import REGISTERS
from desk.services import dashboard, demo, demo_registers, records

TODAY = date(2025, 11, 20)


def test_demo_fills_every_register_with_each_derived_state_shown(workspace):
    unit = workspace.require_unit()
    with workspace.session() as session:
        demo.fill(session, unit, count=20, today=TODAY)
    with workspace.session() as session:
        rows = {name: records.query(session, reg, records.RecordQuery(unit_code=NGO_QUYEN, today=TODAY))
                for name, reg in REGISTERS.items()}
        d = dashboard.build(session, unit, TODAY)
    assert {name: len(found) > 0 for name, found in rows.items()} == dict.fromkeys(REGISTERS, True)
    # Officials in every office, with the ward's name for the economic office
    labels = {r["office"] for r in rows["officials"]}
    assert labels == {"council", "leadership", "office", "economy", "culture_social", "service_centre"}
    # Movements in and out, in each state a clerk must notice
    assert {r["direction"] for r in rows["movements"]} == {"in", "out"}
    assert {"planned", "active", "ending_soon", "overdue"} <= {r["state"] for r in rows["movements"]}
    assert any(r["too_long"] for r in rows["movements"])
    # The ministry's visit under Decision 878 found obstacles that stay linked to it
    ministry = next(r for r in rows["visits"] if r["team_body"] == "Bộ Nội vụ")
    assert "878/QĐ-BNV" in ministry["basis"] and ministry["obstacle_count"] == 4
    linked = [r for r in rows["obstacles"] if r["visit_id"] == ministry["id"]]
    assert {r["source"] for r in linked} == {"visiting_team"}
    # Initiatives such as the Friendly Saturday, a fanpage and a Zalo group
    names = " | ".join(r["name"] for r in rows["initiatives"])
    assert "Thứ bảy thân thiện" in names and "fanpage" in names and "Zalo" in names
    # The dashboard has something to say in every panel
    assert d.staffing.deputies.breach and d.shortage > 0 and d.ending_soon and d.overdue_to_end
    assert len(d.initiatives_active) == 5


def test_demo_officials_raise_no_warning_a_clerk_would_see(workspace):
    unit = workspace.require_unit()
    with workspace.session() as session:
        demo.fill(session, unit, count=1, today=TODAY)
    reg = REGISTERS["officials"]
    with workspace.session() as session:
        for row in records.query(session, reg, records.RecordQuery(unit_code=NGO_QUYEN)):
            assert records.warnings(session, reg, row, unit_code=NGO_QUYEN, record_id=row["id"]) == []


def test_the_demo_speaks_of_the_unit_and_province_it_fills(workspace):
    # Given the demo filled for a phường of Hải Phòng, a thành phố
    unit = workspace.require_unit()
    with workspace.session() as session:
        demo.fill(session, unit, count=60, today=TODAY)
        proposals = {r["proposal"] for r in records.query(session, REGISTERS["obstacles"],
                                                         records.RecordQuery(unit_code=NGO_QUYEN, today=TODAY))}
    # Then its proposals address the thành phố, never a «tỉnh» it does not have
    assert "Đề nghị Công an thành phố đẩy nhanh thủ tục" in proposals
    assert not any(re.search(r"\btỉnh\b", p or "") for p in proposals)
    # And a xã's demo says «xã» where a phường's says «phường»
    khuc_thua_du = units.unit(11224)
    assert demo_registers.for_unit("Thông báo trên nhóm Zalo của phường; UBND phường cũ", khuc_thua_du) == (
        "Thông báo trên nhóm Zalo của xã; UBND xã cũ")
