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
    for measure in ("start to usable window", "open obstacle register", "first search keystroke",
                    "search keystroke p95", "sort any column", "resident memory, whole window", "save one record",
                    "obstacle report", "-row workbook (check, then commit", "periodic report", "consolidate",
                    "overview at a period's end", "history migration", "pressed after reading the check"):
        assert measure in names
    assert all(r["value"] > 0 for r in rows)
    assert all(r["ratio"] is None or r["ratio"] > 0 for r in rows)
    # every figure says how far its runs spread, and every target row has its same-run baseline
    assert all(r["spread"] and r["spread"][0] <= r["spread"][1] for r in rows)
    assert all(r["baseline"] for r in rows if r["ok"] is not None)
    assert "measure" in capsys.readouterr().out


def test_processes_started_by_the_measures_read_compiled_bytecode_and_the_environment_comes_back(tmp_path,
                                                                                                 monkeypatch):
    import os
    import subprocess
    import sys

    from bench.startup import compiled_children

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    before = dict(os.environ)
    ask = [sys.executable, "-c", "import os, sys; print(sys.dont_write_bytecode, sys.pycache_prefix, "
                                 "os.environ['QT_QPA_PLATFORM'])"]
    with compiled_children(tmp_path / "pycache"):
        # a reader spawned inside writes and then reads its compiled modules, as an installed Desk's do,
        # with the rest of the environment as it was
        said = subprocess.run(ask, check=True, capture_output=True, text=True).stdout.split()
    assert said == ["False", str(tmp_path / "pycache"), "offscreen"]
    assert dict(os.environ) == before
