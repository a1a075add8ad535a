"""The gate every imported file passes first: only a real, harmless .xlsx goes on to a parser."""

from __future__ import annotations

import html
import os
import re
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desk.domain.formats import format_number_vi
from desk.domain.lang import t
from desk.errors import UserError

# Limits. A workbook of 100,000 register rows is about 10 MB on disk and 150 MB unpacked; the
# limits leave room for that and stop what no office produces.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 10_000
MAX_TOTAL_UNCOMPRESSED = 512 * 1024 * 1024
MAX_RATIO = 100                      # Apache POI's default for a zip bomb (inflate ratio 0.01)
RATIO_FLOOR = 10 * 1024 * 1024       # parts smaller than this unpack harmlessly whatever their ratio

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_OLE_STREAM = "EncryptedPackage".encode("utf-16-le")
_CHUNK = 1024 * 1024
# A DTD is what XML bombs and external entities need; no Office part ever has one. Also the
# UTF-16 spellings, since an XML parser would honour a UTF-16 part.
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)|<\x00!\x00(?:[Dd]\x00[Oo]|[Ee]\x00[Nn])"
                  rb"|\x00<\x00!\x00(?:[Dd]\x00[Oo]|[Ee]\x00[Nn])", re.IGNORECASE)
_OVERLAP = 32
_XML_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']""")

# A sheet's extent: python-calamine allocates for the whole used range (first to last cell), so one
# cell at XFD1048576 in a 15 KB file asks for 512 GB. The gate reads every worksheet's <dimension>
# and its cell and row references before any parser runs and refuses what no office sheet needs.
MAX_ROWS = 300_000                   # Desk's own 100,000-record exports, with room
MAX_COLUMNS = 256                    # column IV; Desk's widest sheet has ~35
MAX_CELLS = 16_000_000               # rows x columns of the used range (~0.5 GB for the parser)
# A sheet the caller names as roomy (a consolidation's machine-readable data: one row per record of a
# whole country, 664,200 for 3,321 communes) may reach Excel's own last row; the reading worker's
# memory ceiling (importers.worker) still stops a sheet too heavy to hold.
MAX_ROOMY_ROWS = 1_048_576
MAX_ROOMY_CELLS = 48_000_000
MAX_ROOMY_UNCOMPRESSED = 2 * 1024 ** 3     # its XML, counted apart from the rest (scanned in chunks, not held)
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*\bref="([^"]*)"')
# Only references that could be out of bounds are looked at closely: rows of six digits or more,
# columns of two letters from BA on, or three letters and more. Ordinary cells never match.
# The literal "r=" leads, so the search skips along with a fast scan (5x faster than one starting with
# a word boundary, which the loop checks instead: far references are rare).
_FAR_REF = re.compile(rb'r="(?:([A-Z]{0,3}?)(\d{6,})|((?:[B-Z][A-Z]|[A-Z]{3,}))(\d+))"')
_WORD = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
# Where _FAR_REF can match at all, found without trying it at every reference: with each digit folded
# to "0" and each capital to "A", a far reference holds 'r="AA' (two letters or more) or '000000"' (six
# digits, then its closing quote) a few bytes after its 'r="'. The regex then runs only there (a few
# places a part), 2x faster over a report's data sheet than at every "r=".
_FOLD = bytes.maketrans(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"0" * 10 + b"A" * 26)
_FOLDED_DIGIT = ord("0")
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
# What hides a row or a column: marked hidden, or drawn too thin to see (a row under a point high, a column
# under a character wide). XML lets an attribute be quoted either way: Excel writes "...", a crafted file may
# write '...'. Searched for in the whole sheet, then the tag around each found is looked at: a printed sheet
# gives every row a height, and looking into each of its row tags took longer than the rest of the gate. A height
# is found only when it may be small: spelled from a sign, "0" or ".", or with an exponent ("1E-3"); float()
# then decides. No word boundary leads: the loop checks the byte before (as for _FAR_REF); the regex, all of
# whose matches start with "h", alone is ~10x faster (one that also looked for "width" took 20x as long).
_HIDING = re.compile(rb'(?:hidden\s*=\s*["\'](?:1|true)'
                     rb'|ht\s*=\s*["\']((?:\s*[-+.0][^"\'<>]*)|[^"\'<>]*[eE][^"\'<>]*))["\']')
_THINNEST = 1.0         # points high for a row, characters wide for a column
_ROW_NUMBER = re.compile(rb'\br\s*=\s*["\'](\d+)["\']')
# A row tag without its r (the format allows it): rows are then counted tag by tag (Excel always writes r).
# The literal "row" leads (the look behind comes after it): ~10x faster than one starting with "<".
_UNNUMBERED_ROW = re.compile(rb"row(?<=[<:]row)(?![^>]*\br\s*=)[\s/>]")
# Columns are described before the rows (<cols> precedes <sheetData>): their widths are looked at there only.
_COL_TAG = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
# The rows' start: the tag itself ("<" never occurs inside an attribute's value), not the word, which a crafted
# sheet could write earlier (a code name "sheetData") to end the search before a narrow column.
_ROWS_START = re.compile(rb"<(?:\w+:)?sheetData\b")
_COL_SPAN = re.compile(rb'\b(min|max)\s*=\s*["\']\s*(\d+)\s*["\']')
_COL_WIDTH = re.compile(rb'\bwidth\s*=\s*["\']([^"\']*)["\']')
# A cell Desk must not read as empty, as python-calamine does: an error value (t="e": #REF!, #N/A...) or a
# formula whose value was never computed (openpyxl and other programs write none; Excel computes it on
# saving). Looked for only where a part holds one at all (Desk's own files have neither): an error value
# starts with "#", found with the odd numbers below in one search.
_ERROR_TYPE = re.compile(rb'\bt\s*=\s*"e"')
_UNCOMPUTED = re.compile(rb'(?:</(?:\w+:)?f>|<(?:\w+:)?f\b[^>]*/>)\s*'
                         rb'(?:</(?:\w+:)?c>|<(?:\w+:)?v\s*/>|<(?:\w+:)?v\s*>\s*</(?:\w+:)?v>)')
_FORMULA_START = re.compile(rb"f[\s>/]")      # one literal leads: ~2x faster than looking for «<f» and «:f»
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\b([^>]*)>")
_CELL_REF = re.compile(rb'\br\s*=\s*"\$?([A-Za-z]{1,3})\$?(\d+)"')
_TEXT_RESULT = re.compile(rb'\bt\s*=\s*"str"')
_CELL_VALUE = re.compile(rb"<(?:\w+:)?v\s*>([^<]*)<|</(?:\w+:)?c>")
# A number no date can be (negative, NaN, infinite): python-calamine turns it into a time of day or into
# 30/12/1899 when the cell is formatted as a date, and the clerk would be shown a value the cell does not
# hold. Kept as written (only where a part holds one: "v>-", "v>N"...).
_ODD_NUMBER = re.compile(rb"\s*(?:[-+]|(?i:nan|inf))[^<]*")
_VALUE_START = re.compile(rb"v>[-+NnIi#]")      # a value that may be an error or an odd number
MAX_LISTED_CELLS = 1_000            # cells kept per part: enough to name in a refusal
# The shortest row tag ("<row>"): a part of fewer bytes than this many times the row limit cannot pass it.
_ROW_TAG_BYTES = 5
_ROW_TAG_OVERLAP = 512
# What the hidden-row and cell searches keep of the window before: a cell's tag, its formula (Excel allows
# 8,192 characters, a few times longer escaped) and value, so that a cell cut by a chunk's end is seen whole.
_CELL_OVERLAP = 64 * 1024

# Where the workbook lists its sheets, and how each names its part (python-calamine reads them so).
_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
_SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_ATTRIBUTE = re.compile(rb'([\w:]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")

_SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"


@dataclass(frozen=True)
class SheetMarks:
    """What the gate saw in a worksheet part that python-calamine does not say."""

    hidden_rows: frozenset[int] = frozenset()       # 1-based row numbers
    hidden_columns: frozenset[int] = frozenset()    # 1-based column numbers
    # (row, column, what): an error value ("#REF!"), or "" for a formula never computed; a cell written
    # without its reference is at (0, 0)
    unreadable: tuple[tuple[int, int, str], ...] = ()
    odd_numbers: tuple[tuple[int, int, str], ...] = ()     # (row, column, the number as written; see _ODD_NUMBER)


class RefusedFile(UserError):
    """A file refused before or while reading; `kind` says why ("xls", "macro", "zip_bomb", ...)."""

    def __init__(self, path: Path, kind: str, reason: str):
        self.path, self.kind, self.reason = Path(path), kind, reason
        super().__init__(t(f"Không nhập được tệp «{self.path.name}»: {reason}",
                           f"Cannot import the file «{self.path.name}»: {reason}"))

    def __reduce__(self):   # sent back from the worker process that read the file
        return type(self), (self.path, self.kind, self.reason)


def require_defusedxml() -> None:
    """openpyxl parses with defusedxml only when it is installed; without it, refuse to run at all."""
    import defusedxml  # noqa: F401  (an ImportError here is a broken installation, not user input)

    # A reading worker that only runs python-calamine never imports openpyxl (~0.1 s of its start):
    # then openpyxl's own rule decides (openpyxl.xml: defusedxml importable and OPENPYXL_DEFUSEDXML
    # left "True"), as it will when something imports openpyxl later.
    xml = sys.modules.get("openpyxl.xml")
    if not (xml.DEFUSEDXML if xml is not None else os.environ.get("OPENPYXL_DEFUSEDXML", "True") == "True"):
        raise RuntimeError("openpyxl is not using defusedxml; refusing to parse untrusted workbooks")


def open_xlsx(path: Path):
    """A workbook check_xlsx passed, opened by python-calamine as the .xlsx it is: calamine picks its
    reader by the file's name, and an .xlsx renamed .xls was read as an old .xls and called damaged."""
    import io

    from python_calamine import CalamineWorkbook

    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return CalamineWorkbook.from_path(str(path))
    return CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))


def check_xlsx(path: Path, *, reads: Callable[[str], bool] | None = None,
               roomy: Callable[[str], bool] | None = None) -> dict[str, SheetMarks]:
    """Raise RefusedFile naming the file and what is wrong, unless it is a plain .xlsx workbook.

    Checked before any parser sees the file: the file's real type (not its name), macros,
    encryption, zip bombs (entries, total size, ratio; every part is unpacked and counted,
    so sizes that lie fail too) and DTDs in any part (XML bombs, external entities).
    reads: which sheets (by name) the caller's parser will read, when not all: the worksheet parts of
    the others are never unpacked by anyone, so their declared sizes and ratio are checked, not their
    contents (the parts every reader opens, and the sheets read, are unpacked and scanned as ever).
    roomy: which sheets may be as long as MAX_ROOMY_ROWS and MAX_ROOMY_CELLS (the caller checks
    afterwards that the file is one whose sheet may be so long).
    Returns what was found on the way that python-calamine does not say (hidden rows and columns, cells
    it would read as empty): worksheet part name -> its marks, for the parts that have some.
    """
    path = Path(path)
    require_defusedxml()
    check_plain_file(path)
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(_OLE):
        _refuse_ole(path)
    if not head.startswith(_ZIP):
        raise RefusedFile(path, "not_excel", _what_it_is(path, head))
    try:
        with zipfile.ZipFile(path) as archive:
            return _check_archive(path, archive, reads, roomy)
    except RefusedFile:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError):
        raise RefusedFile(path, "corrupt", t(
            "tệp bị hỏng, không giải nén được (cấu trúc nén sai hoặc dữ liệu không khớp mã kiểm tra). "
            "Hãy mở tệp bằng Excel, lưu lại rồi thử lại.",
            "the file is damaged and cannot be unpacked (a broken archive, or data that fails its "
            "checksum). Open it in Excel, save it again and retry.")) from None


def check_plain_file(path: Path) -> None:
    """A file that can be read at all: it exists, is a file (not a folder or a device), can be opened, and
    is neither empty nor too large. Asked before anything reads it (or hashes it: a device never ends)."""
    path = Path(path)
    if not path.exists():
        raise RefusedFile(path, "missing", t("không tìm thấy tệp.", "the file does not exist."))
    if path.is_dir():
        raise RefusedFile(path, "not_a_file", t("đây là một thư mục, không phải tệp.",
                                                "this is a folder, not a file."))
    if not path.is_file():
        raise RefusedFile(path, "not_a_file", t("đây không phải là một tệp thông thường.",
                                                "this is not an ordinary file."))
    try:
        with open(path, "rb"):
            pass
    except OSError:
        raise RefusedFile(path, "unreadable", t(
            "không đọc được tệp: không có quyền đọc, hoặc tệp đang bị chương trình khác khóa.",
            "the file cannot be read: no permission, or another program has it locked.")) from None
    size = path.stat().st_size
    if size == 0:
        raise RefusedFile(path, "empty_file", t("tệp rỗng (0 byte).", "the file is empty (0 bytes)."))
    if size > MAX_FILE_BYTES:
        raise RefusedFile(path, "too_large", t(
            f"tệp quá lớn ({_mb(size)}; giới hạn {_mb(MAX_FILE_BYTES)}).",
            f"the file is too large ({_mb(size)}; the limit is {_mb(MAX_FILE_BYTES)})."))


def _refuse_ole(path: Path) -> None:
    """An OLE container: an old .xls, or an .xlsx protected by a password (encrypted)."""
    if _contains(path, _ENCRYPTED_OLE_STREAM):
        raise RefusedFile(path, "encrypted", t(
            "tệp Excel được đặt mật khẩu (mã hóa). Hãy mở bằng Excel, bỏ mật khẩu (Tệp > Thông tin > "
            "Bảo vệ sổ làm việc) rồi lưu lại và nhập lại.",
            "the workbook is password-protected (encrypted). Open it in Excel, remove the password "
            "(File > Info > Protect Workbook), save it and import again."))
    renamed = path.suffix.lower() != ".xls"
    raise RefusedFile(path, "xls", t(
        "đây là tệp Excel 97–2003 (.xls){}, Desk chỉ nhập tệp .xlsx. Hãy mở bằng Excel, chọn "
        "Lưu thành > «Sổ làm việc Excel (*.xlsx)» rồi nhập tệp mới.".format(
            " đã bị đổi tên" if renamed else ""),
        "this is an Excel 97–2003 file (.xls){}; Desk imports .xlsx only. Open it in Excel, "
        "choose Save As > «Excel Workbook (*.xlsx)» and import the new file.".format(
            " that was renamed" if renamed else "")))


def _contains(path: Path, needle: bytes) -> bool:
    tail = b""
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle):]
    return False


def _what_it_is(path: Path, head: bytes) -> str:
    with open(path, "rb") as f:
        start = f.read(2048)
    lowered = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"%pdf"):
        kind_vi, kind_en = "tệp PDF", "a PDF file"
    elif lowered.startswith((b"<html", b"<!doctype html", b"<table")) or b"<html" in lowered[:512]:
        kind_vi, kind_en = ("tệp HTML (một số phần mềm xuất «Excel» dạng này)",
                            "an HTML file (some programs export «Excel» this way)")
    elif lowered.startswith(b"<?xml") or lowered.startswith(b"<"):
        kind_vi, kind_en = "tệp XML", "an XML file"
    elif lowered.startswith(b"{\\rtf"):
        kind_vi, kind_en = "tệp RTF (Word)", "an RTF (Word) file"
    elif _is_text(start) or _is_legacy_text(start):
        kind_vi, kind_en = "tệp văn bản (có thể là CSV)", "a text file (perhaps CSV)"
    else:
        kind_vi, kind_en = "", ""
    named = path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".xltx")
    said_vi = f"nội dung tệp là {kind_vi}, không phải" if kind_vi else "nội dung tệp không phải"
    said_en = f"the file's content is {kind_en}, not" if kind_en else "the file's content is not"
    return t(f"{said_vi} sổ làm việc Excel .xlsx{f' (dù tên tệp là «{path.name}»)' if named else ''}. "
             "Hãy mở bằng Excel và lưu thành «Sổ làm việc Excel (*.xlsx)».",
             f"{said_en} an Excel .xlsx workbook{' (whatever its name)' if named else ''}. "
             "Open it in Excel and save it as «Excel Workbook (*.xlsx)».")


def _is_legacy_text(data: bytes) -> bool:
    """Text in an 8-bit encoding (TCVN3, VNI: not UTF-8): lines of bytes with no control characters but line
    breaks and tabs."""
    controls = sum(1 for b in data if b < 0x20 and b not in (0x09, 0x0A, 0x0D))
    return bool(data) and b"\n" in data and controls == 0


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return bool(text) and printable / len(text) > 0.95


def _check_archive(path: Path, archive: zipfile.ZipFile, reads: Callable[[str], bool] | None = None,
                   roomy: Callable[[str], bool] | None = None) -> dict[str, SheetMarks]:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise RefusedFile(path, "zip_bomb", t(
            f"tệp có {format_number_vi(len(entries))} phần nén, vượt giới hạn {format_number_vi(MAX_ENTRIES)} "
            "(dấu hiệu «bom nén»).",
            f"the file has {len(entries):,} packed parts, more than the limit of {MAX_ENTRIES:,} "
            "(a sign of a zip bomb)."))
    names = {e.filename.lower(): e for e in entries}
    if len(names) != len(entries):
        seen: set[str] = set()
        twice = next(e.filename for e in entries if e.filename.lower() in seen or seen.add(e.filename.lower()))
        raise RefusedFile(path, "duplicate_entry", t(
            f"tệp có hai phần cùng tên «{twice}»; Excel không bao giờ ghi như vậy và mỗi chương trình đọc một phần "
            "khác nhau. Tệp bị từ chối.",
            f"the file has two parts named «{twice}»; Excel never writes that and programs read different ones. "
            "The file is refused."))
    # Before any part is read: zipfile raises a bare RuntimeError on an encrypted one.
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise RefusedFile(path, "encrypted", t(
            "tệp có phần được mã hóa; Desk không nhập tệp có mật khẩu.",
            "the file has encrypted parts; Desk does not import password-protected files."))
    for entry in entries:     # likewise a bzip2 or LZMA decoder fed what is not its stream
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise RefusedFile(path, "corrupt", t(
                f"phần «{entry.filename}» dùng kiểu nén mà Excel không dùng; tệp không do Excel tạo ra.",
                f"the part «{entry.filename}» uses a compression Excel does not use; "
                "the file was not made by Excel."))
    _check_kind(path, archive, names)
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise _bomb(path, entry.filename, entry.compress_size, entry.file_size)
    if reads is None:
        _check_declared(path, entries)
    total = 0
    hidden: dict[str, SheetMarks] = {}
    # The parts every reader opens first, then the sheets: which ones are read is known from the
    # workbook's own (scanned) list of them.
    named = _sheet_parts(archive, names)
    # A worksheet is where the workbook's list puts it (a reader follows it), not only in xl/worksheets/.
    listed = {part for part, _sheet in named or ()}
    sheets = [entry for entry in entries if _SHEET_PART.match(entry.filename) or entry.filename.lower() in listed]
    for entry in entries:
        if entry not in sheets:
            total = _scan_entry(path, archive, entry, total, hidden)
    if reads is None and roomy is None:
        named = None
    unread, spacious = frozenset(), frozenset()
    if named is not None:
        if reads is not None:     # a part some sheet read also names is read
            unread = frozenset(p for p, sheet in named if not reads(sheet)) - {p for p, s in named if reads(s)}
        if roomy is not None:     # roomy only when every sheet naming the part is
            spacious = frozenset(p for p, sheet in named if roomy(sheet)) - {p for p, s in named if not roomy(s)}
    if reads is not None:         # what will be unpacked: a sheet never read counts by its ratio alone
        _check_declared(path, [e for e in entries if e.filename.lower() not in unread | spacious])
        _check_declared(path, [e for e in entries if e.filename.lower() in spacious - unread], MAX_ROOMY_UNCOMPRESSED)
    for entry in sheets:
        if entry.filename.lower() not in unread:
            total = _scan_entry(path, archive, entry, total, hidden, entry.filename.lower() in spacious, sheet=True)
    return hidden


def _check_declared(path: Path, entries: list[zipfile.ZipInfo], limit: int | None = None) -> None:
    limit = MAX_TOTAL_UNCOMPRESSED if limit is None else limit
    declared = sum(entry.file_size for entry in entries)
    if declared > limit:
        raise RefusedFile(path, "zip_bomb", t(
            f"tệp giải nén ra {_mb(declared)}, vượt giới hạn {_mb(limit)} (dấu hiệu «bom nén»).",
            f"the file unpacks to {_mb(declared)}, more than the limit of {_mb(limit)} (a sign of a zip bomb)."))


def _sheet_parts(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> list[tuple[str, str]] | None:
    """(worksheet part, lower-cased; sheet name) for every sheet of the workbook's list, through its
    relationship, as a reader finds them; None when that cannot be told (a sheet without its
    relationship, a list or relationship missing): every part is then read in full, and none is roomy."""
    workbook, rels = names.get(_WORKBOOK), names.get(_WORKBOOK_RELS)
    if workbook is None or rels is None:
        return None
    targets = {}
    for found in _RELATIONSHIP.finditer(archive.read(rels)):
        attributes = _attributes(found.group(1))
        rel_id, target = attributes.get(b"Id"), attributes.get(b"Target")
        if rel_id is None or target is None:
            return None
        text = html.unescape(target.decode("utf-8", "replace"))
        targets[rel_id] = (text[1:] if text.startswith("/") else f"xl/{text}").lower()
    found_parts = []
    for found in _SHEET_ENTRY.finditer(archive.read(workbook)):
        attributes = _attributes(found.group(1))
        name = attributes.get(b"name")
        rel_id = next((v for k, v in attributes.items() if k == b"id" or k.endswith(b":id")), None)
        if name is None or rel_id not in targets:
            return None
        found_parts.append((targets[rel_id], html.unescape(name.decode("utf-8", "replace"))))
    return found_parts


def _attributes(tag: bytes) -> dict[bytes, bytes]:
    """A tag's attributes, quoted either way."""
    return {name: double or single for name, double, single in _ATTRIBUTE.findall(tag)}


def _check_kind(path: Path, archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> None:
    """What the package says it is: .xlsx (or .xltx) only; macros, .xlsb, Word, ODS refused."""
    macro_parts = [n for n in names if n.endswith("vbaproject.bin") or n.startswith("xl/macrosheets/")
                   or n.endswith("vbaprojectsignature.bin")]
    if macro_parts:
        raise _macro(path, names[macro_parts[0]].filename)
    if "mimetype" in names and "[content_types].xml" not in names:
        mimetype = archive.read(names["mimetype"])[:100]
        if b"opendocument.spreadsheet" in mimetype:
            raise RefusedFile(path, "not_excel", t(
                "đây là bảng tính LibreOffice/OpenOffice (.ods). Hãy mở tệp, chọn Lưu thành > "
                "«Excel 2007-365 (.xlsx)» rồi nhập tệp mới.",
                "this is a LibreOffice/OpenOffice spreadsheet (.ods). Open it, Save As "
                "«Excel 2007-365 (.xlsx)» and import the new file."))
    if "[content_types].xml" not in names:
        raise RefusedFile(path, "not_excel", t(
            "đây là tệp nén (.zip) nhưng không phải sổ làm việc Excel .xlsx.",
            "this is a compressed (.zip) file but not an Excel .xlsx workbook."))
    entry = names["[content_types].xml"]
    if entry.file_size > 1024 * 1024:
        raise _bomb(path, entry.filename, entry.compress_size, entry.file_size)
    content_types = archive.read(entry)
    _refuse_dtd(path, entry.filename, content_types)
    lowered = content_types.lower()
    if b"spreadsheetml.sheet.binary" in lowered or "xl/workbook.bin" in names:
        raise RefusedFile(path, "xlsb", t(
            "đây là sổ làm việc nhị phân (.xlsb). Hãy mở bằng Excel, lưu thành «Sổ làm việc Excel (*.xlsx)».",
            "this is a binary workbook (.xlsb). Open it in Excel and save it as «Excel Workbook (*.xlsx)»."))
    if b"macroenabled" in lowered or b"vbaproject" in lowered:
        raise _macro(path, entry.filename)
    if _SHEET_MAIN.encode() not in content_types and _TEMPLATE_MAIN.encode() not in content_types:
        if b"wordprocessingml" in lowered:
            what_vi, what_en = "tệp Word (.docx)", "a Word file (.docx)"
        elif b"presentationml" in lowered:
            what_vi, what_en = "tệp PowerPoint (.pptx)", "a PowerPoint file (.pptx)"
        else:
            what_vi, what_en = "một gói Office không có sổ làm việc", "an Office package without a workbook"
        raise RefusedFile(path, "not_excel", t(f"đây là {what_vi}, không phải sổ làm việc Excel .xlsx.",
                                              f"this is {what_en}, not an Excel .xlsx workbook."))


def _scan_entry(path: Path, archive: zipfile.ZipFile, entry: zipfile.ZipInfo, total: int,
                hidden: dict[str, SheetMarks], roomy: bool = False, *, sheet: bool = False) -> int:
    """Unpack one part, counting real bytes (declared sizes can lie) and looking for a DTD; a worksheet's
    (sheet) also for how far its cells reach, which rows and columns it hides and which cells hold what
    python-calamine reads as empty."""
    is_xml = entry.filename.lower().endswith((".xml", ".rels", ".vml"))
    extent = _Extent(path, entry.filename, roomy) if sheet else None
    tail = b""
    first = True
    # A roomy sheet's bytes count against a limit of their own, the rest's against the total.
    kept, total, limit = (total, 0, MAX_ROOMY_UNCOMPRESSED) if roomy else (None, total, MAX_TOTAL_UNCOMPRESSED)
    with archive.open(entry) as stream:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > limit:
                raise RefusedFile(path, "zip_bomb", t(
                    f"tệp giải nén ra hơn {_mb(limit)} (dấu hiệu «bom nén»).",
                    f"the file unpacks to more than {_mb(limit)} (a sign of a zip bomb)."))
            if first:
                first = False
                if is_xml or chunk.lstrip()[:1] == b"<":
                    _check_xml_encoding(path, entry.filename, chunk[:200])
            window = tail + chunk
            # Every spelling of a DTD has a "!": one memchr finds there is none (an XML part of Desk's or
            # Excel's rarely has one), cheaper than looking for "<!" (a "<" every few bytes) and its
            # UTF-16 form; the regex runs only where "<!" occurs at all.
            if b"!" in window and (b"<!" in window or b"<\x00!" in window) and _DTD.search(window):
                _refuse_dtd(path, entry.filename, window)
            if extent is not None:
                extent.scan(window, len(window) - len(chunk))
                extent.count_rows(chunk)
                extent.follow_rows(chunk)
            tail = chunk[-_OVERLAP:]
    if extent is not None:
        extent.done()
        if extent.hidden or extent.hidden_columns or extent.unreadable or extent.odd_numbers:
            hidden[entry.filename] = SheetMarks(
                frozenset(extent.hidden), frozenset(extent.hidden_columns),
                tuple((row, col, what) for (row, col), what in extent.unreadable.items()),
                tuple((row, col, written) for (row, col), written in extent.odd_numbers.items()))
    return kept if kept is not None else total


def column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index


class _Extent:
    """The farthest row and column a worksheet part refers to, refused beyond the limits."""

    def __init__(self, path: Path, part: str, roomy: bool = False):
        self.path, self.part = path, part
        self.max_rows, self.max_cells = (MAX_ROOMY_ROWS, MAX_ROOMY_CELLS) if roomy else (MAX_ROWS, MAX_CELLS)
        self.rows = self.columns = 0
        self._dimension_seen = False
        self.hidden: set[int] = set()
        self.hidden_columns: set[int] = set()
        self.unreadable: dict[tuple[int, int], str] = {}
        self.odd_numbers: dict[tuple[int, int], str] = {}
        self._row, self._row_carry = 0, b""              # the last row tag's number (follow_rows)
        self._awaiting_cells = False                     # a hidden row without its number, its cells not yet read
        self._rows_begun = False                         # <sheetData> reached: no <col> after it
        self._tail = b""
        self.row_tags, self._carry = 0, b""
        self._read, self._waiting = 0, list[bytes]()     # bytes read, chunks not yet counted (count_rows)

    def count_rows(self, chunk: bytes) -> None:
        """Row tags as they come (a sheet whose cells give no reference is as long as its rows), each counted
        once: the carry is too short to hold a whole «<row» of the chunk before. A part too short to hold
        more rows than the limit is never counted (nearly every part): its chunks wait until it is not."""
        self._read += len(chunk)
        if self._read <= _ROW_TAG_BYTES * self.max_rows:
            self._waiting.append(chunk)
            return
        for waiting in [*self._waiting, chunk]:
            data = self._carry + waiting
            self.row_tags += data.count(b"<row") + data.count(b":row ")
            self._carry = waiting[-3:]
        self._waiting = []
        if self.row_tags > self.max_rows:
            self._grow(0, self.row_tags, f"{format_number_vi(self.row_tags)} dòng")

    def scan(self, window: bytes, repeated: int = 0) -> None:
        """repeated: how many of the window's first bytes ended the window before (its overlap)."""
        # Attributes quoted '...' are read as Excel's "..." (one byte looked for first: it is rarely there).
        if b"'" in window and (b"='" in window or b"= '" in window):
            window = window.replace(b"'", b'"')
        # A row tag or a cell may straddle two chunks: the hidden-row and cell searches keep a longer tail of their
        # own (without the bytes the window repeats: a tag must not be read as its own end joined to it again).
        wide = self._tail[:len(self._tail) - repeated] + window
        self._tail = wide[-_CELL_OVERLAP:]
        for found in _HIDING.finditer(wide):
            at = found.start()
            if at and wide[at - 1] in _WORD:
                continue            # another attribute's name ending so ("customHeight")
            if found.group(1) is not None and not _thin(found.group(1)):
                continue
            start = wide.rfind(b"<", 0, at)                           # no "<" inside a tag: its own
            if (tag := _ROW_TAG.match(wide, start)) is not None and tag.end() > at:
                # A row written without its number is numbered by follow_rows.
                if (number := _ROW_NUMBER.search(tag.group(1))):
                    self.hidden.add(int(number.group(1)))
            elif (tag := _COL_TAG.match(wide, start)) is not None and tag.end() > at:
                self.hidden_columns.update(_column_span(tag.group(1)))
        if not self._rows_begun:
            # Before the rows, the columns: one too narrow to see hides its cells as hidden="1" does. Searched up to
            # the rows only: searched through them, a report's sheet took an eighth of a consolidation's reading.
            rows = _ROWS_START.search(wide)
            self._rows_begun = rows is not None
            for tag in _COL_TAG.finditer(wide, 0, rows.start() if rows is not None else len(wide)):
                if (width := _COL_WIDTH.search(tag.group(1))) is not None and _thin(width.group(1)):
                    self.hidden_columns.update(_column_span(tag.group(1)))
        self._find_unreadable(wide)
        if not self._dimension_seen and (found := _DIMENSION.search(window)):
            self._dimension_seen = True
            for ref in found.group(1).decode("ascii", "replace").upper().split(":"):
                if (m := _REF.match(ref)):
                    self._grow(column_index(m.group(1)), int(m.group(2)), ref)
        for match in _far_refs(window):
            if match.start() and window[match.start() - 1] in _WORD:
                continue            # another attribute ending in r ("xr=...")
            letters, digits = (match.group(1), match.group(2)) if match.group(2) else (match.group(3), match.group(4))
            self._grow(column_index(letters.decode("ascii")) if letters else 0, int(digits),
                       (letters + digits).decode("ascii"))

    def follow_rows(self, chunk: bytes) -> None:
        """Number the rows written without their r (the format allows it: such a row is the one after the row
        before), to tell which of them are hidden. Every row tag Excel writes starts «<row r="»: a chunk whose
        row tags all do is passed with one search and a look at its last one; only another is walked tag by
        tag. Fed the chunks as read, once each; a tag cut at a chunk's end is kept for the next."""
        data = self._row_carry + chunk
        if b"'" in data and (b"='" in data or b"= '" in data):
            data = data.replace(b"'", b'"')
        cut = data.rfind(b"<")
        if data.find(b">", cut) < 0 and len(data) - cut < _ROW_TAG_OVERLAP:
            data, self._row_carry = data[:cut], data[cut:]
        else:
            self._row_carry = b""
        if self._awaiting_cells:
            self._awaiting_cells = not self._hidden_by_its_cells(data, 0)
        if _UNNUMBERED_ROW.search(data) is None:
            if (number := _last_row_number(data)) is not None:
                self._row = number
            return
        for tag in _ROW_TAG.finditer(data):
            if (number := _ROW_NUMBER.search(tag.group(1))):
                self._row = int(number.group(1))
                continue
            self._row += 1
            if _hides(tag.group(1)):
                self.hidden.add(self._row)
                if not tag.group(1).endswith(b"/"):
                    self._awaiting_cells = not self._hidden_by_its_cells(data, tag.end())

    def _hidden_by_its_cells(self, data: bytes, start: int) -> bool:
        """A hidden row without its number is also the row its first cell names (python-calamine puts a cell
        where its own reference says). False when the data ends before the cell or the row does."""
        end = data.find(b"row>", start)
        if (cell := _CELL_REF.search(data, start, end if end >= 0 else len(data))):
            self.hidden.add(int(cell.group(2)))
            return True
        return end >= 0

    def _find_unreadable(self, window: bytes) -> None:
        """Error cells, numbers no date can be and formulas never computed, by where they are (see _ERROR_TYPE)."""
        for found in _VALUE_START.finditer(window):
            at = found.start()
            end = window.find(b"<", at)
            if window[at - 1:at] not in (b"<", b":") or end < 0:
                continue        # a closing </v>, or a value the window cuts (read whole from the next one)
            if (cell := _cell_before(window, at)) is None:
                continue
            written = window[at + 2:end]
            if _ERROR_TYPE.search(cell.group(1)):
                self._unreadable(cell.group(1), html.unescape(written.decode("utf-8", "replace")).strip())
            elif _ODD_NUMBER.fullmatch(written) and (ref := _CELL_REF.search(cell.group(1))) is not None \
                    and len(self.odd_numbers) < MAX_LISTED_CELLS:
                where = (int(ref.group(2)), column_index(ref.group(1).upper().decode("ascii")))
                self.odd_numbers[where] = written.decode("ascii", "replace").strip()
        if _FORMULA_START.search(window):
            for found in _UNCOMPUTED.finditer(window):
                if (cell := _cell_before(window, found.start())) is None:
                    continue
                if found.group(0).endswith(b"v>") and _TEXT_RESULT.search(cell.group(1)):
                    continue        # a formula whose result is empty text, as Excel writes it
                self._unreadable(cell.group(1), "")

    def _unreadable(self, attributes: bytes, what: str) -> None:
        ref = _CELL_REF.search(attributes)
        where = (int(ref.group(2)), column_index(ref.group(1).upper().decode("ascii"))) if ref else (0, 0)
        if len(self.unreadable) < MAX_LISTED_CELLS:      # (found twice where windows overlap: kept once)
            self.unreadable[where] = what

    def _grow(self, column: int, row: int, ref: str) -> None:
        self.rows, self.columns = max(self.rows, row), max(self.columns, column)
        if row > self.max_rows or column > MAX_COLUMNS:
            raise RefusedFile(self.path, "far_cell", t(
                f"phần «{self.part}» có ô ở {ref}, ngoài giới hạn Desk đọc ({format_number_vi(self.max_rows)} dòng, "
                f"{format_number_vi(MAX_COLUMNS)} cột). "
                "Thường là một ô gõ nhầm ở rất xa: hãy xóa các dòng, cột thừa ở cuối trang (Ctrl+End để tìm) rồi "
                "lưu lại.",
                f"the part «{self.part}» has a cell at {ref}, beyond what Desk reads ({self.max_rows:,} rows, "
                f"{MAX_COLUMNS:,} columns). Usually a stray cell far away: delete the extra rows and columns at "
                "the sheet's end (Ctrl+End finds it) and save again."))

    def done(self) -> None:
        if self.rows * max(self.columns, 52) > self.max_cells and self.columns:
            raise RefusedFile(self.path, "far_cell", t(
                f"phần «{self.part}» trải trên {format_number_vi(self.rows)} dòng × {format_number_vi(self.columns)} "
                f"cột, vượt giới hạn {format_number_vi(self.max_cells)} ô Desk đọc. "
                "Hãy xóa các dòng, cột thừa rồi lưu lại.",
                f"the part «{self.part}» spans {self.rows:,} rows × {self.columns:,} columns, more than the "
                f"{self.max_cells:,} cells Desk reads. Delete the extra rows and columns and save again."))


def _cell_before(window: bytes, at: int) -> re.Match[bytes] | None:
    """The tag of the cell whose formula or value is at `at`: back over its value's and formula's tags («<v>»,
    «<f>», «</f>»; a formula's text holds no "<"), if the window still holds it."""
    start = at
    for _ in range(4):
        start = window.rfind(b"<", 0, start)
        if start < 0:
            return None
        if (cell := _CELL_TAG.match(window, start)) is not None:
            return cell
    return None


def _last_row_number(data: bytes) -> int | None:
    """The number of the last row tag in data (its r), found from the end: past «</row>» and cells' text."""
    at = len(data)
    while (at := data.rfind(b"row", 0, at)) >= 0:
        tag = _ROW_TAG.match(data, data.rfind(b"<", 0, at))
        if tag is not None and tag.start() < at < tag.end():
            number = _ROW_NUMBER.search(tag.group(1))
            return int(number.group(1)) if number else None
    return None


def _thin(size: bytes) -> bool:
    """A row height or column width, however spelled ("0", ".5", "1E-3"), too small to show the row or column."""
    try:
        return float(size) < _THINNEST
    except ValueError:
        return False        # not a number: Excel would not open the file


def _hides(attributes: bytes) -> bool:
    """Whether a row tag's attributes hide it."""
    for found in _HIDING.finditer(attributes):
        if found.start() and attributes[found.start() - 1] in _WORD:
            continue
        if found.group(1) is None or _thin(found.group(1)):
            return True
    return False


def _column_span(attributes: bytes) -> range:
    """The columns a <col> tag describes (min to max), up to the last column Desk reads."""
    span = {name: int(number) for name, number in _COL_SPAN.findall(attributes)}
    first = span.get(b"min", 0)
    return range(max(first, 1), min(span.get(b"max", first), MAX_COLUMNS) + 1)


def _far_refs(window: bytes) -> Iterator[re.Match[bytes]]:
    """_FAR_REF.finditer(window)'s matches, in order: tried only where _FOLD shows one may start (two matches
    never overlap: a match has no 'r="' inside it)."""
    folded = window.translate(_FOLD)
    starts = set()
    found = folded.find(b'r="AA')
    while found >= 0:
        starts.add(found)
        found = folded.find(b'r="AA', found + 5)
    # A far row's digits end the reference: six digits and its closing quote. Six digits alone are
    # common in a sheet's texts (record IDs), and each was a look back for nothing.
    found = folded.find(b'000000"')
    while found >= 0:
        first = found
        while first and folded[first - 1] == _FOLDED_DIGIT:       # back to the run's first digit
            first -= 1
        start = folded.rfind(b'r="', max(0, first - 6), first)      # 'r="' and up to three letters before
        if start >= 0:
            starts.add(start)
        found = folded.find(b'000000"', found + 7)
    for start in sorted(starts):
        if (match := _FAR_REF.match(window, start)) is not None:
            yield match


def _check_xml_encoding(path: Path, name: str, head: bytes) -> None:
    # Office writes UTF-8. Another encoding could hide a DTD from the byte scan (UTF-32, EBCDIC).
    declared = _XML_DECLARED_ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
    other_bom = head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))
    nul_start = b"\x00" in head[:4]
    if other_bom or nul_start or (declared and declared.group(1).lower() not in (b"utf-8", b"utf8")):
        raise RefusedFile(path, "xml_encoding", t(
            f"phần «{name}» không dùng bảng mã UTF-8 như Excel; tệp không do Excel tạo ra.",
            f"the part «{name}» is not UTF-8 as Excel writes it; the file was not made by Excel."))


def _refuse_dtd(path: Path, name: str, data: bytes) -> None:
    if not _DTD.search(data):
        return
    external = re.search(rb"SYSTEM|PUBLIC|S\x00Y\x00S\x00T\x00E\x00M", data, re.IGNORECASE)
    if external:
        raise RefusedFile(path, "xml_external_entity", t(
            f"phần «{name}» khai báo thực thể bên ngoài (XXE, đọc trộm tệp trên máy). Tệp bị từ chối.",
            f"the part «{name}» declares an external entity (XXE, reads files on this computer). "
            "The file is refused."))
    raise RefusedFile(path, "xml_bomb", t(
        f"phần «{name}» chứa khai báo DTD/thực thể (dấu hiệu «bom XML»); Excel không bao giờ ghi như vậy. "
        "Tệp bị từ chối.",
        f"the part «{name}» holds a DTD/entity declaration (a sign of an XML bomb); Excel never "
        "writes one. The file is refused."))


def _macro(path: Path, part: str) -> RefusedFile:
    return RefusedFile(path, "macro", t(
        f"tệp chứa macro (phần «{part}»){' và đã bị đổi tên thành .xlsx' if path.suffix.lower() == '.xlsx' else ''}. "
        "Desk không nhập tệp có macro. Hãy mở bằng Excel, lưu thành «Sổ làm việc Excel (*.xlsx)» "
        "(không có macro) rồi nhập tệp mới.",
        f"the file contains macros (part "
        f"«{part}»){' and was renamed to .xlsx' if path.suffix.lower() == '.xlsx' else ''}. "
        "Desk does not import files with macros. Open it in Excel, save it as «Excel Workbook (*.xlsx)» "
        "(no macros) and import the new file."))


def _bomb(path: Path, part: str, packed: int, unpacked: int) -> RefusedFile:
    ratio = unpacked // max(packed, 1)
    return RefusedFile(path, "zip_bomb", t(
        f"phần «{part}» nén {_mb(packed)} nhưng giải nén ra {_mb(unpacked)} (gấp {format_number_vi(ratio)} lần, "
        "giới hạn "
        f"{MAX_RATIO} lần): dấu hiệu «bom nén». Tệp bị từ chối.",
        f"the part «{part}» packs {_mb(packed)} into {_mb(unpacked)} ({ratio:,} times; the limit is "
        f"{MAX_RATIO}): a sign of a zip bomb. The file is refused."))



def _mb(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, size // 1024)} KB"
    return f"{size / 1024 / 1024:.0f} MB"
