"""A province's inbox for the answer tests: two communes' submitted Q3 reports, and Desk in Vietnamese."""

from __future__ import annotations

from datetime import datetime

import pytest
from tests.conftest import NGO_QUYEN

from desk.domain import periods, units
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import periodic_report, records

Q3 = periods.parse_period("2025-Q3")
HAI_PHONG = 31
MINE = units.unit(NGO_QUYEN)


def add(workspace, unit, title):
    with workspace.session() as session:
        return records.save(session, OBSTACLES, {"domain": "PREMISES", "title": title, "level": "province",
                                                 "raised_on": "01/08/2025", "status": "referred"},
                            unit_code=unit.code)


@pytest.fixture
def vietnamese():
    """The Vietnamese catalogue loaded, as the installed Desk runs (built widgets read it)."""
    from PySide6.QtWidgets import QApplication

    from desk.ui.app import install_translators

    app = QApplication.instance()
    installed = install_translators(app, "vi")
    yield
    for translator in installed:
        app.removeTranslator(translator)


@pytest.fixture
def inbox(workspace, tmp_path):
    """Two communes' submitted reports: Ngô Quyền with two obstacles, another ward with one."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    ids = {"premises": add(workspace, MINE, "Trụ sở chật hẹp"), "staff": add(workspace, MINE, "Thiếu kế toán")}
    other = next(u for u in units.units_of(HAI_PHONG) if u.code != NGO_QUYEN)
    ids["other"] = add(workspace, other, "Chưa có xe công vụ")
    for unit in (MINE, other):
        with workspace.session() as session:
            periodic_report.export(session, unit, Q3, folder / f"{unit.code}.xlsx", submit=True,
                                   now=datetime(2025, 9, 16, 9, 0))
    return folder, ids
