"""Two different forms never share a number: every report kind's forms, by the number they print."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl

from desk.domain import periods
from desk.domain.registers import REGISTERS
from desk.services import demo, obstacle_report, periodic_report, register_report, staffing_report


def _forms(path) -> dict[str, str]:
    """form number -> the title under it, for every sheet of the workbook that prints one."""
    found = {}
    for ws in openpyxl.load_workbook(path).worksheets:
        cells = [c for row in ws.iter_rows(max_row=8, values_only=True) for c in row if isinstance(c, str)]
        code = next((c for c in cells if c.startswith("Biểu số ")), None)
        if code:
            title = next(c for c in cells if c.isupper() and not c.startswith(("CỘNG HÒA", "ỦY BAN", "PHƯỜNG")))
            found[code] = title
    return found


def test_every_form_number_names_one_form(workspace, tmp_path):
    unit = workspace.require_unit()
    seen: dict[str, set[str]] = {}
    with workspace.session() as session:
        demo.fill(session, unit, count=60, today=date(2025, 12, 20))
        paths = [tmp_path / "kkvm.xlsx", tmp_path / "bien-che.xlsx"]
        obstacle_report.export(session, unit, periods.quarter(2025, 3), paths[0], signed_on=date(2025, 12, 20))
        staffing_report.export(session, unit, None, paths[1], today=date(2025, 12, 20))
        for name in REGISTERS:
            if name != "obstacles":
                paths.append(tmp_path / f"{name}.xlsx")
                register_report.export(session, unit, name, None, paths[-1], today=date(2025, 12, 20))
        paths.append(tmp_path / "q3.xlsx")
        periodic_report.export(session, unit, periods.quarter(2025, 3), paths[-1],
                               now=datetime(2025, 12, 20).astimezone())
    for path in paths:
        for code, title in _forms(path).items():
            seen.setdefault(code, set()).add(title)
    assert "Biểu số 03/KBC" in seen and "Biểu số 07/CP" in seen
    assert {code: titles for code, titles in seen.items() if len(titles) > 1} == {}
