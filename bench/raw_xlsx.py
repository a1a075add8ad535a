"""The floor of writing a workbook: the same cells as raw worksheet XML zipped by zlib, no library, no styles."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

_EPOCH = date(1899, 12, 30)
_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                  '<Default Extension="xml" ContentType="application/xml"/>'
                  '<Override PartName="/xl/workbook.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                  '{sheets}</Types>')
_SHEET_TYPE = ('<Override PartName="/xl/worksheets/sheet{n}.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
_ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _cell(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f"<c><v>{value}</v></c>"
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"<c><v>{(value - _EPOCH).days}</v></c>"
    return f'<c t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def write(path: Path, sheets: list[tuple[str, list[list]]]) -> None:
    """Each sheet's rows as inline cells, deflated (zlib) into the package at the level Desk's reports use."""
    from desk.reports.bulk_rows import DEFLATE_LEVEL

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=DEFLATE_LEVEL) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES.format(
            sheets="".join(_SHEET_TYPE.format(n=n) for n in range(1, len(sheets) + 1))))
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {_NS} '
                         f'{_REL_NS}><sheets>' + "".join(
                             f'<sheet name="{escape(name[:31])}" sheetId="{n}" r:id="rId{n}"/>'
                             for n, (name, _rows) in enumerate(sheets, 1)) + "</sheets></workbook>")
        package.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                         '<Relationships '
                         'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(
                             f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                             f'relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
                             for n in range(1, len(sheets) + 1)) + "</Relationships>")
        for n, (_name, rows) in enumerate(sheets, 1):
            with package.open(f"xl/worksheets/sheet{n}.xml", "w") as out:
                out.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {_NS}><sheetData>'
                          .encode())
                chunk = []
                for row in rows:
                    chunk.append("<row>" + "".join(map(_cell, row)) + "</row>")
                    if len(chunk) >= 2_000:
                        out.write("".join(chunk).encode())
                        chunk.clear()
                out.write(("".join(chunk) + "</sheetData></worksheet>").encode())
