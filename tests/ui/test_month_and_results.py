"""The month view and the search results list, driven standalone in tiny apps (the lead
wires them into the main screen later)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual.app import App, ComposeResult
from textual.message import Message

from tests.ui.conftest import MakeApp
from tests.ui.helpers import drawn, screen_lines
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.present.month_layout import layout_month
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.month import month_grid
from tui.core.views.search_results import search_results
from tui.core.zones import get_zone
from tui.ui.widgets.month_view import MonthView
from tui.ui.widgets.search_results_list import SearchResultsList

TODAY = date(2025, 10, 9)


def bundled() -> CalendarIndex:
    return CalendarIndex(load_calendar(bundled_calendar()).calendar)


class MonthApp(App[None]):
    """A month view that gets a new grid when it asks, as the main screen will."""

    def __init__(self, view: Filter | None = None) -> None:
        super().__init__()
        self.index = bundled()
        self.view = view or Filter()
        self.messages: list[Message] = []

    def grid(self, year: int, month: int) -> object:
        zone = get_zone("UTC")
        return month_grid(self.index, self.view, ZoneMode.EVENT, zone, year, month, TODAY)

    def compose(self) -> ComposeResult:
        yield MonthView()

    def on_mount(self) -> None:
        month = self.query_one(MonthView)
        month.grid = self.grid(2025, 10)  # type: ignore[assignment]
        month.cursor = TODAY
        month.focus()

    def on_month_view_highlighted(self, message: MonthView.Highlighted) -> None:
        self.messages.append(message)

    def on_month_view_selected(self, message: MonthView.Selected) -> None:
        self.messages.append(message)

    def on_month_view_month_requested(self, message: MonthView.MonthRequested) -> None:
        message.control.grid = self.grid(message.year, message.month)  # type: ignore[assignment]


def screen_text(app: App[None]) -> list[str]:
    """What the terminal shows, as plain lines without trailing blanks."""
    view = app.query_one(MonthView)
    return [line.rstrip() for line in view.render().plain.splitlines()]


async def test_month_at_80x24_reads_and_arrows_move() -> None:
    """October 2025 fits 80x24: title, weekdays, five weeks of two lines and the legend,
    with today bracketed and the visit's days counted and marked."""
    app = MonthApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        month = app.query_one(MonthView)
        lines = screen_text(app)
        assert lines[:2] == [
            "October 2025 · 17 events",
            " Mon        Tue        Wed        Thu        Fri        Sat        Sun",
        ]
        assert lines[4] == "  6          7          8 ⚖      [ 9]⚖       10 ⚖       11         12"
        assert lines[5] == "                       4 events   8 events   5 events"
        assert lines[-1] == "⚖ ICC   • changed   [ ] today"
        assert len(lines) == 13 <= month.size.height <= 24
        await pilot.press("right", "down")
        assert month.cursor == date(2025, 10, 17)
        await pilot.press("left", "up", "up")
        assert month.cursor == date(2025, 10, 2)
        await pilot.press("enter")  # a day without events: a notice, nothing to open
        await pilot.press("right", "right", "right", "right", "right", "right", "right", "enter")
        selected = [m.day for m in app.messages if isinstance(m, MonthView.Selected)]
        assert selected == [date(2025, 10, 9)]


async def test_brackets_change_month_and_leaving_the_month_asks_for_it() -> None:
    app = MonthApp()
    async with app.run_test(size=(80, 24)) as pilot:
        month = app.query_one(MonthView)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert month.grid is not None and (month.grid.year, month.grid.month) == (2025, 11)
        assert month.cursor == date(2025, 11, 9)
        assert screen_text(app)[0] == "November 2025 · 0 events"
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert month.grid is not None and month.grid.month == 9
        await pilot.press("down", "down", "down")  # 9 -> 30 September: still September
        assert month.grid.month == 9
        await pilot.press("down")  # 7 October: the grid follows
        await pilot.pause()
        assert month.grid is not None and month.grid.month == 10
        assert month.cursor == date(2025, 10, 7)


async def test_month_at_200x60_widens_its_cells() -> None:
    app = MonthApp(Filter(countries=frozenset({"AZ"})))
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        month = app.query_one(MonthView)
        assert month.grid is not None
        lines = screen_text(app)
        assert lines == list(layout_month(month.grid, 200).lines)
        assert lines[0] == "October 2025 · 2 events"  # Azerbaijan: Aliyev on the 9th and 10th
        assert lines[1].startswith(" Mon" + " " * 24 + " Tue")  # cells of 200 // 7 = 28 columns


class ResultsApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        index = bundled()
        self.hits = search_results(index, Filter(text=text), ZoneMode.UTC, get_zone("UTC"))
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield SearchResultsList()

    def on_mount(self) -> None:
        results = self.query_one(SearchResultsList)
        results.hits = self.hits
        results.focus()

    def on_search_results_list_highlighted(self, message: SearchResultsList.Highlighted) -> None:
        self.messages.append(message)

    def on_search_results_list_selected(self, message: SearchResultsList.Selected) -> None:
        self.messages.append(message)


async def test_results_list_every_match_with_date_and_time_and_enter_opens() -> None:
    app = ResultsApp("tokayev")
    async with app.run_test(size=(100, 12)) as pilot:
        await pilot.pause()
        results = app.query_one(SearchResultsList)
        labels = [str(results.get_option_at_index(n).prompt) for n in range(results.option_count)]
        assert [label.split("  ")[0] for label in labels] == [
            "Thu 9 Oct 2025",
            "Fri 10 Oct 2025",
            "Fri 10 Oct 2025",
        ]
        assert "Putin and Tokayev meet · Putin, Tokayev" in labels[2]
        assert "time not announced" in labels[2]
        await pilot.press("down", "down", "enter")
        chosen = [
            (m.event_id, m.day) for m in app.messages if isinstance(m, SearchResultsList.Selected)
        ]
        assert chosen == [("putin-tokayev", date(2025, 10, 10))]


async def test_results_show_markup_in_titles_literally() -> None:
    """A title is data: '[bold]' and '[@click=app.quit]' are shown, not obeyed."""
    app = ResultsApp("tokayev")
    hostile = replace(app.hits[0], title="[bold]x[/bold] [@click=app.quit]y[/]")
    app.hits = (hostile,)
    async with app.run_test(size=(100, 12)) as pilot:
        await pilot.pause()
        results = app.query_one(SearchResultsList)
        prompt = str(results.get_option_at_index(0).prompt)
        assert "[bold]x[/bold] [@click=app.quit]y[/]" in prompt
        await pilot.press("enter")
        assert app.is_running


RESULTS_80x24 = [
    ' Putin\'s state visit to T…  Filter: "summit" (6 of 17 events)  Zone: venue time',
    "▊" + "▔" * 78 + "▎",
    "▊  summit" + " " * 70 + "▎",
    "▊" + "▁" * 78 + "▎",
    "╭─ Days ─────────────────────╮╭─ Search results (6) ───────────────────────────╮",
    "│    0 Wed 8 Oct             ││ Thu 9 Oct  aft–eve   ⚖ Second Central Asia-Ru… │",  # noqa: RUF001
    "│    2 Thu 9 Oct             ││ Thu 9 Oct  no time     CIS Council of Foreign… │",
    "│    4 Fri 10 Oct            ││ Fri 10 Oct by ≈13:47 ⚖ CIS Council of Heads o… │",
    "╰────────────────────────────╯│ Fri 10 Oct no time   ⚖ Leaders' closed-door i… │",
    "╭─ Participants ─────────────╮│ Fri 10 Oct no time   ⚖ Putin's closing press … │",
    "│ Vladimir Putin             ││ Fri 10 Oct no time     Pashinyan and Rahmon h… │",
    "│ RU · President of Russia   │╰────────────────────────────────────────────────╯",
    "│ Emomali Rahmon             │╭─ Events · Thu 9 Oct ───────────────────────────╮",
    "│ TJ · President of          ││⚖ ICC afternoon–evening Second Central Asia-…   │",  # noqa: RUF001
    "│ Tajikistan                 ││                        summit · confirmed ·… ▁▁│",
    "╰────────────────────────────╯│time not announced                              │",
    "╭─ Countries ────────────────╮╰────────────────────────────────────────────────╯",
    "│   2  AM Armenia            │╭─ Details ──────────────────────────────────────╮",
    "│   1  AZ Azerbaijan         ││ Second Central Asia-Russia summit              │",
    "│   1  BY Belarus          ▁▁││ When: Thursday 9 October 2025,                 │",
    "│   2  KZ Kazakhstan         ││ afternoon–evening (in 4 hours)                 │",  # noqa: RUF001
    "│   2  KG Kyrgyzstan         ││ Times: The time was not announced. It is in    │",
    "╰────────────────────────────╯╰────────────────────────────────────────────────╯",
    "c Filter / Search z Zone e Export t Timeline ? Help q Quit          ▏^p palette",
]


async def test_results_at_80x24_give_the_titles_the_room(make_app: MakeApp) -> None:
    """At 80 columns the date drops its year (the visit's) and the time column says where
    each event starts ('by ≈13:47': a report found it under way then; 'aft-eve': a part of
    the day), so the titles get about 24 columns rather than 5."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"summit", "enter")
        await drawn(pilot)
        assert screen_lines(app) == RESULTS_80x24
