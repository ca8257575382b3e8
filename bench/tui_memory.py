"""What the settled TUI holds, by tracemalloc: a headless app (Pilot, 120x36) on a
generated calendar of N events, started once to fill the cache, then again, warm, traced
until its index is built and it has settled for 3 s. Figures, not a test.

    python bench/tui_memory.py 10000
    KEY=lineno TOP=40 python bench/tui_memory.py 10000        # by line
    KEY=traceback FRAMES=8 python bench/tui_memory.py 10000   # with the callers
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
WORK = Path(tempfile.mkdtemp(prefix="diplocal-mem-"))
os.environ["XDG_CACHE_HOME"] = str(WORK / "cache")
os.environ["XDG_STATE_HOME"] = str(WORK / "state")

from make_calendar import calendar_text  # noqa: E402

import tui.ui.app as app_module  # noqa: E402
from tui.core.loading.load import load_calendar  # noqa: E402
from tui.ui.main.main_screen import MainScreen  # noqa: E402


async def start(path: Path, trace: bool) -> None:
    app = app_module.DiplocalApp(None, path=path)
    if trace:
        tracemalloc.start(int(os.environ.get("FRAMES", "1")))
    async with app.run_test(size=(120, 36)):
        while not isinstance(app.screen, MainScreen) or app.screen.screenful is None:
            await asyncio.sleep(0.01)
        while not app.screen.index.warm:
            await asyncio.sleep(0.01)
        await asyncio.sleep(3)
        if trace:
            report()


def report() -> None:
    gc.collect()
    snapshot = tracemalloc.take_snapshot()
    current, peak = tracemalloc.get_traced_memory()
    print(f"traced now {current / 1e6:.1f} MB peak {peak / 1e6:.1f} MB")
    key = os.environ.get("KEY", "filename")
    for stat in snapshot.statistics(key)[: int(os.environ.get("TOP", "30"))]:
        print(f"{stat.size / 1e6:7.2f} MB {stat.count:8d}  {stat.traceback}")
        if key == "traceback":
            for line in stat.traceback.format()[-12:]:
                print("      ", line)


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    path = WORK / "calendar.toml"
    path.write_text(calendar_text(size), encoding="utf-8")
    load_calendar(path)
    asyncio.run(start(path, False))
    asyncio.run(start(path, True))


if __name__ == "__main__":
    main()
