"""Submitting a report locks its period: what is refused, what may still move on, and unlocking."""

from __future__ import annotations

from datetime import datetime

import pytest
from tests.conftest import NGO_QUYEN

from desk.domain import periods
from desk.domain.access import Actor, PermissionDenied, Role
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.errors import UserError, ValidationError
from desk.services import period_lock, periodic_report, records
from desk.services.period_lock import PeriodLockedError
from desk.store import audit

Q3 = periods.parse_period("2025-Q3")
LEADER = Actor("lan", Role.LEADER, user_id=2)
CLERK = Actor("minh", Role.CLERK, user_id=3)


def save(workspace, values, record_id=None):
    with workspace.session() as session:
        return records.save(session, OBSTACLES, values, unit_code=NGO_QUYEN, record_id=record_id)


def values(title="Thiếu máy tính", raised="01/07/2025", **more):
    return {"domain": "VEHICLES_EQUIPMENT", "title": title, "level": "province", "raised_on": raised,
            "status": "in_progress", **more}


@pytest.fixture
def submitted(workspace, tmp_path):
    """Q3/2025 holds one open obstacle and was submitted by Minh on 16/09/2025."""
    record_id = save(workspace, values())
    with workspace.session() as session:
        periodic_report.export(session, workspace.require_unit(), Q3, tmp_path / "q3.xlsx", submit=True,
                               actor=CLERK, now=datetime(2025, 9, 16, 9, 30))
    return workspace, record_id


def test_editing_a_record_of_a_locked_period_is_refused_and_says_why(submitted):
    workspace, record_id = submitted
    with pytest.raises(PeriodLockedError) as caught:
        save(workspace, values(title="Thiếu 10 máy tính"), record_id)
    message = str(caught.value)
    assert "«Ngày phát sinh» 01/07/2025 thuộc kỳ Quý III/2025 (15/06/2025–14/09/2025) đã khóa số liệu lúc" in message
    assert "ngày 16/09/2025, người khóa: minh (nộp báo cáo Số: 01/BC-UBND)" in message
    assert "lãnh đạo hoặc quản trị phải mở khóa kỳ này" in message
    with workspace.session() as session:
        assert records.get(session, OBSTACLES, record_id).title == "Thiếu máy tính"


def test_adding_into_or_voiding_from_a_locked_period_is_refused(submitted):
    workspace, record_id = submitted
    with pytest.raises(PeriodLockedError, match="Không thêm bản ghi được"):
        save(workspace, values(title="Mới", raised="20/08/2025"))
    with pytest.raises(PeriodLockedError, match="Không hủy bản ghi được"):
        with workspace.session() as session:
            records.void(session, OBSTACLES, record_id, "Nhập nhầm")


def test_moving_a_record_into_a_locked_period_is_refused(submitted):
    workspace, _ = submitted
    later = save(workspace, values(title="Tháng 10", raised="01/10/2025"))
    with pytest.raises(PeriodLockedError, match="01/07/2025"):
        save(workspace, values(title="Tháng 10", raised="01/07/2025"), later)


def test_records_outside_the_locked_period_stay_editable(submitted):
    workspace, _ = submitted
    later = save(workspace, values(title="Tháng 10", raised="01/10/2025"))
    save(workspace, values(title="Tháng 10, sửa", raised="02/10/2025"), later)
    with workspace.session() as session:
        assert records.get(session, OBSTACLES, later).title == "Tháng 10, sửa"


def test_an_open_obstacle_of_a_locked_period_can_still_be_resolved_later(submitted):
    # Given the locked Q3 obstacle, still open
    workspace, record_id = submitted
    # A resolution dated inside the locked period would change the submitted report: refused
    with pytest.raises(PeriodLockedError, match="«Ngày tháo gỡ» 01/09/2025"):
        save(workspace, values(status="resolved", result="Đã được cấp máy", status_since="01/09/2025"), record_id)
    # When it is resolved in October (only its follow-up fields change)
    save(workspace, values(status="resolved", result="Đã được cấp máy", status_since="05/10/2025"), record_id)
    with workspace.session() as session:
        assert records.get(session, OBSTACLES, record_id).status == "resolved"


def test_only_a_leader_unlocks_and_only_with_a_reason(submitted):
    workspace, record_id = submitted
    with workspace.session() as session:
        with pytest.raises(PermissionDenied, match="không có quyền khóa hoặc mở khóa kỳ báo cáo"):
            period_lock.unlock(session, NGO_QUYEN, "2025-Q3", actor=CLERK, reason="Sửa số liệu")
        with pytest.raises(ValidationError, match="Phải ghi lý do mở khóa"):
            period_lock.unlock(session, NGO_QUYEN, "2025-Q3", actor=LEADER, reason="   ")
        period_lock.unlock(session, NGO_QUYEN, "2025-Q3", actor=LEADER, reason="Sở Nội vụ yêu cầu bổ sung")
    # Then the record can be edited again
    save(workspace, values(title="Thiếu 10 máy tính"), record_id)
    # and both events are on record: who, when, why
    with workspace.session() as session:
        (row,) = period_lock.history(session, NGO_QUYEN)
        assert (row.locked_by, row.unlocked_by, row.unlock_reason) == ("minh", "lan", "Sở Nội vụ yêu cầu bổ sung")
        assert row.locked_at is not None and row.unlocked_at >= row.locked_at
        actions = [(e.action, e.actor, e.reason) for e in audit.history(session, "period_lock", row.id)]
    assert actions == [("lock", "minh", "nộp báo cáo Số: 01/BC-UBND"), ("unlock", "lan", "Sở Nội vụ yêu cầu bổ sung")]
    with workspace.session() as session:
        with pytest.raises(UserError, match="không bị khóa"):
            period_lock.unlock(session, NGO_QUYEN, "2025-Q3", actor=LEADER, reason="lần nữa")


def test_a_locked_period_cannot_be_submitted_again_until_unlocked(submitted, tmp_path):
    workspace, _ = submitted
    unit = workspace.require_unit()
    with workspace.session() as session:
        with pytest.raises(UserError, match="Không nộp lại được: kỳ Quý III/2025"):
            periodic_report.export(session, unit, Q3, tmp_path / "again.xlsx", submit=True, actor=CLERK)
    assert not (tmp_path / "again.xlsx").exists()
    with workspace.session() as session:
        period_lock.unlock(session, NGO_QUYEN, "2025-Q3", actor=LEADER, reason="Nộp lại sau khi bổ sung")
    with workspace.session() as session:
        result = periodic_report.export(session, unit, Q3, tmp_path / "again.xlsx", submit=True, actor=CLERK,
                                        now=datetime(2025, 9, 18, 8, 0))
    assert result.doc_number == "Số: 02/BC-UBND"
    with workspace.session() as session:
        assert len(period_lock.history(session, NGO_QUYEN)) == 2
        assert len(period_lock.active_locks(session, NGO_QUYEN)) == 1
