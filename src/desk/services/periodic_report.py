"""The periodic report (Báo cáo định kỳ): a registry of sections, the numbered export, submission."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session

from desk import __version__
from desk.domain.registers import obstacles
from desk.domain.access import Actor, os_actor
from desk.domain.lang import t
from desk.domain.periods import Period
from desk.domain.units import Unit
from desk.errors import UserError
from desk.reports.layout import Column
from desk.reports.manifest import FORMAT, FORMAT_VERSION, DataBlock
from desk.reports.periodic_report import (
    BOLD,
    AnnexSheet,
    CoverSection,
    PeriodicReportData,
    Subheading,
    TableBlock,
    write_periodic_report,
)
from desk.domain.outline import PARTS, TEXT_SECTIONS
from desk.services import obstacle_report, period_lock, report_settings, report_texts, reporting
from desk.services.records import choice_labels, choices
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.store.migrate import head_revision

SUBJECT = "Tình hình vận hành chính quyền địa phương hai cấp"
FORM_SUFFIX = "BCĐK"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass(frozen=True)
class SectionContent:
    """What one section puts in the report: text paragraphs, annex tables and data blocks."""

    paragraphs: tuple[str, ...]
    annexes: tuple[AnnexSheet, ...]
    blocks: tuple[DataBlock, ...] = ()


@dataclass(frozen=True)
class Section:
    """One part of the periodic report; `available` is False while its register is missing."""

    key: str
    vi: str                       # the heading, without its number: "KHÓ KHĂN, VƯỚNG MẮC"
    en: str
    build: Callable[[Session, Unit, Period], SectionContent]
    available: Callable[[], bool] = lambda: True
    part: str = "results"         # where in the outline it prints (domain.outline.PARTS)

    @property
    def label(self) -> str:
        return t(self.vi.capitalize(), self.en)


SECTIONS: dict[str, Section] = {}


def register_section(section: Section) -> Section:
    """Add a section; the report shows sections in the order they were registered."""
    SECTIONS[section.key] = section
    return section


def available_sections() -> list[Section]:
    return [s for s in SECTIONS.values() if s.available()]


def section(key: str) -> Section:
    if key not in SECTIONS or not SECTIONS[key].available():
        known = ", ".join(s.key for s in available_sections())
        raise UserError(t(f"Không có phần báo cáo «{key}». Các phần hiện có: {known}.",
                          f"There is no report section «{key}». Sections: {known}."))
    return SECTIONS[key]


# --- the obstacle sections ------------------------------------------------------------------

STT = Column("_stt", "STT", 6, "text", align="center")
NOTE = Column("_note", "Ghi chú", 16)
OBSTACLE_UNIT = "vụ việc"
# Every declared field goes into the data part, exported or not: the province may need them.
OBSTACLE_DATA_COLUMNS = ("id", "unit_code", "created_at", "updated_at",
                         *(spec.name for spec in obstacles.FIELDS), "carried_over")


def open_at(record: dict, day: date) -> bool:
    """Was the obstacle still open at the end of `day`? (A later resolution does not count.)"""
    if record["status"] in obstacles.OPEN_STATUSES:
        return True
    return record["status"] == "resolved" and record["resolved_on"] is not None and record["resolved_on"] > day


@dataclass(frozen=True)
class ObstacleFigures:
    """The obstacle records of a period, split the ways the report lists them."""

    period: Period
    records: tuple[dict, ...]       # raised in the period, or carried over into it
    new: tuple[dict, ...] = field(init=False)
    carried: tuple[dict, ...] = field(init=False)
    carried_open: tuple[dict, ...] = field(init=False)
    resolved: tuple[dict, ...] = field(init=False)
    open_at_end: tuple[dict, ...] = field(init=False)

    def __post_init__(self):
        p = self.period
        put = object.__setattr__
        put(self, "new", tuple(r for r in self.records if r["raised_on"] >= p.start))
        put(self, "carried", tuple(r for r in self.records if r["raised_on"] < p.start))
        put(self, "carried_open", tuple(r for r in self.carried if open_at(r, p.end)))
        put(self, "resolved", tuple(r for r in self.records if r["status"] == "resolved"
                                    and r["resolved_on"] and p.contains(r["resolved_on"])))
        put(self, "open_at_end", tuple(r for r in self.records if open_at(r, p.end)))

    def overdue_at_end(self) -> int:
        return sum(1 for r in self.open_at_end if r["deadline"] and r["deadline"] < self.period.end)


def obstacle_figures(session: Session, unit: Unit, period: Period) -> ObstacleFigures:
    return ObstacleFigures(period, tuple(obstacle_report.rows_in_period(session, unit, period)))


def _labelled(records, labels: dict[str, dict[str, str]], columns, note: str = "") -> tuple[dict, ...]:
    out = []
    for number, record in enumerate(records, start=1):
        row = {c.key: labels[c.key].get(record[c.key], record[c.key]) if c.key in labels else record.get(c.key)
               for c in columns}
        row.update({STT.key: number, NOTE.key: note or None})
        out.append(row)
    return tuple(out)


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
    notes = (f"Trong đó: {len(figures.carried)} vụ việc từ kỳ trước chuyển sang; "
             f"{len(figures.resolved)} vụ việc đã tháo gỡ trong kỳ.",
             "Tình trạng tính đến thời điểm lập báo cáo.")
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
                   notes=("Tình trạng đến ngày chốt số liệu cuối kỳ.",)),
        AnnexSheet("KKVM đã tháo gỡ", "", "KHÓ KHĂN, VƯỚNG MẮC ĐÃ THÁO GỠ TRONG KỲ",
                   (STT, *resolved_columns, NOTE),
                   (TableBlock(None, _labelled(figures.resolved, labels, resolved_columns)),)),
    )
    new, carried = len(figures.new), len(figures.carried)
    paragraphs = (
        f"1. Tổng số khó khăn, vướng mắc trong kỳ: {new + carried} vụ việc "
        f"(phát sinh trong kỳ: {new}; từ kỳ trước chuyển sang: {carried}).",
        f"2. Đã tháo gỡ trong kỳ: {len(figures.resolved)} vụ việc.",
        f"3. Còn chưa tháo gỡ đến cuối kỳ: {len(figures.open_at_end)} vụ việc "
        f"(trong đó quá hạn xử lý: {figures.overdue_at_end()}; từ kỳ trước chuyển sang: "
        f"{len(figures.carried_open)}).",
        "4. Chi tiết tại các biểu " + "{forms}" + " kèm theo.",
    )
    domain_choices = choices(session, OBSTACLES, "domain", include_inactive=True)
    blocks = (
        DataBlock.of("obstacles", OBSTACLE_DATA_COLUMNS,
                     ({**r, "carried_over": r["raised_on"] < period.start} for r in figures.records)),
        DataBlock.of("choices", ("field", "code", "vi"),
                     [{"field": "domain", "code": c.code, "vi": c.vi} for c in domain_choices]
                     + [{"field": "status", "code": c.code, "vi": c.vi} for c in obstacles.STATUSES]
                     + [{"field": "level", "code": c.code, "vi": c.vi} for c in obstacles.LEVELS]),
    )
    return SectionContent(paragraphs, annexes, blocks)


register_section(Section("obstacles", "KHÓ KHĂN, VƯỚNG MẮC", "Obstacles", obstacle_section, part="obstacles"))


# --- assembling the workbook ------------------------------------------------------------------

@dataclass(frozen=True)
class ExportResult:
    path: Path
    period: Period
    doc_number: str                 # "Số: 05/BC-UBND", or the unnumbered line of a draft
    data_hash: str
    row_counts: dict[str, int]
    submitted: bool
    report_id: str | None = None


def subject_for(period: Period) -> str:
    label = period.label_vi
    return f"{SUBJECT} {label[0].lower()}{label[1:]}"


# The forms of the obstacle section by their sheet names: which "Người lập biểu" setting is theirs.
_FORM_KEYS = {"KKVM tổng hợp": "obstacle_summary", "KKVM chi tiết": "obstacle_list",
              "KKVM tồn đọng": "obstacle_carried", "KKVM đã tháo gỡ": "obstacle_resolved",
              "Biên chế": "staffing", "Cấp phó": "deputies", "Phát hiện qua khảo sát": "findings"}


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.split("\n") if line.strip())


def outline(sections: list[tuple[Section, SectionContent]], typed: dict[str, str]) -> tuple[CoverSection, ...]:
    """The text report in the usual outline (domain.outline.PARTS): what the clerk typed for the
    period, and each section's figures in its part; a part with nothing to say is left out and the
    others keep consecutive numbers."""
    parts: dict[str, list[str | Subheading]] = {key: [] for key, _ in PARTS}
    numbered: dict[str, int] = {key: 0 for key, _ in PARTS}
    subsections = {key: sum(1 for s in TEXT_SECTIONS if s.part == key and typed.get(s.key))
                   + sum(1 for sec, _ in sections if sec.part == key) for key, _ in PARTS}

    def add(part: str, heading: str, paragraphs: tuple[str, ...]) -> None:
        if subsections[part] > 1:       # a part of several pieces numbers them
            numbered[part] += 1
            parts[part].append(Subheading(f"{numbered[part]}. {heading}"))
        parts[part].extend(paragraphs)

    for text_section in TEXT_SECTIONS:
        if typed.get(text_section.key):
            add(text_section.part, text_section.vi, _paragraphs(typed[text_section.key]))
    for sec, content in sections:
        add(sec.part, sec.vi.capitalize(), content.paragraphs)
    found = [(title, parts[key]) for key, title in PARTS if parts[key]]
    return tuple(CoverSection(f"{ROMAN[i]}. {title}", tuple(paragraphs)) for i, (title, paragraphs) in enumerate(found))


def build(session: Session, unit: Unit, period: Period, *, keys: tuple[str, ...] | None = None,
          signed_on: date, doc_number: str | None = None, generated_at: datetime,
          submitted: bool = False, due: date | None = None) -> PeriodicReportData:
    """The report's content: keys = the sections to include (all available ones by default).

    Until it is submitted the report is a draft: "DỰ THẢO", its number and date left blank.
    """
    chosen = [section(k) for k in keys] if keys else available_sections()
    settings = report_settings.load(session, unit)
    header = obstacle_report.header(session, unit, period, subject_for(period), signed_on if submitted else None,
                                    year=signed_on.year)
    header = replace(header, doc_number=doc_number or report_settings.unnumbered(settings),
                     form_code="", draft=not submitted)
    whole = keys is None or len(chosen) == len(available_sections())
    contents, annexes, blocks = [], [], []
    for sec in chosen:
        content = sec.build(session, unit, period)
        first_form = len(annexes) + 1
        for annex in content.annexes:
            n = len(annexes) + 1
            annexes.append(replace(annex, name=f"{n:02d} {annex.name}"[:31],
                                   form_code=f"Biểu số {n:02d}/{FORM_SUFFIX}",
                                   key=annex.key or _FORM_KEYS.get(annex.name, sec.key)))
        forms = ", ".join(f"{n:02d}" for n in range(first_form, len(annexes) + 1))
        contents.append((sec, replace(content, paragraphs=tuple(
            p.replace("{forms}", f"số {forms}/{FORM_SUFFIX}") for p in content.paragraphs))))
        blocks.extend(content.blocks)
    typed = report_texts.texts(session, unit.code, period.code) if whole else {}
    if whole:       # what the commune wrote goes to the province with the figures
        blocks.append(DataBlock.of("texts", ("section", "text"),
                                   [{"section": k, "text": v} for k, v in typed.items() if v]))
    due = due or reporting.due_date(session, period)
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__,
        "schema_version": head_revision(),
        "report_kind": reporting.PERIODIC if whole else ",".join(s.key for s in chosen),
        "sections": ",".join(s.key for s in chosen),
        "unit_code": unit.code, "unit_name": unit.name,
        "province_code": unit.province.code, "province_name": unit.province.name,
        "period_code": period.code, "period_kind": str(period.kind), "period_rule": str(period.rule),
        "period_start": period.start, "period_end": period.end, "period_label": period.label_vi,
        "due_date": due, "doc_number": header.doc_number.removeprefix("Số:").strip() if submitted else "",
        "submitted": submitted, "generated_at": generated_at,
        "submitted_at": generated_at if submitted else None,
    }
    closing = (f"Trên đây là báo cáo {period.label_vi[0].lower()}{period.label_vi[1:]} của "
               f"Ủy ban nhân dân {unit.name[0].lower()}{unit.name[1:]}.")
    cover = outline(contents, typed)
    if not whole:
        cover, closing = (), ""   # one section alone: its tables only
    return PeriodicReportData(header=header, cover=cover, closing=closing, annexes=tuple(annexes),
                              manifest=manifest, blocks=tuple(blocks),
                              preparer_forms=frozenset(settings.preparer_forms))


def export(session: Session, unit: Unit, period: Period, out: Path, *, submit: bool = False,
           keys: tuple[str, ...] | None = None, number: int | None = None, actor: Actor | None = None,
           now: datetime | None = None) -> ExportResult:
    """Write the report; for submission, also give it its number, record it and lock the period.

    Everything happens in the caller's transaction: if the file cannot be written, no number is
    used up and nothing is locked.
    """
    now = (now or datetime.now()).astimezone()
    actor = actor or os_actor()
    if submit and keys and len(keys) < len(available_sections()):
        raise UserError(t("Chỉ nộp được báo cáo định kỳ đầy đủ; một phần riêng lẻ chỉ xuất bản nháp.",
                          "Only the whole periodic report can be submitted; a single section is a draft."))
    doc_number = None
    if submit:
        existing = period_lock.active_lock(session, unit.code, period.code)
        if existing is not None:
            raise UserError(t(
                f"Không nộp lại được: {period_lock.describe(existing)}. Muốn nộp báo cáo mới cho kỳ này, "
                "lãnh đạo phải mở khóa kỳ (ghi rõ lý do) trước.",
                f"Cannot submit again: {period_lock.describe(existing)}. To submit a new report for this "
                "period, a leader must first unlock it (giving a reason)."))
        symbol = report_settings.load(session, unit).doc_symbol
        taken = reporting.take_number(session, now.year, symbol, number)
        doc_number = reporting.format_number(taken, symbol)
    due = reporting.due_date(session, period)
    data = build(session, unit, period, keys=keys, signed_on=now.date(), doc_number=doc_number,
                 generated_at=now, submitted=submit, due=due)
    digest = write_periodic_report(data, Path(out))
    counts = {b.name: len(b.rows) for b in data.blocks}
    report_id = None
    if submit:
        instance = reporting.record_submission(
            session, unit=unit, period=period, kind=reporting.PERIODIC, due=due, number=taken,
            symbol=symbol, generated_at=now, submitted_by=actor.name,
            file_name=Path(out).name, data_hash=digest)
        period_lock.lock(session, unit.code, period, actor=actor,
                         reason=f"nộp báo cáo {doc_number}", report_id=instance.id, at=now)
        report_id = instance.id
    return ExportResult(Path(out), period, data.header.doc_number, digest, counts, submit, report_id)


# The sections on people and work (issue 3's registers) register themselves after the obstacles.
from desk.services import periodic_sections  # noqa: E402,F401
