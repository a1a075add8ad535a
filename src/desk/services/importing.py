"""Importing a workbook into the registers: check every row first, then write it all in one transaction or none."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlmodel import Session, col

from desk.domain import registers, state_history, unit_lists, units
from desk.domain.access import OS_PREFIX, Actor, Permission, Role, os_actor, require
from desk.domain.fields import TODAY, Choice, FieldSpec
from desk.domain.file_rows import FileRows
from desk.domain.formats import format_count, format_time_date_vi
from desk.domain.kinds import Stored
from desk.domain.lang import t
from desk.domain.register import Record, Register
from desk.domain.registers import REGISTERS, by_table
from desk.domain.text import fold
from desk.domain.units import Unit
from desk.errors import UserError, ValidationError
from desk.importers import legacy, safety, workbook, worker
from desk.importers.cells import display, field_reader
from desk.importers.legacy import LegacyFinding
from desk.importers.tables import Row, Source, Table, UnitClaim, desk_made, find_tables
from desk.reports.import_problems import ProblemLine, write_problem_report
from desk.services import bulk_records, import_staging, records
from desk.services.full_collections import rare_full_collections
from desk.store import audit, checkpoints
from desk.store.dialect import is_sqlite
from desk.store.models import sql_table, table_of
from desk.store.security import ImportedFile

if TYPE_CHECKING:
    from desk.services.workspace import Workspace

log = logging.getLogger(__name__)
_UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_LOOKUP_CHUNK = 5_000     # ids per "IN (...)" query (SQLite allows 32,766 parameters)
_SCAN_ABOVE = 1_000       # more ids than this: read each table's ids once instead
MAX_NOTED_DUPLICATES = 10
# Rows from which an import's commit leaves the WAL's copy into the file to a thread (store.checkpoints): they
# fill the WAL far past the 1,000 pages after which SQLite copies it in the commit the clerk waits for.
_CHECKPOINT_AFTER_ROWS = 10_000

KnownChoices = dict[str, tuple[Choice, ...]]    # field -> its choices, read once for a whole file


def catalogue() -> dict[str, tuple[FieldSpec, ...]]:
    """register name -> fields: what the importers match headings against."""
    return {name: reg.fields for name, reg in REGISTERS.items()}


@dataclass(frozen=True)
class Problem(ProblemLine):
    """One thing wrong in the file; row None = the whole file or sheet, column "" = the whole row.

    The fields are the problem report's (reports.import_problems.ProblemLine); this adds the text line.
    """

    def line(self) -> str:
        where = [t(f"trang «{self.sheet}»", f"sheet «{self.sheet}»")] if self.sheet else []
        if self.row is not None:
            where.append(t(f"dòng {self.row}", f"row {self.row}"))
        if self.column:
            where.append(t(f"cột {self.column}",
                           f"column {self.column}") + (f" («{self.header}»)" if self.header else ""))
        elif self.header:
            where.append(f"«{self.header}»")
        value = t(f" – giá trị «{_short(self.value)}»", f" – value «{_short(self.value)}»") if self.value else ""
        prefix = ", ".join(where)
        return f"{prefix[:1].upper()}{prefix[1:]}{value}: {self.message}" if prefix else self.message


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


@dataclass
class Planned:
    """A row that passed every check, and what it will do."""

    register: Register
    sheet: str
    row: int
    values: Record
    record_id: str | None = None    # an existing record to update
    new_id: str | None = None       # the id a new record takes: from another Desk's file, or chosen here for
                                    # a record another sheet of the file names (_with_planned_references)
    unchanged: bool = False         # the row reads exactly as Desk holds the record: nothing to write


@dataclass(frozen=True)
class EarlierImport:
    """The same file (same content) imported before: when, by whom, how many records."""

    file_name: str
    imported_at: datetime      # local time
    actor: str
    records: int

    def line(self) -> str:
        return t(f"lúc {format_time_date_vi(self.imported_at)}, do «{self.actor}» nhập (tệp «{self.file_name}», "
                 f"{self.records} bản ghi)",
                 f"at {self.imported_at:%H:%M on %d/%m/%Y} by «{self.actor}» (file «{self.file_name}», "
                 f"{self.records} records)")


@dataclass
class ImportPlan:
    path: Path
    source: Source | None = None
    legacy: LegacyFinding | None = None
    legacy_decision: bool | None = None
    problems: list[Problem] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checked_at: datetime = field(default_factory=datetime.now)
    committed: bool = False
    sha256: str = ""
    earlier: list[EarlierImport] = field(default_factory=list)   # this very content imported before
    again: bool = False             # the clerk confirmed importing it once more
    # The stored rows of the records to update, as read while checking: import_file writes with them
    # in the same transaction instead of reading them again, then empties this (memory).
    stored_rows: dict[str, Record] = field(default_factory=Record, repr=False, compare=False)
    # What the check saw: the file (commit_checked refuses a file changed since) and Desk's data
    # (changed since: the file is checked again as it is written).
    file_stamp: FileStamp | None = None
    data_stamp: tuple[int, int | None, str] | None = None
    # A large file's new records, made ready for the commit while it was checked (None: written as usual).
    staging: import_staging.Staging | None = field(default=None, repr=False, compare=False)
    # The new rows the form would ask about before saving (like a record already in Desk, a limit passed),
    # by sheet and row: the window asks before importing them, as the form does (the notes say why).
    to_confirm: set[tuple[str, int]] = field(default_factory=set)

    def drop_staging(self) -> None:
        """The commit writes the records as usual: the staged ones are thrown away."""
        if self.staging is not None:
            staging, self.staging = self.staging, None
            staging.discard()

    @property
    def needs_legacy_decision(self) -> bool:
        return self.legacy is not None and self.legacy_decision is None

    @property
    def needs_again_decision(self) -> bool:
        """The same file was imported before and nobody has confirmed importing it again."""
        return bool(self.earlier) and not self.again

    @property
    def ok(self) -> bool:
        return (not self.needs_legacy_decision and not self.needs_again_decision and not self.problems
                and bool(self.planned))

    def again_question(self) -> str:
        """What the clerk is asked before the same file is imported once more."""
        when = "; ".join(e.line() for e in self.earlier[-3:])
        return t(f"Tệp «{self.path.name}» (cùng nội dung) đã được nhập trước đây: {when}. Nhập lại có thể tạo "
                 "bản ghi trùng (dòng không có mã bản ghi) hoặc ghi đè các sửa đổi làm sau lần nhập đó.",
                 f"The file «{self.path.name}» (the same content) was imported before: {when}. Importing it again "
                 "may create duplicate records (rows without a record ID) or overwrite changes made since.")

    @property
    def new_count(self) -> int:
        return sum(1 for p in self.planned if p.record_id is None)

    @property
    def updated_count(self) -> int:
        return sum(1 for p in self.planned if p.record_id is not None and not p.unchanged)

    @property
    def unchanged_count(self) -> int:
        return sum(1 for p in self.planned if p.unchanged)

    def counts(self) -> dict[str, tuple[int, int]]:
        """register label -> (new, updated); rows that change nothing are in neither."""
        return {label: (new, updated) for label, (new, updated, _same) in self._counts().items()}

    def _counts(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for p in self.planned:
            counts = found.setdefault(p.register.label, [0, 0, 0])
            counts[2 if p.unchanged else 1 if p.record_id is not None else 0] += 1
        return found

    def summary(self) -> str:
        parts = []
        for label, (new, updated, same) in self._counts().items():
            part = t(f"sổ «{label}»: {new} bản ghi mới, {updated} bản ghi cập nhật",
                     f"register «{label}»: {new} new, {updated} updated")
            if same:
                part += t(f", {same} bản ghi không thay đổi", f", {same} unchanged")
            parts.append(part)
        return "; ".join(parts)


@dataclass(frozen=True)
class FileStamp:
    """A file as it was checked: its size, modification time and content hash."""

    size: int
    mtime_ns: int
    sha256: str


def _same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file (through links, or letter case on Windows)."""
    try:
        return one.exists() and other.exists() and os.path.samefile(one, other)
    except OSError:
        return False


def file_stamp(path: Path) -> FileStamp:
    status = Path(path).stat()
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return FileStamp(status.st_size, status.st_mtime_ns, digest.hexdigest())


class FileChangedError(UserError):
    """The file was changed after it was checked: what was shown is not what would be written."""


def _data_stamp(session: Session, unit: Unit) -> tuple[int, int | None, str]:
    """Changes when anything a check depends on may have: every record, lock and user change adds an
    audit row; the choice lists are read whole (a few hundred rows); the office unit."""
    from sqlalchemy import func

    from desk.store.models import ChoiceItem
    from desk.store.security import AuditEntry

    last_audit = session.scalar(select(func.max(col(AuditEntry.id))))
    c = ChoiceItem
    listed = select(col(c.list_name), col(c.code), col(c.vi), col(c.en), col(c.position), col(c.active))
    choices = hashlib.sha256(repr(session.execute(listed.order_by(col(c.list_name), col(c.code))).all()).encode())
    return unit.code, last_audit, choices.hexdigest()


# --- planning ---------------------------------------------------------------------------------

def plan_import(session: Session, path: Path, unit: Unit, *, convert_legacy: bool | None = None,
                cancelled: Callable[[], bool] | None = None, again: bool = False, stage: bool = False) -> ImportPlan:
    """Read and check the whole file; nothing is written. Raises UserError for a refused file.

    convert_legacy: None = stop and report legacy-encoded text when there is some (the caller
    shows the proposed conversion and asks); True = convert it; False = keep it as it is.
    The file is parsed in a worker process (importers.worker): a crafted file ends that process,
    not this one. cancelled() true while it reads raises worker.Cancelled.
    stage: a large file's new records are made ready for the commit as they pass the check
    (services.import_staging); for a check that will be committed.
    """
    path = Path(path)
    safety.check_plain_file(path)   # missing, a folder, unreadable: said before the file is hashed
    stamp = file_stamp(path)        # before reading: a file changed while it is read is caught too
    plan = ImportPlan(path, again=again, file_stamp=stamp)
    if stage and stamp.size >= import_staging.STAGED_BYTES and is_sqlite(session):
        try:
            plan.staging = import_staging.Staging()
        except OSError:         # no room for its folder: the records are written as usual
            log.warning("the import's records are not staged", exc_info=True)
    book = worker.read_one(workbook.read_for_import, path, cancelled=cancelled or (lambda: False))
    # Hashed after the worker read it: a file that is refused is never looked up.
    plan.sha256 = _content_hash(path)
    plan.earlier = _earlier_imports(session, plan.sha256)
    # Desk writes Unicode; in its own files only text pasted with a legacy font is suspect.
    plan.legacy = legacy.scan(book, fonts_only=desk_made(book))
    if plan.legacy is not None:
        plan.legacy_decision = convert_legacy
        if convert_legacy is None:
            plan.drop_staging()
            return plan
        if convert_legacy:
            legacy.apply(book, plan.legacy)
            plan.notes.append(t(f"Đã chuyển {plan.legacy.cells} ô từ bảng mã {plan.legacy.name} sang Unicode.",
                                f"Converted {plan.legacy.cells} cells from {plan.legacy.name} to Unicode."))
    found = find_tables(book, catalogue())
    plan.source = found.source
    _check_unit(found.claims, unit, path)
    plan.notes.extend(found.notes)
    for sheet, row, message in found.problems:
        plan.problems.append(Problem(sheet, row, "", "", "", message))
    seen_ids: dict[str, tuple[str, int]] = {}
    hidden_rows = {sheet.name: sheet.hidden_rows for sheet in book.sheets if sheet.hidden_rows}
    hidden_columns = {sheet.name: sheet.hidden_columns for sheet in book.sheets if sheet.hidden_columns}
    for table in _referred_first(found.tables):
        if table.source is Source.DESK_DATA and not _complete(table, plan):
            continue
        _check_hidden_rows(plan, table, hidden_rows.get(table.sheet, frozenset()))
        _check_hidden_columns(plan, table, hidden_columns.get(table.sheet, frozenset()))
        _plan_table(session, plan, table, unit, book.date1904, seen_ids)
    if not plan.planned and not plan.problems:
        plan.problems.append(Problem("", None, "", "", "", t(
            "Tệp không có dòng dữ liệu nào để nhập (chỉ có dòng tiêu đề).",
            "The file has no data rows to import (headings only).")))
    if plan.problems or (plan.staging is not None and plan.staging.reg is None):
        plan.drop_staging()
    return plan


MAX_LISTED_ROWS = 10


def _check_hidden_rows(plan: ImportPlan, table: Table, hidden: frozenset[int]) -> None:
    """Rows hidden in Excel (by hand or by a filter) are not imported as if the clerk had seen them."""
    rows = [row.number for row in table.rows if row.number in hidden]
    if not rows:
        return
    shown = ", ".join(str(n) for n in rows[:MAX_LISTED_ROWS]) + ("…" if len(rows) > MAX_LISTED_ROWS else "")
    hidden_count = format_count(len(rows))
    plan.problems.append(Problem(table.sheet, None, "", "", "", t(
        f"{hidden_count} dòng có dữ liệu đang bị ẩn trong Excel (dòng {shown}). "
        "Desk không nhập dòng ẩn: hãy bỏ ẩn (chọn cả trang, bấm chuột phải vào số dòng > Unhide, hoặc bỏ bộ lọc) "
        "để xem lại rồi nhập, hoặc xóa các dòng đó nếu không cần.",
        f"{hidden_count} rows with data are hidden in Excel (rows {shown}). Desk does not import hidden rows: unhide "
        "them (select the sheet, right-click the row numbers > Unhide, or clear the filter) to look at them and "
        "import again, or delete them if they are not needed.")))


def _check_hidden_columns(plan: ImportPlan, table: Table, hidden: frozenset[int]) -> None:
    """Columns hidden in Excel are not imported as if the clerk had seen them, as rows are not."""
    if not hidden:
        return
    read = [(column, [row.values.get(name) for row in table.rows]) for name, column in table.columns.items()]
    if table.id_column is not None:
        read.append((table.id_column, [row.record_id for row in table.rows]))
    filled = sorted({column.index: column for column, values in read
                     if column.index in hidden and not all(map(workbook.is_blank, values))}.values(),
                    key=lambda column: column.index)
    if not filled:
        return
    shown = ", ".join(f"{column.letter} «{column.header}»" for column in filled)
    hidden_count = format_count(len(filled))
    plan.problems.append(Problem(table.sheet, None, "", "", "", t(
        f"{hidden_count} cột có dữ liệu đang bị ẩn trong Excel (cột {shown}). "
        "Desk không nhập cột ẩn: hãy bỏ ẩn (chọn cả trang, bấm chuột phải vào tên cột > Unhide) để xem lại rồi "
        "nhập, hoặc xóa dữ liệu ở các cột đó nếu không cần.",
        f"{hidden_count} columns with data are hidden in Excel (columns {shown}). Desk does not import hidden "
        "columns: unhide them (select the sheet, right-click the column letters > Unhide) to look at them and "
        "import again, or delete their data if it is not needed.")))


def _referred_first(tables: list[Table]) -> list[Table]:
    """Tables in an order where a register comes before those whose references point to it (officials
    before movements, visits before obstacles), so a file may hold both ends of a reference."""
    ordered: list[Table] = []
    pending = list(tables)
    while pending:
        names = {t.register for t in pending}
        ready = [t for t in pending
                 if not any(spec.ref and by_table(spec.ref).name in names - {t.register}
                            for spec in REGISTERS[t.register].fields)]
        ready = ready or pending[:1]   # a cycle: keep the file's order
        ordered.extend(ready)
        pending = [t for t in pending if t not in ready]
    return ordered


def _complete(table: Table, plan: ImportPlan) -> bool:
    """A report's machine part carries whole records for some registers and only summaries for
    others; a summary is not imported (it would blank the fields it lacks)."""
    reg = REGISTERS[table.register]
    lacking = [spec.vi for spec in reg.fields if spec.in_form and spec.name not in table.columns]
    if lacking:
        plan.notes.append(t(
            f"Báo cáo chỉ mang số liệu tóm tắt của sổ «{reg.vi}» (không có {', '.join(f'«{n}»' for n in lacking)}): "
            "sổ này không được nhập từ tệp này.",
            f"The report carries only a summary of the register «{reg.en}» (it lacks "
            f"{', '.join(f'«{n}»' for n in lacking)}): that register is not imported from this file."))
        return False
    return True


def _check_unit(claims: list[UnitClaim], unit: Unit, path: Path) -> None:
    """A workbook that says it belongs to another unit is refused as a whole. One written before the
    official list moved carries the unit's former code: taken when its name says it is this unit, or
    when no unit of the current list has that code."""
    former = unit_lists.former_codes(unit.code)
    named = any(claim.name and fold(unit.name) in fold(claim.name) for claim in claims)
    for claim in claims:
        if claim.code in former and (named or not unit_lists.is_current_code(claim.code)):
            continue
        if claim.code is not None and claim.code != unit.code:
            try:
                other = units.unit(claim.code).display
            except UserError:
                other = claim.name or str(claim.code)
            raise UserError(t(
                f"Tệp «{path.name}» là dữ liệu của {other} (mã {claim.code}, theo {claim.where}), không phải "
                f"của {unit.display}. Desk không nhập dữ liệu của đơn vị khác.",
                f"«{path.name}» holds the data of {other} (code {claim.code}, per {claim.where}), not of "
                f"{unit.display}. Desk does not import another unit's data."))
        if claim.code is None and claim.name and fold(unit.name) not in fold(claim.name):
            raise UserError(t(
                f"Tệp «{path.name}» là báo cáo của «{claim.name}» ({claim.where}), không phải của {unit.name}. "
                "Desk không nhập dữ liệu của đơn vị khác.",
                f"«{path.name}» is the report of «{claim.name}» ({claim.where}), not of {unit.name}. "
                "Desk does not import another unit's data."))


@dataclass
class _Existing:
    register: Register
    row: Record


def _lookup(session: Session, ids: list[str]) -> dict[str, _Existing]:
    """id -> the stored record with that id, in whichever register it is."""
    found: dict[str, _Existing] = {}
    wanted = set(ids)
    for reg in REGISTERS.values():
        table = sql_table(table_of(reg))
        if not ids or not session.scalar(select(table.c.id).limit(1)):
            continue
        # Many IDs (a file exported from Desk): one pass over a table's ids finds those that exist,
        # cheaper than binding thousands of IDs into IN queries on every register.
        hits = [i for i in session.scalars(select(table.c.id)) if i in wanted] if len(ids) > _SCAN_ABOVE else ids
        for start in range(0, len(hits), _LOOKUP_CHUNK):
            chunk = hits[start:start + _LOOKUP_CHUNK]
            for row in session.execute(select(table).where(table.c.id.in_(chunk))):
                found[row.id] = _Existing(reg, dict(row._mapping))
    return found


def _plan_table(session: Session, plan: ImportPlan, table: Table, unit: Unit, date1904: bool,
                seen_ids: dict[str, tuple[str, int]]) -> None:
    reg = REGISTERS[table.register]
    header_row = table.header_rows[-1]
    for name, columns in table.duplicates.items():
        letters = ", ".join(c.letter for c in columns)
        plan.problems.append(Problem(table.sheet, header_row, columns[1].letter, reg.spec[name].vi, "", t(
            f"cột «{reg.spec[name].vi}» có nhiều lần (các cột {letters}); hãy giữ một cột.",
            f"the column «{reg.spec[name].en}» appears more than once (columns {letters}); keep one.")))
    if table.ignored and table.source is not Source.DESK_REPORT:
        names = ", ".join(f"{c.letter} «{_short(c.header, 40)}»" for c in table.ignored)
        plan.notes.append(t(f"Trang «{table.sheet}»: các cột không thuộc sổ «{reg.vi}», bỏ qua: {names}.",
                            f"Sheet «{table.sheet}»: columns not in the register «{reg.en}», skipped: {names}."))
    for number, why in table.skipped:
        plan.notes.append(t(f"Trang «{table.sheet}», dòng {number}: bỏ qua ({why}).",
                            f"Sheet «{table.sheet}», row {number}: skipped ({why})."))
    if table.source is Source.DESK_REPORT:
        _note_desk_report(plan, table, reg)

    wanted = [r.record_id for r in table.rows if r.record_id and _UUID.fullmatch(r.record_id)]
    existing = _lookup(session, sorted({i.lower() for i in wanted}))
    absent = [spec for spec in reg.fields if spec.in_form and spec.name not in table.columns]
    creates = any(not r.record_id or r.record_id.lower() not in existing for r in table.rows)
    # A column the form fills in by itself (a state's «Mới tiếp nhận») need not be in the file: new records
    # take the default, as in the form. A date's default (the day the form opens) is not taken: a file's
    # records are of other days.
    defaulted = {spec.name: spec.default for spec in absent if spec.default is not None and spec.default != TODAY}
    missing_required = [spec for spec in absent if spec.required and spec.name not in defaulted]
    if missing_required and creates:
        names = ", ".join(f"«{spec.vi}»" for spec in missing_required)
        plan.problems.append(Problem(table.sheet, header_row, "", "", "", t(
            f"thiếu cột bắt buộc {names} (không tìm thấy trong dòng tiêu đề {header_row}); "
            "mỗi bản ghi mới cần các cột này.",
            f"the required column(s) {names} are missing (not in the heading row {header_row}); "
            "every new record needs them.")))
    skip_required = {spec.name for spec in missing_required}
    known = _with_planned_references(known_choices(session, reg, unit), reg, plan)
    if defaulted and creates:
        labels = {name: {c.code: c.label for c in known.get(name, ())} for name in defaulted}
        said = "; ".join(f"«{reg.spec[name].vi}»: «{reg.spec[name].codec.display(reg.spec[name], value, labels)}»"
                         for name, value in defaulted.items())
        plan.notes.append(t(f"Trang «{table.sheet}»: tệp không có cột {said}; bản ghi mới lấy giá trị mặc định "
                            "này, như khi nhập trên màn hình.",
                            f"Sheet «{table.sheet}»: the file has no column {said}; new records take that default, "
                            "as the form does."))
    validator = bulk_records.Validator(session, reg, unit.code, known)
    readers = {name: field_reader(reg.spec[name], date1904=date1904) for name in table.columns}
    locks = bulk_records.LockGate(session, reg, unit.code)
    dangling: dict[str, int] = {}
    absent_names = {spec.name for spec in absent}
    likely_duplicates: list[int] = []
    checked = FileRows()    # the sheet's new rows so far: one person on two rows is as likely a duplicate
    same_as_stored = _SameAsStored(session, reg, unit, known)

    today = date.today()
    if plan.staging is not None:
        _begin_staging(session, plan, table, reg, unit, today, existing)
    reason = import_reason(plan.path)
    for row in table.rows:
        problems: list[Problem] = []

        def problem(field_name: str | None, message: str, value: object = None, *, id_column: bool = False,
                    row: Row = row, problems: list[Problem] = problems) -> None:
            column = table.id_column if id_column else table.columns.get(field_name) if field_name else None
            header = column.header if column else (reg.spec[field_name].vi if field_name in reg.spec else "")
            shown = display(value) if value is not None else (
                display(row.values.get(field_name)) if field_name in row.values else "")
            problems.append(Problem(table.sheet, row.number, column.letter if column else "", header, shown,
                                    message))

        raw: Record = {}
        unreadable: set[str] = set()
        for name, value in row.values.items():
            try:
                raw[name] = readers[name](value)
            except ValueError as exc:
                unreadable.add(name)
                problem(name, str(exc))
        record_id: str | None = None
        new_id: str | None = None
        stored: Record | None = None
        if row.record_id:
            resolved = _resolve_id(row.record_id, reg, unit, existing, seen_ids, (table.sheet, row.number))
            if isinstance(resolved, str):
                problem(None, resolved, row.record_id, id_column=True)
            elif resolved is None:
                new_id = row.record_id.lower()
            else:
                record_id, stored = resolved.row["id"], resolved.row
        if stored is not None:
            # Columns the file does not have keep what Desk holds.
            for name in absent_names:
                raw[name] = stored.get(name)
        else:
            raw.update(defaulted)
        if stored is not None and not problems and same_as_stored(raw, stored):
            # Written back as Desk exported it: nothing to check or write (an inactive choice or a
            # voided reference the record keeps is not refused, a shared label is not re-resolved).
            plan.planned.append(Planned(reg, table.sheet, row.number, {spec.name: stored.get(spec.name)
                                                                       for spec in reg.fields},
                                        record_id, unchanged=True))
            plan.drop_staging()
            continue
        if table.source is Source.DESK_DATA:
            _drop_dangling_references(reg, raw, known, dangling)
        values: Record | None = None
        try:
            kept = same_as_stored.kept_out_of_use(raw, stored) if stored is not None else []
            values = same_as_stored.validate(raw, stored, kept) if stored is not None and kept \
                else validator.validate(raw)
        except ValidationError as exc:
            for name, message in exc.errors.items():
                if name in unreadable:
                    continue  # already explained by the cell's own conversion
                if stored is None and name in skip_required and name in absent_names:
                    continue  # the missing column was reported once for the file
                if name in absent_names and stored is None:
                    message += t(f" (Tệp không có cột «{reg.spec[name].vi}».)",
                                 f" (The file has no «{reg.spec[name].en}» column.)")
                problem(name, message)
        if values is not None and not problems and reg.history is not None:
            # The dated history's rules, checked here so that each row's problem names its row.
            probe = dict(values)
            entries = state_history.dated(reg, stored, probe, today)
            current_since = stored.get(reg.history.since_field) if stored is not None else None
            for name, message in state_history.check(reg, probe, entries, today, None, current_since).items():
                problem(name, message)
            if not problems and locks.active:
                if reg.complete is not None:
                    reg.complete(probe)
                try:
                    locks.check(probe, stored)
                except UserError as exc:
                    problem(reg.date_field, str(exc))
        elif values is not None and not problems and locks.active:
            try:
                locks.check(values, stored)
            except UserError as exc:
                problem(reg.date_field, str(exc))
        if problems:
            plan.problems.extend(problems)
            plan.drop_staging()     # nothing is written until the file is corrected
            continue
        if values is None:
            continue      # only fields of a missing required column failed: that column was reported for the file
        if stored is None and not new_id and reg.warnings is not None:
            for warning in records.warnings(session, reg, values, unit_code=unit.code, earlier=checked):
                if len(likely_duplicates) < MAX_NOTED_DUPLICATES:
                    plan.notes.append(t(f"Trang «{table.sheet}», dòng {row.number}: {warning}",
                                        f"Sheet «{table.sheet}», row {row.number}: {warning}"))
                likely_duplicates.append(row.number)
                plan.to_confirm.add((table.sheet, row.number))
            checked.add(reg.name, values, row.number)
        plan.planned.append(Planned(reg, table.sheet, row.number, values, record_id, new_id))
        if stored is not None and record_id is not None:
            plan.stored_rows[record_id] = stored
            plan.drop_staging()     # an update is written as usual, and so the whole file
        elif plan.staging is not None and plan.staging.reg is reg:
            plan.staging.add(values, new_id, row_reason(reason, table.sheet, row.number))
    for name, count in dangling.items():
        target = by_table(reg.spec[name].ref or "")     # dangling: counted for references only
        referring = format_count(count)
        plan.notes.append(t(
            f"{referring} bản ghi sổ «{reg.vi}» trỏ tới bản ghi sổ «{target.vi}» không có trong tệp "
            f"lẫn trong Desk này: trường «{reg.spec[name].vi}» của chúng để trống.",
            f"{referring} records of «{reg.en}» refer to records of «{target.en}» found neither in the file nor in "
            f"this Desk: their «{reg.spec[name].en}» is left empty."))
    if len(likely_duplicates) > MAX_NOTED_DUPLICATES:
        more = len(likely_duplicates) - MAX_NOTED_DUPLICATES
        plan.notes.append(t(f"Trang «{table.sheet}»: ... và {more} dòng khác có cảnh báo tương tự.",
                            f"Sheet «{table.sheet}»: ... and {more} more rows with similar warnings."))
    if table.source is Source.DESK_REPORT or not table.id_column:
        _note_same_as_stored(session, plan, table, reg, unit)


def _begin_staging(session: Session, plan: ImportPlan, table: Table, reg: Register, unit: Unit, today: date,
                   existing: dict[str, _Existing]) -> None:
    """Stage the table's new records when it is large, the file's only one, and creates records only."""
    if (plan.staging is None or plan.staging.reg is not None or len(table.rows) < import_staging.STAGED_ROWS
            or plan.planned or plan.problems or existing or not registers.declared(reg)):
        plan.drop_staging()
        return
    plan.staging.begin(reg, unit.code, today, bulk_records.reference_labels(session, reg, unit.code),
                       import_reason(plan.path))


def import_reason(path: Path) -> str:
    """The reason of an import's audit rows: the file."""
    return t(f"Nhập từ tệp «{path.name}»", f"Imported from «{path.name}»")


def row_reason(reason: str, sheet: str, row: int) -> str:
    """The reason of one imported record's audit row and history entries: the file, sheet and row."""
    return f"{reason}, trang «{sheet}», dòng {row}"


def _content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _earlier_imports(session: Session, sha256: str) -> list[EarlierImport]:
    rows = session.scalars(select(ImportedFile).where(col(ImportedFile.sha256) == sha256)
                           .order_by(col(ImportedFile.id)))
    return [EarlierImport(r.file_name, _local(r.imported_at), _who(r.actor), r.records) for r in rows]


def _who(name: str) -> str:
    return Actor(name=name, role=Role.CLERK).display if name.startswith(OS_PREFIX) else name


def _local(at: datetime) -> datetime:
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone()


class _SameAsStored:
    """Whether a row's cells read as the record Desk holds: each cell is the stored value, its code,
    or the label Desk writes for it (inactive choices and voided references included)."""

    def __init__(self, session: Session, reg: Register, unit: Unit, known: KnownChoices):
        self.session, self.reg, self.unit, self.known = session, reg, unit, known
        self._keeping: bulk_records.Validator | None = None
        self._active_codes: dict[str, set[str]] = {}
        offered = {spec.name: records.choices(session, reg, spec.name, include_inactive=True, unit_code=unit.code)
                   for spec in reg.fields if spec.codec.listed and not spec.codec.multiple}
        self.labels = {name: {c.code: " ".join(c.vi.split()) for c in found} for name, found in offered.items()}
        # A label the choice was written with before (an older file's) reads as the same value too.
        self._former = {name: {c.code: {" ".join(a.split()) for a in c.aliases} for c in found if c.aliases}
                        for name, found in offered.items()}

    def __call__(self, raw: Record, stored: Record) -> bool:
        return all(self._same(name, value, stored.get(name)) for name, value in raw.items())

    def kept_out_of_use(self, raw: Record, stored: Record) -> list[str]:
        """Fields whose cell keeps a stored choice no longer offered (taken out of use, a voided record)."""
        return [name for name in self.labels if name in raw and stored.get(name) is not None
                and stored[name] not in self._active(name) and self._same(name, raw[name], stored[name])]

    def validate(self, raw: Record, stored: Record, kept: list[str]) -> Record:
        """A changed row that keeps choices no longer offered: validated as save() would for the
        record, those fields keeping their stored code; no other field may take such a choice."""
        if self._keeping is None:
            everything = {name: tuple(Choice(code, label, label) for code, label in labels.items())
                          for name, labels in self.labels.items()}
            self._keeping = bulk_records.Validator(self.session, self.reg, self.unit.code,
                                                   {**self.known, **everything})
        values = self._keeping.validate({**raw, **{name: stored[name] for name in kept}})
        refused = {name: t(f"«{self.reg.spec[name].vi}»: giá trị «{self.labels[name].get(values[name], values[name])}» "
                           "đã ngừng dùng, không chọn được.",
                           f"«{self.reg.spec[name].en}»: «{values[name]}» is no longer in use and cannot be chosen.")
                   for name in self.labels if name not in kept and values.get(name) is not None
                   and values[name] not in self._active(name)}
        if refused:
            raise ValidationError(refused)
        return values

    def _active(self, name: str) -> set[str]:
        found = self._active_codes.get(name)
        if found is None:
            found = self._active_codes[name] = {c.code for c in self.known.get(name, ())}
        return found

    def _same(self, name: str, value: object, held: Stored) -> bool:
        if value is None or (type(value) is str and not value.strip()):
            return held is None or held == "" or held is False
        if name in self.labels:
            text = " ".join(str(value).split())
            return held is not None and (text == held or text == self.labels[name].get(held)
                                         or text in self._former[name].get(held, ()))
        try:
            converted, _problem = records.field_value(self.reg.spec[name], value, self.known.get(name))
        except ValueError:
            return False
        return bulk_records.stored_text(converted) == bulk_records.stored_text(held)


def _with_planned_references(known: KnownChoices, reg: Register, plan: ImportPlan) -> KnownChoices:
    """A reference may point to a record planned from the same file (it is saved first)."""
    extended = dict(known)
    for spec in reg.fields:
        if not spec.ref or spec.name not in extended:
            continue
        target = by_table(spec.ref)
        added = []
        staged = plan.staging is not None and plan.staging.reg is target     # its ids are given as it is written
        for p in plan.planned:
            if p.register is target and p.record_id is None and p.new_id is None and not staged:
                p.new_id = str(uuid.uuid4())    # a new official a movement of the same file names
            key = p.record_id or p.new_id
            if p.register is target and key:
                added.append(target.as_choice(key, p.values))
        extended[spec.name] = tuple(extended[spec.name]) + tuple(added)
    return extended


def _drop_dangling_references(reg: Register, raw: Record, known: KnownChoices, dangling: dict[str, int]) -> None:
    # A report's machine part cannot be corrected by the clerk: a link to a record this Desk does
    # not have is left empty (and said), not refused.
    for spec in reg.fields:
        value = raw.get(spec.name)
        if spec.ref and value and value not in {c.code for c in known.get(spec.name, ())}:
            raw[spec.name] = None
            dangling[spec.name] = dangling.get(spec.name, 0) + 1


def _resolve_id(text: str, reg: Register, unit: Unit, existing: dict[str, _Existing],
                seen_ids: dict[str, tuple[str, int]], here: tuple[str, int]) -> _Existing | str | None:
    """The stored record a file's ID updates, None for an ID a new record may take, or what is wrong."""
    canonical = text.lower()
    if not _UUID.fullmatch(text):
        return t("mã bản ghi không hợp lệ (Desk ghi mã dạng 8-4-4-4-12 ký tự); hãy để trống ô này nếu là "
                 "bản ghi mới.",
                 "the record ID is not valid (Desk writes 8-4-4-4-12 characters); leave the cell empty for a "
                 "new record.")
    if canonical in seen_ids:
        sheet, number = seen_ids[canonical]
        return t(f"mã bản ghi trùng với dòng {number} (trang «{sheet}»): một bản ghi chỉ được có một dòng.",
                 f"the record ID repeats row {number} (sheet «{sheet}»): one row per record.")
    seen_ids[canonical] = here
    match = existing.get(canonical)
    if match is None:
        return None
    if match.register is not reg:
        return t(f"mã bản ghi này đã là của một bản ghi trong sổ «{match.register.vi}», không phải sổ «{reg.vi}».",
                 f"this record ID already belongs to a record of the register «{match.register.en}», "
                 f"not «{reg.en}».")
    if match.row["unit_code"] != unit.code:
        return t(f"mã bản ghi này là của bản ghi thuộc đơn vị khác (mã {match.row['unit_code']}).",
                 f"this record ID belongs to a record of another unit (code {match.row['unit_code']}).")
    if match.row["voided"]:
        return t("bản ghi có mã này đã bị hủy trong Desk, không cập nhật được.",
                 "the record with this ID was voided in Desk and cannot be updated.")
    return match


def _note_desk_report(plan: ImportPlan, table: Table, reg: Register) -> None:
    if table.carried_over:
        plan.notes.append(t(
            f"Trang «{table.sheet}»: bỏ qua {table.carried_over} dòng «Chuyển từ kỳ trước» (đã có trong báo cáo "
            "kỳ trước).",
            f"Sheet «{table.sheet}»: skipped {table.carried_over} rows carried over from the previous period "
            "(they are in the previous period's report)."))
    lacking = [spec.vi for spec in reg.fields if spec.in_form and spec.name not in table.columns]
    if lacking:
        plan.notes.append(t(
            f"Trang «{table.sheet}» là báo cáo xuất từ Desk: không có mã bản ghi và không có các cột "
            f"{', '.join(f'«{n}»' for n in lacking)}; mỗi dòng thành một bản ghi mới với các trường đó để trống. "
            "Để chuyển đủ dữ liệu giữa hai máy, dùng mẫu nhập liệu kèm dữ liệu (desk template SỔ --with-records).",
            f"Sheet «{table.sheet}» is a report exported by Desk: it has no record IDs and lacks "
            f"{', '.join(f'«{n}»' for n in lacking)}; each row becomes a new record with those fields empty. "
            "To move complete data between computers, use a template with records "
            "(desk template REGISTER --with-records)."))


def _note_same_as_stored(session: Session, plan: ImportPlan, table: Table, reg: Register, unit: Unit) -> None:
    """Rows without an ID that look like records already in Desk: importing twice duplicates them."""
    columns = sql_table(table_of(reg)).c
    stored = {(fold(str(r[0] or "")), r[1]) for r in session.execute(
        select(columns[reg.title_field], columns[reg.date_field]).where(
            columns.unit_code == unit.code, columns.voided.is_(False)))}
    same = [p.row for p in plan.planned
            if p.sheet == table.sheet and p.register is reg and p.record_id is None and p.new_id is None
            and (fold(str(p.values.get(reg.title_field) or "")), p.values.get(reg.date_field)) in stored]
    plan.to_confirm.update((table.sheet, number) for number in same)
    if same:
        more = "…" if len(same) > MAX_NOTED_DUPLICATES else ""
        shown = ", ".join(str(n) for n in same[:MAX_NOTED_DUPLICATES]) + more
        plan.notes.append(t(
            f"Trang «{table.sheet}»: {len(same)} dòng giống bản ghi đã có trong Desk (cùng "
            f"«{reg.spec[reg.title_field].vi}» "
            f"và ngày): dòng {shown}. Nếu tệp này đã được nhập trước đây, nhập lại sẽ tạo bản ghi trùng.",
            f"Sheet «{table.sheet}»: {len(same)} rows look like records already in Desk (same "
            f"«{reg.spec[reg.title_field].en}» and date): rows {shown}. If this file was imported before, "
            "importing it again creates duplicates."))


def known_choices(session: Session, reg: Register, unit: Unit) -> KnownChoices:
    """Every listed field's choices, read once for a whole file instead of once per row."""
    return {spec.name: records.choices(session, reg, spec.name, unit_code=unit.code)
            for spec in reg.fields if spec.codec.listed}


# --- committing -------------------------------------------------------------------------------

def commit(session: Session, plan: ImportPlan, unit: Unit, *, actor: Actor | None = None) -> None:
    """Write every planned row in the caller's transaction (its session commits or rolls back all).

    The rows are written in bulk (services.bulk_records): the same rows and derived columns as one
    records.save() per row; the records it creates are named in import batch rows of the audit trail
    (each with its file, sheet and row), a record it updates gets one "import" audit row with every
    field it changed. Their values are validated again first: the plan may come from an
    earlier transaction (choices, references may have changed since).
    """
    _write_plan(session, plan, unit, actor=actor, recheck=True)


def _write_plan(session: Session, plan: ImportPlan, unit: Unit, *, actor: Actor | None, recheck: bool) -> None:
    # Existence, voided records and period locks are checked again by bulk_records.write in any case.
    actor = actor or os_actor()
    require(actor, Permission.ENTER_RECORDS)
    if not plan.ok:
        raise UserError(t("Tệp còn lỗi; chưa ghi gì.", "The file still has errors; nothing was written."))
    reason = import_reason(plan.path)
    at = audit.utc_now()
    trail = bulk_records.AuditRows(session, actor, at, batch_reason=reason)
    groups = _by_register([p for p in plan.planned if not p.unchanged])
    if sum(len(group) for _reg, group in groups) >= _CHECKPOINT_AFTER_ROWS:
        checkpoints.after_commit(session)
    staged = None if recheck else _staged(session, plan, groups, unit, reason)
    for reg, group in groups:
        if staged is not None and plan.staging is not None:
            if import_staging.write(session, reg, plan.staging, staged, unit_code=unit.code, actor=actor, at=at,
                                    trail=trail):
                continue
            plan.drop_staging()         # it failed on the way, nothing of it kept: written as usual
        pending = _recheck(session, reg, unit, group) if recheck else group
        bulk_records.write(session, reg, [bulk_records.Pending(p.values, p.record_id, p.new_id,
                                                               row_reason(reason, p.sheet, p.row))
                                          for p in pending],
                           unit_code=unit.code, actor=actor, at=at, trail=trail, action=audit.IMPORT,
                           stored=None if recheck else plan.stored_rows)
    trail.insert()
    # Remembered with the records, in the same transaction: the next import of this content is asked about.
    session.add(ImportedFile(sha256=plan.sha256 or _content_hash(plan.path), file_name=plan.path.name,
                             imported_at=at, actor=actor.name, records=len(plan.planned)))
    plan.committed = True


def _staged(session: Session, plan: ImportPlan, groups: list[tuple[Register, list[Planned]]], unit: Unit,
            reason: str) -> import_staging.Making | None:
    """What the check staged, when it is what would be written now (else None, and it is thrown away)."""
    staging = plan.staging
    if staging is None:
        return None
    usable = (len(groups) == 1 and groups[0][0] is staging.reg and staging.count == len(groups[0][1])
              and all(p.record_id is None for p in groups[0][1]) and staging.unit_code == unit.code
              and staging.reason == reason and staging.today == date.today()
              # A lock may refuse a row by its date: checked row by row as usual.
              and not bulk_records.LockGate(session, staging.reg, unit.code).active)
    making = staging.making() if usable else None
    if making is None:
        plan.drop_staging()
    return making


def _by_register(planned: list[Planned]) -> list[tuple[Register, list[Planned]]]:
    """Consecutive rows of one register, in the plan's order (referred registers come first)."""
    groups: list[tuple[Register, list[Planned]]] = []
    for p in planned:
        if not groups or groups[-1][0] is not p.register:
            groups.append((p.register, []))
        groups[-1][1].append(p)
    return groups


def _recheck(session: Session, reg: Register, unit: Unit, group: list[Planned]) -> list[Planned]:
    """The rows validated again, as records.save validates them: the plan may be older than this
    transaction (choices, references and locks may have changed since)."""
    # Choices read now: records of another register written just before (a file's visits before
    # its obstacles) are in the database and may be referred to.
    validator = bulk_records.Validator(session, reg, unit.code)
    checked = []
    for p in group:
        try:
            values = validator.validate(p.values)
        except ValidationError as exc:
            raise UserError(t(
                f"Dữ liệu trong Desk đã thay đổi từ lúc kiểm tra tệp (trang «{p.sheet}», dòng {p.row}: "
                f"{'; '.join(exc.errors.values())}). Hãy kiểm tra lại tệp; chưa ghi gì.",
                f"The data in Desk changed after the file was checked (sheet «{p.sheet}», row {p.row}: "
                f"{'; '.join(exc.errors.values())}). Check the file again; nothing was written.")) from None
        checked.append(Planned(p.register, p.sheet, p.row, values, p.record_id, p.new_id))
    return checked


def import_file(workspace: Workspace, path: Path, *, dry_run: bool = False, convert_legacy: bool | None = None,
                actor: Actor | None = None, cancelled: Callable[[], bool] | None = None,
                again: bool = False, stage: bool = True) -> ImportPlan:
    """Check the file and, when it is clean and not a dry run, write it all in one transaction.

    again: the clerk confirmed importing a file whose content was imported before (else the plan
    stops with needs_again_decision and nothing is written).
    stage: make a large file's new records ready for the commit while checking it (plan_import);
    off for a dry run that will not be committed (commit_checked).
    """
    unit = workspace.require_unit()
    plan: ImportPlan | None = None
    try:
        with rare_full_collections(), workspace.session() as session:
            plan = plan_import(session, path, unit, convert_legacy=convert_legacy, cancelled=cancelled,
                               again=again, stage=stage)
            plan.data_stamp = _data_stamp(session, unit)
            try:
                if plan.ok and not dry_run:
                    # Checked a moment ago in this same transaction (a snapshot: nothing else writes in it).
                    _write_plan(session, plan, unit, actor=actor, recheck=False)
            finally:
                plan.stored_rows = {}
    finally:
        if plan is not None and not dry_run:
            plan.drop_staging()     # once the transaction has ended: the file is no longer open
    return plan


def commit_checked(workspace: Workspace, plan: ImportPlan, *, actor: Actor | None = None) -> ImportPlan:
    """Write a plan that import_file(dry_run=True) checked, without reading and checking the file again.

    Raises FileChangedError when the file changed since (size, time or content): the clerk saw
    another file's check. When Desk's data changed since (a save, a lock, a choice list), the file
    is read and checked again as it is written (import_file), as the plan may no longer hold.
    Returns the committed plan, or the new check's plan with its problems.
    """
    if plan.file_stamp is None or file_stamp(plan.path) != plan.file_stamp:
        plan.drop_staging()
        raise FileChangedError(t(
            f"Tệp «{plan.path.name}» đã thay đổi sau khi kiểm tra; chưa ghi gì. Hãy kiểm tra lại tệp.",
            f"«{plan.path.name}» changed after it was checked; nothing was written. Check the file again."))
    unit = workspace.require_unit()
    try:
        with rare_full_collections(), workspace.session() as session:
            if plan.data_stamp is not None and _data_stamp(session, unit) == plan.data_stamp:
                try:
                    # As checked: nothing has been written since (every such write changes the stamp).
                    _write_plan(session, plan, unit, actor=actor, recheck=False)
                finally:
                    plan.stored_rows = {}
                return plan
    finally:
        plan.drop_staging()         # once the transaction has ended: the file is no longer open
    return import_file(workspace, plan.path, convert_legacy=plan.legacy_decision, actor=actor, again=plan.again)


def save_problem_report(plan: ImportPlan, out: Path) -> None:
    """The problems as an .xlsx the clerk can sort, filter and work through; never over the file checked."""
    if _same_file(Path(out), plan.path):
        raise UserError(t(f"Không lưu danh sách lỗi vào «{Path(out).name}»: đó là chính tệp đang nhập, ghi vào sẽ mất "
                          "tệp ấy. Hãy chọn tên khác.",
                          f"Not saving the error list as «{Path(out).name}»: that is the file being imported, which "
                          "would be lost. Choose another name."))
    write_problem_report(Path(out), plan.path.name, plan.checked_at, plan.problems, plan.notes)
