"""What a report's header and footer say for this office (keys "report.*"), declared once with defaults per unit."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from desk.domain import documents
from desk.domain.forms import FORMS
from desk.domain.registers.officials import COMMITTEE_LEADERSHIP
from desk.domain.registers.officials import REGISTER as OFFICIALS
from desk.domain.settings import Lines, OneOf, Setting, SettingGroup, SomeOf, Text
from desk.domain.units import Unit
from desk.services.office import get_setting, put_setting
from desk.store.models import sql_table, table_of

PREFIX = "report."


def _department(unit: Unit) -> str:
    return f"Sở Nội vụ {unit.province.in_sentence}"


def _recipients(unit: Unit) -> tuple[str, ...]:
    council = {"phường": "phường", "xã": "xã", "đặc khu": "đặc khu"}.get(unit.unit_type, "xã")
    return _department(unit), f"Thường trực Đảng ủy {council}", f"Thường trực HĐND {council}"


class ReportSettings(SettingGroup, prefix=PREFIX, vi="Báo cáo", en="Reports"):
    signing = Setting(OneOf(documents.SIGNINGS), "chair", "Người ký báo cáo", "Who signs",
                      help_vi="Thể thức ký theo Nghị định 30/2020: Chủ tịch ký thay mặt Ủy ban, hoặc Phó Chủ tịch "
                              "ký thay Chủ tịch (KT.).",
                      help_en="Decree 30/2020: the chair signs for the committee, or a vice-chair for the chair (KT.).")
    signer_name = Setting(Text(100), "", "Họ và tên người ký", "Signer's full name")
    collective = Setting(Text(100), "Ủy ban nhân dân", "Thay mặt (TM.) tập thể", "On behalf of (TM.)",
                         help_vi="Dòng «TM. ...» trên chữ ký; để trống nếu không ký thay mặt tập thể.",
                         help_en="The «TM. ...» line above the signature; empty when not signing for a body.")
    place = Setting(Text(100), "", "Địa danh ghi trên văn bản", "Place line", placeholder=documents.place_name,
                    help_vi="Để trống: theo Nghị định 30 (tên xã, phường; ghi đủ «Phường ...» khi tên đặt theo tên "
                            "người, chữ số hoặc sự kiện lịch sử).",
                    help_en="Empty: by Decree 30 (the unit's name; in full when named after a person, a number or "
                            "an event).")
    doc_symbol = Setting(Text(30), "BC-UBND", "Ký hiệu văn bản", "Document symbol")
    receiving_unit = Setting(Text(200), _department, "Đơn vị nhận báo cáo", "Receiving unit")
    recipients = Setting(Lines(), _recipients, "Nơi nhận (mỗi dòng một nơi)", "Distribution (one per line)",
                         help_vi="Dòng «- Lưu: VT.» được thêm ở cuối.", help_en="«- Lưu: VT.» is added last.")
    preparer_name = Setting(Text(100), "", "Người lập biểu", "Prepared by")
    preparer_forms = Setting(SomeOf(FORMS), (), "Biểu có dòng «Người lập biểu»", "Forms with a «Prepared by» line",
                             help_vi="Chỉ những biểu mà mẫu của tỉnh yêu cầu.",
                             help_en="Only the forms whose province template asks for it.")

    @property
    def place_line(self) -> str:
        """The place of the date line: the setting, or the decree's rule for the office's unit."""
        return self.place or (documents.place_name(self._context) if self._context else "")

    @property
    def signature(self) -> tuple[str, ...]:
        return documents.signature_lines(self.signing, self.collective)

    def preparer_on(self, form: str) -> bool:
        return form in self.preparer_forms


def signer_name(session: Session, unit: Unit, settings: ReportSettings) -> str:
    """Who signs, by name: the setting, else the one official of the People's Committee's leadership
    holding the signing title now (the chair, or the one vice-chair when a vice-chair signs), so that a
    report is not issued with a blank under its signature while the register knows who signs. Empty when
    it does not say (nobody, or two vice-chairs: the clerk sets the name in Settings)."""
    if settings.signer_name:
        return settings.signer_name
    c = sql_table(table_of(OFFICIALS)).c
    names = session.execute(select(c.full_name).where(
        c.unit_code == unit.code, c.voided.is_(False), c.office == COMMITTEE_LEADERSHIP, c.status == "working",
        c.title == ("vice_chair" if settings.signing == "deputy" else "chair")).limit(2)).scalars().all()
    return names[0] if len(names) == 1 else ""


def defaults_for(unit: Unit) -> ReportSettings:
    return ReportSettings.defaults(unit)


def load(session: Session, unit: Unit) -> ReportSettings:
    return ReportSettings.load(lambda key: get_setting(session, key, None), unit)


def save(session: Session, settings: ReportSettings) -> None:
    """Write every value (services.settings.save also checks the permission and audits)."""
    for key, text in settings.stored().items():
        put_setting(session, key, text)


def recipient_lines(settings: ReportSettings) -> tuple[str, ...]:
    return tuple(line.strip().rstrip(";") for line in settings.recipients if line.strip())


def unnumbered(settings: ReportSettings) -> str:
    """The number line before the office's registry assigns a number: "Số:      /BC-UBND"."""
    return f"Số:      /{settings.doc_symbol}"


def today() -> date:
    return date.today()
