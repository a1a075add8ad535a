"""The periodic report (Báo cáo định kỳ): a registry of sections, the numbered export, submission."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session

from desk import __version__
from desk.domain import unit_lists
from desk.domain.access import Actor, os_actor
from desk.domain.lang import t
from desk.domain.outline import PARTS, TEXT_SECTIONS, point_label
from desk.domain.periods import Period
from desk.domain.units import Unit
from desk.errors import UserError
from desk.reports.manifest import FORMAT, FORMAT_VERSION, DataBlock
from desk.reports.periodic_report import (
    AnnexSheet,
    CoverSection,
    PeriodicReportData,
    Subheading,
    write_periodic_report,
)
from desk.reports.sheet_helper import started_ahead

# The sections register themselves in one registry; their positions order them, their parts place them.
from desk.services import (  # noqa: F401
    obstacle_report,
    obstacle_sections,
    outline_sections,
    period_lock,
    periodic_sections,
    report_settings,
    report_texts,
    reporting,
)
from desk.services.full_collections import rare_collections
from desk.services.report_sections import (
    Point,
    Section,
    SectionContent,
    available_sections,
    one_reading,
    section,
)
from desk.store.revisions import head_revision

SUBJECT = "Tình hình vận hành chính quyền địa phương hai cấp"
FORM_SUFFIX = "BCĐK"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


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
    return f"{SUBJECT} {period.in_subject}".rstrip()


# The forms of the obstacle section by their sheet names: which "Người lập biểu" setting is theirs.
_FORM_KEYS = {"KKVM tổng hợp": "obstacle_summary", "KKVM chi tiết": "obstacle_list",
              "KKVM tồn đọng": "obstacle_carried", "KKVM đã tháo gỡ": "obstacle_resolved",
              "Biên chế": "staffing", "Cấp phó": "deputies", "Phát hiện qua khảo sát": "findings"}


def _with_forms(paragraph: str | Point, forms: str) -> str | Point:
    """The paragraph with "{forms}" replaced by the numbers of the section's forms."""
    if isinstance(paragraph, Point):
        return Point(paragraph.text.replace("{forms}", forms))
    return paragraph.replace("{forms}", forms)


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

    def add(part: str, heading: str, paragraphs: tuple[str | Point, ...]) -> None:
        nested = subsections[part] > 1
        if nested:       # a part of several pieces numbers them
            numbered[part] += 1
            parts[part].append(Subheading(f"{numbered[part]}. {heading}"))
        points = 0
        for paragraph in paragraphs:
            if isinstance(paragraph, Point):
                points += 1
                paragraph = f"{point_label(points, nested)} {paragraph.text}"
            parts[part].append(paragraph)

    for text_section in TEXT_SECTIONS:
        if typed.get(text_section.key):
            add(text_section.part, text_section.vi, _paragraphs(typed[text_section.key]))
    for sec, content in sections:
        add(sec.part, sec.vi.capitalize(), content.paragraphs)
    found = [(title, parts[key]) for key, title in PARTS if parts[key]]
    return tuple(CoverSection(f"{ROMAN[i]}. {title}", tuple(paragraphs)) for i, (title, paragraphs) in enumerate(found))


def _chosen(keys: tuple[str, ...] | None) -> list[Section]:
    """The sections asked for (all available ones by default)."""
    return [section(k) for k in keys] if keys else available_sections()


def build(session: Session, unit: Unit, period: Period, *, keys: tuple[str, ...] | None = None,
          signed_on: date, doc_number: str | None = None, generated_at: datetime,
          submitted: bool = False, due: date | None = None) -> PeriodicReportData:
    """The report's content: keys = the sections to include (all available ones by default).

    Until it is submitted the report is a draft: "DỰ THẢO", its number and date left blank.
    """
    chosen = _chosen(keys)
    settings = report_settings.load(session, unit)
    header = obstacle_report.header(session, unit, period, subject_for(period), signed_on if submitted else None,
                                    year=signed_on.year)
    header = replace(header, doc_number=doc_number or report_settings.unnumbered(settings),
                     form_code="", draft=not submitted)
    whole = keys is None or len(chosen) == len(available_sections())
    contents: list[tuple[Section, SectionContent]] = []
    annexes: list[AnnexSheet] = []
    blocks: list[DataBlock] = []
    with one_reading(session):
        built = [(sec, sec.build(session, unit, period)) for sec in chosen]
    for sec, content in built:
        first_form = len(annexes) + 1
        for annex in content.annexes:
            n = len(annexes) + 1
            annexes.append(replace(annex, name=f"{n:02d} {annex.name}"[:31],
                                   form_code=f"Biểu số {n:02d}/{FORM_SUFFIX}",
                                   key=annex.key or _FORM_KEYS.get(annex.name, sec.key)))
        forms = ", ".join(f"{n:02d}" for n in range(first_form, len(annexes) + 1))
        contents.append((sec, replace(content, paragraphs=tuple(
            _with_forms(p, f"số {forms}/{FORM_SUFFIX}") for p in content.paragraphs))))
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
        "unit_code": unit.code, "unit_name": unit.name, "units_version": unit_lists.CURRENT,
        "province_code": unit.province.code, "province_name": unit.province.name,
        "period_code": period.code, "period_kind": str(period.kind), "period_rule": str(period.rule),
        "period_start": period.start, "period_end": period.end, "period_label": period.label_vi,
        "due_date": due, "doc_number": header.doc_number.removeprefix("Số:").strip() if submitted else "",
        "submitted": submitted, "generated_at": generated_at,
        "submitted_at": generated_at if submitted else None,
    }
    closing = (f"Trên đây là báo cáo {period.label_vi[0].lower()}{period.label_vi[1:]} của "
               f"{unit.committee}.")
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
    # The records read, their forms' rows, the data part and the planned cells all stay until the file is
    # saved: young collections found nothing to free and walked them again ~270 times at 100,000 obstacles.
    # A long data part has its helper process load while the report is read.
    listed = sum(s.data_rows(session, unit, period) for s in _chosen(keys) if s.data_rows is not None)
    with rare_collections(), started_ahead(listed) as process:
        data = build(session, unit, period, keys=keys, signed_on=now.date(), doc_number=doc_number,
                     generated_at=now, submitted=submit, due=due)
        digest = write_periodic_report(data, Path(out), process)
        counts, numbered = {b.name: len(b.rows) for b in data.blocks}, data.header.doc_number
        # Freed while young collections are still rare: alive past them, the report's ~500,000 objects were
        # walked by the next young collection only to be freed after it (0.1-0.2 s at 100,000 obstacles).
        del data
    report_id = None
    if submit:
        instance = reporting.record_submission(
            session, unit=unit, period=period, kind=reporting.PERIODIC, due=due, number=taken,
            symbol=symbol, generated_at=now, submitted_by=actor.name,
            file_name=Path(out).name, data_hash=digest)
        period_lock.lock(session, unit.code, period, actor=actor,
                         reason=f"nộp báo cáo {doc_number}", report_id=instance.id, at=now)
        report_id = instance.id
    return ExportResult(Path(out), period, numbered, digest, counts, submit, report_id)

