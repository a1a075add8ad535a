"""Adding a register is one module (plus a migration): a register declared here, and nowhere else,
gets its table, form, list, export, template, import and CLI export from the catalogue."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from tests.conftest import NGO_QUYEN
from tests.ui.helpers import press, type_text

from desk.cli import main as cli_main
from desk.domain.conditions import Col, Param
from desk.domain.fields import TODAY, Choice, FieldSpec, Kind
from desk.domain.register import Filter, Flag, ListSpec, Register
from desk.domain.registers import REGISTERS, temporary
from desk.services import importing, records, register_report, templates
from desk.store import schema, schema_manifest
from desk.store.models import forget_table, table_of
from desk.store.revisions import head_revision
from desk.ui.actions import ActionId
from desk.ui.record_form import RecordForm

CHANNELS = (Choice("in_person", "Trực tiếp", "In person"), Choice("online", "Trực tuyến", "Online"))


def _check(values: dict) -> dict[str, str]:
    received, answered = values.get("received_on"), values.get("answered_on")
    if received and answered and answered < received:
        return {"answered_on": "Ngày trả lời không được trước ngày tiếp nhận."}
    return {}


PETITIONS = Register(
    name="petitions", vi="Kiến nghị của công dân", en="Citizen petitions", table_name="petition", position=99,
    fields=(
        FieldSpec("subject", "Nội dung kiến nghị", "Subject", required=True, max_length=300, width=30, searched=True),
        FieldSpec("channel", "Hình thức tiếp nhận", "Channel", Kind.CHOICE, required=True, choices="channel",
                  width=14, indexed=True),
        FieldSpec("received_on", "Ngày tiếp nhận", "Received on", Kind.DATE, required=True, default=TODAY, width=12),
        FieldSpec("answered_on", "Ngày trả lời", "Answered on", Kind.DATE, width=12, follow_up=True),
        FieldSpec("signatures", "Số người ký", "Signatures", Kind.INT, minimum=1, width=10),
    ),
    fixed_choices={"channel": CHANNELS}, check_record=_check, date_field="received_on", title_field="subject",
    filters=(Filter("channel"),),
    flag=Flag(Col("answered_on").is_empty() & (Col("received_on") < Param("today")), "Chưa trả lời", "Unanswered"),
    listing=ListSpec("Kiến nghị", "Kiến nghị của công dân", "kiến nghị", "Biểu số 09/KN", "Danh-sach-kien-nghi",
                     "danh sách kiến nghị", "received_on", "answered_on"),
)


@pytest.fixture(scope="module")
def declared():
    """The register in the catalogue for this module's tests; its table made from its fields."""
    with temporary(PETITIONS):
        yield PETITIONS
    forget_table(PETITIONS)


@pytest.fixture
def migrated(declared, workspace, monkeypatch):
    """A data folder whose schema has the register's table, as its migration would create it, and
    Desk's record of the schema saying so (what scripts/make_schema_manifest.py writes)."""
    table_of(declared).__table__.create(workspace.engine)
    raw = workspace.engine.raw_connection()
    try:
        built = schema.snapshot(raw.driver_connection)
    finally:
        raw.close()
    monkeypatch.setitem(schema_manifest.SCHEMAS, head_revision(), built)
    return workspace


def saved(workspace, **values) -> str:
    base = {"subject": "Đề nghị sửa đường Ngô Quyền", "channel": "Trực tiếp", "received_on": "02/10/2025",
            "signatures": "12"}
    with workspace.session() as session:
        return records.save(session, PETITIONS, {**base, **values}, unit_code=NGO_QUYEN)


def test_the_catalogue_and_the_store_know_it(declared):
    assert list(REGISTERS)[-1] == "petitions"
    table = table_of(declared).__table__
    assert table.name == "petition" and {"subject", "channel", "received_on", "search_key",
                                         "title_sort"} <= set(table.c.keys())
    assert any(index.columns.keys() == ["channel"] for index in table.indexes)


def test_records_are_saved_checked_searched_and_flagged(migrated):
    saved(migrated)
    saved(migrated, subject="Xin lắp đèn đường", channel="online", received_on="05/10/2025", answered_on="06/10/2025")
    with migrated.session() as session:
        with pytest.raises(records.ValidationError) as caught:
            records.save(session, PETITIONS, {"subject": "Sai", "channel": "online", "received_on": "05/10/2025",
                                              "answered_on": "01/10/2025"}, unit_code=NGO_QUYEN)
        assert caught.value.errors == {"answered_on": "Ngày trả lời không được trước ngày tiếp nhận."}
        found = records.query(session, PETITIONS, records.RecordQuery(unit_code=NGO_QUYEN, search="ngo quyen"))
    assert [r["subject"] for r in found] == ["Đề nghị sửa đường Ngô Quyền"]


def test_the_window_lists_it_and_enters_one_with_the_keyboard(declared, migrated, qtbot, app_settings, shown):
    from desk.ui.main_window import MainWindow

    saved(migrated)
    window = MainWindow(migrated, app_settings)
    qtbot.addWidget(window)
    window.show()
    # The navigation names it, and its screen lists what was saved, the unanswered one flagged
    assert "Kiến nghị của công dân" in [window.nav.item(r).text() for r in range(window.nav.count())]
    window.nav.setCurrentRow(window.stack.index_of("petitions"))
    screen = window.current_screen()
    assert screen.model.rowCount() == 1 and screen.model.flagged_count() == 1
    assert screen.findChild(object, "filter_channel") is not None
    # Ctrl+N opens its form, built from the declaration; Vietnamese is typed key by key
    window.actions[ActionId.NEW_RECORD].trigger()
    form = window.findChild(RecordForm)
    qtbot.waitUntil(lambda: form is not None and form.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.editor("subject"))
    type_text("Phản ánh tiếng ồn ở chợ Đôn")
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Down)                      # channel: the first one
    press(Qt.Key.Key_Tab)
    QApplication.focusWidget().selectAll()
    type_text("03/10/2025")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert shown.errors == []
    assert screen.model.rowCount() == 2
    screen.set_search("cho don")
    assert [screen.model.row_record(r)["subject"] for r in range(screen.model.rowCount())] == [
        "Phản ánh tiếng ồn ở chợ Đôn"]


def test_its_list_exports_and_its_template_imports_back(migrated, tmp_path):
    saved(migrated)
    unit = migrated.require_unit()
    # Export: the list with its declared subject, unit, headings and labels
    with migrated.session() as session:
        sheets = register_report.export(session, unit, "petitions", None, tmp_path / "kn.xlsx", today=date(2025, 12, 1))
    assert sheets[0].count == 1
    texts = [c for row in openpyxl.load_workbook(tmp_path / "kn.xlsx").active.iter_rows(values_only=True)
             for c in row if c]
    assert {"Kiến nghị của công dân", "Đơn vị tính: kiến nghị", "Nội dung kiến nghị", "Trực tiếp"} <= set(texts)
    # Template: a blank one, filled in as a clerk would, imported back
    with migrated.session() as session:
        templates.export_template(session, PETITIONS, unit, tmp_path / "mau.xlsx")
    book = openpyxl.load_workbook(tmp_path / "mau.xlsx")
    data = book["Dữ liệu"]
    headings = [c.value for c in data[1]]
    data.cell(2, headings.index("Nội dung kiến nghị *") + 1, "Kiến nghị về điểm thu gom rác")
    data.cell(2, headings.index("Hình thức tiếp nhận *") + 1, "Trực tuyến")
    data.cell(2, headings.index("Ngày tiếp nhận *") + 1, "07/10/2025")
    data.cell(2, headings.index("Số người ký") + 1, 30)
    book.save(tmp_path / "mau.xlsx")
    plan = importing.import_file(migrated, tmp_path / "mau.xlsx")
    assert plan.ok, plan.problems
    with migrated.session() as session:
        rows = records.query(session, PETITIONS, records.RecordQuery(unit_code=NGO_QUYEN, search="rac"))
    assert [(r["subject"], r["channel"], r["received_on"], r["signatures"]) for r in rows] == [
        ("Kiến nghị về điểm thu gom rác", "online", date(2025, 10, 7), 30)]


def test_the_command_line_exports_it(migrated, tmp_path, capsys):
    saved(migrated)
    code = cli_main(["--data-dir", str(migrated.folder), "export", "petitions", "--out", str(tmp_path / "kn.xlsx")])
    assert code == 0
    assert "Đã xuất danh sách kiến nghị" in capsys.readouterr().out and (tmp_path / "kn.xlsx").exists()
