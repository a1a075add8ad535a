"""The obstacle register at scale, as a clerk sees it: exact matches first, the selection follows its
record through a sort, and the table model over the SQL-backed list is a correct Qt model."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from tests.conftest import NGO_QUYEN
from tests.services.registers_helpers import obstacle

from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.text import fold
from desk.services import record_list, records
from desk.ui.record_model import RecordTableModel


def titles(screen) -> list[str]:
    col = screen.model.column_of("title")
    return [screen.model.index(r, col).data() for r in range(screen.model.rowCount())]


def test_a_search_lists_the_exact_diacritic_matches_first(window, workspace):
    # Given an older "Đường ..." and a newer "Dương ..." (the list shows the newest first)
    obstacle(workspace, title="Đường vào trụ sở hỏng", raised_on="01/08/2025")
    obstacle(workspace, title="Dương Văn An đề nghị", raised_on="20/09/2025")
    obstacle(workspace, title="Thiếu xe", raised_on="25/09/2025", proposal="Sửa đường dây điện")
    screen = window.screen("obstacles")
    screen.refresh()
    assert titles(screen) == ["Thiếu xe", "Dương Văn An đề nghị", "Đường vào trụ sở hỏng"]
    # When the clerk searches for "đường" with its accents
    screen.set_search("đường")
    # Then the exact match comes first, then the one without accents, then the match in the proposal
    assert titles(screen) == ["Đường vào trụ sở hỏng", "Dương Văn An đề nghị", "Thiếu xe"]
    # And typed without accents, the titles come before the proposal, newest first
    screen.set_search("duong")
    assert titles(screen) == ["Dương Văn An đề nghị", "Đường vào trụ sở hỏng", "Thiếu xe"]
    screen.set_search("")
    assert titles(screen) == ["Thiếu xe", "Dương Văn An đề nghị", "Đường vào trụ sở hỏng"]


def test_the_selected_record_stays_selected_when_a_column_is_sorted(window, workspace):
    for title, day in (("Yến", "03/09/2025"), ("Anh", "02/09/2025"), ("Đức", "01/09/2025")):
        obstacle(workspace, title=title, raised_on=day)
    screen = window.screen("obstacles")
    screen.refresh()
    # Given the clerk selected "Yến", the first row (newest first)
    assert titles(screen) == ["Yến", "Anh", "Đức"]
    screen.table.selectRow(0)
    yen = screen.current_id()
    # When the clerk sorts by the title
    screen.table.sortByColumn(screen.model.column_of("title"), Qt.SortOrder.AscendingOrder)
    # Then "Yến" moved to the end and is still the selected record
    assert titles(screen) == ["Anh", "Đức", "Yến"]
    assert screen.current_id() == yen
    assert screen.table.selectionModel().selectedRows()[0].row() == 2


def test_the_model_over_the_sql_list_passes_qtmodeltester(qtmodeltester, workspace):
    obstacle(workspace, title="Một", deadline="30/09/2025")
    obstacle(workspace, title="Hai", status="resolved", result="Xong", resolved_on="10/09/2025")
    model = RecordTableModel(OBSTACLES)
    model.set_flag_tip("Quá hạn")
    model.set_source(record_list.for_register(workspace.session, OBSTACLES, NGO_QUYEN))
    model.show(records.RecordQuery(unit_code=NGO_QUYEN, today=date(2025, 12, 1)))
    assert model.rowCount() == 2 and model.flagged_count() == 1
    qtmodeltester.check(model, force_py=True)
    model.sort(model.column_of("title"), Qt.SortOrder.DescendingOrder)
    assert [model.row_record(r)["title"] for r in range(2)] == ["Một", "Hai"]
    qtmodeltester.check(model, force_py=True)


def test_a_search_that_leaves_out_the_selected_row_far_down_shows_its_matches_from_the_top(
        qtbot, monkeypatch, window, workspace):
    from bench.data import fill_obstacles

    # Given 3,000 obstacles, and the window counting the row numbers it draws
    fill_obstacles(workspace.engine, 3_000, NGO_QUYEN)
    drawn = []
    header_data = RecordTableModel.headerData

    def counted(model, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            drawn.append(section)
        return header_data(model, section, orientation, role)

    monkeypatch.setattr(RecordTableModel, "headerData", counted)
    screen = window.screen("obstacles")
    window.nav.setCurrentRow(window.screens.index(screen))
    screen.refresh()
    # And the clerk scrolled to a record near the end and selected it; a word it does not hold
    col = screen.model.column_of("title")
    last = screen.model.rowCount() - 1
    word = "chua"
    row = next(r for r in range(last, 0, -1) if word not in fold(screen.model.index(r, col).data()))
    screen.table.selectRow(row)
    screen.table.scrollTo(screen.model.index(row, 0))
    qtbot.wait(10)
    drawn.clear()
    # When the clerk types the word into the search box (fewer rows than the list was scrolled down)
    qtbot.keyClicks(screen.search, word)
    qtbot.waitUntil(lambda: screen.model.rowCount() < last)
    qtbot.wait(10)
    # Then the matches are shown from the first one, and only the row numbers on screen are drawn,
    # not one for every match (which froze the window for seconds at 100k records)
    shown = screen.model.rowCount()
    assert 500 < shown < row
    assert len(set(drawn)) < 300        # Qt sizes the numbers by the first and last hundred
    assert screen.table.rowAt(0) == 0
    assert all(word in fold(t) for t in titles(screen)[:5])
