"""Staffing arithmetic: frame vs actual vs surplus/shortage per office, and the deputy caps."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from desk.domain.registers.officials import DEPUTY_POOL, ON_QUOTA_STATUSES
from desk.domain.text import fold

# The staffing form's figure columns, and the opening of the report's staffing paragraph: the report
# prints them, and the check of a returned file reads the figures back under them.
FORM_HEADINGS = {"frame": "Biên chế được giao", "actual": "Hiện có", "away": "Trong đó biệt phái, tăng cường đi",
                 "guests": "Được biệt phái, tăng cường đến", "surplus": "Thừa", "shortage": "Thiếu"}
COVER_OPENING = "Biên chế được giao:"
# A «Tổng cộng» row adds up the rows above it; the unit's own surplus or shortage (its actual against its
# whole frame, one office's surplus offsetting another's shortage) is said apart, on a line of this label
# under the table and in the cover's words after the rows' sums.
NET_LABEL = "Thừa, thiếu tính chung toàn đơn vị (sau bù trừ giữa các phòng, ban)"
COVER_NET = "tính chung toàn đơn vị, sau bù trừ giữa các phòng, ban"


def position_key(job_position: str | None) -> str:
    """A job position as compared: accents, case, dashes and commas aside ("Địa chính – xây dựng" is
    "dia chinh - xay dung")."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(job_position or "")).split())


def key_of(office: str | None, job_position: str | None) -> tuple[str, str]:
    """What a newer frame replaces: the same office (or the whole commune) and job position."""
    return office or "", position_key(job_position)


@dataclass(frozen=True)
class Person:
    """An official of this commune as the arithmetic sees them."""

    office: str | None
    category: str | None
    title: str | None
    status: str | None
    job_position: str = ""
    away: bool = False          # seconded or sent to reinforce elsewhere on the day


@dataclass(frozen=True)
class Frame:
    office: str | None          # None: the frame of the whole commune
    job_position: str           # "": the whole office
    authorised: int
    effective: date


@dataclass(frozen=True)
class Guest:
    """Someone seconded or sent in from elsewhere, working here on the day; not on this quota."""

    office: str | None
    job_position: str = ""


UNALLOCATED = "_unallocated"    # the office code of the line for the part of the unit no office holds


@dataclass(frozen=True)
class Line:
    office: str                 # office code; "" on the total line
    job_position: str           # "" on an office line
    frame: int | None           # None: no frame was given
    actual: int                 # on this commune's quota (the categories the frame covers)
    away: int                   # of whom seconded out (they still count here)
    guests: int                 # seconded in: shown, not counted
    others: int                 # working here outside the frame (e.g. contract workers)

    @property
    def surplus(self) -> int | None:
        return None if self.frame is None else max(0, self.actual - self.frame)

    @property
    def shortage(self) -> int | None:
        return None if self.frame is None else max(0, self.frame - self.actual)


def rows_sum(values: Iterable[int | None]) -> int | None:
    """A «Tổng cộng» row's surplus or shortage: the sum of its rows' (the offices' and the unallocated
    part's; a job position's is part of its office's). A row without a frame (None) adds nothing; None
    when no row has one."""
    given = [value for value in values if value is not None]
    return sum(given) if given else None


def net_words(sums: tuple[int | None, int | None], net: tuple[int | None, int | None]) -> str | None:
    """The unit's own figure as the cover says it after the rows' (surplus, shortage) sums: «thiếu 11»,
    «thừa 2» or «đủ biên chế»; None when it is the sums (no office's surplus offsets another's shortage)."""
    if sums == net or net == (None, None):
        return None
    surplus, shortage = net
    return f"thiếu {shortage}" if shortage else f"thừa {surplus}" if surplus else "đủ biên chế"


@dataclass(frozen=True)
class StaffingTable:
    on: date
    lines: tuple[Line, ...]     # each office line, followed by its job-position lines
    total: Line                 # the unit's: its surplus and shortage are net (actual against the whole frame)

    @property
    def rows(self) -> tuple[Line, ...]:
        """The lines a total adds up: each office's and the unallocated part's, not the job positions'."""
        return tuple(line for line in self.lines if not line.job_position)

    @property
    def rows_surplus(self) -> int | None:
        return rows_sum(line.surplus for line in self.rows)

    @property
    def rows_shortage(self) -> int | None:
        return rows_sum(line.shortage for line in self.rows)


def frames_in_force(frames: Iterable[Frame], on: date) -> dict[tuple[str, str], Frame]:
    """For each office and job position, the frame with the latest effective date on or before `on`."""
    found: dict[tuple[str, str], Frame] = {}
    for frame in frames:
        if frame.effective > on:
            continue
        key = key_of(frame.office, frame.job_position)
        if key not in found or frame.effective > found[key].effective:
            found[key] = frame
    return found


def office_frame(in_force: dict[tuple[str, str], Frame], office: str) -> int | None:
    """An office's frame in force: its own, else the sum of its job positions' (None: it has none)."""
    whole = in_force.get((office, ""))
    if whole is not None:
        return whole.authorised
    positions = [f.authorised for (code, position), f in in_force.items() if code == office and position]
    return sum(positions) if positions else None


def offices_frames(in_force: dict[tuple[str, str], Frame]) -> int:
    """What the offices' frames in force add up to (the whole unit's frame left out)."""
    return sum(office_frame(in_force, office) or 0 for office in {code for code, _ in in_force if code})


def staffing_table(office_codes: Iterable[str], people: Iterable[Person], frames: Iterable[Frame],
                   guests: Iterable[Guest], on: date, counted_categories: frozenset[str]) -> StaffingTable:
    """Frame vs actual per office (and job position where a frame names one), and the total.

    The total's frame is the whole commune's frame when one is in force, else the sum of the
    offices' frames; its surplus and shortage are net (actual against that total).
    """
    people = [p for p in people if p.status in ON_QUOTA_STATUSES]
    guests = list(guests)
    in_force = frames_in_force(frames, on)
    offices = list(dict.fromkeys([*office_codes, *(p.office for p in people if p.office),
                                  *(k[0] for k in in_force if k[0])]))

    def line(office: str, position: str, frame: int | None, members: list[Person], visitors: list[Guest]) -> Line:
        counted = [p for p in members if p.category in counted_categories]
        return Line(office=office, job_position=position, frame=frame, actual=len(counted),
                    away=sum(1 for p in counted if p.away), guests=len(visitors),
                    others=len(members) - len(counted))

    lines: list[Line] = []
    office_frames: list[int] = []
    for office in offices:
        members = [p for p in people if p.office == office]
        visitors = [g for g in guests if g.office == office]
        position_frames = sorted(((k[1], f) for k, f in in_force.items() if k[0] == office and k[1]),
                                 key=lambda item: item[0])
        frame = office_frame(in_force, office)
        if frame is not None:
            office_frames.append(frame)
        lines.append(line(office, "", frame, members, visitors))
        for folded, f in position_frames:
            lines.append(line(office, f.job_position, f.authorised,
                              [p for p in members if position_key(p.job_position) == folded],
                              [g for g in visitors if position_key(g.job_position) == folded]))
    commune = in_force.get(("", ""))
    total_frame = commune.authorised if commune else (sum(office_frames) if office_frames else None)
    # What the offices' lines leave out of the whole unit (a frame given to the commune but not yet
    # shared among its offices, people not assigned to an office): one line, so the lines add up
    # to the total in every column the total counts.
    unplaced = [p for p in people if not p.office]
    loose_guests = [g for g in guests if not g.office]
    rest = None if commune is None else commune.authorised - sum(office_frames)
    if unplaced or loose_guests or rest:
        lines.append(line(UNALLOCATED, "", rest, unplaced, loose_guests))
    total = line("", "", total_frame, people, guests)
    return StaffingTable(on=on, lines=tuple(lines), total=total)


@dataclass(frozen=True)
class DeputyCheck:
    """Deputies of the offices and the centre against their pooled cap; vice-chairs against the allotment.

    average and cap are None for a day before a rule on deputies was in force: nothing to check.
    """

    per_office: tuple[tuple[str, int], ...]
    deputies: int
    average: float | None       # the cap per office, averaged over the pool (NQ 332/NQ-CP: 2)
    cap: int | None
    vice_chairs: int
    vice_chairs_allotted: int

    @property
    def excess(self) -> int | None:
        return None if self.cap is None else max(0, self.deputies - self.cap)

    @property
    def breach(self) -> bool:
        return self.cap is not None and self.deputies > self.cap

    @property
    def vice_chair_excess(self) -> int:
        return max(0, self.vice_chairs - self.vice_chairs_allotted)

    @property
    def vice_chair_breach(self) -> bool:
        return self.vice_chairs > self.vice_chairs_allotted


def deputy_check(people: Iterable[Person], average: float | None, vice_chairs_allotted: int,
                 pool: tuple[str, ...] = DEPUTY_POOL) -> DeputyCheck:
    """The check is on the pool (the commune's total), not per office: breaches are flagged, not blocked."""
    holding = [p for p in people if p.status in ON_QUOTA_STATUSES]
    per_office = tuple((office, sum(1 for p in holding if p.office == office and p.title == "deputy"))
                       for office in pool)
    # A tiny epsilon: 2.5 x 4 must give 10, not 9.999...
    cap = None if average is None else math.floor(average * len(pool) + 1e-9)
    vice = sum(1 for p in holding if p.title == "vice_chair" and p.office == "leadership")
    return DeputyCheck(per_office=per_office, deputies=sum(n for _, n in per_office), average=average, cap=cap,
                       vice_chairs=vice, vice_chairs_allotted=vice_chairs_allotted)
