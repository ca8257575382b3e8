"""Keys while a save runs (issue 20): key to repaint during an edit's save, and the save.

    .venv/bin/python bench/saving.py [N ...]     (default: 10000 100000 events)

The app (headless, Pilot, 120x36) opens a calendar made by ``make_calendar.py`` from a
file it may write. Each round starts an update intent (a retitle of the calendar's middle event)
through the screen's ``Editor``, as `enter` then ctrl+s in the form would, and presses
`]` and `[` in turn every 50 ms until the saved version is on screen. A sample is the time
from sending the key until the first frame after the screen showed the new day (as
bench/keys.py times keys); only keys sent while the intent ran in its worker thread (the
edit, the check of the whole new text and the write) count, and one with no frame within
5 s counts as 5 s (a lower bound). Once the outcome is back, the UI thread shows the saved
version (the changes since the baseline, the filter indexes, the presenter): keys wait
meanwhile, and Pilot shares that thread, so that time is given as its own figure rather
than as keys. "save in the app" is from starting the intent until its outcome reached the
UI thread; "update intent to the saved version on screen" until the screen held it.
Printed, never asserted; bench/run.py puts these figures in docs/benchmarks.md too.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from figures import Figure
from keys import FRAME_LIMIT, Clock, _until
from make_calendar import calendar_text
from terminal import SIZE

from tui.core.loading.load import load_calendar
from tui.core.zones import get_zone

GAP = 0.05  # seconds between two keys while saving
NAMES = {
    "idle": "key ([ or ]) to repaint, no save running (for comparison)",
    "saving": "key ([ or ]) to repaint while an edit is saved",
    "landing": "outcome on the UI thread to the saved version shown (keys wait)",
    "save": "save in the app (update intent, worker thread)",
    "shown": "update intent to the saved version on screen",
}


async def _round(pilot: Any, clock: Clock, number: int, figures: dict[str, Figure]) -> None:
    app = pilot.app
    screen = app.screen
    document = screen.editor.document()
    event = screen.calendar.events[len(screen.calendar.events) // 2]
    title = f"Saved while keys are pressed {number}"
    returned: list[float] = []
    answered: list[float] = []

    def intent() -> Any:
        outcome = document.update(event.id, {"title": title})
        returned.append(time.perf_counter())
        return outcome

    def done(outcome: Any) -> None:
        answered.append(time.perf_counter())
        screen.editor.settle(outcome, None)

    def shown() -> bool:
        return any(e.title == title for e in screen.calendar.events)

    began = time.perf_counter()
    screen.editor.run(intent, done)
    step = 0
    while not shown():
        key = "left_square_bracket" if step % 2 else "right_square_bracket"
        step += 1
        sent = time.perf_counter()
        took = await clock.press(pilot, key)  # None: no frame within FRAME_LIMIT
        if not returned or sent < returned[0]:
            figures["saving"].samples.append(FRAME_LIMIT if took is None else took)
        await asyncio.sleep(GAP)
        if time.perf_counter() - began > 600:
            raise TimeoutError("the save never showed")
    end = time.perf_counter()
    if answered:
        figures["save"].samples.append(answered[0] - began)
        figures["landing"].samples.append(end - answered[0])
    figures["shown"].samples.append(end - began)


async def _run(path: Path, rounds: int) -> dict[str, Figure]:
    from tui.ui.app import DiplocalApp

    loaded = load_calendar(path)
    app = DiplocalApp(loaded.calendar, local_zone=get_zone("UTC"), path=path)
    figures = {name: Figure() for name in NAMES}
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: getattr(app.screen, "index", None) is not None)
        screen = app.screen
        if screen.follower is not None:
            screen.follower.close()  # the save's own version shows; no watcher reload too
        await _until(pilot, lambda: screen.index.warm and not _busy(app))
        clock = Clock(app)
        clock.watch(screen, "show")
        screen.editor.document()  # opened once, as the first edit does
        for step in range(10):
            key = "left_square_bracket" if step % 2 else "right_square_bracket"
            await clock.sample(pilot, key, figures["idle"])
        for number in range(rounds):
            await _round(pilot, clock, number, figures)
            await pilot.pause()
    return figures


def _busy(app: Any) -> bool:
    """Whether a worker other than the (closed) file watcher still runs."""
    return any(not w.is_finished and w.name != "follow" for w in app.workers._workers)


def saving_figures(path: Path, rounds: int) -> dict[str, Figure]:
    """The figures of ``rounds`` saves of the calendar at ``path`` (it is written)."""
    return asyncio.run(_run(path, rounds))


def main() -> None:
    for argument in sys.argv[1:] or ["10000", "100000"]:
        count = int(argument)
        with tempfile.TemporaryDirectory() as folder:
            os.environ["XDG_STATE_HOME"] = str(Path(folder) / "state")  # not the user's
            os.environ["XDG_CACHE_HOME"] = str(Path(folder) / "cache")
            path = Path(folder) / f"calendar-{count}.toml"
            path.write_text(calendar_text(count), encoding="utf-8")
            figures = saving_figures(path, 5 if count <= 10_000 else 3)
        print(f"{count:,} events, load {Path('/proc/loadavg').read_text().split()[:3]}")
        for key, figure in figures.items():
            print(f"  {NAMES[key]:<58} {figure}", flush=True)


if __name__ == "__main__":
    main()
