"""The consolidated workbook's content: what the province's Sở Nội vụ reports from the communes' files."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session

from desk.domain.registers import obstacles
from desk.domain.periods import format_date_vi
from desk.domain.text import vi_sort_key
from desk.domain.units import ProvinceInfo
from desk.reports.consolidated_report import ConsolidatedReportData, LongList, write_consolidated_report
from desk.reports.layout import Column, DocumentHeader
from desk.reports.periodic_report import BOLD, AnnexSheet, CoverSection, TableBlock
from desk.services.consolidation import Consolidation
from desk.services.office import get_setting, put_setting
from desk.domain.formats import format_time_date_vi

PREFIX = "consolidation."
SUBJECT = "Tổng hợp tình hình khó khăn, vướng mắc và biên chế của các xã, phường, đặc khu"
FORM = "TH"
STT = Column("_stt", "STT", 6, "text", align="center")
_SPEC = {s.name: s for s in obstacles.FIELDS}


@dataclass
class ConsolidationSettings:
    """Who issues the consolidated report; by default the province's Department of Home Affairs."""

    parent_body: str = ""
    body: str = "SỞ NỘI VỤ"
    doc_symbol: str = "BC-SNV"
    reporting_unit: str = ""
    receiving_unit: str = ""
    recipients: str = ""
    signer_authority: str = ""
    signer_title: str = "GIÁM ĐỐC"
    signer_name: str = ""
    preparer_name: str = ""


def defaults_for(province: ProvinceInfo) -> ConsolidationSettings:
    return ConsolidationSettings(parent_body=f"UBND {province.name.upper()}",
                                 reporting_unit=f"Sở Nội vụ {province.name}",
                                 receiving_unit="Bộ Nội vụ",
                                 recipients=f"Bộ Nội vụ\nUBND {province.name}\nGiám đốc Sở")


def stored_values(session: Session) -> dict[str, str]:
    """What this installation set (may be read in one thread and used in another)."""
    found = {f.name: get_setting(session, PREFIX + f.name, None) for f in fields(ConsolidationSettings)}
    return {k: v for k, v in found.items() if v}


def load(source: Session | dict | None, province: ProvinceInfo) -> ConsolidationSettings:
    """The province's defaults, overridden by this installation's settings (a session or stored_values())."""
    base = defaults_for(province)
    values = stored_values(source) if isinstance(source, Session) else (source or {})
    for name, value in values.items():
        setattr(base, name, value)
    return base


def save(session: Session, settings: ConsolidationSettings) -> None:
    for f in fields(ConsolidationSettings):
        put_setting(session, PREFIX + f.name, getattr(settings, f.name))


# --- the content ------------------------------------------------------------------------------

def _header(c: Consolidation, s: ConsolidationSettings, signed_on: date) -> DocumentHeader:
    return DocumentHeader(
        parent_body=s.parent_body, body=s.body, doc_number=f"Số:      /{s.doc_symbol}",
        place=c.province.short_name, signed_on=signed_on, title="BÁO CÁO",
        subject=f"{SUBJECT} {c.period.label_vi[0].lower()}{c.period.label_vi[1:]}",
        period_line=c.period.period_line, reporting_unit=s.reporting_unit,
        receiving_unit=s.receiving_unit,
        recipients=tuple(line.strip() for line in s.recipients.splitlines() if line.strip()),
        signer_authority=s.signer_authority, signer_title=s.signer_title, signer_name=s.signer_name,
        preparer_name=s.preparer_name)


@dataclass(frozen=True)
class Figures:
    total: int
    new: int
    carried: int
    resolved: int
    open_at_end: int
    overdue: int


def open_at_end(row: dict, end: date) -> bool:
    """Open at the period's end, by the state the commune's file carries: its state at the period's
    end (a file of Desk 0.1.0 carries the state when it was exported, so a resolution dated after
    the end still counts as open)."""
    resolved_later = row["status"] == "resolved" and row["resolved_on"] is not None and row["resolved_on"] > end
    return obstacles.is_open(row["status"]) or resolved_later


def figures(rows: list[dict], c: Consolidation) -> Figures:
    p = c.period
    open_rows = [r for r in rows if open_at_end(r, p.end)]
    return Figures(
        total=len(rows), new=sum(1 for r in rows if r["raised_on"] >= p.start),
        carried=sum(1 for r in rows if r["raised_on"] < p.start),
        resolved=sum(1 for r in rows if r["status"] == "resolved" and r["resolved_on"] and p.contains(r["resolved_on"])),
        open_at_end=len(open_rows),
        overdue=sum(1 for r in open_rows if r["deadline"] and r["deadline"] < p.end))


def _domain_table(c: Consolidation) -> AnnexSheet:
    statuses = [(s.code, s.vi) for s in obstacles.STATUSES]
    domain_labels = c.labels.get("domain", {})
    standard = [d.code for d in obstacles.DEFAULT_DOMAINS]
    # The standard domains always (zeros included), then any a commune added, by label.
    extra = sorted({r["domain"] for r in c.obstacles} - set(standard),
                   key=lambda code: vi_sort_key(domain_labels.get(code, code)))
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


def _by_unit(c: Consolidation) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for r in c.obstacles:
        out.setdefault(r["_unit"].code, []).append(r)
    return out


def _per_commune(c: Consolidation) -> AnnexSheet:
    by_unit = _by_unit(c)
    columns = (STT, Column("unit", "Đơn vị", 30), Column("state", "Tình hình nộp báo cáo", 16),
               Column("total", "Tổng số vụ việc trong kỳ", 12, "int"), Column("new", "Phát sinh trong kỳ", 12, "int"),
               Column("carried", "Từ kỳ trước chuyển sang", 12, "int"),
               Column("resolved", "Đã tháo gỡ trong kỳ", 12, "int"),
               Column("open", "Chưa tháo gỡ đến cuối kỳ", 12, "int"),
               Column("overdue", "Trong đó quá hạn xử lý", 12, "int"))
    total = figures(c.obstacles, c)
    rows = [{BOLD: True, "unit": "Tổng cộng", "state": f"{len(c.used)}/{len(c.completeness)} đã nộp",
             **_figure_values(total)}]
    for n, status in enumerate((s for s in c.completeness if s.submission), start=1):
        f = figures(by_unit.get(status.unit.code, []), c)
        rows.append({"_stt": n, "unit": status.unit.name, "state": status.state_vi, **_figure_values(f)})
    return AnnexSheet("Theo đơn vị", f"Biểu số 02/{FORM}", "TỔNG HỢP KHÓ KHĂN, VƯỚNG MẮC THEO ĐƠN VỊ",
                      columns, (TableBlock(None, tuple(rows)),), unit="vụ việc",
                      notes=("Chỉ gồm các đơn vị có báo cáo hợp lệ; tình hình nộp của mọi đơn vị tại biểu số 03.",))


def _figure_values(f: Figures) -> dict:
    return {"total": f.total, "new": f.new, "carried": f.carried, "resolved": f.resolved,
            "open": f.open_at_end, "overdue": f.overdue}


def _completeness(c: Consolidation) -> AnnexSheet:
    columns = (STT, Column("code", "Mã đơn vị", 10, align="center"), Column("unit", "Đơn vị", 28),
               Column("state", "Tình hình nộp", 16), Column("number", "Số văn bản", 14),
               Column("sent", "Thời điểm gửi", 17, align="center"), Column("due", "Hạn nộp", 12, "date"),
               Column("file", "Tệp", 30), Column("note", "Ghi chú", 20))
    rows = []
    for n, s in enumerate(c.completeness, start=1):
        sub = s.submission
        rows.append({"_stt": n, "code": str(s.unit.code), "unit": s.unit.name, "state": s.state_vi,
                     "number": sub.doc_number if sub else None,
                     "sent": format_time_date_vi(sub.sent_at) if sub else None,
                     "due": c.due, "file": sub.file if sub else None, "note": s.note or None})
    notes = (f"Đúng hạn: {c.count('on_time')}; nộp muộn: {c.count('late')}; chưa nộp: {c.count('missing')}; "
             f"tệp không hợp lệ: {c.count('rejected')} (tổng số {len(c.completeness)} đơn vị).",)
    return AnnexSheet("Tình hình nộp", f"Biểu số 03/{FORM}", "TÌNH HÌNH NỘP BÁO CÁO CỦA CÁC ĐƠN VỊ",
                      columns, (TableBlock(None, tuple(rows)),), notes=notes)


STAFFING_COLUMNS = (("office", "Cơ quan, đơn vị", 34, "text"), ("frame", "Biên chế được giao", 11, "int"),
                    ("actual", "Hiện có", 10, "int"), ("surplus", "Thừa", 9, "int"),
                    ("shortage", "Thiếu", 9, "int"), ("deputies", "Số cấp phó", 10, "int"),
                    ("deputy_cap", "Cấp phó tối đa", 10, "int"))


def _int(text: str) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def _staffing(c: Consolidation) -> AnnexSheet:
    """Per commune: its own total line (office_code "") in bold, then its offices; the sum on top."""
    columns = (STT, *(Column(k, h, w, kind) for k, h, w, kind in STAFFING_COLUMNS))
    numeric = [k for k, _, _, kind in STAFFING_COLUMNS if kind == "int"]
    by_unit: dict[int, list[dict]] = {}
    for r in c.staffing:
        by_unit.setdefault(r["_unit"].code, []).append(r)
    grand = {k: 0 for k in numeric}
    blocks = []
    for n, status in enumerate((s for s in c.completeness if s.unit.code in by_unit), start=1):
        rows = by_unit[status.unit.code]
        total = next((r for r in rows if not r.get("office_code")), None)
        total_values = {k: _int(total.get(k)) for k in numeric} if total else {k: None for k in numeric}
        for k, v in total_values.items():
            grand[k] += v or 0
        offices = tuple({"_stt": f"{n}.{i}", "office": r.get("office"), **{k: _int(r.get(k)) for k in numeric}}
                        for i, r in enumerate((r for r in rows if r.get("office_code")), start=1))
        blocks.append(TableBlock(None, ({BOLD: True, "_stt": n, "office": status.unit.name, **total_values},
                                        *offices)))
    first = TableBlock(None, ({BOLD: True, "office": "Tổng cộng", **grand},) if blocks else ())
    return AnnexSheet("Biên chế", f"Biểu số 04/{FORM}", "TỔNG HỢP BIÊN CHẾ THEO ĐƠN VỊ", columns,
                      (first, *blocks), unit="người")


def _long_list(c: Consolidation) -> LongList:
    labels = c.labels
    keys = ("domain", "title", "proposal", "level", "raised_on", "deadline", "status", "result", "resolved_on")
    columns = (STT, Column("_unit_name", "Đơn vị", 22),
               *(Column.of(_SPEC[k]) for k in keys))
    rows = sorted(c.obstacles, key=lambda r: (vi_sort_key(r["_unit"].short_name), r["raised_on"], r["title"]))
    out = []
    for n, r in enumerate(rows, start=1):
        row = {k: labels.get(k, {}).get(r[k], r[k]) if k in ("domain", "level", "status") else r[k] for k in keys}
        row.update(_stt=n, _unit_name=r["_unit"].name)
        out.append(row)
    return LongList("Danh sách KKVM", f"Biểu số 05/{FORM}", "DANH SÁCH KHÓ KHĂN, VƯỚNG MẮC CỦA CÁC ĐƠN VỊ",
                    columns, tuple(out))


def _conflicts(c: Consolidation) -> AnnexSheet:
    columns = (STT, Column("id", "Mã bản ghi", 20), Column("title", "Nội dung", 30),
               Column("fields", "Khác nhau ở", 18), Column("kept", "Giữ bản của (sửa sau cùng)", 30),
               Column("other", "Bản không dùng", 30))
    rows = tuple({"_stt": n, "id": x.record_id, "title": x.title,
                  "fields": ", ".join(_SPEC[f].vi if f in _SPEC else f for f in x.fields) or "(cùng mã ở hai đơn vị)",
                  "kept": f"{x.kept_unit}, tệp «{x.kept_file}», sửa lúc {_when(x.kept_updated_at)}",
                  "other": f"{x.other_unit}, tệp «{x.other_file}», sửa lúc {_when(x.other_updated_at)}"}
                 for n, x in enumerate(c.conflicts, start=1))
    return AnnexSheet("Xung đột", f"Biểu số 06/{FORM}", "BẢN GHI TRÙNG MÃ CÓ NỘI DUNG KHÁC NHAU", columns,
                      (TableBlock(None, rows),))


def _problems(c: Consolidation) -> AnnexSheet:
    columns = (STT, Column("file", "Tệp", 28), Column("unit", "Đơn vị", 22), Column("kind", "Vấn đề", 22),
               Column("message", "Chi tiết", 60))
    rows = tuple({"_stt": n, "file": p.file, "unit": p.unit or None, "kind": p.kind_vi, "message": p.message}
                 for n, p in enumerate(c.problems, start=1))
    return AnnexSheet("Vấn đề trong tệp", f"Biểu số 07/{FORM}", "CÁC VẤN ĐỀ PHÁT HIỆN TRONG TỆP BÁO CÁO", columns,
                      (TableBlock(None, rows),), notes=(f"Đã đọc {c.files} tệp; dùng {len(c.used)} báo cáo.",))


def _when(iso: str) -> str:
    try:
        return format_time_date_vi(datetime.fromisoformat(iso).astimezone())
    except ValueError:
        return iso


def _n(number: int) -> str:
    """Vietnamese thousands: 84.000."""
    return f"{number:,}".replace(",", ".")


def build(c: Consolidation, settings: ConsolidationSettings, signed_on: date) -> ConsolidatedReportData:
    total = figures(c.obstacles, c)
    n_units = len(c.completeness)
    cover = (
        CoverSection("I. TÌNH HÌNH NỘP BÁO CÁO", (
            f"{len(c.used)}/{n_units} đơn vị đã gửi báo cáo hợp lệ (đúng hạn: {c.count('on_time')}; "
            f"muộn: {c.count('late')}); chưa nộp: {c.count('missing')}; tệp không hợp lệ: {c.count('rejected')}. "
            f"Hạn nộp: {format_date_vi(c.due)}. Chi tiết tại biểu số 03/{FORM}.",)),
        CoverSection("II. KHÓ KHĂN, VƯỚNG MẮC", (
            f"1. Tổng số khó khăn, vướng mắc trong kỳ: {_n(total.total)} vụ việc (phát sinh trong kỳ: "
            f"{_n(total.new)}; từ kỳ trước chuyển sang: {_n(total.carried)}).",
            f"2. Đã tháo gỡ trong kỳ: {_n(total.resolved)} vụ việc.",
            f"3. Chưa tháo gỡ đến cuối kỳ: {_n(total.open_at_end)} vụ việc (quá hạn xử lý: {_n(total.overdue)}).",
            f"4. Chi tiết theo lĩnh vực tại biểu số 01/{FORM}, theo đơn vị tại biểu số 02/{FORM}, "
            f"danh sách tại biểu số 05/{FORM}.")),
        CoverSection("III. BIÊN CHẾ", (
            f"Số liệu biên chế của {len({r['_unit'].code for r in c.staffing})} đơn vị tại biểu số 04/{FORM}.",)),
        CoverSection("IV. KIỂM TRA TỆP BÁO CÁO", (
            f"Đã đọc {c.files} tệp; {len(c.problems)} vấn đề phát hiện trong tệp (biểu số 07/{FORM}); "
            f"{len(c.conflicts)} bản ghi trùng mã có nội dung khác nhau (biểu số 06/{FORM}).",)),
    )
    return ConsolidatedReportData(
        header=_header(c, settings, signed_on), cover=cover, closing="",
        annexes=(_domain_table(c), _per_commune(c), _completeness(c), _staffing(c)), long_list=_long_list(c),
        after=(_conflicts(c), _problems(c)))


def export(c: Consolidation, out: Path, settings: ConsolidationSettings, signed_on: date | None = None) -> None:
    write_consolidated_report(build(c, settings, signed_on or date.today()), Path(out))
