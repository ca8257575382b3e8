"""Where a start's memory goes, phase by phase (tracemalloc, in this process, no TUI).

    python bench/memory_phases.py --sizes 10000,100000

For each size, a cold load (an empty cache: read, parse by blocks, check; then the
warnings and the cache written) and a warm one (the cache read), then the filter index
built. Prints, per phase, the memory traced at its end and the peak during it (MB), and
the five places that allocated most at the cold load's peak phase. Figures, not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from make_calendar import calendar_text  # noqa: E402

from tui.core.loading.load import Finish, load_calendar  # noqa: E402
from tui.core.views.index import CalendarIndex  # noqa: E402

MB = 1024 * 1024


def phase(name: str, action: Callable[[], Any], rows: list[str]) -> Any:
    tracemalloc.reset_peak()
    result = action()
    current, peak = tracemalloc.get_traced_memory()
    rows.append(f"  {name:<44} {current / MB:8.1f} MB now {peak / MB:8.1f} MB peak")
    return result


def one_size(path: Path, cache: Path) -> list[str]:
    rows: list[str] = []
    shutil.rmtree(cache, ignore_errors=True)
    later: list[Finish] = []
    tracemalloc.start(8)
    loaded = phase(
        "cold: load until shown", lambda: load_calendar(path, finish_later=later.append), rows
    )
    snapshot = tracemalloc.take_snapshot()
    phase("cold: warnings, cache written", lambda: [f() for f in later], rows)
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
