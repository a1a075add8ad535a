"""Form editors for the field kinds that need more than one widget: several choices, a reference."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget

from desk.domain.fields import Choice

COLUMNS = 2


class MultiChoiceEditor(QWidget):
    """One check box per choice, in the list's order; the value is the ticked codes."""

    def __init__(self, choices: tuple[Choice, ...], parent=None):
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        for i, choice in enumerate(choices):
            box = QCheckBox(choice.label)
            box.setObjectName(f"choice_{choice.code}")
            self.boxes[choice.code] = box
            grid.addWidget(box, i // COLUMNS, i % COLUMNS)
        if self.boxes:
            self.setFocusProxy(next(iter(self.boxes.values())))

    def set_codes(self, value: str | None) -> None:
        chosen = set((value or "").split(","))
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)

    def codes(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def focus_chain(self) -> list[QWidget]:
        """The check boxes in reading order (rows, then columns), for the form's tab order."""
        return list(self.boxes.values())
