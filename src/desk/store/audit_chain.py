"""The audit trail's hash chain: each row carries the hash of the row before it and its own.

row_hash = sha256(prev_hash + JSON of the row's stored values), the values exactly as SQLite holds
them (the id, the time as stored text, the texts). Editing, deleting or inserting a row anywhere
breaks the chain from that row on; `desk check` recomputes it. The encoding is part of the stored
format: never change it (a new scheme would need a new column or a marker in the rows).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence

# The columns a row's hash covers, in this order (every column but the two hashes).
COLUMNS = ("id", "at", "actor", "actor_role", "action", "table_name", "record_id", "field", "old_value",
           "new_value", "reason")
GENESIS = "0" * 64                  # the prev_hash of the first row
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def row_hash(prev_hash: str, values: Sequence) -> str:
    """The hash of one row given the previous row's hash and its values in COLUMNS order."""
    return hashlib.sha256((prev_hash + row_json(values)).encode("utf-8")).hexdigest()


def row_json(values: Sequence) -> str:
    """The text a row's hash covers after the previous hash: its values as a compact JSON array."""
    return _JSON.encode(list(values))


def chained(last_id: int, last_hash: str, rows: Iterable[Sequence]) -> list[tuple]:
    """Rows (values of COLUMNS[1:], as stored) given their ids and hashes after the row (last_id,
    last_hash): tuples of (id, *values, prev_hash, row_hash)."""
    out = []
    for values in rows:
        last_id += 1
        full = (last_id, *values)
        digest = row_hash(last_hash, full)
        out.append((*full, last_hash, digest))
        last_hash = digest
    return out


def breaks(rows: Iterable[Sequence]) -> Iterable[tuple[int, str]]:
    """(row id, what is wrong) for each break in rows of (*COLUMNS values, prev_hash, row_hash) in id order."""
    expected_prev = GENESIS
    for row in rows:
        values, prev, digest = row[:len(COLUMNS)], row[-2], row[-1]
        if prev != expected_prev:
            yield values[0], "prev"
        elif row_hash(prev, values) != digest:
            yield values[0], "hash"
        expected_prev = digest
