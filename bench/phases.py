"""Where a start of a large calendar goes, phase by phase (headless app, warm cache).

    .venv/bin/python bench/phases.py [EVENTS]      (default 100000)

Starts the app on a generated calendar loaded inside it (as a file of 2 MB or more is),
twice: the first start finds no copy of the calendar last seen and keeps one, the second
loads that copy, as every later start does. Prints when each phase began and how long it
took, from the app's creation. Figures, not a test.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

WORK = Path(tempfile.mkdtemp(prefix="diplocal-phases-"))
os.environ["XDG_CACHE_HOME"] = str(WORK / "cache")
os.environ["XDG_STATE_HOME"] = str(WORK / "state")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_calendar import calendar_text  # noqa: E402

import tui.ui.app as app_module  # noqa: E402
from tui.core.loading.load import load_calendar  # noqa: E402
from tui.ui.main.main_screen import MainScreen  # noqa: E402
from tui.ui.startup.loading_screen import LoadingScreen  # noqa: E402

PHASES: dict[str, list[tuple[float, float]]] = {}
STARTED = [0.0]


def timed(owner: Any, name: str, label: str) -> None:
    """Record (began, took) of every call of ``owner.name``."""
    method: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        result = method(*args, **kwargs)
        PHASES.setdefault(label, []).append((began - STARTED[0], time.perf_counter() - began))
        return result

    setattr(owner, name, wrapper)


timed(LoadingScreen, "load", "worker: load, then wait for the UI thread's opened()")
timed(LoadingScreen, "loaded", "UI thread: opened() (baseline, compare, push main screen)")
timed(app_module, "starting_baseline", "  the copy last seen: load it, or keep one")
timed(app_module, "start", "  compare with it (living.start)")
timed(MainScreen, "show", "UI thread: MainScreen.show (present)")


async def one_start(path: Path) -> tuple[float, float]:
    """Seconds until the main screen has its first screenful, and until indexes are built."""
    PHASES.clear()
    app = app_module.DiplocalApp(None, path=path)
    STARTED[0] = time.perf_counter()
    async with app.run_test(size=(120, 36)):
        while not isinstance(app.screen, MainScreen) or app.screen.screenful is None:
            await asyncio.sleep(0.01)
        shown = time.perf_counter() - STARTED[0]
        while not app.screen.index.warm:
            await asyncio.sleep(0.01)
        return shown, time.perf_counter() - STARTED[0]


def main() -> None:
    try:
        run()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)


def run() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    path = WORK / f"calendar-{count}.toml"
    path.write_text(calendar_text(count), encoding="utf-8")
    began = time.perf_counter()
    load_calendar(path)  # fills the cache
    took = time.perf_counter() - began
    print(f"{count:,} events; load_calendar, cold, outside the app: {took:.2f} s")
    began = time.perf_counter()
    load_calendar(path)
    print(f"load_calendar, warm cache, outside the app: {time.perf_counter() - began:.2f} s")
    for name in ("first start (no copy last seen)", "later start (loads the copy)"):
        shown, indexed = asyncio.run(one_start(path))
        print(f"{name}: events on screen at {shown:.2f} s, filter indexes at {indexed:.2f} s")
        for label, calls in sorted(PHASES.items(), key=lambda item: item[1][0][0]):
            spans = ", ".join(f"at {at:.2f} s for {took:.2f} s" for at, took in calls[:2])
            print(f"  {label:<58} {spans}")


if __name__ == "__main__":
    main()
