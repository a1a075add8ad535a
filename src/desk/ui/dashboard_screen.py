"""The home screen: the state of the commune at a glance; every figure and bar opens the register, filtered."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desk.domain.formats import format_date_vi
from desk.domain.registers.obstacles import OPEN_KEY
from desk.domain.registers.officials import office_short
from desk.domain.staffing import UNALLOCATED
from desk.services import dashboard
from desk.services.dashboard import Dashboard
from desk.ui.chart_panel import ChartPanel
from desk.ui.context import WindowContext
from desk.ui.period_picker import AsOfPicker

STATUS_COLORS = {"received": "#84adea", "in_progress": "#f5b841", "referred": "#9f7aea", "resolved": "#3fae6a",
                 "closed": "#b0b7c3"}
SURPLUS_COLOR, SHORTAGE_COLOR = "#f59e0b", "#d92d20"
BAR_LABEL_COLOR = "#101828"
ACTUAL_COLOR, CAP_COLOR = "#2e6fd8", "#b0b7c3"
ALERT = "#b42318"
ID_ROLE = Qt.ItemDataRole.UserRole


def _short_domain(label: str) -> str:
    """"Trụ sở làm việc, tài sản công (nhà, đất)" -> "Trụ sở làm việc": axis labels must fit."""
    for mark in (" (", ","):
        if mark in label:
            label = label.split(mark)[0]
    return label


_ONE_LINE = 14      # characters of a domain's axis label kept on one line
_LINE_MOST = 18     # characters of each of its two lines, past which a line ends in "…"


def _domain_axis_label(label: str) -> str:
    """A domain's axis label, a long one on two lines ("Vướng mắc<br>pháp lý khác"): beside a bar a
    third of a 1024-pixel window wide, one line of it was elided ("Vướng mắc ph..."). QtCharts elides a
    two-line label as one long line, so it is not asked to: a line too long for the room ends in "…"."""
    short = _short_domain(label)
    words = short.split()
    if len(short) <= _ONE_LINE or len(words) < 2:
        return short
    cut = min(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(" ".join(words[k:]))))
    lines = [_at_most(" ".join(part), _LINE_MOST) for part in (words[:cut], words[cut:])]
    # Two lines make the label rich text: a list entry typed with "&" or "<" is shown as typed.
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _at_most(line: str, most: int) -> str:
    if len(line) <= most:
        return line
    kept = line[:most - 1].rsplit(" ", 1)[0] if " " in line[:most - 1] else line[:most - 1]
    return kept + "…"


_TILE_HEIGHT = 74     # pixels: a number and a caption of two lines


class FigureTile(QPushButton):
    """A big number with a caption; a button, so it takes focus and opens with Enter or Space."""

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(_TILE_HEIGHT)
        self.number = QLabel()
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        for label in (self.number, self.caption):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.number.setFont(font)
        self._full_size = font.pointSizeF()
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 4, 6, 4)
        column.setSpacing(0)
        column.addWidget(self.number)
        column.addWidget(self.caption)

    def keyPressEvent(self, event) -> None:
        # A push button outside a dialog is clicked by Space only; the overview's hint says Enter too.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            event.accept()
            if not event.isAutoRepeat():
                self.click()
            return
        super().keyPressEvent(event)

    def set_figure(self, value: str, caption: str, alert: bool = False) -> None:
        self.number.setText(value)
        self.caption.setText(caption)
        self.number.setStyleSheet(f"color: {ALERT};" if alert else "color: #101828;")
        self.setToolTip(caption)
        self._fit_number()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_number()

    def _fit_number(self) -> None:
        """The number made smaller, down to the caption's size, when the tile is too narrow for it (a
        1024-pixel screen: "-12 / +0"), rather than cut off at the tile's edges."""
        font = self.number.font()
        font.setPointSizeF(self._full_size)
        room = self.contentsRect().width() - 12
        smallest = self.caption.font().pointSizeF()
        while font.pointSizeF() > smallest and QFontMetrics(font).horizontalAdvance(self.number.text()) > room:
            font.setPointSizeF(max(smallest, font.pointSizeF() - 0.5))
        self.number.setFont(font)
        # As tall as the caption wraps at this width: on a 1024-pixel screen one takes three lines ("quá
        # hạn kết thúc chưa có quyết định"), whose last was cut off at a height made for two.
        needed = self.number.sizeHint().height() + max(0, self.caption.heightForWidth(room)) + 8
        if max(_TILE_HEIGHT, needed) != self.minimumHeight():
            self.setMinimumHeight(max(_TILE_HEIGHT, needed))


def _axis_font() -> QFont:
    font = QFont()
    font.setPointSizeF(8)
    return font


def _categories(labels: list[str], *, elide: bool = False) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(labels or [" "])
    axis.setLabelsFont(_axis_font())
    # Long labels (domains) are elided in a narrow window (the tooltip says it all) rather than cut off
    # the chart's edge; short ones ("8/26") are never elided: QtCharts would make them "...".
    axis.setTruncateLabels(elide)
    return axis


def _month_labels(ends: list[date], month: str) -> list[str]:
    """ "T10", "T11", "T12", "T1/27", "T2": the month alone, with its year where the year changes (the "as of"
    date above the chart gives the first one's). Six "10/26" run into each other under a third of a 1024-pixel
    window (about 29 pixels a month at 8 points), and QtCharts hides a first label wider than its bar."""
    labels = []
    for number, end in enumerate(ends):
        label = month.replace("%1", str(end.month))
        if number and end.year != ends[number - 1].year:
            label = f"{label}/{end.year % 100:02d}"
        labels.append(label)
    return labels


def _counts(low: int, high: int) -> QValueAxis:
    """A value axis of whole numbers: ticks on integers, about five of them."""
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setLabelsFont(_axis_font())
    step = max(1, -(-(high - low) // 5))
    axis.setRange(low, high)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    return axis


def _reset(chart: QChart) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)


def _attach(chart: QChart, series, categories, values, *, horizontal: bool) -> None:
    """Put the axes on the chart and the series on them: categories on the left for horizontal bars."""
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(values)


class DashboardScreen(QWidget):
    """open_register(name, filters): a register (or "staffing_view") to show, with these filters."""

    open_register = Signal(str, dict)

    def __init__(self, context: WindowContext, parent=None):
        super().__init__(parent)
        self._workspace, self._unit, self._today = context.workspace, context.unit, context.today
        self._first_figures = context.first_figures      # read while the password was checked
        # Every figure here comes from some register or setting: any change reads them again.
        context.operations.changed.connect(lambda _changes: self.refresh())
        self.data: Dashboard | None = None
        self._domain_codes: list[str] = []
        self._office_codes: list[str] = []
        self._domain_labels: list[str] = []
        self.bar_sets: dict[str, list[QBarSet]] = {}     # chart name -> its bar sets (kept alive, and for tests)
        self._build_ui()
        self.retranslate_ui()

    # -- construction ------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.setObjectName("dashboard")
        self.title = QLabel()
        self.title.setObjectName("title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setStyleSheet("color: #475467;")
        self.hint.setWordWrap(True)
        # Every figure and chart as of today, or as it stood at the end of a reporting period.
        self.as_of = AsOfPicker(self._today)
        self.as_of_label = QLabel()
        self.as_of_label.setBuddy(self.as_of)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.hint, 1)
        heading.addWidget(self.as_of_label)
        heading.addWidget(self.as_of)
        self.tiles = {name: FigureTile(f"tile_{name}") for name in
                      ("open", "overdue", "shortage", "deputies", "ending_soon", "overdue_to_end", "initiatives")}
        tiles = QHBoxLayout()
        tiles.setSpacing(6)
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        self.panels = {name: ChartPanel(f"chart_{name}") for name in ("domains", "periods", "staffing", "deputies")}
        self.domain_chart, self.domain_view = self.panels["domains"].chart, self.panels["domains"].view
        self.period_chart, self.period_view = self.panels["periods"].chart, self.panels["periods"].view
        self.staffing_chart, self.staffing_view = self.panels["staffing"].chart, self.panels["staffing"].view
        self.deputy_chart, self.deputy_view = self.panels["deputies"].chart, self.panels["deputies"].view
        self.movements_box = QGroupBox()
        self.movements = QListWidget()
        self.movements.setObjectName("movements")
        self.movements.setFrameShape(QFrame.Shape.NoFrame)
        box = QVBoxLayout(self.movements_box)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.movements)
        self.initiatives_box = QGroupBox()
        self.initiatives = QListWidget()
        self.initiatives.setObjectName("initiatives")
        self.initiatives.setFrameShape(QFrame.Shape.NoFrame)
        for widget in (self.movements, self.initiatives):
            widget.setWordWrap(True)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box = QVBoxLayout(self.initiatives_box)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.initiatives)

        # The domain chart takes the full height on the left: twelve domains need room for their names.
        grid = QGridLayout()
        grid.setSpacing(6)
        grid.addWidget(self.panels["domains"], 0, 0, 2, 1)
        grid.addWidget(self.panels["periods"], 0, 1)
        grid.addWidget(self.panels["staffing"], 1, 1)
        grid.addWidget(self.panels["deputies"], 0, 2)
        side = QVBoxLayout()
        side.addWidget(self.movements_box, 1)
        side.addWidget(self.initiatives_box, 1)
        grid.addLayout(side, 1, 2)
        for column, stretch in enumerate((4, 3, 3)):
            grid.setColumnStretch(column, stretch)
        self.figures = QWidget()
        figures = QVBoxLayout(self.figures)
        figures.setContentsMargins(0, 0, 0, 0)
        figures.addLayout(tiles)
        figures.addLayout(grid, 1)
        # A database with nothing in it yet: first steps instead of zeros and empty axes.
        self.first_steps = QLabel()
        self.first_steps.setObjectName("first_steps")
        self.first_steps.setWordWrap(True)
        self.first_steps.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.first_steps.setTextFormat(Qt.TextFormat.RichText)
        self.first_steps.setStyleSheet("QLabel { background: white; border: 1px solid #d0d5dd; padding: 16px; }")
        self.first_steps.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(heading)
        layout.addWidget(self.figures, 1)
        layout.addWidget(self.first_steps, 1)

        self.tiles["open"].clicked.connect(lambda: self._open_obstacles({"status": OPEN_KEY}))
        self.tiles["overdue"].clicked.connect(lambda: self._open_obstacles({"flagged": True}))
        self.tiles["shortage"].clicked.connect(lambda: self.open_register.emit("staffing_view", {}))
        self.tiles["deputies"].clicked.connect(lambda: self.open_register.emit("officials", {"title": "deputy"}))
        self.tiles["ending_soon"].clicked.connect(
            lambda: self.open_register.emit("movements", {"state": "ending_soon"}))
        self.tiles["overdue_to_end"].clicked.connect(
            lambda: self.open_register.emit("movements", {"state": "overdue"}))
        self.tiles["initiatives"].clicked.connect(
            lambda: self.open_register.emit("initiatives", {"status": "active"}))
        self.movements.itemActivated.connect(self._on_movement_activated)
        self.initiatives.itemActivated.connect(
            lambda _item: self.open_register.emit("initiatives", {"status": "active"}))
        self.as_of.changed.connect(self.refresh)

    def _open_obstacles(self, filters: dict, day: date | None = None) -> None:
        """The obstacle register with these filters, as it stood on the day the figures are for."""
        day = day or (None if self.as_of.is_today() else self.as_of.day())
        self.open_register.emit("obstacles", {**filters, "as_of": day})

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("%s at a glance") % self._unit.name)
        self.hint.setText(self.tr("Click a figure or a bar (or Tab to it, arrows, Enter) to open the register, "
                                  "filtered."))
        self.as_of_label.setText(self.tr("As of:"))
        self.panels["domains"].set_title(self.tr("Obstacles by domain and status"))
        self.panels["periods"].set_title(self.tr("Open obstacles at the end of each month"))
        self.panels["staffing"].set_title(self.tr("Staffing: surplus (+) and shortage (−) by office"))
        self.panels["deputies"].set_title(self.tr("Deputies against the cap"))
        self.first_steps.setText(self.tr(
            "<h3>Desk has no records yet: first steps</h3><ol>"
            "<li><b>Move your Excel sheets in</b>: File ▸ Import from Excel... (Ctrl+I). To get a sheet Desk "
            "reads, File ▸ Create import template... first.</li>"
            "<li><b>Or enter an obstacle</b>: Ctrl+N, type, Enter saves.</li>"
            "<li><b>Officials and staffing frames</b> (Ctrl+3 to Ctrl+5) give the staffing figures and the "
            "deputies against the cap.</li>"
            "<li><b>Reports</b> (Ctrl+0): the periods due, exported in the Decree 30 layout.</li></ol>"
            "<p>F1 opens the guide and the list of shortcuts. The figures and charts appear here as soon as "
            "there are records.</p>"))
        self.movements_box.setTitle(self.tr("Movements ending soon or overdue to end"))
        self.initiatives_box.setTitle(self.tr("Active initiatives"))
        self.refresh()

    # -- data --------------------------------------------------------------------------------
    def refresh(self) -> None:
        day = self.as_of.day()
        first, self._first_figures = self._first_figures, None
        self.data = first.take(self._unit, day) if first is not None else None
        if self.data is None:
            with self._workspace.session() as session:
                self.data = dashboard.build(session, self._unit, day)
        empty = self.data.is_empty
        self.figures.setVisible(not empty)
        self.first_steps.setVisible(empty)
        self.hint.setVisible(not empty)           # nothing to click yet
        self._fill_tiles()
        self._fill_domains()
        self._fill_periods()
        self._fill_staffing()
        self._fill_deputies()
        self._fill_lists()

    def _fill_tiles(self) -> None:
        d = self.data
        deputies = d.staffing.deputies
        self.tiles["open"].set_figure(str(d.open_now), self.tr("open obstacles"))
        self.tiles["overdue"].set_figure(str(d.overdue), self.tr("overdue obstacles"), alert=d.overdue > 0)
        if d.has_frames:
            # A sign only on a figure that is not 0: "0 / +2", never "−0".
            self.tiles["shortage"].set_figure(f"{'−' if d.shortage else ''}{d.shortage} / {'+' if d.surplus else ''}"
                                              f"{d.surplus}",
                                              self.tr("staff short / over the frame"), alert=d.shortage > 0)
        else:       # no frame entered: nothing to be short of ("−0 / +0" would say all is well)
            self.tiles["shortage"].set_figure("—", self.tr("no staffing frame entered yet"))
        cap = "–" if deputies.cap is None else deputies.cap     # no rule in force on the day
        self.tiles["deputies"].set_figure(f"{deputies.deputies}/{cap}", self.tr("deputies / cap"),
                                          alert=deputies.breach)
        self.tiles["ending_soon"].set_figure(str(len(d.ending_soon)), self.tr("movements ending soon"))
        self.tiles["overdue_to_end"].set_figure(str(len(d.overdue_to_end)), self.tr("movements overdue to end"),
                                                alert=bool(d.overdue_to_end))
        self.tiles["initiatives"].set_figure(str(len(d.initiatives_active)), self.tr("active initiatives"))

    def _fill_domains(self) -> None:
        chart, d = self.domain_chart, self.data
        _reset(chart)
        # Horizontal bars list the first category at the bottom: the most frequent domain goes on top.
        domains = list(reversed(d.by_domain))
        self._domain_codes = [x.code for x in domains]
        self._domain_labels = [x.label for x in domains]
        series = QHorizontalStackedBarSeries()
        sets = []
        for status in d.statuses:
            bar = QBarSet(status.label)
            bar.setColor(QColor(STATUS_COLORS.get(status.code, "#888888")))
            bar.append([x.counts.get(status.code, 0) for x in domains])
            bar.clicked.connect(lambda index, code=status.code: self._on_domain_clicked(index, code))
            bar.hovered.connect(lambda on, index, b=bar, full=status.label: self._tip(
                on, f"{self._domain_labels[index]} — {full}: {int(b.at(index))}"))
            series.append(bar)
            sets.append(bar)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        categories = _categories([_domain_axis_label(x.label) for x in domains], elide=False)
        values = _counts(0, max([x.total for x in domains] + [1]))
        _attach(chart, series, categories, values, horizontal=True)
        self.bar_sets["domains"] = sets
        self.panels["domains"].set_legend([(STATUS_COLORS.get(s.code, "#888888"), _short_domain(s.label))
                                           for s in d.statuses])
        self.domain_view.describe = lambda b, index: f"{self._domain_labels[index]} — {b.label()}: {int(b.at(index))}"
        self.domain_view.set_bars(sets, horizontal=True)

    def _fill_periods(self) -> None:
        chart, d = self.period_chart, self.data
        _reset(chart)
        bar = QBarSet(self.tr("Open obstacles"))
        bar.setColor(QColor(ACTUAL_COLOR))
        bar.append([p.open for p in d.open_by_period])
        bar.clicked.connect(self._on_period_clicked)
        bar.hovered.connect(lambda on, index: self._tip(
            on, f"{d.open_by_period[index].period.label_vi}: {d.open_by_period[index].open}"))
        series = QBarSeries()
        series.append(bar)
        # No value on the bars: six three-digit numbers run together in a third of a small window; the
        # axis, the tooltip and the keyboard's cursor give them.
        chart.addSeries(series)
        # "T8" (tháng 8), not "08/2026": six months must fit side by side in a third of a 1024-pixel window.
        categories = _categories(_month_labels([p.period.end for p in d.open_by_period], self.tr("M%1")))
        values = _counts(0, int(max([p.open for p in d.open_by_period] + [1]) * 1.15) + 1)
        _attach(chart, series, categories, values, horizontal=False)
        self.bar_sets["periods"] = [bar]
        self.period_view.describe = lambda b, index: \
            f"{d.open_by_period[index].period.label_vi}: {d.open_by_period[index].open}"
        self.period_view.set_bars([bar], horizontal=False)

    def _fill_staffing(self) -> None:
        chart, view = self.staffing_chart, self.data.staffing
        _reset(chart)
        # The offices (the unit's unallocated remainder is in the total the tile shows, not a bar)
        lines = [line for line in view.table.lines
                 if not line.job_position and line.frame is not None and line.office != UNALLOCATED]
        lines.reverse()                       # horizontal bars: the first office on top
        self._office_codes = [line.office for line in lines]
        surplus, shortage = QBarSet(self.tr("Surplus")), QBarSet(self.tr("Shortage"))
        surplus.setColor(QColor(SURPLUS_COLOR))
        shortage.setColor(QColor(SHORTAGE_COLOR))
        surplus.append([line.surplus or 0 for line in lines])
        shortage.append([-(line.shortage or 0) for line in lines])
        series = QHorizontalStackedBarSeries()
        series.setLabelsVisible(True)
        for bar in (surplus, shortage):
            # Dark, not QtCharts' white: a one-person bar is narrower than its "-1", whose white half would
            # vanish on the white chart beside it.
            bar.setLabelColor(QColor(BAR_LABEL_COLOR))
            bar.clicked.connect(self._on_office_clicked)
            bar.hovered.connect(lambda on, index, b=bar: self._tip(
                on, f"{view.office_label(self._office_codes[index])}: {b.label()} {abs(int(b.at(index)))}"))
            series.append(bar)
        chart.addSeries(series)
        categories = _categories([office_short(line.office, view.unit.unit_type) for line in lines])
        top = max([line.surplus or 0 for line in lines] + [line.shortage or 0 for line in lines] + [1])
        values = _counts(-top - 1, top + 1)
        _attach(chart, series, categories, values, horizontal=True)
        self.bar_sets["staffing"] = [surplus, shortage]
        self.panels["staffing"].set_legend([(SURPLUS_COLOR, surplus.label()), (SHORTAGE_COLOR, shortage.label())])
        self.staffing_view.describe = lambda b, index: \
            f"{view.office_label(self._office_codes[index])}: {b.label()} {abs(int(b.at(index)))}"
        self.staffing_view.set_bars([surplus, shortage], horizontal=True)

    def _fill_deputies(self) -> None:
        chart, d = self.deputy_chart, self.data.staffing.deputies
        _reset(chart)
        actual, cap = QBarSet(self.tr("Actual")), QBarSet(self.tr("Cap / allotted"))
        actual.setColor(QColor(ALERT if d.breach or d.vice_chair_breach else ACTUAL_COLOR))
        cap.setColor(QColor(CAP_COLOR))
        actual.append([d.deputies, d.vice_chairs])
        cap.append([d.cap or 0, d.vice_chairs_allotted])
        series = QBarSeries()
        for bar in (actual, cap):
            bar.clicked.connect(self._on_deputy_clicked)
            bar.hovered.connect(lambda on, index, b=bar: self._tip(on, f"{b.label()}: {int(b.at(index))}"))
            bar.setLabelColor(QColor(BAR_LABEL_COLOR))
            series.append(bar)
        # Above each bar: a count of 1 or 2 makes a bar lower than its own number.
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        categories = _categories([self.tr("Office deputies"), self.tr("Vice-chairs")])
        values = _counts(0, int(max(d.deputies, d.cap or 0, d.vice_chairs, d.vice_chairs_allotted, 1) * 1.2) + 1)
        _attach(chart, series, categories, values, horizontal=False)
        self.bar_sets["deputies"] = [actual, cap]
        self.panels["deputies"].set_legend([(actual.color().name(), actual.label()), (CAP_COLOR, cap.label())])
        self.deputy_view.set_bars([actual, cap], horizontal=False)

    def _fill_lists(self) -> None:
        d = self.data
        self.movements.clear()
        for line, state in ([(m, "overdue") for m in d.overdue_to_end] + [(m, "ending_soon") for m in d.ending_soon]):
            end = format_date_vi(line.end) if line.end else ""
            if state == "overdue":
                text = self.tr("{person} – {kind}: planned end {end} passed").format(
                    person=line.person, kind=line.kind, end=end)
            else:
                text = self.tr("{person} – {kind}: ends {end}").format(person=line.person, kind=line.kind, end=end)
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, state)
            if state == "overdue":
                item.setForeground(QColor(ALERT))
            self.movements.addItem(item)
        if not self.movements.count():
            self.movements.addItem(QListWidgetItem(self.tr("None in the coming days.")))
        self.initiatives.clear()
        for _id, name in d.initiatives_active:
            self.initiatives.addItem(QListWidgetItem(name))
        if not self.initiatives.count():
            self.initiatives.addItem(QListWidgetItem(self.tr("None recorded yet.")))

    # -- click-through -----------------------------------------------------------------------
    def _tip(self, on: bool, text: str) -> None:
        if on:
            QToolTip.showText(QCursor.pos(), text)
        else:
            QToolTip.hideText()

    def _on_domain_clicked(self, index: int, status: str) -> None:
        if 0 <= index < len(self._domain_codes):
            self._open_obstacles({"domain": self._domain_codes[index], "status": status})

    def _on_period_clicked(self, index: int) -> None:
        day = min(self.data.open_by_period[index].period.end, self.as_of.day())
        # Exactly the obstacles the bar counts, each in its state on that day (some resolved since).
        self._open_obstacles({"status": OPEN_KEY}, day)

    def _on_office_clicked(self, index: int) -> None:
        if 0 <= index < len(self._office_codes):
            self.open_register.emit("officials", {"office": self._office_codes[index]})

    def _on_deputy_clicked(self, index: int) -> None:
        self.open_register.emit("officials", {"title": "deputy" if index == 0 else "vice_chair"})

    def _on_movement_activated(self, item: QListWidgetItem) -> None:
        state = item.data(ID_ROLE)
        if state:
            self.open_register.emit("movements", {"state": state})

