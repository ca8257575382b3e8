"""Several timings of one thing, printed as median (min-max)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

MANY = 20  # samples from which a 90th percentile says something


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
        spread = f"{fmt(low)}-{fmt(high)}, n={len(self.samples)}"
        if len(self.samples) >= MANY:
            spread += f", 90th percentile {fmt(self.percentile(0.9))}"
        return f"{fmt(self.median)} ({spread})"

    def percentile(self, share: float) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def measure(action: Callable[[], object], repeat: int) -> Figure:
    figure = Figure()
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        figure.samples.append(time.perf_counter() - start)
    return figure
