"""The periodic report's obstacle section: the period's obstacles as they stood at its end, in four forms."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from operator import attrgetter, itemgetter

from sqlmodel import Session

from desk.domain.formats import format_number_vi as _n
from desk.domain.obstacle_figures import (
    CLOSED_OPENING,
    OPEN_AT_END_OPENING,
    RESOLVED_OPENING,
    TOTAL_OPENING,
    ObstacleFigures,
)
from desk.domain.periods import Period
from desk.domain.register import Record
from desk.domain.registers import obstacles
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.units import Unit
from desk.reports.layout import Column
from desk.reports.manifest import DataBlock, cell_text, texts_of
from desk.reports.periodic_report import BOLD, AnnexSheet, TableBlock
from desk.services import obstacle_report
from desk.services.records import choice_labels, choices
from desk.services.report_sections import (
    NOTE,
    STT,
    Point,
    Section,
    SectionContent,
    label_plan,
    register_section,
    shared,
)

OBSTACLE_UNIT = "vụ việc"
# Every declared field goes into the data part, exported or not: the province may need them.
_STORED_DATA_COLUMNS = obstacle_report.REPORT_COLUMNS
OBSTACLE_DATA_COLUMNS = (*_STORED_DATA_COLUMNS, "carried_over")


def obstacle_figures(session: Session, unit: Unit, period: Period) -> ObstacleFigures:
    # Read-only: the sections that share these (report_sections.one_reading) copy what they label.
    return shared(session, ("obstacle_figures", unit.code, period), lambda: ObstacleFigures(
        period, tuple(obstacle_report.rows_in_period(session, unit, period)), date.today()))


def _labelled(records: Iterable[Record], labels: dict[str, dict[str, str]], columns: Iterable[Column],
              note: str = "") -> tuple[Record, ...]:
    # Each column's key and labels settled once, not for each of a row's values: four forms of 100,000 rows.
    plan = label_plan(labels, columns)
    stt, note_key, noted = STT.key, NOTE.key, note or None
    out = []
    for number, record in enumerate(records, start=1):
        row: Record = {key: record.get(key) if names is None else names.get(record[key], record[key])
                       for key, names in plan}
        row[stt] = number
        row[note_key] = noted
        out.append(row)
    return tuple(out)


_FLAG = {flag: cell_text(flag) for flag in (True, False)}     # made once: a flag for each of 100,000 records


def _time_texts(moments: list[object]) -> list[str]:
    """The text of each time, made once for each distinct time: records imported together share one
    (bulk_records stamps a batch with its moment) and a record never edited has updated_at == created_at.
    Formatting a time with its offset is the data part's dearest value (~2.5 µs: about 0.5 s of 100,000
    records). Only for times all in one zone: two equal moments in different zones are written differently."""
    try:
        zones = set(map(attrgetter("tzinfo"), moments))
    except AttributeError:  # not all times (a missing one)
        zones = set()
    if len(zones) != 1:
        return list(texts_of(moments))
    made = {moment: texts_of((moment,))[0] for moment in set(moments)}
    return list(map(made.__getitem__, moments))


def _obstacle_block(records: tuple[Record, ...], period: Period) -> DataBlock:
    """The data part's obstacles: each record's values, and whether it was carried over into the period."""
    # In the order of _STORED_DATA_COLUMNS (obstacle_report.REPORT_COLUMNS): keys, times, fields.
    keys, fields = itemgetter(*obstacle_report.RECORD_KEYS), itemgetter(*obstacle_report.RECORD_FIELDS)
    created, updated = (_time_texts([r[name] for r in records]) for name in obstacle_report.RECORD_TIMES)
    start = period.start
    return DataBlock("obstacles", OBSTACLE_DATA_COLUMNS, tuple(
        texts_of((*keys(r), made, changed, *fields(r), _FLAG[obstacles.listed_as_carried_over(r, start)]))
        for r, made, changed in zip(records, created, updated, strict=True)))


def _obstacle_summary(session: Session, figures: ObstacleFigures) -> AnnexSheet:
    statuses = tuple((c.code, c.vi) for c in obstacles.STATUSES)
    used = {r["domain"] for r in figures.records}
    # Every active domain is listed (zeros included); a retired one only when it has rows.
    shown = {c.code for c in choices(session, OBSTACLES, "domain")} | used
    domains = [(c.code, c.vi) for c in choices(session, OBSTACLES, "domain", include_inactive=True)
               if c.code in shown]
    known = {code for code, _ in domains}
    domains += [(code, code) for code in sorted(used - known)]  # a code deleted from the list
    counts = {code: {s: 0 for s, _ in statuses} for code, _ in domains}
    for r in figures.records:
        counts[r["domain"]][r["status"]] += 1
    columns = (STT, Column("_domain", "Lĩnh vực", 44),
               *(Column(code, label, 13, "int") for code, label in statuses),
               Column("_total", "Tổng số", 11, "int"))
    totals = {s: sum(c[s] for c in counts.values()) for s, _ in statuses}
    rows = [{BOLD: True, "_domain": "Tổng cộng", **totals, "_total": len(figures.records)}]
    for number, (code, label) in enumerate(domains, start=1):
        rows.append({"_stt": number, "_domain": label, **counts[code], "_total": sum(counts[code].values())})
    notes = (f"Trong đó: {_n(len(figures.carried))} vụ việc từ kỳ trước chuyển sang; "
             f"{_n(len(figures.resolved))} vụ việc đã tháo gỡ trong kỳ.",
             figures.states_note())
    return AnnexSheet("KKVM tổng hợp", "", "TỔNG HỢP KHÓ KHĂN, VƯỚNG MẮC THEO LĨNH VỰC VÀ TÌNH TRẠNG",
                      columns, (TableBlock(None, tuple(rows)),), unit=OBSTACLE_UNIT, notes=notes,
                      repeat_heading=False)


def obstacle_section(session: Session, unit: Unit, period: Period) -> SectionContent:
    figures = obstacle_figures(session, unit, period)
    labels = choice_labels(session, OBSTACLES, vietnamese=True)  # a report is always in Vietnamese
    detail = obstacle_report.detail_columns()
    spec = OBSTACLES.spec
    resolved_columns = tuple(c for c in detail if c.key not in ("status", "deadline")) + (
        Column.of(spec["resolved_on"]),)
    carried_note = "Chuyển từ kỳ trước"
    annexes = (
        _obstacle_summary(session, figures),
        AnnexSheet("KKVM chi tiết", "", "DANH SÁCH KHÓ KHĂN, VƯỚNG MẮC TRONG KỲ", (STT, *detail, NOTE), (
            TableBlock("I. PHÁT SINH TRONG KỲ", _labelled(figures.new, labels, detail)),
            TableBlock("II. TỪ KỲ TRƯỚC CHUYỂN SANG (CHƯA THÁO GỠ HOẶC THÁO GỠ TRONG KỲ)",
                       _labelled(figures.carried, labels, detail, carried_note)),
        )),
        AnnexSheet("KKVM tồn đọng", "", "KHÓ KHĂN, VƯỚNG MẮC TỪ KỲ TRƯỚC CHƯA ĐƯỢC THÁO GỠ",
                   (STT, *detail, NOTE),
                   (TableBlock(None, _labelled(figures.carried_open, labels, detail)),),
                   notes=(figures.states_note(),)),
        AnnexSheet("KKVM đã tháo gỡ", "", "KHÓ KHĂN, VƯỚNG MẮC ĐÃ THÁO GỠ TRONG KỲ",
                   (STT, *resolved_columns, NOTE),
                   (TableBlock(None, _labelled(figures.resolved, labels, resolved_columns)),)),
    )
    new, carried = len(figures.new), len(figures.carried)
    paragraphs = (
        Point(f"{TOTAL_OPENING} {_n(new + carried)} vụ việc "
              f"(phát sinh trong kỳ: {_n(new)}; từ kỳ trước chuyển sang: {_n(carried)})."),
        Point(f"{RESOLVED_OPENING} {_n(len(figures.resolved))} vụ việc."),
        # Closed ones are neither resolved nor open: said where there are some, or the figures would not add up.
        *((Point(f"{CLOSED_OPENING} {_n(len(figures.closed))} vụ việc."),) if figures.closed else ()),
        Point(f"{OPEN_AT_END_OPENING} {_n(len(figures.open_at_end))} vụ việc "
              f"(trong đó quá hạn xử lý: {_n(figures.overdue_at_end())}; từ kỳ trước chuyển sang: "
              f"{_n(len(figures.carried_open))})."),
        "Chi tiết tại các biểu " + "{forms}" + " kèm theo.",
    )
    domain_choices = choices(session, OBSTACLES, "domain", include_inactive=True)
    blocks = (
        _obstacle_block(figures.records, period),
        DataBlock.of("choices", ("field", "code", "vi"),
                     [{"field": "domain", "code": c.code, "vi": c.vi} for c in domain_choices]
                     + [{"field": "status", "code": c.code, "vi": c.vi} for c in obstacles.STATUSES]
                     + [{"field": "level", "code": c.code, "vi": c.vi} for c in obstacles.LEVELS]),
    )
    return SectionContent(paragraphs, annexes, blocks)


register_section(Section("obstacles", "KHÓ KHĂN, VƯỚNG MẮC", "Obstacles", obstacle_section, position=1,
                         part="obstacles", data_rows=obstacle_report.count_in_period))
