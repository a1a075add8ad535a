"""Every report kind Desk writes, printed by LibreOffice and read page by page as a Department of Home Affairs
reviewer would: no page holding only a signature or an empty repeated heading, no split signature block,
no table running onto a page without its heading, nothing printed below 90%; and Gnumeric opens every
workbook without a word of warning."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font
from openpyxl.worksheet.pagebreak import Break
from tests.reports.printed import faults, gnumeric_warnings, lone_heading_words, render

from desk.domain import periods
from desk.domain.access import Actor, Role
from desk.domain.forms import FORMS
from desk.domain.registers import REGISTERS
from desk.reports.import_problems import ProblemLine, write_problem_report
from desk.reports.layout import (
    Column,
    DocumentHeader,
    prepare_sheet,
    setup_print,
    unbroken_name,
    write_row,
    write_signature,
    write_table_header,
)
from desk.services import (
    consolidation,
    consolidation_report,
    demo,
    obstacle_report,
    office,
    periodic_report,
    register_report,
    report_settings,
    settings,
    staffing_report,
    templates,
)
from desk.services.workspace import open_workspace

SIGNER, PREPARER = "Vương Đình Huệ", "Tạ Thị Kiều Oanh"
NAMES = (SIGNER, PREPARER)
TODAY = date(2025, 12, 20)
ADMIN = Actor("quantri", Role.ADMIN)
# Hải Phòng: Phường Ngô Quyền, Phường Lê Chân, Xã Nguyễn Bỉnh Khiêm (consolidated by the province)
UNITS = (11329, 11383, 11911)


def _office(base: Path, code: int, seed: int):
    folder = base / f"unit-{code}"
    folder.mkdir()
    ws = open_workspace(str(folder))
    with ws.session() as session:
        unit = office.set_office_unit(session, code)
        demo.fill(session, unit, seed=seed, today=TODAY)
        form = report_settings.load(session, unit).replace(signer_name=SIGNER, preparer_name=PREPARER)
        settings.save(session, ADMIN, form)
    return ws, unit


def _with_settings(ws, unit, **changes) -> None:
    with ws.session() as session:
        settings.save(session, ADMIN, report_settings.load(session, unit).replace(**changes))


def _broken(folder: Path) -> dict[str, Path]:
    """Workbooks laid out the way the issue found reports: what the page check must catch."""
    out = {}
    columns = (Column("c0", "STT", 6, align="center"), *(Column(f"c{i}", f"Cột {i}", 12) for i in range(1, 6)))
    header = DocumentHeader("ỦY BAN NHÂN DÂN", "PHƯỜNG NGÔ QUYỀN", "Số: 05/BC-UBND", "Phường Ngô Quyền",
                            date(2025, 9, 16), "BÁO CÁO", "Thử", "", "", "", ("Sở Nội vụ",),
                            signature=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), signer_name=SIGNER)
    for fault in ("signature_alone", "no_heading", "split_signature", "small_print", "broken_name"):
        wb = openpyxl.Workbook()
        ws = wb.active
        wide = (*columns, *(Column(f"w{i}", "Rộng", 30) for i in range(4))) if fault == "small_print" else columns
        prepare_sheet(ws, wide)
        write_table_header(ws, wide, 1)
        row = 3
        for n in range(1, 16):
            # A unit's name held together in a cell narrower than it: LibreOffice breaks it inside a word
            name = unbroken_name("Phường Văn Miếu - Quốc Tử Giám") if fault == "broken_name" and n == 1 else ""
            row = write_row(ws, wide, {"c0": n, "c1": name or f"Dòng {n}"}, row)
        first, end = write_signature(ws, wide, header, row)
        setup_print(ws)
        if fault == "signature_alone":           # the signature pushed to a page of its own, under the heading
            ws.print_title_rows = "1:2"
            ws.row_breaks.append(Break(id=row - 1))
        elif fault == "no_heading":              # the table goes on without its heading
            ws.row_breaks.append(Break(id=10))
        elif fault == "split_signature":
            ws.row_breaks.append(Break(id=first + 1))
        out[fault] = folder / f"hong-{fault}.xlsx"
        wb.save(out[fault])
    return out


def _calibration(folder: Path) -> Path:
    """"STT" in 12-point bold Times New Roman at 100%: what a heading's word measures unscaled."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "STT"
    ws["A1"].font = Font(name="Times New Roman", size=12, bold=True)
    setup_print(ws)
    ws.page_setup.scale = 100
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    path = folder / "calibration.xlsx"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    return make_workbooks(tmp_path_factory.mktemp("printed"))


def make_workbooks(base: Path) -> dict:
    """Every report kind from realistic data (the demo of three communes), several periods each, rendered."""
    out = base / "xlsx"
    out.mkdir()
    made: list[Path] = []

    def add(name: str) -> Path:
        made.append(out / name)
        return out / name

    ws, unit = _office(base, UNITS[0], 2025)
    now = datetime(2025, 12, 20, 9, 30).astimezone()
    with ws.session() as session:
        q3, q4 = periods.quarter(2025, 3), periods.quarter(2025, 4)
        periodic_report.export(session, unit, q3, add("bao-cao-q3-nhap.xlsx"), now=now)
        for key in ("obstacles", "staffing", "procedures", "needs", "recommendations"):
            periodic_report.export(session, unit, q4, add(f"phan-{key}-q4.xlsx"), keys=(key,), now=now)
        for month in (7, 8, 9, 10, 11):
            obstacle_report.export(session, unit, periods.month(2025, month), add(f"kkvm-{month:02d}.xlsx"),
                                   signed_on=TODAY)
        obstacle_report.export(session, unit, q4, add("kkvm-q4.xlsx"), signed_on=TODAY)
        for name in REGISTERS:
            if name != "obstacles":
                register_report.export(session, unit, name, q3, add(f"so-{name}-q3.xlsx"), today=TODAY)
                register_report.export(session, unit, name, None, add(f"so-{name}-nay.xlsx"), today=TODAY)
        staffing_report.export(session, unit, q3, add("bien-che-q3.xlsx"), today=TODAY)
        staffing_report.export(session, unit, None, add("bien-che-nay.xlsx"), today=TODAY)
    # A vice-chair signs for the chair, and the province's templates ask for the preparer on every form
    _with_settings(ws, unit, signing="deputy", preparer_forms=tuple(f.code for f in FORMS))
    with ws.session() as session:
        periodic_report.export(session, unit, q4, add("bao-cao-q4-kt-nguoi-lap.xlsx"), now=now)
        obstacle_report.export(session, unit, periods.month(2025, 9), add("kkvm-09-nguoi-lap.xlsx"), signed_on=TODAY)
        register_report.export(session, unit, "visits", q3, add("so-visits-nguoi-lap.xlsx"), today=TODAY)
        staffing_report.export(session, unit, q3, add("bien-che-nguoi-lap.xlsx"), today=TODAY)
    # The province: three communes' submitted Q3 reports consolidated
    sent = base / "nop"
    sent.mkdir()
    with ws.session() as session:
        periodic_report.export(session, unit, q3, sent / "ngo-quyen.xlsx", submit=True, actor=ADMIN, now=now)
    for code, seed in zip(UNITS[1:], (7, 11)):
        other, other_unit = _office(base, code, seed)
        with other.session() as session:
            periodic_report.export(session, other_unit, q3, sent / f"{code}.xlsx", submit=True, actor=ADMIN, now=now)
        other.engine.dispose()
    made.append(sent / "ngo-quyen.xlsx")
    made.append(sent / f"{UNITS[2]}.xlsx")      # Xã Nguyễn Bỉnh Khiêm: a name wider than its header cell
    result = consolidation.consolidate([sent], q3, province_code=31)
    issuer = consolidation_report.defaults_for(result.province).replace(signer_name=SIGNER, preparer_name=PREPARER,
                                                                        preparer_on_forms=True)
    consolidation_report.export(result, add("tong-hop-q3.xlsx"), issuer, signed_on=TODAY)
    # Workbooks that are not reports, for Gnumeric: templates and an import's problem list
    extra = []
    with ws.session() as session:
        for name, reg in REGISTERS.items():
            path = out / f"mau-{name}.xlsx"
            templates.export_template(session, reg, unit, path)
            extra.append(path)
    problems = out / "loi-nhap.xlsx"
    write_problem_report(problems, "mau.xlsx", now, [ProblemLine("Dữ liệu", 5, "C", "Ngày phát sinh", "31/02/2025",
                                                                "Ngày không hợp lệ.")])
    extra.append(problems)
    ws.engine.dispose()
    calibration = _calibration(base)
    broken = _broken(base)
    pdfs = render([*made, calibration, *broken.values()], base / "pdf")
    return {"made": made, "pdfs": pdfs, "extra": extra, "calibration": pdfs[calibration], "base": base,
            "broken": broken}


def test_every_report_kind_prints_without_a_fault_a_reviewer_would_reject(workbooks):
    from tests.reports.printed import word_widths

    (_, unscaled), = word_widths(workbooks["calibration"], "STT")
    found = []
    for path in workbooks["made"]:
        found += faults(path, workbooks["pdfs"][path], NAMES, calibration={"STT": unscaled})
    assert found == []


def test_the_page_check_catches_each_fault_the_issue_found(workbooks):
    from tests.reports.printed import word_widths

    (_, unscaled), = word_widths(workbooks["calibration"], "STT")
    said = {fault: faults(path, workbooks["pdfs"][path], NAMES, calibration={"STT": unscaled})
            for fault, path in workbooks["broken"].items()}
    assert any("holds only a signature block under an empty repeated table heading" in f
               for f in said["signature_alone"]), said["signature_alone"]
    assert any("runs onto this page without its heading" in f for f in said["no_heading"]), said["no_heading"]
    assert any("the signature block is split" in f for f in said["split_signature"]), said["split_signature"]
    assert any("prints at" in f and "below 90%" in f for f in said["small_print"]), said["small_print"]
    assert any("of its size" in f for f in said["small_print"])             # seen in the PDF too
    assert any("«Phường Văn Miếu - Quốc Tử Giám» is broken across lines" in f
               for f in said["broken_name"]), said["broken_name"]


def test_the_page_check_finds_a_heading_word_left_alone():
    # As pdftotext gave the province's cover before headings were balanced
    printed = ("III. BIÊN CHẾ, NHU CẦU NHÂN SỰ VÀ THỦ TỤC HÀNH CHÍNH\nSố liệu biên chế của 60 đơn vị\n"
               "IV. ĐIỀU ĐỘNG, BIỆT PHÁI; KHẢO SÁT, LÀM VIỆC; SÁNG KI ẾN, MÔ\nHÌNH\n1. Điều động, biệt phái\n")
    assert [f for f in lone_heading_words(printed) if "«HÌNH» alone" in f] and len(lone_heading_words(printed)) == 1
    assert lone_heading_words(printed.replace("MÔ\nHÌNH", "MÔ HÌNH")) == []


def test_every_workbook_opens_in_gnumeric_without_a_warning(workbooks):
    assert gnumeric_warnings([*workbooks["made"], *workbooks["extra"]], workbooks["base"] / "csv") == {}
