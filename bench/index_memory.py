"""Memory of a warm-loaded calendar and its settled look-ups, and the filter's time per key
(tracemalloc and perf_counter, in this process, no TUI).

    python bench/index_memory.py --sizes 10000,100000
    PYTHONPATH=/tmp/old-tree python bench/index_memory.py   # the same figures of another tree

For each size: the memory traced once the cache is read (the model), then once the index,
the days of the venue-zone view and the times of "now" are built (all the settled app
keeps per event), with the peak while building them and the build's time; then the
median time of ``CalendarIndex.matches`` for search keys typed letter by letter (Latin and
Cyrillic), a country filter and a cleared filter. Figures, not a test.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from make_calendar import calendar_text  # noqa: E402

from tui.core.loading.load import load_calendar  # noqa: E402
from tui.core.views.filter import Filter, ZoneMode  # noqa: E402
from tui.core.views.index import CalendarIndex  # noqa: E402
from tui.core.views.now_times import times_of  # noqa: E402
from tui.core.zones import get_zone  # noqa: E402

MB = 1e6
ROUNDS = 7
TYPED = ("summit", "саммит", "delegations water")  # each typed a letter at a time


def settled(calendar: Any) -> CalendarIndex:
    """The index with everything the settled app builds per event."""
    index = CalendarIndex(calendar)
    index.build()
    index.days(ZoneMode.EVENT, get_zone("UTC"))
    times_of(index)
    return index


def key_times(index: CalendarIndex) -> dict[str, float]:
    """Median seconds of ``matches`` per key, over ROUNDS rounds (fresh answers each)."""
    utc = get_zone("UTC")
    samples: dict[str, list[float]] = {}

    def timed(name: str, view: Filter) -> None:
        began = time.perf_counter()
        index.matches(view, ZoneMode.EVENT, utc)
        samples.setdefault(name, []).append(time.perf_counter() - began)

    for _ in range(ROUNDS):
        for text in TYPED:
            timed(f"search {text[0]!r}, the first key", Filter(text=text[0]))
            for n in range(2, len(text) + 1):
                timed(f"search {text!r}, later keys", Filter(text=text[:n]))
            timed("clear", Filter())
        timed("country TJ", Filter(countries=frozenset({"TJ"})))
        timed("country TJ + 'talks'", Filter(countries=frozenset({"TJ"}), text="talks"))
        timed("clear", Filter())
    return {name: statistics.median(values) for name, values in samples.items()}


def traced(action: Callable[[], Any]) -> tuple[Any, float, float]:
    """``action()``'s result, the memory traced after it (collected) and its peak, MB."""
    tracemalloc.reset_peak()
    result = action()
    gc.collect()
    now, peak = tracemalloc.get_traced_memory()
    return result, now / MB, peak / MB


def one_size(path: Path) -> list[str]:
    load_calendar(path)  # a cold load writes the cache
    gc.collect()
    tracemalloc.start()
    calendar, model, _ = traced(lambda: load_calendar(path).calendar)
    index, total, peak = traced(lambda: settled(calendar))
    tracemalloc.stop()
    index = None
    gc.collect()
    began = time.perf_counter()
    index = settled(calendar)
    built = time.perf_counter() - began
    rows = [
        f"  model (warm load)          {model:7.1f} MB",
        f"  index, days, times         {total - model:7.1f} MB  (peak {peak - model:.1f} MB "
        f"while built; built in {built * 1000:.0f} ms untraced)",
    ]
    rows += [f"  {name:<40} {s * 1000:7.2f} ms" for name, s in key_times(index).items()]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="diplocal-index-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    os.environ["XDG_STATE_HOME"] = str(work / "state")
    import tui.core.views.index as module

    print(f"tree: {Path(module.__file__).parents[3]}; load: {os.getloadavg()[0]:.2f}")
    try:
        for size in (int(s) for s in args.sizes.split(",") if s):
            path = work / f"calendar-{size}.toml"
            path.write_text(calendar_text(size), encoding="utf-8")
            print(f"\n{size:,} events", flush=True)
            print("\n".join(one_size(path)), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
