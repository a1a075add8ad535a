"""The benchmark suite runs end to end on tiny data, so it cannot rot between real runs."""

from __future__ import annotations

import json

from bench.__main__ import main as bench_main


def test_quick_benchmark_run_measures_every_target_and_writes_json(tmp_path, monkeypatch, capsys):
    out = tmp_path / "results.json"
    monkeypatch.setattr("sys.argv", ["bench", "--quick", "--out", str(out)])
    bench_main()
    rows = json.loads(out.read_text(encoding="utf-8"))
    names = " | ".join(r["name"] for r in rows)
    for measure in ("start to usable window", "open obstacle register", "search keystroke", "sort a column",
                    "resident memory", "save one record", "obstacle report", "import workbook",
                    "periodic report", "consolidate"):
        assert measure in names
    assert all(r["value"] > 0 for r in rows)
    assert all(r["ratio"] is None or r["ratio"] > 0 for r in rows)
    assert "measure" in capsys.readouterr().out
