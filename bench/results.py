"""One measured figure (a median), its baseline from the same run, their spreads, and the table/JSON they end up in."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Result:
    name: str
    value: float                # the median of the runs (a p95 where the name says so)
    unit: str
    target: str
    baseline: float | None = None      # same run, same machine, alternated with the measure
    baseline_name: str = ""
    ok: bool | None = None
    spread: tuple[float, float] | None = None           # the measure's fastest and slowest run
    baseline_spread: tuple[float, float] | None = None
    runs: int = 1

    @property
    def ratio(self) -> float | None:
        return round(self.value / self.baseline, 2) if self.baseline else None


def _span(span: tuple[float, float] | None) -> str:
    return f"{span[0]:.3g}–{span[1]:.3g}" if span else ""


def print_table(results: list[Result]) -> None:
    print(f"{'measure':70} {'value':>9} {'unit':4} {'spread':>15} {'baseline':>9} {'spread':>15} {'ratio':>6} "
          f"{'n':>2}  target")
    for r in results:
        base = f"{r.baseline:9.3f}" if r.baseline is not None else " " * 9
        ratio = f"{r.ratio:6.2f}" if r.ratio is not None else " " * 6
        mark = {True: "ok", False: "MISSED", None: ""}[r.ok]
        print(f"{r.name:70} {r.value:9.3f} {r.unit:4} {_span(r.spread):>15} {base} {_span(r.baseline_spread):>15} "
              f"{ratio} {r.runs:2}  {r.target} {mark}")
        if r.baseline_name:
            print(f"{'':70}   baseline: {r.baseline_name}")


def write_json(results: list[Result], path: Path) -> None:
    rows = [{**asdict(r), "ratio": r.ratio} for r in results]
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
