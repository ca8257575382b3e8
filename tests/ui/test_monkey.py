"""A monkey at the keyboard: long random sequences of every key the app binds, printable
text, bursts that arrive faster than the app redraws, resize storms and clicks anywhere.

After each sequence the app is alive and its invariants hold: the Days highlight is the day
shown, the header shows the filter and the zone whole, and the rows listed are exactly the
events the filter allows on that day (checked against a plain scan of the calendar).

The sequences are seeded, so a failure names its seed and the actions that led to it, and
replays. `DIPLOCAL_MONKEY=2000` runs that many sequences per calendar instead of the default;
`DIPLOCAL_MONKEY_SEED` picks another seed.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import random
import string
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.pilot import Pilot

import tui.ui
from tests.ui.conftest import SAMPLE, MakeApp
from tests.ui.helpers import header, main_screen, send_burst, until
from tui.core.model import Calendar, Event
from tui.core.present.state import View
from tui.core.views.filter import Filter, display_zone, event_days
from tui.ui.app import DiplocalApp
from tui.ui.main.main_screen import MainScreen
from tui.ui.widgets.day_list import DayList
from tui.ui.widgets.day_view import EventList

# About a second a sequence here (2 shared cores): 25 per calendar keeps CI near a minute.
SEQUENCES = int(os.environ.get("DIPLOCAL_MONKEY", "25"))  # per calendar
SEED = int(os.environ.get("DIPLOCAL_MONKEY_SEED", "20251008"))
CHUNKS = 5  # apps per calendar, each playing every CHUNKS-th sequence: run side by side
# Keys that leave the app. Clicks may still reach 'q' through the footer: quitting is
# disarmed below, so the monkey keeps going.
BLOCKED = {"q", "ctrl+q", "ctrl+c"}
NAVIGATION = [
    *("tab", "shift+tab", "up", "down", "left", "right", "enter", "escape", "space"),
    *("backspace", "delete", "home", "end", "pageup", "pagedown", "ctrl+p"),
]
# What a user types into the filter and search: names, prefixes, near misses.
WORDS = ["zzz", "kazz", "Kazakhx", "kaz", "ta", "germ", "putin", "[bold]", "⚖", "", "r u", "✓"]
SIZES = [(60, 20), (80, 24), (100, 30), (120, 36), (159, 40), (160, 48), (200, 60)]
# Keys that open a dialog or move the focus, each followed at once by typing: the typed-ahead
# keys must land where slow typing would put them. 'M' (the month) joins once it is bound.
OPENERS = ["c", "slash", "n", "enter", "e", "question_mark", "ctrl+p", "M"]
CLOSERS = ["enter", "escape", "tab", "down"]


def openers(keys: list[str]) -> list[str]:
    """The openers bound now (the palette's key is the App's own, not in any BINDINGS)."""
    return [key for key in OPENERS if key in keys or key in NAVIGATION]


def bound_keys() -> list[str]:
    """Every key bound by the app, its screens, modals and widgets (from their BINDINGS)."""
    classes: set[type] = {DiplocalApp, App}
    for module in pkgutil.walk_packages(tui.ui.__path__, "tui.ui."):
        loaded = importlib.import_module(module.name)
        classes.update(c for _, c in inspect.getmembers(loaded, inspect.isclass))
    keys: set[str] = set()
    for cls in classes:
        for binding in getattr(cls, "BINDINGS", []):
            key = binding.key if isinstance(binding, Binding) else binding[0]
            keys.update(k.strip() for k in key.split(","))
    return sorted(keys - BLOCKED)


class Monkey:
    """Plays random actions on a running app, remembering them for the failure report."""

    def __init__(self, pilot: Pilot[None], rng: random.Random, keys: list[str]) -> None:
        self.pilot = pilot
        self.app = pilot.app
        self.rng = rng
        self.keys = keys
        self.log: list[str] = []

    def any_key(self) -> str:
        pools = [self.keys, NAVIGATION, list(string.ascii_letters + string.digits + "[]/?")]
        key = self.rng.choice(self.rng.choice(pools))
        return "Q" if key in BLOCKED else key

    async def press(self) -> None:
        key = self.any_key()
        self.log.append(f"press {key}")
        await self.pilot.press(key)

    async def burst(self, keys: list[str]) -> None:
        """Keys posted at once, as a paste or a laggy link delivers them; then wait."""
        self.log.append(f"burst {keys}")
        send_burst(self.app, keys)
        await self.pilot.pause()

    async def resize_storm(self) -> None:
        sizes = [self.rng.choice(SIZES) for _ in range(self.rng.randint(2, 6))]
        self.log.append(f"resize {sizes}")
        driver = self.app._driver
        for width, height in sizes[:-1]:  # without waiting between them
            size = events.Resize.from_dimensions((width, height), None).size
            driver._size = size  # type: ignore[union-attr]
            self.app.post_message(events.Resize(size, size))
        await self.pilot.resize_terminal(*sizes[-1])

    async def click(self) -> None:
        width, height = self.app.size
        offset = (self.rng.randrange(width), self.rng.randrange(height))
        self.log.append(f"click {offset}")
        await self.pilot.click(offset=offset)

    async def act(self) -> None:
        roll = self.rng.random()
        if roll < 0.45:
            await self.press()
        elif roll < 0.65:
            await self.burst([self.any_key() for _ in range(self.rng.randint(2, 12))])
        elif roll < 0.8:
            opener = self.rng.choice(openers(self.keys))
            word = self.rng.choice(WORDS)
            await self.burst([opener, *word, self.rng.choice(CLOSERS)])
        elif roll < 0.9:
            await self.resize_storm()
        else:
            await self.click()


def allowed(calendar: Calendar, event: Event, view: Filter) -> bool:
    """Whether the filter lets ``event`` through, read straight from the calendar."""
    people = calendar.participants
    involved = {people[p].country for p in event.participants}
    if event.host:
        involved.add(event.host)
    if view.countries and not involved & view.countries:
        return False
    if view.participants and not set(event.participants) & view.participants:
        return False
    names = [text for p in event.participants for text in (people[p].name, *people[p].aliases)]
    haystack = "\n".join((event.title, event.description, event.location, *names)).casefold()
    return all(word in haystack for word in view.text.casefold().split())


def expected_ids(screen: MainScreen, day: date) -> set[str]:
    browse = screen.browse
    return {
        event.id
        for event in screen.calendar.events
        if allowed(screen.calendar, event, browse.filter)
        and day in event_days(event, display_zone(event, browse.zone_mode, screen.local_zone))
    }


def check_invariants(app: DiplocalApp) -> None:
    assert app.is_running and not app.crashed, "the app stopped"
    if not isinstance(app.screen, MainScreen):
        return  # a dialog is open; the main screen is checked once it is back on top
    screen = main_screen(app)
    screenful = screen.screenful
    assert screenful is not None
    days = screen.query_one(DayList)
    if screenful.day is not None:
        assert screen.browse.day == screenful.day
        assert days.rows[days.cursor].day == screenful.day, "Days highlights another day"
        assert {row.id for row in screenful.rows} == expected_ids(screen, screenful.day)
    if screenful.view is View.DAY:
        assert screen.query_one(EventList).rows == screenful.rows, "the day view lags"
    line = header(app)
    assert "Filter: " in line and f"Zone: {screenful.header.zone}" in line, line


@pytest.fixture
def disarmed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    """Quitting, screenshots and the system opener do nothing; crash reports stay in tmp."""
    attempts: list[str] = []

    async def no_quit(_app: App[object]) -> None:
        attempts.append("quit")

    monkeypatch.setattr(DiplocalApp, "action_quit", no_quit)
    monkeypatch.setattr(App, "deliver_screenshot", lambda *_a, **_k: None)
    monkeypatch.setattr("tui.ui.main.links.open_url", lambda url: True)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    yield attempts


@pytest.mark.parametrize("chunk", range(CHUNKS))
@pytest.mark.parametrize("calendar", [None, SAMPLE], ids=["bundled", "hostile"])
async def test_monkey(
    make_app: MakeApp, disarmed: list[str], calendar: Path | None, chunk: int
) -> None:
    """``SEQUENCES`` per calendar, in ``CHUNKS`` apps of their own that xdist spreads over
    the workers; each chunk has its own seed, named in a failure with the sequence."""
    keys = bound_keys()
    app = make_app(calendar)
    seed = SEED + 2 * chunk + (calendar is not None)
    rng = random.Random(seed)
    async with app.run_test(size=(120, 36)) as pilot:
        monkey = Monkey(pilot, rng, keys)
        for sequence in range(chunk, SEQUENCES, CHUNKS):
            monkey.log = []
            try:
                for _ in range(rng.randint(3, 12)):
                    await monkey.act()
                await landed(app, pilot)
                check_invariants(app)
            except BaseException as error:
                error.add_note(f"sequence {sequence} (chunk {chunk}, seed {seed}): {monkey.log}")
                raise


def test_the_monkey_knows_every_key() -> None:
    """The monkey's keys come from the live bindings, so a new binding is played at once."""
    keys = bound_keys()
    assert {"c", "C", "slash", "z", "e", "m", "question_mark", "ctrl+t", "enter"} <= set(keys)
    assert "right_square_bracket" in keys and "9" in keys
    assert not BLOCKED & set(keys)


@pytest.mark.parametrize("opener", openers(bound_keys()))
async def test_a_burst_opens_each_dialog_and_types_into_it(
    make_app: MakeApp, disarmed: list[str], opener: str
) -> None:
    """Every opener, in one chunk with a name, a tab, more text and each closer: the app
    lives through all of them and its invariants hold once the dialogs are closed."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for closer in CLOSERS:
            keys = [opener, *"kaz", "tab", *"19:30", closer, "escape", "escape"]
            try:
                send_burst(app, keys)
                await pilot.pause()  # the driver posts them on the loop's next turn
                await landed(app, pilot)
                for _ in range(3):  # a question about leaving, say: escape, else its other answer
                    if not isinstance(app.screen, MainScreen):
                        await pilot.press("escape")
                        await landed(app, pilot)
                    if not isinstance(app.screen, MainScreen):
                        await pilot.press("tab", "enter")
                        await landed(app, pilot)
                assert isinstance(app.screen, MainScreen), f"{app.screen} stays open"
                check_invariants(app)
            except BaseException as error:
                error.add_note(f"burst {keys}")
                raise


def typed_in(app: DiplocalApp) -> bool:
    """Every key of a burst has been read and handed on: none queued, none held."""
    ahead = app.typed_ahead
    return app._message_queue.empty() and not ahead._busy and not ahead._held


async def landed(app: DiplocalApp, pilot: Pilot[None]) -> None:
    """The keys pressed so far have been handled, the screen has settled after the last
    (the app holds a key until the one before has landed: Pilot's press may return
    before that on a loaded machine, when the app's loop is slow to take its turn)."""
    await until(lambda: typed_in(app))
    await pilot.pause()


def test_the_monkeys_bursts_open_every_dialog() -> None:
    assert {"c", "slash", "n", "enter", "e", "question_mark", "ctrl+p"} <= set(OPENERS)
    assert set(openers(bound_keys())) >= set(OPENERS) - {"M"}
