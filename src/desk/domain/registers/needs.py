"""The staffing needs register (nhu cầu nhân sự theo lĩnh vực chuyên môn): who the commune lacks, by profession."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desk.domain.fields import Choice, FieldSpec, Kind
from desk.domain.lang import t
from desk.domain.register import Context, Filter, FixedChoices, ListSpec, Record, Register, Row
from desk.domain.registers.officials import offices

# The shortages real commune reports name (DOMAIN.md §3): land, construction, justice and civil
# status, IT and digital transformation, accounting.
PROFESSIONS = (
    Choice("land", "Đất đai, địa chính", "Land administration"),
    Choice("construction", "Xây dựng, quy hoạch, đô thị", "Construction and planning"),
    Choice("justice", "Tư pháp – hộ tịch", "Justice and civil status"),
    Choice("it", "Công nghệ thông tin, chuyển đổi số", "IT and digital transformation"),
    Choice("accounting", "Kế toán, tài chính", "Accounting and finance"),
    Choice("environment", "Nông nghiệp, môi trường", "Agriculture and environment"),
    Choice("culture_social", "Văn hóa – xã hội", "Culture and social affairs"),
    Choice("other", "Lĩnh vực khác", "Other"),
)

SOLUTIONS = (
    Choice("recruit", "Tuyển dụng", "Recruit"),
    Choice("second", "Biệt phái, tăng cường", "Secondment"),
    Choice("transfer", "Điều động, luân chuyển", "Transfer"),
    Choice("train", "Đào tạo, bồi dưỡng", "Training"),
)

FIXED_CHOICES: FixedChoices = {"profession": PROFESSIONS, "office": offices, "solutions": SOLUTIONS}

FIELDS = (
    FieldSpec("profession", "Lĩnh vực chuyên môn", "Profession", Kind.CHOICE, required=True, choices="profession",
              width=24, indexed=True),
    FieldSpec("office", "Phòng, ban", "Office", Kind.CHOICE, choices="office", width=22,
              help_vi="Để trống nếu là nhu cầu chung của đơn vị.", help_en="Leave empty for the whole unit."),
    FieldSpec("job_position", "Vị trí việc làm", "Job position", max_length=200, width=20, searched=True),
    FieldSpec("as_of", "Ngày xác định", "As of", Kind.DATE, required=True, width=11, indexed=True),
    FieldSpec("needed", "Số người cần theo vị trí việc làm", "Needed", Kind.INT, required=True, minimum=0, width=11),
    FieldSpec("present", "Hiện có đúng chuyên môn", "Present with the training", Kind.INT, required=True, minimum=0,
              width=11),
    FieldSpec("solutions", "Đề xuất giải quyết", "Proposed remedy", Kind.MULTI, choices="solutions", width=20),
    FieldSpec("note", "Ghi chú", "Note", Kind.LONGTEXT, max_length=2000, width=20, searched=True),
)

COMPUTED = (
    FieldSpec("shortage", "Còn thiếu", "Shortage", Kind.INT, width=9, in_form=False),
)


def check_record(values: Record) -> dict[str, str]:
    return {}


def derive(rows: list[Record], context: Context) -> None:
    for row in rows:
        row["shortage"] = max(0, (row.get("needed") or 0) - (row.get("present") or 0))


def warnings(values: Record, context: Context, record_id: str | None) -> list[str]:
    """More people present than needed is possible (a surplus) but worth a second look."""
    if (values.get("present") or 0) > (values.get("needed") or 0):
        return [t("Số hiện có lớn hơn số cần: lĩnh vực này không thiếu người.",
                  "More present than needed: no shortage in this profession.")]
    return []


# The needs form's figure columns (the report prints them; the check of a returned file reads them back).
FORM_HEADINGS = {"needed": "Cần theo vị trí việc làm", "present": "Hiện có đúng chuyên môn", "shortage": "Còn thiếu"}


@dataclass(frozen=True)
class Need:
    profession: str
    needed: int
    present: int
    solutions: tuple[str, ...] = ()
    units: int = 1                   # how many communes (a consolidation adds them up)

    @property
    def shortage(self) -> int:
        return max(0, self.needed - self.present)


def needs_on(rows: Sequence[Row], day: date) -> tuple[Need, ...]:
    """Per profession, in the list's order: the latest figures on or before `day` of each office and
    position (a newer record replaces an older one), added up."""
    latest: dict[tuple[object, str, str], Row] = {}
    for row in rows:
        as_of = row.get("as_of")
        if as_of is None or as_of > day:
            continue
        key = (row.get("profession"), row.get("office") or "", (row.get("job_position") or "").strip().casefold())
        if key not in latest or as_of >= latest[key]["as_of"]:
            latest[key] = row
    out = []
    for choice in PROFESSIONS:
        found = [r for (profession, _, _), r in latest.items() if profession == choice.code]
        if found:
            chosen = {code for r in found for code in (r.get("solutions") or "").split(",") if code}
            out.append(Need(choice.code, sum(r.get("needed") or 0 for r in found),
                            sum(r.get("present") or 0 for r in found),
                            tuple(c.code for c in SOLUTIONS if c.code in chosen)))
    return tuple(out)


REGISTER = Register(
    name="needs", vi="Nhu cầu nhân sự theo chuyên môn", en="Staffing needs", table_name="staffing_need",
    position=9, fields=FIELDS, computed=COMPUTED, fixed_choices=FIXED_CHOICES, check_record=check_record,
    date_field="as_of", title_field="job_position", derive=derive, warnings=warnings,
    filters=(Filter("profession"), Filter("office")),
    listing=ListSpec("Nhu cầu nhân sự", "Nhu cầu nhân sự theo lĩnh vực chuyên môn", "người", "Biểu số 09/NCNS",
                     "Nhu-cau-nhan-su", "nhu cầu nhân sự", "as_of", None, group_by="profession",
                     current_only=False, order=lambda r: (r.get("as_of") or date.min,)),
)
