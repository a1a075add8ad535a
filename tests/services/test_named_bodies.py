"""The list's one generic "People's Committee of the province" is shown as the office's own province."""

from __future__ import annotations

import openpyxl
import pytest
from tests.conftest import NGO_QUYEN, desk_in
from tests.services.registers_helpers import obstacle

from desk.domain import units
from desk.domain.access import Actor, Role
from desk.domain.fields import Choice
from desk.domain.registers import obstacles
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import choice_lists, importing, records, templates

CLERK = Actor("lan", Role.CLERK)
GENERIC = "Ủy ban nhân dân tỉnh, thành phố"
HAI_PHONG = "Ủy ban nhân dân thành phố Hải Phòng"


def body_labels(workspace) -> dict[str, str]:
    with workspace.session() as session:
        return {c.code: c.vi for c in records.choices(session, OBSTACLES, "requested_body")}


def test_the_province_committee_is_named_after_the_offices_province(workspace):
    labels = body_labels(workspace)
    assert labels[obstacles.PROVINCE_COMMITTEE] == HAI_PHONG
    assert GENERIC not in labels.values()
    assert labels["SNV"] == "Sở Nội vụ"            # the other bodies as the list has them
    # The list's editor keeps the one generic entry every province shares
    with workspace.session() as session:
        stored = {i.code: i.vi for i in choice_lists.items(session, "body")}
    assert stored[obstacles.PROVINCE_COMMITTEE] == GENERIC


def test_another_province_sees_its_own_committee(workspace):
    hanoi = next(u for u in units.units_of(1))
    with workspace.session() as session:
        named = {c.code: c.vi for c in records.choices(session, OBSTACLES, "requested_body", unit_code=hanoi.code)}
    assert named[obstacles.PROVINCE_COMMITTEE] == "Ủy ban nhân dân thành phố Hà Nội"


def test_a_label_the_office_changed_is_kept_as_written():
    changed = Choice(obstacles.PROVINCE_COMMITTEE, "UBND thành phố", "City committee")
    province = units.unit(NGO_QUYEN).province
    assert obstacles.named_body(changed, province) == changed
    other = Choice("SNV", "Sở Nội vụ", "Department of Home Affairs")
    assert obstacles.named_body(other, province) is other


@pytest.mark.parametrize("typed", [GENERIC, HAI_PHONG, "uy ban nhan dan thanh pho hai phong"])
def test_the_body_is_recognised_by_its_new_name_its_old_one_and_without_accents(workspace, typed):
    record_id = obstacle(workspace, requested_body=typed, proposal="Hướng dẫn bố trí trụ sở")
    with workspace.session() as session:
        row = records.get(session, OBSTACLES, record_id)
    assert row.requested_body == obstacles.PROVINCE_COMMITTEE


def test_an_exported_list_names_the_province_and_an_older_file_with_the_generic_name_still_imports(tmp_path):
    source = desk_in(tmp_path / "source")
    obstacle(source, requested_body=GENERIC, proposal="Hướng dẫn bố trí trụ sở")
    out = tmp_path / "du-lieu.xlsx"
    with source.session() as session:
        templates.export_template(session, OBSTACLES, units.unit(NGO_QUYEN), out, with_records=True)
    source.engine.dispose()
    sheet = openpyxl.load_workbook(out)["Dữ liệu"]
    heading = OBSTACLES.spec["requested_body"].vi
    column = next(c.column for c in sheet[1] if c.value and str(c.value).startswith(heading))
    assert sheet.cell(2, column).value == HAI_PHONG
    # A file written before the body had the province's name: the generic label, in a fresh Desk
    older = tmp_path / "cu.xlsx"
    book = openpyxl.load_workbook(out)
    book["Dữ liệu"].cell(2, column).value = GENERIC
    book.save(older)
    for name, path in (("new", out), ("old", older)):
        target = desk_in(tmp_path / name)
        plan = importing.import_file(target, path, actor=CLERK)
        assert plan.committed, [p.line() for p in plan.problems]
        with target.session() as session:
            rows = records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN))
        assert [r["requested_body"] for r in rows] == [obstacles.PROVINCE_COMMITTEE]
        # The other file, read again into the same Desk: the same record, unchanged, by either name
        other = older if path == out else out
        again = importing.import_file(target, other, actor=CLERK, again=True)
        assert (again.new_count, again.updated_count, again.unchanged_count) == (0, 0, 1)
        target.engine.dispose()
