"""Reading a filled-in reply workbook back: its structure checked, each row as a reply or a problem with its cell."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from desk.domain import replies
from desk.domain.kinds import FIRST_YEAR
from desk.domain.lang import t
from desk.domain.periods import PeriodError, parse_date_vi
from desk.domain.replies import Reply
from desk.domain.text import clean, invisible_character
from desk.errors import UserError
from desk.importers.workbook import Book, Sheet, is_blank, serial_to_date


class ReplyFileError(UserError):
    """The file is not a reply workbook Desk can read (another kind of file, damaged, its columns changed)."""


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str          # the column's letter ("" for the whole row)
    message: str
    unit_code: str = ""  # the row's unit code as written (a commune sees its own rows' problems)


@dataclass
class ReplyFile:
    path: Path
    sha256: str
    manifest: dict[str, str]
    replies: list[Reply] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def parse(book: Book, sha256: str) -> ReplyFile:
    """The replies in a workbook read by importers.workbook.read_book; ReplyFileError if it is not one."""
    name = book.path.name
    sheet = book.sheet(replies.SHEET)
    info = book.sheet(replies.MANIFEST_SHEET)
    manifest = _manifest(info) if info is not None else {}
    if sheet is None or manifest.get("format") != replies.FORMAT:
        raise ReplyFileError(t(
            f"Tệp «{name}» không phải tệp trả lời khó khăn, vướng mắc do Desk tạo (không có trang «{replies.SHEET}» "
            "và phần nhận dạng của Desk). Hãy dùng tệp do cấp trên tạo bằng «Tạo tệp trả lời...» hoặc lệnh desk reply.",
            f"«{name}» is not an obstacle reply workbook made by Desk."))
    version = manifest.get("format_version", "")
    if not version.isdigit() or int(version) > replies.FORMAT_VERSION:
        raise ReplyFileError(t(f"Tệp «{name}» do phiên bản Desk mới hơn tạo (định dạng {version}). Hãy cập nhật Desk.",
                               f"«{name}» was made by a newer Desk (format {version}). Update Desk."))
    _check_issuer(name, manifest.get("issuer", ""))
    _check_header(name, sheet)
    found = ReplyFile(book.path, sha256, manifest)
    for row in range(replies.FIRST_ROW, sheet.height + 1):
        _read_row(name, sheet, row, found, book.date1904)
    return found


def _manifest(sheet: Sheet) -> dict[str, str]:
    return {str(sheet.value(r, 1)).strip(): _text(sheet.value(r, 2)) for r in range(1, sheet.height + 1)
            if not is_blank(sheet.value(r, 1))}


def issuer_problem(issuer: str) -> str | None:
    """What is wrong with a reply file's issuer, in the words of a sentence; None when nothing is.
    It answers every row whose «Cơ quan trả lời» is empty, so it is held to that column's rules."""
    if bad := invisible_character(issuer):
        return t(f"có ký tự không nhìn thấy được ({bad})", f"holds an invisible character ({bad})")
    if len(issuer) > replies.MAX_BODY:
        return t(f"dài {len(issuer)} ký tự, tối đa {replies.MAX_BODY}",
                 f"is {len(issuer)} characters long, at most {replies.MAX_BODY}")
    return None


def _check_issuer(name: str, issuer: str) -> None:
    # Desk wrote the issuer in a sheet nobody sees: a wrong one means the file was edited, so it is
    # refused rather than repaired.
    if (wrong := issuer_problem(issuer)) is None:
        return
    raise ReplyFileError(t(
        f"Tệp «{name}», trang ẩn «{replies.MANIFEST_SHEET}», mục «issuer» (cơ quan trả lời cho các dòng không "
        f"ghi «{replies.BY_KEY['body'].vi}»): {wrong}. Phần nhận dạng Desk ghi trong tệp đã bị sửa nên không "
        "nhập được; hãy đề nghị cấp trên gửi lại tệp tạo bằng «Tạo tệp trả lời...» hoặc lệnh desk reply.",
        f"«{name}», hidden sheet «{replies.MANIFEST_SHEET}», key «issuer» (the answering body of rows without "
        f"«{replies.BY_KEY['body'].vi}»): {wrong}. The part Desk wrote was edited; the file cannot be imported."))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(str(value))


def _where(name: str, row: int, key: str = "") -> str:
    if not key:
        return t(f"Tệp «{name}», trang «{replies.SHEET}», dòng {row}", f"«{name}», sheet «{replies.SHEET}», row {row}")
    column = replies.BY_KEY[key]
    return t(f"Tệp «{name}», trang «{replies.SHEET}», dòng {row}, cột {replies.letter(key)} «{column.vi}»",
             f"«{name}», sheet «{replies.SHEET}», row {row}, column {replies.letter(key)} «{column.vi}»")


def _check_header(name: str, sheet: Sheet) -> None:
    """Every column where Desk put it, under its own heading: a moved or renamed column would be read wrong."""
    wrong = []
    for col, column in enumerate(replies.COLUMNS, start=1):
        shown = _text(sheet.value(replies.HEADER_ROW, col))
        if shown.casefold() != column.vi.casefold():
            letter = replies.letter(column.key)
            wrong.append(t(f"cột {letter}: cần «{column.vi}», thấy «{shown}»" if shown else
                           f"cột {letter}: thiếu cột «{column.vi}»",
                           f"column {letter}: «{column.vi}» expected, found «{shown}»"))
    if wrong:
        raise ReplyFileError(t(
            f"Tệp «{name}», trang «{replies.SHEET}», dòng tiêu đề {replies.HEADER_ROW}: các cột đã bị sửa, thêm hoặc "
            f"xóa ({'; '.join(wrong)}). Không nhập được; hãy giữ nguyên các cột như tệp Desk đã tạo.",
            f"«{name}», sheet «{replies.SHEET}», heading row {replies.HEADER_ROW}: the columns were changed "
            f"({'; '.join(wrong)})."))


def _read_row(name: str, sheet: Sheet, row: int, found: ReplyFile, date1904: bool) -> None:
    cells = {c.key: sheet.value(row, i) for i, c in enumerate(replies.COLUMNS, start=1)}
    texts = {key: _text(value) for key, value in cells.items() if key != "doc_date"}
    filled = [key for key in ("answer", "body", "doc_number", "proposed_state") if texts[key]]
    if not filled and is_blank(cells["doc_date"]):
        return                                  # not answered (yet): nothing to import
    problems: list[RowProblem] = []

    def problem(key: str, vi: str, en: str) -> None:
        problems.append(RowProblem(row, replies.letter(key), t(f"{_where(name, row, key)}: {vi}",
                                                                f"{_where(name, row, key)}: {en}"),
                                   texts["unit_code"]))

    if row in sheet.hidden_rows:
        # An answer nobody sees in Excel is not taken as read, as an import takes no hidden row.
        found.problems.append(RowProblem(row, "", t(
            f"{_where(name, row)}: dòng có trả lời đang bị ẩn trong Excel; Desk không nhập dòng ẩn. Hãy bỏ ẩn "
            "(chọn cả trang, bấm chuột phải vào số dòng > Unhide, hoặc bỏ bộ lọc) để xem lại rồi nhập.",
            f"{_where(name, row)}: an answered row is hidden in Excel; Desk does not import hidden rows. Unhide it "
            "to look at it and import again."), texts["unit_code"]))
        return
    for col, column in enumerate(replies.COLUMNS, start=1):
        if col in sheet.hidden_columns and not is_blank(cells[column.key]):
            # Nor a value in a column nobody sees.
            problem(column.key, "ô có dữ liệu nằm trong cột đang bị ẩn trong Excel; Desk không nhập cột ẩn. Hãy bỏ "
                    "ẩn (chọn cả trang, bấm chuột phải vào tên cột > Unhide) để xem lại rồi nhập.",
                    "a cell with data is in a column hidden in Excel; Desk does not import hidden columns. Unhide "
                    "it to look at it and import again.")

    unit_code, obstacle_id = texts["unit_code"], texts["obstacle_id"]
    if not unit_code.isdigit():
        problem("unit_code", f"mã đơn vị «{unit_code}» không hợp lệ (cột này phải giữ nguyên).",
                f"the unit code «{unit_code}» is not valid (leave this column as it was).")
    if not obstacle_id:
        problem("obstacle_id", "thiếu mã khó khăn, vướng mắc (cột này phải giữ nguyên).",
                "the obstacle ID is missing (leave this column as it was).")
    if not texts["answer"]:
        problem("answer", "có thông tin trả lời nhưng chưa ghi nội dung trả lời.", "the answer itself is missing.")
    for key in ("answer", "body", "doc_number"):
        if bad := invisible_character(texts[key]):
            problem(key, f"có ký tự không nhìn thấy được ({bad}).", f"holds an invisible character ({bad}).")
    for key, most in (("answer", replies.MAX_ANSWER), ("body", replies.MAX_BODY), ("doc_number", replies.MAX_NUMBER)):
        if len(texts[key]) > most:
            problem(key, f"dài {len(texts[key])} ký tự, tối đa {most}.",
                    f"is {len(texts[key])} characters long, at most {most}.")
    doc_date = _date(cells["doc_date"], date1904)
    if doc_date is None and not is_blank(cells["doc_date"]):
        problem("doc_date", f"«{_text(cells['doc_date'])}» không phải ngày (ghi dạng dd/mm/yyyy).",
                f"«{_text(cells['doc_date'])}» is not a date (dd/mm/yyyy).")
    elif doc_date is not None and doc_date > date.today():
        problem("doc_date", "ngày văn bản sau hôm nay.", "the document's date is after today.")
    state = None
    if texts["proposed_state"]:
        state = replies.state_code(texts["proposed_state"])
        if state is None:
            problem("proposed_state", f"«{texts['proposed_state']}» không phải một tình trạng (chọn trong danh sách).",
                    f"«{texts['proposed_state']}» is not a state (choose from the list).")
    if problems:
        found.problems.extend(problems)
        return
    # A row without its own answering body was answered by the body that made the file.
    body = texts["body"] or found.manifest.get("issuer", "")
    found.replies.append(Reply(row, unit_code, obstacle_id, texts["title"], texts["answer"], body,
                               texts["doc_number"], doc_date, state))


def _date(value, date1904: bool) -> date | None:
    if isinstance(value, date):     # before 1900 it is no date Excel writes (30/12/1899: a NaN's reading)
        found = value.date() if isinstance(value, datetime) else value
        return found if found.year >= FIRST_YEAR else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return serial_to_date(value, date1904)
    if isinstance(value, str) and value.strip():
        try:
            return parse_date_vi(value)
        except PeriodError:
            return None
    return None
