"""The settings section for staffing and movement rules (caps, limits), every one a number with a default."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QSpinBox

from desk.domain.registers.officials import STAFF_CATEGORIES
from desk.services import rule_settings
from desk.services.rule_settings import RuleSettings


class RulesBox(QGroupBox):
    """Spin boxes keep every value in its range; rules() raises ValidationError if no category is ticked."""

    def __init__(self, rules: RuleSettings, parent=None):
        super().__init__(parent)
        self.setObjectName("rulesBox")
        self.deputy_average = QDoubleSpinBox()
        self.deputy_average.setRange(0, 10)
        self.deputy_average.setDecimals(1)
        self.deputy_average.setSingleStep(0.5)
        self.deputy_average.setValue(rules.deputy_average)
        self.vice_chairs = QSpinBox()
        self.vice_chairs.setRange(0, 10)
        self.vice_chairs.setValue(rules.vice_chairs_allotted)
        self.max_months = QSpinBox()
        self.max_months.setRange(1, 120)
        self.max_months.setValue(rules.secondment_max_months)
        self.soon_days = QSpinBox()
        self.soon_days.setRange(1, 365)
        self.soon_days.setValue(rules.ending_soon_days)
        for name, editor in (("deputy_average", self.deputy_average), ("vice_chairs", self.vice_chairs),
                             ("max_months", self.max_months), ("soon_days", self.soon_days)):
            editor.setObjectName(name)
        self.categories = {}
        row = QHBoxLayout()
        for choice in STAFF_CATEGORIES:
            box = QCheckBox(choice.label)
            box.setObjectName(f"counted_{choice.code}")
            box.setChecked(choice.code in rules.counted_categories)
            self.categories[choice.code] = box
            row.addWidget(box)
        self.labels = {name: QLabel() for name in ("deputy_average", "vice_chairs", "max_months", "soon_days",
                                                   "categories")}
        form = QFormLayout(self)
        form.addRow(self.labels["deputy_average"], self.deputy_average)
        form.addRow(self.labels["vice_chairs"], self.vice_chairs)
        form.addRow(self.labels["max_months"], self.max_months)
        form.addRow(self.labels["soon_days"], self.soon_days)
        form.addRow(self.labels["categories"], row)
        for name, editor in (("deputy_average", self.deputy_average), ("vice_chairs", self.vice_chairs),
                             ("max_months", self.max_months), ("soon_days", self.soon_days)):
            self.labels[name].setBuddy(editor)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Staffing and movements"))
        self.labels["deputy_average"].setText(self.tr("Deputies per office, on average (NQ 332):"))
        self.labels["vice_chairs"].setText(self.tr("Vice-chairs allotted by the province:"))
        self.labels["max_months"].setText(self.tr("Longest secondment (months):"))
        self.labels["soon_days"].setText(self.tr("Warn this many days before a movement ends:"))
        self.labels["categories"].setText(self.tr("Counted on the staffing frame:"))

    def rules(self) -> RuleSettings:
        return rule_settings.parse({
            "deputy_average": self.deputy_average.value(), "vice_chairs_allotted": self.vice_chairs.value(),
            "secondment_max_months": self.max_months.value(), "ending_soon_days": self.soon_days.value(),
            "counted_categories": [code for code, box in self.categories.items() if box.isChecked()]})
