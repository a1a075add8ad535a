"""The registers besides obstacles through the same save/validate/query as the obstacle register."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update
from tests.conftest import NGO_QUYEN
from tests.services.registers_helpers import frame, initiative, movement, obstacle, official, save, visit

from desk.domain.registers.frames import REGISTER as STAFFING_FRAMES
from desk.domain.registers.initiatives import REGISTER as INITIATIVES
from desk.domain.registers.movements import REGISTER as MOVEMENTS
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.registers.officials import REGISTER as OFFICIALS
from desk.domain.registers.officials import REGISTER as _OFFICIALS_REGISTER
from desk.domain.registers.visits import REGISTER as VISITS
from desk.errors import ValidationError
from desk.services import derivations, office, records
from desk.services.records import RecordQuery
from desk.store.models import table_of

Official = table_of(_OFFICIALS_REGISTER)



def errors_of(workspace, reg, **values) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        save(workspace, reg, **values)
    return caught.value.errors


def warnings_of(workspace, reg, record_id=None, **values) -> list[str]:
    with workspace.session() as session:
        checked = records.validate(session, reg, values, unit_code=NGO_QUYEN)
        return records.warnings(session, reg, checked, unit_code=NGO_QUYEN, record_id=record_id)


def count(workspace, table) -> int:
    with workspace.session() as session:
        return session.scalar(select(func.count()).select_from(table))


def test_citizen_id_is_twelve_digits_typed_with_spaces_or_not(workspace):
    errors = errors_of(workspace, OFFICIALS, full_name="Trần Thị Ánh Tuyết", staff_category="civil_servant",
                       office="office", title="staff", status="working", citizen_id="0311850123")
    assert errors == {"citizen_id": "«Số định danh cá nhân (CCCD)» không hợp lệ: phải gồm đúng 12 chữ số."}
    assert count(workspace, Official) == 0
    record_id = official(workspace, citizen_id="031 185 012 345", phone="0912.345.678")
    with workspace.session() as session:
        saved = records.get(session, OFFICIALS, record_id)
    assert (saved.citizen_id, saved.phone) == ("031185012345", "0912345678")


def test_the_full_name_is_kept_as_typed(workspace):
    record_id = official(workspace, name="  Nguyễn   Thị Ánh Tuyết ")
    with workspace.session() as session:
        assert records.get(session, OFFICIALS, record_id).full_name == "Nguyễn Thị Ánh Tuyết"


def test_a_possible_duplicate_official_is_a_warning_not_an_error(workspace):
    # Given an official already in the register
    official(workspace, name="Nguyễn Văn An", birth_date="02/03/1985")
    # When the clerk enters the same name (typed without care for case) and birth date
    found = warnings_of(workspace, OFFICIALS, full_name="nguyễn văn an", birth_date="2/3/1985",
                        staff_category="civil_servant", office="office", title="staff", status="working")
    # Then a warning names the existing record, and saving is still possible (the clerk decides)
    assert found == ["Sổ đã có «Nguyễn Văn An», sinh ngày 02/03/1985: có thể là một người nhập hai lần."]
    official(workspace, name="nguyễn văn an", birth_date="2/3/1985")
    assert count(workspace, Official) == 2
    # A different birth date is a different person
    assert warnings_of(workspace, OFFICIALS, full_name="Nguyễn Văn An", birth_date="02/03/1986",
                       staff_category="civil_servant", office="office", title="staff", status="working") == []


def test_a_leaving_date_past_with_the_official_still_working_is_asked_about(workspace):
    base = {"full_name": "Đỗ Văn Toàn", "staff_category": "civil_servant", "office": "office", "title": "staff"}
    past = warnings_of(workspace, OFFICIALS, **base, status="working", left_on="01/10/2025")
    assert past == ["Ngày nghỉ, chuyển đi (01/10/2025) đã qua mà tình trạng vẫn là «Đang công tác»: nếu người "
                    "này đã nghỉ, hãy chọn «Đã nghỉ việc, nghỉ hưu, chuyển công tác»."]
    # Marked as left, or leaving later: nothing to ask
    assert warnings_of(workspace, OFFICIALS, **base, status="left", left_on="01/10/2025") == []
    later = (date.today() + timedelta(days=30)).strftime("%d/%m/%Y")
    assert warnings_of(workspace, OFFICIALS, **base, status="working", left_on=later) == []


def test_editing_an_official_does_not_warn_about_itself(workspace):
    record_id = official(workspace, birth_date="02/03/1985", citizen_id="031085012345", gender="male")
    assert warnings_of(workspace, OFFICIALS, record_id=record_id, full_name="Nguyễn Văn An",
                       birth_date="02/03/1985", citizen_id="031085012345", gender="male",
                       staff_category="civil_servant", office="economy", title="staff", status="working") == []


def test_a_citizen_id_used_twice_or_contradicting_the_birth_year_warns(workspace):
    official(workspace, name="Lê Văn Bình", citizen_id="031085012345")
    found = warnings_of(workspace, OFFICIALS, full_name="Lê Thị Hoa", citizen_id="031085012345",
                        birth_date="01/01/1990", gender="female", staff_category="cadre", office="council",
                        title="staff", status="working")
    assert found[0] == "Số CCCD 031085012345 đã ghi cho «Lê Văn Bình»."
    assert "không khớp với năm sinh 1990" in found[1]


def test_a_negative_frame_is_refused_by_the_field(workspace):
    errors = errors_of(workspace, STAFFING_FRAMES, office="economy", authorised="-2", effective_date="01/07/2025")
    assert errors == {"authorised": "«Số biên chế được giao» không được nhỏ hơn 0."}
    errors = errors_of(workspace, STAFFING_FRAMES, office="economy", authorised="mười", effective_date="01/07/2025")
    assert errors == {"authorised": "«Số biên chế được giao»: «mười» không phải số nguyên."}


def test_a_frame_for_a_position_needs_its_office_and_a_twin_frame_warns(workspace):
    errors = errors_of(workspace, STAFFING_FRAMES, job_position="Địa chính", authorised=2,
                       effective_date="01/07/2025")
    assert errors == {"office": "Biên chế theo vị trí việc làm phải ghi thuộc phòng, ban nào."}
    frame(workspace, office="economy", authorised=12)
    found = warnings_of(workspace, STAFFING_FRAMES, office="economy", authorised=14, effective_date="1/7/2025")
    assert found and "có thể nhập trùng" in found[0]


def test_a_frame_with_no_office_is_said_to_be_the_whole_units_and_to_replace_it_and_not_to_fall_short(workspace):
    # Given the whole unit's frame of 52 and the offices' frames of 39 (12 + 27), in force since 01/07/2025
    frame(workspace, office=None, authorised=52)
    frame(workspace, office="economy", authorised=12)
    frame(workspace, office="office", authorised=27)
    # When a clerk enters 3 with «Phòng, ban» left empty, meaning an office's frame
    found = warnings_of(workspace, STAFFING_FRAMES, authorised=3, effective_date="01/12/2025")
    # Then she is asked to confirm that it replaces the whole unit's 52, and told what it would leave
    assert found == [
        "Khung này là biên chế chung của toàn đơn vị (không ghi phòng, ban): từ ngày 01/12/2025 thay khung 52 "
        "người đang áp dụng từ ngày 01/07/2025. Nếu đây là biên chế của một phòng, ban, hãy chọn phòng, ban đó.",
        "Biên chế chung của toàn đơn vị (3) ít hơn tổng biên chế đã giao cho các phòng, ban (39): phần chưa phân "
        "bổ sẽ là -36."]
    # And an office's own frame raises neither
    assert warnings_of(workspace, STAFFING_FRAMES, office="economy", authorised=3, effective_date="01/12/2025") == []


def test_frames_show_which_one_is_in_force(workspace):
    frame(workspace, authorised=12, effective="01/07/2025")
    frame(workspace, authorised=14, effective="01/10/2025")
    frame(workspace, authorised=16, effective="01/01/2026")
    with workspace.session() as session:
        rows = records.query(session, STAFFING_FRAMES, RecordQuery(unit_code=NGO_QUYEN, today=date(2025, 11, 1)))
    assert {r["authorised"]: r["frame_state"] for r in rows} == {12: "superseded", 14: "in_force", 16: "future"}


def test_a_movement_out_needs_one_of_our_officials_and_a_voided_one_cannot_be_chosen(workspace):
    errors = errors_of(workspace, MOVEMENTS, kind="secondment", direction="out", start_date="01/09/2025")
    assert errors == {"official_id": "Cán bộ của đơn vị đi nơi khác: hãy chọn cán bộ trong sổ cán bộ."}
    person = official(workspace)
    with workspace.session() as session:
        records.void(session, OFFICIALS, person, "Nhập nhầm")
    errors = errors_of(workspace, MOVEMENTS, kind="secondment", direction="out", start_date="01/09/2025",
                       official_id=person)
    assert "không tìm thấy" in errors["official_id"]


def test_the_official_can_be_given_by_name_accents_optional(workspace):
    person = official(workspace, name="Đặng Thị Hạnh", birth_date="01/01/1990")
    record_id = movement(workspace, official_id="dang thi hanh (1990)")
    with workspace.session() as session:
        assert records.get(session, MOVEMENTS, record_id).official_id == person
        # And the movements register finds it by the person's name
        found = records.query(session, MOVEMENTS, RecordQuery(unit_code=NGO_QUYEN, search="hanh"))
    assert [r["id"] for r in found] == [record_id]
    assert found[0]["person"] == "Đặng Thị Hạnh"


def test_movements_name_their_officials_as_the_register_has_them_voided_ones_too(workspace, monkeypatch):
    monkeypatch.setattr(derivations, "IDS_AT_ONCE", 2)     # the officials asked for in several reads
    names = ["Đặng Thị Hạnh", "Nguyễn Văn An", "Lê Thu Hà", "Trần Văn Bình", "Phạm Thị Lan"]
    people = [official(workspace, name=name) for name in names]
    for person in people:
        movement(workspace, official_id=person)
    movement(workspace, kind="reinforcement", direction="in", person_name="Phạm Văn Hưng")
    with workspace.session() as session:
        stored = records.stored_values(records.get(session, OFFICIALS, people[0]), OFFICIALS)
        records.save(session, OFFICIALS, {**stored, "full_name": "Đặng Thị Hồng Hạnh"}, unit_code=NGO_QUYEN,
                     record_id=people[0])
        records.void(session, OFFICIALS, people[1], "Chuyển công tác hẳn")
    with workspace.session() as session:
        rows = records.query(session, MOVEMENTS, RecordQuery(unit_code=NGO_QUYEN))
        found = records.query(session, MOVEMENTS, RecordQuery(unit_code=NGO_QUYEN, search="hong hanh"))
    # Then each movement shows its official's name as it is now, the one voided since included
    assert sorted(r["person"] for r in rows) == sorted(["Đặng Thị Hồng Hạnh", *names[1:], "Phạm Văn Hưng"])
    # And the renamed official's movement is found by the new name
    assert [r["person"] for r in found] == ["Đặng Thị Hồng Hạnh"]


def test_the_official_chooser_lists_by_given_name_then_middle_then_family_same_names_in_entry_order(workspace):
    names = [("Trần Văn Bình", "02/02/1985"), ("Lê Thị An", "03/03/1990"), ("Nguyễn Văn An", "04/04/1979"),
             ("Lê Thị An", "05/05/1970"), ("Đỗ Ánh", None)]
    ids = [official(workspace, name=name, birth_date=born) if born else official(workspace, name=name)
           for name, born in names]
    voided = official(workspace, name="Phạm Văn Cường", birth_date="06/06/1988")
    with workspace.session() as session:
        records.void(session, OFFICIALS, voided, "Nhập nhầm")
        offered = records.choices(session, MOVEMENTS, "official_id", unit_code=NGO_QUYEN)
        everyone = records.choices(session, MOVEMENTS, "official_id", unit_code=NGO_QUYEN, include_inactive=True)
        labels = records.choice_labels(session, MOVEMENTS, unit_code=NGO_QUYEN)
    # The given name first (An, Ánh, Bình), then the middle name (Thị before Văn); the same name twice stays
    # in the order it was entered.
    assert [c.label for c in offered] == ["Lê Thị An (1990)", "Lê Thị An (1970)", "Nguyễn Văn An (1979)", "Đỗ Ánh",
                                          "Trần Văn Bình (1985)"]
    assert [c.code for c in offered] == [ids[1], ids[3], ids[2], ids[4], ids[0]]
    assert "Phạm Văn Cường (1988)" not in [c.label for c in offered]
    assert [c.label for c in everyone][-2:] == ["Trần Văn Bình (1985)", "Phạm Văn Cường (1988)"]
    assert labels["official_id"][voided] == "Phạm Văn Cường (1988)"      # an old movement still names them


def test_an_official_stored_without_a_sort_key_still_takes_its_place_in_the_chooser(workspace):
    ids = [official(workspace, name=name) for name in ("Trần Văn Bình", "Lê Thị An", "Hoàng Văn Cường")]
    with workspace.session() as session:
        session.execute(update(Official).where(Official.id == ids[2]).values(title_sort=None))  # an older write
        session.commit()
        offered = records.choices(session, MOVEMENTS, "official_id", unit_code=NGO_QUYEN)
    assert [c.label for c in offered] == ["Lê Thị An", "Trần Văn Bình", "Hoàng Văn Cường"]


def test_the_visit_chooser_lists_the_newest_visit_first(workspace):
    older = visit(workspace, start="10/09/2025", body="Bộ Nội vụ")
    newer = visit(workspace, start="02/10/2025", body="Sở Nội vụ")
    with workspace.session() as session:
        offered = records.choices(session, OBSTACLES, "visit_id", unit_code=NGO_QUYEN)
    assert [(c.code, c.label) for c in offered] == [(newer, "02/10/2025 – Sở Nội vụ"),
                                                     (older, "10/09/2025 – Bộ Nội vụ")]


def test_the_same_person_on_another_movement_of_the_same_kind_warns(workspace):
    person = official(workspace)
    movement(workspace, official_id=person, start="01/09/2025", planned_end="28/02/2026", decision_number="12/QĐ-UBND")
    # Overlapping, same kind: a warning
    found = warnings_of(workspace, MOVEMENTS, kind="secondment", direction="out", official_id=person,
                        start_date="01/01/2026", planned_end="30/06/2026")
    assert found == ["Người này đang có một quyết định biệt phái khác trùng thời gian "
                     "(từ 01/09/2025, đến 28/02/2026; 12/QĐ-UBND)."]
    # After the first ends, or of another kind: nothing to say
    assert warnings_of(workspace, MOVEMENTS, kind="secondment", direction="out", official_id=person,
                       start_date="01/03/2026", planned_end="30/06/2026") == []
    assert warnings_of(workspace, MOVEMENTS, kind="reinforcement", direction="out", official_id=person,
                       start_date="01/01/2026", planned_end="30/06/2026") == []


def test_people_from_elsewhere_are_compared_by_name(workspace):
    movement(workspace, kind="reinforcement", direction="in", person_name="Phạm Văn Hưng", start="01/09/2025")
    found = warnings_of(workspace, MOVEMENTS, kind="reinforcement", direction="in", person_name="pham van hung",
                        start_date="01/10/2025")
    assert len(found) == 1


def test_a_secondment_longer_than_the_maximum_warns_at_entry(workspace):
    person = official(workspace)
    found = warnings_of(workspace, MOVEMENTS, kind="secondment", direction="out", official_id=person,
                        start_date="01/01/2025", planned_end="01/01/2028")
    assert found == ["Biệt phái từ 01/01/2025 đến 01/01/2028 vượt thời hạn tối đa 36 tháng "
                     "(có thể thay đổi trong Cài đặt)."]


def test_movement_states_are_derived_on_the_day_asked_and_filterable(workspace):
    person = official(workspace)
    movement(workspace, official_id=person, start="01/01/2025", planned_end="20/11/2025")
    movement(workspace, kind="reinforcement", direction="in", person_name="Phạm Văn Hưng", start="01/06/2025",
             planned_end="30/06/2026")
    day = date(2025, 11, 1)
    with workspace.session() as session:
        rows = records.query(session, MOVEMENTS, RecordQuery(unit_code=NGO_QUYEN, today=day))
        soon = records.query(session, MOVEMENTS, RecordQuery(unit_code=NGO_QUYEN, today=day,
                                                             equals={"state": frozenset({"ending_soon"})}))
        later = records.query(session, MOVEMENTS, RecordQuery(unit_code=NGO_QUYEN, today=date(2025, 11, 25),
                                                              equals={"state": frozenset({"overdue"})}))
    assert {r["person"]: r["state"] for r in rows} == {"Nguyễn Văn An": "ending_soon", "Phạm Văn Hưng": "active"}
    assert [r["person"] for r in soon] == ["Nguyễn Văn An"]
    assert [r["person"] for r in later] == ["Nguyễn Văn An"]


def test_channels_are_several_codes_in_list_order_and_filter_by_one(workspace):
    record_id = initiative(workspace, channels=["Nhóm Zalo", "fanpage"])
    initiative(workspace, name="Đường dây nóng", channels=["hotline"])
    with workspace.session() as session:
        assert records.get(session, INITIATIVES, record_id).channels == "fanpage,zalo"
        found = records.query(session, INITIATIVES, RecordQuery(unit_code=NGO_QUYEN,
                                                                equals={"channels": frozenset({"zalo"})}))
    assert [r["name"] for r in found] == ["Thứ bảy thân thiện"]
    errors = errors_of(workspace, INITIATIVES, name="X", start_date="01/08/2025", channels="telegram",
                       status="active")
    assert errors == {"channels": "«Hình thức, kênh thực hiện»: giá trị «telegram» không có trong danh mục."}
    errors = errors_of(workspace, INITIATIVES, name="X", start_date="01/08/2025", channels=[], status="active")
    assert errors == {"channels": "Chưa chọn «Hình thức, kênh thực hiện» (bắt buộc)."}


def test_results_cannot_be_negative(workspace):
    errors = errors_of(workspace, INITIATIVES, name="X", start_date="01/08/2025", channels=["zalo"],
                       status="active", people_served="-5")
    assert errors == {"people_served": "«Số lượt người dân được phục vụ (lũy kế)» không được nhỏ hơn 0."}


def test_an_obstacle_keeps_the_visit_it_was_found_during(workspace):
    visit_id = visit(workspace)
    obstacle(workspace, title="Trụ sở phân tán", visit_id=visit_id, source="visiting_team")
    obstacle(workspace, title="Khác")
    with workspace.session() as session:
        found = records.query(session, OBSTACLES, RecordQuery(unit_code=NGO_QUYEN,
                                                              equals={"visit_id": frozenset({visit_id})}))
        labels = records.choice_labels(session, OBSTACLES)
        visits = records.query(session, VISITS, RecordQuery(unit_code=NGO_QUYEN))
    assert [r["title"] for r in found] == ["Trụ sở phân tán"]
    assert labels["visit_id"][visit_id] == "10/09/2025 – Bộ Nội vụ"
    assert visits[0]["obstacle_count"] == 1


def test_the_office_list_follows_the_unit_type(workspace):
    with workspace.session() as session:
        ward = {c.code: c.vi for c in records.choices(session, OFFICIALS, "office")}
        office.set_office_unit(session, 19483)        # Xã A Dơi: a commune, not a ward
        commune = {c.code: c.vi for c in records.choices(session, OFFICIALS, "office")}
        explicit = {c.code: c.vi for c in records.choices(session, OFFICIALS, "office", unit_code=NGO_QUYEN)}
    assert ward["economy"] == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert commune["economy"] == "Phòng Kinh tế"
    assert explicit["economy"] == "Phòng Kinh tế, Hạ tầng và Đô thị"
