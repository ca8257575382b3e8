"""`.` (now) on fixed clocks before, during and after the visit, the header's words for a
calendar wholly past or future, and `Y` (the selection as Markdown through the clipboard)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from markdown_it import MarkdownIt
from textual.widgets import Static

from tests.ui.conftest import SAMPLE, VIEWER_ZONE
from tests.ui.helpers import drawn, drawn_lines, header, main_screen, pushed, until
from tests.ui.plain_screen import plain_lines
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.zones import get_zone
from tui.ui.app import DiplocalApp
from tui.ui.dialogs.help_modal import HelpModal
from tui.ui.widgets.day_list import DayList
from tui.ui.widgets.day_view import EventList
from tui.ui.widgets.search_results_list import SearchResultsList

SIZE = (120, 36)


def app_at(now: datetime, path: Path | None = None) -> DiplocalApp:
    """The bundled calendar (or ``path``) seen at ``now``."""
    calendar = load_calendar(path or bundled_calendar()).calendar
    return DiplocalApp(calendar, local_zone=get_zone(VIEWER_ZONE), clock=lambda: now)


def notices(app: DiplocalApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_now_during_the_visit_goes_to_the_talks_under_way() -> None:
    # 07:00 UTC is 12:00 in Dushanbe: the talks run 11:55-16:30 on Thursday.
    app = app_at(datetime(2025, 10, 9, 7, 0, tzinfo=UTC))
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        assert screen.browse.day == date(2025, 10, 8)  # it opens on the first day
        await pilot.press("full_stop")
        await pilot.pause()
        assert screen.browse.day == date(2025, 10, 9)
        assert screen.screenful is not None
        assert screen.screenful.selected_event == "ru-tj-talks"
        assert app.focused is not None and app.focused.id == "events-table"
        assert "ago" not in header(app) and "starts in" not in header(app)


async def test_now_before_the_visit_goes_to_its_first_event_and_says_when() -> None:
    # The visit begins at Dushanbe's midnight of 8 October: 19:00 UTC on the 7th.
    app = app_at(datetime(2025, 10, 4, 19, 0, tzinfo=UTC))
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        assert "starts in 3 days" in header(app)
        await pilot.press("3", "full_stop")
        await pilot.pause()
        assert screen.browse.day == date(2025, 10, 8)
        assert screen.screenful is not None
        assert screen.screenful.selected_event == "putin-arrival"


async def test_now_after_the_visit_goes_to_its_last_event_and_says_when() -> None:
    app = app_at(datetime(2026, 10, 20, 12, 0, tzinfo=UTC))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        # At 80 columns the title gives way; the words stay, with the filter and zone.
        assert "ended 1 year ago" in header(app)
        assert "Zone: venue time" in header(app)
        await pilot.press("full_stop")
        await pilot.pause()
        assert screen.browse.day == date(2025, 10, 10)
        assert screen.screenful is not None
        assert screen.screenful.selected_event == "pashinyan-rahmon"


async def test_now_scrolls_the_events_to_the_event_it_chose_at_80x24() -> None:
    """The last event of 10 October is the day's fifth, below what the pane shows at 80x24:
    the pane scrolls to it and draws its cursor (a tester saw it chosen but off screen)."""
    app = app_at(datetime(2026, 10, 20, 12, 0, tzinfo=UTC))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("full_stop")
        events = main_screen(app).query_one(EventList)
        await until(lambda: events.rows and events.key_at(events.cursor) == "pashinyan-rahmon")
        await drawn(pilot)
        region = events.row_region(events.cursor)
        top, height = events.scroll_offset.y, events.scrollable_content_region.height
        assert top <= region.y and region.bottom <= top + height, (region, top, height)
        shown = drawn_lines(app, "#events-table")
        assert any("Pashinyan" in line for line in shown), shown


async def test_now_keeps_to_the_filter() -> None:
    # Filtered to Kazakhstan, the talks under way are not shown: the key goes to that day's
    # Kazakh event, the summit (its time not announced), not to the talks.
    app = app_at(datetime(2025, 10, 9, 7, 0, tzinfo=UTC))
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await pilot.press("3")
        screen.filter_by_country("KZ")  # Friday has Kazakh events: the day stays
        await pilot.pause()
        assert screen.browse.day == date(2025, 10, 10)
        await pilot.press("full_stop")
        await pilot.pause()
        assert screen.browse.day == date(2025, 10, 9)
        assert screen.screenful is not None
        assert screen.screenful.selected_event == "central-asia-russia-summit"


async def test_copy_the_selected_event_as_markdown() -> None:
    app = app_at(datetime(2025, 10, 9, 7, 0, tzinfo=UTC))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("full_stop", "Y")
        await pilot.pause()
        copied = app.clipboard
        tokens = MarkdownIt().parse(copied)
        headings = [t for n, t in enumerate(tokens) if n and tokens[n - 1].type == "heading_open"]
        words = ["".join(c.content for c in h.children or ()) for h in headings]
        # The title, then its sources' note numbers, listed below it in order.
        assert words == ["Russia-Tajikistan talks: Putin and Rahmon [1] [2] [3]"]
        talks = main_screen(app).calendar.events[main_screen(app).index.position["ru-tj-talks"]]
        listed = [t.content for n, t in enumerate(tokens) if tokens[n - 2].type == "list_item_open"]
        assert listed[-3:] == list(talks.sources)
        assert "Vladimir Putin" in copied and "Emomali Rahmon" in copied
        assert "Copied “Russia-Tajikistan talks: Putin and Rahmon” as Markdown" in notices(app)


async def test_copy_the_day_from_the_day_list() -> None:
    app = app_at(datetime(2025, 10, 9, 7, 0, tzinfo=UTC))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        main_screen(app).query_one(DayList).focus()
        await pilot.press("Y")
        await pilot.pause()
        tokens = MarkdownIt().parse(app.clipboard)
        headings = [
            (tokens[n - 1].tag, t.content)
            for n, t in enumerate(tokens)
            if n and tokens[n - 1].type == "heading_open"
        ]
        assert headings[:2] == [
            ("h1", "Putin's state visit to Tajikistan, October 2025"),
            ("h2", "Thursday 9 October 2025"),
        ]
        items = [t for t in tokens if t.type == "list_item_open"]
        assert len(items) == 8  # Thursday's eight events
        assert "Copied Thu 9 Oct (8 events) as Markdown" in notices(app)


async def test_copy_shows_hostile_titles_literally() -> None:
    app = app_at(datetime(2025, 10, 10, 4, 0, tzinfo=UTC), SAMPLE)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.change(day=date(2025, 10, 10))
        screen.select_event("hostile", chosen=False)
        await pilot.press("Y")
        await pilot.pause()
        assert app.is_running  # [@click=app.quit] did not run
        assert "Copied “[bold]x[/] [@click=app.quit]q[/] [red” as Markdown" in notices(app)
        assert "\x1b" not in app.clipboard  # the ESC in the description is not sent on


async def test_the_timeline_draws_a_now_line_on_today_only() -> None:
    # 07:00 UTC is 12:00 in Dushanbe: the line sits on the axis's 12:00 tick.
    app = app_at(datetime(2025, 10, 9, 7, 0, tzinfo=UTC))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "t")
        await pilot.pause()
        lines = drawn_lines(app, "#timeline")
        axis = next(line for line in lines if line.startswith("Dushanbe"))
        noon = axis.index("12:00")  # a tick's label starts at its column
        rule = next(line for line in lines if "┬" in line)
        assert rule[noon] == "│"
        tokayev = next(line for line in lines if line.startswith("Tokayev"))
        assert tokayev[noon] == "│"  # an empty lane cell: the bar
        assert sum(line.count("│") for line in lines) >= 3
        await pilot.press("right_square_bracket")  # Friday: not today, no line
        await pilot.pause()
        assert not any("│" in line for line in drawn_lines(app, "#timeline"))


async def test_search_lists_every_match_across_days_and_enter_opens_its_day() -> None:
    app = app_at(datetime(2025, 10, 9, 7, 0, tzinfo=UTC))
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        assert not screen.query("#results")  # mounted only once a search shows it
        await pilot.press("slash", *"summit", "enter")
        await pilot.pause()
        results = screen.query_one("#results", SearchResultsList)
        assert results.display and results.region.height > 0
        days = [hit.day for hit in results.hits]
        ids = [hit.event_id for hit in results.hits]
        # Thursday's Central Asia summit and Friday's CIS summit: across days, in time order.
        assert ids[:1] == ["central-asia-russia-summit"] and "cis-summit" in ids
        assert days == sorted(days) and len(set(days)) >= 2
        assert str(results.border_title).startswith(f"Search results ({len(ids)})")
        labels = [str(results.get_option_at_index(n).prompt) for n in range(len(ids))]
        assert any(label.startswith("Fri 10 Oct 2025") and "CIS" in label for label in labels)
        results.focus()
        await pilot.press(*["down"] * ids.index("cis-summit"), "enter")
        await pilot.pause()
        assert screen.browse.day == date(2025, 10, 10)
        assert screen.screenful is not None and screen.screenful.selected_event == "cis-summit"
        await pilot.press("escape")  # the search is cleared: the list goes
        await pilot.pause()
        assert not results.display or results.region.height == 0


async def test_help_lists_the_new_keys() -> None:
    app = app_at(datetime(2025, 10, 9, 7, 0, tzinfo=UTC))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        modal = await pushed(app, HelpModal)
        lines = plain_lines(modal.query_one("#help-keys", Static).content)
        for keys, words in (
            (".", "Now: the event under way or next"),
            ("Y", "Copy the event (or the day) as Markdown"),
        ):
            assert any(line.split() == [keys, *words.split()] for line in lines), words
