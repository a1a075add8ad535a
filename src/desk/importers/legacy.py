"""Finding TCVN3/VNI text in a read workbook and proposing its Unicode form (never applied unasked)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from desk.domain.legacy_text import (
    NAMES,
    Encoding,
    converted,
    could_be_legacy,
    font_encoding,
    is_capital_font,
    is_strong,
)
from desk.importers.workbook import Book, cell_fonts

MAX_SAMPLES = 8
SAMPLE_ROWS = 5_000   # rows of each sheet looked at before deciding to scan it all

type CellRef = tuple[str, int, int]     # (sheet, row, column), 1-based


@dataclass(frozen=True)
class LegacyFinding:
    """What conversion would do: the encoding, why it was chosen, and every cell it changes."""

    encoding: Encoding
    fonts: tuple[str, ...]                               # legacy fonts the workbook uses
    conversions: dict[CellRef, str] = field(repr=False)  # cell -> its Unicode text
    samples: tuple[tuple[str, str, str], ...]            # (where, before, after)

    @property
    def name(self) -> str:
        return NAMES[self.encoding]

    @property
    def cells(self) -> int:
        return len(self.conversions)


def scan(book: Book, *, fonts_only: bool = False) -> LegacyFinding | None:
    """Legacy text in the visible sheets, by the cells' fonts and by character pattern; None if none.

    First the first SAMPLE_ROWS rows of each sheet are read for legacy-looking text. Without a
    legacy font declared in the workbook, the sample must hold strong evidence (a phrase that
    reads as Vietnamese only once converted): a stray "Êy" in a Unicode file proves nothing.
    Only then is the workbook scanned whole, with each cell's font when it declares a legacy
    font: a Unicode workbook of 100,000 rows costs one sample, and openpyxl (slow) is never
    opened for it. fonts_only: a file Desk wrote (its template) is only suspected when a legacy
    font was pasted into it.
    """
    legacy_fonts = tuple(sorted(f for f in book.fonts if font_encoding(f)))
    if fonts_only and not legacy_fonts:
        return None
    visible = [sheet for sheet in book.sheets if sheet.visible]
    sampled: dict[Encoding, dict[CellRef, str]] = {e: {} for e in Encoding}
    sample_originals: dict[CellRef, str] = {}
    for sheet in visible:
        _scan_rows(sheet, 1, min(sheet.height, SAMPLE_ROWS), {}, sampled, sample_originals)
    evidence = [ref for cells in sampled.values() for ref, after in cells.items()
                if legacy_fonts or is_strong(sample_originals[ref], after)]
    if not evidence:
        return None
    found: dict[Encoding, dict[CellRef, str]] = {e: {} for e in Encoding}
    originals: dict[CellRef, str] = {}
    for sheet in visible:
        if not legacy_fonts:
            fonts = {}
        elif book.cell_fonts is not None:
            fonts = book.cell_fonts.get(sheet.name, {})
        else:
            fonts = cell_fonts(book.path, sheet.name)
        _scan_rows(sheet, 1, sheet.height, fonts, found, originals)
    counts = Counter({e: len(cells) for e, cells in found.items() if cells})
    if not counts:
        return None
    encoding = counts.most_common(1)[0][0]
    conversions = found[encoding]
    samples = []
    seen = set()
    for ref, after in conversions.items():
        before = originals[ref]
        if before in seen:
            continue
        seen.add(before)
        sheet_name, row, col = ref
        samples.append((f"{sheet_name}!{get_column_letter(col)}{row}", before, after))
        if len(samples) == MAX_SAMPLES:
            break
    used = tuple(f for f in legacy_fonts if font_encoding(f) is encoding)
    return LegacyFinding(encoding, used, conversions, tuple(samples))


def apply(book: Book, finding: LegacyFinding) -> None:
    """Replace the legacy cells of book with their Unicode text (after the clerk agreed)."""
    for (sheet_name, row, col), text in finding.conversions.items():
        sheet = book.sheet(sheet_name)
        sheet.rows[row - 1][col - 1] = text


def _scan_rows(sheet, first: int, last: int, fonts: dict, found: dict, originals: dict) -> int:
    hits = 0
    for row_number in range(first, last + 1):
        for col, value in enumerate(sheet.rows[row_number - 1], start=1):
            if not isinstance(value, str) or value.isascii() or not could_be_legacy(value):
                continue
            ref = (sheet.name, row_number, col)
            font = fonts.get((row_number, col))
            by_font = font_encoding(font)
            if by_font is not None:
                result = converted(value, by_font, font_says=True, capitals=is_capital_font(font))
                if result is not None:
                    found[by_font][ref] = result
                    originals[ref] = value
                    hits += 1
                continue
            for encoding in Encoding:
                result = converted(value, encoding)
                if result is not None:
                    found[encoding][ref] = result
                    originals[ref] = value
                    hits += 1
    return hits
