"""Settings kept in the database: read a group; save what changed, each with its permission and an audit row."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlmodel import Session

from desk.domain.access import Actor, require
from desk.domain.settings import SettingGroup, key_setting
from desk.domain.units import Unit
from desk.services.office import get_setting, put_setting
from desk.store import audit

G = TypeVar("G", bound=SettingGroup)
TABLE = "setting"       # the audit trail's table name for a setting (record id: its key)


def load(session: Session, group: type[G], context: Any = None) -> G:
    return group.load(lambda key: get_setting(session, key, None), context)


def save(session: Session, actor: Actor, new: SettingGroup, *, reason: str | None = None) -> list[str]:
    """Store the settings whose value changed; returns their keys. Each needs its declared
    permission (all are checked before anything is written) and gets one audit row, with the
    old and new values as people read them."""
    group = type(new)
    old = load(session, group, new._context)
    old_text, new_text = old.stored(), new.stored()
    changed = [key for key, text in new_text.items() if text != old_text[key]]
    for key in changed:
        setting = key_setting((group,), key)
        if setting is not None and setting.permission is not None:
            require(actor, setting.permission)
    old_shown, new_shown = old.shown(), new.shown()
    for key in changed:
        put_setting(session, key, new_text[key])
        audit.record(session, actor, audit.EDIT, TABLE, key, field="value", old=old_shown[key], new=new_shown[key],
                     reason=reason)
    return changed


def groups_for(session: Session, unit: Unit) -> tuple[SettingGroup, ...]:
    """Every group kept in the database, as stored for this office, in the settings screen's order:
    what reports say, the rules, the deadlines, the province's consolidated report."""
    from desk.services.consolidation_report import ConsolidationSettings
    from desk.services.report_settings import ReportSettings
    from desk.services.reporting import DueDates
    from desk.services.rule_settings import RuleSettings

    return (load(session, ReportSettings, unit), load(session, RuleSettings), load(session, DueDates),
            load(session, ConsolidationSettings, unit.province))
