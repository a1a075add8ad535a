"""Obstacle lists' column widths follow what the columns hold, so a landscape page prints more obstacles."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from desk.domain.registers import obstacles
from desk.reports import consolidated_report, layout, obstacle_report
from desk.reports.consolidated_report import LongList
from desk.reports.layout import LANDSCAPE_UNITS, Column, DocumentHeader, fit_columns, sampled_rows, squeezed
from desk.reports.obstacle_report import DETAIL_SHEET, ObstacleReportData, build_workbook
from desk.reports.periodic_report import AnnexSheet, TableBlock, write_annex
from desk.services import demo
from desk.services.obstacle_report import detail_columns

LABELS = {"domain": {c.code: c.vi for c in obstacles.DEFAULT_DOMAINS},
          "status": {c.code: c.vi for c in obstacles.STATUSES},
          "level": {c.code: c.vi for c in obstacles.LEVELS}}
STT = Column("_stt", "STT", 6, "text", align="center")
NOTE = Column("_note", "Ghi chú", 16)
COLUMNS = (STT, *detail_columns(), NOTE)


def _obstacles(count: int, seed: int = 7) -> list[dict]:
    """Obstacles as the demo makes them (communes' own wording), labelled as a report shows them."""
    rng = random.Random(seed)
    rows = []
    for number in range(1, count + 1):
        values = demo.obstacle_values(rng, date(2025, 12, 1))
        for key, labels in LABELS.items():
            values[key] = labels[values[key]]
        rows.append({**values, "_stt": number})
    return rows


def _width(columns, key: str) -> float:
    return next(c.width for c in columns if c.key == key)


@pytest.fixture(scope="module")
def rows():
    return [{**r, "result": None, "guide_doc": None} for r in _obstacles(200)]   # none resolved yet


@pytest.fixture(scope="module")
def fitted(rows):
    return fit_columns(COLUMNS, tables=[rows])


def test_the_columns_fit_the_landscape_page_dates_and_the_number_keep_their_width(fitted):
    assert sum(c.width for c in fitted) <= LANDSCAPE_UNITS + 1e-6
    for declared, chosen in zip(COLUMNS, fitted):
        if declared.kind != "text" or declared.align:
            assert chosen.width == declared.width, declared.key


def test_an_empty_column_shrinks_to_its_heading_and_gives_its_room_to_the_texts(fitted):
    old = squeezed(COLUMNS)
    assert _width(fitted, "result") < _width(old, "result") - 5
    for key in ("result", "guide_doc", "_note"):
        column = next(c for c in fitted if c.key == key)
        assert column.width < _width(old, key) and column.width < _width(fitted, "title") / 2
        assert layout._lines(column.header, 12, True, layout._column_points(column.width)) <= 5
    assert _width(fitted, "title") > _width(old, "title") + 4      # the obstacle itself gets the room
    assert _width(fitted, "title") == max(c.width for c in fitted)


def test_no_heading_word_and_no_word_of_the_text_is_broken(fitted, rows):
    for column in (c for c in fitted if c.kind == "text" and not c.align):    # the number keeps its width
        points = layout._column_points(column.width)
        words = {w for r in rows if isinstance(r.get(column.key), str) for w in r[column.key].split()}
        broken = [w for w in column.header.split() if layout._lines(w, 12, True, points) > 1]
        broken += [w for w in words if layout._lines(w, 12, False, points) > 1]
        assert not broken, (column.key, column.width, broken[:3])


def test_a_list_of_obstacles_takes_markedly_fewer_lines(fitted, rows):
    before = sum(layout.estimated_heights(squeezed(COLUMNS), rows))
    after = sum(layout.estimated_heights(fitted, rows))
    assert after < 0.85 * before        # demo lists: a fifth fewer points of rows


def _report(rows: list[dict]) -> ObstacleReportData:
    header = DocumentHeader(parent_body="ỦY BAN NHÂN DÂN", body="PHƯỜNG NGÔ QUYỀN", doc_number="Số: 01/BC-UBND",
                            place="Ngô Quyền", signed_on=date(2025, 12, 2), title="BÁO CÁO", subject="Khó khăn",
                            period_line="(Quý IV năm 2025)", reporting_unit="UBND phường Ngô Quyền",
                            receiving_unit="Sở Nội vụ", recipients=("Sở Nội vụ",))
    codes = {label: code for code, label in LABELS["domain"].items()}
    statuses = {label: code for code, label in LABELS["status"].items()}
    listed = [{**r, "domain_code": codes[r["domain"]], "status_code": statuses[r["status"]], "carried_over": False}
              for r in rows]
    return ObstacleReportData(header, tuple(LABELS["domain"].items()), tuple(LABELS["status"].items()),
                              detail_columns(), tuple(listed))


def _list_pages(rows: list[dict]) -> int:
    return len(build_workbook(_report(rows), stream=[])[DETAIL_SHEET].row_breaks.brk) + 1


def test_a_printed_page_of_the_obstacle_report_holds_more_obstacles(rows, monkeypatch):
    pages = _list_pages(rows)
    monkeypatch.setattr(obstacle_report, "fit_columns",
                        lambda columns, units=LANDSCAPE_UNITS, tables=(): squeezed(columns))
    before = _list_pages(rows)
    # The squeezed widths printed about three obstacles a page (most rows six lines tall); these, about four.
    assert len(rows) / before < 3.3 and pages <= 0.82 * before and len(rows) / pages >= 4


def test_the_rows_widths_are_chosen_from_are_spread_over_every_table_and_the_same_each_time():
    tables = [[{"n": (t, i)} for i in range(n)] for t, n in enumerate((700, 5, 2_300))]
    sample = sampled_rows(tables, limit=100)
    assert len(sample) <= 101 and sample == sampled_rows(tables, limit=100)
    assert {r["n"][0] for r in sample} >= {0, 2}
    assert sampled_rows([tables[1]], limit=100) == tables[1]          # a short list is read whole


def test_without_text_the_columns_are_squeezed_as_declared():
    assert fit_columns(COLUMNS, tables=[[{"_stt": 1}]]) == squeezed(COLUMNS) == fit_columns(COLUMNS)


def test_a_column_of_short_labels_needs_no_more_than_its_longest_label(fitted, rows):
    one_line = [r["level"] for r in rows]
    points = layout._column_points(_width(fitted, "level"))
    assert all(layout._lines(label, 12, False, points) == 1 for label in one_line) or \
        _width(fitted, "level") <= max(layout._units_for(layout._text_points(x, 12, False)) for x in one_line)


def test_a_wide_sheet_keeps_its_declared_widths_when_they_fit(rows):
    narrow = (STT, replace(NOTE, width=40))
    assert fit_columns(narrow, tables=[rows]) == narrow


def _widths(ws, count: int) -> list[float]:
    return [ws.column_dimensions[get_column_letter(i)].width for i in range(1, count + 1)]


def test_the_periodic_reports_lists_and_the_consolidated_long_list_choose_widths_the_same_way(rows, fitted):
    header = _report(rows).header
    annex = AnnexSheet("KKVM chi tiết", "", "DANH SÁCH KHÓ KHĂN, VƯỚNG MẮC", COLUMNS,
                       (TableBlock("I. PHÁT SINH TRONG KỲ", tuple(rows[:80])),
                        TableBlock("II. TỪ KỲ TRƯỚC", tuple(rows[80:]))))
    wb = Workbook()
    write_annex(wb.active, annex, header, stream=[])
    assert _widths(wb.active, len(COLUMNS)) == [c.width for c in fitted]
    long_list = wb.create_sheet("Danh sách")
    consolidated_report._write_long_list(long_list, LongList("Danh sách", "Biểu số 07/TH", "DANH SÁCH", COLUMNS,
                                                             tuple(rows)), header)
    assert _widths(long_list, len(COLUMNS)) == [c.width for c in fitted]
