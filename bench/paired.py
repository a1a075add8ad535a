"""Paired timing: a measure and its baseline run alternately, several times, reported as medians with their spread."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Runs:
    """Seconds of each run of one side."""

    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def spread(self) -> tuple[float, float]:
        return min(self.seconds), max(self.seconds)


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def paired(desk: Callable[[], float | None], base: Callable[[], float | None] | None, repeats: int,
           *, prepare: Callable[[int], None] | None = None) -> tuple[Runs, Runs | None]:
    """Run desk and base alternately `repeats` times (desk first, then base, then desk...), so that a busy
    spell on the shared machine hits both alike. Each callable returns its own seconds (when it times only
    part of what it does) or None (then the whole call is timed). prepare(i): untimed set-up before run i."""
    ours, theirs = [], []
    for i in range(repeats):
        if prepare is not None:
            prepare(i)
        ours.append(_seconds(desk))
        if base is not None:
            theirs.append(_seconds(base))
    return Runs(ours), (Runs(theirs) if base is not None else None)


def _seconds(work: Callable[[], float | None]) -> float:
    started = time.perf_counter()
    own = work()
    return own if own is not None else time.perf_counter() - started
