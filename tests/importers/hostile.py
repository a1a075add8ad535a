"""Builds the corpus of hostile and broken workbooks that every import must refuse (run: python hostile.py DIR).

Every file is generated here, nothing is downloaded. Each case names the refusal kind the
gate (desk.importers.safety) must give, or None when the file is a harmless .xlsx that the
import itself must refuse (an empty workbook), and a phrase its Vietnamese message contains.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import get_column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def content_types(main: str = SHEET_MAIN, extra: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{main}"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            f'{extra}</Types>')


def shared_strings(*texts: str, prologue: str = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>') -> str:
    items = "".join(f"<si><t>{text}</t></si>" for text in texts)
    return f'{prologue}<sst xmlns="{MAIN}" count="{len(texts)}" uniqueCount="{len(texts)}">{items}</sst>'


def minimal_parts(strings: str | None = None, sheet_rows: str | None = None) -> dict[str, str | bytes]:
    """The smallest package Excel and the readers accept: one sheet, two shared strings."""
    rows = sheet_rows if sheet_rows is not None else (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>')
    return {
        "[Content_Types].xml": content_types(),
        "_rels/.rels": (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
                        f'<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="xl/workbook.xml"/>'
                        '</Relationships>'),
        "xl/workbook.xml": (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{DOC_REL}">'
                            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
            f'<Relationship Id="rId1" Type="{DOC_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{DOC_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>'),
        "xl/worksheets/sheet1.xml": (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
                                     f'<sheetData>{rows}</sheetData></worksheet>'),
        "xl/sharedStrings.xml": strings if strings is not None else shared_strings(
            "Nội dung khó khăn, vướng mắc", "Lĩnh vực"),
    }


def zip_bytes(parts: dict[str, str | bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return buffer.getvalue()


def _patch_sizes(data: bytes, size: int) -> bytes:
    """Make every entry's headers claim `size` unpacked bytes (a zip whose sizes lie)."""
    patched = bytearray(data)
    at = 0
    while (at := patched.find(b"PK\x01\x02", at)) != -1:   # central directory entries
        struct.pack_into("<I", patched, at + 24, size)
        at += 4
    at = 0
    while (at := patched.find(b"PK\x03\x04", at)) != -1:   # local headers
        struct.pack_into("<I", patched, at + 22, size)
        at += 4
    return bytes(patched)


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + f']><sst xmlns="{MAIN}" count="2" uniqueCount="2"><si><t>&lol9;</t></si><si><t>x</t></si></sst>')
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    f'<sst xmlns="{MAIN}" count="2" uniqueCount="2"><si><t>&secret;</t></si><si><t>x</t></si></sst>')


@dataclass(frozen=True)
class Case:
    name: str            # the file name (its suffix is part of the trick)
    kind: str | None     # the gate's refusal kind; None: a harmless .xlsx the import refuses itself
    phrase: str          # in the Vietnamese message
    data: bytes
    listed: bool = False  # the import lists it as a problem of the file (nothing written) instead of refusing


def cases() -> list[Case]:
    minimal = minimal_parts()
    macro_parts = {**minimal, "[Content_Types].xml": content_types(
        MACRO_MAIN, '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'),
        "xl/vbaProject.bin": OLE + b"\x00" * 504 + b"Attribute VB_Name = \"Module1\"\r\nSub AutoOpen()\r\nEnd Sub"}
    renamed_macro = {**minimal, "xl/vbaProject.bin": macro_parts["xl/vbaProject.bin"]}   # content types untouched
    xlm = {**minimal, "xl/macrosheets/sheet1.xml": f'<?xml version="1.0"?><xm:macrosheet xmlns:xm="{MAIN}"/>'}
    xlsb = {**minimal, "[Content_Types].xml": content_types(
        "application/vnd.ms-excel.sheet.binary.macroEnabled.main"), "xl/workbook.bin": b"\x83\x01\x00"}
    docx = {"[Content_Types].xml": (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/></Types>'), "word/document.xml": "<w:document/>"}
    ods = {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:document-content/>"}
    bomb = {**minimal, "xl/worksheets/sheet1.xml": b"<worksheet>" + b" " * (20 * 1024 * 1024) + b"</worksheet>"}
    many = {**minimal, **{f"xl/media/pad{i}.xml": "<a/>" for i in range(10_001)}}
    good = zip_bytes(minimal)
    corrupt_crc = bytearray(zip_bytes(minimal, zipfile.ZIP_STORED))
    at = corrupt_crc.find(b"Relationships") + 2
    corrupt_crc[at] ^= 0xFF                       # one byte of a part changed: its CRC no longer matches
    utf16 = shared_strings("x", prologue='<?xml version="1.0" encoding="UTF-16"?>'
                           '<!DOCTYPE sst [<!ENTITY a "b">]>').encode("utf-16")
    encrypted = OLE + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100
    empty_sheet = zip_bytes(minimal_parts(strings=shared_strings(), sheet_rows=""))
    return [
        Case("bao-cao-cu.xls", "xls", "Excel 97–2003 (.xls)", OLE + b"\x00" * 2048),
        Case("doi-ten-tu-xls.xlsx", "xls", "đã bị đổi tên", OLE + b"\x00" * 2048),
        Case("co-mat-khau.xlsx", "encrypted", "mật khẩu", encrypted),
        Case("co-macro.xlsm", "macro", "macro", zip_bytes(macro_parts)),
        Case("macro-doi-ten.xlsx", "macro", "đổi tên thành .xlsx", zip_bytes(renamed_macro)),
        Case("macro-excel4.xlsx", "macro", "xl/macrosheets/sheet1.xml", zip_bytes(xlm)),
        Case("nhi-phan.xlsx", "xlsb", ".xlsb", zip_bytes(xlsb)),
        Case("danh-sach.xlsx", "not_excel", "tệp văn bản", "STT;Nội dung;Lĩnh vực\n1;Thiếu máy tính;Khác\n".encode()),
        Case("trang-web.xlsx", "not_excel", "HTML", b"<html><body><table><tr><td>1</td></tr></table></body></html>"),
        Case("van-ban.xlsx", "not_excel", "PDF", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        Case("tai-lieu.xlsx", "not_excel", "tệp Word", zip_bytes(docx)),
        Case("bang-tinh.xlsx", "not_excel", ".ods", zip_bytes(ods)),
        Case("nen-thuong.xlsx", "not_excel", "tệp nén (.zip)", zip_bytes({"readme.txt": "hello"})),
        Case("bi-cat-cut.xlsx", "corrupt", "bị hỏng", good[: len(good) // 2]),
        Case("sai-crc.xlsx", "corrupt", "bị hỏng", bytes(corrupt_crc)),
        Case("rong.xlsx", "empty_file", "tệp rỗng", b""),
        Case("bom-nen.xlsx", "zip_bomb", "bom nén", zip_bytes(bomb)),
        Case("bom-kich-thuoc-khai.xlsx", "zip_bomb", "bom nén", _patch_sizes(good, 200 * 1024 * 1024)),
        Case("bom-nhieu-phan.xlsx", "zip_bomb", "vượt giới hạn 10.000", zip_bytes(many, zipfile.ZIP_STORED)),
        Case("kich-thuoc-gia.xlsx", "corrupt", "bị hỏng", _patch_sizes(good, 10)),
        Case("bom-xml.xlsx", "xml_bomb", "bom XML", zip_bytes(minimal_parts(strings=BILLION_LAUGHS))),
        Case("thuc-the-ngoai.xlsx", "xml_external_entity", "thực thể bên ngoài",
             zip_bytes(minimal_parts(strings=EXTERNAL_ENTITY))),
        Case("utf16-dtd.xlsx", "xml_encoding", "UTF-8", zip_bytes({**minimal, "xl/sharedStrings.xml": utf16})),
        Case("so-trang.xlsx", None, "không có dữ liệu", empty_sheet),
        *far_cells(),
        Case("hai-phan-trung-ten.xlsx", "duplicate_entry", "hai phần cùng tên", duplicate_entries()),
        *more_packages(),
        *odd_contents(),
    ]


# --- more tricks at the package level ----------------------------------------------------------

def _flagged_encrypted(data: bytes) -> bytes:
    """Set the "encrypted" bit of every entry (a zip password) without encrypting anything."""
    patched = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = 0
        while (at := patched.find(signature, at)) != -1:
            patched[at + offset] |= 0x01
            at += 4
    return bytes(patched)


def _stored_with_method(data: bytes, method: int) -> bytes:
    """Claim another compression method (bzip2 = 12, LZMA = 14) for every entry."""
    patched = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = 0
        while (at := patched.find(signature, at)) != -1:
            struct.pack_into("<H", patched, at + offset, method)
            at += 4
    return bytes(patched)


def more_packages() -> list[Case]:
    minimal = minimal_parts()
    sheet_dtd = {**minimal, "xl/worksheets/sheet1.xml": (
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
        f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>')}
    workbook_xxe = {**minimal, "xl/workbook.xml": (
        '<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///c:/windows/win.ini">]>'
        f'<workbook xmlns="{MAIN}"><sheets/></workbook>')}
    types_dtd = {**minimal, "[Content_Types].xml": content_types().replace(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "b">]>')}
    utf32 = {**minimal, "xl/sharedStrings.xml": b"\x00\x00\xfe\xff" + shared_strings("x").encode("utf-32-be")}
    latin1 = {**minimal, "xl/sharedStrings.xml": shared_strings(
        "x", prologue='<?xml version="1.0" encoding="ISO-8859-1"?>').encode("latin-1")}
    signed_macro = {**minimal, "xl/vbaProjectSignature.bin": b"\x00" * 64}
    macro_template = {**minimal, "[Content_Types].xml": content_types(
        "application/vnd.ms-excel.template.macroEnabled.main+xml")}
    pptx = {**minimal, "[Content_Types].xml": content_types(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")}
    second_sheet_far = two_sheets("Sheet1", "Trang 2", '<row r="1"><c r="A1" t="s"><v>0</v></c>'
                                                        '<c r="XFD70000" t="s"><v>1</v></c></row>')
    wide_dimension = minimal_parts()
    wide_dimension["xl/worksheets/sheet1.xml"] = wide_dimension["xl/worksheets/sheet1.xml"].replace(
        "<sheetData>", '<dimension ref="A1:IW1"/><sheetData>')
    good = zip_bytes(minimal)
    empty_zip = zip_bytes({})
    return [
        Case("dtd-trong-trang.xlsx", "xml_bomb", "xl/worksheets/sheet1.xml", zip_bytes(sheet_dtd)),
        Case("xxe-workbook.xlsx", "xml_external_entity", "xl/workbook.xml", zip_bytes(workbook_xxe)),
        Case("dtd-content-types.xlsx", "xml_bomb", "[Content_Types].xml", zip_bytes(types_dtd)),
        Case("utf32.xlsx", "xml_encoding", "UTF-8", zip_bytes(utf32)),
        Case("latin1.xlsx", "xml_encoding", "UTF-8", zip_bytes(latin1)),
        Case("macro-ky-so.xlsx", "macro", "vbaProjectSignature.bin", zip_bytes(signed_macro)),
        Case("mau-co-macro.xltm", "macro", "macro", zip_bytes(macro_template)),
        Case("trinh-chieu.xlsx", "not_excel", "PowerPoint", zip_bytes(pptx)),
        Case("zip-co-mat-khau.xlsx", "encrypted", "mã hóa", _flagged_encrypted(good)),
        Case("nen-bzip2.xlsx", "corrupt", "kiểu nén", _stored_with_method(zip_bytes(minimal, zipfile.ZIP_STORED), 12)),
        Case("nen-lzma.xlsx", "corrupt", "kiểu nén", _stored_with_method(zip_bytes(minimal, zipfile.ZIP_STORED), 14)),
        Case("zip-rong.xlsx", "not_excel", "tệp nén (.zip)", empty_zip),
        Case("gzip.xlsx", "not_excel", "nội dung tệp không phải sổ làm việc Excel",
             b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4),
        Case("van-ban-rtf.xlsx", "not_excel", "RTF", b"{\\rtf1\\ansi Thi\\'eau m\\'e1y t\\'ednh}"),
        Case("xml-2003.xlsx", "not_excel", "XML", b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:'
                                                  b'office:spreadsheet"><Worksheet/></Workbook>'),
        Case("csv-utf16.xlsx", "not_excel", "tệp văn bản", "STT\tNội dung\n1\tThiếu máy\n".encode("utf-16")),
        Case("o-xa-trang-hai.xlsx", "far_cell", "XFD70000", second_sheet_far),
        Case("kich-thuoc-rong.xlsx", "far_cell", "IW1", zip_bytes(wide_dimension)),
    ]


# --- workbooks that pass the gate but that the import must turn down with a message -------------

HEADINGS = ("Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh",
            "Tình trạng")
ROW = ("Thiếu máy tính", "Khác", "Cấp xã", "01/10/2025", "Mới tiếp nhận")


def _cell(ref: str, value) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def sheet_rows(rows, hidden: tuple[int, ...] = ()) -> str:
    out = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{get_column_letter(c)}{r}", v) for c, v in enumerate(row, start=1) if v is not None)
        out.append(f'<row r="{r}"{" hidden=\"1\"" if r in hidden else ""}>{cells}</row>')
    return "".join(out)


def book(sheets: dict[str, list], *, hidden_rows: dict[str, tuple[int, ...]] | None = None,
         states: dict[str, str] | None = None, creator: str = "") -> bytes:
    """A workbook of inline-string sheets (no shared strings): sheet name -> rows."""
    names = list(sheets)
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                        for i in range(1, len(names) + 1))
    types = (f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/xl/workbook.xml" ContentType="{SHEET_MAIN}"/>{overrides}'
             '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
             'core-properties+xml"/></Types>')
    state = states or {}
    listed = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"'
                     f'{f" state=\"{state[n]}\"" if n in state else ""}/>' for i, n in enumerate(names, start=1))
    rels = "".join(f'<Relationship Id="rId{i}" Type="{DOC_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                   for i in range(1, len(names) + 1))
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": types,
        "_rels/.rels": (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
                        f'<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="xl/workbook.xml"/>'
                        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                        'metadata/core-properties" Target="docProps/core.xml"/></Relationships>'),
        "docProps/core.xml": ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.'
                              'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/'
                              f'elements/1.1/"><dc:creator>{creator}</dc:creator></cp:coreProperties>'),
        "xl/workbook.xml": (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{DOC_REL}">'
                            f'<sheets>{listed}</sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">{rels}'
                                      '</Relationships>',
    }
    for i, name in enumerate(names, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
            f'{sheet_rows(sheets[name], (hidden_rows or {}).get(name, ()))}</sheetData></worksheet>')
    return zip_bytes(parts)


def _template(rows, **marker) -> bytes:
    """A workbook that says it is a Desk template (its hidden marker sheet)."""
    pairs = {"format": "desk-import-template", "template_version": "1", "register": "obstacles",
             "unit_code": "11329", "data_sheet": "Dữ liệu", "header_row": "1", **marker}
    sheets = {"Dữ liệu": rows, "_desk": [[k, v] for k, v in pairs.items()]}
    if marker.get("data_sheet") == "Không có":
        sheets = {"Khác": rows, "_desk": sheets["_desk"]}
    return book(sheets, states={"_desk": "veryHidden"})


def odd_contents() -> list[Case]:
    def one(*row):
        return book({"Sheet1": [HEADINGS, row]})

    uuid = "0f8fad5b-d9cb-469f-a165-70867728950e"
    return [
        Case("thieu-cot-bat-buoc.xlsx", None, "thiếu cột bắt buộc «Lĩnh vực»",
             book({"Sheet1": [[h for h in HEADINGS if h != "Lĩnh vực"], [v for v in ROW if v != "Khác"]]}), True),
        Case("ky-tu-dieu-khien.xlsx", None, "(U+0007 BEL)", one("Thiếu_x0007_máy tính", *ROW[1:]), True),
        Case("ky-tu-nul.xlsx", None, "(U+0000 NUL)", one("Thiếu máy_x0000_ tính", *ROW[1:]), True),
        Case("ky-tu-esc.xlsx", None, "(U+001B ESC)", one("Thiếu máy_x001B_[31m tính", *ROW[1:]), True),
        Case("dao-chieu-chu.xlsx", None, "U+202E", one("Thiếu máy \u202etính", *ROW[1:]), True),
        Case("dong-an.xlsx", None, "đang bị ẩn", book({"Sheet1": [HEADINGS, ROW, ROW, ROW]},
                                                      hidden_rows={"Sheet1": (3,)}), True),
        Case("ngay-sai.xlsx", None, "31/02/2025", one(*ROW[:3], "31/02/2025", ROW[4]), True),
        Case("ngay-so-qua-lon.xlsx", None, "không phải là ngày", one(*ROW[:3], 99999999, ROW[4]), True),
        Case("linh-vuc-la.xlsx", None, "không có trong danh mục", one(ROW[0], "Giao thông", *ROW[2:]), True),
        Case("cot-trung.xlsx", None, "có nhiều lần", book({"Sheet1": [[*HEADINGS, "Lĩnh vực"], [*ROW, "Khác"]]}),
             True),
        Case("ma-ban-ghi-sai.xlsx", None, "mã bản ghi không hợp lệ",
             book({"Sheet1": [[*HEADINGS, "Mã bản ghi"], [*ROW, "12345"]]}), True),
        Case("ma-ban-ghi-trung.xlsx", None, "mã bản ghi trùng với dòng 2",
             book({"Sheet1": [[*HEADINGS, "Mã bản ghi"], [*ROW, uuid], [*ROW, uuid]]}), True),
        Case("chi-co-tieu-de.xlsx", None, "chỉ có dòng tiêu đề", book({"Sheet1": [HEADINGS]}), True),
        Case("khong-co-bang.xlsx", None, "Không tìm thấy bảng dữ liệu",
             book({"Sheet1": [["Họ tên", "Quê quán"], ["Nguyễn Văn A", "Hải Phòng"]]})),
        Case("chi-trang-an.xlsx", None, "không có dữ liệu", book({"Ẩn": [HEADINGS, ROW]}, states={"Ẩn": "hidden"})),
        Case("mau-phien-ban-moi.xlsx", None, "phiên bản Desk mới hơn", _template([HEADINGS, ROW],
                                                                              template_version="99")),
        Case("mau-so-la.xlsx", None, "không có trong Desk", _template([HEADINGS, ROW], register="tau_bien")),
        Case("mau-mat-trang.xlsx", None, "không còn trang", _template([HEADINGS, ROW], data_sheet="Không có")),
        Case("mau-don-vi-khac.xlsx", None, "Desk không nhập dữ liệu của đơn vị khác",
             _template([HEADINGS, ROW], unit_code="26734")),
        Case("mau-sua-tieu-de.xlsx", None, "không còn dòng tiêu đề", _template([["A", "B"], ROW])),
        Case("bao-cao-da-sua.xlsx", None, "đã bị sửa sau khi Desk xuất", book({
            "_desk_manifest": [["format", "desk-periodic-report"], ["format_version", "1"], ["unit_code", "11329"],
                               ["data_sha256", "0" * 64]],
            "_desk_data": [["#block", "obstacles"], ["id", "title"], [uuid, "Thiếu máy"]]},
            states={"_desk_manifest": "veryHidden", "_desk_data": "veryHidden"})),
        Case("o-qua-dai.xlsx", None, "dài 40000 ký tự, tối đa 500", one("x" * 40_000, *ROW[1:]), True),
    ]


def _far(ref: str, before: str = "", tag: str = "c") -> bytes:
    rows = f'<row r="1"><c r="A1" t="s"><v>0</v></c>{before}<{tag} r="{ref}" t="s"><v>1</v></{tag}></row>'
    return zip_bytes(minimal_parts(sheet_rows=rows))


def far_cells() -> list[Case]:
    """One stray cell far away: the parser would allocate for the whole range (512 GB at XFD1048576)."""
    dimension = minimal_parts()
    dimension["xl/worksheets/sheet1.xml"] = dimension["xl/worksheets/sheet1.xml"].replace(
        "<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>')
    row_only = minimal_parts(sheet_rows='<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048576"/>')
    prefixed = minimal_parts()
    prefixed["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1">'
        '<x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="XFD1048576" t="s"><x:v>1</x:v></x:c></x:row></x:sheetData>'
        '</x:worksheet>')
    return [
        Case("o-xa-xfd.xlsx", "far_cell", "XFD1048576", _far("XFD1048576")),
        Case("o-xa-az.xlsx", "far_cell", "AZ1048576", _far("AZ1048576")),
        Case("o-xa-dong.xlsx", "far_cell", "A300001", _far("A300001")),
        Case("o-xa-cot.xlsx", "far_cell", "IW2", _far("IW2")),
        Case("o-xa-cot-ba-chu.xlsx", "far_cell", "AAA1", _far("AAA1")),
        Case("kich-thuoc-khai.xlsx", "far_cell", "XFD1048576", zip_bytes(dimension)),
        Case("dong-xa.xlsx", "far_cell", "1048576", zip_bytes(row_only)),
        Case("o-xa-tien-to.xlsx", "far_cell", "XFD1048576", zip_bytes(prefixed)),
        Case("qua-nhieu-o.xlsx", "far_cell", "vượt giới hạn", _far("IV250000")),
    ]


def duplicate_entries() -> bytes:
    """Two xl/worksheets/sheet1.xml entries: one reader takes the first, another the second."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in minimal_parts().items():
            archive.writestr(name, data)
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")       # zipfile warns about the duplicate name it is asked to write
            archive.writestr("xl/worksheets/sheet1.xml", minimal_parts(
                sheet_rows='<row r="1"><c r="A1" t="s"><v>1</v></c></row>')["xl/worksheets/sheet1.xml"])
    return buffer.getvalue()


def two_sheets(first: str, second: str, second_rows: str) -> bytes:
    """A workbook of two named sheets, the second with the given rows (e.g. a far cell)."""
    parts = minimal_parts()
    parts["[Content_Types].xml"] = content_types(extra=(
        '<Override PartName="/xl/worksheets/sheet2.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'))
    parts["xl/workbook.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{DOC_REL}">'
                                f'<sheets><sheet name="{first}" sheetId="1" r:id="rId1"/>'
                                f'<sheet name="{second}" sheetId="2" r:id="rId3"/></sheets></workbook>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>", f'<Relationship Id="rId3" Type="{DOC_REL}/worksheet" Target="worksheets/sheet2.xml"/>'
        "</Relationships>")
    parts["xl/worksheets/sheet2.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
                                         f'<sheetData>{second_rows}</sheetData></worksheet>')
    return zip_bytes(parts)


def heavy_report() -> bytes:
    """Looks like a Desk report (its two machine sheets) but one cell at IV62000: ~680 MB to parse."""
    from desk.reports.manifest import DATA_SHEET, MANIFEST_SHEET

    return two_sheets(MANIFEST_SHEET, DATA_SHEET, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
                      '<row r="62000"><c r="IV62000" t="s"><v>1</v></c></row>')


def build_corpus(folder: Path) -> list[tuple[Case, Path]]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for case in cases():
        path = folder / case.name
        path.write_bytes(case.data)
        written.append((case, path))
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for case, path in build_corpus(target):
        print(f"{case.kind or 'import':22} {path}")
