"""One measured figure, its baseline from the same run, and the table/JSON they end up in."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Result:
    name: str
    value: float
    unit: str
    target: str
    baseline: float | None = None      # same run, same machine: ratios survive a noisy machine
    baseline_name: str = ""
    ok: bool | None = None

    @property
    def ratio(self) -> float | None:
        return round(self.value / self.baseline, 2) if self.baseline else None


def print_table(results: list[Result]) -> None:
    print(f"{'measure':52} {'value':>10} {'unit':5} {'baseline':>10} {'ratio':>6}  target")
    for r in results:
        base = f"{r.baseline:10.3f}" if r.baseline is not None else " " * 10
        ratio = f"{r.ratio:6.2f}" if r.ratio is not None else " " * 6
        mark = {True: "ok", False: "MISSED", None: ""}[r.ok]
        print(f"{r.name:52} {r.value:10.3f} {r.unit:5} {base} {ratio}  {r.target} {mark}")


def write_json(results: list[Result], path: Path) -> None:
    rows = [{**asdict(r), "ratio": r.ratio} for r in results]
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
