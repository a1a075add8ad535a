"""Finding a register's table in a workbook: header labels, merged headers, bands, IDs, markers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from operator import itemgetter

from desk.domain.fields import FieldSpec
from desk.domain.lang import t
from desk.domain.register import UNKNOWN_BAND, WHOLE_UNIT_BAND, WHOLE_UNIT_BAND_BEFORE
from desk.domain.text import fold
from desk.errors import UserError
from desk.importers.workbook import Book, Sheet, is_blank
from desk.reports import import_template, manifest
from desk.reports.obstacle_report import CARRIED_NOTE

# register name -> its field declaration; the importers never see the services' Register.
type Catalogue = Mapping[str, tuple[FieldSpec, ...]]

HEADER_SCAN_ROWS = 40     # a header lower than this is not looked for
MIN_MATCHED_FIELDS = 2    # a sheet is a register's table when at least this many columns match
_STT_KEYS = frozenset({"stt", "tt", "so tt", "so thu tu"})
_NOTE_KEYS = frozenset({"ghi chu"})
_ID_KEYS = frozenset({"id", "ma ban ghi", "record id", "ma id"})
_CODE_CELL = re.compile(r"[A-Z]{1,2}|\d{1,3}")
_PARENTHESES = re.compile(r"\([^()]*\)")


class Source(StrEnum):
    TEMPLATE = "template"          # a template Desk generated (hidden marker sheet)
    DESK_DATA = "desk_data"        # the machine-readable part of Desk's periodic reports
    DESK_REPORT = "desk_report"    # one of Desk's own report workbooks, read by its headings
    SHEET = "sheet"                # any other workbook


@dataclass(frozen=True)
class Column:
    index: int      # 1-based
    header: str

    @property
    def letter(self) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.index)


@dataclass
class Row:
    number: int                     # the Excel row number
    values: dict[str, object]       # field name -> raw cell value (only the table's columns)
    record_id: str = ""
    unit_code: object = None        # "_desk_data" rows carry their unit


@dataclass
class Table:
    source: Source
    sheet: str
    register: str
    header_rows: tuple[int, ...]
    columns: dict[str, Column]                          # field name -> column
    id_column: Column | None = None
    ignored: list[Column] = field(default_factory=list)
    duplicates: dict[str, list[Column]] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)   # (row, why), shown to the clerk
    carried_over: int = 0                              # Desk report rows "from the previous period"


@dataclass(frozen=True)
class UnitClaim:
    """What a workbook says about the unit it belongs to."""

    code: int | None
    name: str
    where: str


@dataclass
class Found:
    source: Source
    tables: list[Table]
    claims: list[UnitClaim] = field(default_factory=list)
    problems: list[tuple[str, int | None, str]] = field(default_factory=list)   # (sheet, row, message)
    notes: list[str] = field(default_factory=list)
    marker: dict[str, str] | None = None


# --- header labels --------------------------------------------------------------------------

def header_key(text) -> str:
    """A heading reduced to what identifies it: no case, accents, punctuation, "*" or extra spaces."""
    folded = fold(str(text)).replace("*", " ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded).split())


def _without_parentheses(text: str) -> str:
    return _PARENTHESES.sub(" ", str(text))


def label_index(fields: tuple[FieldSpec, ...]) -> dict[str, str]:
    """heading key -> field name: Vietnamese and English labels, the field name, with and
    without a parenthesised part ("Ngày phát sinh (dd/mm/yyyy)"); ambiguous keys are dropped."""
    found: dict[str, set[str]] = {}
    for spec in fields:
        for text in (spec.vi, spec.en, spec.name, spec.name.replace("_", " "), *spec.headings):
            for variant in (text, _without_parentheses(text)):
                if key := header_key(variant):
                    found.setdefault(key, set()).add(spec.name)
    return {key: next(iter(names)) for key, names in found.items() if len(names) == 1}


def match_heading(text, index: dict[str, str]) -> str | None:
    if is_blank(text) or not isinstance(text, str):
        return None
    return index.get(header_key(text)) or index.get(header_key(_without_parentheses(text)))


def _is_id_heading(text) -> bool:
    if not isinstance(text, str) or is_blank(text):
        return False
    key = header_key(text)
    return key in _ID_KEYS or key.startswith("ma ban ghi") or header_key(_without_parentheses(text)) in _ID_KEYS


@dataclass
class _Header:
    rows: tuple[int, ...]
    mapping: dict[int, str]         # column -> field
    texts: dict[int, str]           # column -> heading as written

    @property
    def score(self) -> int:
        return len(set(self.mapping.values()))


def _row_texts(sheet: Sheet, row: int, width: int) -> dict[int, str]:
    texts = {}
    for col in range(1, width + 1):
        value = sheet.shown_value(row, col)
        if isinstance(value, str) and value.strip():
            texts[col] = " ".join(value.split())
    return texts


def find_header(sheet: Sheet, fields: tuple[FieldSpec, ...]) -> _Header | None:
    """The heading row (or two rows, for a merged group heading) that names most fields."""
    index = label_index(fields)
    width = sheet.width
    best: _Header | None = None
    last = min(sheet.height, HEADER_SCAN_ROWS)
    texts_of = {row: _row_texts(sheet, row, width) for row in range(1, last + 2)}
    for row in range(1, last + 1):
        single = _match_row(texts_of[row], index)
        candidates = [_Header((row,), *single)]
        below = texts_of.get(row + 1, {})
        if below:
            double = _match_two_rows(texts_of[row], below, index)
            candidates.append(_Header((row, row + 1), *double))
        for candidate in candidates:
            # More fields named wins; at a tie, one heading row rather than two.
            if best is None or (candidate.score, -len(candidate.rows)) > (best.score, -len(best.rows)):
                best = candidate
    if best is None or best.score < MIN_MATCHED_FIELDS:
        return None
    return best


def _match_row(texts: dict[int, str], index: dict[str, str]) -> tuple[dict[int, str], dict[int, str]]:
    mapping = {}
    for col, text in texts.items():
        if name := match_heading(text, index):
            mapping[col] = name
    return mapping, dict(texts)


def _match_two_rows(upper: dict[int, str], lower: dict[int, str],
                    index: dict[str, str]) -> tuple[dict[int, str], dict[int, str]]:
    mapping, texts = {}, {}
    for col in sorted(set(upper) | set(lower)):
        top, bottom = upper.get(col, ""), lower.get(col, "")
        # The lower row names the column when the upper one is a merged group heading.
        for text in (bottom, top, f"{top} {bottom}".strip()):
            if text and (name := match_heading(text, index)):
                mapping[col], texts[col] = name, text
                break
        else:
            texts[col] = bottom or top
    return mapping, texts


# --- finding the tables ---------------------------------------------------------------------

def desk_made(book: Book) -> bool:
    """A template or report Desk wrote itself (it reads them by their machine-readable parts)."""
    return _has_machine_part(book) or read_marker(book) is not None


def find_tables(book: Book, catalogue: Catalogue) -> Found:
    """Every register table in the workbook, with its rows; raises UserError if there is none."""
    if _has_machine_part(book):
        found = _read_machine_part(book, catalogue)
    elif (marker := read_marker(book)) is not None:
        found = _read_template(book, marker, catalogue)
    else:
        source = Source.DESK_REPORT if book.creator == "Desk" else Source.SHEET
        found = Found(source, [], claims=_report_claims(book) if source is Source.DESK_REPORT else [])
        for sheet in book.sheets:
            if not sheet.visible:
                if sheet.height:        # said, as a hidden row is: the clerk may not know it is there
                    found.notes.append(t(f"Trang «{sheet.name}» đang bị ẩn trong Excel: bỏ qua, Desk không nhập "
                                         "trang ẩn (muốn nhập, hãy bỏ ẩn: bấm chuột phải vào tên trang > Unhide).",
                                         f"Sheet «{sheet.name}» is hidden in Excel: skipped; Desk does not import "
                                         "hidden sheets (to import it, unhide it)."))
                continue
            table = _best_table(sheet, catalogue, source)
            if table is None:
                if sheet.height:
                    found.notes.append(t(f"Trang «{sheet.name}»: không thấy bảng dữ liệu của sổ nào, bỏ qua.",
                                         f"Sheet «{sheet.name}»: no register table found; skipped."))
                continue
            found.tables.append(table)
        if source is Source.DESK_REPORT:
            found.tables = _joined(found.tables)
    if not found.tables and not found.problems:
        raise UserError(_nothing_found(book, catalogue))
    return found


def _joined(tables: list[Table]) -> list[Table]:
    """Desk prints a register's records in two lists when their columns do not fit one page (the
    obstacle report's list, then their causes and impact): the same records in the same order,
    joined back here into one table, so each record is read once with all its columns."""
    out: list[Table] = []
    for table in tables:
        first = next((t for t in out if t.register == table.register and len(t.rows) == len(table.rows)
                      and t.carried_over == table.carried_over), None)
        if first is None:
            out.append(table)
            continue
        for name, column in table.columns.items():
            first.columns.setdefault(name, column)
        for mine, theirs in zip(first.rows, table.rows):
            for name, value in theirs.values.items():
                mine.values.setdefault(name, value)
    return out


def _nothing_found(book: Book, catalogue: Catalogue) -> str:
    name = book.path.name
    if not any(sheet.height for sheet in book.sheets if sheet.visible):
        return t(f"Tệp «{name}» không có dữ liệu (sổ làm việc trống).",
                 f"The file «{name}» holds no data (the workbook is empty).")
    examples = "; ".join(f"«{fields[0].vi}», «{fields[1].vi}»" for fields in catalogue.values() if len(fields) > 1)
    return t(f"Không tìm thấy bảng dữ liệu trong tệp «{name}»: không có dòng tiêu đề nào chứa ít nhất "
             f"{MIN_MATCHED_FIELDS} tên cột của một sổ (ví dụ {examples}). Hãy dùng mẫu nhập liệu "
             "(Tệp > Tạo mẫu nhập liệu...).",
             f"No data table found in «{name}»: no heading row names at least {MIN_MATCHED_FIELDS} columns "
             f"of a register (e.g. {examples}). Use an import template (File > Create import template...).")


def _best_table(sheet: Sheet, catalogue: Catalogue, source: Source) -> Table | None:
    best: tuple[int, str, _Header] | None = None
    for register, fields in catalogue.items():
        header = find_header(sheet, fields)
        if header is not None and (best is None or header.score > best[0]):
            best = (header.score, register, header)
    if best is None:
        return None
    _, register, header = best
    return _table(sheet, register, header, source)


def _table(sheet: Sheet, register: str, header: _Header, source: Source) -> Table:
    table = Table(source, sheet.name, register, header.rows, {})
    stt = note = None
    for col, text in sorted(header.texts.items()):
        column = Column(col, text)
        name = header.mapping.get(col)
        if name is not None:
            if name in table.columns:
                table.duplicates.setdefault(name, [table.columns[name]]).append(column)
            else:
                table.columns[name] = column
        elif _is_id_heading(text) and table.id_column is None:
            table.id_column = column
        else:
            key = header_key(text)
            if key in _STT_KEYS and stt is None:
                stt = col
            elif key in _NOTE_KEYS and note is None:
                note = col
            else:
                table.ignored.append(column)
    desk_report = source is Source.DESK_REPORT
    _read_rows(sheet, table, stt_col=stt if desk_report else None, note_col=note if desk_report else None,
               band_field=_banded_by(register, table) if desk_report and stt else None,
               totals=source is Source.SHEET)
    return table


def _banded_by(register: str, table: Table) -> str | None:
    """The field Desk's list of this register prints as band headings, not as a column ("Phòng, ban" over
    each office's people), when the table has no column of its own for it."""
    from desk.domain.registers import REGISTERS

    reg = REGISTERS.get(register)
    group = reg.list_spec.group_by if reg is not None and reg.listing is not None else None
    return group if group and group not in table.columns else None


# The band headings of Desk's lists that name no value: the rows under them have none.
_NO_VALUE_BANDS = frozenset(map(fold, (WHOLE_UNIT_BAND, WHOLE_UNIT_BAND_BEFORE, UNKNOWN_BAND)))
_BAND_NUMBER = re.compile(r"^[IVXLC]+\.\s+")     # a periodic report's annex numbers its bands "I. ", "II. "
# A row that adds up the rows above it (a clerk's own sheet ends with one): its words, folded, maybe with
# the count and what is counted ("Tổng cộng", "Tổng cộng: 4 người", "Cộng (04 hồ sơ)", "Tổng số - 12").
_TOTAL = re.compile(r"(tong cong chung|tong cong|tong so|tong|cong chung|cong)(\W+\d[\d.,]*(\s+\w+){0,2})?\W*")
_TOTAL_LENGTH = 40      # longer first cells are titles or names, not a total's


def _is_total(cells: list) -> bool:
    """Whether the row's first filled cell (of its first three: "Tổng cộng" merged over STT and the names)
    says it adds up the rows above."""
    for value in cells[:3]:
        if value is None or value == "":
            continue
        # Most rows start with a number or a title: only a short text is folded (100,000 rows are read).
        return type(value) is str and len(value) <= _TOTAL_LENGTH and _TOTAL.fullmatch(fold(value).strip()) is not None
    return False


# What a clerk's signature block under the table says: who signs, how, and the place-and-date line.
_SIGNER_WORDS = ("nguoi lap", "can bo lap", "thu truong", "tm.", "t/m", "kt.", "q.", "chu tich", "pho chu tich",
                 "giam doc", "truong phong", "noi nhan", "xac nhan", "(ky", "ky ten", "ky, ")
_DATE_LINE = re.compile(r"ngay\W*\S{0,4}\W*thang\W*\S{0,4}\W*nam\W*\d{0,4}\W*$")
_MOST_SIGNATURE_CELLS = 3        # a signature row fills a few cells; a record, more


def _few_filled(cells: list) -> bool:
    """At most a signature row's few cells are filled (counted in C: a record's row costs no more)."""
    return len(cells) - cells.count("") <= _MOST_SIGNATURE_CELLS


def _is_signature(cells: list) -> bool:
    """A row of the signature block under a clerk's table: every filled cell says who signs, how
    («(Ký, ghi rõ họ tên)») or where and when («Ngô Quyền, ngày 05 tháng 10 năm 2025»)."""
    if not _few_filled(cells):
        return False
    filled = [value for value in cells if not is_blank(value)]
    return bool(filled) and all(type(value) is str and len(value) <= 80 and (
        fold(value).strip().startswith(_SIGNER_WORDS) or _DATE_LINE.search(fold(value))) for value in filled)


def _is_code_row(sheet: Sheet, row: int, columns: list[int]) -> bool:
    """Desk's reports put a row of column codes (A, B, 1, 2...) under the headings."""
    cells = [sheet.value(row, c) for c in columns]
    filled = [c for c in cells if not is_blank(c)]
    return len(filled) >= 2 and all(isinstance(c, str) and _CODE_CELL.fullmatch(c.strip()) for c in filled)


def _is_band(sheet: Sheet, row: int) -> bool:
    """A row whose only contents are merged across columns: a section heading or a footer."""
    if not sheet.merges:
        return False
    cells = sheet.rows[row - 1] if row <= sheet.height else []
    filled = [col for col, value in enumerate(cells, start=1) if not is_blank(value)]
    if not filled:
        return False
    for col in filled:
        merge = sheet.merge_starting_at(row, col)
        if merge is None or merge.width < 2:
            return False
    return True


def _is_band_heading(cells: list, stt_col: int) -> bool:
    """A row of Desk's list holding one text, in its first column: a band's heading."""
    if stt_col > len(cells) or not isinstance(cells[stt_col - 1], str) or is_blank(cells[stt_col - 1]):
        return False
    return sum(1 for value in cells if not is_blank(value)) == 1


def _band_value(heading: str) -> str | None:
    text = _BAND_NUMBER.sub("", heading.strip())
    return None if fold(text) in _NO_VALUE_BANDS else text


def _positive_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return value > 0
    return isinstance(value, str) and value.strip().isdigit() and int(value.strip()) > 0


def _read_rows(sheet: Sheet, table: Table, *, stt_col: int | None = None, note_col: int | None = None,
               band_field: str | None = None, totals: bool = False) -> None:
    columns = {name: column.index for name, column in table.columns.items()}
    id_col = table.id_column.index if table.id_column else None
    start = table.header_rows[-1] + 1
    used = sorted(set(columns.values()) | ({id_col} if id_col else set()))
    if _is_code_row(sheet, start, used):
        start += 1
    carried = fold(CARRIED_NOTE)
    names = list(columns)
    pick = itemgetter(*(columns[n] - 1 for n in names)) if names else (lambda cells: ())
    if len(names) == 1:
        single = pick
        pick = lambda cells: (single(cells),)  # noqa: E731  (itemgetter of one index returns no tuple)
    width = max(used, default=0)
    band: str | None = None
    signed = False                  # past the first row of a clerk's signature block
    if band_field is not None:
        # Each record takes its band's value, read as the column would be (the import names the row if not).
        table.columns[band_field] = Column(stt_col or 1, t("(dòng tiêu đề nhóm)", "(band heading)"))
    for number in range(start, sheet.height + 1):
        cells = sheet.rows[number - 1]
        # list.count runs in C: a blank row is skipped without a Python call per cell.
        if cells.count("") == len(cells):
            continue
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        if stt_col is not None:
            # Desk's own report: records are the numbered rows; bands, "Không có" and the
            # signature block have no number.
            if not _positive_number(cells[stt_col - 1] if stt_col <= len(cells) else ""):
                if band_field is not None and _is_band_heading(cells, stt_col):
                    band = _band_value(cells[stt_col - 1])
                continue
            if note_col is not None and fold(str(sheet.value(number, note_col))) == carried:
                table.carried_over += 1
                continue
        elif totals and _is_total(cells):
            table.skipped.append((number, t("dòng tổng cộng, không phải bản ghi", "a total row, not a record")))
            continue
        elif totals and (_is_signature(cells) or signed and _few_filled(cells)):
            # Below the block's first row, its other lines: the signers' names.
            signed = True
            table.skipped.append((number, t("phần ký tên cuối bảng, không phải bản ghi",
                                            "the signature block under the table, not a record")))
            continue
        values = dict(zip(names, pick(cells)))
        if band_field is not None:
            values[band_field] = band
        record_id = cells[id_col - 1] if id_col else ""
        text_id = "" if record_id == "" or is_blank(record_id) else str(record_id).strip()
        if not text_id and all(is_blank(v) for v in values.values()):
            if not all(is_blank(v) for v in cells):
                table.skipped.append((number, t("không có dữ liệu ở các cột của sổ",
                                                "no data in the register's columns")))
            continue
        if sheet.merges and _is_band(sheet, number):
            table.skipped.append((number, t("dòng gộp ô (tiêu đề mục), không phải bản ghi",
                                            "a merged row (section heading), not a record")))
            continue
        table.rows.append(Row(number, values, text_id))


# --- templates ------------------------------------------------------------------------------

def read_marker(book: Book) -> dict[str, str] | None:
    """The key/value pairs of a Desk template's hidden marker sheet, or None."""
    sheet = book.sheet(import_template.MARKER_SHEET)
    if sheet is None:
        return None
    pairs = {str(r[0]).strip(): ("" if is_blank(r[1]) else _marker_text(r[1]))
             for r in sheet.rows if len(r) >= 2 and not is_blank(r[0])}
    if pairs.get("format") != import_template.MARKER_FORMAT:
        return None
    return pairs


def _marker_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_template(book: Book, marker: dict[str, str], catalogue: Catalogue) -> Found:
    name = book.path.name
    try:
        version = int(marker.get("template_version", "0"))
    except ValueError:
        version = 0
    if version > import_template.TEMPLATE_VERSION:
        raise UserError(t(
            f"Tệp «{name}» là mẫu nhập liệu của phiên bản Desk mới hơn (mẫu số {version}); "
            "hãy cập nhật Desk rồi nhập lại.",
            f"The file «{name}» is an import template from a newer Desk (template {version}); "
            "update Desk and import again."))
    register = marker.get("register", "")
    if register not in catalogue:
        raise UserError(t(f"Tệp «{name}» là mẫu nhập liệu của sổ «{register}», sổ này không có trong Desk.",
                          f"The file «{name}» is a template for the register «{register}», which Desk does not have."))
    claims = []
    if marker.get("unit_code", "").isdigit():
        claims.append(UnitClaim(int(marker["unit_code"]), marker.get("unit_name", ""),
                                t("mẫu nhập liệu", "the import template")))
    found = Found(Source.TEMPLATE, [], claims=claims, marker=marker)
    sheet_name = marker.get("data_sheet") or import_template.DATA_SHEET
    sheet = book.sheet(sheet_name)
    if sheet is None:
        raise UserError(t(f"Tệp «{name}» là mẫu nhập liệu nhưng không còn trang «{sheet_name}». "
                          "Đừng đổi tên hoặc xóa trang này.",
                          f"The file «{name}» is an import template but its sheet «{sheet_name}» is gone. "
                          "Do not rename or delete that sheet."))
    header = find_header(sheet, catalogue[register])
    if header is None:
        raise UserError(t(f"Trang «{sheet_name}» của tệp «{name}» không còn dòng tiêu đề của mẫu "
                          f"(dòng {marker.get('header_row', '1')}). Đừng sửa dòng tiêu đề.",
                          f"The sheet «{sheet_name}» of «{name}» lost the template's heading row "
                          f"(row {marker.get('header_row', '1')}). Do not edit the headings."))
    found.tables.append(_table(sheet, register, header, Source.TEMPLATE))
    return found


# --- the machine-readable part of Desk's periodic reports ----------------------------------

def _has_machine_part(book: Book) -> bool:
    return book.sheet(manifest.MANIFEST_SHEET) is not None and book.sheet(manifest.DATA_SHEET) is not None


def _read_machine_part(book: Book, catalogue: Catalogue) -> Found:
    """The records of a periodic report's hidden data sheet (reports/manifest.py): IDs, codes,
    ISO dates, exactly as Desk wrote them; refused if edited after export."""
    name = book.path.name
    facts = manifest.parse_manifest(book.sheet(manifest.MANIFEST_SHEET).rows)
    version = facts.get("format_version")
    if facts.get("format") != manifest.FORMAT:
        raise UserError(t(f"Tệp «{name}» có phần dữ liệu máy nhưng không phải báo cáo Desk (định dạng "
                          f"«{facts.get('format')}»).",
                          f"«{name}» has a machine-readable part but is not a Desk report "
                          f"(format «{facts.get('format')}»)."))
    if not version.isdigit() or int(version) > manifest.FORMAT_VERSION:
        raise UserError(t(f"Tệp «{name}» do phiên bản Desk mới hơn xuất (định dạng {version}). Hãy cập nhật Desk.",
                          f"«{name}» was written by a newer Desk (format {version}). Update Desk."))
    rows = book.sheet(manifest.DATA_SHEET).rows
    try:
        blocks = manifest.parse_blocks(rows)
    except manifest.DataSheetError:
        blocks = None
    if blocks is None or manifest.data_hash(facts.values, blocks) != facts.get(manifest.HASH_KEY):
        raise UserError(t(f"Tệp «{name}» đã bị sửa sau khi Desk xuất (mã kiểm tra dữ liệu không khớp); "
                          "Desk không nhập dữ liệu đã bị sửa. Hãy xin lại tệp gốc.",
                          f"«{name}» was edited after Desk exported it (the data hash does not match); "
                          "Desk does not import edited data. Ask for the original file."))
    claims = []
    if facts.get("unit_code").isdigit():
        claims.append(UnitClaim(int(facts.get("unit_code")), facts.get("unit_name"),
                                t("phần dữ liệu máy của báo cáo", "the report's machine-readable part")))
    found = Found(Source.DESK_DATA, [], claims=claims)
    marks = [i + 1 for i, row in enumerate(rows) if row and manifest.text_of(row[0]) == manifest.BLOCK_MARK]
    for mark_row, block in zip(marks, blocks):
        if block.name not in catalogue or "id" not in block.columns:
            continue
        fields = {f.name for f in catalogue[block.name]}
        positions = {column: i for i, column in enumerate(block.columns)}
        columns = {column: Column(i + 1, column) for column, i in positions.items() if column in fields}
        table = Table(Source.DESK_DATA, manifest.DATA_SHEET, block.name, (mark_row + 1,), columns,
                      id_column=Column(positions["id"] + 1, "id"))
        for offset, values in enumerate(block.rows):
            unit = values[positions["unit_code"]] if "unit_code" in positions else None
            table.rows.append(Row(mark_row + 2 + offset, {c: values[positions[c]] for c in columns},
                                  values[positions["id"]].strip(), unit))
            code = _unit_code(unit)
            if code is not None and all(c.code != code for c in found.claims):
                found.claims.append(UnitClaim(code, "", t(f"trang «{manifest.DATA_SHEET}»",
                                                          f"sheet «{manifest.DATA_SHEET}»")))
        found.tables.append(table)
    if not found.tables:
        raise UserError(t(f"Báo cáo «{name}» không chứa bản ghi của sổ nào để nhập.",
                          f"The report «{name}» holds no register records to import."))
    return found


def _unit_code(value) -> int | None:
    try:
        return int(str(value).strip()) if not isinstance(value, bool) and str(value).strip() else None
    except ValueError:
        return None


# --- Desk's own reports ---------------------------------------------------------------------

_REPORTING_UNIT = "Đơn vị báo cáo:"


def _report_claims(book: Book) -> list[UnitClaim]:
    """"Đơn vị báo cáo: UBND Phường Ngô Quyền" in the corner of a Desk data form."""
    claims = []
    prefix = fold(_REPORTING_UNIT)
    for sheet in book.sheets:
        for row in sheet.rows[:10]:
            for value in row:
                if isinstance(value, str) and fold(value).startswith(prefix):
                    name = value.split(":", 1)[1].strip()
                    if name and all(c.name != name for c in claims):
                        claims.append(UnitClaim(None, name, t(f"trang «{sheet.name}»", f"sheet «{sheet.name}»")))
    return claims
