"""A stacked widget whose pages are built the first time they are asked for, so start-up builds only the home page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from desk.services import foreground


class LazyStack(QStackedWidget):
    """Pages by name, each made by its factory on first use (page(), show_page() or show_index()).

    Until then an empty placeholder holds its place, so indexes (the navigation's rows) never move.
    built(name, page) is emitted once per page, right after it replaced its placeholder.
    """

    built = Signal(str, QWidget)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._names: list[str] = []
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._pages: dict[str, QWidget] = {}

    def add_page(self, name: str, factory: Callable[[], QWidget]) -> None:
        self._names.append(name)
        self._factories[name] = factory
        self.addWidget(QWidget())

    @property
    def names(self) -> list[str]:
        return list(self._names)

    def index_of(self, name: str) -> int:
        return self._names.index(name)

    def name_of(self, page: QWidget | None) -> str | None:
        """The name of a built page (None for anything else)."""
        return next((name for name, built in self._pages.items() if built is page), None)

    def is_built(self, name: str) -> bool:
        return name in self._pages

    def built_pages(self) -> list[QWidget]:
        """The pages built so far, in navigation order (the others have nothing to refresh)."""
        return [self._pages[name] for name in self._names if name in self._pages]

    def page(self, name: str) -> QWidget:
        """The page, built now if it was not yet."""
        found = self._pages.get(name)
        if found is not None:
            return found
        with foreground.reading():      # a register's search texts read in the background wait meanwhile
            found = self._factories[name]()
        self._pages[name] = found
        index = self._names.index(name)
        placeholder = self.widget(index)
        was_current = self.currentIndex()
        # Inserting before the current page shifts its index, and removing the current placeholder
        # would show a neighbour: put the current index back afterwards.
        self.blockSignals(True)
        try:
            self.insertWidget(index, found)
            self.removeWidget(placeholder)
            self.setCurrentIndex(was_current)
        finally:
            self.blockSignals(False)
        placeholder.deleteLater()
        self.built.emit(name, found)
        return found

    def show_page(self, name: str) -> QWidget:
        page = self.page(name)
        self.setCurrentWidget(page)
        return page

    def show_index(self, index: int) -> None:
        """Show the page at a navigation row (a negative row, as from an emptied list, does nothing)."""
        if 0 <= index < len(self._names):
            self.show_page(self._names[index])
