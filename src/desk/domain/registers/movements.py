"""The staff movements register (điều động, biệt phái, luân chuyển, tăng cường) and its derived states."""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from desk.domain.conditions import Col
from desk.domain.fields import Choice, FieldSpec, Kind
from desk.domain.file_rows import found_on
from desk.domain.formats import format_date_vi
from desk.domain.lang import t
from desk.domain.register import Context, Filter, FixedChoices, Flag, ListSpec, Record, Register, Row
from desk.domain.registers.officials import offices
from desk.domain.text import fold, name_sort_key

KINDS = (
    Choice("transfer", "Điều động", "Transfer"),
    Choice("secondment", "Biệt phái", "Secondment"),
    Choice("rotation", "Luân chuyển", "Rotation"),
    Choice("reinforcement", "Tăng cường", "Reinforcement"),
)

# «đơn vị», not «xã»: a phường and a đặc khu keep the same register and send the same lists up; files
# made before say «xã» and still import.
DIRECTIONS = (
    Choice("out", "Cán bộ của đơn vị đi nơi khác", "Our official goes elsewhere",
           aliases=("Cán bộ của xã đi nơi khác",)),
    Choice("in", "Người từ nơi khác đến đơn vị", "Someone comes to us", aliases=("Người từ nơi khác đến xã",)),
)

PAYERS = (
    Choice("home", "Cơ quan cử đi", "Sending body"),
    Choice("host", "Cơ quan tiếp nhận", "Receiving body"),
    Choice("shared", "Theo thỏa thuận hai bên", "Shared by agreement"),
)

STATES = (
    Choice("planned", "Chưa bắt đầu", "Planned"),
    Choice("active", "Đang thực hiện", "Active"),
    Choice("ending_soon", "Sắp kết thúc", "Ending soon"),
    Choice("overdue", "Quá hạn kết thúc", "Overdue to end"),
    Choice("ended", "Đã kết thúc", "Ended"),
)
# Someone is away from home (or here as a guest) in these states.
CURRENT_STATES = frozenset({"active", "ending_soon", "overdue"})

FIXED_CHOICES: FixedChoices = {"movement_kind": KINDS, "direction": DIRECTIONS, "payer": PAYERS, "office": offices,
                 "movement_state": STATES}

FIELDS = (
    FieldSpec("kind", "Hình thức", "Kind", Kind.CHOICE, required=True, choices="movement_kind", width=12, indexed=True),
    # Not "Chiều" (also "afternoon"); files made before still say it, and still import.
    FieldSpec("direction", "Đi hay đến", "Going or coming", Kind.CHOICE, required=True, choices="direction", width=14,
              in_table=False, headings=("Chiều", "Direction")),
    FieldSpec("official_id", "Cán bộ của đơn vị", "Our official", Kind.REF, ref="official", width=24, in_table=False,
              headings=("Cán bộ của xã",),
              help_vi="Chọn khi người đi là cán bộ, công chức của đơn vị (gõ vài chữ của tên, không cần dấu).",
              help_en="When the person is an official of this commune (type part of the name).", searched=True),
    FieldSpec("person_name", "Họ tên người từ nơi khác", "Person from elsewhere", max_length=100, width=22,
              in_table=False, help_vi="Ghi khi người đến không phải cán bộ của đơn vị.",
              help_en="When the person is not an official of this commune.", searched=True),
    FieldSpec("person_position", "Chức vụ, chuyên môn của người đến", "Post of the person coming", max_length=200,
              width=22, in_table=False, searched=True),
    # The commune is its own side: it sends its officials out, it receives the people who come.
    FieldSpec("home_body", "Cơ quan cử đi", "Sending body", max_length=200, width=22, suggest="bodies", searched=True,
              ours_when=("direction", "out")),
    FieldSpec("host_body", "Cơ quan tiếp nhận", "Receiving body", max_length=200, width=22, suggest="bodies",
              searched=True, ours_when=("direction", "in")),
    FieldSpec("host_office", "Bố trí tại phòng, ban của đơn vị", "Placed in our office", Kind.CHOICE, choices="office",
              width=20, headings=("Bố trí tại phòng, ban của xã",), in_table=False,
              help_vi="Với người từ nơi khác đến: làm việc tại phòng, ban nào.",
              help_en="For someone coming here: the office they work in."),
    FieldSpec("decision_number", "Số quyết định", "Decision number",
              headings=("Số QĐ", "Số, ký hiệu quyết định"), max_length=60, width=16,
              help_vi="Ví dụ: 125/QĐ-UBND", help_en="For example: 125/QĐ-UBND", searched=True),
    FieldSpec("decision_date", "Ngày quyết định", "Decision date", Kind.DATE, width=11, in_table=False),
    FieldSpec("decision_signer", "Người ký, cơ quan ban hành", "Signed by", max_length=200, width=20,
              in_table=False, searched=True),
    FieldSpec("start_date", "Từ ngày", "From", Kind.DATE,
              headings=("Ngày bắt đầu",), required=True, width=11, indexed=True),
    FieldSpec("planned_end", "Đến ngày (dự kiến)", "Planned end", Kind.DATE,
              headings=("Ngày kết thúc",), width=11, follow_up=True),
    FieldSpec("actual_end", "Ngày kết thúc thực tế", "Actual end", Kind.DATE, width=11, in_table=False, follow_up=True),
    FieldSpec("purpose", "Mục đích, nhiệm vụ", "Purpose", Kind.LONGTEXT, max_length=5000, width=26, in_table=False,
              searched=True),
    FieldSpec("paid_by", "Nơi chi trả lương", "Salary paid by", Kind.CHOICE, choices="payer", width=14,
              in_table=False),
    FieldSpec("evaluation", "Nhận xét, đánh giá", "Evaluation", Kind.LONGTEXT, max_length=5000, width=22,
              in_table=False, in_export=False, follow_up=True),
    FieldSpec("return_placement", "Bố trí sau khi kết thúc", "Placement on return", max_length=300, width=20,
              in_table=False, in_export=False, follow_up=True),
)

COMPUTED = (
    FieldSpec("person", "Người được điều động, biệt phái", "Person", width=24, in_form=False, name_sort=True),
    FieldSpec("state", "Tình trạng", "State", Kind.CHOICE, choices="movement_state", width=14, in_form=False),
    FieldSpec("too_long", "Vượt thời hạn tối đa", "Over the maximum", Kind.BOOL, width=10, in_form=False,
              help_vi="Biệt phái dài hơn thời hạn tối đa trong Cài đặt (mặc định 36 tháng).",
              help_en="A secondment longer than the maximum in Settings (36 months by default)."),
)
# The export shows the person first: reorder so "person" leads, the rest follow the declaration.
EXPORT_ORDER = ("person", "kind", "direction", "home_body", "host_body", "decision_number", "start_date",
                "planned_end", "actual_end", "state", "too_long", "purpose")



def check_record(values: Record) -> dict[str, str]:
    """Rules across fields; returns field name -> message (the message sits by that field)."""
    errors: dict[str, str] = {}
    direction = values.get("direction")
    if direction == "out" and not values.get("official_id"):
        errors["official_id"] = t("Cán bộ của đơn vị đi nơi khác: hãy chọn cán bộ trong sổ cán bộ.",
                                  "Our official going elsewhere: choose them from the officials register.")
    if direction == "in" and not values.get("official_id") and not values.get("person_name"):
        errors["person_name"] = t("Người từ nơi khác đến: hãy ghi họ tên.", "Someone coming here: type their name.")
    start = values.get("start_date")
    for name, vi, en in (("planned_end", "Ngày kết thúc dự kiến", "The planned end"),
                         ("actual_end", "Ngày kết thúc thực tế", "The actual end")):
        end = values.get(name)
        if start and end and end < start:
            errors[name] = t(f"{vi} ({format_date_vi(end)}) không được trước ngày bắt đầu ({format_date_vi(start)}).",
                             f"{en} ({format_date_vi(end)}) cannot be before the start ({format_date_vi(start)}).")
    return errors


def end_of(start: date | None, planned_end: date | None, actual_end: date | None) -> date | None:
    """The last day of the movement as known now: the actual end, else the planned one."""
    return actual_end or planned_end


def state(start: date, planned_end: date | None, actual_end: date | None, today: date,
          soon_days: int = 30) -> str:
    """planned, active, ending_soon, overdue or ended on `today` (end dates are inclusive)."""
    if actual_end is not None and actual_end < today:
        return "ended"
    if start > today:
        return "planned"
    if actual_end is None and planned_end is not None and planned_end < today:
        return "overdue"          # the planned end passed and nobody recorded the return
    end = end_of(start, planned_end, actual_end)
    if end is not None and end <= today + timedelta(days=soon_days):
        return "ending_soon"
    return "active"


def under_way(row: Row, day: date) -> bool:
    """The movement is under way on `day`: begun and not ended (past its planned end with no return
    recorded, it still is)."""
    start: date | None = row.get("start_date")
    return start is not None and state(start, row.get("planned_end"), row.get("actual_end"), day) in CURRENT_STATES


def away_on(rows: Iterable[Row], day: date) -> dict[str, bool]:
    """official id -> whether a movement out had them away on `day`, for each official a movement out
    names; an official none names is not in it (only their status can say)."""
    away: dict[str, bool] = {}
    for row in rows:
        official = row.get("official_id")
        if official and row.get("direction") == "out" and not row.get("voided"):
            away[official] = away.get(official, False) or under_way(row, day)
    return away


def counted(rows: Iterable[Row]) -> Counter[str]:
    """Movements counted as a consolidation's forms count them: all («total»), coming in («in») and of those
    each kind («in_<kind>»), going out («out»)."""
    found: Counter[str] = Counter()
    for row in rows:
        direction = row.get("direction") or ""
        found["total"] += 1
        found[direction] += 1
        if direction == "in":
            found[f"in_{row.get('kind')}"] += 1
    return found


def add_months(d: date, months: int) -> date:
    """The same day `months` later; the 31st becomes the month's last day when it has none."""
    month_index = d.month - 1 + months
    year, month = d.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def too_long(kind: str | None, start: date | None, planned_end: date | None, actual_end: date | None,
             today: date, max_months: int) -> bool:
    """A secondment running (or planned) beyond the maximum duration; other kinds have no maximum."""
    if kind != "secondment" or start is None:
        return False
    end = end_of(start, planned_end, actual_end) or today     # open-ended: as long as it has lasted
    return end >= add_months(start, max_months)


def too_long_message(start: date, end: date | None, max_months: int) -> str:
    until = f"đến {format_date_vi(end)}" if end else "chưa có ngày kết thúc"
    until_en = f"to {format_date_vi(end)}" if end else "with no end date"
    return t(f"Biệt phái từ {format_date_vi(start)} {until} vượt thời hạn tối đa {max_months} tháng "
             "(có thể thay đổi trong Cài đặt).",
             f"The secondment from {format_date_vi(start)} {until_en} exceeds the maximum of {max_months} months "
             "(see Settings).")


def overlaps(start_a: date, end_a: date | None, start_b: date, end_b: date | None) -> bool:
    """Two movements overlap in time; a missing end means it is still running."""
    return (end_b is None or start_a <= end_b) and (end_a is None or start_b <= end_a)


def derive(rows: list[Record], context: Context) -> None:
    """person, state and too_long of each movement, as they stand on the context's day."""
    names = context.values("officials", "full_name", (row.get("official_id") for row in rows))
    today, rules = context.today, context.rules
    for row in rows:
        row["person"] = names.get(row.get("official_id") or "") or row.get("person_name") or ""
        start = row.get("start_date")
        row["state"] = state(start, row.get("planned_end"), row.get("actual_end"), today,
                             rules.ending_soon_days) if start else None
        row["too_long"] = too_long(row.get("kind"), start, row.get("planned_end"), row.get("actual_end"),
                                   today, rules.secondment_max_months)


def warnings(values: Record, context: Context, record_id: str | None) -> list[str]:
    """The same person already on another movement of the same kind at an overlapping time;
    a secondment longer than the maximum."""
    found = []
    start, kind = values.get("start_date"), values.get("kind")
    if start and kind:
        end = end_of(start, values.get("planned_end"), values.get("actual_end"))
        official, person = values.get("official_id"), fold(values.get("person_name") or "")
        kind_vi, kind_en = next(((c.vi, c.en) for c in KINDS if c.code == kind), (kind, kind))
        for other in context.rows(REGISTER.name):
            if other["id"] == record_id or other.get("kind") != kind:
                continue
            same = (official and other.get("official_id") == official) or \
                   (not official and person and not other.get("official_id")
                    and fold(other.get("person_name") or "") == person)
            other_end = end_of(other["start_date"], other.get("planned_end"), other.get("actual_end"))
            if same and other["start_date"] and overlaps(start, end, other["start_date"], other_end):
                until = format_date_vi(other_end) if other_end else t("chưa có ngày kết thúc", "no end date")
                on_vi, on_en = found_on(other)
                found.append(t(f"Người này đang có một quyết định {kind_vi.lower()} khác{on_vi} trùng thời gian "
                               f"(từ {format_date_vi(other['start_date'])}, đến {until}; "
                               f"{other.get('decision_number') or 'chưa ghi số quyết định'}).",
                               f"This person is already on another {kind_en.lower()}{on_en} at the same time "
                               f"(from {format_date_vi(other['start_date'])} to {until})."))
    if start:
        maximum = context.rules.secondment_max_months
        end = end_of(start, values.get("planned_end"), values.get("actual_end"))
        if too_long(kind, start, values.get("planned_end"), values.get("actual_end"), context.today, maximum):
            found.append(too_long_message(start, end, maximum))
    return found


def _end(row: Row) -> date | None:
    return end_of(row.get("start_date"), row.get("planned_end"), row.get("actual_end"))


REGISTER = Register(
    name="movements", vi="Điều động, biệt phái", en="Staff movements", table_name="movement", position=5,
    fields=FIELDS, computed=COMPUTED, fixed_choices=FIXED_CHOICES, check_record=check_record,
    date_field="start_date", title_field="person_name", derive=derive, warnings=warnings,
    table_order=("person", "kind", "state", "start_date", "planned_end"),
    filters=(Filter("kind"), Filter("direction"), Filter("state")),
    flag=Flag(Col("state").equals("overdue") | Col("too_long").equals(True), "Cần chú ý", "Needs attention"),
    listing=ListSpec("Điều động, biệt phái", "Cán bộ, công chức được điều động, biệt phái, luân chuyển, tăng cường",
                     "lượt", "Biểu số 04/ĐĐBP", "Danh-sach-dieu-dong-biet-phai", "danh sách điều động, biệt phái",
                     "start_date", "planned_end", group_by="direction", all_groups=True,
                     order=lambda r: (r.get("start_date") or date.min, name_sort_key(r.get("person") or "")),
                     columns=EXPORT_ORDER, end_of=_end),
)
