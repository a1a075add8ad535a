"""The data check is fed to SHA-256 piece by piece and still hashes exactly the canonical JSON it always did."""

from __future__ import annotations

import hashlib
import json
import random

import pytest

from desk.reports.manifest import HASH_KEY, DataBlock, data_hash


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
