"""Keys while a save runs (issue 20): key to repaint during an edit's save, and the save.

    .venv/bin/python bench/saving.py [--profile] [N ...]     (default: 10000 100000 events)

``--profile`` prints, after each size, cProfile's top functions (cumulative) of the UI
thread from the outcome's arrival until the saved version is on screen (the "landing").

The app (headless, Pilot, 120x36) opens a calendar made by ``make_calendar.py`` from a
file it may write. Each round starts an update intent (a retitle of the calendar's middle event)
through the screen's ``Editor``, as `enter` then ctrl+s in the form would, and presses
`]` and `[` in turn every 50 ms until the saved version is on screen. A sample is the time
from sending the key until the first frame after the screen showed the new day (as
bench/keys.py times keys); every key sent until the saved version is on screen counts: while
the intent runs in its worker thread (the edit, the check of the new text and the write)
and while the version it left is prepared in another (the changes since the version shown
and since the baseline, the filter indexes). One with no frame within 5 s counts as 5 s (a
lower bound). The UI thread then only swaps the prepared version in and presents it: keys
wait meanwhile, and that time is given as its own figure ("swapped in"). "save in the app"
is from starting the intent until its outcome reached the UI thread; "outcome ... to the
saved version on screen" the preparing and the swap; "update intent ..." the whole.
Printed, never asserted; bench/run.py puts these figures in docs/benchmarks.md too.
"""

from __future__ import annotations

import asyncio
import cProfile
import os
import pstats
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
    "landing": "outcome on the UI thread to the saved version on screen",
    "swap": "the saved version swapped in and presented (UI thread, keys wait)",
    "save": "save in the app (update intent, worker thread)",
    "shown": "update intent to the saved version on screen",
}


async def _round(
    pilot: Any,
    clock: Clock,
    number: int,
    figures: dict[str, Figure],
    profile: cProfile.Profile | None,
) -> None:
    app = pilot.app
    screen = app.screen
    document = screen.editor.document()
    event = screen.calendar.events[len(screen.calendar.events) // 2]
    title = f"Saved while keys are pressed {number}"
    swapped: list[float] = []
    set_living = screen.set_living

    def timed_set_living(*args: Any) -> None:
        began = time.perf_counter()
        set_living(*args)
        swapped.append(time.perf_counter() - began)

    screen.set_living = timed_set_living
    answered: list[float] = []

    def intent() -> Any:
        return document.update(event.id, {"title": title})

    def done(outcome: Any) -> None:
        answered.append(time.perf_counter())
        if profile is not None:
            profile.enable()
        screen.editor.settle(outcome, None)

    def shown() -> bool:
        return any(e.title == title for e in screen.calendar.events)

    began = time.perf_counter()
    screen.editor.run(intent, done)
    step = 0
    while not shown():
        key = "left_square_bracket" if step % 2 else "right_square_bracket"
        step += 1
        took = await clock.press(pilot, key)  # None: no frame within FRAME_LIMIT
        figures["saving"].samples.append(FRAME_LIMIT if took is None else took)
        await asyncio.sleep(GAP)
        if time.perf_counter() - began > 600:
            raise TimeoutError("the save never showed")
    end = time.perf_counter()
    del screen.set_living  # the method again
    if profile is not None:
        profile.disable()
    figures["swap"].samples.extend(swapped)
    if answered:
        figures["save"].samples.append(answered[0] - began)
        figures["landing"].samples.append(end - answered[0])
    figures["shown"].samples.append(end - began)


async def _run(path: Path, rounds: int, profile: cProfile.Profile | None) -> dict[str, Figure]:
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
        # It is primed in a worker meanwhile (what a save reuses), as the form is filled in.
        await _until(pilot, lambda: not _busy(app))
        for step in range(10):
            key = "left_square_bracket" if step % 2 else "right_square_bracket"
            await clock.sample(pilot, key, figures["idle"])
        for number in range(rounds):
            await _round(pilot, clock, number, figures, profile)
            await pilot.pause()
    return figures


def _busy(app: Any) -> bool:
    """Whether a worker other than the (closed) file watcher still runs."""
    return any(not w.is_finished and w.name != "follow" for w in app.workers._workers)


def saving_figures(
    path: Path, rounds: int, profile: cProfile.Profile | None = None
) -> dict[str, Figure]:
    """The figures of ``rounds`` saves of the calendar at ``path`` (it is written)."""
    return asyncio.run(_run(path, rounds, profile))


def main() -> None:
    arguments = sys.argv[1:]
    if "-h" in arguments or "--help" in arguments:
        print(__doc__)
        return
    profiling = "--profile" in arguments
    arguments = [a for a in arguments if a != "--profile"]
    for argument in arguments or ["10000", "100000"]:
        profile = cProfile.Profile() if profiling else None
        count = int(argument)
        with tempfile.TemporaryDirectory() as folder:
            os.environ["XDG_STATE_HOME"] = str(Path(folder) / "state")  # not the user's
            os.environ["XDG_CACHE_HOME"] = str(Path(folder) / "cache")
            path = Path(folder) / f"calendar-{count}.toml"
            path.write_text(calendar_text(count), encoding="utf-8")
            figures = saving_figures(path, 5 if count <= 10_000 else 3, profile)
        print(f"{count:,} events, load {Path('/proc/loadavg').read_text().split()[:3]}")
        for key, figure in figures.items():
            print(f"  {NAMES[key]:<58} {figure}", flush=True)
        if profile is not None:
            pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
