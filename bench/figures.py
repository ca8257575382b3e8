"""Several timings of one thing, printed as median (min-max)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Figure:
    """Several timings of one thing, in seconds."""

    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else float("nan")

    def __str__(self) -> str:
        if not self.samples:
            return "n/a"
        low, high = min(self.samples), max(self.samples)
        return f"{fmt(self.median)} ({fmt(low)}-{fmt(high)}, n={len(self.samples)})"


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def measure(action: Callable[[], object], repeat: int) -> Figure:
    figure = Figure()
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        figure.samples.append(time.perf_counter() - start)
    return figure
