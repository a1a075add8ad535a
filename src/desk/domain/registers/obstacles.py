"""The obstacle register (khó khăn, vướng mắc): its fields, statuses and record rules."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from desk.domain.conditions import Col, Condition, Const, HistoryValue, Param, Value
from desk.domain.fields import TODAY, Choice, FieldSpec, Kind
from desk.domain.formats import format_date_vi
from desk.domain.lang import t
from desk.domain.register import Filter, FilterGroup, FixedChoices, Flag, History, ListSpec, Record, Register

if TYPE_CHECKING:
    from desk.domain.units import ProvinceInfo

# Editable in the store (DOMAIN.md §3: "keep the list editable"); these seed a new database.
DEFAULT_DOMAINS = (
    Choice("ORG_STRUCTURE", "Tổ chức bộ máy", "Organisational structure"),
    Choice("PERSONNEL", "Nhân sự (thừa, thiếu, chuyên môn không phù hợp)",
           "Personnel (surplus, shortage, mismatched training)"),
    Choice("DEPUTY_COUNT", "Số lượng cấp phó", "Number of deputies"),
    Choice("PREMISES", "Trụ sở làm việc, tài sản công (nhà, đất)", "Premises and public assets"),
    Choice("VEHICLES_EQUIPMENT", "Phương tiện, trang thiết bị", "Vehicles and equipment"),
    Choice("DATA_SYSTEMS", "Hệ thống dữ liệu, phần mềm", "Data systems and software"),
    Choice("DIGITAL_TRANSFORMATION", "Chuyển đổi số, dịch vụ công trực tuyến",
           "Digital transformation, online public services"),
    Choice("ACCOUNTING", "Cơ cấu kế toán, tài khoản kho bạc", "Accounting, treasury accounts"),
    Choice("DOCUMENT_ISSUANCE", "Quy trình ban hành văn bản", "Issuing documents"),
    Choice("DECENTRALIZATION", "Phân cấp, phân quyền, thẩm quyền", "Decentralisation and competence"),
    Choice("LEGAL", "Vướng mắc pháp lý khác", "Other legal obstacles"),
    Choice("OTHER", "Khác", "Other"),
)

# The bodies a proposal is addressed to (cơ quan đề nghị giải quyết): editable in the store like the
# domains; these seed a new database. Real commune reports address each proposal to a named body.
PROVINCE_COMMITTEE = "UBND_TINH"       # one entry for every province's People's Committee
DEFAULT_BODIES = (
    Choice("SNV", "Sở Nội vụ", "Department of Home Affairs"),
    Choice("STC", "Sở Tài chính", "Department of Finance"),
    Choice("SNNMT", "Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment"),
    Choice("SXD", "Sở Xây dựng", "Department of Construction"),
    Choice("STP", "Sở Tư pháp", "Department of Justice"),
    Choice("SKHCN", "Sở Khoa học và Công nghệ", "Department of Science and Technology"),
    Choice("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Department of Culture, Sports and Tourism"),
    Choice(PROVINCE_COMMITTEE, "Ủy ban nhân dân tỉnh, thành phố", "Provincial People's Committee"),
    Choice("BNV", "Bộ Nội vụ", "Ministry of Home Affairs"),
    Choice("BTC", "Bộ Tài chính", "Ministry of Finance"),
    Choice("BNNMT", "Bộ Nông nghiệp và Môi trường", "Ministry of Agriculture and Environment"),
    Choice("BTP", "Bộ Tư pháp", "Ministry of Justice"),
    Choice("BXD", "Bộ Xây dựng", "Ministry of Construction"),
    Choice("BKHCN", "Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
    Choice("VPCP", "Văn phòng Chính phủ", "Government Office"),
    Choice("OTHER", "Cơ quan khác", "Other body"),
)

def named_body(body: Choice, province: ProvinceInfo) -> Choice:
    """A body as the office sees it, in its form, list and reports: the list's one generic entry for the
    province's People's Committee is named after the office's own province ("Ủy ban nhân dân thành phố
    Hải Phòng"), the generic label still read from older files; a label the office changed is kept."""
    generic = next(c.vi for c in DEFAULT_BODIES if c.code == PROVINCE_COMMITTEE)
    if body.code != PROVINCE_COMMITTEE or body.vi != generic:
        return body
    return Choice(body.code, province.committee, body.en, aliases=(*body.aliases, generic))


STATUSES = (
    Choice("received", "Mới tiếp nhận", "Received"),
    Choice("in_progress", "Đang xử lý", "In progress"),
    Choice("referred", "Đã báo cáo, kiến nghị cấp trên", "Referred to higher level"),
    Choice("resolved", "Đã tháo gỡ", "Resolved"),
    Choice("closed", "Đóng (không còn phù hợp)", "Closed (not applicable)"),
)
OPEN_STATUSES = frozenset({"received", "in_progress", "referred"})

LEVELS = (
    Choice("commune", "Cấp xã", "Commune"),
    Choice("province", "Cấp tỉnh", "Province"),
    Choice("central", "Trung ương", "Central government"),
)

SOURCES = (
    Choice("self_review", "Tự rà soát", "Self-review"),
    Choice("citizen", "Phản ánh của người dân, doanh nghiệp", "Citizen or business feedback"),
    Choice("visiting_team", "Đoàn công tác, khảo sát", "Visiting team"),
    Choice("higher_level", "Cấp trên yêu cầu rà soát", "Requested by higher level"),
    Choice("other", "Khác", "Other"),
)

FIXED_CHOICES: FixedChoices = {"status": STATUSES, "level": LEVELS, "source": SOURCES}

FIELDS = (
    FieldSpec("title", "Nội dung khó khăn, vướng mắc", "Obstacle", required=True, max_length=500, width=30,
              searched=True),
    FieldSpec("domain", "Lĩnh vực", "Domain", Kind.CHOICE, required=True, choices="domain", width=18, indexed=True),
    FieldSpec("description", "Mô tả chi tiết", "Description", Kind.LONGTEXT, max_length=10000,
              width=40, in_table=False, in_export=False, searched=True),
    FieldSpec("proposal", "Kiến nghị, đề xuất", "Proposal", Kind.LONGTEXT, max_length=10000, width=26, searched=True),
    FieldSpec("level", "Cấp có thẩm quyền giải quyết", "Competent level", Kind.CHOICE, required=True,
              choices="level", width=11),
    FieldSpec("source", "Nguồn phát hiện", "Source", Kind.CHOICE, choices="source", width=18,
              in_table=False, in_export=False),
    FieldSpec("raised_on", "Ngày phát sinh", "Raised on", Kind.DATE, required=True, width=11,
              default=TODAY, indexed=True),
    FieldSpec("deadline", "Hạn xử lý", "Deadline", Kind.DATE, width=11, indexed=True, follow_up=True),
    FieldSpec("status", "Tình trạng", "State", Kind.CHOICE, required=True, choices="status", width=13,
              default="received", indexed=True, follow_up=True),
    # The day the current state took effect (empty while the obstacle is still as it was received).
    FieldSpec("status_since", "Ngày chuyển tình trạng", "State since", Kind.DATE, width=11, follow_up=True,
              help_vi="Ngày tình trạng hiện tại bắt đầu (ngày tháo gỡ, ngày đóng...); để trống nếu mới tiếp nhận.",
              help_en="The day the current state began (resolved on, closed on...); empty while just received."),
    FieldSpec("result", "Kết quả xử lý", "Result", Kind.LONGTEXT, max_length=10000, width=24, searched=True,
              follow_up=True),
    # Kept with the record for older files and readers: the day its current state "resolved" began.
    FieldSpec("resolved_on", "Ngày tháo gỡ", "Resolved on", Kind.DATE, width=12, in_export=False, in_form=False,
              in_table=False, follow_up=True),
    FieldSpec("guide_doc", "Văn bản hướng dẫn (số, ký hiệu, ngày)", "Guiding document (number, date)",
              max_length=300, width=18,
              help_vi="Ví dụ: 1234/BNV-CQĐP ngày 05/09/2025",
              help_en="For example: 1234/BNV-CQĐP of 05/09/2025", searched=True, follow_up=True),
    FieldSpec("former_unit", "Đơn vị cũ (trước sắp xếp)", "Former unit (before the merger)",
              max_length=200, width=20, in_table=False, in_export=False, searched=True),
    # The field visit (đợt khảo sát, làm việc) during which the obstacle was found.
    FieldSpec("visit_id", "Phát hiện qua đợt khảo sát", "Found during the visit", Kind.REF, ref="visit", width=22,
              in_export=False),
    # What real reports say of an obstacle besides its proposal: why, what it costs, whom to ask.
    FieldSpec("cause", "Nguyên nhân, căn cứ pháp lý", "Cause and legal basis", Kind.LONGTEXT, max_length=10000,
              width=26, searched=True,
              help_vi="Vì sao phát sinh, vướng ở quy định nào (số, ký hiệu, điều khoản).",
              help_en="Why it arose, and which rule it runs into (number, article)."),
    FieldSpec("impact", "Ảnh hưởng", "Impact", Kind.LONGTEXT, max_length=10000, width=22, searched=True,
              help_vi="Ví dụ: hồ sơ đất đai bị ách tắc, người dân phải đi lại nhiều lần.",
              help_en="For example: land files stalled, citizens coming back several times."),
    FieldSpec("impact_count", "Số hồ sơ, lượt người bị ảnh hưởng", "Files or people affected", Kind.INT,
              minimum=0, width=11, help_vi="Nếu đếm được, ví dụ 270 hồ sơ.", help_en="If countable, e.g. 270 files."),
    FieldSpec("requested_body", "Cơ quan đề nghị giải quyết", "Body asked to resolve it", Kind.CHOICE,
              choices="body", width=16, indexed=True, follow_up=True),
    # Written by a reply file's import (services.replies), never typed: the form shows it read-only.
    FieldSpec("latest_reply", "Trả lời gần nhất", "Latest answer", Kind.LONGTEXT, max_length=12000, width=30,
              in_form=False, in_export=False, follow_up=True, extra={"read_only": True}),
)


def is_open(status: str) -> bool:
    return status in OPEN_STATUSES


def check_record(values: Record) -> dict[str, str]:
    """Rules across fields; returns field name -> message (the message sits by that field)."""
    errors: dict[str, str] = {}
    raised, deadline = values.get("raised_on"), values.get("deadline")
    if raised and deadline and deadline < raised:
        errors["deadline"] = t(
            f"Hạn xử lý ({format_date_vi(deadline)}) không được trước ngày phát sinh ({format_date_vi(raised)}).",
            f"The deadline ({format_date_vi(deadline)}) cannot be before the date raised ({format_date_vi(raised)}).")
    if values.get("status") == "resolved" and not values.get("result"):
        errors["result"] = t("Đã tháo gỡ thì phải ghi kết quả xử lý.", "A resolved obstacle needs its result.")
    return errors


def complete(values: Record) -> None:
    """The resolved-on date is the day the current state "resolved" began (kept for older readers)."""
    values["resolved_on"] = values.get("status_since") if values.get("status") == "resolved" else None


# --- the state of an obstacle on a day: written once, in SQL and in Python (domain.conditions) -------

# The result, the document that guided it and the latest answer are what the record says today: of an
# obstacle still open on an earlier day, they tell of later, and a list as of that day leaves them empty
# rather than print "fixed" beside "received".
HISTORY = History("state", "status", "status_since", "obstacle_state", first="received",
                  dated_by={"resolved": "resolved_on"}, from_start=OPEN_STATUSES,
                  covered=("raised_on", "domain", "deadline"),
                  handling=("result", "guide_doc", "latest_reply"), unsettled=OPEN_STATUSES)
# The day a list or its figures are for, bound when a condition is used (fields.TODAY is a form default).
ON_TODAY = Param("today")


def _day(day: Value | date) -> Value:
    return day if isinstance(day, Value) else Const(day)


def state_on(day: Value | date) -> HistoryValue:
    """The obstacle's state on a day (its first state on any day before it was raised: ask open_on)."""
    return HISTORY.value_on(_day(day))


def state_since(day: Value | date) -> HistoryValue:
    """The day the state it had on `day` began (None for its first state)."""
    return HISTORY.since_on(_day(day))


def open_on(day: Value | date) -> Condition:
    """Raised by `day` and, on that day, neither resolved nor closed."""
    return (Col("raised_on") <= _day(day)) & state_on(day).among(OPEN_STATUSES)


def overdue_on(day: Value | date) -> Condition:
    """Open on `day` and past its deadline then."""
    return open_on(day) & (Col("deadline") < _day(day))


# The red rows and the "overdue" figure: overdue on the day the list or the figures are for.
OVERDUE = overdue_on(ON_TODAY)


def raised_within(start: date, end: date) -> Condition:
    return (Col("raised_on") >= Const(start)) & (Col("raised_on") <= Const(end))


def carried_over(start: date, end: date) -> Condition:
    """Raised before the period and open at its start, or open again at its end (reopened)."""
    return (Col("raised_on") < Const(start)) & (open_on(start - timedelta(days=1)) | open_on(end))


def listed_as_carried_over(row: Record, start: date) -> bool:
    """A row a period's report lists (in_period) is carried over into it, not raised in it: raised before
    the period began (it is listed only if carried_over holds then)."""
    raised: date = row["raised_on"]
    return raised < start


def in_period(start: date, end: date) -> Condition:
    """The obstacles a period's report lists: raised in it, or carried over into it."""
    return raised_within(start, end) | carried_over(start, end)


def resolved_within(start: date, end: date) -> Condition:
    """Resolved at the period's end, the resolution dated within the period."""
    return state_on(end).equals("resolved") & (state_since(end) >= Const(start))


# The status filter's first entry: every open status at once.
OPEN_KEY = "__open__"
ANY_OPEN = FilterGroup(OPEN_KEY, "Chưa tháo gỡ (mọi tình trạng đang mở)", "Open (any open status)",
                       state_on(ON_TODAY).among(OPEN_STATUSES))

REGISTER = Register(
    name="obstacles", vi="Khó khăn, vướng mắc", en="Obstacles", table_name="obstacle", position=1,
    fields=FIELDS, fixed_choices=FIXED_CHOICES, local_choices={"body": named_body},
    check_record=check_record, complete=complete,
    date_field="raised_on", title_field="title", history=HISTORY, title_indexed=True,
    # What a clerk scans first: the obstacle, its state, its domain, then the dates.
    table_order=("title", "status", "domain", "raised_on", "deadline"),
    filters=(Filter("domain"), Filter("status", (ANY_OPEN,)), Filter("level", vi="Cấp giải quyết", en="Level"),
             Filter("requested_body", vi="Đề nghị tới", en="Body asked"),
             Filter("visit_id", vi="Đợt khảo sát", en="Visit")),
    flag=Flag(OVERDUE, "Quá hạn", "Overdue"),
    affects=("visits",),        # a visit counts the obstacles found during it
    listing=ListSpec("Khó khăn, vướng mắc", "Khó khăn, vướng mắc trong vận hành chính quyền địa phương hai cấp",
                     "vụ việc", "Biểu số 01/KKVM", "Danh-sach-kho-khan-vuong-mac", "danh sách khó khăn, vướng mắc",
                     "raised_on", None, order=lambda r: r.get("raised_on") or date.min,
                     # What fits A4 landscape in one list; the cause, impact and body asked in a second.
                     columns=("title", "domain", "proposal", "level", "raised_on", "deadline", "status", "result",
                              "guide_doc"),
                     more_columns=("title", "cause", "impact", "impact_count", "requested_body", "proposal")),
)
