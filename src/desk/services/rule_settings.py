"""The numeric rules of staffing and movements, kept as settings with documented keys and defaults.

DOMAIN.md: every numeric rule is configuration, never a constant in code. Keys in the settings
table (services.office.get_setting/put_setting), stored as text:

- rules.deputy_average          2     deputies per office and the service centre, averaged over
                                      the commune's pool (Resolution 332/NQ-CP)
- rules.vice_chairs_allotted    2     Phó Chủ tịch the province allots this commune (Decree
                                      300/2025 averages 2.5 per commune over the province)
- rules.secondment_max_months   36    longest secondment (Decree 138/2020: 3 years; unverified
                                      under Decree 170/2025)
- rules.ending_soon_days        30    a movement "ends soon" within this many days
- rules.counted_categories      cadre,civil_servant   staff categories counted on the frame
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from desk.domain.lang import t
from desk.domain.registers.officials import STAFF_CATEGORIES
from desk.errors import ValidationError
from desk.services.office import get_setting, put_setting

PREFIX = "rules."


@dataclass(frozen=True)
class RuleSettings:
    deputy_average: float = 2.0
    vice_chairs_allotted: int = 2
    secondment_max_months: int = 36
    ending_soon_days: int = 30
    counted_categories: tuple[str, ...] = ("cadre", "civil_servant")


DEFAULTS = RuleSettings()

_LABELS = {
    "deputy_average": ("Số cấp phó bình quân mỗi phòng", "Average deputies per office"),
    "vice_chairs_allotted": ("Số Phó Chủ tịch được giao", "Vice-chairs allotted"),
    "secondment_max_months": ("Thời hạn biệt phái tối đa (tháng)", "Longest secondment (months)"),
    "ending_soon_days": ("Báo trước khi kết thúc (ngày)", "Warn before the end (days)"),
    "counted_categories": ("Loại cán bộ tính vào biên chế", "Categories counted on the frame"),
}
_LIMITS = {"deputy_average": (0, 10), "vice_chairs_allotted": (0, 10), "secondment_max_months": (1, 120),
           "ending_soon_days": (1, 365)}


def _number(name: str, text: str, *, decimal: bool) -> float | int:
    vi, en = _LABELS[name]
    low, high = _LIMITS[name]
    cleaned = str(text).strip().replace(",", ".")
    try:
        value = float(cleaned) if decimal else int(cleaned)
    except ValueError:
        kind_vi, kind_en = ("một số", "a number") if decimal else ("một số nguyên", "a whole number")
        raise ValidationError({name: t(f"«{vi}» phải là {kind_vi}, không phải «{text}».",
                                       f"«{en}» must be {kind_en}, not «{text}».")}) from None
    if not low <= value <= high:
        raise ValidationError({name: t(f"«{vi}» phải từ {low} đến {high}.", f"«{en}» must be {low} to {high}.")})
    return value


def parse(values: dict) -> RuleSettings:
    """RuleSettings from typed values (text or numbers); ValidationError names each bad one."""
    errors: dict[str, str] = {}
    parsed: dict = {}
    for name, decimal in (("deputy_average", True), ("vice_chairs_allotted", False),
                          ("secondment_max_months", False), ("ending_soon_days", False)):
        try:
            parsed[name] = _number(name, values.get(name, getattr(DEFAULTS, name)), decimal=decimal)
        except ValidationError as exc:
            errors.update(exc.errors)
    raw = values.get("counted_categories", DEFAULTS.counted_categories)
    codes = [c.strip() for c in raw.split(",")] if isinstance(raw, str) else list(raw)
    known = [c.code for c in STAFF_CATEGORIES]
    if not codes or any(c not in known for c in codes):
        vi, en = _LABELS["counted_categories"]
        errors["counted_categories"] = t(f"«{vi}»: chọn ít nhất một loại.", f"«{en}»: choose at least one.")
    else:
        parsed["counted_categories"] = tuple(c for c in known if c in codes)
    if errors:
        raise ValidationError(errors)
    return RuleSettings(**parsed)


def load(session: Session) -> RuleSettings:
    """The stored rules; a stored value that no longer parses falls back to its default."""
    stored = {name: get_setting(session, PREFIX + name, None) for name in _LABELS}
    values = {}
    for name, text in stored.items():
        if text is None:
            continue
        try:
            values[name] = getattr(parse({name: text}), name)
        except ValidationError:
            continue
    return RuleSettings(**values)


def save(session: Session, rules: RuleSettings) -> None:
    for name in _LABELS:
        value = getattr(rules, name)
        if isinstance(value, tuple):
            text = ",".join(value)
        elif isinstance(value, float):
            text = f"{value:g}"
        else:
            text = str(value)
        put_setting(session, PREFIX + name, text)
