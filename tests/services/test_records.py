"""Saving, validating, voiding and finding obstacles, as the clerk's form and list use them."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from tests.conftest import NGO_QUYEN

from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.registers.obstacles import REGISTER as _OBSTACLES_REGISTER
from desk.errors import ValidationError
from desk.services import records
from desk.services.records import RecordQuery
from desk.store.models import table_of

Obstacle = table_of(_OBSTACLES_REGISTER)



def valid(**changes) -> dict:
    base = {"domain": "PERSONNEL", "title": "Thiếu công chức địa chính", "level": "province",
            "raised_on": "05/09/2025", "deadline": "05/10/2025", "status": "received"}
    base.update(changes)
    return base


def save(workspace, **changes) -> str:
    with workspace.session() as session:
        return records.save(session, OBSTACLES, valid(**changes), unit_code=NGO_QUYEN)


def count(workspace) -> int:
    with workspace.session() as session:
        return session.scalar(select(func.count()).select_from(Obstacle))


def errors_of(workspace, **changes) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        save(workspace, **changes)
    return caught.value.errors


def test_a_valid_obstacle_is_saved_with_dates_parsed_and_text_normalised(workspace):
    # Given a title pasted in NFD (decomposed) form with stray spaces
    nfd_title = unicodedata.normalize("NFD", "  Trụ sở   chật hẹp ")
    record_id = save(workspace, title=nfd_title)
    with workspace.session() as session:
        saved = records.get(session, OBSTACLES, record_id)
    # Then it is stored in NFC, trimmed, with real dates and the unit it belongs to
    assert saved.title == "Trụ sở chật hẹp" and unicodedata.is_normalized("NFC", saved.title)
    assert saved.raised_on == date(2025, 9, 5) and saved.deadline == date(2025, 10, 5)
    assert saved.unit_code == NGO_QUYEN and len(saved.id) == 36
    assert saved.created_at is not None and saved.updated_at is not None


def test_required_fields_are_named_in_vietnamese(workspace):
    errors = errors_of(workspace, domain="", title="  ", raised_on="")
    assert errors["domain"] == "Chưa chọn «Lĩnh vực» (bắt buộc)."
    assert errors["title"] == "Chưa nhập «Nội dung khó khăn, vướng mắc» (bắt buộc)."
    assert errors["raised_on"] == "Chưa nhập «Ngày phát sinh» (bắt buộc)."
    assert count(workspace) == 0


def test_an_impossible_date_says_which_field_and_why(workspace):
    errors = errors_of(workspace, deadline="31/02/2025")
    assert "«Hạn xử lý»" in errors["deadline"] and "31/02/2025" in errors["deadline"]
    assert "không tồn tại" in errors["deadline"]


def test_dates_are_day_first_and_short_forms_are_accepted(workspace):
    record_id = save(workspace, raised_on="5/9/2025", deadline="12/10/2025")
    with workspace.session() as session:
        saved = records.get(session, OBSTACLES, record_id)
    assert saved.raised_on == date(2025, 9, 5) and saved.deadline == date(2025, 10, 12)


def test_deadline_before_raised_on_is_refused(workspace):
    errors = errors_of(workspace, raised_on="10/10/2025", deadline="01/10/2025")
    assert errors == {"deadline": "Hạn xử lý (01/10/2025) không được trước ngày phát sinh (10/10/2025)."}


def test_resolved_needs_a_result_and_is_dated_by_its_state_date(workspace):
    errors = errors_of(workspace, status="resolved")
    assert errors == {"result": "Đã tháo gỡ thì phải ghi kết quả xử lý."}
    record_id = save(workspace, status="resolved", result="Đã được hướng dẫn", status_since="20/09/2025")
    with workspace.session() as session:
        saved = records.get(session, OBSTACLES, record_id)
    assert (saved.status_since, saved.resolved_on) == (date(2025, 9, 20), date(2025, 9, 20))


def test_a_state_date_after_today_or_before_the_obstacle_was_raised_is_refused(workspace):
    later = (date.today() + timedelta(days=1)).strftime("%d/%m/%Y")
    assert "không được sau hôm nay" in errors_of(workspace, status="in_progress", status_since=later)["status_since"]
    early = errors_of(workspace, status="in_progress", status_since="01/09/2025")["status_since"]
    assert early == "«Ngày chuyển tình trạng» (01/09/2025) không được trước «Ngày phát sinh» (05/09/2025)."
    assert count(workspace) == 0


def test_unknown_choice_is_refused(workspace):
    errors = errors_of(workspace, domain="NOT_A_DOMAIN")
    assert errors["domain"] == "«Lĩnh vực»: giá trị «NOT_A_DOMAIN» không có trong danh mục."


def test_text_starting_with_equals_is_kept_literally(workspace):
    record_id = save(workspace, title="=1+1", proposal="@SUM(A1)")
    with workspace.session() as session:
        saved = records.get(session, OBSTACLES, record_id)
    assert (saved.title, saved.proposal) == ("=1+1", "@SUM(A1)")


def test_a_failed_edit_leaves_the_record_as_it_was(workspace):
    record_id = save(workspace)
    with pytest.raises(ValidationError):
        with workspace.session() as session:
            records.save(session, OBSTACLES, valid(title="Mới", deadline="01/01/2020"), unit_code=NGO_QUYEN,
                         record_id=record_id)
    with workspace.session() as session:
        assert records.get(session, OBSTACLES, record_id).title == "Thiếu công chức địa chính"


def test_void_needs_a_reason_and_hides_the_record(workspace):
    record_id = save(workspace)
    with pytest.raises(ValidationError) as caught, workspace.session() as session:
        records.void(session, OBSTACLES, record_id, "   ")
    assert caught.value.errors == {"void_reason": "Phải ghi lý do hủy bản ghi."}
    with workspace.session() as session:
        records.void(session, OBSTACLES, record_id, "Nhập trùng")
    with workspace.session() as session:
        shown = records.query(session, OBSTACLES, RecordQuery(unit_code=NGO_QUYEN))
        everything = records.query(session, OBSTACLES, RecordQuery(unit_code=NGO_QUYEN, include_voided=True))
    assert shown == []
    assert [(r["id"], r["voided"], r["void_reason"]) for r in everything] == [(record_id, True, "Nhập trùng")]


def _titles(workspace, **query) -> list[str]:
    with workspace.session() as session:
        return [r["title"] for r in records.query(session, OBSTACLES, RecordQuery(unit_code=NGO_QUYEN, **query))]


def test_search_ignores_case_and_diacritics_and_folds_d(workspace):
    save(workspace, title="Trụ sở Phường Ngô Quyền chật hẹp")
    save(workspace, title="Ông Đặng Văn Hùng phản ánh")
    save(workspace, title="Thiếu máy tính")
    assert _titles(workspace, search="ngo quyen") == ["Trụ sở Phường Ngô Quyền chật hẹp"]
    assert _titles(workspace, search="dang") == ["Ông Đặng Văn Hùng phản ánh"]
    assert _titles(workspace, search="QUYỀN phường") == ["Trụ sở Phường Ngô Quyền chật hẹp"]
    assert _titles(workspace, search="100%") == []


def test_exact_diacritic_matches_come_first(workspace):
    save(workspace, title="Dương Văn An đề nghị")
    save(workspace, title="Đường vào trụ sở hỏng")
    assert _titles(workspace, search="đường") == ["Đường vào trụ sở hỏng", "Dương Văn An đề nghị"]


def test_filters_by_choice_and_date_range(workspace):
    save(workspace, title="A", domain="PREMISES", raised_on="01/08/2025", deadline="")
    save(workspace, title="B", domain="PREMISES", raised_on="01/10/2025", deadline="", level="central")
    save(workspace, title="C", domain="LEGAL", raised_on="01/10/2025", deadline="")
    assert sorted(_titles(workspace, equals={"domain": frozenset({"PREMISES"})})) == ["A", "B"]
    assert _titles(workspace, equals={"level": frozenset({"central"})}) == ["B"]
    assert sorted(_titles(workspace, date_from=date(2025, 9, 1), date_to=date(2025, 10, 31))) == ["B", "C"]


def test_records_of_another_unit_are_not_listed(workspace):
    with workspace.session() as session:
        records.save(session, OBSTACLES, valid(title="Của xã khác"), unit_code=4)
    save(workspace, title="Của phường")
    assert _titles(workspace) == ["Của phường"]
