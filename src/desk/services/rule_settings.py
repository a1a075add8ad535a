"""The numeric rules of staffing and movements, declared once as settings (keys "rules.*") with their defaults.

DOMAIN.md: every numeric rule is configuration with an effective date, never a constant in code.
The deputies cap of Government Resolution 332/NQ-CP (15/10/2025) is a `Rule`: periods that end
before that day get the earlier rule (none: no pooled cap), so a Q3/2025 report does not apply it.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from desk.domain.register import Record
from desk.domain.registers.officials import STAFF_CATEGORIES
from desk.domain.settings import Decimal, Rule, Setting, SettingGroup, SomeOf, Whole
from desk.services.office import get_setting, put_setting

RESOLUTION_332 = date(2025, 10, 15)


class RuleSettings(SettingGroup, prefix="rules.", vi="Quy định", en="Rules"):
    deputy_average = Rule(
        Decimal(0, 10), 2.0, "Số cấp phó bình quân mỗi phòng", "Average deputies per office",
        effective=RESOLUTION_332, earlier=None,
        earlier_vi="Trước ngày này: chưa có quy định bình quân cấp phó (không kiểm tra).",
        earlier_en="Before that day: no average cap on deputies (not checked).",
        help_vi="Nghị quyết 332/NQ-CP: các phòng chuyên môn và Trung tâm Phục vụ hành chính công có bình quân "
                "2 cấp phó; kiểm tra trên tổng số của đơn vị, không theo từng phòng.",
        help_en="Resolution 332/NQ-CP: offices and the service centre have 2 deputies each on average, "
                "checked on the commune's total.")
    vice_chairs_allotted = Setting(
        Whole(0, 10), 2, "Số Phó Chủ tịch được giao", "Vice-chairs allotted",
        help_vi="Nghị định 300/2025/NĐ-CP: bình quân tối đa 2,5 Phó Chủ tịch mỗi đơn vị cấp xã trong tỉnh; "
                "tỉnh giao số cụ thể.",
        help_en="Decree 300/2025: at most 2.5 vice-chairs per commune on average over the province.")
    secondment_max_months = Setting(
        Whole(1, 120), 36, "Thời hạn biệt phái tối đa (tháng)", "Longest secondment (months)",
        help_vi="Nghị định 138/2020: không quá 3 năm (chưa xác minh theo Nghị định 170/2025).",
        help_en="Decree 138/2020: 3 years at most (unverified under Decree 170/2025).")
    ending_soon_days = Setting(Whole(1, 365), 30, "Báo trước khi kết thúc (ngày)", "Warn before the end (days)")
    counted_categories = Setting(
        SomeOf(STAFF_CATEGORIES, at_least=1), ("cadre", "civil_servant"),
        "Loại cán bộ tính vào biên chế", "Categories counted on the frame")


DEFAULTS = RuleSettings.defaults()


def parse(values: Record) -> RuleSettings:
    """RuleSettings from typed values (text or numbers); ValidationError names each bad one."""
    return RuleSettings.parse(values)


def load(session: Session, on: date | None = None) -> RuleSettings:
    """The stored rules; with `on`, those in force for a period ending that day."""
    rules = RuleSettings.load(lambda key: get_setting(session, key, None))
    return rules.at(on) if on is not None else rules


def save(session: Session, rules: RuleSettings) -> None:
    """Write every rule (services.settings.save also checks the permission and audits)."""
    for key, text in rules.stored().items():
        put_setting(session, key, text)
