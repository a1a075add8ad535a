"""Reading a Desk report back (a commune's, or a consolidation): manifest, data, the sheets it prints, hashes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineWorkbook

from desk.domain import replies
from desk.domain.lang import t
from desk.domain.registers import initiatives, movements, visits
from desk.errors import UserError
from desk.importers import safety
from desk.importers.safety import check_xlsx
from desk.reports.manifest import (
    CONSOLIDATED_FORMAT,
    DATA_SHEET,
    FORMAT,
    FORMAT_VERSION,
    HASH_KEY,
    MANIFEST_SHEET,
    DataBlock,
    DataSheetError,
    Manifest,
    data_hash,
    parse_blocks,
    parse_manifest,
)

REPLY_FILE = "reply_file"      # the kind of ReportFileError for Desk's own reply workbook


class ReportFileError(UserError):
    """A file that cannot be used as a report; `kind` says why, for the list of problems."""

    def __init__(self, kind: str, message: str):
        self.kind = kind
        super().__init__(message)

    def __reduce__(self):   # sent back from the worker process that read the file
        return type(self), (self.kind, str(self))


# The printed sheets the "edited after export" check reads back (see services.printed_check), by the
# end of their names: annexes are numbered ("01 KKVM tổng hợp").
_LISTS = tuple(reg.list_spec.sheet_name for reg in (movements.REGISTER, visits.REGISTER, initiatives.REGISTER))
PRINTED_SHEETS = {FORMAT: ("Báo cáo", "KKVM tổng hợp", "KKVM chi tiết", "Biên chế", "TTHC", "Nhu cầu nhân sự", *_LISTS),
                  CONSOLIDATED_FORMAT: ("Tổng hợp", "Theo lĩnh vực", *_LISTS)}


_PRINTED_KEYS = tuple(key for keys in PRINTED_SHEETS.values() for key in keys)


def read_here(sheet: str) -> bool:
    """Whether reading a report opens this sheet (the gate unpacks only those; see _printed)."""
    return sheet in (MANIFEST_SHEET, DATA_SHEET) or any(sheet == k or sheet.endswith(f" {k}") for k in _PRINTED_KEYS)


@dataclass(frozen=True)
class PrintedSheet:
    """A printed sheet's values as read (rows of cell values) and where its first cell is."""

    name: str
    first_row: int          # 0-based, as python-calamine gives them
    first_col: int
    rows: list[list]


@dataclass(frozen=True)
class ReportFile:
    path: Path
    manifest: Manifest
    blocks: dict[str, DataBlock]
    computed_hash: str
    file_hash: str = ""                                       # SHA-256 of the file's bytes
    printed: dict[str, PrintedSheet] = field(default_factory=dict)   # by the PRINTED_SHEETS key

    @property
    def consolidated(self) -> bool:
        return self.manifest.get("format") == CONSOLIDATED_FORMAT

    @property
    def intact(self) -> bool:
        """False when the data or the manifest was changed after Desk wrote the file."""
        return self.computed_hash == self.manifest.get(HASH_KEY)

    def rows(self, block: str) -> list[dict[str, str]]:
        found = self.blocks.get(block)
        return found.dicts() if found else []


@dataclass(frozen=True)
class OpenedReport:
    """A report file past the gate, its manifest and printed sheets read, its data sheet not yet parsed:
    `data_rows` gives that sheet's rows one at a time (parse them whole with whole(), or stream them)."""

    path: Path
    manifest: Manifest
    data_rows: Iterator[list]
    file_hash: str
    printed: dict[str, PrintedSheet]

    @property
    def consolidated(self) -> bool:
        return self.manifest.get("format") == CONSOLIDATED_FORMAT


def read_report(path: Path) -> ReportFile:
    """The report in the file, or ReportFileError naming what is wrong with it."""
    return whole(open_report(path))


def whole(opened: OpenedReport) -> ReportFile:
    """The opened report with its data sheet parsed into blocks."""
    try:
        blocks = parse_blocks(data_rows(opened))
    except DataSheetError:
        raise tampered(opened.path) from None
    return ReportFile(opened.path, opened.manifest, {b.name: b for b in blocks},
                      data_hash(opened.manifest.values, blocks), opened.file_hash, opened.printed)


def tampered(path: Path) -> ReportFileError:
    # The structure itself was broken: certainly edited, and the rows cannot be trusted.
    return ReportFileError("tampered", t(
        f"Tệp «{path.name}» đã bị sửa sau khi xuất (phần dữ liệu không còn nguyên vẹn).",
        f"«{path.name}» was edited after export (its data part is not intact)."))


def data_rows(opened: OpenedReport) -> Iterator[list]:
    """The data sheet's rows; a reader's error while giving them is the file's ("corrupt")."""
    rows = opened.data_rows
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # calamine raises its own types for broken parts of the zip
            raise _corrupt(opened.path, exc) from None
        yield row


def _corrupt(path: Path, exc: Exception) -> ReportFileError:
    return ReportFileError("corrupt", t(f"Tệp «{path.name}» bị hỏng, không đọc được ({type(exc).__name__}).",
                                        f"«{path.name}» is damaged and cannot be read ({type(exc).__name__})."))


def open_report(path: Path) -> OpenedReport:
    """The file past the gate, its manifest checked, or ReportFileError naming what is wrong with it."""
    path = Path(path)
    try:
        # The hostile-file gate: nothing else parses a file it refuses. The data sheet may be long (a
        # consolidation of the whole country), checked below to be a consolidation's.
        check_xlsx(path, reads=read_here, roomy=DATA_SHEET.__eq__)
    except UserError as exc:
        raise ReportFileError("unsafe", str(exc)) from None
    except OSError as exc:
        raise ReportFileError("unreadable", t(f"Không đọc được tệp «{path.name}»: {exc.strerror}.",
                                               f"Cannot read «{path.name}»: {exc.strerror}.")) from None
    try:
        workbook = safety.open_xlsx(path)
        names = workbook.sheet_names
        if replies.MANIFEST_SHEET in names:
            raise ReportFileError(REPLY_FILE, t(
                f"Tệp «{path.name}» là tệp trả lời khó khăn, vướng mắc do Desk tạo, không phải báo cáo định kỳ.",
                f"«{path.name}» is an obstacle reply workbook made by Desk, not a periodic report."))
        if MANIFEST_SHEET not in names or DATA_SHEET not in names:
            raise ReportFileError("not_desk", t(
                f"Tệp «{path.name}» không phải báo cáo định kỳ do Desk xuất (không có phần dữ liệu "
                "máy đọc được).",
                f"«{path.name}» is not a periodic report exported by Desk (it has no machine-readable part)."))
        manifest = parse_manifest(workbook.get_sheet_by_name(MANIFEST_SHEET).to_python())
        data_sheet = workbook.get_sheet_by_name(DATA_SHEET)
        if data_sheet.height > safety.MAX_ROWS and manifest.get("format") != CONSOLIDATED_FORMAT:
            raise ReportFileError("unsafe", t(
                f"Không nhập được tệp «{path.name}»: phần dữ liệu có {data_sheet.height:,} dòng, vượt giới hạn "
                f"{safety.MAX_ROWS:,} dòng của một báo cáo đơn vị (chỉ tệp tổng hợp được dài hơn).".replace(",", "."),
                f"Cannot import «{path.name}»: its data part has {data_sheet.height:,} rows, more than the "
                f"{safety.MAX_ROWS:,} a unit's report may have (only a consolidation may be longer)."))
        # Row by row: python-calamine holds the sheet's cells, but a list of every row's values as Python
        # objects (to_python) took a national consolidation's reader past its memory ceiling.
        rows = data_sheet.iter_rows()
        printed = _printed(workbook, manifest.get("format"))
    except ReportFileError:
        raise
    except Exception as exc:  # calamine raises its own types for broken parts of the zip
        raise _corrupt(path, exc) from None
    if manifest.get("format") not in (FORMAT, CONSOLIDATED_FORMAT):
        raise ReportFileError("not_desk", t(f"Tệp «{path.name}» không phải báo cáo định kỳ do Desk xuất.",
                                            f"«{path.name}» is not a periodic report exported by Desk."))
    version = manifest.get("format_version")
    if not version.isdigit() or int(version) > FORMAT_VERSION:
        raise ReportFileError("too_new", t(
            f"Tệp «{path.name}» do phiên bản Desk mới hơn xuất (định dạng {version}, Desk này đọc đến "
            f"{FORMAT_VERSION}). Hãy cập nhật Desk.",
            f"«{path.name}» was written by a newer Desk (format {version}; this Desk reads up to "
            f"{FORMAT_VERSION}). Update Desk."))
    return OpenedReport(path, manifest, rows, _file_hash(path), printed)


def written_as(path: Path) -> str:
    """What Desk wrote the file as (its manifest's format: a report, a consolidation or a reply workbook),
    or "" for a file Desk did not write or that cannot be read."""
    try:
        return open_report(path).manifest.get("format")
    except ReportFileError as exc:
        return replies.FORMAT if exc.kind == REPLY_FILE else ""


def _printed(workbook: CalamineWorkbook, kind: str) -> dict[str, PrintedSheet]:
    out = {}
    for key in PRINTED_SHEETS.get(kind, ()):
        name = next((n for n in workbook.sheet_names if n == key or n.endswith(f" {key}")), None)
        if name is not None:
            sheet = workbook.get_sheet_by_name(name)
            first_row, first_col = sheet.start or (0, 0)
            out[key] = PrintedSheet(name, first_row, first_col, sheet.to_python())
    return out


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
