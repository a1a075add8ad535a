"""The consolidation dialog: runs in a thread with progress; a cancelled run writes nothing."""

from __future__ import annotations

import threading
from datetime import date, datetime
from pathlib import Path

import pytest

from desk.domain import deadlines, periods, units
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import consolidation, periodic_report, records
from desk.ui.consolidation_screen import ConsolidationDialog

HAI_PHONG = 31


@pytest.fixture
def inbox(workspace, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for n, unit in enumerate(units.units_of(HAI_PHONG)[:3]):
        with workspace.session() as session:
            records.save(session, OBSTACLES, {"domain": "PREMISES", "title": f"Trụ sở {n}", "level": "province",
                                              "raised_on": "01/08/2025", "status": "received"}, unit_code=unit.code)
            periodic_report.export(session, unit, periods.parse_period("2025-Q3"), folder / f"{unit.code}.xlsx",
                                   now=datetime(2025, 9, 16, 9, 0), submit=True)
    return folder


@pytest.fixture
def dialog(qtbot, inbox, tmp_path):
    widget = ConsolidationDialog(HAI_PHONG, deadlines.DEFAULT_RULE, today=date(2025, 9, 20))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.add_items([inbox])
    widget.out.setText(str(tmp_path / "tong-hop.xlsx"))
    return widget


def test_it_starts_on_the_last_ended_quarter_and_the_office_s_province(dialog):
    assert dialog.chosen_period().code == "2025-Q3"
    assert dialog.province.currentData() == HAI_PHONG
    assert dialog.start.isEnabled()


def test_a_run_reports_progress_and_writes_the_workbook(qtbot, dialog, tmp_path):
    steps = []
    dialog.progress.valueChanged.connect(steps.append)
    dialog.start.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30_000)
    assert (tmp_path / "tong-hop.xlsx").exists()
    assert dialog.result is not None and len(dialog.result.used) == 3
    assert "3" in dialog.status.text() and str(tmp_path / "tong-hop.xlsx") in dialog.status.text()
    assert steps and max(steps) == 3
    assert dialog.start.isEnabled()             # ready for another run


def test_cancel_stops_the_run_and_writes_nothing(qtbot, dialog, tmp_path, monkeypatch):
    # Given a reader that waits until the test lets it go (a slow network share)
    release = threading.Event()
    real = consolidation.open_report

    def slow(path):
        release.wait(10)
        return real(path)

    monkeypatch.setattr(consolidation, "open_report", slow)
    dialog.start.click()
    assert dialog.is_running() and not dialog.files.isEnabled()
    # When the clerk cancels while the first file is being read
    dialog.cancel.click()
    release.set()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30_000)
    # Then nothing is written and the dialog says so
    assert not (tmp_path / "tong-hop.xlsx").exists()
    assert dialog.result is None
    assert dialog.status.text() == "Cancelled. Nothing was written."
    assert dialog.isVisible()


def test_it_fits_a_small_screen(dialog):
    dialog.resize(760, 520)
    for widget in (dialog.start, dialog.cancel, dialog.browse, dialog.add_folder):
        assert widget.isVisible() and widget.geometry().right() <= dialog.width()
    dialog.grab().save(str(Path("/tmp/consolidation_dialog.png")))


def test_drafts_are_left_out_unless_ticked_and_the_check_s_limits_are_said(qtbot, dialog, workspace, tmp_path):
    unit = units.units_of(HAI_PHONG)[3]
    with workspace.session() as session:
        periodic_report.export(session, unit, periods.parse_period("2025-Q3"),
                               Path(dialog.items()[0]) / "du-thao.xlsx", now=datetime(2025, 9, 16, 9, 0))
    assert "not a determined forger" in dialog.labels["check"].text() or "cố ý làm giả" in dialog.labels["check"].text()
    dialog.start.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30_000)
    assert len(dialog.result.used) == 3 and [s.unit for s in dialog.result.drafts] == [unit]
    assert dialog.flagged.isVisibleTo(dialog) and dialog.flagged.count() == 1
    dialog.include_drafts.setChecked(True)
    dialog.start.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30_000)
    assert len(dialog.result.used) == 4 and dialog.result.include_drafts


def test_the_whole_country_is_a_choice(dialog):
    assert dialog.province.itemData(0) == 0 and dialog.province.count() == len(units.provinces()) + 1


def test_the_whole_country_s_missing_units_are_counted_with_their_thousands_grouped(qtbot, dialog):
    from desk.domain.formats import format_count

    dialog.province.setCurrentIndex(0)                  # the whole country (the ministry)
    dialog.start.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60_000)
    missing = len(units.all_units()) - 3
    assert missing > 999 and f" {format_count(missing)} " in dialog.status.text()
    assert format_count(missing) != str(missing)
