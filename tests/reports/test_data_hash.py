"""The data check is fed to SHA-256 piece by piece and still hashes exactly the canonical JSON it always did."""

from __future__ import annotations

import hashlib
import json
import random

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desk.reports import manifest
from desk.reports.manifest import HASH_KEY, DataBlock, MadeRows, data_hash


def whole_text_hash(manifest, blocks) -> str:
    """The definition (and the first implementation): the canonical JSON, whole."""
    payload = {"manifest": {k: v for k, v in manifest.items() if k != HASH_KEY},
               "blocks": [[b.name, list(b.columns), b.rows] for b in blocks]}
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("n", [0, 1, 1999, 2000, 2001, 4500])
def test_the_streamed_hash_is_the_hash_of_the_whole_text(n):
    rng = random.Random(n)
    blocks = [DataBlock('khối "ệ"', ("x", "y"), tuple((str(rng.random()), 'Đà \\ "q"\n\t') for _ in range(n))),
              DataBlock("trống", ("z",), ()), DataBlock("b", ("c",), tuple((str(i),) for i in range(n // 3)))]
    manifest = {"z": "1", "a": "ư", HASH_KEY: "bỏ qua"}
    assert data_hash(manifest, blocks) == whole_text_hash(manifest, blocks)
    assert data_hash(manifest, []) == whole_text_hash(manifest, [])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.text(st.sampled_from('aĐ"\\\n\t\x00\x1f\x7f\u2028 é😀')) | st.text(), max_size=4)
                .map(tuple) | st.lists(st.text(), max_size=3), max_size=6))
@example([("a\\",)])
@example([('"',)])
@example([("x\x1f",)])
@example([(), ("",)])
@example([["Đ", "😀"], ("é",)])
def test_rows_joined_as_plain_texts_hash_as_the_canonical_json(rows):
    # Rows of texts with and without what JSON escapes (quotes, backslashes, control characters), empty rows
    # and empty texts: the hash of the text rows joined between quotes is the hash of their canonical JSON
    blocks = [DataBlock("a", ("x",), tuple(rows))]
    assert data_hash({}, blocks) == whole_text_hash({}, blocks)


def test_the_hash_fed_in_uneven_batches_as_a_reader_streams_is_the_same():
    from desk.reports.manifest import DataHasher

    rng = random.Random(7)
    blocks = [DataBlock("a", ("x", "y"), tuple((str(rng.random()), "ư") for _ in range(2500))),
              DataBlock("trống", ("z",), ()), DataBlock("b", ("c",), (("1",), ("2",)))]
    manifest = {"k": "v", HASH_KEY: "bỏ qua"}
    hasher = DataHasher()
    for b in blocks:
        hasher.block(b.name, b.columns)
        rows, start = list(b.rows), 0
        for size in (0, 1, 999, 0, 2000):           # empty batches too
            hasher.rows(rows[start:start + size])
            start += size
    assert hasher.hexdigest(manifest) == whole_text_hash(manifest, blocks)


def test_the_blocks_read_row_by_row_are_the_blocks_and_a_short_block_is_broken():
    from desk.reports.manifest import BLOCK_MARK, DataSheetError, parse_blocks, stream_blocks

    sheet = [[BLOCK_MARK, "a", "2", ""], ["x", "y", "", ""], ["1", 2.0, None, None], ["", "", "", ""],
             [None, None, None, None], [BLOCK_MARK, "b", "1", ""], ["z", "", "", ""], ["3", "ignored", "", ""]]
    assert parse_blocks(sheet) == [DataBlock("a", ("x", "y"), (("1", "2"), ("", ""))),
                                   DataBlock("b", ("z",), (("3",),))]
    read = [(name, columns, list(body)) for name, columns, body in stream_blocks(iter(sheet))]
    assert read == [("a", ("x", "y"), [("1", "2"), ("", "")]), ("b", ("z",), [("3",)])]
    with pytest.raises(DataSheetError, match="block a: 1 rows instead of 2"):
        parse_blocks(sheet[:3])
    skipped = stream_blocks(iter(sheet))
    assert [name for name, _, _ in skipped] == ["a", "b"]           # a block left unread is read past


@pytest.mark.parametrize("held", [True, False])
def test_rows_made_from_records_read_the_same_held_or_made_each_time(monkeypatch, held):
    # A province's rows are made once and held; the whole country's are made each time they are read
    monkeypatch.setattr(manifest, "HELD_ROWS", 10 if held else 9)
    made: list[int] = []

    def text_row(record: dict) -> tuple[str, ...]:
        made.append(record["n"])
        return (str(record["n"]), record["title"])

    records = [{"n": n, "title": f"việc {n}"} for n in range(10)]
    rows = MadeRows(records, text_row)
    block = DataBlock("obstacles", ("n", "title"), rows)
    expected = DataBlock("obstacles", ("n", "title"), tuple((str(n), f"việc {n}") for n in range(10)))
    assert data_hash({}, [block]) == data_hash({}, [expected])        # read in slices
    assert list(rows) == list(expected.rows) and rows[3] == ("3", "việc 3") and len(rows) == 10
    assert len(made) == (10 if held else 21)


def test_a_row_of_texts_is_the_cell_text_of_each_value():
    from datetime import UTC, date, datetime
    from enum import StrEnum

    from desk.reports.manifest import cell_text, texts_of

    class Kind(StrEnum):
        A = "a"

    values = (None, "", "Đà Nẵng", "Đa\u0300 Nẵng", "dòng 1\ndòng 2", "dòng 1\r\ndòng 2", "a\x07b", "\u212b",
              True, False, 0, 7, 1.0, 2.5, date(2025, 9, 14), datetime(2025, 9, 14, 8, 30, 5, 123456),
              datetime(2025, 9, 14, 8, 30, 5, tzinfo=UTC), Kind.A, ("x",))
    assert texts_of(values) == tuple(cell_text(v) for v in values)
    assert texts_of(values)[3] == "Đà Nẵng" and texts_of(values)[5] == "dòng 1\ndòng 2"
