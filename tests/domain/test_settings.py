"""Typed settings: one declaration gives the type, default, limits, labels, help, permission and effective date."""

from __future__ import annotations

from datetime import date

import pytest

from desk.domain.access import Permission
from desk.domain.fields import Choice
from desk.domain.settings import (
    FROM,
    Days,
    Decimal,
    Lines,
    OneOf,
    Rule,
    Setting,
    SettingGroup,
    SomeOf,
    Text,
    Whole,
    key_setting,
)
from desk.errors import ValidationError

COLOURS = (Choice("red", "Đỏ", "Red"), Choice("blue", "Xanh", "Blue"))


class Sample(SettingGroup, prefix="sample.", vi="Mẫu", en="Sample"):
    days = Setting(Whole(1, 90), 30, "Số ngày", "Days", help_vi="Từ 1 đến 90.", help_en="1 to 90.")
    cap = Rule(Decimal(0, 10), 2.0, "Bình quân", "Average", effective=date(2025, 10, 15), earlier=None)
    name = Setting(Text(20), lambda unit: f"UBND {unit}", "Tên", "Name")
    lines = Setting(Lines(max_lines=3), (), "Nơi nhận", "Recipients")
    colour = Setting(OneOf(COLOURS), "red", "Màu", "Colour")
    some = Setting(SomeOf(COLOURS, at_least=1), ("red",), "Một vài", "Some")
    off = Setting(Days(), frozenset(), "Ngày nghỉ", "Holidays", permission=None)


def test_one_declaration_gives_typed_values_with_their_defaults():
    values = Sample.defaults("Phường Ngô Quyền")
    assert (values.days, values.cap, values.name, values.lines, values.colour, values.some, values.off) == \
        (30, 2.0, "UBND Phường Ngô Quyền", (), "red", ("red",), frozenset())
    assert [s.key for s in Sample.settings()] == ["sample.days", "sample.cap", "sample.name", "sample.lines",
                                                  "sample.colour", "sample.some", "sample.off"]
    assert Sample.days.label == "Số ngày" and Sample.days.help == "Từ 1 đến 90."
    assert Sample.days.permission is Permission.CHANGE_SETTINGS and Sample.off.permission is None


def test_typed_input_is_parsed_as_a_clerk_writes_it():
    parsed = Sample.parse({"days": "45", "cap": "2,5", "lines": "Sở Nội vụ\n\n  Lưu  ", "colour": "Xanh",
                           "some": "red, blue", "off": "01/01/2026\n2/9/2025", "cap" + FROM: "01/11/2025"},
                          "Phường 1")
    assert (parsed.days, parsed.cap, parsed.lines, parsed.colour, parsed.some) == \
        (45, 2.5, ("Sở Nội vụ", "Lưu"), "blue", ("red", "blue"))
    assert parsed.off == frozenset({date(2026, 1, 1), date(2025, 9, 2)})
    assert parsed.effective("cap") == date(2025, 11, 1)


def test_each_bad_value_is_named_in_vietnamese():
    with pytest.raises(ValidationError) as caught:
        Sample.parse({"days": "0", "cap": "ba", "name": "x" * 21, "lines": "a\nb\nc\nd", "colour": "tím",
                      "some": "", "off": "31/02/2026"})
    errors = caught.value.errors
    assert errors["days"] == "«Số ngày» phải từ 1 đến 90."
    assert errors["cap"] == "«Bình quân» phải là một số, không phải «ba»."
    assert errors["name"] == "«Tên» dài 21 ký tự, tối đa 20."
    assert errors["lines"] == "«Nơi nhận» có 4 dòng, tối đa 3."
    assert errors["colour"].startswith("«Màu»: «tím» không có trong danh sách")
    assert errors["some"] == "«Một vài»: chọn ít nhất một mục."
    assert "«Ngày nghỉ»" in errors["off"] and "31" in errors["off"]


def test_stored_text_round_trips_and_damaged_text_falls_back_to_the_default():
    values = Sample.parse({"days": 12, "cap": 1.5, "lines": ["A", "B"], "off": [date(2026, 1, 1)]}, "X")
    stored = values.stored()
    assert stored["sample.days"] == "12" and stored["sample.cap"] == "1.5" and stored["sample.lines"] == "A\nB"
    assert stored["sample.cap" + FROM] == "2025-10-15" and stored["sample.off"] == "2026-01-01"
    back = Sample.load(stored.get, "X")
    assert back == values
    damaged = Sample.load({"sample.days": "mười", "sample.cap": "2"}.get, "X")
    assert (damaged.days, damaged.cap) == (30, 2.0)


def test_a_rule_applies_to_periods_ending_on_or_after_its_effective_date():
    values = Sample.defaults("X")
    assert values.at(date(2025, 9, 14)).cap is None          # Q3/2025 ended before the rule
    assert values.at(date(2025, 10, 15)).cap == 2.0
    moved = Sample.parse({"cap" + FROM: "01/01/2026"}, "X")
    assert moved.at(date(2025, 12, 14)).cap is None


def test_what_people_read_in_the_audit_trail():
    shown = Sample.parse({"cap": "2,5", "colour": "blue", "off": "02/09/2025"}, "X").shown()
    assert (shown["sample.cap"], shown["sample.colour"], shown["sample.off"]) == ("2,5", "Xanh", "02/09/2025")
    assert shown["sample.cap" + FROM] == "15/10/2025"
    assert key_setting((Sample,), "sample.cap" + FROM) is Sample.cap
