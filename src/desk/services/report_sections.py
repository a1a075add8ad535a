"""The parts of the periodic report: each section registers what it puts in the report, in its position."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar, cast

from sqlmodel import Session

from desk.domain.lang import t
from desk.domain.periods import Period
from desk.domain.units import Unit
from desk.errors import UserError
from desk.reports.layout import Column
from desk.reports.manifest import DataBlock
from desk.reports.periodic_report import AnnexSheet

# Columns every annex list starts and ends with.
STT = Column("_stt", "STT", 6, "text", align="center")
NOTE = Column("_note", "Ghi chú", 16)


def label_plan(labels: Mapping[str, Mapping[str, str]],
               columns: Iterable[Column]) -> tuple[tuple[str, Mapping[str, str] | None], ...]:
    """Each column's key and its labels (None: its values are shown as they are), for making a list's rows:
    a row shows labels[key].get(code, code) for a labelled column, else its value (None if it has none)."""
    return tuple((column.key, labels[column.key] if column.key in labels else None) for column in columns)


@dataclass(frozen=True)
class Point:
    """A numbered point of a section's text: the outline labels it "1." or "a)" by where the section
    prints (domain.outline.point_label), so a section never numbers its own points."""

    text: str


@dataclass(frozen=True)
class SectionContent:
    """What one section puts in the report: text paragraphs (text, or Point), annex tables and data blocks."""

    paragraphs: tuple[str | Point, ...]
    annexes: tuple[AnnexSheet, ...]
    blocks: tuple[DataBlock, ...] = ()


@dataclass(frozen=True)
class Section:
    """One part of the periodic report; `available` is False while its register is missing."""

    key: str
    vi: str                       # the heading, without its number: "KHÓ KHĂN, VƯỚNG MẮC"
    en: str
    build: Callable[[Session, Unit, Period], SectionContent]
    position: int                 # the order of the sections in the report
    available: Callable[[], bool] = lambda: True
    part: str = "results"         # where in the outline it prints (domain.outline.PARTS)
    # How many rows its data blocks will hold, counted before it is built (a long data part's helper is
    # started ahead: periodic_report.export); None for a section whose blocks are short.
    data_rows: Callable[[Session, Unit, Period], int] | None = None

    @property
    def label(self) -> str:
        return t(self.vi.capitalize(), self.en)


SECTIONS: dict[str, Section] = {}


def register_section(section: Section) -> Section:
    """Add a section; the report shows sections in the order of their positions."""
    SECTIONS[section.key] = section
    return section


def available_sections() -> list[Section]:
    return sorted((s for s in SECTIONS.values() if s.available()), key=lambda s: s.position)


_SHARED = "desk.report_sections.shared"
T = TypeVar("T")


@contextmanager
def one_reading(session: Session) -> Iterator[None]:
    """While one report is built, what several sections read alike is read once (shared): the
    obstacle list at the period's end feeds the obstacles and the proposals sections; reading it
    again in the same session and build would give the same rows at twice the cost."""
    session.info[_SHARED] = {}
    try:
        yield
    finally:
        session.info.pop(_SHARED, None)


def shared(session: Session, key: tuple[object, ...], read: Callable[[], T]) -> T:
    """read(), or what it gave for the same key earlier in the same one_reading (read() outside one);
    the key names what is read, so one key is always read by the same function."""
    memo: dict[tuple[object, ...], object] | None = session.info.get(_SHARED)
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return cast(T, memo[key])


def section(key: str) -> Section:
    if key not in SECTIONS or not SECTIONS[key].available():
        known = ", ".join(s.key for s in available_sections())
        raise UserError(t(f"Không có phần báo cáo «{key}». Các phần hiện có: {known}.",
                          f"There is no report section «{key}». Sections: {known}."))
    return SECTIONS[key]
