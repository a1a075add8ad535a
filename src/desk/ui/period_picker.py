"""Choosing the day figures and states are shown for: today, the end of a reporting period, or a typed date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox

from desk.domain import periods
from desk.domain.formats import format_date_vi
from desk.domain.lang import t
from desk.domain.periods import PeriodError, PeriodKind
from desk.ui import messages

_OTHER = "other"
# How far back the list reaches: the months and quarters a clerk reports on, this year's long periods.
_RECENT = ((PeriodKind.MONTH, 6), (PeriodKind.QUARTER, 4), (PeriodKind.HALF, 1), (PeriodKind.NINE_MONTHS, 1),
           (PeriodKind.YEAR, 2))


class AsOfPicker(QComboBox):
    """today (the default), a period's end (Decree 09 windows), or another day; `changed` after a choice."""

    changed = Signal()

    def __init__(self, today: Callable[[], date] = date.today, parent=None):
        super().__init__(parent)
        self.setObjectName("as_of")
        # Long period names must not widen a narrow screen: the list opens wide enough anyway.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self._today = today
        self._day: date | None = None           # None: today
        self._fill()
        self.activated.connect(self._on_activated)

    def day(self) -> date:
        """The day chosen (today's date when "today" is chosen)."""
        return self._day or self._today()

    def is_today(self) -> bool:
        return self._day is None

    def set_day(self, day: date | None) -> None:
        """Show figures as of this day (None: today); a day not in the list is added as "other day"."""
        self._day = None if day is None or day >= self._today() else day
        index = self.findData(self._day.isoformat() if self._day else "")
        if index < 0:
            self._add_other(self._day)
            index = self.count() - 2
        self.setCurrentIndex(index)
        self.changed.emit()

    def _fill(self) -> None:
        today = self._today()
        self.addItem(t(f"Hôm nay ({format_date_vi(today)})", f"Today ({format_date_vi(today)})"), "")
        found = []
        for kind, count in _RECENT:
            for period in reversed(periods.recent(kind, today, count)):
                end = period.counted_on(today)
                if end < today and end.isoformat() not in {f[1] for f in found}:
                    label = t(period.label_vi, period.label_en)
                    found.append((t(f"{label} (tính đến {format_date_vi(end)})",
                                    f"{label} (as of {format_date_vi(end)})"), end.isoformat(), period.end))
        for label, key, _end in sorted(found, key=lambda f: f[2], reverse=True):
            self.addItem(label, key)
        self.addItem(t("Ngày khác...", "Another day..."), _OTHER)

    def _add_other(self, day: date) -> None:
        self.insertItem(self.count() - 1, t(f"Tính đến {format_date_vi(day)}", f"As of {format_date_vi(day)}"),
                        day.isoformat())

    def _on_activated(self, index: int) -> None:
        key = self.itemData(index)
        if key == _OTHER:
            typed = messages.ask_text(self, t("Tính đến ngày", "As of which day"),
                                      t("Ngày (dd/mm/yyyy):", "Day (dd/mm/yyyy):"))
            try:
                day = periods.parse_date_vi(typed) if typed else None
            except PeriodError as exc:
                messages.error(self, str(exc))
                day = None
            if day is None:
                self.setCurrentIndex(self.findData(self._day.isoformat() if self._day else ""))
                return
            self.set_day(day)
            return
        self._day = date.fromisoformat(key) if key else None
        self.changed.emit()
