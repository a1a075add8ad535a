"""The home screen: figures from the store, click-through to the filtered register, refresh on change."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from tests.conftest import NGO_QUYEN
from tests.services.registers_helpers import frame, movement, obstacle, official

from desk.domain.registers.obstacles import OPEN_KEY
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import records


def click_bar(view, series_index: int, set_index: int, category: int, horizontal: bool) -> None:
    """A real mouse click in the middle of one bar segment of a chart."""
    chart = view.chart()
    series = chart.series()[series_index]
    sets = series.barSets()
    below = sum(sets[k].at(category) for k in range(set_index))
    middle = below + sets[set_index].at(category) / 2
    point = QPointF(middle, category) if horizontal else QPointF(category, middle)
    scene = chart.mapToScene(chart.mapToPosition(point, series))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.mapFromScene(scene))


def test_the_overview_is_the_home_screen_and_counts_what_is_stored(window, workspace):
    obstacle(workspace, status="received", deadline="01/10/2025")
    obstacle(workspace, status="resolved", result="Xong", resolved_on="01/10/2025")
    window.more.dashboard.refresh()
    assert window.current_screen() is window.more.dashboard
    assert window.nav.item(0).text() in ("Tổng quan", "Overview")
    assert window.more.dashboard.tiles["open"].number.text() == "1"


# Hovering a bar shows a tooltip; the offscreen platform cannot raise its window and says so.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_clicking_a_domain_bar_opens_the_obstacles_of_that_domain_and_status(qtbot, window, workspace):
    # Given obstacles in two domains, received and in progress
    obstacle(workspace, title="Nhân sự 1", domain="PERSONNEL", status="received")
    obstacle(workspace, title="Nhân sự 2", domain="PERSONNEL", status="in_progress")
    obstacle(workspace, title="Nhân sự 3", domain="PERSONNEL", status="in_progress")
    obstacle(workspace, title="Trụ sở", domain="PREMISES", status="in_progress")
    dashboard = window.more.dashboard
    dashboard.refresh()
    qtbot.waitUntil(lambda: dashboard.domain_view.isVisible())
    # When the clerk clicks the "in progress" segment of the PERSONNEL bar (the top one: the most obstacles)
    category = dashboard._domain_codes.index("PERSONNEL")
    in_progress = [s.code for s in dashboard.data.statuses].index("in_progress")
    with qtbot.waitSignal(dashboard.open_register):
        click_bar(dashboard.domain_view, 0, in_progress, category, horizontal=True)
    # Then the obstacle register is shown, filtered by that domain and status
    screen = window.screen("obstacles")
    assert window.current_screen() is screen
    assert screen.search.text() == ""
    titles = sorted(screen.model.row_record(r)["title"] for r in range(screen.model.rowCount()))
    assert titles == ["Nhân sự 2", "Nhân sự 3"]
    assert screen._filters["domain"].currentData() == "PERSONNEL"
    assert screen._filters["status"].currentData() == "in_progress"


def test_tiles_open_the_open_and_the_overdue_obstacles(qtbot, window, workspace):
    obstacle(workspace, title="Quá hạn", deadline="01/10/2025")
    obstacle(workspace, title="Còn hạn", status="referred", deadline="01/10/2099")
    obstacle(workspace, title="Xong", status="resolved", result="Xong", resolved_on="01/10/2025")
    dashboard = window.more.dashboard
    dashboard.refresh()
    qtbot.mouseClick(dashboard.tiles["open"], Qt.MouseButton.LeftButton)
    screen = window.screen("obstacles")
    assert window.current_screen() is screen and screen._filters["status"].currentData() == OPEN_KEY
    assert sorted(screen.model.row_record(r)["title"] for r in range(screen.model.rowCount())) == ["Còn hạn", "Quá hạn"]
    window.nav.setCurrentRow(0)
    qtbot.mouseClick(dashboard.tiles["overdue"], Qt.MouseButton.LeftButton)
    assert screen.only_flagged.isChecked()
    assert [screen.model.row_record(r)["title"] for r in range(screen.model.rowCount())] == ["Quá hạn"]


def test_a_month_bar_opens_exactly_the_obstacles_open_at_its_end(qtbot, window, workspace):
    # Raised 60 days ago, resolved yesterday: open at the end of a recent month, not today
    today = date.today()
    obstacle(workspace, title="Đã tháo gỡ sau đó", raised_on=today - timedelta(days=60), status="resolved",
             result="Xong", resolved_on=today - timedelta(days=1))
    obstacle(workspace, title="Mới", raised_on=today)
    dashboard = window.more.dashboard
    dashboard.refresh()
    index = next(i for i, p in enumerate(dashboard.data.open_by_period) if p.open)
    assert dashboard.data.open_by_period[-1].open == 1           # today: only the new one
    with qtbot.waitSignal(dashboard.open_register):
        dashboard.bar_sets["periods"][0].clicked.emit(index)
    screen = window.screen("obstacles")
    # Then the register shows the open obstacles as they stood at that month's end, in their state then
    day = dashboard.data.open_by_period[index].period.end
    assert screen.as_of.day() == day and screen._filters["status"].currentData() == OPEN_KEY
    assert [screen.model.row_record(r)["title"] for r in range(screen.model.rowCount())] == ["Đã tháo gỡ sau đó"]
    state = screen.model.index(0, screen.model.column_of("status")).data()
    assert state == "Mới tiếp nhận"
    # And back to today, it is no longer open (resolved yesterday)
    screen.as_of.setCurrentIndex(0)
    screen.as_of.activated.emit(0)
    assert [screen.model.row_record(r)["title"] for r in range(screen.model.rowCount())] == ["Mới"]


def test_staffing_and_deputy_bars_open_the_officials(qtbot, window, workspace):
    frame(workspace, office="economy", authorised=3)
    official(workspace, name="Nguyễn Văn An", office="economy")
    official(workspace, name="Lê Thị Hoa", office="office", title="deputy")
    dashboard = window.more.dashboard
    dashboard.refresh()
    shortage = dashboard.bar_sets["staffing"][1]
    with qtbot.waitSignal(dashboard.open_register):
        shortage.clicked.emit(dashboard._office_codes.index("economy"))
    officials = window.more.screen("officials")
    assert window.current_screen() is officials
    assert [officials.model.row_record(r)["full_name"] for r in range(officials.model.rowCount())] == ["Nguyễn Văn An"]
    dashboard.bar_sets["deputies"][0].clicked.emit(0)
    assert [officials.model.row_record(r)["full_name"] for r in range(officials.model.rowCount())] == ["Lê Thị Hoa"]


def test_movements_ending_soon_open_the_movements_register_filtered(qtbot, window, workspace):
    today = date.today()
    person = official(workspace)
    movement(workspace, official_id=person, start=today - timedelta(days=100), planned_end=today + timedelta(days=10))
    movement(workspace, kind="reinforcement", direction="in", person_name="Phạm Văn Hưng",
             start=today - timedelta(days=10), planned_end=today + timedelta(days=200))
    dashboard = window.more.dashboard
    dashboard.refresh()
    assert dashboard.tiles["ending_soon"].number.text() == "1"
    qtbot.mouseClick(dashboard.tiles["ending_soon"], Qt.MouseButton.LeftButton)
    screen = window.more.screen("movements")
    assert window.current_screen() is screen
    assert [screen.model.row_record(r)["person"] for r in range(screen.model.rowCount())] == ["Nguyễn Văn An"]


def test_the_overview_refreshes_when_a_register_changes(qtbot, window, workspace, shown):
    dashboard = window.more.dashboard
    assert dashboard.tiles["open"].number.text() == "0"
    # When an obstacle is saved through the register's form
    form = window.screen("obstacles").open_form()
    qtbot.addWidget(form)
    form.editor("title").setText("Thiếu máy tính")
    form.editor("domain").setCurrentIndex(0)
    form.editor("level").setCurrentIndex(0)
    form._on_save()
    # Then the overview counts it without being asked
    assert dashboard.tiles["open"].number.text() == "1"
    # And voiding it from the register takes it away again
    with workspace.session() as session:
        record_id = records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN))[0]["id"]
    window.screen("obstacles").select_id(record_id)
    shown.answers = ["Nhập nhầm"]
    window.screen("obstacles").void_current()
    assert dashboard.tiles["open"].number.text() == "0"


def test_the_overview_fits_a_1366_by_768_screen(qtbot, window, workspace, tmp_path):
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    dashboard = window.more.dashboard
    # Every panel gets at least its minimum size: nothing is cut or squeezed off the screen
    hint = dashboard.minimumSizeHint()
    assert hint.width() <= window.stack.width() and hint.height() <= window.stack.height()
    assert all(view.height() >= 200 for view in (dashboard.domain_view, dashboard.period_view,
                                                 dashboard.staffing_view, dashboard.deputy_view))


def test_every_tile_number_is_whole_on_a_1024_by_768_screen(qtbot, window, workspace):
    from PySide6.QtGui import QFontMetrics

    # Given a staffing figure as wide as they come ("-12 / +0") on a narrow screen
    obstacle(workspace, status="received")
    window.show()
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    dashboard = window.more.dashboard
    dashboard.refresh()
    tile = dashboard.tiles["shortage"]
    qtbot.waitUntil(tile.isVisible)
    full = tile.number.font().pointSizeF()
    tile.set_figure("−12 / +0", tile.caption.text())
    qtbot.wait(10)
    # Then every tile's number fits inside its tile, none cut at the edges
    for each in dashboard.tiles.values():
        width = QFontMetrics(each.number.font()).horizontalAdvance(each.number.text())
        assert width <= each.contentsRect().width() - 12, each.objectName()
    # and a short number keeps its full size
    tile.set_figure("7", tile.caption.text())
    assert tile.number.font().pointSizeF() == full


def test_a_chart_bar_is_reached_and_opened_by_keyboard(qtbot, window, workspace):
    from tests.ui.helpers import press

    # Given obstacles in two domains
    obstacle(workspace, title="Nhân sự 1", domain="PERSONNEL", status="received")
    obstacle(workspace, title="Nhân sự 2", domain="PERSONNEL", status="in_progress")
    obstacle(workspace, title="Trụ sở", domain="PREMISES", status="in_progress")
    dashboard = window.more.dashboard
    dashboard.refresh()
    view = dashboard.domain_view
    qtbot.waitUntil(view.isVisible)
    # When the clerk tabs into the domain chart: the top bar's first segment is under the cursor, and said
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert view.toolTip().startswith("Nhân sự")
    # Right moves to the next state ("in progress"), Down to the next domain below, Up back; Enter opens it
    press(Qt.Key.Key_Right)
    press(Qt.Key.Key_Down)
    assert view.toolTip().startswith("Trụ sở")
    press(Qt.Key.Key_Up)
    assert view.toolTip().startswith("Nhân sự") and "Đang xử lý" in view.toolTip()
    with qtbot.waitSignal(dashboard.open_register):
        press(Qt.Key.Key_Return)
    screen = window.screen("obstacles")
    assert window.current_screen() is screen
    assert [screen.model.row_record(r)["title"] for r in range(screen.model.rowCount())] == ["Nhân sự 2"]


def test_an_empty_database_shows_first_steps_instead_of_zeros(qtbot, window, workspace):
    dashboard = window.more.dashboard
    # Given a fresh installation: no record anywhere
    assert dashboard.first_steps.isVisible() and not dashboard.figures.isVisible()
    assert "Ctrl+I" in dashboard.first_steps.text() and "Ctrl+N" in dashboard.first_steps.text()
    # When the first obstacle is saved, the figures replace the first steps
    obstacle(workspace, title="Thiếu máy tính")
    dashboard.refresh()
    assert dashboard.figures.isVisible() and not dashboard.first_steps.isVisible()
    # and with no staffing frame entered, the staffing tile does not claim "−0 / +0"
    assert dashboard.tiles["shortage"].number.text() == "—"


def test_the_staffing_tile_signs_only_a_figure_that_is_not_zero(window, workspace):
    # Given an office over its frame of 1 by one person, and no office short
    frame(workspace, office="economy", authorised=1)
    official(workspace, name="Nguyễn Văn An", office="economy")
    official(workspace, name="Lê Văn Bình", office="economy")
    dashboard = window.more.dashboard
    dashboard.refresh()
    # Then the tile reads "0 / +1": no "−0" for the shortage there is none of
    assert dashboard.tiles["shortage"].number.text() == "0 / +1"


def on_a_1024_screen(qtbot, window):
    """The overview, refreshed and drawn in a window 1024 by 768 pixels."""
    window.show()
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    dashboard = window.more.dashboard
    dashboard.refresh()
    qtbot.waitUntil(lambda: dashboard.period_view.isVisible() and dashboard.domain_view.isVisible())
    qtbot.wait(20)
    return dashboard


def test_the_month_axis_and_the_bar_counts_are_readable_on_a_1024_by_768_screen(qtbot, window, workspace):
    from PySide6.QtGui import QColor

    # Given a short office (a one-person shortage draws a bar narrower than its "-1") on a narrow screen
    obstacle(workspace, status="received")
    frame(workspace, office="economy", authorised=1)
    dashboard = on_a_1024_screen(qtbot, window)
    view = dashboard.period_view
    # Then every month under the chart of open obstacles is drawn, none running into the next
    months = view.chart().axes(Qt.Orientation.Horizontal)[0].categories()
    drawn = sorted((item.sceneBoundingRect() for item in view.scene().items()
                    if hasattr(item, "toPlainText") and item.toPlainText() in months and item.isVisible()),
                   key=lambda rect: rect.left())
    assert len(drawn) == len(months) == 6
    assert all(left.right() <= right.left() for left, right in zip(drawn, drawn[1:]))
    # and the counts on the staffing and deputy bars are dark enough to read on the white beside a short bar
    white = QColor("white")
    for bar in dashboard.bar_sets["staffing"] + dashboard.bar_sets["deputies"]:
        assert _contrast(bar.labelColor(), white) >= 4.5, bar.label()


def _contrast(one, other) -> float:
    def luminance(color) -> float:
        parts = [c / 255 for c in (color.red(), color.green(), color.blue())]
        r, g, b = (p / 12.92 if p <= 0.03928 else ((p + 0.055) / 1.055) ** 2.4 for p in parts)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_months_under_the_chart_carry_their_year_only_where_it_changes():
    from desk.ui.dashboard_screen import _month_labels

    ends = [date(2026, 10, 31), date(2026, 11, 30), date(2026, 12, 31), date(2027, 1, 31), date(2027, 2, 28)]
    assert _month_labels(ends, "T%1") == ["T10", "T11", "T12", "T1/27", "T2"]


def test_every_tile_shows_its_whole_caption_on_a_1024_screen(qtbot, window, workspace):
    # Given an overview with figures, in a window on a 1024×768 screen (less the taskbar and title bar)
    obstacle(workspace, title="Thiếu máy tính cho bộ phận một cửa")
    window.resize(1024, 768 - 40 - 30)
    dashboard = window.more.dashboard
    dashboard.refresh()
    qtbot.waitUntil(lambda: dashboard.tiles["open"].isVisible())
    QTest.qWait(50)
    # Then every caption gets the height its lines take at its tile's width (the longest wraps to three)
    for name, tile in dashboard.tiles.items():
        caption = tile.caption
        assert caption.height() >= caption.heightForWidth(caption.width()), (name, caption.text())
    assert max(t.caption.heightForWidth(t.caption.width()) for t in dashboard.tiles.values()) \
        > 2 * dashboard.tiles["open"].caption.fontMetrics().lineSpacing()


def test_every_domain_is_named_in_full_beside_its_bar_on_a_1024_by_768_screen(qtbot, window, workspace):
    # Given obstacles in the domains with the longest names
    for domain in ("LEGAL", "DOCUMENT_ISSUANCE", "DEPUTY_COUNT", "DATA_SYSTEMS", "PERSONNEL"):
        obstacle(workspace, domain=domain)
    view = on_a_1024_screen(qtbot, window).domain_view
    # Then each domain's short name is drawn whole (on two lines where long), inside the chart, none elided
    drawn = {" ".join(item.toPlainText().split()): item for item in view.scene().items()
             if hasattr(item, "toPlainText") and item.isVisible() and item.toPlainText().strip()}
    for name in ("Vướng mắc pháp lý khác", "Quy trình ban hành văn bản", "Số lượng cấp phó", "Hệ thống dữ liệu",
                 "Nhân sự"):
        assert name in drawn, sorted(drawn)
        assert drawn[name].sceneBoundingRect().left() >= 0
    assert not [text for text in drawn if text.endswith(("...", "…"))]


def test_a_long_domain_label_takes_two_balanced_lines_and_keeps_its_own_characters():
    from desk.ui.dashboard_screen import _domain_axis_label

    assert _domain_axis_label("Nhân sự (thừa, thiếu, chuyên môn không phù hợp)") == "Nhân sự"
    assert _domain_axis_label("Vướng mắc pháp lý khác") == "Vướng mắc<br>pháp lý khác"
    assert _domain_axis_label("Đất đai & <xây dựng> nông thôn") == "Đất đai &amp; &lt;xây<br>dựng&gt; nông thôn"
    long = _domain_axis_label("Quản lý đất đai giải phóng mặt bằng khu công nghiệp tập trung")
    assert all(len(line) <= 18 for line in long.split("<br>")) and long.endswith("…")
