"""How fast the timeline answers keys on a crowded day: 1,000 events, 200 participants.

    .venv/bin/python bench/timeline.py

Prints the layout and paint times in the core, and, in a headless app at 200x60, the time
from a key press to the frame drawn after it, for cursor moves (left/right, up/down) and
zoom (+/-), which lays the timeline out again. Figures, not a test: the machine decides them.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from textual.app import App, ComposeResult

from tui.core.model import Calendar, Country, Event, Participant, PartOfDay, Status
from tui.core.views.filter import ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.lanes import LaneMode
from tui.core.views.timeline import Timeline, layout_timeline
from tui.core.views.timeline_layout import paint_timeline, row_runs
from tui.core.zones import get_zone
from tui.ui.widgets.timeline_view import TimelineView

DAY = date(2025, 10, 9)
ZONE = get_zone("Asia/Dushanbe")
SIZE = (200, 60)


def crowded_day(events: int = 1000, people: int = 200, seed: int = 12) -> Calendar:
    """One day of ``events`` among ``people``: timed, estimated, open, parts of day, unknown."""
    rng = random.Random(seed)
    participants = {
        f"p{n}": Participant(f"p{n}", f"Person Number{n}", "TJ", icc_warrant=n % 50 == 0)
        for n in range(people)
    }
    ids = list(participants)
    made = []
    for n in range(events):
        who = tuple(rng.sample(ids, rng.randint(1, 4)))
        start = datetime(2025, 10, 9, 7, tzinfo=ZONE) + timedelta(minutes=rng.randrange(0, 900, 5))
        kind = n % 10
        common: dict[str, Any] = {
            "id": f"e{n}",
            "title": f"Meeting number {n} on the crowded day",
            "timezone": "Asia/Dushanbe",
            "participants": who,
            "host": "TJ",
            "status": Status.TENTATIVE if kind == 7 else Status.CONFIRMED,
        }
        if kind == 8:
            made.append(Event(start=DAY, end=DAY, part_of_day=(PartOfDay.EVENING,), **common))
        elif kind == 9:
            made.append(Event(start=DAY, end=DAY, **common))  # time not announced
        elif kind == 6:
            made.append(Event(start=start, end=start, explicit_end=False, **common))
        else:
            length = timedelta(minutes=rng.choice((30, 45, 60, 90, 120)))
            made.append(Event(start=start, end=start + length, end_estimated=kind < 3, **common))
    country = Country("TJ", "Tajikistan", "Dushanbe", "Asia/Dushanbe", icc_state_party=True)
    return Calendar(
        "Crowded day",
        "crowded",
        "Asia/Dushanbe",
        countries={"TJ": country},
        participants=participants,
        events=tuple(made),
    )


def timed(action: Callable[[], object], repeat: int = 10) -> float:
    """The median of ``repeat`` runs, in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


class _App(App[None]):
    def __init__(self, timeline: Timeline) -> None:
        super().__init__()
        self.timeline = timeline
        self.frames: list[float] = []

    def compose(self) -> ComposeResult:
        yield TimelineView()

    def on_mount(self) -> None:
        view = self.query_one(TimelineView)
        view.timeline = self.timeline
        view.focus()
        display = self._display

        def timed_display(*args: Any) -> None:
            display(*args)
            self.frames.append(time.perf_counter())

        self._display = timed_display  # type: ignore[method-assign]


async def key_samples(timeline: Timeline, keys: list[str], rounds: int) -> dict[str, list[float]]:
    """Milliseconds from a key press to the next frame, per key, one sample per round."""
    app = _App(timeline)
    samples: dict[str, list[float]] = {key: [] for key in keys}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(rounds):
            for key in keys:
                app.frames.clear()
                start = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                if app.frames:
                    samples[key].append((app.frames[0] - start) * 1000)
    return samples


async def key_to_frame(timeline: Timeline, keys: list[str], rounds: int) -> dict[str, float]:
    """Median milliseconds from a key press to the next frame, per key."""
    samples = await key_samples(timeline, keys, rounds)
    return {key: statistics.median(values) for key, values in samples.items() if values}


def main() -> None:
    calendar = crowded_day()
    index = CalendarIndex(calendar)
    events = index.by_day(ZoneMode.EVENT, ZONE)[DAY]

    def lay_out() -> Timeline:
        return layout_timeline(index, DAY, events, LaneMode.PARTICIPANTS, ZONE, get_zone("UTC"))

    timeline = lay_out()
    blocks = sum(len(lane.blocks) for lane in timeline.lanes)
    print(f"{len(events)} events, {len(timeline.lanes)} lanes, {blocks} blocks")
    print(f"layout_timeline           {timed(lay_out):7.1f} ms")
    painting = paint_timeline(timeline, SIZE[0])
    print(f"paint_timeline (200 cols) {timed(lambda: paint_timeline(timeline, SIZE[0])):7.1f} ms")
    print(f"  rows: {len(painting.rows)}")
    screen = painting.rows[: SIZE[1]]
    spell = timed(lambda: [row_runs(painting, row) for row in screen])
    print(f"row_runs for one screen   {spell:7.1f} ms")
    keys = ["right", "down", "right", "up", "left", "plus", "minus"]
    figures = asyncio.run(key_to_frame(timeline, keys, rounds=8))
    for key, value in figures.items():
        print(f"key {key:<6} to frame      {value:7.1f} ms (median, 200x60)")


if __name__ == "__main__":
    main()
