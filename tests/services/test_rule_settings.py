"""Caps and limits are settings with documented defaults; bad values are named in Vietnamese."""

from __future__ import annotations

import pytest

from desk.errors import ValidationError
from desk.services import office, rule_settings
from desk.services.rule_settings import RuleSettings


def test_defaults_when_nothing_is_stored(workspace):
    with workspace.session() as session:
        rules = rule_settings.load(session)
    assert (rules.deputy_average, rules.vice_chairs_allotted, rules.secondment_max_months, rules.ending_soon_days,
            rules.counted_categories) == (2.0, 2, 36, 30, ("cadre", "civil_servant"))
    assert rules == RuleSettings.defaults()


def test_saved_values_come_back_under_their_documented_keys(workspace):
    with workspace.session() as session:
        rule_settings.save(session, RuleSettings.defaults().replace(deputy_average=2.5, secondment_max_months=24))
    with workspace.session() as session:
        assert office.get_setting(session, "rules.deputy_average") == "2.5"
        assert office.get_setting(session, "rules.secondment_max_months") == "24"
        rules = rule_settings.load(session)
    assert (rules.deputy_average, rules.secondment_max_months) == (2.5, 24)


def test_typed_values_are_parsed_with_a_decimal_comma_and_checked():
    assert rule_settings.parse({"deputy_average": "2,5"}).deputy_average == 2.5
    with pytest.raises(ValidationError) as caught:
        rule_settings.parse({"secondment_max_months": "ba năm", "ending_soon_days": "0", "counted_categories": ""})
    assert caught.value.errors == {
        "secondment_max_months": "«Thời hạn biệt phái tối đa (tháng)» phải là một số nguyên, không phải «ba năm».",
        "ending_soon_days": "«Báo trước khi kết thúc (ngày)» phải từ 1 đến 365.",
        "counted_categories": "«Loại cán bộ tính vào biên chế»: chọn ít nhất một mục."}


def test_a_damaged_stored_value_falls_back_to_its_default(workspace):
    with workspace.session() as session:
        office.put_setting(session, "rules.vice_chairs_allotted", "hai")
    with workspace.session() as session:
        assert rule_settings.load(session).vice_chairs_allotted == 2
