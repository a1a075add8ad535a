"""The window half of `desk selfcheck`: the main window and a chart, drawn without showing them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCharts import QChart, QChartView, QPieSeries
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QApplication, QWidget

from desk import paths
from desk.ui import settings as options
from desk.ui.app import install_translators, make_application


@dataclass(frozen=True)
class WindowFacts:
    platform: str                   # the Qt platform plugin that was loaded
    translations: tuple[str, ...]   # the .qm files found in the bundle and loaded
    i18n_folder: str
    title: str
    rows: int                       # rows in the obstacle register's table
    colours: int                    # distinct colours in the window's picture
    chart_colours: int
    icon: bool                      # the SVG app icon rendered (Qt's SVG plugins are shipped)


def distinct_colours(image: QImage, step: int = 4) -> int:
    """Colours on a sampling grid: a few for a blank picture, many once text and icons are drawn."""
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


def _picture(widget: QWidget, png: Path | None = None) -> QImage:
    pixmap = widget.grab()
    if png is not None:
        pixmap.save(str(png))
    return pixmap.toImage()


def render(workspace, folder: Path, png: Path) -> WindowFacts:
    """Build the main window over workspace as a clerk would see it, draw it, and undo the global changes."""
    from desk.ui.main_window import MainWindow
    from desk.ui.register_screen import RegisterScreen

    app = make_application()
    previous_locale = QLocale()
    translators = install_translators(app, "vi")
    window = None
    try:
        window = MainWindow(workspace, options.Settings(paths.settings_path(folder)))
        # Laid out and painted like a shown window, but never mapped on the clerk's screen.
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        window.show()
        window.screen("obstacles")     # screens are built when first shown: the check opens the register itself
        app.processEvents()
        screen = window.findChild(RegisterScreen, "register_obstacles")
        rows = screen.model.rowCount() if screen is not None else -1
        colours = distinct_colours(_picture(window, png))
        chart_colours = distinct_colours(_picture(_chart_view(screen)))
        icon = QIcon(str(paths.resources_dir() / "icons" / "desk.svg"))
        return WindowFacts(
            platform=QApplication.platformName(),
            translations=tuple(Path(t.filePath()).stem for t in translators),
            i18n_folder=str(paths.resources_dir() / "i18n"),
            title=window.windowTitle(), rows=rows, colours=colours, chart_colours=chart_colours,
            icon=not icon.pixmap(32, 32).isNull())
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(previous_locale)
        app.processEvents()


def _chart_view(screen) -> QChartView:
    """A pie of the register's rows by status: QtCharts is loaded and draws (the dashboard needs it)."""
    counts: dict[str, int] = {}
    model = screen.model if screen is not None else None
    for row in range(model.rowCount() if model is not None else 0):
        status = str(model.row_record(row).get("status") or "?")
        counts[status] = counts.get(status, 0) + 1
    series = QPieSeries()
    for label, count in (counts or {"?": 1}).items():
        series.append(label, count)
    chart = QChart()
    chart.addSeries(series)
    chart.setTitle("Tình trạng")
    view = QChartView(chart)
    view.resize(480, 320)
    return view
