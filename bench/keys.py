"""Key press to repaint in the app (headless, Pilot): day change, search, country filter,
and a key pressed while an export runs in its worker.

A sample is the time from sending a key until the first frame composed after the app did
what the key asks (the presenter ran, the dialog narrowed its list). Frames are caught at
``App._display``, which a headless app still calls with each composed update.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from figures import Figure
from terminal import SIZE
from textual import events

from tui.core.model import Calendar
from tui.core.zones import get_zone

EXPORT_GAP = 0.05  # seconds between two keys pressed during an export
FRAME_LIMIT = 5.0  # seconds to wait for the frame after a key
POLL = 0.002
WAIT_LIMIT = float(os.environ.get("BENCH_WAIT", "120"))


class Clock:
    """Times from a key press to the first frame drawn after a watched method last ran."""

    def __init__(self, app: Any) -> None:
        self.marked = 0.0
        self.frames: list[float] = []
        self.screens: list[Any] = []  # the screen each frame drew
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.frames.append(time.perf_counter())
                self.screens.append(screen)

        app._display = timed_display

    def watch(self, owner: Any, name: str) -> None:
        """Mark the time whenever ``owner.name()`` runs (an instance attribute shadows it)."""
        method: Callable[..., Any] = getattr(owner, name)

        def marked(*args: Any, **kwargs: Any) -> Any:
            result = method(*args, **kwargs)
            self.marked = time.perf_counter()
            return result

        setattr(owner, name, marked)

    def clear(self) -> None:
        self.frames.clear()
        self.screens.clear()

    def first_after(self, moment: float, screen: Any = None) -> float | None:
        """The first frame at or after ``moment`` (of ``screen``, if given)."""
        for at, drawn in zip(self.frames, self.screens, strict=True):
            if at >= moment and (screen is None or drawn is screen):
                return at
        return None

    async def press(self, pilot: Any, key: str) -> float | None:
        """Seconds from sending ``key`` to the first frame after the watched method ran;
        None when no such frame came within FRAME_LIMIT.

        The key goes to the driver as a terminal's would; Pilot's ``press()`` and
        ``pause()`` then wait until the process stops using the CPU (up to a second each),
        which never happens while an export thread runs, so this waits on the frame.
        """
        self.clear()
        self.marked = 0.0
        start = time.perf_counter()
        send_key(pilot.app, key)
        while time.perf_counter() - start < FRAME_LIMIT:
            painted = self.first_after(self.marked) if self.marked else None
            if painted is not None:
                return painted - start
            await asyncio.sleep(POLL)
        return None

    async def sample(self, pilot: Any, key: str, figure: Figure) -> None:
        """One sample of ``key`` into ``figure``, then let the app settle."""
        took = await self.press(pilot, key)
        if took is not None:
            figure.samples.append(took)
        await pilot.pause()


CHARACTERS = {"right_square_bracket": "]", "enter": "\r", "escape": "\x1b"}


def send_key(app: Any, key: str) -> None:
    """Hand ``key`` to the app's driver, as a terminal's input would, and return at once."""
    message = events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None))
    message.set_sender(app)
    app._driver.send_message(message)


def _started(dialog: Any) -> bool:
    return dialog.running is not None


async def _until(pilot: Any, done: Callable[[], bool]) -> None:
    began = time.perf_counter()
    while not done():
        if time.perf_counter() - began > WAIT_LIMIT:
            raise TimeoutError(f"the app did not get there in time ({pilot.app.screen})")
        await pilot.pause(0.05)


async def _browse_keys(pilot: Any, clock: Clock, repeat: int) -> dict[str, Figure]:
    """Day change, search and the country filter on the main screen."""
    screen = pilot.app.screen
    clock.watch(screen, "show")
    figures = {name: Figure() for name in ("day", "search", "country key", "country", "clear")}
    for step in range(repeat):  # forth and back, so that every press changes the day
        key = "left_square_bracket" if step % 2 else "right_square_bracket"
        await clock.sample(pilot, key, figures["day"])
    await pilot.press("slash")
    for key in "summit"[: max(repeat, 3)]:
        await clock.sample(pilot, key, figures["search"])
    await pilot.press("escape")
    await pilot.pause()
    for _ in range(repeat):
        await pilot.press("c")
        await _until(pilot, lambda: pilot.app.screen is not screen)
        dialog = pilot.app.screen
        clock.watch(dialog, "redraw")
        for key in "taj":  # narrows to Tajikistan by name, letter by letter
            await clock.sample(pilot, key, figures["country key"])
        await clock.sample(pilot, "enter", figures["country"])
        await _until(pilot, lambda: pilot.app.screen is screen)
        await clock.sample(pilot, "C", figures["clear"])
    return figures


async def _export_keys(pilot: Any, clock: Clock, repeat: int) -> dict[str, Figure]:
    """``e``, ``enter``, then ``]`` every 50 ms while the worker writes; and escape.

    Round 0 exports with no key pressed, for the export's own time in the app (it is also
    the calendar's first export, which writes every event's revision afresh); the last
    round cancels.
    """
    screen = pilot.app.screen
    names = ("idle", "exporting", "export alone", "export", "cancel")
    figures = {name: Figure() for name in names}
    for round_ in range(repeat + 2):
        await pilot.press("e")
        await _until(pilot, lambda: pilot.app.screen is not screen)
        dialog: Any = pilot.app.screen
        clock.watch(dialog, "say")  # the path field's change handler says "" each time
        await pilot.press("end")  # the field starts with its text selected: keep the text
        await clock.sample(pilot, "right_square_bracket", figures["idle"])
        await pilot.press("backspace")
        began = time.perf_counter()
        send_key(pilot.app, "enter")  # Pilot's press() would wait out most of the export
        await _until(pilot, partial(_started, dialog))
        if round_ == repeat + 1:  # the last round cancels instead, if the export still runs
            await asyncio.sleep(0.2)
            if not dialog.running.is_finished:
                figures["cancel"].samples.append(await _cancel(pilot, clock, screen))
            break
        while round_ and not dialog.running.is_finished:
            took = await clock.press(pilot, "right_square_bracket")
            if took is not None and not dialog.running.is_finished:  # during the export
                figures["exporting"].samples.append(took)
            await asyncio.sleep(EXPORT_GAP)
        await _until(pilot, lambda: pilot.app.screen is screen)
        figures["export" if round_ else "export alone"].samples.append(time.perf_counter() - began)
        Path(screen.screenful.export_name).unlink(missing_ok=True)
    return figures


async def _cancel(pilot: Any, clock: Clock, screen: Any) -> float:
    """escape during an export: time until the first frame of the main screen."""
    clock.clear()
    start = time.perf_counter()
    send_key(pilot.app, "escape")
    while time.perf_counter() - start < FRAME_LIMIT:
        shown = clock.first_after(start, screen)
        if shown is not None:
            return shown - start
        await asyncio.sleep(POLL)
    return FRAME_LIMIT


async def _run(calendar: Calendar, repeat: int, folder: Path) -> dict[str, Figure]:
    from tui.ui.app import DiplocalApp

    app = DiplocalApp(calendar, local_zone=get_zone("UTC"))
    async with app.run_test(size=SIZE) as pilot:
        # Large calendars build their filter indexes in a worker after the first paint.
        await _until(pilot, lambda: app.screen.index.warm and not app.workers._workers)
        clock = Clock(app)
        figures = await _browse_keys(pilot, clock, repeat)
        previous = Path.cwd()
        os.chdir(folder)  # the export's default file name is relative
        try:
            exported = await _export_keys(pilot, clock, max(1, repeat // 2))
        finally:
            os.chdir(previous)
    return figures | exported


def key_figures(calendar: Calendar, repeat: int, folder: Path) -> dict[str, Figure]:
    """Key-to-repaint figures for ``calendar``, by name (see ``_browse_keys``)."""
    return asyncio.run(_run(calendar, repeat, folder))
