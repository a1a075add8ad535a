"""Consolidating communes' periodic reports: check each file, merge records by ID, completeness."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from desk.domain import deadlines, units
from desk.domain.deadlines import DueRule
from desk.domain.lang import t
from desk.domain.periods import Period, format_date_vi
from desk.domain.units import ProvinceInfo, Unit
from desk.errors import UserError
from desk.importers import worker
from desk.importers.desk_report import ReportFile, ReportFileError, read_report
from desk.importers.safety import RefusedFile
from desk.domain.formats import format_time_date_vi
from desk.domain.registers.obstacles import REGISTER as OBSTACLES

# Files a folder may hold that are worth a look: anything Excel-like is checked (and a .xls or
# .xlsm is then refused with its reason); other files (signed PDFs, scans) are left alone.
EXCEL_LIKE = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".xltx", ".xltm", ".ods"})

# Problem kinds, in the order the problems sheet groups them.
KINDS = ("unsafe", "too_heavy", "unreadable", "corrupt", "not_desk", "too_new", "tampered", "bad_data", "unknown_unit",
         "other_province", "wrong_period", "duplicate", "draft")
KIND_VI = {
    "unsafe": "Tệp không an toàn / không phải .xlsx",
    "too_heavy": "Tệp quá nặng (vượt giới hạn bộ nhớ hoặc thời gian đọc)", "unreadable": "Không đọc được tệp",
    "corrupt": "Tệp hỏng", "not_desk": "Không phải báo cáo Desk", "too_new": "Phiên bản Desk mới hơn",
    "tampered": "Tệp bị sửa sau khi xuất", "bad_data": "Dữ liệu sai", "unknown_unit": "Đơn vị không có trong danh mục",
    "other_province": "Đơn vị thuộc tỉnh khác", "wrong_period": "Sai kỳ báo cáo",
    "duplicate": "Trùng báo cáo của cùng đơn vị", "draft": "Bản nháp (chưa có số)",
}
# A file with one of these is not used at all; "duplicate" and "draft" files are used.
REJECTING = frozenset(KINDS) - {"duplicate", "draft"}
DATE_COLUMNS = tuple(f.name for f in OBSTACLES.fields if f.codec.python_type is date)
MERGE_IGNORES = frozenset({"carried_over"})   # differs between periods, not a change of the record


class ConsolidationCancelled(Exception):
    """The user cancelled; nothing was written."""


@dataclass(frozen=True)
class Problem:
    file: str
    kind: str
    message: str
    unit: str = ""

    @property
    def kind_vi(self) -> str:
        return KIND_VI.get(self.kind, self.kind)


@dataclass
class Submission:
    """A usable file: a report of the right period from a unit of the province."""

    report: ReportFile
    unit: Unit
    generated_at: datetime
    submitted_at: datetime | None
    doc_number: str

    @property
    def sent_at(self) -> datetime:
        return self.submitted_at or self.generated_at

    @property
    def file(self) -> str:
        return self.report.path.name


@dataclass(frozen=True)
class Conflict:
    """Two different versions of one record: the newest (updated_at) is kept."""

    record_id: str
    title: str
    fields: tuple[str, ...]
    kept_unit: str
    kept_file: str
    kept_updated_at: str
    other_unit: str
    other_file: str
    other_updated_at: str


@dataclass(frozen=True)
class UnitStatus:
    """A line of the completeness matrix."""

    unit: Unit
    state: str                    # on_time | late | missing | rejected
    submission: Submission | None = None
    days_late: int = 0
    note: str = ""

    @property
    def state_vi(self) -> str:
        return {"on_time": "Đúng hạn", "late": f"Muộn {self.days_late} ngày",
                "missing": "Chưa nộp", "rejected": "Tệp không hợp lệ"}[self.state]


@dataclass
class Consolidation:
    province: ProvinceInfo
    period: Period
    due: date
    files: int
    used: list[Submission]
    problems: list[Problem]
    obstacles: list[dict]          # merged; each row has "_unit" (the Unit) besides its fields
    staffing: list[dict]
    conflicts: list[Conflict]
    completeness: list[UnitStatus]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)   # field -> code -> Vietnamese
    procedures: list[dict] = field(default_factory=list)     # one row per unit that has figures
    needs: list[dict] = field(default_factory=list)          # per unit and profession

    def count(self, state: str) -> int:
        return sum(1 for s in self.completeness if s.state == state)


# --- which files ------------------------------------------------------------------------------

def collect_files(items: Iterable[Path | str]) -> list[Path]:
    """Named files as they are; folders give their Excel-like files (not Excel's "~$" lock files)."""
    found: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXCEL_LIKE
                                and not p.name.startswith(("~$", ".~"))))
        elif path.exists():
            found.append(path)
        else:
            raise UserError(t(f"Không tìm thấy tệp hoặc thư mục «{path}».", f"No such file or folder «{path}»."))
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise UserError(t("Không có tệp Excel nào để tổng hợp.", "There is no Excel file to consolidate."))
    return unique


# --- checking one file -----------------------------------------------------------------------

def _moment(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _check(report: ReportFile, period: Period, province: int | None) -> Submission:
    """The file as a submission, or ReportFileError saying why it cannot be used."""
    m, name = report.manifest, report.path.name
    if not report.intact:
        raise ReportFileError("tampered", t(
            f"Tệp «{name}» đã bị sửa sau khi xuất: mã kiểm tra dữ liệu không khớp. "
            "Đề nghị đơn vị gửi lại tệp gốc do Desk xuất.",
            f"«{name}» was edited after export: its data check does not match. Ask the unit for the original file."))
    try:
        unit = units.unit(m.get("unit_code"))
    except UserError:
        raise ReportFileError("unknown_unit", t(
            f"Tệp «{name}»: mã đơn vị «{m.get('unit_code')}» không có trong danh mục đơn vị hành chính.",
            f"«{name}»: the unit code «{m.get('unit_code')}» is not in the official list.")) from None
    if province is not None and unit.province.code != province:
        raise ReportFileError("other_province", t(
            f"Tệp «{name}» là báo cáo của {unit.display}, không thuộc tỉnh, thành phố đang tổng hợp.",
            f"«{name}» is the report of {unit.display}, outside the province being consolidated."))
    if (m.get("period_start"), m.get("period_end")) != (period.start.isoformat(), period.end.isoformat()):
        raise ReportFileError("wrong_period", t(
            f"Tệp «{name}» là báo cáo {m.get('period_label') or m.get('period_code')} "
            f"(từ {_vi_date(m.get('period_start'))} đến {_vi_date(m.get('period_end'))}), "
            f"không phải kỳ {period.label_vi} ({format_date_vi(period.start)}–{format_date_vi(period.end)}).",
            f"«{name}» is the report of {m.get('period_code')}, not of {period.code}."))
    generated = _moment(m.get("generated_at"))
    if generated is None:
        raise ReportFileError("bad_data", t(f"Tệp «{name}»: thời điểm lập báo cáo «{m.get('generated_at')}» không hợp lệ.",
                                            f"«{name}»: the time of export «{m.get('generated_at')}» is not valid."))
    _check_rows(report, unit)
    submitted = _moment(m.get("submitted_at")) if m.get("submitted") == "1" else None
    return Submission(report, unit, generated, submitted, m.get("doc_number"))


def _vi_date(iso: str) -> str:
    try:
        return format_date_vi(date.fromisoformat(iso))
    except ValueError:
        return iso


def _check_rows(report: ReportFile, unit: Unit) -> None:
    """Each obstacle row: its unit, a known domain, real dates; the first fault rejects the file."""
    name = report.path.name
    known = {r["code"] for r in report.rows("choices") if r["field"] == "domain"}
    for number, row in enumerate(report.rows("obstacles"), start=1):
        where = t(f"Tệp «{name}», khối dữ liệu «obstacles», dòng {number}", f"«{name}», block «obstacles», row {number}")
        if not row.get("id"):
            raise ReportFileError("bad_data", t(f"{where}: thiếu mã bản ghi (id).", f"{where}: the record ID is missing."))
        if row.get("unit_code") != str(unit.code):
            raise ReportFileError("bad_data", t(
                f"{where}: bản ghi của đơn vị mã «{row.get('unit_code')}», không phải {unit.name} ({unit.code}).",
                f"{where}: a record of unit «{row.get('unit_code')}», not of {unit.name} ({unit.code})."))
        if row.get("domain") not in known:
            raise ReportFileError("bad_data", t(f"{where}, cột «domain»: lĩnh vực «{row.get('domain')}» không có trong danh mục.",
                                                f"{where}, column «domain»: unknown domain «{row.get('domain')}»."))
        for column in DATE_COLUMNS:
            value = row.get(column, "")
            if value:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise ReportFileError("bad_data", t(f"{where}, cột «{column}»: «{value}» không phải ngày.",
                                                        f"{where}, column «{column}»: «{value}» is not a date.")) from None
        if _moment(row.get("updated_at", "")) is None:
            raise ReportFileError("bad_data", t(f"{where}, cột «updated_at»: «{row.get('updated_at')}» không phải thời điểm.",
                                                f"{where}, column «updated_at»: «{row.get('updated_at')}» is not a time."))


# --- the run ---------------------------------------------------------------------------------

Progress = Callable[[int, int, str], bool]     # (done, total, file name) -> go on?


def consolidate(items: Iterable[Path | str], period: Period, *, province_code: int | None = None,
                due_rule: DueRule = deadlines.DEFAULT_RULE, progress: Progress | None = None) -> Consolidation:
    """Read and check every file, then merge. ConsolidationCancelled if progress says stop."""
    paths = collect_files(items)
    problems: list[Problem] = []
    reports = _read_all(paths, problems, progress)
    province = units.province(province_code) if province_code else _guess_province(reports)
    used: list[Submission] = []
    rejected_units: dict[int, Problem] = {}
    for report in reports:
        try:
            used.append(_check(report, period, province.code))
        except ReportFileError as exc:
            unit_name = report.manifest.get("unit_name")
            problems.append(Problem(report.path.name, exc.kind, str(exc), unit_name))
            code = report.manifest.get("unit_code")
            if code.isdigit():
                rejected_units.setdefault(int(code), problems[-1])
    due = deadlines.due_date(period, due_rule)
    newest = _newest_per_unit(used, problems)
    for s in newest.values():
        if s.submitted_at is None:
            problems.append(Problem(s.file, "draft", t(
                f"Tệp «{s.file}» là bản nháp (chưa xuất để nộp, chưa có số văn bản); vẫn được tổng hợp.",
                f"«{s.file}» is a draft (not exported for submission, no number); it is still consolidated."),
                s.unit.name))
    obstacles, conflicts = _merge(used)
    staffing = [dict(row, _unit=s.unit) for s in newest.values() for row in s.report.rows("staffing")]
    procedures = [dict(row, _unit=s.unit) for s in newest.values() for row in s.report.rows("procedures")]
    needs = [dict(row, _unit=s.unit) for s in newest.values() for row in s.report.rows("needs")]
    completeness = _completeness(province, newest, rejected_units, due)
    problems.sort(key=lambda p: (KINDS.index(p.kind) if p.kind in KINDS else len(KINDS), p.file))
    return Consolidation(province, period, due, len(paths), sorted(newest.values(), key=lambda s: s.unit.name),
                         problems, obstacles, staffing, conflicts, completeness, _labels(newest.values()),
                         procedures, needs)


def _read_all(paths: list[Path], problems: list[Problem], progress: Progress | None) -> list[ReportFile]:
    """Every file read in worker processes (one per core, at most two: the window needs a core too);
    a file that ends its worker (memory, deadline) is listed and the others go on."""
    done = 0

    def cancelled() -> bool:     # asked while the workers read, so Cancel works during a slow file
        return progress is not None and not progress(done, len(paths), "")

    if cancelled():
        raise ConsolidationCancelled()
    order = {path: i for i, path in enumerate(paths)}
    read: list[tuple[int, ReportFile]] = []
    workers = max(1, min(2, os.cpu_count() or 1))
    try:
        for outcome in worker.read_all(read_report, paths, workers=workers, cancelled=cancelled):
            done += 1
            if isinstance(outcome.error, ReportFileError):
                problems.append(Problem(outcome.path.name, outcome.error.kind, str(outcome.error)))
            elif isinstance(outcome.error, RefusedFile):   # its worker ran out of memory or time
                problems.append(Problem(outcome.path.name, "too_heavy", str(outcome.error)))
            elif outcome.error is not None:
                raise outcome.error
            else:
                read.append((order[outcome.path], outcome.value))
            if progress is not None and not progress(done, len(paths), outcome.path.name):
                raise ConsolidationCancelled()
    except worker.Cancelled:
        raise ConsolidationCancelled() from None
    return [report for _, report in sorted(read, key=lambda pair: pair[0])]


def _guess_province(reports: list[ReportFile]) -> ProvinceInfo:
    """The province most files come from (the others are then flagged)."""
    codes = Counter()
    for r in reports:
        try:
            codes[units.unit(r.manifest.get("unit_code")).province.code] += 1
        except UserError:
            continue
    if not codes:
        raise UserError(t("Không có tệp báo cáo Desk hợp lệ nào để xác định tỉnh, thành phố. "
                          "Hãy chọn tỉnh, thành phố tổng hợp.",
                          "No valid Desk report tells which province this is. Choose the province."))
    return units.province(codes.most_common(1)[0][0])


def _newest_per_unit(used: list[Submission], problems: list[Problem]) -> dict[int, Submission]:
    by_unit: dict[int, list[Submission]] = {}
    for s in used:
        by_unit.setdefault(s.unit.code, []).append(s)
    newest = {}
    for code, subs in by_unit.items():
        # Submitted files outrank drafts; among equals, the one made last is the unit's report.
        subs.sort(key=lambda s: (s.submitted_at is not None, s.sent_at))
        newest[code] = subs[-1]
        for older in subs[:-1]:
            problems.append(Problem(older.file, "duplicate", t(
                f"{older.unit.name} gửi nhiều báo cáo cho kỳ này. Tệp «{older.file}» (lập lúc "
                f"{format_time_date_vi(older.generated_at)}) không phải bản mới nhất; dùng tệp «{subs[-1].file}» "
                f"(lập lúc {format_time_date_vi(subs[-1].generated_at)}); bản ghi trùng được gộp theo mã, giữ bản sửa sau cùng.",
                f"{older.unit.name} sent several reports for this period. «{older.file}» is not the newest; "
                f"«{subs[-1].file}» is used; records are merged by ID, the latest edit kept."), older.unit.name))
    return newest


def _merge(used: list[Submission]) -> tuple[list[dict], list[Conflict]]:
    """One row per record ID: the version edited last wins; differing versions are conflicts.

    The same ID from two different units is always listed, even with equal content: IDs are
    random, so it means a record was copied between databases.
    """
    kept: dict[str, tuple[dict, Submission]] = {}
    conflicts: list[Conflict] = []
    for s in sorted(used, key=lambda s: s.sent_at):    # on equal edit times the later file wins
        for row in s.report.rows("obstacles"):
            rid = row["id"]
            if rid not in kept:
                kept[rid] = (row, s)
                continue
            old, old_s = kept[rid]
            differing = tuple(k for k in row if k not in MERGE_IGNORES and k != "updated_at"
                              and row.get(k) != old.get(k))
            newer = _moment(row["updated_at"]) >= _moment(old["updated_at"])
            (k_row, k_s), (o_row, o_s) = ((row, s), (old, old_s)) if newer else ((old, old_s), (row, s))
            if differing or old_s.unit.code != s.unit.code:
                conflicts.append(Conflict(rid, k_row.get("title", ""), differing, k_s.unit.name, k_s.file,
                                          k_row["updated_at"], o_s.unit.name, o_s.file, o_row["updated_at"]))
            kept[rid] = (k_row, k_s)
    rows = [dict(row, _unit=s.unit, **{k: _day(row.get(k, "")) for k in DATE_COLUMNS}) for row, s in kept.values()]
    return rows, conflicts


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _completeness(province: ProvinceInfo, newest: dict[int, Submission], rejected: dict[int, Problem],
                  due: date) -> list[UnitStatus]:
    out = []
    for unit in units.units_of(province.code):
        s = newest.get(unit.code)
        if s is None:
            problem = rejected.get(unit.code)
            if problem is not None:
                out.append(UnitStatus(unit, "rejected", note=problem.kind_vi))
            else:
                out.append(UnitStatus(unit, "missing"))
            continue
        # The commune's own clock: the date part of its local time is the day it sent the report.
        sent = s.sent_at.date()
        late = deadlines.days_late(due, sent)
        note = "" if s.submitted_at else KIND_VI["draft"]
        out.append(UnitStatus(unit, "late" if late else "on_time", s, late, note))
    return out


def _labels(subs: Iterable[Submission]) -> dict[str, dict[str, str]]:
    """Codes to Vietnamese labels, from the choice lists the files carry (a commune may add domains)."""
    labels: dict[str, dict[str, str]] = {}
    for s in subs:
        for row in s.report.rows("choices"):
            labels.setdefault(row["field"], {}).setdefault(row["code"], row["vi"])
    return labels
