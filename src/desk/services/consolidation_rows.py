"""A submission's rows of the consolidated workbook, made in its reading worker so that both cores write:
each row of the data sheet (its XML, and its text for the data check) and of the long list (its XML and
height); the writer fills in what only it knows (row numbers, style ids)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from desk.domain.register import Record
from desk.reports.heights import EstimatedHeight
from desk.reports.row_xml import RowMaker

# Rows made ahead are held until the workbook is written (~2 KB each, both sheets: 84,000 rows of a
# province took the consolidating process from 242 to 401 MB): up to this many in all, shared out
# between the files; at the ministry's size the writer makes them as it goes, holding none.
PREPARED_ROWS = 100_000


@dataclass(frozen=True)
class ListPlan:
    """The long list as the writer lays it out: its columns (key, number of its alignment) and their
    row height estimate. Keys: NUMBER (the row's number), UNIT (its unit's name), LABEL + a field (the
    field's label), else the record's own value."""

    columns: tuple[tuple[str, int], ...]
    alignments: tuple[str, ...]
    height: EstimatedHeight


NUMBER, UNIT, LABEL = "_stt", "_unit_name", "_vi_"


@dataclass(frozen=True)
class Plan:
    """What the writer will write for each obstacle: these data-sheet columns, the dates as ISO text;
    and the long list, when given."""

    columns: tuple[str, ...]
    dates: tuple[str, ...]
    max_rows: int                  # a submission with more obstacles is left to the writer
    long_list: ListPlan | None = None


def plan(columns: Sequence[str], dates: Sequence[str], files: int, long_list: ListPlan | None = None) -> Plan:
    return Plan(tuple(columns), tuple(dates), PREPARED_ROWS // max(1, files), long_list)


@dataclass(frozen=True)
class PreparedRows:
    """Aligned with the submission's obstacle rows: the data sheet's row (None: left to the writer)
    and its JSON text, as the data check reads it; the long list's row (None: left to the writer) and
    its height, with the labels used (the writer checks they are the consolidation's)."""

    xml: list[bytes | None]
    json: list[bytes]
    list_xml: list[bytes | None] | None = None
    heights: list[float] | None = None
    labels: dict[str, dict[str, str]] | None = None


def prepare(rows: list[Record], plan: Plan, unit_name: str = "", choices: Sequence[Record] = ()) -> PreparedRows | None:
    """The rows as the writer would make them from the merged records (whose dates it holds as dates,
    written back as ISO text); None when there are too many to hold. unit_name and choices (the file's
    choice lists) are for the long list."""
    if len(rows) > plan.max_rows:
        return None
    columns, dates = plan.columns, frozenset(plan.dates)
    at = tuple(i for i, k in enumerate(columns) if k in dates)
    iso: dict[str, str] = {"": ""}
    maker = RowMaker()
    xml: list[bytes | None] = []
    made: list[list[str]] = []
    for row in rows:
        try:
            values = [row[k] for k in columns]
        except KeyError:        # a file of an older Desk, without a later column
            values = [row.get(k, "") for k in columns]
        for i in at:
            text = values[i]
            found = iso.get(text)
            values[i] = found if found is not None else iso.setdefault(text, date.fromisoformat(text).isoformat())
        xml.append(maker.plain(values))
        made.append(values)
    if plan.long_list is None:
        return PreparedRows(xml, _json_rows(made))
    list_xml, heights, labels = _long_list(rows, plan.long_list, dates, unit_name, choices)
    return PreparedRows(xml, _json_rows(made), list_xml, heights, labels)


def _long_list(rows: list[Record], plan: ListPlan, dates: frozenset[str], unit_name: str,
               choices: Sequence[Record]) -> tuple[list[bytes | None], list[float], dict[str, dict[str, str]]]:
    """The long list's rows, with the values the writer gives them (consolidation_report._long_list)."""
    known: dict[str, dict[str, str]] = {}
    for choice in choices:          # the first of a code wins, as in the consolidation's labels
        known.setdefault(choice["field"], {}).setdefault(choice["code"], choice["vi"])
    keys = [key for key, _ in plan.columns if key not in (NUMBER, UNIT)]
    labelled = [(key, field, known.get(field, {})) for key in keys if key.startswith(LABEL)
                for field in (key.removeprefix(LABEL),)]
    dated = [key for key in keys if key in dates]
    plain = [key for key in keys if not key.startswith(LABEL) and key not in dates]
    # Only texts make a row taller: the estimate over the other columns (number, dates) is the same.
    estimate = replace(plan.height, plain=tuple(c for c in plan.height.plain if c[0] != NUMBER and c[0] not in dated))
    days: dict[str, date | None] = {"": None}
    maker = RowMaker()
    list_xml: list[bytes | None] = []
    heights: list[float] = []
    for row in rows:
        values: dict[str, Any] = {UNIT: unit_name}
        for key, field, of_field in labelled:
            code = row.get(field, "")
            values[key] = of_field[code] if code in of_field else code
        for key in dated:
            text = row.get(key, "")
            day = days.get(text, _NO_DAY)
            values[key] = days.setdefault(text, date.fromisoformat(text)) if day is _NO_DAY else day
        for key in plain:
            values[key] = row.get(key)
        height = estimate(values)
        heights.append(height)
        list_xml.append(maker.styled(values, plan.columns, height, NUMBER))
    used = {field: {code: of_field.get(code, code) for code in {row.get(field, "") for row in rows}}
            for _, field, of_field in labelled}
    return list_xml, heights, used


_NO_DAY = object()


def _json_rows(rows: list[list[str]]) -> list[bytes]:
    """Each row's JSON text as manifest.data_hash writes it, from one call for all the rows: a list's
    JSON is its rows' joined by ",", each '["...",...,"..."]' when its values are texts. Inside a text a
    quote is always escaped, so '"],["' is found only between two rows."""
    whole = _dumps(rows)
    texts = whole[3:-3].split('"],["') if whole.startswith('[["') and whole.endswith('"]]') else []
    if len(texts) != len(rows):     # a value that is not a text: each row on its own
        return [_dumps(row).encode() for row in rows]
    return [f'["{text}"]'.encode() for text in texts]


_dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
