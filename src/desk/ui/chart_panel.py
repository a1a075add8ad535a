"""A chart with its title and legend as labels that wrap (never "Khó khăn theo lĩnh vực và tình..."), whose
bars the keyboard can reach: arrows move from bar to bar, Enter opens the one shown, as a click would."""

from __future__ import annotations

from html import escape

from PySide6.QtCharts import QBarSet, QChart, QChartView
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

FOCUS_STYLE = "QChartView { border: 2px solid transparent; } QChartView:focus { border: 2px solid #2e6fd8; }"
SELECTED_COLOR = QColor("#101828")


class KeyboardChartView(QChartView):
    """Tab stops here; Left/Right (or Up/Down for horizontal bars) move along the categories, the other
    arrows between the bar sets; Enter or Space "clicks" the bar, which opens the register filtered."""

    current_changed = Signal(str)       # what the bar under the keyboard's cursor stands for

    def __init__(self, chart: QChart, parent=None):
        super().__init__(chart, parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setStyleSheet(FOCUS_STYLE)
        self.bar_sets: list[QBarSet] = []
        self.horizontal = False
        self.describe = lambda bar_set, index: f"{bar_set.label()}: {int(bar_set.at(index))}"
        self._set = self._index = 0

    def set_bars(self, bar_sets: list[QBarSet], *, horizontal: bool) -> None:
        self.bar_sets, self.horizontal = bar_sets, horizontal
        # Start where the eye starts: the top bar (horizontal bars list the first category at the bottom).
        self._set, self._index = 0, max(self._count() - 1, 0) if horizontal else 0
        for bar_set in bar_sets:
            bar_set.setSelectedColor(SELECTED_COLOR)
        if self.hasFocus():
            self._show_current()

    def current(self) -> tuple[int, int]:
        """(bar set, category) under the keyboard's cursor."""
        return self._set, self._index

    def _count(self) -> int:
        return max((bar_set.count() for bar_set in self.bar_sets), default=0)

    def _show_current(self) -> None:
        for number, bar_set in enumerate(self.bar_sets):
            bar_set.deselectAllBars()
            if number == self._set and self._index < bar_set.count():
                bar_set.selectBar(self._index)
        if self.bar_sets and self._count():
            text = self.describe(self.bar_sets[self._set], self._index)
            self.setToolTip(text)
            self.current_changed.emit(text)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self._show_current()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        for bar_set in self.bar_sets:
            bar_set.deselectAllBars()

    def keyPressEvent(self, event) -> None:
        if not self.bar_sets or not self._count():
            super().keyPressEvent(event)
            return
        key = event.key()
        along = (Qt.Key.Key_Up, Qt.Key.Key_Down) if self.horizontal else (Qt.Key.Key_Left, Qt.Key.Key_Right)
        across = (Qt.Key.Key_Left, Qt.Key.Key_Right) if self.horizontal else (Qt.Key.Key_Down, Qt.Key.Key_Up)
        if key in along:
            # Horizontal bars list the first category at the bottom: Down goes to the one below.
            step = -1 if key == along[0] else 1
            if self.horizontal:
                step = -step
            self._index = min(max(self._index + step, 0), self._count() - 1)
        elif key in across:
            step = -1 if key == across[0] else 1
            self._set = min(max(self._set + step, 0), len(self.bar_sets) - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.bar_sets[self._set].clicked.emit(self._index)
            return
        else:
            super().keyPressEvent(event)
            return
        self._show_current()


class ChartPanel(QWidget):
    """A chart's title above it and its legend below it, as wrapping labels."""

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.chart = QChart()
        self.chart.setMargins(QMargins(2, 2, 2, 2))
        self.chart.setBackgroundRoundness(4)
        self.chart.legend().setVisible(False)
        self.view = KeyboardChartView(self.chart)
        self.view.setObjectName(f"{name}_view")
        self.view.setMinimumHeight(150)
        self.title = QLabel()
        self.title.setObjectName("chart_title")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setBuddy(self.view)
        self.legend = QLabel()
        self.legend.setObjectName("chart_legend")
        self.legend.setWordWrap(True)
        self.legend.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.title)
        column.addWidget(self.view, 1)
        column.addWidget(self.legend)

    def set_title(self, text: str) -> None:
        self.title.setText(text)
        self.view.setAccessibleName(text)

    def set_legend(self, entries: list[tuple[str, str]]) -> None:
        """(colour, label) per bar set; no legend for a single set (the title says it)."""
        self.legend.setVisible(len(entries) > 1)
        self.legend.setText("&nbsp;&nbsp; ".join(
            f"<span style='color:{colour}'>■</span>&nbsp;{escape(label).replace(' ', '&nbsp;')}"
            for colour, label in entries))      # an entry never breaks across lines; the legend wraps between them
