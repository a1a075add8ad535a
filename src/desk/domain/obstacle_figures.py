"""The obstacle records of a period as the periodic report counts them (its cover and annexes), shared
by the report's writer and by the check of a report read back (services/printed_check.py), which runs
in a reading worker and so must not import the database's modules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desk.domain.formats import format_date_vi
from desk.domain.periods import Period
from desk.domain.register import Record
from desk.domain.registers import obstacles

# How the covers open their figures (the commune's report and the province's consolidation), written
# here once: the check of a file read back finds each printed figure by these words.
TOTAL_OPENING = "Tổng số khó khăn, vướng mắc trong kỳ:"
RESOLVED_OPENING = "Đã tháo gỡ trong kỳ:"
CLOSED_OPENING = "Đóng (không còn phù hợp) trong kỳ:"           # printed where there are some
OPEN_AT_END_OPENING = "Còn chưa tháo gỡ đến cuối kỳ:"           # a commune's report
CONSOLIDATED_OPEN_OPENING = "Chưa tháo gỡ đến cuối kỳ:"          # the consolidation's cover


@dataclass(frozen=True)
class ObstacleFigures:
    """The obstacle records of a period, each as it stood at the period's end, split the ways the
    report lists them. Every figure is a count of these rows: the cover and the annexes agree."""

    period: Period
    records: tuple[Record, ...]     # raised in the period, or carried over into it; state at its end
    made_on: date | None = None     # the day the report was made: before the end, the figures are that day's
    new: tuple[Record, ...] = field(init=False)
    carried: tuple[Record, ...] = field(init=False)
    carried_open: tuple[Record, ...] = field(init=False)
    resolved: tuple[Record, ...] = field(init=False)
    closed: tuple[Record, ...] = field(init=False)     # resolved, closed and open at the end: all the records
    open_at_end: tuple[Record, ...] = field(init=False)

    def __post_init__(self) -> None:
        p = self.period
        put = object.__setattr__
        put(self, "new", tuple(r for r in self.records if not obstacles.listed_as_carried_over(r, p.start)))
        put(self, "carried", tuple(r for r in self.records if obstacles.listed_as_carried_over(r, p.start)))
        put(self, "open_at_end", tuple(r for r in self.records if obstacles.is_open(r["status"])))
        put(self, "carried_open", tuple(r for r in self.carried if obstacles.is_open(r["status"])))
        # Listed rows resolved at the end were resolved within the period (domain: resolved_within).
        put(self, "resolved", tuple(r for r in self.records if r["status"] == "resolved"))
        put(self, "closed", tuple(r for r in self.records if r["status"] == "closed"))

    @property
    def as_of(self) -> date:
        """The day the states are counted on: the period's end, or the day the report was made while the
        period still ran (a deadline between then and the end has not passed)."""
        return self.period.counted_on(self.made_on) if self.made_on else self.period.end

    def overdue_at_end(self) -> int:
        return sum(1 for r in self.open_at_end if r["deadline"] and r["deadline"] < self.as_of)

    def states_note(self) -> str:
        """The annexes' line saying which day the states are of."""
        if self.as_of == self.period.end:
            return f"Tình trạng tính đến ngày {format_date_vi(self.as_of)} (ngày chốt số liệu của kỳ)."
        return (f"Tình trạng tính đến ngày {format_date_vi(self.as_of)} (ngày lập báo cáo; kỳ chốt số liệu "
                f"ngày {format_date_vi(self.period.end)}).")
