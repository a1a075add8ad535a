"""The province's forms of what the communes report beside obstacles: staff movements, field visits, initiatives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import date

from desk.domain.activity_figures import (
    CAME_HEADING,
    DOSSIERS_HEADING,
    FOUND_HEADING,
    INITIATIVES_LINE,
    MOVEMENTS_LINE,
    SERVED_HEADING,
    TOTAL_HEADING,
    VISITS_LINE,
    WENT_HEADING,
)
from desk.domain.formats import format_number_vi as _n
from desk.domain.outline import point_label
from desk.domain.register import Record
from desk.domain.registers import initiatives, movements, visits
from desk.domain.text import vi_sort_key
from desk.domain.units import Unit
from desk.reports.layout import Column
from desk.reports.periodic_report import BOLD, AnnexSheet, TableBlock
from desk.services.consolidation import Consolidation
from desk.services.consolidation_forms import FORM, STT, grouped, whole

MOVEMENTS_FORM, VISITS_FORM, INITIATIVES_FORM = "10", "11", "12"
SHOWN_TEAMS = 6      # visiting bodies named on a unit's line; the others counted
UNIT = Column("unit", "Đơn vị", 28)
MOVEMENT_KINDS = tuple((c.code, c.vi) for c in movements.KINDS)
VISIT_KINDS = tuple((c.code, c.vi) for c in visits.KINDS)
INITIATIVE_STATES = {c.code: c.vi for c in initiatives.STATUSES}


def _sum(counts: Iterable[int | None]) -> int | None:
    """The sum of the counts given; None when none is."""
    given = [n for n in counts if n is not None]
    return sum(given) if given else None


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


Counts = Callable[[list[Record]], Mapping[str, int] | Mapping[str | None, int]]


def _unit_name(c: Consolidation, unit: Unit) -> str:
    """A unit as a line names it: with its province at the ministry, where names repeat («Xã An Phú»)."""
    return f"{unit.name} ({unit.province.name})" if c.national else unit.name


def _per_unit_table(c: Consolidation, rows: list[Record], counted: tuple[tuple[str, str], ...], count_of: Counts,
                    more: tuple[Column, ...] = (), more_of: Callable[[list[Record], bool], Record] | None = None,
                    ) -> tuple[tuple[Column, ...], TableBlock]:
    """A line per unit whose report is used (zeros too, so a unit with none is told from one that did not
    report; a draft or an edited file left out has none), the sum on top: counted's columns as
    count_of(the unit's rows) gives them, then more's as more_of does (told whether it is the total line)."""
    columns = (STT, UNIT, Column("total", TOTAL_HEADING, 8, "int"),
               *(Column(key, heading, 9, "int") for key, heading in counted), *more)
    per_unit = grouped(rows)
    keys = ("total", *(key for key, _ in counted))
    lines = []
    for n, s in enumerate(c.used, start=1):
        own = per_unit.get(s.unit.code, [])
        counts = count_of(own)
        lines.append({"_stt": n, "unit": _unit_name(c, s.unit), "total": len(own),
                      **{k: counts.get(k, 0) for k, _ in counted}, **(more_of(own, False) if more_of else {})})
    first = {BOLD: True, "unit": "Tổng cộng", **{k: sum(line[k] for line in lines) for k in keys},
             **(more_of(rows, True) if more_of else {})}
    return columns, TableBlock(None, (first, *lines))


def movements_form(c: Consolidation) -> AnnexSheet:
    """Per unit: the movements of its period's list, coming in (by kind: what the province sent down) and
    going out."""
    counted = (("in", CAME_HEADING),
               *((f"in_{code}", f"Đến theo hình thức {label.lower()}") for code, label in MOVEMENT_KINDS),
               ("out", WENT_HEADING))
    columns, table = _per_unit_table(c, c.movements, counted, movements.counted)
    return AnnexSheet(movements.REGISTER.list_spec.sheet_name, f"Biểu số {MOVEMENTS_FORM}/{FORM}",
                      "TỔNG HỢP ĐIỀU ĐỘNG, BIỆT PHÁI, LUÂN CHUYỂN, TĂNG CƯỜNG CÁN BỘ", columns, (table,),
                      unit="lượt", notes=("Gồm các lượt bắt đầu trong kỳ và các lượt từ trước còn hiệu lực trong kỳ; "
                                          "tổng số = từ nơi khác đến + cán bộ của đơn vị đi nơi khác.",))


def visits_form(c: Consolidation) -> AnnexSheet:
    """Per unit: its visits by kind, the obstacles found during them, and which bodies came."""
    found_during = Counter(r.get("visit_id") for r in c.obstacles if r.get("visit_id"))

    def count_of(rows: list[Record]) -> Counter[str | None]:
        return Counter(r.get("kind") for r in rows)

    def more_of(rows: list[Record], total: bool) -> Record:
        found = sum(found_during[r.get("id")] for r in rows)
        if total:       # the sum, not every body named again
            return {"found": found, "teams": None}
        teams = sorted({r.get("team_body") or "" for r in rows} - {""}, key=vi_sort_key)
        shown = "; ".join(teams[:SHOWN_TEAMS])
        if len(teams) > SHOWN_TEAMS:
            shown += f"; và {_n(len(teams) - SHOWN_TEAMS)} cơ quan khác"
        return {"found": found, "teams": shown or None}

    more = (Column("found", FOUND_HEADING, 12, "int"),
            Column("teams", "Cơ quan của đoàn", 28))
    columns, table = _per_unit_table(c, c.visits, VISIT_KINDS, count_of, more, more_of)
    return AnnexSheet(visits.REGISTER.list_spec.sheet_name, f"Biểu số {VISITS_FORM}/{FORM}",
                      "TỔNG HỢP CÁC ĐỢT KHẢO SÁT, LÀM VIỆC TẠI CÁC ĐƠN VỊ", columns, (table,), unit="đợt",
                      notes=("Khó khăn, vướng mắc phát hiện qua khảo sát: số vụ việc trong danh sách của đơn vị "
                             "ghi nhận qua một đợt khảo sát, làm việc của kỳ.",))


def initiatives_form(c: Consolidation) -> AnnexSheet:
    """Every initiative of the units' period lists, by unit, the people it served summed on top."""
    columns = (STT, UNIT, Column("name", "Tên sáng kiến, mô hình", 40), Column("start", "Ngày bắt đầu", 11, "date"),
               Column("state", "Tình trạng", 14), Column("served", SERVED_HEADING, 13, "int"),
               Column("dossiers", DOSSIERS_HEADING, 13, "int"))
    ordered = sorted(c.initiatives, key=lambda r: (vi_sort_key(r["_unit"].short_name), r["_unit"].code,
                                                  r.get("start_date") or "", vi_sort_key(r.get("name") or "")))
    lines = [{"_stt": n, "unit": _unit_name(c, r["_unit"]), "name": r.get("name"), "start": _day(r.get("start_date")),
              "state": INITIATIVE_STATES.get(r.get("status") or "", r.get("status")),
              "served": whole(r.get("people_served")), "dossiers": whole(r.get("dossiers_handled"))}
             for n, r in enumerate(ordered, start=1)]
    first = {BOLD: True, "unit": "Tổng cộng", "name": f"{_n(len(lines))} sáng kiến, mô hình của "
             f"{_n(len({r['_unit'].code for r in ordered}))} đơn vị",
             "served": _sum(whole(r.get("people_served")) for r in ordered),
             "dossiers": _sum(whole(r.get("dossiers_handled")) for r in ordered)}
    return AnnexSheet(initiatives.REGISTER.list_spec.sheet_name, f"Biểu số {INITIATIVES_FORM}/{FORM}",
                      "DANH SÁCH SÁNG KIẾN, MÔ HÌNH PHỤC VỤ NGƯỜI DÂN CỦA CÁC ĐƠN VỊ", columns,
                      (TableBlock(None, (first, *lines) if lines else ()),))


def cover_lines(c: Consolidation) -> tuple[str, ...]:
    """What the cover says of the three forms: their totals, in words where there is none."""
    def units(rows: list[Record]) -> str:
        return _n(len({r["_unit"].code for r in rows}))

    counts = movements.counted(c.movements)
    kinds = "; ".join(f"{label.lower()}: {_n(counts[f'in_{code}'])}" for code, label in MOVEMENT_KINDS
                      if counts[f"in_{code}"])
    moves = (f"{_n(len(c.movements))} lượt, gồm {_n(counts['in'])} lượt cán bộ, công chức từ nơi khác đến các đơn vị"
             + (f" (theo hình thức: {kinds})" if kinds else "")
             + f" và {_n(counts['out'])} lượt cán bộ của các đơn vị đi nơi khác"
             if c.movements else "các đơn vị không có lượt nào trong kỳ")
    visited = {r.get("id") for r in c.visits}
    found = sum(1 for r in c.obstacles if r.get("visit_id") in visited)
    trips = (f"{_n(len(c.visits))} đợt tại {units(c.visits)} đơn vị; qua đó ghi nhận {_n(found)} khó khăn, vướng mắc"
             if c.visits else "không có đợt khảo sát, làm việc nào tại các đơn vị trong kỳ")
    served = _sum(whole(r.get("people_served")) for r in c.initiatives) or 0
    dossiers = _sum(whole(r.get("dossiers_handled")) for r in c.initiatives) or 0
    ideas = (f"{_n(len(c.initiatives))} sáng kiến, mô hình của {units(c.initiatives)} đơn vị, lũy kế đã phục vụ "
             f"{_n(served)} lượt người dân, hỗ trợ {_n(dossiers)} hồ sơ" if c.initiatives
             else "các đơn vị không có sáng kiến, mô hình nào được triển khai trong kỳ")
    said = ((MOVEMENTS_LINE, moves, MOVEMENTS_FORM), (VISITS_LINE, trips, VISITS_FORM),
            (INITIATIVES_LINE, ideas, INITIATIVES_FORM))
    return tuple(f"{point_label(n, False)} {what}: {figures} (biểu số {form}/{FORM})."
                 for n, (what, figures, form) in enumerate(said, start=1))
