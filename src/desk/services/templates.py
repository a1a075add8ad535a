"""Import templates for a register: blank, or holding the unit's records to edit in Excel and re-import."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from desk import __version__
from desk.domain.lang import t
from desk.domain.register import Record, Register
from desk.domain.units import Unit
from desk.errors import UserError
from desk.reports.import_template import TemplateSpec, write_template
from desk.services import records


def template_spec(session: Session, reg: Register, unit: Unit | None) -> TemplateSpec:
    """The register's declaration with today's choices (active ones) and the office's unit."""
    unit_code = unit.code if unit else None
    choices = {spec.name: tuple((c.code, c.vi) for c in records.choices(session, reg, spec.name, unit_code=unit_code))
               for spec in reg.fields if spec.codec.listed and spec.in_form}
    return TemplateSpec(register=reg.name, register_vi=reg.vi, fields=reg.fields, choices=choices,
                        unit_code=unit_code, unit_name=unit.name if unit else "", app_version=__version__)


def export_template(session: Session, reg: Register, unit: Unit | None, out: Path, *,
                    with_records: bool = False) -> int:
    """Write the template to out (atomically); returns how many records it holds."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise UserError(t(f"Tệp mẫu «{out}» phải có đuôi .xlsx.", f"The template file «{out}» must end in .xlsx."))
    rows: list[Record] = []
    if with_records:
        if unit is None:
            raise UserError(t("Chưa chọn đơn vị nên chưa có dữ liệu để đưa vào mẫu.",
                              "No unit is set, so there are no records to put in the template."))
        rows = records.query(session, reg, records.RecordQuery(unit_code=unit.code))
        rows.sort(key=lambda r: (r.get(reg.date_field) is None, r.get(reg.date_field) or 0, r["created_at"]))
    write_template(template_spec(session, reg, unit), out, rows)
    return len(rows)
