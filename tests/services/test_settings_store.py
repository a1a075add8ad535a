"""Settings in the database: the administrator's to change, each change in the audit trail; editable lists."""

from __future__ import annotations

from datetime import date

import pytest
from tests.conftest import NGO_QUYEN

from desk.domain.access import Actor, PermissionDenied, Role
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.errors import ValidationError
from desk.services import choice_lists, office, records, report_settings, reporting, rule_settings, settings
from desk.services.choice_lists import ListItem
from desk.services.rule_settings import RuleSettings
from desk.store import audit

ADMIN = Actor("quantri", Role.ADMIN)
LEADER = Actor("lanhdao", Role.LEADER)


def test_a_change_needs_the_administrator_and_is_written_to_the_audit_trail(workspace):
    unit = workspace.require_unit()
    with workspace.session() as session:
        changed = report_settings.load(session, unit).replace(signer_name="Vương Đình Huệ", signing="deputy")
        # a leader may not
        with pytest.raises(PermissionDenied):
            settings.save(session, LEADER, changed)
    with workspace.session() as session:
        assert settings.save(session, ADMIN, changed) == ["report.signing", "report.signer_name"]
    with workspace.session() as session:
        stored = report_settings.load(session, unit)
        assert (stored.signer_name, stored.signature) == ("Vương Đình Huệ",
                                                          ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"))
        trail = audit.history(session, settings.TABLE, "report.signing")
    assert [(e.actor, e.action, e.old_value, e.new_value) for e in trail] == [
        ("quantri", "edit", "Chủ tịch ký (TM. Ủy ban nhân dân / Chủ tịch)",
         "Phó Chủ tịch ký thay (TM. Ủy ban nhân dân / KT. Chủ tịch / Phó Chủ tịch)")]


def test_nothing_changed_writes_nothing(workspace):
    unit = workspace.require_unit()
    with workspace.session() as session:
        assert settings.save(session, LEADER, report_settings.load(session, unit)) == []
        assert office.get_setting(session, "report.signer_name", None) is None


def test_report_settings_default_by_the_office_s_unit(workspace):
    with workspace.session() as session:
        form = report_settings.load(session, workspace.require_unit())
    assert form.receiving_unit == "Sở Nội vụ thành phố Hải Phòng"
    assert form.recipients == ("Sở Nội vụ thành phố Hải Phòng", "Thường trực Đảng ủy phường", "Thường trực HĐND phường")
    assert form.place_line == "Phường Ngô Quyền" and form.preparer_forms == ()
    overridden = form.replace(place="Ngô Quyền")
    assert overridden.place_line == "Ngô Quyền"


def test_the_deputies_rule_carries_its_date_and_an_earlier_period_gets_the_earlier_rule(workspace):
    with workspace.session() as session:
        assert rule_settings.load(session, on=date(2025, 9, 14)).deputy_average is None
        assert rule_settings.load(session, on=date(2025, 12, 14)).deputy_average == 2.0
        settings.save(session, ADMIN, RuleSettings.parse({"deputy_average@from": "01/01/2026"}))
    with workspace.session() as session:
        assert rule_settings.load(session, on=date(2025, 12, 14)).deputy_average is None
        assert office.get_setting(session, "rules.deputy_average@from") == "2026-01-01"


def test_holidays_move_the_due_date(workspace):
    with workspace.session() as session:
        period_end = date(2025, 9, 14)          # a Sunday: due 2 working days later, Tue 16/09
        due = reporting.due_dates(session)
        settings.save(session, ADMIN, due.replace(holidays=frozenset({date(2025, 9, 15)})))
    with workspace.session() as session:
        from desk.domain import periods
        assert reporting.due_date(session, periods.quarter(2025, 3)) == date(2025, 9, 17)
        assert period_end.weekday() == 6


def test_a_retired_domain_stays_on_old_records_and_is_no_longer_offered(workspace):
    with workspace.session() as session:
        rid = records.save(session, OBSTACLES, {"title": "Trụ sở chật", "domain": "PREMISES", "level": "commune",
                                                "raised_on": "01/08/2025", "status": "received"}, unit_code=NGO_QUYEN)
        items = [ListItem(i.code, i.vi, i.en, i.active and i.code != "PREMISES")
                 for i in choice_lists.items(session, "domain")] + [ListItem("", "Quản lý chợ", "", True)]
        changed = choice_lists.save(session, ADMIN, "domain", items)
    assert changed == ["PREMISES", "QUAN_LY_CHO"]
    with workspace.session() as session:
        offered = [c.code for c in records.choices(session, OBSTACLES, "domain")]
        labels = records.choice_labels(session, OBSTACLES, vietnamese=True)
        assert "PREMISES" not in offered and "QUAN_LY_CHO" in offered
        assert labels["domain"]["PREMISES"] == "Trụ sở làm việc, tài sản công (nhà, đất)"
        assert records.get(session, OBSTACLES, rid).domain == "PREMISES"
        assert [e.action for e in audit.history(session, choice_lists.TABLE, "domain/QUAN_LY_CHO")] == ["create"] * 4


def test_a_list_item_cannot_be_deleted_or_left_nameless(workspace):
    with workspace.session() as session:
        items = choice_lists.items(session, "body")
        with pytest.raises(ValidationError) as caught:
            choice_lists.save(session, ADMIN, "body", items[1:] + [ListItem("", " ", "", True),
                                                                     ListItem("", "bộ nội vụ", "", True)])
    errors = caught.value.errors
    assert "không xóa được «Sở Nội vụ»" in errors["removed"]
    assert errors["row16"] == "«Cơ quan đề nghị giải quyết», dòng 16: chưa nhập tên."
    assert errors["row17"] == "«Cơ quan đề nghị giải quyết», dòng 17: «bộ nội vụ» trùng với dòng 8."
    with workspace.session() as session, pytest.raises(PermissionDenied):
        choice_lists.save(session, LEADER, "body", choice_lists.items(session, "body"))


def test_the_editable_lists_come_from_the_register_declarations():
    assert {name: spec.name for name, spec in choice_lists.editable_lists().items()} == {
        "domain": "domain", "body": "requested_body"}
