"""The officials register (cán bộ, công chức, viên chức, hợp đồng): fields, choice lists, record rules."""

from __future__ import annotations

from datetime import date, timedelta

from desk.domain.fields import Choice, FieldSpec, Kind
from desk.domain.file_rows import already_has, found_on
from desk.domain.formats import format_date_vi
from desk.domain.lang import t
from desk.domain.register import Context, Filter, FixedChoices, ListSpec, Record, Register, Row
from desk.domain.sort_keys import name_sort_text
from desk.domain.text import fold

STAFF_CATEGORIES = (
    Choice("cadre", "Cán bộ", "Cadre"),
    Choice("civil_servant", "Công chức", "Civil servant"),
    Choice("public_employee", "Viên chức", "Public employee"),
    Choice("contract", "Hợp đồng lao động", "Contract worker"),
)

GENDERS = (
    Choice("male", "Nam", "Male"),
    Choice("female", "Nữ", "Female"),
)

# The economic office is named by the unit type (Decree 150/2025/NĐ-CP): the code stays the same,
# so a record keeps its meaning if the clerk ever corrects the unit.
_ECONOMY_COMMUNE = Choice("economy", "Phòng Kinh tế", "Economic Office")
_ECONOMY_WARD = Choice("economy", "Phòng Kinh tế, Hạ tầng và Đô thị",
                       "Office of Economy, Infrastructure and Urban Affairs")


def offices(unit_type: str) -> tuple[Choice, ...]:
    """The commune's offices in the order of an organisation chart; unit_type is xã, phường or đặc khu."""
    return (
        Choice("council", "HĐND (Thường trực HĐND, các Ban)", "People's Council (standing members, committees)"),
        Choice("leadership", "Lãnh đạo UBND", "People's Committee leadership"),
        Choice("office", "Văn phòng HĐND và UBND", "Office of the Council and the Committee"),
        _ECONOMY_WARD if unit_type == "phường" else _ECONOMY_COMMUNE,
        Choice("culture_social", "Phòng Văn hóa – Xã hội", "Office of Culture and Social Affairs"),
        Choice("service_centre", "Trung tâm Phục vụ hành chính công", "Public Administrative Service Centre"),
    )


OFFICE_CODES = tuple(c.code for c in offices("xã"))

# Short names for chart axes, where the full names do not fit.
_SHORT = {
    "council": ("HĐND", "Council"), "leadership": ("Lãnh đạo", "Leaders"),
    "office": ("Văn phòng", "Office"), "culture_social": ("VH–XH", "Culture"),
    "service_centre": ("TT PVHCC", "Centre"),
}


def office_short(code: str, unit_type: str) -> str:
    if code == "economy":
        return t("KT, HT&ĐT", "Economy") if unit_type == "phường" else t("Kinh tế", "Economy")
    vi, en = _SHORT.get(code, (code, code))
    return t(vi, en)


# Resolution 332/NQ-CP: the specialised offices and the service centre share an average cap of
# deputies; the People's Council and the Committee's leadership are outside that pool.
DEPUTY_POOL = ("office", "economy", "culture_social", "service_centre")

TITLES = (
    Choice("chair", "Chủ tịch", "Chair"),
    Choice("vice_chair", "Phó Chủ tịch", "Vice-chair"),
    Choice("head", "Cấp trưởng", "Head"),
    Choice("deputy", "Cấp phó", "Deputy"),
    Choice("staff", "Chuyên viên, nhân viên", "Staff"),
)
LEADER_TITLES = frozenset({"chair", "vice_chair"})
COMMITTEE_LEADERSHIP = "leadership"       # the People's Committee's chair and vice-chairs: they sign its documents
LEADER_OFFICES = frozenset({COMMITTEE_LEADERSHIP, "council"})

STATUSES = (
    Choice("working", "Đang công tác", "Working"),
    Choice("seconded_out", "Đang biệt phái, tăng cường nơi khác", "Seconded elsewhere"),
    Choice("on_leave", "Nghỉ dài hạn (thai sản, ốm đau, đi học)", "On long leave"),
    Choice("left", "Đã nghỉ việc, nghỉ hưu, chuyển công tác", "Left"),
)
# Everyone but those who left still holds a post on this commune's quota (DOMAIN.md §3: a person
# seconded out stays on the sending body's quota).
ON_QUOTA_STATUSES = frozenset({"working", "seconded_out", "on_leave"})

TRAINING_LEVELS = (
    Choice("doctor", "Tiến sĩ", "Doctorate"),
    Choice("master", "Thạc sĩ", "Master's"),
    Choice("university", "Đại học", "Bachelor's"),
    Choice("college", "Cao đẳng", "College"),
    Choice("vocational", "Trung cấp", "Vocational"),
    Choice("none", "Chưa qua đào tạo", "No training"),
)

FIXED_CHOICES: FixedChoices = {"staff_category": STAFF_CATEGORIES, "gender": GENDERS, "office": offices,
                 "title": TITLES, "official_status": STATUSES, "training_level": TRAINING_LEVELS}

FIELDS = (
    FieldSpec("full_name", "Họ và tên", "Full name",
              headings=("Họ tên", "Họ, tên"), required=True, max_length=100, width=24, name_sort=True,
              help_vi="Ghi đầy đủ như trong hồ sơ, ví dụ: Nguyễn Thị Ánh Tuyết",
              help_en="As in the personnel file, e.g. Nguyễn Thị Ánh Tuyết", searched=True, indexed=True),
    FieldSpec("birth_date", "Ngày sinh", "Date of birth", Kind.DATE, width=11,
              headings=("Ngày, tháng, năm sinh", "Ngày tháng năm sinh", "Sinh ngày")),
    FieldSpec("gender", "Giới tính", "Gender", Kind.CHOICE, choices="gender", width=7),
    FieldSpec("staff_category", "Loại cán bộ", "Staff category", Kind.CHOICE, required=True,
              choices="staff_category", width=12),
    FieldSpec("office", "Phòng, ban", "Office", Kind.CHOICE, required=True, choices="office", width=27, indexed=True),
    FieldSpec("title", "Chức vụ", "Title", Kind.CHOICE,
              headings=("Chức danh", "Chức vụ, chức danh"), required=True, choices="title", width=16, default="staff",
              help_vi="Cấp trưởng: Trưởng phòng, Chánh Văn phòng, Giám đốc Trung tâm, Trưởng ban HĐND. "
                      "Cấp phó: Phó trưởng phòng, Phó Chánh Văn phòng, Phó Giám đốc, Phó Trưởng ban. "
                      "Ghi chức danh cụ thể ở «Vị trí việc làm».",
              help_en="Head: head of an office, the centre or a Council committee; deputy: their deputies. "
                      "Write the exact post under «Job position»."),
    FieldSpec("job_position", "Vị trí việc làm", "Job position", max_length=200, width=25,
              help_vi="Ví dụ: Địa chính – xây dựng; Kế toán – ngân sách; Công nghệ thông tin",
              help_en="E.g. land records and construction; budget accounting; IT", searched=True),
    FieldSpec("training_field", "Chuyên ngành đào tạo", "Field of training", max_length=200, width=23,
              in_table=False, searched=True, follow_up=True),
    FieldSpec("training_level", "Trình độ đào tạo", "Level of training", Kind.CHOICE, choices="training_level",
              width=11, in_table=False, follow_up=True),
    FieldSpec("training_matches", "Chuyên môn phù hợp", "Training fits the post", Kind.BOOL, width=10,
              help_vi="Chuyên ngành đào tạo phù hợp với vị trí việc làm đang đảm nhiệm",
              help_en="The field of training fits the job position held", follow_up=True),
    FieldSpec("start_date", "Ngày nhận nhiệm vụ tại đơn vị", "Started here on", Kind.DATE, width=11, in_table=False,
              in_export=False, headings=("Ngày nhận nhiệm vụ tại xã",)),
    FieldSpec("status", "Tình trạng", "Status", Kind.CHOICE, required=True, choices="official_status", width=16,
              default="working", indexed=True, follow_up=True),
    FieldSpec("left_on", "Ngày nghỉ, chuyển đi", "Left on", Kind.DATE, width=11, in_table=False, in_export=False,
              follow_up=True),
    # Personal data (Decree 13/2023/NĐ-CP): ID and phone stay in the register, out of lists sent out.
    FieldSpec("citizen_id", "Số định danh cá nhân (CCCD)", "Citizen ID",
              headings=("Số CCCD", "CCCD", "Số căn cước", "Số căn cước công dân", "Số CCCD/CMND", "CCCD/CMND"),
              max_length=20, width=15, in_table=False, in_export=False, digits=12,
              pattern=r"\d{12}", pattern_vi="phải gồm đúng 12 chữ số", pattern_en="it must be exactly 12 digits",
              compact=True, searched=True),
    FieldSpec("phone", "Số điện thoại", "Phone",
              headings=("Điện thoại", "SĐT", "Số ĐT"), max_length=20, width=12, compact=True, in_export=False,
              pattern=r"(0|\+84)\d{8,10}", pattern_vi="gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84)",
              pattern_en="10 digits starting with 0 (or +84)", searched=True, follow_up=True),
    FieldSpec("former_unit", "Nơi công tác trước sắp xếp", "Former post (before the merger)", max_length=200,
              width=20, in_table=False, in_export=False, searched=True),
    FieldSpec("note", "Ghi chú", "Note", Kind.LONGTEXT, max_length=2000, width=18, in_table=False, in_export=False,
              searched=True, follow_up=True),
)

# The 4th digit of a citizen ID encodes gender and century of birth (Circular 59/2021/TT-BCA).
_CENTURY_GENDER = {("male", 19): "0", ("female", 19): "1", ("male", 20): "2", ("female", 20): "3"}



def check_record(values: Record) -> dict[str, str]:
    """Rules across fields; returns field name -> message (the message sits by that field)."""
    errors: dict[str, str] = {}
    born, started, left_on = values.get("birth_date"), values.get("start_date"), values.get("left_on")
    if born and born > date.today():
        errors["birth_date"] = t(f"Ngày sinh ({format_date_vi(born)}) không được sau hôm nay.",
                                 f"The date of birth ({format_date_vi(born)}) cannot be after today.")
    if born and started and started <= born:
        errors["start_date"] = t(f"Ngày nhận nhiệm vụ ({format_date_vi(started)}) phải sau ngày sinh "
                                 f"({format_date_vi(born)}).",
                                 f"The start date ({format_date_vi(started)}) must be after the date of birth "
                                 f"({format_date_vi(born)}).")
    if started and left_on and left_on < started:
        errors["left_on"] = t(f"Ngày nghỉ, chuyển đi ({format_date_vi(left_on)}) không được trước ngày nhận nhiệm vụ "
                              f"({format_date_vi(started)}).",
                              f"The date left ({format_date_vi(left_on)}) cannot be before the start date "
                              f"({format_date_vi(started)}).")
    if values.get("status") == "left" and not left_on:
        errors["left_on"] = t("Đã nghỉ, chuyển đi thì phải ghi ngày nghỉ, chuyển đi.",
                              "Someone who left needs the date they left.")
    title, office = values.get("title"), values.get("office")
    if title in LEADER_TITLES and office and office not in LEADER_OFFICES:
        errors["title"] = t("Chủ tịch, Phó Chủ tịch chỉ thuộc «Lãnh đạo UBND» hoặc «HĐND»; "
                            "hãy sửa chức vụ hoặc phòng, ban.",
                            "A chair or vice-chair belongs to the Committee's leadership or the Council; "
                            "correct the title or the office.")
    if title in ("head", "deputy") and office == "leadership":
        errors["title"] = t("Lãnh đạo UBND là Chủ tịch hoặc Phó Chủ tịch, không phải cấp trưởng, cấp phó phòng.",
                            "The Committee's leadership are the chair and vice-chairs, not heads of offices.")
    return errors


def citizen_id_mismatch(citizen_id: str | None, birth_date: date | None, gender: str | None) -> str | None:
    """A warning when a 12-digit ID disagrees with the birth year or gender it encodes, else None."""
    if not citizen_id or len(citizen_id) != 12 or not citizen_id.isdigit() or birth_date is None:
        return None
    hundreds = birth_date.year // 100             # 19 for 1985, 20 for 2003
    allowed = {v for (g, c), v in _CENTURY_GENDER.items() if c == hundreds and (not gender or g == gender)}
    if citizen_id[3] in allowed and citizen_id[4:6] == f"{birth_date.year % 100:02d}":
        return None
    return t(f"Số CCCD {citizen_id} không khớp với năm sinh {birth_date.year}"
             f"{' và giới tính' if gender else ''} (chữ số thứ 4 ghi giới tính và thế kỷ sinh, "
             "chữ số thứ 5–6 ghi năm sinh). Hãy kiểm tra lại.",
             f"Citizen ID {citizen_id} does not match the birth year {birth_date.year}"
             f"{' and gender' if gender else ''} (digit 4 encodes gender and century, digits 5–6 the year).")


def is_on_quota(status: str | None) -> bool:
    return status in ON_QUOTA_STATUSES


def status_on(status: str | None, start_date: date | None, left_on: date | None, on: date,
              away: bool | None = None) -> str | None:
    """An official's status on a day, None before they started. The day they left is their first day
    away; looking back at a day before it, someone recorded as left was still working.

    The status is today's; the dates are what date it. `away`: whether a movement out had them away that
    day (movements.away_on), None when no movement out names them. Someone seconded out from a later
    day, or back since, was working; someone on a movement out that day was seconded, whatever the
    status says now."""
    if start_date and start_date > on:
        return None
    if left_on and left_on <= on:
        return "left"
    if status == "left" and left_on:
        return "working"
    if away and status != "left":
        return "seconded_out"
    if away is False and status == "seconded_out":
        return "working"
    return status


def as_it_stood(rows: list[Record], day: date, context: Context) -> None:
    """Officials' rows as a list on `day` shows them: their status then (status_on, with the movements
    out under way that day)."""
    # The movements register names officials (and imports this module): read here, not at import.
    from desk.domain.registers import movements

    away = movements.away_on(context.rows(movements.REGISTER.name), day)
    for row in rows:
        row["status"] = status_on(row.get("status"), row.get("start_date"), row.get("left_on"), day,
                                  away.get(row["id"])) or row.get("status")


def last_day_here(row: Row) -> date | None:
    """The last day a list counts an official as here, as status_on does: the day before they left; someone
    recorded as left without a date, never (None: still here)."""
    left_on: date | None = row.get("left_on")
    if left_on:
        return left_on - timedelta(days=1)
    return date.min if row.get("status") == "left" else None


def label_of(row: Row) -> str:
    """How an official appears where another record refers to them: name and year of birth."""
    name = row.get("full_name") or ""
    born = row.get("birth_date")
    return f"{name} ({born.year})" if born else name


def aliases_of(row: Row) -> tuple[str, ...]:
    """How else a file names an official: by name alone, and by name and birthday (which tells apart
    two of one name born the same year); the most telling last."""
    name = row.get("full_name") or ""
    born = row.get("birth_date")
    return (name, f"{name} ({format_date_vi(born)})") if born else (name,)


def warnings(values: Record, context: Context, record_id: str | None) -> list[str]:
    """Possible duplicates (same name, accents aside, and birthday; same citizen ID) and a citizen ID
    that contradicts the birth year or gender. Warnings, not errors: two people may share a name."""
    found = []
    name, born = values.get("full_name"), values.get("birth_date")
    citizen_id = values.get("citizen_id")
    others = [o for o in context.rows_with(REGISTER.name, {"birth_date": born if name else None,
                                                          "citizen_id": citizen_id})
              if o["id"] != record_id]
    if name and born:
        key = fold(name)
        for other in others:
            if other.get("birth_date") == born and fold(other.get("full_name") or "") == key:
                has_vi, has_en = already_has(other)
                found.append(t(f"{has_vi} «{other['full_name']}», sinh ngày {format_date_vi(born)}: có thể là "
                               "một người nhập hai lần.",
                               f"{has_en} «{other['full_name']}», born {format_date_vi(born)}: "
                               "possibly the same person entered twice."))
    if citizen_id:
        for other in others:
            if other.get("citizen_id") == citizen_id:
                on_vi, on_en = found_on(other)
                found.append(t(f"Số CCCD {citizen_id} đã ghi cho «{other['full_name']}»{on_vi}.",
                               f"Citizen ID {citizen_id} is already recorded for «{other['full_name']}»{on_en}."))
    mismatch = citizen_id_mismatch(citizen_id, born, values.get("gender"))
    if mismatch:
        found.append(mismatch)
    left_on, status = values.get("left_on"), values.get("status")
    if left_on and left_on <= context.today and status != "left":
        # The staffing view counts them as gone from that day (status_on); the register would show them here.
        shown = next((c for c in STATUSES if c.code == status), None)
        found.append(t(f"Ngày nghỉ, chuyển đi ({format_date_vi(left_on)}) đã qua mà tình trạng vẫn là "
                       f"«{shown.vi if shown else status or 'trống'}»: nếu người này đã nghỉ, hãy chọn "
                       "«Đã nghỉ việc, nghỉ hưu, chuyển công tác».",
                       f"The date left ({format_date_vi(left_on)}) has passed but the status is still "
                       f"«{shown.en if shown else status or 'empty'}»: if they have left, choose «Left»."))
    return found


REGISTER = Register(
    name="officials", vi="Cán bộ, công chức", en="Officials", table_name="official", position=2,
    fields=FIELDS, fixed_choices=FIXED_CHOICES, check_record=check_record,
    date_field="start_date", title_field="full_name", warnings=warnings, ref_label=label_of, ref_aliases=aliases_of,
    ref_fields=("full_name", "birth_date"),
    list_sort="full_name", list_sort_ascending=True,
    filters=(Filter("office"), Filter("title"), Filter("staff_category"), Filter("status")),
    affects=("movements",),     # a movement names the official it moves
    listing=ListSpec("Cán bộ", "Cán bộ, công chức, viên chức và người lao động", "người", "Biểu số 02/CBCC",
                     "Danh-sach-can-bo-cong-chuc", "danh sách cán bộ, công chức", "start_date", "left_on",
                     group_by="office", all_groups=True, current_only=True,
                     order=lambda r: name_sort_text(r.get("full_name")), end_of=last_day_here,
                     as_on=as_it_stood),
)
