"""What a report's header and footer say for this office, with sensible defaults per unit."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlmodel import Session

from desk.domain.units import Unit
from desk.services.office import get_setting, put_setting

PREFIX = "report."


@dataclass
class ReportSettings:
    receiving_unit: str = ""
    recipients: str = ""            # one per line
    signer_authority: str = "TM. ỦY BAN NHÂN DÂN"
    signer_title: str = "CHỦ TỊCH"
    signer_name: str = ""
    preparer_name: str = ""
    doc_symbol: str = "BC-UBND"


def defaults_for(unit: Unit) -> ReportSettings:
    dept = f"Sở Nội vụ {unit.province.name}"
    council = {"phường": "phường", "xã": "xã", "đặc khu": "đặc khu"}.get(unit.unit_type, "xã")
    return ReportSettings(receiving_unit=dept,
                          recipients=f"{dept}\nThường trực Đảng ủy {council}\nThường trực HĐND {council}")


def load(session: Session, unit: Unit) -> ReportSettings:
    base = defaults_for(unit)
    for f in fields(ReportSettings):
        stored = get_setting(session, PREFIX + f.name, None)
        if stored is not None:
            setattr(base, f.name, stored)
    return base


def save(session: Session, settings: ReportSettings) -> None:
    for f in fields(ReportSettings):
        put_setting(session, PREFIX + f.name, getattr(settings, f.name))


def recipient_lines(settings: ReportSettings) -> tuple[str, ...]:
    return tuple(line.strip().rstrip(";") for line in settings.recipients.splitlines() if line.strip())


def unnumbered(settings: ReportSettings) -> str:
    """The number line before the office's registry assigns a number: "Số:      /BC-UBND"."""
    return f"Số:      /{settings.doc_symbol}"


def today() -> date:
    return date.today()
