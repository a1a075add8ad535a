"""The periodic report's sections on the public-service point, staffing needs and the proposals by body addressed."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from desk.domain.formats import format_number_vi as _n
from desk.domain.periods import Period
from desk.domain.register import Record, Register
from desk.domain.registers import needs, procedures
from desk.domain.registers.needs import REGISTER as NEEDS
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.registers.procedures import REGISTER as PROCEDURES
from desk.domain.units import Unit
from desk.reports.layout import LANDSCAPE_UNITS, Column
from desk.reports.manifest import DataBlock
from desk.reports.periodic_report import BOLD, AnnexSheet, TableBlock
from desk.services.obstacle_sections import obstacle_figures
from desk.services.records import choice_labels
from desk.services.report_sections import STT, Point, Section, SectionContent, label_plan, register_section
from desk.store.models import sql_table, table_of

PROCEDURE_DATA_COLUMNS = ("records", "carried_over", "received_in_person", "received_online", "fully_online",
                          "resolved_early", "resolved_on_time", "resolved_late", "pending", "digitised", "rated",
                          "satisfied")
NEED_DATA_COLUMNS = ("profession", "profession_vi", "needed", "present", "shortage")
HIGHER = ("province", "central")      # levels above the commune: the proposal goes up
_LISTED = 10                          # proposals named in the text per body; the form lists them all


def _rows(session: Session, unit: Unit, reg: Register) -> list[Record]:
    table = sql_table(table_of(reg))
    query = select(table).where(table.c.unit_code == unit.code, table.c.voided.is_(False))
    return [dict(r._mapping) for r in session.execute(query)]


# --- administrative procedures ----------------------------------------------------------------

def procedure_rows(f: procedures.Figures) -> tuple[Record, ...]:
    """The form's lines: totals in bold with their number, the parts under them."""
    return tuple({"_stt": line.number, "label": line.label, "count": line.count, "share": line.share or None,
                  BOLD: line.number is not None} for line in procedures.form_lines(f))


# As wide as the landscape page, as every other form: the two figures share what the label leaves. Narrower,
# the form's corner ("Đơn vị nhận báo cáo: Sở Nội vụ thành phố ...") had only their columns and broke in two.
_PROCEDURE_LABEL = Column("label", "Chỉ tiêu", 60)
_FIGURE_WIDTH = (LANDSCAPE_UNITS - STT.width - _PROCEDURE_LABEL.width) // 2
PROCEDURE_COLUMNS = (STT, _PROCEDURE_LABEL, Column("count", procedures.FORM_HEADINGS["count"], _FIGURE_WIDTH, "int"),
                     Column("share", procedures.FORM_HEADINGS["share"], _FIGURE_WIDTH, align="right"))


def procedures_section(session: Session, unit: Unit, period: Period) -> SectionContent:
    rows = _rows(session, unit, PROCEDURES)
    f = procedures.figures(rows, period.start, period.end)
    covered = procedures.covered(rows, period.start, period.end)
    block = DataBlock.of("procedures", PROCEDURE_DATA_COLUMNS,
                         [{k: getattr(f, k) for k in PROCEDURE_DATA_COLUMNS}] if f.records else [])
    if not f.records:
        return SectionContent(("Chưa có số liệu tiếp nhận, giải quyết thủ tục hành chính của kỳ này.",), (), (block,))
    pct = procedures.percent_vi
    paragraphs = (
        f"Tổng số hồ sơ thủ tục hành chính ({covered}): {_n(f.total)} (kỳ trước chuyển sang: "
        f"{_n(f.carried_over)}; tiếp nhận "
        f"trong kỳ: {_n(f.received)}, trong đó trực tiếp {_n(f.received_in_person)}, trực tuyến "
        f"{_n(f.received_online)}, trực tuyến toàn trình {_n(f.fully_online)}, đạt {pct(f.share('fully_online'))}).",
        f"Đã giải quyết {_n(f.resolved)} hồ sơ (trước hạn {_n(f.resolved_early)}, đúng hạn {_n(f.resolved_on_time)}, "
        f"quá hạn {_n(f.resolved_late)}; tỷ lệ trước và đúng hạn {pct(f.share('in_time'))}); đang giải quyết "
        f"{_n(f.pending)}. Số hóa {_n(f.digitised)} hồ sơ ({pct(f.share('digitised'))}); tỷ lệ hài lòng "
        f"{pct(f.share('satisfied'))}. Chi tiết tại biểu {{forms}} kèm theo.",
    )
    annex = AnnexSheet("TTHC", "", "KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", PROCEDURE_COLUMNS,
                       (TableBlock(None, procedure_rows(f)),), unit="hồ sơ", key="procedures",
                       notes=(covered[:1].upper() + covered[1:] + ".",))
    return SectionContent(paragraphs, (annex,), (block,))


# --- staffing needs ----------------------------------------------------------------------------

NEED_COLUMNS = (STT, Column("label", "Lĩnh vực chuyên môn", 44),
                Column("needed", needs.FORM_HEADINGS["needed"], 14, "int"),
                Column("present", needs.FORM_HEADINGS["present"], 14, "int"),
                Column("shortage", needs.FORM_HEADINGS["shortage"], 12, "int"),
                Column("solutions", "Đề xuất giải quyết", 36))


def need_rows(found: tuple[needs.Need, ...]) -> tuple[Record, ...]:
    professions = {c.code: c.vi for c in needs.PROFESSIONS}
    solutions = {c.code: c.vi for c in needs.SOLUTIONS}
    total = {BOLD: True, "label": "Tổng cộng", "needed": sum(n.needed for n in found),
             "present": sum(n.present for n in found), "shortage": sum(n.shortage for n in found)}
    return (total, *({"_stt": i, "label": professions.get(n.profession, n.profession), "needed": n.needed,
                      "present": n.present, "shortage": n.shortage,
                      "solutions": "; ".join(solutions[s] for s in n.solutions) or None}
                     for i, n in enumerate(found, start=1)))


def needs_section(session: Session, unit: Unit, period: Period) -> SectionContent:
    found = needs.needs_on(_rows(session, unit, NEEDS), period.end)
    professions = {c.code: c.vi for c in needs.PROFESSIONS}
    block = DataBlock.of("needs", NEED_DATA_COLUMNS,
                         [{"profession": n.profession, "profession_vi": professions.get(n.profession, n.profession),
                           "needed": n.needed, "present": n.present, "shortage": n.shortage} for n in found])
    if not found:
        return SectionContent(("Chưa xác định nhu cầu nhân sự theo lĩnh vực chuyên môn.",), (), (block,))
    short = [n for n in found if n.shortage]
    detail = "; ".join(f"{professions.get(n.profession, n.profession).lower()}: {n.shortage}" for n in short)
    paragraphs = (
        f"Theo vị trí việc làm, đơn vị cần {_n(sum(n.needed for n in found))} người có chuyên môn phù hợp; hiện có "
        f"{_n(sum(n.present for n in found))}; còn thiếu {_n(sum(n.shortage for n in found))}"
        + (f" ({detail})" if detail else "") + ". Chi tiết tại biểu {forms} kèm theo.",
    )
    annex = AnnexSheet("Nhu cầu nhân sự", "", "NHU CẦU NHÂN SỰ THEO LĨNH VỰC CHUYÊN MÔN", NEED_COLUMNS,
                       (TableBlock(None, need_rows(found)),), unit="người", key="staffing_needs")
    return SectionContent(paragraphs, (annex,), (block,))


# --- proposals by the body addressed -----------------------------------------------------------------

UNADDRESSED = "Chưa xác định cơ quan giải quyết"


def recommendations_section(session: Session, unit: Unit, period: Period) -> SectionContent:
    """The obstacles still open at the period's end that need a higher level (or were referred up),
    grouped by the body their proposal is addressed to, in the list's order."""
    figures = obstacle_figures(session, unit, period)
    going_up = [r for r in figures.open_at_end if r["level"] in HIGHER or r["status"] == "referred"]
    labels = choice_labels(session, OBSTACLES, vietnamese=True, unit_code=unit.code)
    bodies = labels.get("requested_body", {})      # in the list's order; the province's committee named as here
    order = list(bodies)
    # Grouped in one pass: a long list (a province's 100k obstacles) is not scanned once per body.
    by_body: dict[str | None, list[Record]] = {}
    for r in going_up:
        by_body.setdefault(r["requested_body"], []).append(r)
    keys: list[str | None] = [k for k in order if k in by_body]
    keys += sorted({body for body in by_body if body and body not in order})
    if any(not body for body in by_body):
        keys.append(None)
    columns = (STT, Column.of(OBSTACLES.spec["title"]), Column.of(OBSTACLES.spec["cause"]),
               Column.of(OBSTACLES.spec["impact"]), Column.of(OBSTACLES.spec["impact_count"]),
               Column.of(OBSTACLES.spec["proposal"]), Column.of(OBSTACLES.spec["level"]))
    blocks: list[TableBlock] = []
    paragraphs: list[str | Point] = []
    number = 0
    plan = label_plan(labels, columns[1:])
    for index, key in enumerate(keys):
        name = bodies.get(key, key) if key else UNADDRESSED
        mine = by_body.get(key, [])
        rows = []
        for r in mine:
            number += 1
            rows.append({"_stt": number, **{field: r.get(field) if names is None else names.get(r[field], r[field])
                                            for field, names in plan}})
        blocks.append(TableBlock(f"{_roman(index)}. {name}", tuple(rows)))
        asked = f"Đề nghị {name}" if key else UNADDRESSED
        paragraphs.append(Point(f"{asked} ({_n(len(mine))} vụ việc):"))
        # The same proposal made for several obstacles is one proposal to the body.
        proposals: dict[str, int] = {}
        for r in mine:
            text = (r.get("proposal") or r["title"]).strip().rstrip(".")
            proposals[text] = proposals.get(text, 0) + 1
        for text, count in list(proposals.items())[:_LISTED]:
            paragraphs.append(f"- {text}" + (f" ({_n(count)} vụ việc)." if count > 1 else "."))
        if len(proposals) > _LISTED:
            paragraphs.append(f"- Và {_n(len(proposals) - _LISTED)} kiến nghị khác.")
    if not going_up:
        return SectionContent(("Không có khó khăn, vướng mắc nào cần cấp trên giải quyết đến cuối kỳ.",), (), ())
    paragraphs.append("Chi tiết tại biểu {forms} kèm theo.")
    annex = AnnexSheet("Kiến nghị theo cơ quan", "", "KIẾN NGHỊ, ĐỀ XUẤT THEO CƠ QUAN GIẢI QUYẾT", columns,
                       tuple(blocks), unit="vụ việc", key="recommendations",
                       notes=("Khó khăn, vướng mắc chưa tháo gỡ đến cuối kỳ thuộc thẩm quyền cấp trên hoặc đã "
                              "báo cáo, kiến nghị cấp trên.",))
    return SectionContent(tuple(paragraphs), (annex,), ())


def _roman(index: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
            "XVI", "XVII", "XVIII", "XIX", "XX")[index] if index < 20 else str(index + 1)


register_section(Section("procedures", "TIẾP NHẬN, GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "Administrative procedures",
                         procedures_section, position=6))
register_section(Section("needs", "NHU CẦU NHÂN SỰ THEO LĨNH VỰC CHUYÊN MÔN", "Staffing needs", needs_section,
                         position=7))
register_section(Section("recommendations", "KIẾN NGHỊ VỀ CÁC KHÓ KHĂN, VƯỚNG MẮC THEO CƠ QUAN GIẢI QUYẾT",
                         "Proposals by body", recommendations_section, position=8, part="recommendations"))
