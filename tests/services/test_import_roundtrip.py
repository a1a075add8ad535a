"""Export -> import keeps every value (property-based): Vietnamese text, leading "= + - @", dates, choices, IDs."""

from __future__ import annotations

import shutil
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import NGO_QUYEN

from desk import paths
from desk.domain import periods, units
from desk.domain.access import Actor, Role
from desk.domain.registers import obstacles
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.errors import UserError
from desk.importers.tables import Source
from desk.reports import manifest
from desk.services import importing, office, records, templates
from desk.services.workspace import open_workspace

CLERK = Actor("lan", Role.CLERK)
COMPARED = ("id", "unit_code", "voided", *(spec.name for spec in OBSTACLES.fields))


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    """A migrated data folder set to Phường Ngô Quyền, copied for every example (migrating each time is slow)."""
    folder = tmp_path_factory.mktemp("blank")
    ws = open_workspace(str(folder))
    with ws.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
    ws.engine.dispose()
    return folder


def fresh(blank: Path, target: Path):
    target.mkdir(parents=True)
    shutil.copy(paths.database_path(blank), paths.database_path(target))
    return open_workspace(str(target))


_VI = sorted({unicodedata.normalize("NFC", v + tone) for v in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
              for tone in ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")} | {"đ", "Đ"})
_ALPHABET = _VI + list("bcdghklmnpqrstvxBCDGHKLMNPQRSTVX0123456789 ,.;:()/-_%&<>\"'“”–…") + ["😀", "\u00a0"]
words = st.text(alphabet=st.sampled_from(_ALPHABET), min_size=1, max_size=40)
prefix = st.sampled_from(["", "", "=", "+", "-", "@", "=SUM(A1:A3)", "_x0041_"])
one_line = st.builds(lambda p, w: p + w, prefix, words)
several_lines = st.builds(lambda p, ws: p + "\n".join(ws), prefix, st.lists(words, min_size=1, max_size=3))


def code_of(choices):
    return st.sampled_from([c.code for c in choices])


@st.composite
def an_obstacle(draw) -> dict:
    raised = draw(st.dates(date(2024, 1, 1), date.today()))
    status = draw(code_of(obstacles.STATUSES))
    values = {
        "title": draw(one_line.filter(lambda s: s.strip())),
        "domain": draw(st.sampled_from([c.code for c in obstacles.DEFAULT_DOMAINS])),
        "description": draw(st.none() | several_lines),
        "proposal": draw(st.none() | several_lines),
        "level": draw(code_of(obstacles.LEVELS)),
        "source": draw(st.none() | code_of(obstacles.SOURCES)),
        "raised_on": raised,
        "deadline": draw(st.none() | st.integers(0, 400).map(lambda d: raised + timedelta(days=d))),
        "status": status,
        "result": draw(st.none() | several_lines),
        "guide_doc": draw(st.none() | one_line),
        "former_unit": draw(st.none() | one_line),
    }
    if status == "resolved":
        values["result"] = values["result"] or "Đã xong"
        values["resolved_on"] = min(date.today(), raised + timedelta(days=draw(st.integers(0, 300))))
    return values


def saved(workspace, batch: list[dict]) -> list[dict]:
    with workspace.session() as session:
        for values in batch:
            records.save(session, OBSTACLES, values, unit_code=NGO_QUYEN, actor=CLERK)
    return stored(workspace)


def stored(workspace) -> list[dict]:
    with workspace.session() as session:
        rows = records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN, include_voided=True))
    return sorted(({name: row[name] for name in COMPARED} for row in rows), key=lambda r: r["id"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                HealthCheck.too_slow])
@given(batch=st.lists(an_obstacle(), min_size=1, max_size=6))
def test_template_export_then_import_into_a_fresh_desk_keeps_every_value(blank, tmp_path_factory, batch):
    # Given records saved in one Desk
    work = tmp_path_factory.mktemp("roundtrip")
    source, target = fresh(blank, work / "source"), fresh(blank, work / "target")
    try:
        expected = saved(source, batch)
        # When they are exported as a template with records and imported into another Desk
        out = work / "du-lieu.xlsx"
        with source.session() as session:
            templates.export_template(session, OBSTACLES, units.unit(NGO_QUYEN), out, with_records=True)
        plan = importing.import_file(target, out, actor=CLERK)
        # Then every field of every record is the same, IDs included
        assert plan.committed, [p.line() for p in plan.problems]
        assert plan.source is Source.TEMPLATE and plan.legacy is None
        assert stored(target) == expected
        # And importing the file again (confirmed) finds the same records unchanged instead of adding any
        again = importing.import_file(target, out, actor=CLERK, again=True)
        assert (again.new_count, again.updated_count, again.unchanged_count) == (0, 0, len(batch))
        assert stored(target) == expected
    finally:
        source.engine.dispose()
        target.engine.dispose()


def test_a_formula_looking_value_stays_text_in_the_template(blank, tmp_path):
    source = fresh(blank, tmp_path / "s")
    saved(source, [{"title": "=1+2", "domain": "OTHER", "level": "commune", "raised_on": date(2025, 10, 1),
                    "status": "received", "proposal": "@SUM(A1)"}])
    out = tmp_path / "t.xlsx"
    with source.session() as session:
        templates.export_template(session, OBSTACLES, units.unit(NGO_QUYEN), out, with_records=True)
    ws = openpyxl.load_workbook(out)["Dữ liệu"]
    assert (ws["A2"].value, ws["A2"].data_type) == ("=1+2", "s")
    source.engine.dispose()


def _periodic_report(workspace, out: Path, keys=("obstacles",)) -> None:
    from desk.services import periodic_report

    with workspace.session() as session:
        periodic_report.export(session, units.unit(NGO_QUYEN), periods.parse_period("2025-Q4"), out, actor=CLERK,
                               keys=keys)


def test_a_periodic_report_is_imported_from_its_machine_readable_part(blank, tmp_path):
    # Given obstacles of Q4/2025 (15/09–14/12) exported in Desk's periodic report
    source, target = fresh(blank, tmp_path / "s"), fresh(blank, tmp_path / "t")
    batch = [{"title": "=Thiếu máy in", "domain": "OTHER", "level": "commune", "raised_on": date(2025, 10, 1),
              "status": "received", "description": "Mô tả\nhai dòng", "former_unit": "Xã Cũ"},
             {"title": "Trụ sở chật", "domain": "PREMISES", "level": "province", "raised_on": date(2025, 11, 3),
              "status": "resolved", "result": "Đã bố trí", "resolved_on": date(2025, 11, 20)}]
    expected = saved(source, batch)
    out = tmp_path / "bao-cao-dinh-ky.xlsx"
    _periodic_report(source, out)
    # When the report is imported into another Desk of the same commune
    plan = importing.import_file(target, out)
    # Then the records come back whole, with their IDs, fields the report's tables do not show included
    assert plan.committed and plan.source is Source.DESK_DATA
    assert stored(target) == expected
    source.engine.dispose()
    target.engine.dispose()


def test_a_periodic_report_edited_after_export_is_refused(blank, tmp_path):
    source, target = fresh(blank, tmp_path / "s"), fresh(blank, tmp_path / "t")
    saved(source, [{"title": "Thiếu máy in", "domain": "OTHER", "level": "commune", "raised_on": date(2025, 10, 1),
                    "status": "received"}])
    out = tmp_path / "bao-cao.xlsx"
    _periodic_report(source, out)
    wb = openpyxl.load_workbook(out)
    data = wb[manifest.DATA_SHEET]
    cell = next(c for row in data.iter_rows() for c in row if c.value == "Thiếu máy in")
    cell.value = "Thiếu máy in (sửa tay)"
    wb.save(out)
    with pytest.raises(UserError, match="đã bị sửa sau khi Desk xuất"):
        importing.import_file(target, out)
    assert stored(target) == []
    source.engine.dispose()
    target.engine.dispose()


def test_summaries_in_a_report_are_not_imported_and_links_to_them_are_said(blank, tmp_path):
    # Given an obstacle found during a visit, reported in the periodic report (which carries only a
    # summary of the visits)
    from tests.services.test_importing import _visit_values

    from desk.domain.registers import REGISTERS

    source, target = fresh(blank, tmp_path / "s"), fresh(blank, tmp_path / "t")
    with source.session() as session:
        visit = records.save(session, REGISTERS["visits"], _visit_values(session), unit_code=NGO_QUYEN, actor=CLERK)
    saved(source, [{"title": "Thiếu máy in", "domain": "OTHER", "level": "commune", "raised_on": date(2025, 10, 1),
                    "status": "received", "visit_id": visit}])
    out = tmp_path / "bao-cao.xlsx"
    _periodic_report(source, out, keys=None)     # every section
    # When it is imported into a Desk without that visit
    plan = importing.import_file(target, out)
    # Then the obstacle comes in without the link, and both facts are said
    assert plan.committed
    assert [r["visit_id"] for r in stored(target)] == [None]
    assert any("trường «Phát hiện qua đợt khảo sát» của chúng để trống" in n for n in plan.notes)
    assert any(n.startswith("Báo cáo chỉ mang số liệu tóm tắt của sổ «Khảo sát, làm việc»") for n in plan.notes)
    assert [p.register.name for p in plan.planned] == ["obstacles"]
    source.engine.dispose()
    target.engine.dispose()
