"""Consolidating communes' periodic reports: check each file, merge records by ID, completeness."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from itertools import batched, chain
from pathlib import Path

from desk.domain import deadlines, replies, unit_lists, units
from desk.domain.deadlines import DueRule
from desk.domain.formats import format_count, format_number_vi, format_time_date_vi
from desk.domain.lang import t
from desk.domain.periods import Period, format_date_vi
from desk.domain.register import Record
from desk.domain.units import ProvinceInfo, Unit
from desk.errors import UserError
from desk.importers import worker
from desk.importers.desk_report import (
    REPLY_FILE,
    OpenedReport,
    ReportFile,
    ReportFileError,
    data_rows,
    open_report,
    tampered,
    whole,
    written_as,
)
from desk.importers.safety import RefusedFile
from desk.reports.manifest import CONSOLIDATED_FORMAT, HASH_KEY, DataHasher, DataSheetError, Manifest, stream_blocks
from desk.reports.texts import ILLEGAL_CHARACTERS_RE, any_illegal
from desk.services import printed_check
from desk.services.full_collections import rare_collections
from desk.services.printed_check import DATE_COLUMNS, Days, Edit, type_dates

# Files a folder may hold that are worth a look: anything Excel-like is checked (and a .xls or
# .xlsm is then refused with its reason); other files (signed PDFs, scans) are left alone.
EXCEL_LIKE = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".xltx", ".xltm", ".ods"})

# Problem kinds, in the order the problems sheet groups them.
KINDS = ("unsafe", "too_heavy", "unreadable", "corrupt", "not_desk", "too_new", "tampered", "bad_data", "unknown_unit",
         "unmapped_unit", "other_province", "wrong_period", "edited", "draft", "duplicate")
KIND_VI = {
    "unsafe": "Tệp không an toàn / không phải .xlsx",
    "too_heavy": "Tệp quá nặng (vượt giới hạn bộ nhớ hoặc thời gian đọc)", "unreadable": "Không đọc được tệp",
    "corrupt": "Tệp hỏng", "not_desk": "Không phải báo cáo Desk", "too_new": "Phiên bản Desk mới hơn",
    "tampered": "Tệp bị sửa sau khi xuất", "bad_data": "Dữ liệu sai", "unknown_unit": "Đơn vị không có trong danh mục",
    "unmapped_unit": "Không đối chiếu được mã đơn vị giữa các phiên bản danh mục",
    "other_province": "Đơn vị thuộc tỉnh khác", "wrong_period": "Sai kỳ báo cáo",
    "edited": "Số liệu in sửa sau khi xuất", "draft": "Dự thảo, chưa nộp",
    "duplicate": "Trùng báo cáo của cùng đơn vị",
}
# A file with one of these is not used at all; drafts and edited files as the province chooses.
REJECTING = frozenset(KINDS) - {"duplicate", "draft", "edited"}
MERGE_IGNORES = frozenset({"carried_over"})   # differs between periods, not a change of the record
# The data blocks a consolidation uses (the others, e.g. the commune's texts, stay in its file).
USED_BLOCKS = frozenset({"obstacles", "staffing", "procedures", "needs", "movements", "visits", "initiatives",
                         "choices"})
SHOWN_EDITS = 5                               # edits named in a problem's text (all are in the file)


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
    """One unit's report: a commune's own file, or its rows inside a consolidated workbook (`via`)."""

    unit: Unit
    generated_at: datetime
    submitted_at: datetime | None
    doc_number: str
    file: str                                  # the commune's file name
    blocks: dict[str, list[Record]]            # its data: USED_BLOCKS
    data_hash: str = ""                        # the commune file's data SHA-256
    file_hash: str = ""                        # the commune file's SHA-256 (when read here)
    units_version: str = ""
    via: str = ""                              # the consolidated workbook it came in, "" for its own file
    edits: tuple[Edit, ...] = ()               # printed figures its data does not give

    @property
    def sent_at(self) -> datetime:
        return self.submitted_at or self.generated_at

    @property
    def draft(self) -> bool:
        return self.submitted_at is None

    @property
    def source(self) -> str:
        """The file read: the commune's, or the consolidation it came in."""
        return self.via or self.file

    @property
    def where(self) -> str:
        return f"«{self.file}» (trong tệp tổng hợp «{self.via}»)" if self.via else f"«{self.file}»"

    def rows(self, block: str) -> list[Record]:
        return self.blocks.get(block, [])


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
    state: str                    # on_time | late | missing | rejected | draft | edited
    submission: Submission | None = None
    days_late: int = 0
    note: str = ""

    @property
    def state_vi(self) -> str:
        return {"on_time": "Đúng hạn", "late": f"Muộn {self.days_late} ngày",
                "missing": "Chưa nộp", "rejected": "Tệp không hợp lệ", "draft": "Dự thảo, chưa nộp",
                "edited": "Số liệu in bị sửa"}[self.state]


@dataclass(frozen=True)
class Source:
    """A file read: its name, SHA-256, kind, and how many units' reports it carried."""

    file: str
    sha256: str
    kind: str                     # "commune" | "consolidated"
    units: int


@dataclass
class Consolidation:
    province: ProvinceInfo | None  # None: the ministry, every province
    period: Period
    due: date
    files: int
    used: list[Submission]
    problems: list[Problem]
    obstacles: list[Record]        # merged; each row has "_unit" (the Unit) besides its fields
    staffing: list[Record]
    conflicts: list[Conflict]
    completeness: list[UnitStatus]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)   # field -> code -> Vietnamese
    procedures: list[Record] = field(default_factory=list)   # one row per unit that has figures
    needs: list[Record] = field(default_factory=list)        # per unit and profession
    drafts: list[Submission] = field(default_factory=list)   # units whose only report is a draft, left out
    edited: list[Submission] = field(default_factory=list)   # files whose printed figures were edited
    include_drafts: bool = False
    include_edited: bool = False
    sources: list[Source] = field(default_factory=list)
    # The units' period lists, each row with "_unit": movements, field visits, initiatives.
    movements: list[Record] = field(default_factory=list)
    visits: list[Record] = field(default_factory=list)
    initiatives: list[Record] = field(default_factory=list)
    read: list[Path] = field(default_factory=list)             # the files read, resolved

    def count(self, state: str) -> int:
        return sum(1 for s in self.completeness if s.state == state)

    @property
    def national(self) -> bool:
        return self.province is None

    @property
    def area_name(self) -> str:
        return self.province.name if self.province else "toàn quốc"

    @property
    def of_area(self) -> str:
        """Whose reports, inside a sentence: "của thành phố Hải Phòng", "trên toàn quốc"."""
        return f"của {self.province.in_sentence}" if self.province else "trên toàn quốc"

    @property
    def drafts_used(self) -> list[Submission]:
        return [s for s in self.used if s.draft]

    @property
    def edited_used(self) -> list[Submission]:
        return [s for s in self.used if s.edits]


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


def without_output(paths: list[Path], writing: Path | None) -> list[Path]:
    """The files to read, never the one the result goes to: an earlier result there (a consolidation
    or a reply workbook, written again into the folder it reads) is left out, and any other file
    (a commune's report) is refused, not overwritten."""
    if writing is None or Path(writing).resolve() not in paths:
        return paths
    target = Path(writing).resolve()
    if worker.read_one(written_as, target) not in (CONSOLIDATED_FORMAT, replies.FORMAT):
        raise UserError(t(
            f"Tệp kết quả «{target.name}» là một trong các tệp đang tổng hợp; ghi vào đó sẽ mất tệp ấy. "
            "Hãy chọn tên tệp kết quả khác hoặc ghi sang thư mục khác.",
            f"The output «{target.name}» is one of the files being consolidated; writing it would lose that "
            "file. Choose another name or folder for the output."))
    paths = [p for p in paths if p != target]
    if not paths:
        raise UserError(t("Không có tệp Excel nào để tổng hợp.", "There is no Excel file to consolidate."))
    return paths


# --- checking one file -----------------------------------------------------------------------

def _moment(text: str | None) -> datetime | None:
    """A time from a file; one without its offset is taken as this computer's local time (times with
    and without offsets cannot be compared, and a file may carry either)."""
    try:
        moment = datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
    return moment.astimezone() if moment is not None and moment.tzinfo is None else moment


def _vi_date(iso: str) -> str:
    try:
        return format_date_vi(date.fromisoformat(iso))
    except ValueError:
        return iso


def _check_file(report: ReportFile, period: Period) -> None:
    """What holds for the whole file, commune's or consolidated: intact, of this period."""
    _check_manifest(report.manifest, report.path.name, report.intact, period)


def _check_manifest(m: Manifest, name: str, intact: bool, period: Period) -> None:
    if not intact:
        raise ReportFileError("tampered", t(
            f"Tệp «{name}» đã bị sửa sau khi xuất: mã kiểm tra dữ liệu không khớp. "
            "Đề nghị đơn vị gửi lại tệp gốc do Desk xuất.",
            f"«{name}» was edited after export: its data check does not match. Ask the unit for the original file."))
    if (m.get("period_start"), m.get("period_end")) != (period.start.isoformat(), period.end.isoformat()):
        raise ReportFileError("wrong_period", t(
            f"Tệp «{name}» là báo cáo {m.get('period_label') or m.get('period_code')} "
            f"(từ {_vi_date(m.get('period_start'))} đến {_vi_date(m.get('period_end'))}), "
            f"không phải kỳ {period.label_vi} ({format_date_vi(period.start)}–{format_date_vi(period.end)}).",
            f"«{name}» is the report of {m.get('period_code')}, not of {period.code}."))


def _unit_of(code: str, version: str, name: str) -> Unit:
    """Today's unit that code meant in the file's list version, or ReportFileError saying why not."""
    unit = unit_lists.current_unit(code, version)
    if unit is not None:
        return unit
    version = version or unit_lists.LEGACY_VERSION
    if version not in unit_lists.versions():
        raise ReportFileError("unmapped_unit", t(
            f"Tệp «{name}»: mã đơn vị «{code}» theo danh mục phiên bản {version}, phiên bản Desk này chưa biết; "
            "không đối chiếu được với danh mục hiện hành. Hãy cập nhật Desk.",
            f"«{name}»: unit code «{code}» of list version {version}, which this Desk does not know. Update Desk."))
    raise ReportFileError("unknown_unit", t(
        f"Tệp «{name}»: mã đơn vị «{code}» không có trong danh mục đơn vị hành chính (phiên bản {version}).",
        f"«{name}»: the unit code «{code}» is not in the official list (version {version})."))


def _commune(report: ReportFile, period: Period) -> Submission:
    """A commune's own file as a submission, or ReportFileError saying why it cannot be used."""
    m, name = report.manifest, report.path.name
    _check_file(report, period)
    unit = _unit_of(m.get("unit_code"), m.get("units_version"), name)
    generated = _moment(m.get("generated_at"))
    if generated is None:
        raise ReportFileError("bad_data",
                              t(f"Tệp «{name}»: thời điểm lập báo cáo «{m.get('generated_at')}» không hợp lệ.",
                                            f"«{name}»: the time of export «{m.get('generated_at')}» is not valid."))
    blocks = {b: report.rows(b) for b in report.blocks if b in USED_BLOCKS}
    for block, rows in blocks.items():
        _check_characters(name, block, rows)
    days: Days = {}
    type_dates(blocks.get("obstacles", ()), days)
    _check_rows(name, blocks, m.get("unit_code"))
    _restamp(blocks, unit)
    share(blocks.get("obstacles", ()))
    submitted = _moment(m.get("submitted_at")) if m.get("submitted") == "1" else None
    return Submission(unit, generated, submitted, m.get("doc_number"), name, blocks, m.get("data_sha256"),
                      report.file_hash, m.get("units_version") or unit_lists.LEGACY_VERSION,
                      edits=tuple(printed_check.edits(report, period, blocks.get("obstacles", []))))


# Columns with few distinct values: one string object each, not one per row (memory at the ministry).
SHARED_TEXT = frozenset({"domain", "status", "level", "source", "carried_over"})
_SHARED_KEYS = tuple(SHARED_TEXT)


def _restamp(blocks: dict[str, list[Record]], unit: Unit) -> None:
    """Rows carry today's code of their unit (the file may use another list version's)."""
    code = sys.intern(str(unit.code))
    for name, rows in blocks.items():
        if name != "choices":
            for row in rows:
                row["unit_code"] = code


def share(rows: Sequence[Record], days: Days | None = None) -> None:
    """The few-valued columns' texts as one object each (interned), and with days each day as one date
    object: done where rows are made and again where they arrive, since a process boundary makes a copy
    of each (where they are made, type_dates shared the days already)."""
    intern = sys.intern
    shared = _SHARED_KEYS
    for row in rows:
        for key in shared:      # a lookup per key: no set made per row, as intersection() made
            if key in row:
                row[key] = intern(row[key])
    if days is not None:
        day = days.setdefault
        for row in rows:
            for key in DATE_COLUMNS:
                value = row.get(key)
                if value is not None:
                    row[key] = day(value, value)


def _check_rows(name: str, blocks: dict[str, list[Record]], unit_code: str) -> None:
    """Each obstacle row: its unit, a known domain, real dates; the first fault rejects the file."""
    known = {r["code"] for r in blocks.get("choices", ()) if r["field"] == "domain"}
    for number, row in enumerate(blocks.get("obstacles", ()), start=1):
        fault = _fault(name, number, row, unit_code)
        if row.get("domain") not in known and (fault is None or fault[0] > _DOMAIN):
            fault = _DOMAIN, _domain_fault(name, number, row.get("domain"))
        if fault is not None:
            raise ReportFileError("bad_data", fault[1])


def _check_characters(name: str, block: str, rows: Sequence[Record], first: int = 1) -> None:
    """ReportFileError for the first value holding a character no cell can hold (a control character): Desk
    never writes one, so the data was written outside Desk, and the province's workbook could not hold it.
    first: the number of the first of rows in its block."""
    try:
        if not any_illegal(chain.from_iterable(map(dict.values, rows))):
            return
    except TypeError:       # a value that is not text (Desk's data sheet holds none): each is looked at
        pass
    for number, row in enumerate(rows, start=first):
        for column, value in row.items():
            found = ILLEGAL_CHARACTERS_RE.search(value) if isinstance(value, str) and not value.isprintable() else None
            if found is not None:
                code = ord(found.group())
                raise ReportFileError("bad_data", t(
                    f"Tệp «{name}», khối dữ liệu «{block}», dòng {number}, cột «{column}»: có ký tự điều khiển "
                    f"U+{code:04X}, Desk không bao giờ ghi ký tự này; dữ liệu kèm theo đã bị sửa ngoài Desk.",
                    f"«{name}», block «{block}», row {number}, column «{column}»: a control character U+{code:04X}, "
                    "which Desk never writes; the data was changed outside Desk."))


_DOMAIN = 1     # a row's checks in order: its ID and unit (0), its domain (1), its dates (2)


def _where(name: str, number: int) -> str:
    return t(f"Tệp «{name}», khối dữ liệu «obstacles», dòng {number}", f"«{name}», block «obstacles», row {number}")


def _domain_fault(name: str, number: int, domain: str | None) -> str:
    where = _where(name, number)
    return t(f"{where}, cột «domain»: lĩnh vực «{domain}» không có trong danh mục.",
             f"{where}, column «domain»: unknown domain «{domain}».")


def _fault(name: str, number: int, row: Record, unit_code: str) -> tuple[int, str] | None:
    """An obstacle row's first fault but its domain's (checked apart: the choice list may come after the
    rows), with the stage of the check that found it."""
    if not row.get("id"):
        where = _where(name, number)
        return 0, t(f"{where}: thiếu mã bản ghi (id).", f"{where}: the record ID is missing.")
    if row.get("unit_code") != unit_code:
        where = _where(name, number)
        return 0, t(f"{where}: bản ghi của đơn vị mã «{row.get('unit_code')}», không phải đơn vị mã {unit_code}.",
                    f"{where}: a record of unit «{row.get('unit_code')}», not of unit {unit_code}.")
    for column in DATE_COLUMNS:
        value = row.get(column)
        if type(value) is str:         # type_dates left it: not a date
            where = _where(name, number)
            return 2, t(f"{where}, cột «{column}»: «{value}» không phải ngày.",
                        f"{where}, column «{column}»: «{value}» is not a date.")
    if _moment(row.get("updated_at", "")) is None:
        where = _where(name, number)
        return 2, t(f"{where}, cột «updated_at»: «{row.get('updated_at')}» không phải thời điểm.",
                    f"{where}, column «updated_at»: «{row.get('updated_at')}» is not a time.")
    return None


class _RowChecks:
    """_check_rows for a consolidation read row by row: per unit code (as the file writes it), the first
    fault found so far and the first row of each domain, judged once the choice list is read."""

    def __init__(self, name: str):
        self.name = name
        self.counts: Counter[str] = Counter()
        self.faults: dict[str, tuple[int, int, str]] = {}          # code -> (row, stage, message)
        self.domains: dict[str, dict[str | None, int]] = {}        # code -> domain -> its first row

    def add(self, rows: Iterable[Record]) -> None:
        for row in rows:
            code = row.get("unit_code", "")
            number = self.counts[code] = self.counts[code] + 1
            self.domains.setdefault(code, {}).setdefault(row.get("domain"), number)
            if code not in self.faults:
                fault = _fault(self.name, number, row, code)
                if fault is not None:
                    self.faults[code] = (number, *fault)

    def check(self, code: str, known: set[str]) -> None:
        """ReportFileError for the unit's first faulty row, as _check_rows would name it."""
        found = [self.faults[code]] if code in self.faults else []
        found += [(number, _DOMAIN, _domain_fault(self.name, number, domain))
                  for domain, number in self.domains.get(code, {}).items() if domain not in known]
        if found:
            raise ReportFileError("bad_data", min(found)[2])


ROWS_SENT = 2000      # rows of a consolidation sent to the consolidating process at a time
Part = tuple[str, list[Record]]         # a block's name and some of its rows, from a reading worker


def _consolidated(opened: OpenedReport, period: Period,
                  out: Examined) -> Generator[Part, None, list[tuple[Submission, str]]]:
    """The units' reports inside a consolidated workbook (a province's, for the ministry; or an earlier
    consolidation redone after a late commune). A unit it cannot place is listed, the rest are used.

    Its data sheet is read row by row (a consolidation of the whole country has 664,200 rows: held
    whole, they took a reader past its memory ceiling): the units' rows are checked, counted for the
    printed figures, hashed and sent on in parts, each with the unit code the file gives it, and their
    units' reports returned with that code (their rows other than the choice list arrive apart)."""
    m, name = opened.manifest, opened.path.name
    right_period = (m.get("period_start"), m.get("period_end")) == (period.start.isoformat(), period.end.isoformat())
    hasher, tally, checks = DataHasher(), printed_check.Tally(period), _RowChecks(name)
    days: Days = {}
    communes: list[Record] = []
    choices: list[Record] = []
    read: Counter[str] = Counter()            # rows of each block read so far
    units_of: dict[str, Unit | ReportFileError] = {}
    try:
        for block, columns, body in stream_blocks(data_rows(opened)):
            hasher.block(block, columns)
            if block in ("communes", "sources", "choices"):       # a few rows: held
                rows = list(body)
                hasher.rows(rows)
                held = [dict(zip(columns, row)) for row in rows]
                if block == "communes":
                    communes = held
                    units_of = _commune_units(communes, m, name)
                elif block == "choices":
                    choices = held
                continue
            for batch in batched(body, ROWS_SENT):
                hasher.rows(batch)
                records = [dict(zip(columns, row)) for row in batch]
                del batch
                _check_characters(name, block, records, read[block] + 1)
                read[block] += len(records)
                if block == "obstacles":
                    type_dates(records, days)
                    checks.add(records)
                    tally.add(records)
                elif block in printed_check.ACTIVITY_BLOCKS:
                    tally.add_block(block, records)
                # Only the rows of units it can place, and only when the file may be used at all.
                sent = [r for r in records if isinstance(units_of.get(r.get("unit_code", "")), Unit)]
                if sent and right_period:
                    share(sent)
                    yield block, sent
                del records, sent
    except DataSheetError:
        raise tampered(opened.path) from None
    _check_manifest(m, name, hasher.hexdigest(m.values) == m.get(HASH_KEY), period)
    domains = {r["code"]: r["vi"] for r in choices if r["field"] == "domain"}
    file_edits = tuple(tally.edits(opened.printed, domains))
    known = set(domains)
    found = []
    for row in communes:
        code, file = row.get("unit_code", ""), row.get("file") or name
        try:
            unit = _unit_of(code, row.get("units_version") or m.get("units_version"), f"{name} / {file}")
            generated = _moment(row.get("generated_at"))
            if generated is None:
                raise ReportFileError("bad_data", t(
                    f"Tệp «{name}», đơn vị mã {code}: thời điểm lập báo cáo «{row.get('generated_at')}» không hợp lệ.",
                    f"«{name}», unit {code}: the time of export is not valid."))
            checks.check(code, known)
        except ReportFileError as exc:
            out.problems.append(Problem(name, exc.kind, str(exc), row.get("unit_name", "")))
            continue
        carried_edits = (Edit(file, "", "số liệu in bị sửa sau khi xuất", f"ghi nhận khi lập tệp «{name}»"),) \
            if row.get("edited") == "1" else ()
        submitted = _moment(row.get("submitted_at")) if row.get("submitted") == "1" else None
        found.append((Submission(unit, generated, submitted, row.get("doc_number", ""), file, {"choices": choices},
                                 row.get("data_sha256", ""), row.get("file_sha256", ""),
                                 row.get("units_version") or m.get("units_version"), via=name,
                                 edits=carried_edits + file_edits), code))
    return found


def _commune_units(communes: list[Record], m: Manifest, name: str) -> dict[str, Unit | ReportFileError]:
    """Each unit code the file lists: today's unit, or why it has none."""
    found: dict[str, Unit | ReportFileError] = {}
    for row in communes:
        code, file = row.get("unit_code", ""), row.get("file") or name
        try:
            found[code] = _unit_of(code, row.get("units_version") or m.get("units_version"), f"{name} / {file}")
        except ReportFileError as exc:
            found.setdefault(code, exc)
    return found


def _attach(found: Examined, arrived: dict[str, dict[str, list[Record]]]) -> None:
    """A consolidated workbook's rows, sent apart in parts, given to its units' reports by the unit code
    the file gives them (then restamped with today's)."""
    for s, code in zip(found.submissions, found.file_codes):
        s.blocks = {**arrived.get(code, {}), **s.blocks}
        _restamp(s.blocks, s.unit)


@dataclass
class Examined:
    """What one file gave, worked out in its reading process: its units' reports, or why it is refused."""

    file: str
    file_hash: str
    consolidated: bool
    level: str                                 # a consolidation's: "province" | "national"
    province_code: int | None                  # a consolidation's province
    submissions: list[Submission]
    problems: list[Problem]
    rejected: Problem | None = None
    rejected_unit: int | None = None           # today's code of the unit whose file was refused
    file_codes: list[str] = field(default_factory=list)   # a consolidation's: each report's unit code in it


def examine(path: Path, period: Period) -> Generator[Part, None, Examined]:
    """Read one file and check everything that needs no other file (in a reading worker: both cores
    check files, and the printed sheets never travel back). ReportFileError when it cannot be read.
    A consolidation's rows are yielded in parts as they are read (see _consolidated), a unit's report
    comes whole in the Examined returned."""
    opened = open_report(path)
    report = None if opened.consolidated else whole(opened)
    m = opened.manifest
    code = m.get("province_code")
    province_code = int(code) if opened.consolidated and code.isdigit() else None
    out = Examined(opened.path.name, opened.file_hash, opened.consolidated, m.get("level"), province_code, [], [])
    try:
        if report is None:
            found = yield from _consolidated(opened, period, out)
            out.submissions = [s for s, _ in found]
            out.file_codes = [code for _, code in found]
        else:
            out.submissions = [_commune(report, period)]
    except ReportFileError as exc:
        out.problems = []
        out.rejected = Problem(opened.path.name, exc.kind, str(exc), m.get("unit_name"))
        unit = unit_lists.current_unit(m.get("unit_code"), m.get("units_version")) if m.get("unit_code") else None
        out.rejected_unit = unit.code if unit is not None else None
    return out


# --- the run ---------------------------------------------------------------------------------

Progress = Callable[[int, int, str], bool]     # (done, total, file name) -> go on?


def consolidate(items: Iterable[Path | str], period: Period, *, province_code: int | None = None,
                national: bool = False, due_rule: DueRule = deadlines.DEFAULT_RULE,
                progress: Progress | None = None, include_drafts: bool = False,
                include_edited: bool = False, writing: Path | None = None) -> Consolidation:
    """Read and check every file (communes' reports and consolidated workbooks, in any mix), then
    merge: one report per unit, the newest. national: the ministry's view, every province (no file is
    from "another" province); with neither, the files tell (see _guess_province).
    Drafts and files whose printed figures were edited are listed and left out unless included.
    writing: the file the result will be written to (see without_output). ConsolidationCancelled if
    progress says stop."""
    paths = without_output(collect_files(items), writing)
    with rare_collections():      # the rows read (84,000 at a province) all stay: nothing to free
        result = _consolidate(paths, period, province_code, national, due_rule, progress, include_drafts,
                              include_edited)
    result.read = paths
    return result


def _consolidate(paths: list[Path], period: Period, province_code: int | None, national: bool, due_rule: DueRule,
                 progress: Progress | None, include_drafts: bool, include_edited: bool) -> Consolidation:
    problems: list[Problem] = []
    examined = _read_all(paths, period, problems, progress)
    province: ProvinceInfo | None
    if province_code:
        province = units.province(province_code)
    else:
        province = None if national else _guess_province(examined)
    candidates: list[Submission] = []
    rejected_units: dict[int, Problem] = {}
    sources = []
    for found in examined:
        problems += found.problems
        if found.rejected is not None:
            problems.append(found.rejected)
            if found.rejected_unit is not None:
                rejected_units.setdefault(found.rejected_unit, found.rejected)
            continue
        inside = _inside(found, province, problems)
        candidates += inside
        sources.append(Source(found.file, found.file_hash, "consolidated" if found.consolidated else "commune",
                              len(inside)))
    due = deadlines.due_date(period, due_rule)
    newest, drafts, edited = _choose(candidates, problems, include_drafts, include_edited)
    obstacles, conflicts = _merge(list(newest.values()), [s for s in candidates if newest.get(s.unit.code) is not s])
    staffing = [dict(row, _unit=s.unit) for s in newest.values() for row in s.rows("staffing")]
    procedures = [dict(row, _unit=s.unit) for s in newest.values() for row in s.rows("procedures")]
    needs = [dict(row, _unit=s.unit) for s in newest.values() for row in s.rows("needs")]
    movements, visits, initiatives = ([dict(row, _unit=s.unit) for s in newest.values() for row in s.rows(name)]
                                      for name in ("movements", "visits", "initiatives"))
    completeness = _completeness(province, newest, drafts, edited, rejected_units, due)
    problems.sort(key=lambda p: (KINDS.index(p.kind) if p.kind in KINDS else len(KINDS), p.file))
    return Consolidation(province, period, due, len(paths), sorted(newest.values(), key=lambda s: s.unit.name),
                         problems, obstacles, staffing, conflicts, completeness, _labels(newest.values()),
                         procedures, needs, sorted(drafts.values(), key=lambda s: s.unit.name),
                         [s for s in candidates if s.edits], include_drafts, include_edited, sources,
                         movements, visits, initiatives)


def _inside(found: Examined, province: ProvinceInfo | None, problems: list[Problem]) -> list[Submission]:
    """The file's reports of units of the province (all, for the ministry); the others listed."""
    if province is None:
        return found.submissions
    inside = [s for s in found.submissions if s.unit.province.code == province.code]
    outside = [s.unit for s in found.submissions if s.unit.province.code != province.code]
    if outside and not found.consolidated:
        problems.append(Problem(found.file, "other_province", t(
            f"Tệp «{found.file}» là báo cáo của {outside[0].display}, không thuộc tỉnh, thành phố đang tổng hợp.",
            f"«{found.file}» is the report of {outside[0].display}, outside the province being consolidated."),
            outside[0].name))
    elif outside:
        units_outside = format_count(len(outside))
        problems.append(Problem(found.file, "other_province", t(
            f"Tệp tổng hợp «{found.file}» có báo cáo của {units_outside} đơn vị không thuộc "
            f"{province.name} (ví dụ {outside[0].display}); các báo cáo đó không được tổng hợp.",
            f"The consolidation «{found.file}» carries {units_outside} units outside {province.name}; "
            "they are left out.")))
    return inside


def _read_all(paths: list[Path], period: Period, problems: list[Problem],
              progress: Progress | None) -> list[Examined]:
    """Every file read in worker processes (one per core, at most two: the window needs a core too);
    a file that ends its worker (memory, deadline) is listed and the others go on."""
    done = 0

    def cancelled() -> bool:     # asked while the workers read, so Cancel works during a slow file
        return progress is not None and not progress(done, len(paths), "")

    if cancelled():
        raise ConsolidationCancelled()
    order = {path: i for i, path in enumerate(paths)}
    read: list[tuple[int, Examined]] = []
    workers = max(1, min(2, os.cpu_count() or 1))
    arriving: dict[Path, dict[str, dict[str, list[Record]]]] = {}
    days: Days = {}         # every day the rows carry, one date object each

    def take(path: Path, part: Part) -> None:
        """A consolidation's rows as they come, by the unit code the file gives them."""
        block, rows = part
        by_code = arriving.setdefault(path, {})
        share(rows, days)               # copies made by the trip, shared again
        for row in rows:
            by_code.setdefault(row.get("unit_code", ""), {}).setdefault(block, []).append(row)

    try:
        for outcome in worker.read_all(partial(examine, period=period), paths, workers=workers,
                                       cancelled=cancelled, parts=take):
            done += 1
            arrived = arriving.pop(outcome.path, {})      # a file refused after some parts: they go
            if outcome.error is None and outcome.value.rejected is None:
                _attach(outcome.value, arrived)
                _share_arrived(outcome.value, days)
            del arrived
            if isinstance(outcome.error, ReportFileError) and outcome.error.kind == REPLY_FILE:
                pass        # the province's own answers, kept beside the reports it consolidates
            elif isinstance(outcome.error, ReportFileError):
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


def _share_arrived(found: Examined, days: Days) -> None:
    """A unit's report as it arrives, its copies made by the trip shared again (here, while the workers
    read the next files, not once all are in); a consolidation's rows were as their parts came."""
    if not found.consolidated:
        for s in found.submissions:
            share(s.rows("obstacles"), days)


def _guess_province(examined: list[Examined]) -> ProvinceInfo | None:
    """The province most files come from (the others are then flagged); None, the ministry's view, when
    the files are consolidations of the whole country or of several provinces."""
    codes: Counter[int] = Counter()
    consolidated: set[int] = set()
    for found in examined:
        if found.consolidated:
            if found.level == "national" or found.province_code is None:
                return None
            consolidated.add(found.province_code)
            codes[found.province_code] += 1
        elif found.submissions:
            codes[found.submissions[0].unit.province.code] += 1
    if len(consolidated) > 1:
        return None
    if not codes:
        raise UserError(t("Không có tệp báo cáo Desk hợp lệ nào để xác định tỉnh, thành phố. "
                          "Hãy chọn tỉnh, thành phố tổng hợp (hoặc tổng hợp toàn quốc).",
                          "No valid Desk report tells which province this is. Choose the province (or national)."))
    return units.province(codes.most_common(1)[0][0])


def _edits_text(s: Submission) -> str:
    shown = "; ".join(e.message for e in s.edits[:SHOWN_EDITS])
    more = f" (và {format_number_vi(len(s.edits) - SHOWN_EDITS)} chỗ khác)" if len(s.edits) > SHOWN_EDITS else ""
    return shown + more


def _choose(candidates: list[Submission], problems: list[Problem], include_drafts: bool,
            include_edited: bool) -> tuple[dict[int, Submission], dict[int, Submission], dict[int, Submission]]:
    """Each unit's report: the newest of those usable (submitted ones outrank drafts). Returns the
    chosen ones, and for units with none usable, their newest draft or edited file (left out)."""
    by_unit: dict[int, list[Submission]] = {}
    for s in candidates:
        by_unit.setdefault(s.unit.code, []).append(s)
    newest, drafts, edited = {}, {}, {}
    for code, subs in by_unit.items():
        subs.sort(key=lambda s: (not s.draft, s.sent_at))
        for s in subs:
            if s.edits:
                verdict = (t("Vẫn tổng hợp số liệu theo dữ liệu kèm theo, theo lựa chọn của người tổng hợp.",
                             "Consolidated from its data anyway, as chosen.") if include_edited else
                           t("Không tổng hợp tệp này; muốn tổng hợp, chọn «tính cả tệp có số liệu in bị sửa».",
                             "Left out; choose to include edited files to consolidate it."))
                problems.append(Problem(s.source, "edited", t(
                    f"Báo cáo {s.where} của {s.unit.name}: số liệu in khác dữ liệu máy đọc kèm theo (sửa sau khi "
                    f"xuất): {_edits_text(s)}. {verdict} Đề nghị đối chiếu với bản có chữ ký.",
                    f"The report {s.where} of {s.unit.name}: printed figures differ from its data. {verdict}"),
                    s.unit.name))
        usable = [s for s in subs if (include_drafts or not s.draft) and (include_edited or not s.edits)]
        if not usable:
            clean = [s for s in subs if include_edited or not s.edits]
            if clean:                      # only drafts: listed apart, not counted
                drafts[code] = clean[-1]
            else:
                edited[code] = subs[-1]
            for s in clean:
                problems.append(Problem(s.source, "draft", t(
                    f"Báo cáo {s.where} của {s.unit.name} là dự thảo, chưa nộp (chưa có số văn bản); không tính "
                    "vào số liệu tổng hợp và tình hình nộp (chọn «tính cả dự thảo» để tính).",
                    f"{s.where} of {s.unit.name} is a draft, not submitted; left out of the totals."), s.unit.name))
            continue
        chosen = usable[-1]
        newest[code] = chosen
        if chosen.draft:
            problems.append(Problem(chosen.source, "draft", t(
                f"Báo cáo {chosen.where} của {chosen.unit.name} là dự thảo, chưa nộp (chưa có số văn bản); được "
                "tính vào số liệu theo lựa chọn của người tổng hợp.",
                f"{chosen.where} of {chosen.unit.name} is a draft; included as chosen."), chosen.unit.name))
        for older in subs:
            if older is chosen or (older.edits and not include_edited):
                continue
            problems.append(Problem(older.source, "duplicate", _duplicate_text(older, chosen), older.unit.name))
    return newest, drafts, edited


def _duplicate_text(older: Submission, chosen: Submission) -> str:
    """Why a unit's other report is not used: the same report again, or a different one (one number on
    two reports whose figures differ is a question for the unit: Desk on two computers, most often)."""
    if older.data_hash and older.data_hash == chosen.data_hash:
        return t(f"{older.unit.name}: báo cáo {older.where} giống hệt báo cáo {chosen.where} (gửi hai lần); "
                 "chỉ tính một lần.",
                 f"{older.unit.name}: {older.where} is the same report as {chosen.where}; counted once.")
    if older.doc_number and older.doc_number == chosen.doc_number and not older.draft and not chosen.draft:
        def described(s: Submission) -> str:
            return (f"{s.where}, lập lúc {format_time_date_vi(s.generated_at)}, "
                    f"{format_number_vi(len(s.rows('obstacles')))} khó khăn, vướng mắc")

        return t(f"{older.unit.name} có hai báo cáo cùng số «{older.doc_number}» nhưng số liệu khác nhau: "
                 f"{described(older)}; và {described(chosen)}. Đã dùng báo cáo lập sau; đề nghị hỏi lại đơn vị "
                 "bản nào đúng (thường do đơn vị dùng Desk trên hai máy).",
                 f"{older.unit.name} has two reports numbered «{older.doc_number}» with different figures: "
                 f"{older.where} and {chosen.where}. The later one is used; ask the unit which is right.")
    return t(f"{older.unit.name} có nhiều báo cáo cho kỳ này. Báo cáo {older.where} (lập lúc "
             f"{format_time_date_vi(older.generated_at)}) không được dùng; dùng báo cáo {chosen.where} "
             f"(lập lúc {format_time_date_vi(chosen.generated_at)}).",
             f"{older.unit.name} has several reports for this period. {older.where} is not used; {chosen.where} is.")


def _merge(chosen: list[Submission], others: list[Submission]) -> tuple[list[Record], list[Conflict]]:
    """One row per record ID from the units' chosen reports; differing versions are conflicts.

    The same ID from two different units is always listed, even with equal content: IDs are
    random, so it means a record was copied between databases; the version edited last is kept.
    A record in a report not chosen (an older one of the same unit) that differs is listed too.
    """
    kept: dict[str, tuple[Record, Submission]] = {}
    conflicts: list[Conflict] = []
    for s in sorted(chosen, key=lambda s: s.sent_at):    # on equal edit times the later file wins
        for row in s.rows("obstacles"):
            rid = row["id"]
            if rid not in kept:
                kept[rid] = (row, s)
                continue
            old, old_s = kept[rid]
            differing = _differing(row, old)
            newer = _updated_at(row) >= _updated_at(old)
            (k_row, k_s), (o_row, o_s) = ((row, s), (old, old_s)) if newer else ((old, old_s), (row, s))
            conflicts.append(Conflict(rid, k_row.get("title", ""), differing, k_s.unit.name, k_s.file,
                                      k_row["updated_at"], o_s.unit.name, o_s.file, o_row["updated_at"]))
            kept[rid] = (k_row, k_s)
    for s in sorted(others, key=lambda s: s.sent_at):
        for row in s.rows("obstacles"):
            found = kept.get(row["id"])
            if found is None:
                continue
            k_row, k_s = found
            differing = _differing(row, k_row)
            if differing or k_s.unit.code != s.unit.code:
                conflicts.append(Conflict(row["id"], k_row.get("title", ""), differing, k_s.unit.name, k_s.file,
                                          k_row["updated_at"], s.unit.name, s.file, row["updated_at"]))
    rows = []
    for row, s in kept.values():     # in place: a copy of 660,000 rows would double the ministry's memory
        row["_unit"] = s.unit
        rows.append(row)
    return rows, conflicts


def _updated_at(row: Record) -> datetime:
    moment = _moment(row["updated_at"])
    if moment is None:      # _check_rows refused the file
        raise ValueError(f"record {row['id']}: not a time it was updated")
    return moment


def _differing(row: Record, other: Record) -> tuple[str, ...]:
    return tuple(k for k in row if k not in MERGE_IGNORES and k != "updated_at" and row.get(k) != other.get(k))


DRAFT_INCLUDED = "Được tính vào số liệu theo lựa chọn của người tổng hợp"


def _completeness(province: ProvinceInfo | None, newest: dict[int, Submission], drafts: dict[int, Submission],
                  edited: dict[int, Submission], rejected: dict[int, Problem], due: date) -> list[UnitStatus]:
    """Every unit of the province (of every province for the ministry, by province): its report's state."""
    pool = units.units_of(province.code) if province else _all_by_province()
    out = []
    for unit in pool:
        s = newest.get(unit.code)
        if s is None:
            if unit.code in drafts:
                out.append(UnitStatus(unit, "draft", drafts[unit.code], note=KIND_VI["draft"]))
            elif unit.code in edited:
                out.append(UnitStatus(unit, "edited", edited[unit.code], note=KIND_VI["edited"]))
            elif unit.code in rejected:
                out.append(UnitStatus(unit, "rejected", note=rejected[unit.code].kind_vi))
            else:
                out.append(UnitStatus(unit, "missing"))
            continue
        if s.draft:         # included by choice: counted in the figures, but never sent, so never late
            out.append(UnitStatus(unit, "draft", s, note=DRAFT_INCLUDED))
            continue
        # The commune's own clock: the date part of its local time is the day it sent the report.
        late = deadlines.days_late(due, s.sent_at.date())
        notes = [KIND_VI["edited"]] if s.edits else []
        notes += [f"qua tệp «{s.via}»"] if s.via else []
        out.append(UnitStatus(unit, "late" if late else "on_time", s, late, "; ".join(notes)))
    return out


def _all_by_province() -> list[Unit]:
    order = {p.code: i for i, p in enumerate(units.provinces())}
    return sorted(units.all_units(), key=lambda u: order[u.province.code])    # stable: by name within


def _labels(subs: Iterable[Submission]) -> dict[str, dict[str, str]]:
    """Codes to Vietnamese labels, from the choice lists the files carry (a commune may add domains)."""
    labels: dict[str, dict[str, str]] = {}
    for s in subs:
        for row in s.rows("choices"):
            labels.setdefault(row["field"], {}).setdefault(row["code"], row["vi"])
    return labels
