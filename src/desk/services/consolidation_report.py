"""The consolidated workbook's content: what the province's Sở Nội vụ reports from the communes' files."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, fields
from datetime import date, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlmodel import Session

from desk import __version__
from desk.domain import staffing as staffing_rules
from desk.domain import unit_lists, units
from desk.domain.formats import format_number_vi as _n
from desk.domain.formats import format_time_date_vi
from desk.domain.obstacle_figures import CLOSED_OPENING, CONSOLIDATED_OPEN_OPENING, RESOLVED_OPENING, TOTAL_OPENING
from desk.domain.outline import point_label
from desk.domain.periods import Period, format_date_vi
from desk.domain.register import Record
from desk.domain.registers import needs, obstacles, procedures
from desk.domain.settings import Flag, Lines, Setting, SettingGroup, Text
from desk.domain.text import SortKey, vi_sort_key
from desk.domain.units import ProvinceInfo
from desk.reports.consolidated_report import ConsolidatedReportData, LongList, write_consolidated_report
from desk.reports.layout import Column, DocumentHeader
from desk.reports.manifest import CONSOLIDATED_FORMAT, FORMAT_VERSION, DataBlock, MadeRows
from desk.reports.periodic_report import BOLD, AnnexSheet, CoverSection, TableBlock
from desk.reports.sheet_helper import started_ahead
from desk.services import consolidation_activity as activity
from desk.services.consolidation import Consolidation
from desk.services.consolidation_forms import FORM, STT, grouped, whole
from desk.services.full_collections import rare_collections
from desk.services.obstacle_sections import OBSTACLE_DATA_COLUMNS
from desk.services.office import get_setting, put_setting
from desk.services.printed_check import DATE_COLUMNS

PREFIX = "consolidation."
SUBJECT = "Tổng hợp tình hình khó khăn, vướng mắc và biên chế của các xã, phường, đặc khu"
BY_PROVINCE_FORM = "13"      # the ministry's alone: after the forms every tier has
NATIONAL_PLACE = "Hà Nội"      # where the ministry signs
# Said on the consolidation's cover, the screen and the README: what the data check proves.
CHECK_LIMITS = ("Mã kiểm tra dữ liệu (SHA-256) chỉ phát hiện việc sửa tệp vô ý hoặc sửa thông thường, không chống "
                "được người cố ý làm giả; giá trị của báo cáo căn cứ vào bản có chữ ký (bản giấy hoặc ký số).")
_SPEC = {s.name: s for s in obstacles.FIELDS}


class ConsolidationSettings(SettingGroup, prefix=PREFIX, vi="Tổng hợp của tỉnh",
                            en="Province's consolidation"):
    """Who issues the consolidated report; by default the province's Department of Home Affairs (with no
    province, the Ministry of Home Affairs consolidating every province)."""

    parent_body = Setting(Text(120), lambda p: f"UBND {p.name.upper()}" if p else "",
                          "Cơ quan chủ quản", "Parent body")
    body = Setting(Text(120), lambda p: "SỞ NỘI VỤ" if p else "BỘ NỘI VỤ", "Cơ quan ban hành", "Issuing body")
    doc_symbol = Setting(Text(30), lambda p: "BC-SNV" if p else "BC-BNV", "Ký hiệu văn bản", "Document symbol")
    reporting_unit = Setting(Text(200), lambda p: f"Sở Nội vụ {p.in_sentence}" if p else "Bộ Nội vụ",
                             "Đơn vị báo cáo", "Reporting unit")
    receiving_unit = Setting(Text(200), lambda p: "Bộ Nội vụ" if p else "Chính phủ",
                             "Đơn vị nhận báo cáo", "Receiving unit")
    recipients = Setting(Lines(), lambda p: ("Bộ Nội vụ", f"UBND {p.in_sentence}", "Giám đốc Sở") if p
                         else ("Thủ tướng Chính phủ", "Bộ trưởng", "Sở Nội vụ các tỉnh, thành phố"),
                         "Nơi nhận (mỗi dòng một nơi)", "Distribution (one per line)")
    signer_authority = Setting(Text(120), "", "Dòng thẩm quyền ký (TM., KT., ...)", "Authority line (TM., KT., ...)",
                               help_vi="Ví dụ: «KT. GIÁM ĐỐC»; để trống khi Giám đốc ký.",
                               help_en="For example «KT. GIÁM ĐỐC»; empty when the director signs.")
    signer_title = Setting(Text(120), lambda p: "GIÁM ĐỐC" if p else "BỘ TRƯỞNG", "Chức vụ người ký", "Signer's title")
    signer_name = Setting(Text(100), "", "Họ và tên người ký", "Signer's full name")
    preparer_name = Setting(Text(100), "", "Người lập biểu", "Prepared by")
    preparer_on_forms = Setting(Flag(), False, "Các biểu tổng hợp có dòng «Người lập biểu»",
                                "The forms carry a «Prepared by» line",
                                help_vi="Chỉ khi mẫu biểu của tỉnh yêu cầu.",
                                help_en="Only when the province's template asks for it.")


def defaults_for(province: ProvinceInfo | None) -> ConsolidationSettings:
    return ConsolidationSettings.defaults(province)


def stored_values(session: Session) -> dict[str, str]:
    """What this installation set, key -> stored text (may be read in one thread and used in another)."""
    found = {s.key: get_setting(session, s.key, None) for s in ConsolidationSettings.settings()}
    return {k: v for k, v in found.items() if v is not None}


def load(source: Session | Record | None, province: ProvinceInfo | None) -> ConsolidationSettings:
    """The province's defaults, overridden by this installation's settings (a session or stored_values())."""
    values = stored_values(source) if isinstance(source, Session) else (source or {})
    return ConsolidationSettings.load(values.get, province)


def save(session: Session, settings: ConsolidationSettings) -> None:
    """Write every value (services.settings.save also checks the permission and audits)."""
    for key, text in settings.stored().items():
        put_setting(session, key, text)


# --- the content ------------------------------------------------------------------------------

def _header(c: Consolidation, s: ConsolidationSettings, signed_on: date) -> DocumentHeader:
    signature = tuple(line for line in (s.signer_authority, s.signer_title) if line.strip())
    issuer = s.reporting_unit.strip()      # as a sentence writes it: "Sở Nội vụ thành phố Hải Phòng"
    return DocumentHeader(
        parent_body=s.parent_body, body=s.body, governing_body=True, doc_number=f"Số:      /{s.doc_symbol}",
        # Its number and its day are the registry's when it is issued: both left blank, as a commune's draft.
        place=c.province.short_name if c.province else NATIONAL_PLACE, signed_on=None, title="BÁO CÁO",
        subject=f"{SUBJECT} {c.period.in_subject}".rstrip(),
        period_line=c.period.period_line, reporting_unit=s.reporting_unit,
        receiving_unit=s.receiving_unit, recipients=s.recipients, signature=signature,
        signer_name=s.signer_name, preparer_name=s.preparer_name, year=signed_on.year, issuer=issuer)


@dataclass(frozen=True)
class Figures:
    total: int
    new: int
    carried: int
    resolved: int
    open_at_end: int
    overdue: int
    closed: int = 0     # neither resolved nor open: with those two, every row


def figures(rows: list[Record], p: Period) -> Figures:
    # One pass: the cover and the per-unit annex count a province's 84,000 rows twice.
    start, end, open_statuses = p.start, p.end, obstacles.OPEN_STATUSES
    new = resolved = still_open = overdue = closed = 0
    for r in rows:
        if not obstacles.listed_as_carried_over(r, start):
            new += 1
        status, resolved_on = r["status"], r["resolved_on"]
        if status == "resolved" and resolved_on and start <= resolved_on <= end:
            resolved += 1
        elif status == "closed":
            closed += 1
        # Open at the period's end, by the state the commune's file carries: its state at the end (a file
        # of Desk 0.1.0 carries the state when exported, so a resolution dated after the end is open).
        if status in open_statuses or (status == "resolved" and resolved_on is not None and resolved_on > end):
            still_open += 1
            deadline = r["deadline"]
            if deadline and deadline < end:
                overdue += 1
    return Figures(total=len(rows), new=new, carried=len(rows) - new, resolved=resolved, open_at_end=still_open,
                   overdue=overdue, closed=closed)


def _domain_table(c: Consolidation) -> AnnexSheet:
    statuses = [(s.code, s.vi) for s in obstacles.STATUSES]
    domain_labels = c.labels.get("domain", {})
    standard = [d.code for d in obstacles.DEFAULT_DOMAINS]
    # The standard domains always (zeros included), then any a commune added, by label.
    extra = sorted({r["domain"] for r in c.obstacles} - set(standard),
                   key=lambda code: vi_sort_key(domain_labels.get(str(code), str(code))))
    domains = standard + extra
    counts = {d: {s: 0 for s, _ in statuses} for d in domains}
    for r in c.obstacles:
        counts[r["domain"]][r["status"]] += 1
    columns = (STT, Column("_domain", "Lĩnh vực", 44), *(Column(code, label, 13, "int") for code, label in statuses),
               Column("_total", "Tổng số", 11, "int"))
    totals = {s: sum(v[s] for v in counts.values()) for s, _ in statuses}
    rows = [{BOLD: True, "_domain": "Tổng cộng", **totals, "_total": len(c.obstacles)}]
    for n, code in enumerate(counts, start=1):
        rows.append({"_stt": n, "_domain": domain_labels.get(code, code), **counts[code],
                     "_total": sum(counts[code].values())})
    return AnnexSheet("Theo lĩnh vực", f"Biểu số 01/{FORM}", "TỔNG HỢP KHÓ KHĂN, VƯỚNG MẮC THEO LĨNH VỰC VÀ TÌNH TRẠNG",
                      columns, (TableBlock(None, tuple(rows)),), unit="vụ việc",
                      notes=("Tình trạng theo báo cáo của các đơn vị.",), repeat_heading=False)


def _figures_by_unit(c: Consolidation, groups: dict[int, list[Record]]) -> dict[int, Figures]:
    """Each unit's figures (groups: grouped's), counted once: the cover's and the annex's totals are their sums."""
    return {code: figures(rows, c.period) for code, rows in groups.items()}


def summed(found: Iterable[Figures]) -> Figures:
    counts = [astuple(f) for f in found] or [(0,) * len(fields(Figures))]
    return Figures(*map(sum, zip(*counts)))


def _per_commune(c: Consolidation, by_unit: dict[int, Figures], total: Figures) -> AnnexSheet:
    columns = (STT, Column("unit", "Đơn vị", 30), Column("state", "Tình hình nộp báo cáo", 16),
               Column("total", "Tổng số vụ việc trong kỳ", 12, "int"), Column("new", "Phát sinh trong kỳ", 12, "int"),
               Column("carried", "Từ kỳ trước chuyển sang", 12, "int"),
               Column("resolved", "Đã tháo gỡ trong kỳ", 12, "int"),
               Column("closed", "Đóng (không còn phù hợp) trong kỳ", 12, "int"),
               Column("open", "Chưa tháo gỡ đến cuối kỳ", 12, "int"),
               Column("overdue", "Trong đó quá hạn xử lý", 12, "int"))
    rows = [{BOLD: True, "unit": "Tổng cộng", "state": f"{_n(len(c.used))}/{_n(len(c.completeness))} đã nộp",
             **_figure_values(total)}]
    none = figures([], c.period)
    for n, status in enumerate((s for s in c.completeness if s.submission), start=1):
        f = by_unit.get(status.unit.code, none)
        rows.append({"_stt": n, "unit": status.unit.name, "state": status.state_vi, **_figure_values(f)})
    return AnnexSheet("Theo đơn vị", f"Biểu số 02/{FORM}", "TỔNG HỢP KHÓ KHĂN, VƯỚNG MẮC THEO ĐƠN VỊ",
                      columns, (TableBlock(None, tuple(rows)),), unit="vụ việc",
                      notes=("Chỉ gồm các đơn vị có báo cáo hợp lệ; tình hình nộp của mọi đơn vị tại biểu số 03.",))


def _figure_values(f: Figures) -> dict[str, int]:
    return {"total": f.total, "new": f.new, "carried": f.carried, "resolved": f.resolved, "closed": f.closed,
            "open": f.open_at_end, "overdue": f.overdue}


def _completeness(c: Consolidation) -> AnnexSheet:
    province = (Column("province", "Tỉnh, thành phố", 20),) if c.national else ()
    columns = (STT, *province, Column("code", "Mã đơn vị", 10, align="center"), Column("unit", "Đơn vị", 28),
               Column("state", "Tình hình nộp", 16), Column("number", "Số văn bản", 14),
               Column("sent", "Thời điểm gửi", 17, align="center"), Column("due", "Hạn nộp", 12, "date"),
               Column("file", "Tệp", 30), Column("note", "Ghi chú", 20))
    rows = []
    for n, s in enumerate(c.completeness, start=1):
        sub = s.submission
        rows.append({"_stt": n, "province": s.unit.province.name, "code": str(s.unit.code), "unit": s.unit.name,
                     "state": s.state_vi,
                     "number": sub.doc_number if sub else None,
                     "sent": format_time_date_vi(sub.sent_at) if sub else None,
                     "due": c.due, "file": sub.file if sub else None, "note": s.note or None})
    notes = (f"Đúng hạn: {_n(c.count('on_time'))}; nộp muộn: {_n(c.count('late'))}; "
             f"chưa nộp: {_n(c.count('missing'))}; "
             f"dự thảo, chưa nộp: {_n(c.count('draft'))}; số liệu in bị sửa: {_n(c.count('edited'))}; "
             f"đơn vị có tệp không hợp lệ: {_n(c.count('rejected'))} (tổng số {_n(len(c.completeness))} đơn vị).",)
    return AnnexSheet("Tình hình nộp", f"Biểu số 03/{FORM}", "TÌNH HÌNH NỘP BÁO CÁO CỦA CÁC ĐƠN VỊ",
                      columns, (TableBlock(None, tuple(rows)),), notes=notes)


_HEADING = staffing_rules.FORM_HEADINGS
STAFFING_COLUMNS = (("office", "Cơ quan, đơn vị", 30, "text"), ("frame", _HEADING["frame"], 11, "int"),
                    ("actual", _HEADING["actual"], 9, "int"), ("away", _HEADING["away"], 12, "int"),
                    ("guests", _HEADING["guests"], 12, "int"), ("surplus", _HEADING["surplus"], 8, "int"),
                    ("shortage", _HEADING["shortage"], 8, "int"), ("deputies", "Số cấp phó", 9, "int"),
                    ("deputy_cap", "Cấp phó tối đa", 9, "int"))
STAFFING_NET_LABEL = "Cộng thừa, thiếu tính chung của từng đơn vị (sau bù trừ giữa các phòng, ban)"
STAFFING_NOTES = (
    "Thừa, thiếu ở dòng của mỗi đơn vị là tổng của các phòng, ban của đơn vị đó; dòng «Tổng cộng» là tổng các đơn vị; "
    "dòng cuối cộng thừa, thiếu tính chung của từng đơn vị (tổng số hiện có so với tổng biên chế được giao của đơn "
    "vị, số thừa ở phòng, ban này được bù trừ vào số thiếu ở phòng, ban khác của cùng đơn vị).",)


def _staffing(c: Consolidation) -> AnnexSheet:
    """Per commune: its line (office_code "") in bold, then its offices; the sum on top; the units' own
    surplus and shortage, summed, on a line at the end."""
    columns = (STT, *(Column(k, h, w, kind) for k, h, w, kind in STAFFING_COLUMNS))
    numeric = [k for k, _, _, kind in STAFFING_COLUMNS if kind == "int"]
    by_unit = grouped(c.staffing)
    grand: dict[str, int | None] = {k: None for k in numeric}     # none where no unit gives the figure
    net: dict[str, int | None] = {"surplus": None, "shortage": None}
    blocks = []

    def add(sums: dict[str, int | None], values: dict[str, int | None]) -> None:
        for k, v in values.items():
            if v is not None:
                sums[k] = (sums[k] or 0) + v

    for n, status in enumerate((s for s in c.completeness if s.unit.code in by_unit), start=1):
        rows = by_unit[status.unit.code]
        total = next((r for r in rows if not r.get("office_code")), None)
        total_values: dict[str, int | None] = {k: whole(total.get(k)) if total else None for k in numeric}
        office_rows = [r for r in rows if r.get("office_code")]
        office_values = [{k: whole(r.get(k)) for k in numeric} for r in office_rows]
        # The commune's row in its file has its own (net) surplus and shortage; here its line adds up its
        # offices' lines, as every «Tổng cộng» does, and its own goes to the net line.
        add(net, {k: total_values[k] for k in net})
        for k in net:
            total_values[k] = staffing_rules.rows_sum(values[k] for values in office_values)
        add(grand, total_values)
        offices = tuple({"_stt": f"{n}.{i}", "office": r.get("office"), **values}
                        for i, (r, values) in enumerate(zip(office_rows, office_values, strict=True), start=1))
        blocks.append(TableBlock(None, ({BOLD: True, "_stt": n, "office": status.unit.name, **total_values},
                                        *offices)))
    first = TableBlock(None, ({BOLD: True, "office": "Tổng cộng", **grand},) if blocks else ())
    last = (TableBlock(None, ({BOLD: True, "office": STAFFING_NET_LABEL, **net},)),) if blocks else ()
    return AnnexSheet("Biên chế", f"Biểu số 04/{FORM}", "TỔNG HỢP BIÊN CHẾ THEO ĐƠN VỊ", columns,
                      (first, *blocks, *last), unit="người", notes=STAFFING_NOTES if blocks else ())


def _long_list(c: Consolidation, groups: dict[int, list[Record]]) -> LongList:
    """Every obstacle with its unit. The rows are the merged rows themselves, with the list's own keys
    added (the labels, the number): a copy of 660,000 rows would take ~0.5 GB at the ministry.
    groups: grouped's (sorted here in place)."""
    labels = c.labels
    keys = ("domain", "title", "proposal", "level", "raised_on", "deadline", "status", "result", "resolved_on")
    labelled = ("domain", "level", "status")
    columns = (STT, Column("_unit_name", "Đơn vị", 22),
               *(Column.of(_SPEC[k], key=f"_vi_{k}") if k in labelled else Column.of(_SPEC[k]) for k in keys))
    rows = _by_unit_name(c.obstacles, groups)
    domains, levels, statuses = (labels.get(k, {}) for k in labelled)
    for n, r in enumerate(rows, start=1):      # the three labels unrolled: this runs for every row
        code = r["domain"]
        r["_vi_domain"] = domains.get(code, code)
        code = r["level"]
        r["_vi_level"] = levels.get(code, code)
        code = r["status"]
        r["_vi_status"] = statuses.get(code, code)
        r["_stt"], r["_unit_name"] = n, r["_unit"].name
    return LongList("Danh sách KKVM", f"Biểu số 07/{FORM}", "DANH SÁCH KHÓ KHĂN, VƯỚNG MẮC CỦA CÁC ĐƠN VỊ",
                    columns, tuple(rows))


def _by_unit_name(obstacles: list[Record], by_unit: dict[int, list[Record]] | None = None) -> list[Record]:
    """The rows sorted by their unit's name, then raised on and title (stable), as one sort by those three
    would: each unit's rows sorted apart (84,000 rows in 168 short sorts, their keys a day and a text),
    units of one name (a collation key) merged in their first order. by_unit: the rows grouped by unit
    (grouped's, sorted here in place; grouped here if not given)."""
    by_unit = grouped(obstacles) if by_unit is None else by_unit
    units_of: dict[SortKey, list[int]] = {}      # one collation key per unit, not per row
    for code, rows in by_unit.items():
        units_of.setdefault(vi_sort_key(rows[0]["_unit"].short_name), []).append(code)
    # Units that share a name (hundreds across the country) gathered in one pass over the rows: a pass
    # for each such name took the ministry's 664,200 rows 24 s.
    shared = {code: key for key, codes in units_of.items() if len(codes) > 1 for code in codes}
    named: dict[SortKey, list[Record]] = {key: [] for key in shared.values()}
    if shared:
        for r in obstacles:
            key = shared.get(r["_unit"].code)
            if key is not None:
                named[key].append(r)
    out: list[Record] = []
    for key in sorted(units_of):
        codes = units_of[key]
        group = by_unit[codes[0]] if len(codes) == 1 else named[key]
        group.sort(key=itemgetter("raised_on", "title"))      # the key tuple made in C, not by a lambda a row
        out += group
    return out


def _conflicts(c: Consolidation) -> AnnexSheet:
    columns = (STT, Column("id", "Mã bản ghi", 20), Column("title", "Nội dung", 30),
               Column("fields", "Khác nhau ở", 18), Column("kept", "Giữ bản của (sửa sau cùng)", 30),
               Column("other", "Bản không dùng", 30))
    rows = tuple({"_stt": n, "id": x.record_id, "title": x.title,
                  "fields": ", ".join(_SPEC[f].vi if f in _SPEC else f for f in x.fields) or "(cùng mã ở hai đơn vị)",
                  "kept": f"{x.kept_unit}, tệp «{x.kept_file}», sửa lúc {_when(x.kept_updated_at)}",
                  "other": f"{x.other_unit}, tệp «{x.other_file}», sửa lúc {_when(x.other_updated_at)}"}
                 for n, x in enumerate(c.conflicts, start=1))
    return AnnexSheet("Xung đột", f"Biểu số 08/{FORM}", "BẢN GHI TRÙNG MÃ CÓ NỘI DUNG KHÁC NHAU", columns,
                      (TableBlock(None, rows),))


def _problems(c: Consolidation) -> AnnexSheet:
    columns = (STT, Column("file", "Tệp", 28), Column("unit", "Đơn vị", 22), Column("kind", "Vấn đề", 22),
               Column("message", "Chi tiết", 60))
    rows = tuple({"_stt": n, "file": p.file, "unit": p.unit or None, "kind": p.kind_vi, "message": p.message}
                 for n, p in enumerate(c.problems, start=1))
    return AnnexSheet("Vấn đề trong tệp", f"Biểu số 09/{FORM}", "CÁC VẤN ĐỀ PHÁT HIỆN TRONG TỆP BÁO CÁO", columns,
                      (TableBlock(None, rows),), notes=(f"Đã đọc {_n(c.files)} tệp; dùng {_n(len(c.used))} báo cáo.",))


def _when(iso: str) -> str:
    try:
        return format_time_date_vi(datetime.fromisoformat(iso).astimezone())
    except ValueError:
        return iso



def _procedures(c: Consolidation) -> AnnexSheet:
    """The public-service points' figures, one line per unit, the sum on top."""
    keys = ("carried_over", "received_in_person", "received_online", "fully_online", "resolved_early",
            "resolved_on_time", "resolved_late", "pending", "digitised")
    heads = ("Kỳ trước chuyển sang", "Tiếp nhận trực tiếp", "Tiếp nhận trực tuyến", "Trực tuyến toàn trình",
             "Giải quyết trước hạn", "Giải quyết đúng hạn", "Giải quyết quá hạn", "Đang giải quyết", "Được số hóa")
    columns = (STT, Column("unit", "Đơn vị", 24), *(Column(k, h, 9, "int") for k, h in zip(keys, heads)),
               Column("satisfied_share", "Tỷ lệ hài lòng", 10, align="right"))
    total = procedures.Figures()
    rows = []
    for n, row in enumerate(sorted(c.procedures, key=lambda r: vi_sort_key(r["_unit"].short_name)), start=1):
        f = procedures.Figures(**{k: whole(row.get(k)) or 0 for k in (*keys, "rated", "satisfied", "records")})
        total = total.add(f)
        rows.append({"_stt": n, "unit": row["_unit"].name, **{k: getattr(f, k) for k in keys},
                     "satisfied_share": procedures.percent_vi(f.share("satisfied"))})
    first = {BOLD: True, "unit": "Tổng cộng", **{k: getattr(total, k) for k in keys},
             "satisfied_share": procedures.percent_vi(total.share("satisfied"))}
    return AnnexSheet("TTHC", f"Biểu số 05/{FORM}", "TỔNG HỢP KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", columns,
                      (TableBlock(None, (first, *rows) if rows else ()),), unit="hồ sơ",
                      notes=(f"{_n(len(rows))} đơn vị có số liệu.",))


def _needs(c: Consolidation) -> AnnexSheet:
    """Staffing needs by profession, summed over the units; how many units lack each."""
    order = [p.code for p in needs.PROFESSIONS]
    by_profession: dict[str, dict[str, Any]] = {}     # label, then the counts
    for row in c.needs:
        code = row.get("profession") or ""
        found = by_profession.setdefault(code, {"label": row.get("profession_vi") or code, "needed": 0,
                                                "present": 0, "shortage": 0, "units": 0})
        found["needed"] += whole(row.get("needed")) or 0
        found["present"] += whole(row.get("present")) or 0
        shortage = whole(row.get("shortage")) or 0
        found["shortage"] += shortage
        found["units"] += 1 if shortage else 0
    codes = sorted(by_profession, key=lambda k: order.index(k) if k in order else len(order))
    columns = (STT, Column("label", "Lĩnh vực chuyên môn", 44),
               *(Column(key, needs.FORM_HEADINGS[key], width, "int") for key, width in (("needed", 14), ("present", 14),
                                                                                       ("shortage", 12))),
               Column("units", "Số đơn vị còn thiếu", 14, "int"))
    rows = [{"_stt": n, **by_profession[k]} for n, k in enumerate(codes, start=1)]
    first = {BOLD: True, "label": "Tổng cộng", **{k: sum(r[k] for r in rows) for k in ("needed", "present",
                                                                                       "shortage")},
             "units": len({r["_unit"].code for r in c.needs if whole(r.get("shortage"))})}
    return AnnexSheet("Nhu cầu nhân sự", f"Biểu số 06/{FORM}", "TỔNG HỢP NHU CẦU NHÂN SỰ THEO LĨNH VỰC CHUYÊN MÔN",
                      columns, (TableBlock(None, (first, *rows) if rows else ()),), unit="người",
                      notes=(f"{_n(len({r['_unit'].code for r in c.needs}))} đơn vị có số liệu.",))


def _by_province(c: Consolidation) -> AnnexSheet:
    """The ministry's view: each province's communes, how many reported, their obstacles."""
    counts: dict[int, dict[str, Any]] = {}        # the province's name, then its counts
    for p in units.provinces():
        counts[p.code] = {"province": p.name, "units": 0, "used": 0, "on_time": 0, "late": 0, "draft": 0,
                          "missing": 0, "rejected": 0, "obstacles": 0, "movements": 0, "visits": 0, "initiatives": 0}
    for s in c.completeness:
        row = counts[s.unit.province.code]
        row["units"] += 1
        row["used"] += 1 if s.submission is not None and s.state in ("on_time", "late") else 0
        key = "rejected" if s.state == "edited" else s.state
        row[key] += 1
    for key, rows in (("obstacles", c.obstacles), ("movements", c.movements), ("visits", c.visits),
                      ("initiatives", c.initiatives)):
        for r in rows:
            counts[r["_unit"].province.code][key] += 1
    keys = ("units", "used", "on_time", "late", "draft", "missing", "rejected", "obstacles", "movements", "visits",
            "initiatives")
    heads = ("Số đơn vị", "Đã nộp", "Đúng hạn", "Muộn", "Dự thảo, chưa nộp", "Chưa nộp", "Tệp không dùng được",
             "Khó khăn, vướng mắc (vụ việc)", "Điều động, biệt phái (lượt)", "Khảo sát, làm việc (đợt)",
             "Sáng kiến, mô hình")
    columns = (STT, Column("province", "Tỉnh, thành phố", 24), *(Column(k, h, 10, "int") for k, h in zip(keys, heads)))
    rows = [{"_stt": n, **row} for n, row in enumerate(counts.values(), start=1)]
    first = {BOLD: True, "province": "Tổng cộng", **{k: sum(r[k] for r in rows) for k in keys}}
    return AnnexSheet("Theo tỉnh", f"Biểu số {BY_PROVINCE_FORM}/{FORM}", "TÌNH HÌNH BÁO CÁO THEO TỈNH, THÀNH PHỐ",
                      columns, (TableBlock(None, (first, *rows)),))


def _submission_lines(c: Consolidation) -> tuple[str, ...]:
    """What the cover says about drafts and edited files: left out, or included as the clerk chose."""
    lines = []
    drafts_in = c.drafts_used
    if drafts_in:
        lines.append(f"Theo lựa chọn của người tổng hợp, số liệu gồm cả {_n(len(drafts_in))} báo cáo dự thảo, chưa nộp "
                     "(chưa có số văn bản).")
    if c.drafts:
        lines.append(f"{_n(len(c.drafts))} đơn vị chỉ gửi dự thảo, chưa nộp (chưa có số văn bản): "
                     "không tính là đã nộp, số liệu không được tổng hợp.")
    edited_in = c.edited_used
    if edited_in:
        lines.append(f"Theo lựa chọn của người tổng hợp, số liệu gồm cả {_n(len(edited_in))} báo cáo có số liệu in bị "
                     "sửa sau khi xuất (số liệu lấy theo dữ liệu kèm theo tệp).")
    left_out = len({s.unit.code for s in c.edited}) - len(edited_in)
    if left_out > 0:
        lines.append(f"{left_out} đơn vị gửi tệp có số liệu in bị sửa sau khi xuất: không được tổng hợp "
                     f"(chi tiết tại biểu số 09/{FORM}).")
    return tuple(lines)


def _reported_by(*parts: tuple[str, list[Record], str]) -> str:
    """One sentence on which forms the units' figures fill; a form no unit reported for is said in words
    ("chưa đơn vị nào báo cáo …"), never "của 0 đơn vị"."""
    said = []
    for what, rows, form in parts:
        units = len({r["_unit"].code for r in rows})
        said.append(f"{what} của {units} đơn vị tại biểu số {form}/{FORM}" if units
                    else f"chưa đơn vị nào báo cáo {what} (biểu số {form}/{FORM})")
    sentence = "; ".join(said) + "."
    return sentence[0].upper() + sentence[1:]


def build(c: Consolidation, settings: ConsolidationSettings, signed_on: date,
          generated_at: datetime | None = None) -> ConsolidatedReportData:
    groups = grouped(c.obstacles)     # the rows by unit, for the figures and the long list alike
    by_unit = _figures_by_unit(c, groups)      # one pass over the rows (the cover's and the annex's totals: sums)
    total = summed(by_unit.values())
    n_units = len(c.completeness)
    area = "thuộc 34 tỉnh, thành phố" if c.national else ""       # "2/3.321 đơn vị thuộc 34 tỉnh, thành phố"
    cover = (
        CoverSection("I. TÌNH HÌNH NỘP BÁO CÁO", (
            f"{_n(c.count('on_time') + c.count('late'))}/{_n(n_units)} đơn vị{(' ' + area) if area else ''} "
            f"đã gửi báo cáo hợp lệ (đúng hạn: {_n(c.count('on_time'))}; "
            f"muộn: {_n(c.count('late'))}); chưa nộp: {_n(c.count('missing'))}; "
            f"đơn vị có tệp không hợp lệ: {_n(c.count('rejected'))}. "
            f"Hạn nộp: {format_date_vi(c.due)}. Chi tiết tại biểu số 03/{FORM}"
            + (f" và theo tỉnh, thành phố tại biểu số {BY_PROVINCE_FORM}/{FORM}." if c.national else "."),
            *_submission_lines(c))),
        CoverSection("II. KHÓ KHĂN, VƯỚNG MẮC", (
            f"{point_label(1, False)} {TOTAL_OPENING} {_n(total.total)} vụ việc (phát sinh trong kỳ: "
            f"{_n(total.new)}; từ kỳ trước chuyển sang: {_n(total.carried)}).",
            f"{point_label(2, False)} {RESOLVED_OPENING} {_n(total.resolved)} vụ việc.",
            # Closed ones, where there are some: the points then add up to the total.
            *((f"{point_label(3, False)} {CLOSED_OPENING} {_n(total.closed)} vụ việc.",) if total.closed else ()),
            f"{point_label(4 if total.closed else 3, False)} {CONSOLIDATED_OPEN_OPENING} {_n(total.open_at_end)} "
            f"vụ việc (quá hạn xử lý: {_n(total.overdue)}).",
            f"Chi tiết theo lĩnh vực tại biểu số 01/{FORM}, theo đơn vị tại biểu số 02/{FORM}, "
            f"danh sách tại biểu số 07/{FORM}.")),
        CoverSection("III. BIÊN CHẾ, NHU CẦU NHÂN SỰ VÀ THỦ TỤC HÀNH CHÍNH", (_reported_by(
            ("số liệu biên chế", c.staffing, "04"),
            ("kết quả giải quyết thủ tục hành chính", c.procedures, "05"),
            ("nhu cầu nhân sự theo lĩnh vực chuyên môn", c.needs, "06")),)),
        CoverSection("IV. ĐIỀU ĐỘNG, BIỆT PHÁI; KHẢO SÁT, LÀM VIỆC; SÁNG KIẾN, MÔ HÌNH", activity.cover_lines(c)),
        CoverSection("V. KIỂM TRA TỆP BÁO CÁO", (
            f"Đã đọc {_n(c.files)} tệp; "
            + (f"{_n(len(c.problems))} vấn đề phát hiện trong tệp" if c.problems
               else "không phát hiện vấn đề nào trong tệp")
            + f" (biểu số 09/{FORM}); "
            + (f"{_n(len(c.conflicts))} bản ghi trùng mã có nội dung khác nhau" if c.conflicts
               else "không có bản ghi trùng mã nào có nội dung khác nhau")
            + f" (biểu số 08/{FORM}).",
            "Các số liệu in trong từng tệp mà bản tổng hợp này dùng (khó khăn, vướng mắc; biên chế; thủ tục hành "
            "chính; nhu cầu nhân sự; số lượt điều động, biệt phái, số đợt khảo sát, làm việc và số sáng kiến, mô hình "
            "cùng số người dân được phục vụ) và số văn bản báo cáo đã được đối chiếu với dữ liệu máy đọc kèm theo. "
            + CHECK_LIMITS)),
    )
    after = (_conflicts(c), _problems(c), activity.movements_form(c), activity.visits_form(c),
             activity.initiatives_form(c), *((_by_province(c),) if c.national else ()))
    manifest, blocks = machine_part(c, settings, generated_at or datetime.now().astimezone())
    return ConsolidatedReportData(
        header=_header(c, settings, signed_on), cover=cover, closing="",
        annexes=(_domain_table(c), _per_commune(c, by_unit, total), _completeness(c), _staffing(c), _procedures(c),
                 _needs(c)),
        long_list=_long_list(c, groups), after=after, preparer=settings.preparer_on_forms,
        manifest=manifest, blocks=blocks)


# --- the machine-readable part: what the tier above consolidates -------------------------------

COMMUNE_COLUMNS = ("unit_code", "unit_name", "province_code", "province_name", "units_version", "doc_number",
                   "submitted", "generated_at", "submitted_at", "file", "via", "data_sha256", "file_sha256",
                   "edited")


def machine_part(c: Consolidation, settings: ConsolidationSettings,
                 generated_at: datetime) -> tuple[Record, tuple[DataBlock, ...]]:
    """The manifest and data blocks of a consolidation: versions, period, issuer, the files read with
    their hashes, one row per unit used, and the units' rows (each with its unit's code)."""
    p = c.period
    manifest = {
        "format": CONSOLIDATED_FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__,
        "units_version": unit_lists.CURRENT,
        "level": "national" if c.national else "province",
        "province_code": c.province.code if c.province else "", "province_name": c.province.name if c.province else "",
        "issuer": settings.reporting_unit, "period_code": p.code, "period_kind": str(p.kind),
        "period_rule": str(p.rule), "period_start": p.start, "period_end": p.end, "period_label": p.label_vi,
        "due_date": c.due, "generated_at": generated_at, "files": c.files,
        "include_drafts": c.include_drafts, "include_edited": c.include_edited,
    }
    sources = DataBlock.of("sources", ("file", "sha256", "kind", "units"),
                           ({"file": x.file, "sha256": x.sha256, "kind": x.kind, "units": x.units} for x in c.sources))
    communes = DataBlock.of("communes", COMMUNE_COLUMNS, (
        {"unit_code": s.unit.code, "unit_name": s.unit.name, "province_code": s.unit.province.code,
         "province_name": s.unit.province.name, "units_version": unit_lists.CURRENT,
         "doc_number": s.doc_number, "submitted": not s.draft, "generated_at": s.generated_at,
         "submitted_at": s.submitted_at, "file": s.file, "via": s.via, "data_sha256": s.data_hash,
         "file_sha256": s.file_hash, "edited": bool(s.edits)} for s in c.used))
    blocks = [sources, communes, _obstacle_block(c)]
    for name, rows in (("staffing", c.staffing), ("procedures", c.procedures), ("needs", c.needs),
                       ("movements", c.movements), ("visits", c.visits), ("initiatives", c.initiatives)):
        columns = tuple(dict.fromkeys(k for r in rows for k in r if not k.startswith("_")))
        blocks.append(DataBlock.of(name, columns, rows))
    seen: dict[tuple[str, str], Record] = {}
    for s in c.used:
        for row in s.rows("choices"):
            seen.setdefault((row["field"], row["code"]), row)
    blocks.append(DataBlock.of("choices", ("field", "code", "vi"), seen.values()))
    return manifest, tuple(blocks)


def _obstacle_block(c: Consolidation) -> DataBlock:
    """The merged obstacles as text rows: their values are the texts the communes' files carried (already
    in the one text form), only the dates turned back into text."""
    columns = OBSTACLE_DATA_COLUMNS
    dates = tuple(i for i, k in enumerate(columns) if k in DATE_COLUMNS)
    texts: dict[date | None, str] = {None: ""}         # one text per day: a few hundred days, not one string per cell

    pick = itemgetter(*columns)                        # made twice per row (the data check, the sheet)

    def text_row(r: Record) -> tuple[str, ...]:
        try:
            values = list(pick(r))
        except KeyError:        # a row from a file of an older Desk, without a later column
            values = [r.get(k, "") for k in columns]
        for i in dates:
            day = values[i]
            found = texts.get(day)
            values[i] = found if found is not None else texts.setdefault(day, day.isoformat())
        return tuple(values)

    def text_rows(records: Sequence[Record]) -> list[tuple[str, ...]]:
        """text_row of each record, column by column: the days of a run of rows turned into text by one
        map a date column, not a Python call a row (84,000 rows: ~0.2 s -> ~0.05 s)."""
        try:
            made = list(map(pick, records))
        except KeyError:
            return list(map(text_row, records))
        if not made:
            return []
        values = list(zip(*made))
        for i in dates:
            days = values[i]
            for day in set(days).difference(texts):
                texts[day] = day.isoformat()
            values[i] = tuple(map(texts.__getitem__, days))
        return list(zip(*values))

    # Made as read (the data check, then the sheet): 664,200 text rows are never all held at once.
    return DataBlock("obstacles", columns, MadeRows(c.obstacles, text_row, text_rows))


def export(c: Consolidation, out: Path, settings: ConsolidationSettings, signed_on: date | None = None) -> None:
    # The data sheet's helper loads while the forms' figures are counted (a province's: ~0.8 s), not after.
    with rare_collections(), started_ahead(len(c.obstacles)) as process:     # rows and cells all stay until saved
        write_consolidated_report(build(c, settings, signed_on or date.today()), Path(out), process)
