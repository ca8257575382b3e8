"""Where a start's memory goes, phase by phase (tracemalloc, in this process, no TUI).

    python bench/memory_phases.py --sizes 10000,100000

For each size, a cold load (an empty cache: read, parse by blocks, check; then the
warnings and the cache written) and a warm one (the cache read), then the filter index
built. Prints, per phase, the memory traced at its end and the peak during it (MB), the
steps of the phase after the calendar is shown (warnings located, cache entry written,
digests entry written: each one's peak and time), and the five places that allocated
most at the cold load's peak phase. Figures, not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from make_calendar import calendar_text  # noqa: E402

from tui.core.loading import cache, cache_events, load  # noqa: E402
from tui.core.loading.load import Finish, load_calendar  # noqa: E402
from tui.core.views.index import CalendarIndex  # noqa: E402

MB = 1024 * 1024
# The steps of the phase after the calendar is shown, in the order they run.
MEASURED = [(load, "locate_problems"), (cache, "store"), (cache_events, "store")]


def phase(name: str, action: Callable[[], Any], rows: list[str], peaks: Sequence[int] = ()) -> Any:
    """Run ``action``, adding its memory to ``rows``; ``peaks`` holds those of the steps
    inside it (measuring a step resets the peak)."""
    tracemalloc.reset_peak()
    result = action()
    current, peak = tracemalloc.get_traced_memory()
    peak = max([peak, *peaks])
    rows.append(f"  {name:<44} {current / MB:8.1f} MB now {peak / MB:8.1f} MB peak")
    return result


def step(module: Any, name: str, rows: list[str], peaks: list[int]) -> None:
    """Have ``module.name`` add its peak and time to ``rows`` each time it runs, and the
    peak before it and its own to ``peaks``."""
    action = getattr(module, name)
    label = f"{module.__name__.rsplit('.', 1)[-1]}.{name}"

    def measured(*args: Any, **kwargs: Any) -> Any:
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.reset_peak()
        began = time.perf_counter()
        result = action(*args, **kwargs)
        took = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1]
        peaks.append(peak)
        rows.append(f"    {label:<42} {peak / MB:8.1f} MB peak {took:8.2f} s (traced)")
        return result

    setattr(module, name, measured)


def one_size(path: Path, cache_folder: Path) -> list[str]:
    rows: list[str] = []
    shutil.rmtree(cache_folder, ignore_errors=True)
    later: list[Finish] = []
    tracemalloc.start(8)
    loaded = phase(
        "cold: load until shown", lambda: load_calendar(path, finish_later=later.append), rows
    )
    snapshot = tracemalloc.take_snapshot()
    steps: list[str] = []
    peaks: list[int] = []
    originals = [(m, n, getattr(m, n)) for m, n in MEASURED]
    for module, name, _ in originals:
        step(module, name, steps, peaks)
    phase("cold: warnings, cache written", lambda: [f() for f in later], rows, peaks)
    for module, name, action in originals:
        setattr(module, name, action)
    rows.extend(steps)
    phase("filter index (CalendarIndex, warmed)", lambda: warmed(loaded.calendar), rows)
    loaded = later = None
    phase("cold load let go", lambda: None, rows)
    phase("warm: load from the cache", lambda: load_calendar(path).calendar.id, rows)
    tracemalloc.stop()
    rows.append("  held at the end of the cold load, by line:")
    for stat in snapshot.statistics("lineno")[:5]:
        frame = stat.traceback[0]
        rows.append(f"    {stat.size / MB:7.1f} MB  {Path(frame.filename).name}:{frame.lineno}")
    return rows


def warmed(calendar: Any) -> Any:
    index = CalendarIndex(calendar)
    index.build()
    return index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="diplocal-memory-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    os.environ["XDG_STATE_HOME"] = str(work / "state")
    try:
        for size in (int(s) for s in args.sizes.split(",") if s):
            path = work / f"calendar-{size}.toml"
            path.write_text(calendar_text(size), encoding="utf-8")
            print(f"\n{size:,} events ({path.stat().st_size / 1e6:.1f} MB)", flush=True)
            print("\n".join(one_size(path, work / "cache")), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
