"""A long table's row heights estimated from its texts, without openpyxl (a reading worker estimates its rows)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

MAX_ROW_HEIGHT = 409  # points; Excel refuses taller rows
# The mean advance of a character that is not a space, in Vietnamese text with its usual few
# capitals: 0.47 em by layout._em (measured on generated obstacle lists); a little more errs tall.
EM_MEAN = 0.48


def lines_height(lines: int, size: float) -> float:
    return lines * size * 1.4 + 4


def estimate_lines(text: str, per_em: float, capital: float) -> int:
    spaces = text.count(" ")
    em = capital if text.isupper() else EM_MEAN
    return max(1, math.ceil(((len(text) - spaces) * em + spaces * 0.25) * per_em))


# A column's plan: (key, characters that fit on a line even in capitals, lines per em, width in points).
ColumnPlan = tuple[str, float, float, float]


@dataclass(frozen=True)
class EstimatedHeight:
    """(values, bold) -> points by counting characters (layout.row_height_estimator's long-table mode).

    A plain object, not a closure: the writer hands it to the reading workers, which estimate the
    rows they read the same way."""

    plain: tuple[ColumnPlan, ...]
    bold: tuple[ColumnPlan, ...]
    size: float
    capital: float
    one_line: float         # the height of a row of one line

    def __call__(self, values: Mapping, bold: bool = False) -> float:
        capital = self.capital
        lines = 1
        for key, sure, per_em, _points in (self.bold if bold else self.plain):
            text = values.get(key)
            if type(text) is not str or (len(text) <= sure and "\n" not in text):
                continue
            if "\n" in text:
                count = sum(estimate_lines(part, per_em, capital) for part in text.split("\n"))
            else:  # estimate_lines, inline: this runs for most cells of a 100,000-row list
                spaces = text.count(" ")
                em = capital if text.isupper() else EM_MEAN
                count = math.ceil(((len(text) - spaces) * em + spaces * 0.25) * per_em)
            if count > lines:
                lines = count
        return self.one_line if lines == 1 else min(MAX_ROW_HEIGHT, round(lines_height(lines, self.size), 1))
