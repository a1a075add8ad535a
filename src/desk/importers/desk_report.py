"""Reading a Desk periodic report back: its manifest and data sheets, and the check of its hash."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineWorkbook

from desk.domain.lang import t
from desk.errors import UserError
from desk.importers.safety import check_xlsx
from desk.reports.manifest import (
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


class ReportFileError(UserError):
    """A file that cannot be used as a report; `kind` says why, for the list of problems."""

    def __init__(self, kind: str, message: str):
        self.kind = kind
        super().__init__(message)

    def __reduce__(self):   # sent back from the worker process that read the file
        return type(self), (self.kind, str(self))


@dataclass(frozen=True)
class ReportFile:
    path: Path
    manifest: Manifest
    blocks: dict[str, DataBlock]
    computed_hash: str

    @property
    def intact(self) -> bool:
        """False when the data or the manifest was changed after Desk wrote the file."""
        return self.computed_hash == self.manifest.get(HASH_KEY)

    def rows(self, block: str) -> list[dict[str, str]]:
        found = self.blocks.get(block)
        return found.dicts() if found else []


def read_report(path: Path) -> ReportFile:
    """The report in the file, or ReportFileError naming what is wrong with it."""
    path = Path(path)
    try:
        check_xlsx(path)   # the hostile-file gate: nothing else parses a file it refuses
    except UserError as exc:
        raise ReportFileError("unsafe", str(exc)) from None
    except OSError as exc:
        raise ReportFileError("unreadable", t(f"Không đọc được tệp «{path.name}»: {exc.strerror}.",
                                               f"Cannot read «{path.name}»: {exc.strerror}.")) from None
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = workbook.sheet_names
        if MANIFEST_SHEET not in names or DATA_SHEET not in names:
            raise ReportFileError("not_desk", t(
                f"Tệp «{path.name}» không phải báo cáo định kỳ do Desk xuất (không có phần dữ liệu "
                "máy đọc được).",
                f"«{path.name}» is not a periodic report exported by Desk (it has no machine-readable part)."))
        manifest = parse_manifest(workbook.get_sheet_by_name(MANIFEST_SHEET).to_python())
        data_rows = workbook.get_sheet_by_name(DATA_SHEET).to_python()
    except ReportFileError:
        raise
    except Exception as exc:  # calamine raises its own types for broken parts of the zip
        raise ReportFileError("corrupt", t(f"Tệp «{path.name}» bị hỏng, không đọc được ({type(exc).__name__}).",
                                           f"«{path.name}» is damaged and cannot be read ({type(exc).__name__}).")) from None
    if manifest.get("format") != FORMAT:
        raise ReportFileError("not_desk", t(f"Tệp «{path.name}» không phải báo cáo định kỳ do Desk xuất.",
                                            f"«{path.name}» is not a periodic report exported by Desk."))
    version = manifest.get("format_version")
    if not version.isdigit() or int(version) > FORMAT_VERSION:
        raise ReportFileError("too_new", t(
            f"Tệp «{path.name}» do phiên bản Desk mới hơn xuất (định dạng {version}, Desk này đọc đến "
            f"{FORMAT_VERSION}). Hãy cập nhật Desk.",
            f"«{path.name}» was written by a newer Desk (format {version}; this Desk reads up to "
            f"{FORMAT_VERSION}). Update Desk."))
    try:
        blocks = parse_blocks(data_rows)
    except DataSheetError:
        # The structure itself was broken: certainly edited, and the rows cannot be trusted.
        raise ReportFileError("tampered", t(
            f"Tệp «{path.name}» đã bị sửa sau khi xuất (phần dữ liệu không còn nguyên vẹn).",
            f"«{path.name}» was edited after export (its data part is not intact).")) from None
    return ReportFile(path, manifest, {b.name: b for b in blocks}, data_hash(manifest.values, blocks))
