"""Export in the app against the same export in process (issue 27: within 1.2x), paired.

Usage: python bench/export_app.py [--sizes 10000,100000] [--pairs 3] [--keys] [--profile]

Each pair runs ``export_bytes`` in process (as ``diplocal export`` does), then the same
export from the app's dialog (``e``, enter, until the main screen is back), in turn, on one
app (headless, Pilot) and one calendar with its revisions kept in a state folder of the
run's own; the first export of each (revisions written afresh) is left out. ``--keys``
presses ``]`` every 50 ms during the app's export (bench/keys.py's "export" figure), and
reports the key-to-frame times. Each pair also gives the ratio of the process's CPU time
(both threads), which other programs' load moves less than the wall-clock ratio.
``--profile`` prints cProfile's top functions of the export's worker thread and of the
app's thread for one export in the app.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from keys import EXPORT_GAP, Clock, send_key
from make_calendar import calendar_text
from terminal import SIZE

from tui.core.export.formats import ExportFormat, export_bytes
from tui.core.loading.load import load_calendar
from tui.core.zones import get_zone


async def _until(pilot: Any, done: Any, limit: float = 300.0) -> None:
    began = time.perf_counter()
    while not done():
        if time.perf_counter() - began > limit:
            raise TimeoutError(str(pilot.app.screen))
        await asyncio.sleep(0.005)


async def _app_export(pilot: Any, clock: Clock, keys: bool, keyed: list[float]) -> float:
    """One export from the dialog: seconds from enter until the main screen is back."""
    screen = pilot.app.screen
    await pilot.press("e")
    await _until(pilot, lambda: pilot.app.screen is not screen)
    dialog: Any = pilot.app.screen
    clock.watch(dialog, "say")
    await pilot.pause()
    began = time.perf_counter()
    send_key(pilot.app, "enter")
    await _until(pilot, lambda: dialog.running is not None)
    while keys and not dialog.running.is_finished:
        took = await clock.press(pilot, "right_square_bracket")
        if took is not None and not dialog.running.is_finished:
            keyed.append(took)
        await asyncio.sleep(EXPORT_GAP)
    await _until(pilot, lambda: pilot.app.screen is screen)
    took = time.perf_counter() - began
    Path(screen.screenful.export_name).unlink(missing_ok=True)
    await pilot.pause()
    return took


def _profiled_worker(stats: list[pstats.Stats]) -> Any:
    """Wrap the dialog's export_bytes so its thread is profiled."""
    from tui.ui.dialogs import export_modal

    plain = export_bytes

    def profiled(*args: Any, **kwargs: Any) -> bytes:
        profile = cProfile.Profile()
        profile.enable()
        try:
            return plain(*args, **kwargs)
        finally:
            profile.disable()
            stats.append(pstats.Stats(profile))

    export_modal.export_bytes = profiled  # type: ignore[assignment]
    return lambda: setattr(export_modal, "export_bytes", plain)


async def _run(path: Path, pairs: int, keys: bool, profile: bool) -> None:
    from tui.ui.app import DiplocalApp

    calendar = load_calendar(path).calendar
    events = list(calendar.events)
    app = DiplocalApp(calendar, local_zone=get_zone("UTC"), path=path)
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: app.screen.index.warm)
        await asyncio.sleep(1.0)
        print("  workers running:", [w.name for w in app.workers._workers])
        clock = Clock(app)
        keyed: list[float] = []
        os.chdir(path.parent)
        await _app_export(pilot, clock, False, [])  # the first: revisions written afresh
        export_bytes(calendar, events, ExportFormat.ICS, source=path)
        ratios = []
        for n in range(pairs):
            began, cpu = time.perf_counter(), time.process_time()
            export_bytes(calendar, events, ExportFormat.ICS, source=path)
            alone, alone_cpu = time.perf_counter() - began, time.process_time() - cpu
            cpu = time.process_time()
            in_app = await _app_export(pilot, clock, keys, keyed)
            in_app_cpu = time.process_time() - cpu
            ratios.append(in_app / alone)
            print(
                f"  pair {n + 1}: in process {alone:.2f} s, in the app {in_app:.2f} s, "
                f"{in_app / alone:.2f}x; CPU time {in_app_cpu / alone_cpu:.2f}x",
                flush=True,
            )
        ratios.sort()
        print(f"  median {ratios[len(ratios) // 2]:.2f}x ({ratios[0]:.2f}-{ratios[-1]:.2f})")
        if keyed:
            keyed.sort()
            print(
                f"  key while exporting: median {keyed[len(keyed) // 2] * 1000:.0f} ms, "
                f"max {keyed[-1] * 1000:.0f} ms, {len(keyed)} keys"
            )
        if profile:
            worker: list[pstats.Stats] = []
            restore = _profiled_worker(worker)
            main = cProfile.Profile()
            main.enable()
            took = await _app_export(pilot, clock, keys, [])
            main.disable()
            restore()
            print(f"\n== profiled export in the app: {took:.2f} s; the worker thread:")
            worker[0].sort_stats("tottime").print_stats(12)
            print("== the app's thread (asyncio loop) meanwhile:")
            pstats.Stats(main).sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--keys", action="store_true")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="export-app-") as folder:
        work = Path(folder)
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")
        os.environ["XDG_STATE_HOME"] = str(work / "state")
        for size in (int(s) for s in args.sizes.split(",")):
            path = work / f"calendar-{size}.toml"
            path.write_text(calendar_text(size), encoding="utf-8")
            print(f"{size} events, load {os.getloadavg()[0]:.2f}:", flush=True)
            asyncio.run(_run(path, args.pairs, args.keys, args.profile))


if __name__ == "__main__":
    main()
