"""The "sửa sau khi xuất" check: the figures a report prints, recomputed from its machine-readable data."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime

from desk.domain import staffing
from desk.domain.activity_figures import (
    CAME_HEADING,
    DOSSIERS_HEADING,
    FOUND_HEADING,
    INITIATIVES_LINE,
    INITIATIVES_PHRASE,
    MOVEMENTS_LINE,
    MOVEMENTS_PHRASE,
    SERVED_HEADING,
    TOTAL_HEADING,
    VISITS_LINE,
    VISITS_PHRASE,
    WENT_HEADING,
)
from desk.domain.formats import format_number_vi
from desk.domain.obstacle_figures import (
    CLOSED_OPENING,
    CONSOLIDATED_OPEN_OPENING,
    OPEN_AT_END_OPENING,
    RESOLVED_OPENING,
    TOTAL_OPENING,
    ObstacleFigures,
)
from desk.domain.outline import without_point_label
from desk.domain.periods import Period
from desk.domain.register import Record
from desk.domain.registers import initiatives, movements, needs, obstacles, procedures, visits
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.importers.desk_report import PrintedSheet, ReportFile
from desk.reports.manifest import text_of

DATE_COLUMNS = OBSTACLES.date_fields
# The lists a report prints of each register, and a consolidation its form of them, by one name.
MOVEMENTS_SHEET, VISITS_SHEET, INITIATIVES_SHEET = (
    reg.list_spec.sheet_name for reg in (movements.REGISTER, visits.REGISTER, initiatives.REGISTER))
TOTAL = "Tổng cộng"
_NUMBER = re.compile(r"\d[\d.]*")


@dataclass(frozen=True)
class Edit:
    """A printed figure that its data does not give: where, what is printed, what the data gives."""

    sheet: str
    cell: str
    printed: str
    computed: str

    @property
    def message(self) -> str:
        where = f"trang «{self.sheet}», ô {self.cell}" if self.cell else f"trang «{self.sheet}»"
        return f"{where}: in «{self.printed}», dữ liệu kèm theo cho «{self.computed}»"


Days = dict[object, object]       # a day's text or date -> the one date object the rows share


def type_dates(rows: Iterable[Record], days: Days) -> None:
    """Obstacle rows' date columns as dates, in place, each distinct text read once (days keeps them) by
    the field's own codec: a text that is not a date stays text (the consolidation's row check names it)."""
    get = days.get
    readers = [(key, OBSTACLES.spec[key].codec.from_text) for key in DATE_COLUMNS]
    for row in rows:
        for key, read in readers:
            text = row.get(key)
            if text:
                day = get(text)
                if day is None:
                    day = days[text] = read(text)
                row[key] = day
            else:                   # empty, or a column the file lacks: no day
                row[key] = None


def edits(report: ReportFile, period: Period, rows: list[Record]) -> list[Edit]:
    """Every printed figure of the file that its data does not give ([] for an untouched file). rows: its
    obstacle rows, their dates as dates (type_dates)."""
    if report.consolidated:
        tally = Tally(period)
        tally.add(rows)
        for block in ACTIVITY_BLOCKS:
            tally.add_block(block, report.rows(block))
        return tally.edits(report.printed, _labels(report, "domain"))
    return _commune_edits(report, rows, period)


# --- reading printed cells --------------------------------------------------------------------

def _cell(sheet: PrintedSheet, r: int, c: int) -> str:
    # Here, only when an edit is found: a reading worker starts without openpyxl (importers/worker.py).
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(sheet.first_col + c + 1)}{sheet.first_row + r + 1}"


def _texts(sheet: PrintedSheet | None) -> Iterator[tuple[int, int, str]]:
    """(row, col, text) of every text cell, spaces normalised (names print with no-break spaces)."""
    if sheet is None:
        return
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if isinstance(value, str) and value:
                yield r, c, " ".join(value.replace("\xa0", " ").split())


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(n.replace(".", "")) for n in _NUMBER.findall(text) if n.replace(".", "").isdigit())


def _paragraph_edits(sheet: PrintedSheet | None, expected: dict[str, tuple[int, ...]]) -> list[Edit]:
    """Cover paragraphs found by their opening words; their numbers, in order, against the data's."""
    found: list[Edit] = []
    if sheet is None:
        return found
    for r, c, text in _texts(sheet):
        words = without_point_label(text)      # "1." or "a)": by where the section printed
        for opening, numbers in expected.items():
            if words.startswith(opening):
                printed = _numbers(words[len(opening):])
                if printed[:len(numbers)] != numbers:
                    found.append(Edit(sheet.name, _cell(sheet, r, c), text,
                                      ", ".join(str(n) for n in numbers)))
    return found


def _spaced(value: object) -> str:
    """A cell's text as compared: runs of spaces (no-break ones too) as one."""
    text = text_of(value)
    return text if text.isascii() and "  " not in text and text.strip() == text else " ".join(
        text.replace("\xa0", " ").split())


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    text = text_of(value).strip().replace(".", "")
    return int(text) if text.isdigit() else None


def _table_edits(sheet: PrintedSheet | None, label_col: int, header: dict[str, str],
                 expected: Mapping[str, Mapping[str, int | None | str]]) -> list[Edit]:
    """A table whose rows are labelled in label_col and columns by their heading: each expected
    (row label -> heading key -> number, or a text) against the printed number or text."""
    if sheet is None:
        return []
    columns: dict[int, str] = {}
    found = []
    for r, row in enumerate(sheet.rows):
        cells = [" ".join(text_of(v).replace("\xa0", " ").split()) for v in row]
        if not columns and label_col < len(cells) and cells[label_col] and any(c in header for c in cells):
            columns = {c: header[text] for c, text in enumerate(cells) if text in header}
            continue
        if not columns or label_col >= len(cells) or cells[label_col] not in expected:
            continue
        want = expected[cells[label_col]]
        for c, key in columns.items():
            if key not in want:
                continue
            if isinstance(want[key], str):
                printed: object = _spaced(row[c]) if c < len(row) else ""
            else:
                printed = _int(row[c]) if c < len(row) else None
            if printed != want[key]:
                found.append(Edit(sheet.name, _cell(sheet, r, c), cells[c] if c < len(cells) else "",
                                  str(want[key])))
    return found


# --- a commune's report -----------------------------------------------------------------------

def _labels(report: ReportFile, field: str) -> dict[str, str]:
    return {r["code"]: r["vi"] for r in report.rows("choices") if r["field"] == field}


def _commune_edits(report: ReportFile, rows: list[Record], period: Period) -> list[Edit]:
    found = (_number_edits(report) + _staffing_edits(report) + _procedure_edits(report) + _need_edits(report)
             + _activity_edits(report))
    if "obstacles" not in report.blocks:
        return found        # a report without the obstacle section prints none of its figures
    return _obstacle_edits(report, rows, period) + found


def _number_edits(report: ReportFile) -> list[Edit]:
    """The cover's «Số: ...» against the number the report was submitted with."""
    number, cover = report.manifest.get("doc_number"), report.printed.get("Báo cáo")
    if not number or cover is None:
        return []
    for r, c, text in _texts(cover):
        if text.startswith("Số:"):
            printed = text.removeprefix("Số:").strip()
            return [] if printed == number else [Edit(cover.name, _cell(cover, r, c), text, f"Số: {number}")]
    return []


def _staffing_edits(report: ReportFile) -> list[Edit]:
    """The staffing form, each office's and the total's figures, and the cover's staffing paragraph."""
    rows = report.rows("staffing")
    if not rows:
        return []
    keys = [key for key in staffing.FORM_HEADINGS if key in rows[0]]     # an older file's data has no "away"
    expected: dict[str, dict[str, int | None | str]] = {
        " ".join(str(r.get("office") or "").split()): {key: _int(r.get(key)) for key in keys} for r in rows}
    header = {staffing.FORM_HEADINGS[key]: key for key in keys}
    form = report.printed.get("Biên chế")
    total = next((r for r in rows if not r.get("office_code")), None)
    # The commune's data row has the unit's own (net) surplus and shortage. A form printed with the net
    # line under its table prints the office rows' sums on «Tổng cộng» and the net on that line; an older
    # Desk's form has no such line and printed the net on «Tổng cộng», and its cover said only the net.
    net_line = form is None or any(
        len(row) > 1 and _spaced(row[1]) == staffing.NET_LABEL for row in form.rows)
    sums: dict[str, int | None] = {}
    if total is not None and net_line:
        label = " ".join(str(total.get("office") or "").split())
        offices = [r for r in rows if r.get("office_code")]
        sums = {key: staffing.rows_sum(_int(r.get(key)) for r in offices) for key in ("surplus", "shortage")}
        expected[staffing.NET_LABEL] = {key: None for key in keys}
        for key in sums:
            expected[staffing.NET_LABEL][key] = _int(total.get(key))
            expected[label][key] = sums[key]
    found = _table_edits(form, 1, header, expected)
    if total is not None:
        # The paragraph's figures in the order it prints them; one the data leaves empty prints "–".
        order = ("frame", "actual", "away", "surplus", "shortage") if "away" in keys else ("frame", "actual")
        figures = {key: _int(total.get(key)) for key in order} | sums
        numbers = tuple(n for n in (figures[key] for key in order) if n is not None)
        if sums and "surplus" in order:     # then the unit's own, where it differs from the sums
            numbers += _numbers(staffing.net_words((sums["surplus"], sums["shortage"]),
                                                   (_int(total.get("surplus")), _int(total.get("shortage")))) or "")
        found += _paragraph_edits(report.printed.get("Báo cáo"), {staffing.COVER_OPENING: numbers})
    return found


def _procedure_edits(report: ReportFile) -> list[Edit]:
    """The procedure form's counts and shares, line by line."""
    rows = report.rows("procedures")
    if not rows:
        return []
    names = {f.name for f in fields(procedures.Figures)}
    figures = procedures.Figures(**{k: _int(v) or 0 for k, v in rows[0].items() if k in names})
    expected: dict[str, dict[str, int | None | str]] = {
        line.label: {"count": line.count, **({"share": line.share} if line.share else {})}
        for line in procedures.form_lines(figures)}
    header = {heading: key for key, heading in procedures.FORM_HEADINGS.items()}
    return _table_edits(report.printed.get("TTHC"), 1, header, expected)


def _need_edits(report: ReportFile) -> list[Edit]:
    """The needs form: each profession's figures and their total."""
    rows = report.rows("needs")
    if not rows:
        return []
    keys = tuple(needs.FORM_HEADINGS)
    expected: dict[str, dict[str, int | None | str]] = {
        " ".join(str(r.get("profession_vi") or "").split()): {k: _int(r.get(k)) for k in keys} for r in rows}
    expected[TOTAL] = {k: sum(_int(r.get(k)) or 0 for r in rows) for k in keys}
    header = {heading: key for key, heading in needs.FORM_HEADINGS.items()}
    return _table_edits(report.printed.get("Nhu cầu nhân sự"), 1, header, expected)


def _activity_edits(report: ReportFile) -> list[Edit]:
    """The lists of movements, visits and initiatives (how many each prints; the people and files the
    initiatives served, summed), and the cover's sentence on each."""
    found: list[Edit] = []
    sentences: dict[str, tuple[int, ...]] = {}
    for block, sheet, phrase in (("movements", MOVEMENTS_SHEET, MOVEMENTS_PHRASE),
                                 ("visits", VISITS_SHEET, VISITS_PHRASE),
                                 ("initiatives", INITIATIVES_SHEET, INITIATIVES_PHRASE)):
        if block not in report.blocks:
            continue        # a report without the section
        rows = report.rows(block)
        printed = report.printed.get(sheet)
        if printed is None and rows:        # its section is in the report, its list is not: deleted
            found.append(Edit(sheet, "", "không có trang này", f"{format_number_vi(len(rows))} dòng"))
        found += _count_edits(printed, len(rows))
        # A sentence saying there is none prints no count ("Trong kỳ không có …"); the movements' gives
        # the count, then those going out and those coming in (its bands, in their order).
        sentences[phrase] = () if not rows else (len(rows),) if block != "movements" else (
            len(rows), *(sum(1 for r in rows if r.get("direction") == d.code) for d in movements.DIRECTIONS))
    if "initiatives" in report.blocks:
        spec = initiatives.REGISTER.spec
        counted = ("people_served", "dossiers_handled")
        by_name: dict[str, dict[str, int]] = {}
        for r in report.rows("initiatives"):
            sums = by_name.setdefault(_spaced(r.get("name") or ""), {})
            for key in counted:
                for heading in (spec[key].vi, *spec[key].headings):     # a list printed under an older heading
                    sums[heading] = sums.get(heading, 0) + (_int(r.get(key)) or 0)
        found += _per_name_edits(report.printed.get(INITIATIVES_SHEET), spec["name"].vi, by_name)
        if report.rows("initiatives"):
            sentences[INITIATIVES_PHRASE] += tuple(sum(sums[spec[key].vi] for sums in by_name.values())
                                                   for key in counted)
    return found + _sentence_edits(report.printed.get("Báo cáo"), sentences)


def _numbered_rows(sheet: PrintedSheet) -> list[tuple[int, list[object]]]:
    """(index, row) of each row a list numbers (its first cell a number: not a heading, band or total)."""
    return [(r, row) for r, row in enumerate(sheet.rows)
            if row and isinstance(row[0], int | float) and not isinstance(row[0], bool)]


def _count_edits(sheet: PrintedSheet | None, count: int) -> list[Edit]:
    """A list's rows against the data's: a row added or deleted by hand."""
    if sheet is None:
        return []
    numbered = _numbered_rows(sheet)
    if len(numbered) == count:
        return []
    r = numbered[-1][0] if numbered else 0
    return [Edit(sheet.name, _cell(sheet, r, 0), f"{format_number_vi(len(numbered))} dòng",
                 f"{format_number_vi(count)} dòng")]


def _per_name_edits(sheet: PrintedSheet | None, name_heading: str, expected: dict[str, dict[str, int]]) -> list[Edit]:
    """A list's figures by the name on their row (name -> column heading -> the data's figure; the figures
    of rows of one name summed): a figure changed is named by its cell."""
    if sheet is None:
        return []
    headings = next((row for row in sheet.rows if name_heading in row), None)
    if headings is None:
        return []
    name_col = headings.index(name_heading)
    columns = {c: heading for c, heading in enumerate(headings) if any(heading in want for want in expected.values())}
    printed: dict[str, dict[str, int]] = {}
    last: dict[str, int] = {}
    for r, row in _numbered_rows(sheet):
        name = _spaced(row[name_col]) if name_col < len(row) else ""
        sums = printed.setdefault(name, {})
        for c, heading in columns.items():
            sums[heading] = sums.get(heading, 0) + ((_int(row[c]) or 0) if c < len(row) else 0)
        last[name] = r
    found = [Edit(sheet.name, _cell(sheet, r, name_col), name, "không có trong dữ liệu kèm theo")
             for name, r in last.items() if name not in expected]          # a name changed by hand
    for name, want in expected.items():
        for c, heading in columns.items():
            got = printed.get(name, {}).get(heading, 0)
            if name in last and got != want.get(heading, 0):
                found.append(Edit(sheet.name, _cell(sheet, last[name], c), format_number_vi(got),
                                  format_number_vi(want.get(heading, 0))))
    return found


def _sentence_edits(sheet: PrintedSheet | None, expected: dict[str, tuple[int, ...]]) -> list[Edit]:
    """Cover sentences found by a phrase they hold; their first numbers, in order, against the data's."""
    found: list[Edit] = []
    if sheet is None:
        return found
    for r, c, text in _texts(sheet):
        for phrase, numbers in expected.items():
            if phrase in text and _numbers(text)[:len(numbers)] != numbers:
                found.append(Edit(sheet.name, _cell(sheet, r, c), text, ", ".join(str(n) for n in numbers)))
    return found


def _obstacle_edits(report: ReportFile, rows: list[Record], period: Period) -> list[Edit]:
    """The cover's obstacle figures, the table by domain and state, and the list of obstacles."""
    f = ObstacleFigures(period, tuple(rows), _made_on(report))
    cover = {
        TOTAL_OPENING: (len(f.records), len(f.new), len(f.carried)),
        RESOLVED_OPENING: (len(f.resolved),),
        CLOSED_OPENING: (len(f.closed),),
        OPEN_AT_END_OPENING: (len(f.open_at_end), f.overdue_at_end(), len(f.carried_open)),
    }
    found = _paragraph_edits(report.printed.get("Báo cáo"), cover)
    found += _summary_edits(report.printed.get("KKVM tổng hợp"), rows, _labels(report, "domain"),
                            _labels(report, "status"))
    found += _list_edits(report.printed.get("KKVM chi tiết"), (*f.new, *f.carried), _labels(report, "status"))
    return found


def _made_on(report: ReportFile) -> date | None:
    """The day the report was made, in its own time zone (a report made while its period ran counts that
    day's figures)."""
    try:
        return datetime.fromisoformat(str(report.manifest.get("generated_at") or "")).date()
    except ValueError:
        return None


def _summary_edits(sheet: PrintedSheet | None, rows: list[Record], domains: dict[str, str],
                   statuses: dict[str, str], label_col: int = 1) -> list[Edit]:
    """The table by domain and state: its total row and every domain's row."""
    return _counted_edits(sheet, Counter((row["domain"], row["status"]) for row in rows), domains, statuses,
                          label_col)


def _counted_edits(sheet: PrintedSheet | None, counted: Counter[tuple[str, str]], domains: dict[str, str],
                   statuses: dict[str, str], label_col: int = 1) -> list[Edit]:
    """The table by domain and state against the rows counted by (domain, state)."""
    header = {label: code for code, label in statuses.items()} | {"Tổng số": "_total"}
    expected: dict[str, dict[str, int]] = {TOTAL: {code: 0 for code in statuses} | {"_total": 0}}
    for label in domains.values():
        expected[" ".join(label.split())] = {s: 0 for s in statuses} | {"_total": 0}
    for (domain, status), n in counted.items():
        label = " ".join(domains.get(domain, domain).split())
        for key in (TOTAL, label):
            counts = expected.setdefault(key, {s: 0 for s in statuses} | {"_total": 0})
            counts[status] = counts.get(status, 0) + n
            counts["_total"] += n
    return _table_edits(sheet, label_col, header, expected)


def _list_edits(sheet: PrintedSheet | None, listed: tuple[Record, ...], statuses: dict[str, str]) -> list[Edit]:
    """The list of obstacles, row by row in the order Desk prints them: each row's content and state."""
    if sheet is None:
        return []
    title_head, status_head = OBSTACLES.spec["title"].vi, OBSTACLES.spec["status"].vi
    heading = next(((r, row) for r, row in enumerate(sheet.rows) if title_head in row), None)
    if heading is None:
        return []
    columns = {"title": heading[1].index(title_head),
               "status": heading[1].index(status_head) if status_head in heading[1] else -1}
    printed_rows = [(r, row) for r, row in _numbered_rows(sheet) if r > heading[0]]
    found = []
    for (r, row), record in zip(printed_rows, listed):
        status: str = record["status"]
        for key, want in (("title", record["title"]), ("status", statuses.get(status, status))):
            c = columns[key]
            if c < 0:
                continue
            if c < len(row) and row[c] == want:
                continue                    # as printed (nearly every row): no spacing to compare
            printed = _spaced(row[c]) if c < len(row) else ""
            if printed != _spaced(want):
                found.append(Edit(sheet.name, _cell(sheet, r, c), printed, want))
    # First: a row added or deleted shifts every row after it, and this says why they differ.
    return _count_edits(sheet, len(listed)) + found


# --- a consolidation --------------------------------------------------------------------------

ACTIVITY_BLOCKS = ("movements", "visits", "initiatives")


class Tally:
    """A consolidation's figures counted from its rows, a batch at a time (a consolidation of the whole
    country is read row by row, never held), then checked against what it prints."""

    def __init__(self, period: Period):
        from desk.services.consolidation_report import figures  # it builds on consolidation, as this does

        self.period = period
        self.figures = figures([], period)
        self.counted: Counter[tuple[str, str]] = Counter()
        self.found: Counter[str] = Counter()            # obstacles by the visit that found them
        self.moves: Counter[str] = Counter()            # movements: total, by direction, coming in by kind
        self.visits: set[str] = set()
        self.units: dict[str, set[str]] = {block: set() for block in ACTIVITY_BLOCKS}
        self.served: list[int | None] = [None, None]    # people served, files handled (None: none given)
        self.initiatives = 0

    def add(self, rows: list[Record]) -> None:
        """Obstacle rows with their dates as dates (type_dates)."""
        from desk.services.consolidation_report import figures, summed  # it builds on consolidation, as this does

        self.figures = summed((self.figures, figures(rows, self.period)))
        self.counted.update((row["domain"], row["status"]) for row in rows)
        self.found.update(row["visit_id"] for row in rows if row.get("visit_id"))

    def add_block(self, block: str, rows: Iterable[Record]) -> None:
        """Rows of the movements, visits or initiatives block."""
        rows = list(rows)
        if block == "movements":
            self.moves.update(movements.counted(rows))
        for row in rows:
            self.units[block].add(row.get("unit_code") or "")
            if block == "visits":
                self.visits.add(row.get("id") or "")
            elif block == "initiatives":
                self.initiatives += 1
                for i, key in enumerate(("people_served", "dossiers_handled")):
                    n = _int(row.get(key))
                    if n is not None:
                        self.served[i] = (self.served[i] or 0) + n

    def edits(self, printed: dict[str, PrintedSheet], domains: dict[str, str]) -> list[Edit]:
        f = self.figures
        cover = {
            TOTAL_OPENING: (f.total, f.new, f.carried),
            RESOLVED_OPENING: (f.resolved,),
            CLOSED_OPENING: (f.closed,),
            CONSOLIDATED_OPEN_OPENING: (f.open_at_end, f.overdue),
        }
        found = _paragraph_edits(printed.get("Tổng hợp"), cover)
        statuses = {s.code: s.vi for s in obstacles.STATUSES}
        return (found + _counted_edits(printed.get("Theo lĩnh vực"), self.counted, domains, statuses)
                + self._activity_edits(printed))

    def _activity_edits(self, printed: dict[str, PrintedSheet]) -> list[Edit]:
        """Section IV of the cover and the total lines of forms 10/TH-12/TH, against the rows."""
        moves, visits = self.moves, len(self.visits)
        found = sum(self.found[v] for v in self.visits)
        served, dossiers = self.served
        # Each line after its point label opens with its words; its figures follow them.
        lines: dict[str, tuple[int, ...]] = {
            f"{MOVEMENTS_LINE}:": (moves["total"], moves["in"]) if moves["total"] else (),
            f"{VISITS_LINE}:": (visits, len(self.units["visits"]), found) if visits else (),
            f"{INITIATIVES_LINE}:": (self.initiatives, len(self.units["initiatives"]), served or 0, dossiers or 0)
            if self.initiatives else ()}
        edits = _paragraph_edits(printed.get("Tổng hợp"), lines)
        edits += _table_edits(printed.get(MOVEMENTS_SHEET), 1,
                              {TOTAL_HEADING: "total", CAME_HEADING: "in", WENT_HEADING: "out"},
                              {TOTAL: {"total": moves["total"], "in": moves["in"], "out": moves["out"]}})
        edits += _table_edits(printed.get(VISITS_SHEET), 1, {TOTAL_HEADING: "total", FOUND_HEADING: "found"},
                              {TOTAL: {"total": visits, "found": found}})
        ideas = printed.get(INITIATIVES_SHEET)
        edits += _count_edits(ideas, self.initiatives)
        edits += _table_edits(ideas, 1, {SERVED_HEADING: "served", DOSSIERS_HEADING: "dossiers"},
                              {TOTAL: {"served": served, "dossiers": dossiers}})
        return edits
