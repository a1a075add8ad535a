"""Importing from the window: check first, see the problems or the summary, then write all or nothing."""

from __future__ import annotations

import multiprocessing
from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from tests.conftest import NGO_QUYEN
from tests.importers.books import write_book
from tests.services.staging_faults import loaded_then

from desk.domain.legacy_text import Encoding, from_unicode
from desk.domain.registers import REGISTERS
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.importers import legacy
from desk.importers.workbook import read_book
from desk.reports.import_template import MARKER_SHEET
from desk.services import import_staging, importing, records
from desk.ui import messages
from desk.ui.actions import ActionId
from desk.ui.import_dialog import ImportDialog, ProblemTableModel
from desk.ui.legacy_dialog import LegacyDialog, SampleTableModel
from desk.ui.template_dialog import TemplateDialog

HEADINGS = ["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh", "Tình trạng"]


def good_file(tmp_path, name="nhap.xlsx", rows=None):
    rows = rows or [["Thiếu máy in", "Khác", "Cấp xã", date(2025, 10, 1), "Mới tiếp nhận"],
                    ["=Trụ sở chật", "Trụ sở làm việc, tài sản công (nhà, đất)", "Cấp tỉnh", "05/11/2025",
                     "Đang xử lý"]]
    return write_book(tmp_path / name, {"Sheet1": [HEADINGS, *rows]})


def stored(workspace) -> list[dict]:
    with workspace.session() as session:
        return records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN))


def check(window, qtbot, trigger: bool = False):
    """Start an import (the menu's action, or the flow's method) and wait for its check to end:
    the import dialog it opened, or None."""
    with qtbot.waitSignal(window.importing.checked, timeout=60_000) as done:
        if trigger:
            window.actions[ActionId.IMPORT_EXCEL].trigger()
        else:
            window.importing.import_excel()
    return done.args[0]


@pytest.fixture
def choose(monkeypatch):
    """Answer the next file dialogs: choose.open = path to import, choose.save = path to write."""
    class Answers:
        open = None
        save = None
    answers = Answers()
    monkeypatch.setattr(messages, "choose_file", lambda *a, **k: str(answers.open) if answers.open else None)
    monkeypatch.setattr(messages, "choose_save_file", lambda *a, **k: str(answers.save) if answers.save else None)
    return answers


def test_the_file_menu_offers_import_and_templates(window):
    texts = [a.objectName() for a in window.file_menu.actions()]
    assert texts[:2] == ["import_excel", "make_template"]
    assert window.actions[ActionId.IMPORT_EXCEL].shortcut().toString() == "Ctrl+I"


def test_the_menu_action_opens_the_file_picker_and_the_import_dialog(window, qtbot, tmp_path, monkeypatch, shown):
    # Given a clerk who picks File > Import from Excel... (Ctrl+I) and chooses a workbook
    asked = []
    path = good_file(tmp_path)
    monkeypatch.setattr(messages, "choose_file", lambda *a, **k: asked.append(a) or str(path))
    opened = []
    monkeypatch.setattr(ImportDialog, "open", lambda self: opened.append(self))
    # When the action is triggered as the menu would trigger it
    check(window, qtbot, trigger=True)
    # Then the picker was offered, the file checked, and the import dialog opened with no error
    assert len(asked) == 1 and shown.errors == []
    assert len(opened) == 1 and "2 bản ghi mới" in opened[0].status.text()
    qtbot.addWidget(opened[0])


def test_the_template_action_opens_its_dialog(window, monkeypatch, shown):
    seen = []
    monkeypatch.setattr(TemplateDialog, "exec", lambda self: seen.append(self) or QDialog.DialogCode.Rejected)
    window.actions[ActionId.MAKE_TEMPLATE].trigger()
    assert len(seen) == 1 and shown.errors == []


def test_a_valid_file_is_shown_then_imported_and_the_register_refreshed(window, qtbot, tmp_path, choose, shown):
    # Given a clean workbook chosen from File > Import from Excel...
    choose.open = good_file(tmp_path)
    dialog = check(window, qtbot)
    qtbot.addWidget(dialog)
    # Then the dialog says what will happen, and nothing is written yet
    assert "2 bản ghi mới, 0 bản ghi cập nhật" in dialog.status.text()
    assert dialog.import_button.isEnabled() and not dialog.save_button.isEnabled()
    assert not dialog.table.isVisible() and stored(window._workspace) == []
    # When the clerk presses Import
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    # Then both rows are in the register, and the list shows them
    assert sorted(r["title"] for r in stored(window._workspace)) == ["=Trụ sở chật", "Thiếu máy in"]
    assert window.screen("obstacles").model.rowCount() == 2
    assert shown.infos[-1] == "Imported from «nhap.xlsx»: sổ «Khó khăn, vướng mắc»: 2 bản ghi mới, 0 bản ghi cập nhật."


def test_importing_reads_and_checks_the_file_once(window, qtbot, tmp_path, choose, shown, monkeypatch):
    # Given a clerk who chooses a clean workbook and presses Import after reading the check
    reads = []
    real = importing.worker.read_one
    monkeypatch.setattr(importing.worker, "read_one", lambda function, path, **options: reads.append(path)
                        or real(function, path, **options))
    choose.open = good_file(tmp_path)
    dialog = check(window, qtbot)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    # Then the file was read once (the check), and what was checked is what was written
    assert len(reads) == 1
    assert sorted(r["title"] for r in stored(window._workspace)) == ["=Trụ sở chật", "Thiếu máy in"]


def test_a_large_file_is_made_ready_while_the_clerk_reads_the_check_then_written_on_import(
        window, qtbot, tmp_path, choose, shown, monkeypatch):
    # Given a file taken as large (a 100,000-row one is): its new records are made ready by a second
    # process while the check is shown, one at a time
    monkeypatch.setattr(import_staging, "STAGED_ROWS", 2)
    monkeypatch.setattr(import_staging, "STAGED_BYTES", 0)
    monkeypatch.setattr(import_staging, "_CHUNK", 1)
    monkeypatch.setattr(import_staging.Staging, "making", loaded_then(import_staging.Staging.making))
    copied = []
    copy = import_staging.write
    monkeypatch.setattr(import_staging, "write", lambda session, reg, staging, made, **kwargs: copied.append(
        made.count) or copy(session, reg, staging, made, **kwargs))
    titles = [f"Thiếu công chức ở tổ dân phố số {n}" for n in range(5)]
    choose.open = good_file(tmp_path, rows=[[title, "Khác", "Cấp xã", date(2025, 10, 1 + n), "Mới tiếp nhận"]
                                            for n, title in enumerate(titles)])
    dialog = check(window, qtbot, trigger=True)      # File > Nhập từ Excel… (Ctrl+I), as a click does
    qtbot.addWidget(dialog)
    assert "5 bản ghi mới, 0 bản ghi cập nhật" in dialog.status.text() and stored(window._workspace) == []
    staging = dialog._plan.staging
    assert staging is not None
    # When the clerk presses Import
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    # Then what was made ready is what was written, the register shows it, and nothing is left behind
    assert copied == [5] and shown.errors == []
    assert sorted(r["title"] for r in stored(window._workspace)) == titles
    assert window.screen("obstacles").model.rowCount() == 5
    assert not staging.folder.exists() and not multiprocessing.active_children()


def test_a_file_changed_after_its_check_is_not_written_and_its_new_check_is_shown(window, qtbot, tmp_path, choose,
                                                                                    shown):
    # Given a clean workbook checked in the import dialog
    path = good_file(tmp_path)
    choose.open = path
    dialog = check(window, qtbot)
    qtbot.addWidget(dialog)
    # When the file is saved again with an error before the clerk presses Import
    good_file(tmp_path, rows=[["Thiếu máy in", "Giao thông", "Cấp xã", "01/10/2025", "Mới tiếp nhận"]])
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    # Then nothing is written, the clerk is told why, and the dialog shows the file as it is now
    qtbot.waitUntil(lambda: bool(shown.errors) and dialog.model.rowCount() == 1, timeout=60_000)
    assert stored(window._workspace) == []
    assert shown.errors == ["Tệp «nhap.xlsx» đã thay đổi sau khi kiểm tra; chưa ghi gì. Hãy kiểm tra lại tệp."]
    assert dialog.model.rowCount() == 1 and not dialog.import_button.isEnabled()


def test_data_changed_after_the_check_is_checked_again_as_the_file_is_written(window, qtbot, tmp_path, choose,
                                                                              shown):
    # Given a clean workbook checked in the import dialog
    choose.open = good_file(tmp_path)
    dialog = check(window, qtbot)
    qtbot.addWidget(dialog)
    # When the domain «Khác» is retired from the list before the clerk presses Import
    from desk.store.models import ChoiceItem

    with window._workspace.session() as session:
        item = session.get(ChoiceItem, ("domain", "OTHER"))
        item.active = False
        session.add(item)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    # Then nothing is written and the dialog lists the row that no longer passes
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=60_000)
    assert stored(window._workspace) == []
    assert dialog.model.rowCount() == 1 and "Khác" in dialog.model.index(0, 4).data()


def test_one_person_on_two_rows_is_named_before_the_clerk_imports(window, qtbot, tmp_path, choose, shown):
    # Given an officials' list where a department's clerk entered the same person twice, accents aside
    reg = REGISTERS["officials"]
    with window._workspace.session() as session:
        chosen = [records.choices(session, reg, name, unit_code=NGO_QUYEN)[0].label
                  for name in ("staff_category", "office", "title", "status")]
    choose.open = write_book(tmp_path / "can-bo.xlsx", {"Cán bộ": [
        ["Họ và tên", "Ngày sinh", "Loại cán bộ", "Phòng, ban", "Chức vụ", "Tình trạng"],
        ["Nguyễn Văn An", date(1985, 3, 2), *chosen], ["Trần Thị Bình", date(1990, 5, 6), *chosen],
        ["nguyen van an", date(1985, 3, 2), *chosen]]})
    # When the clerk picks File > Import from Excel... and the file is checked
    dialog = check(window, qtbot, trigger=True)
    qtbot.addWidget(dialog)
    # Then the check names the row and the one it repeats, before anything is written
    assert "3 bản ghi mới" in dialog.status.text() and dialog.import_button.isEnabled()
    assert "Trang «Cán bộ», dòng 4: Dòng 2 của trang này đã có «Nguyễn Văn An», sinh ngày 02/03/1985: có thể là " \
           "một người nhập hai lần." in dialog.notes.toPlainText()
    with window._workspace.session() as session:
        assert records.query(session, reg, records.RecordQuery(unit_code=NGO_QUYEN)) == []
    assert shown.errors == []


def test_a_file_with_errors_lists_them_and_saves_the_report(window, qtbot, tmp_path, choose, shown):
    choose.open = good_file(tmp_path, rows=[["Thiếu máy in", "Giao thông", "Cấp xã", "31/02/2025", "Mới tiếp nhận"]])
    dialog = check(window, qtbot)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled() and dialog.save_button.isEnabled()
    assert dialog.model.rowCount() == 2
    first = [dialog.model.index(0, c).data() for c in range(6)]
    assert first == ["Sheet1", 2, "B", "Lĩnh vực", "Giao thông",
                     "«Lĩnh vực»: giá trị «Giao thông» không có trong danh mục."]
    choose.save = tmp_path / "loi"
    assert dialog.save_report() == tmp_path / "loi.xlsx"
    rows = list(openpyxl.load_workbook(tmp_path / "loi.xlsx").active.iter_rows(values_only=True))
    assert any(r[4] == "Lĩnh vực" and r[5] == "Giao thông" for r in rows)
    assert stored(window._workspace) == []


def test_a_refused_file_shows_the_reason_and_no_dialog(window, qtbot, tmp_path, choose, shown):
    path = tmp_path / "cu.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    choose.open = path
    assert check(window, qtbot) is None
    assert shown.errors == ["Không nhập được tệp «cu.xlsx»: đây là tệp Excel 97–2003 (.xls) đã bị đổi tên, Desk "
                            "chỉ nhập tệp .xlsx. Hãy mở bằng Excel, chọn Lưu thành > «Sổ làm việc Excel (*.xlsx)» "
                            "rồi nhập tệp mới."]


def legacy_file(tmp_path):
    abc = from_unicode("Thiếu máy tính ở bộ phận một cửa", Encoding.TCVN3)
    return write_book(tmp_path / "abc.xlsx", {"Sheet1": [
        HEADINGS, [abc, from_unicode("Khác", Encoding.TCVN3), "Cấp xã", "01/10/2025", "Mới tiếp nhận"]]},
        fonts={"Sheet1": {"A2": ".VnTime", "B2": ".VnTime"}})


@pytest.mark.parametrize("decision, expected", [(True, "Thiếu máy tính ở bộ phận một cửa"), (None, None)])
def test_legacy_text_is_converted_only_when_the_clerk_accepts(window, qtbot, tmp_path, choose, monkeypatch,
                                                              decision, expected):
    asked = []
    monkeypatch.setattr(LegacyDialog, "ask", classmethod(lambda cls, finding, parent=None:
                                                         asked.append(finding) or decision))
    choose.open = legacy_file(tmp_path)
    dialog = check(window, qtbot)
    assert asked and asked[0].name == "TCVN3 (ABC)"
    if decision is None:           # Cancel: no import dialog, nothing written
        assert dialog is None and stored(window._workspace) == []
        return
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.imported):
        dialog.run_import()
    assert [r["title"] for r in stored(window._workspace)] == [expected]


def test_the_legacy_dialog_shows_before_and_after(qtbot, tmp_path, qtmodeltester):
    finding = legacy.scan(read_book(legacy_file(tmp_path)))
    dialog = LegacyDialog(finding)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert "TCVN3 (ABC)" in dialog.explanation.text() and ".VnTime" in dialog.explanation.text()
    assert [dialog.model.index(0, c).data() for c in range(3)] == [
        "Sheet1!A2", from_unicode("Thiếu máy tính ở bộ phận một cửa", Encoding.TCVN3),
        "Thiếu máy tính ở bộ phận một cửa"]
    assert dialog.convert_button.isDefault()
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert dialog.decision() is False
    again = LegacyDialog(finding)
    qtbot.addWidget(again)
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    assert again.decision() is None


def test_problem_model_passes_the_model_tester(workspace, tmp_path, qtmodeltester):
    plan = importing.import_file(workspace, good_file(tmp_path, rows=[["", "x", "y", "z", "w"]]), dry_run=True)
    model = ProblemTableModel()
    model.set_problems(plan.problems)
    qtmodeltester.check(model)
    qtmodeltester.check(SampleTableModel([("A1", "a", "b")]))


def test_a_template_for_the_register_shown(window, qtbot, tmp_path, choose, monkeypatch, shown):
    def accept_officials(self):
        self.register.setCurrentIndex(self.register.findData("officials"))
        self.with_records.setChecked(True)
        return QDialog.DialogCode.Accepted

    obstacles = window.screen("obstacles")          # built on first use
    window.nav.setCurrentRow(window.screens.index(obstacles))
    preset = TemplateDialog(window.current_screen().objectName().removeprefix("register_"))
    qtbot.addWidget(preset)
    assert preset.register_name() == "obstacles"         # the register on screen comes first
    monkeypatch.setattr(TemplateDialog, "exec", accept_officials)
    choose.save = tmp_path / "mau-can-bo"
    assert window.importing.make_template() == tmp_path / "mau-can-bo.xlsx"
    marker = {r[0]: r[1] for r in openpyxl.load_workbook(tmp_path / "mau-can-bo.xlsx")[MARKER_SHEET]
              .iter_rows(values_only=True)}
    assert marker["register"] == "officials"
    assert "mau-can-bo.xlsx" in shown.infos[-1]


def test_screens_render_in_vietnamese_at_1366x768(qtbot, workspace, tmp_path):
    """Grab each import screen with the Vietnamese catalogue loaded (PNGs in tmp_path, to look at)."""
    from PySide6.QtWidgets import QApplication

    from desk.ui.app import install_translators

    app = QApplication.instance()
    installed = install_translators(app, "vi")
    try:
        plan = importing.import_file(workspace, good_file(tmp_path, rows=[
            ["Thiếu máy in", "Giao thông", "Cấp xã", "31/02/2025", "Mới tiếp nhận"],
            ["", "Khác", "Cấp huyện", date(2025, 10, 1), "Mới tiếp nhận"]]), dry_run=True)
        bad = ImportDialog(workspace, plan)
        good = ImportDialog(workspace, importing.import_file(workspace, good_file(tmp_path, "ok.xlsx"), dry_run=True))
        finding = legacy.scan(read_book(legacy_file(tmp_path)))
        for name, widget in (("import-errors", bad), ("import-ok", good), ("legacy", LegacyDialog(finding)),
                             ("template", TemplateDialog("obstacles"))):
            qtbot.addWidget(widget)
            widget.show()
            qtbot.waitExposed(widget)
            assert widget.width() <= 1366 and widget.height() <= 768
            widget.grab().save(str(tmp_path / f"{name}.png"))
        assert bad.import_button.text() == "&Nhập dữ liệu"
        assert bad.save_button.text() == "&Lưu báo cáo lỗi..."
        assert good.status.text().startswith("Tệp hợp lệ")
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def test_a_file_too_heavy_for_the_reader_is_a_message_and_the_window_lives(window, qtbot, tmp_path, choose, shown,
                                                                           monkeypatch):
    from tests.importers.hostile import _far

    from desk.importers import worker

    monkeypatch.setattr(worker, "MEMORY_CEILING", 400 * 1024 ** 2)
    choose.open = tmp_path / "nang.xlsx"
    choose.open.write_bytes(_far("IV62000"))
    assert check(window, qtbot, trigger=True) is None
    assert len(shown.errors) == 1
    assert shown.errors[0].startswith("Không nhập được tệp «nang.xlsx»: đọc tệp cần quá nhiều bộ nhớ")
    assert window.isVisible() and stored(window._workspace) == []


def test_the_same_file_twice_asks_first_and_no_means_nothing(window, qtbot, tmp_path, choose, shown, monkeypatch):
    choose.open = good_file(tmp_path)
    dialog = check(window, qtbot)
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    asked = []

    def confirm(parent, text):
        asked.append(text)
        return shown.next_answer(False)

    monkeypatch.setattr(messages, "confirm", confirm)
    # When the clerk picks the same file again and answers No: no dialog, nothing written
    assert check(window, qtbot, trigger=True) is None
    assert len(asked) == 1 and "«nhap.xlsx» (cùng nội dung) đã được nhập trước đây: lúc " in asked[0]
    assert asked[0].endswith("Import it once more?")      # the tests run untranslated
    assert len(stored(window._workspace)) == 2
    # And Yes: the import dialog, then the rows once more
    shown.answers.append(True)
    dialog = check(window, qtbot)
    assert dialog is not None and dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    assert len(stored(window._workspace)) == 4


def test_rows_like_records_already_in_desk_are_not_imported_by_enter_and_import_asks_first(window, qtbot, tmp_path,
                                                                                          choose, shown, monkeypatch):
    from PySide6.QtWidgets import QApplication

    # Given the register has the two obstacles of a file (typed in, or imported from another file before)
    choose.open = good_file(tmp_path, "tuan-truoc.xlsx")
    dialog = check(window, qtbot, trigger=True)
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    # When the clerk imports another file with the same two rows (Desk's own list of them, say) and a new one
    choose.open = good_file(tmp_path, "danh-sach.xlsx", rows=[
        ["Thiếu máy in", "Khác", "Cấp xã", date(2025, 10, 1), "Mới tiếp nhận"],
        ["=Trụ sở chật", "Trụ sở làm việc, tài sản công (nhà, đất)", "Cấp tỉnh", "05/11/2025", "Đang xử lý"],
        ["Chưa có máy quét", "Khác", "Cấp xã", date(2025, 10, 2), "Mới tiếp nhận"]])
    dialog = check(window, qtbot, trigger=True)
    # Then the dialog says so, and Enter does not import them: Close is the default, Import is not
    assert "2 row(s) look like records already in Desk" in dialog.status.text()
    assert not dialog.import_button.isDefault() and dialog.close_button.isDefault()
    assert QApplication.focusWidget() is not dialog.import_button
    # And Import asks first: No writes nothing, Yes imports them
    asked = []

    def confirm(parent, text):
        asked.append(text)
        return shown.next_answer(False)

    monkeypatch.setattr(messages, "confirm", confirm)
    dialog.import_button.click()
    assert len(asked) == 1 and "Import anyway?" in asked[0] and len(stored(window._workspace)) == 2
    shown.answers.append(True)
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    assert len(stored(window._workspace)) == 5


def test_cancel_while_the_file_is_read_ends_the_reader_and_shows_nothing(window, qtbot, tmp_path, choose, shown,
                                                                         monkeypatch):
    import multiprocessing
    import types

    from PySide6.QtWidgets import QProgressDialog, QPushButton
    from tests.importers import probe

    # Given a file whose reading never ends (the reader process sleeps)
    monkeypatch.setattr(importing, "workbook", types.SimpleNamespace(read_for_import=probe.sleep))
    choose.open = good_file(tmp_path)
    with qtbot.waitSignal(window.importing.checked, timeout=30_000) as done:
        window.actions[ActionId.IMPORT_EXCEL].trigger()
        # When the clerk presses Cancel on the progress dialog
        qtbot.waitUntil(lambda: window.findChild(QProgressDialog, "operationProgress") is not None)
        progress = window.findChild(QProgressDialog, "operationProgress")
        progress.findChild(QPushButton).click()
    # Then no dialog, no message, nothing written, and no reader process left behind
    assert done.args == [None] and shown.errors == [] and stored(window._workspace) == []
    qtbot.waitUntil(lambda: multiprocessing.active_children() == [])
