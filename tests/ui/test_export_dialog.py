"""Exporting from the window: the dialog shows the Decree 09 window before the file is chosen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desk.domain.periods import PeriodKind
from desk.ui.export_dialog import ExportDialog


def test_dialog_starts_on_the_month_just_closed_and_shows_its_window(qtbot, tmp_path):
    dialog = ExportDialog(tmp_path, today=date(2025, 10, 20))
    qtbot.addWidget(dialog)
    # 20/10/2025 lies in month 11's window (15/10–14/11); the month just closed is October
    assert dialog.period().code == "2025-10"
    assert dialog.window_line.text() == "Tháng 10/2025\n(Từ ngày 15/09/2025 đến ngày 14/10/2025)"


def test_quarter_and_year_windows(qtbot, tmp_path):
    dialog = ExportDialog(tmp_path, today=date(2025, 10, 20))
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(PeriodKind.QUARTER))
    dialog.year.setValue(2025)
    dialog.number.setValue(3)
    assert "(Từ ngày 15/06/2025 đến ngày 14/09/2025)" in dialog.window_line.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData(PeriodKind.YEAR))
    assert "(Từ ngày 15/12/2024 đến ngày 14/12/2025)" in dialog.window_line.text()


def test_a_bad_range_disables_export_and_says_why(qtbot, tmp_path):
    dialog = ExportDialog(tmp_path, today=date(2025, 10, 20))
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(PeriodKind.RANGE))
    dialog.date_from.setText("10/10/2025")
    dialog.date_to.setText("31/02/2025")
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    assert "31/02/2025" in dialog.window_line.text()
    dialog.date_to.setText("01/10/2025")
    assert not ok.isEnabled() and "trước ngày bắt đầu" in dialog.window_line.text()
    dialog.date_to.setText("31/10/2025")
    assert ok.isEnabled() and dialog.period().start == date(2025, 10, 10)


def test_chosen_file_gets_the_xlsx_suffix(qtbot, tmp_path, monkeypatch):
    dialog = ExportDialog(tmp_path, today=date(2025, 10, 20))
    qtbot.addWidget(dialog)
    monkeypatch.setattr("desk.ui.export_dialog.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "bao-cao"), ""))
    assert dialog.choose_file() == Path(tmp_path / "bao-cao.xlsx")
