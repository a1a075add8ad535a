"""A submission's rows of the consolidated workbook's data sheet, made in its reading worker so that
both cores write: each row's XML (the writer fills in its number) and its text for the data check."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desk.domain.register import Record
from desk.reports.row_xml import RowMaker

# Rows made ahead are held until the workbook is written (~1 KB each): up to this many in all, shared
# out between the files; at the ministry's size the writer makes them as it goes, holding none.
PREPARED_ROWS = 100_000


@dataclass(frozen=True)
class Plan:
    """What the writer will write for each obstacle: these columns, the dates as ISO text."""

    columns: tuple[str, ...]
    dates: tuple[str, ...]
    max_rows: int                  # a submission with more obstacles is left to the writer


def plan(columns: Sequence[str], dates: Sequence[str], files: int) -> Plan:
    return Plan(tuple(columns), tuple(dates), PREPARED_ROWS // max(1, files))


@dataclass(frozen=True)
class PreparedRows:
    """Aligned with the submission's obstacle rows: the data sheet's row (None: left to the writer)
    and its JSON text, as the data check reads it."""

    xml: list[bytes | None]
    json: list[bytes]


def prepare(rows: list[Record], plan: Plan) -> PreparedRows | None:
    """The rows as the writer would make them from the merged records (whose dates it holds as dates,
    written back as ISO text); None when there are too many to hold."""
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
    return PreparedRows(xml, _json_rows(made))


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
