"""The month view's keys at 10,000 events: from a key to the first frame drawn after the
screen showed what it asks, in the app (headless, Pilot, as bench/keys.py times keys), and
what its presenter call costs in the core.

    python bench/month_keys.py [--events 10000] [--repeat 20] [--size 80x24]

Prints a Markdown table of median (min-max) milliseconds; figures are printed, never asserted.
bench/run.py measures the same keys for each calendar it builds (``month_key_figures``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from figures import Figure, measure  # noqa: E402
from keys import FRAME_LIMIT, POLL, Clock, _until, send_key  # noqa: E402
from make_calendar import calendar_text  # noqa: E402

from tui.core.loading.load import load_bytes  # noqa: E402
from tui.core.model import Calendar  # noqa: E402
from tui.core.present.screenful import present  # noqa: E402
from tui.core.present.state import Browse, View, settle  # noqa: E402
from tui.core.views.filter import Filter  # noqa: E402
from tui.core.views.index import CalendarIndex  # noqa: E402
from tui.core.views.month import month_grid  # noqa: E402
from tui.core.zones import get_zone  # noqa: E402

LOCAL = get_zone("UTC")
NAMES = {
    "open": "M (open the month)",
    "day": "arrow (a day)",
    "week": "arrow (a week)",
    "next": "] (next month)",
    "previous": "[ (previous month)",
    "search": "search key in the month",
    "enter": "enter (open the day)",
    "back": "escape (back to the day view)",
}


class Settled(Clock):
    """An arrow is timed to the last frame drawn for it: the month view moves its own
    cursor at once and draws it, then the screen's state comes back down and redraws only
    what changed, if anything, so that frame may come before ``show`` ran. Other keys are
    timed as bench/keys.py times them, to the first frame after ``show`` (the frames after
    it redraw the footer for the new focus)."""

    async def settled(self, pilot: Any, key: str, figure: Figure) -> None:
        self.clear()
        self.marked = 0.0
        start = time.perf_counter()
        send_key(pilot.app, key)
        while not self.marked and time.perf_counter() - start < FRAME_LIMIT:
            await asyncio.sleep(POLL)
        await pilot.pause()  # until what the key set off is drawn
        frames = [at for at in self.frames if at >= start]
        if self.marked and frames:
            figure.samples.append(frames[-1] - start)


async def _keys(calendar: Calendar, repeat: int, size: tuple[int, int]) -> dict[str, Figure]:
    """``repeat`` rounds from the day view: every timed key changes the state, so the
    screen presents once for it (``Settled`` times it to its last frame)."""
    from tui.ui.app import DiplocalApp

    app = DiplocalApp(calendar, local_zone=LOCAL)
    figures = {key: Figure() for key in NAMES}
    async with app.run_test(size=size) as pilot:
        screen: Any = app.screen
        await _until(pilot, lambda: screen.index.warm and not app.workers._workers)
        clock = Settled(app)
        clock.watch(screen, "show")
        for step in range(repeat):
            back = step % 2  # every other round the other way: the cursor stays near
            await clock.sample(pilot, "M", figures["open"])
            await clock.settled(pilot, "left" if back else "right", figures["day"])
            await clock.settled(pilot, "up" if back else "down", figures["week"])
            await clock.sample(pilot, "right_square_bracket", figures["next"])
            await clock.sample(pilot, "left_square_bracket", figures["previous"])
            await pilot.press("slash")
            await clock.sample(pilot, "t", figures["search"])
            await pilot.press("escape")  # the search cleared, the month focused again
            screen.change(month_day=screen.browse.day)  # a day with events, for enter
            await pilot.pause()
            await clock.sample(pilot, "enter", figures["enter"])
            await pilot.press("M")
            await clock.sample(pilot, "escape", figures["back"])
    return {NAMES[key]: figure for key, figure in figures.items()}


def month_key_figures(
    calendar: Calendar, repeat: int, size: tuple[int, int] = (80, 24)
) -> dict[str, Figure]:
    """Key-to-frame figures of the month view, by name (``NAMES``)."""
    return asyncio.run(_keys(calendar, repeat, size))


def core_figures(calendar: Calendar, repeat: int) -> dict[str, Figure]:
    """The presenter call behind each month key, and the grid alone, without the TUI."""
    index = CalendarIndex(calendar)
    index.build()
    browse = settle(index, Browse(), LOCAL)
    month = replace(browse, view=View.MONTH, month_day=browse.day)
    searching = replace(month, filter=Filter(text="talks"))
    day = browse.day
    assert day is not None
    now = datetime.now(UTC)
    mode = browse.zone_mode
    return {
        "present, day view": measure(lambda: present(index, browse, LOCAL, now), repeat),
        "present, month view": measure(lambda: present(index, month, LOCAL, now), repeat),
        "present, month view, searching 'talks'": measure(
            lambda: present(index, searching, LOCAL, now), repeat
        ),
        "month_grid alone": measure(
            lambda: month_grid(index, Filter(), mode, LOCAL, day.year, day.month, day), repeat
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--size", default="80x24")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    os.environ.setdefault("DIPLOCAL_NO_CACHE", "1")
    calendar = load_bytes(calendar_text(args.events).encode(), "bench.toml").calendar
    print(f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    print(f"| {args.events:,} events, {width}x{height} | ms, median (min-max, n) |")
    print("|---|---|")
    for name, figure in core_figures(calendar, args.repeat).items():
        print(f"| {name} (core) | {figure} |", flush=True)
    for name, figure in month_key_figures(calendar, args.repeat, (width, height)).items():
        print(f"| {name}, key to frame | {figure} |", flush=True)
    print(f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}")


if __name__ == "__main__":
    main()
