"""The TUI driven key by key with Pilot, asserting on state and on what is shown."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import tomli_w
from textual.command import CommandPalette
from textual.widgets import Input, Static

from bench.make_calendar import make_calendar
from tests.ui.conftest import SAMPLE, MakeApp
from tests.ui.helpers import (
    day_counts,
    details,
    drawn_lines,
    header,
    main_screen,
    option_texts,
    palette_prompts,
    palette_searched,
    pushed,
    send_burst,
    showing,
    shown,
    table_rows,
    titles,
    until,
)
from tests.ui.plain_screen import plain_lines
from tui.core.present.state import Selection, SelectionKind, View
from tui.core.views.filter import Filter, ZoneMode
from tui.ui.dialogs.country_filter_modal import CountryFilterModal
from tui.ui.dialogs.export_modal import ExportModal
from tui.ui.dialogs.help_modal import HelpModal
from tui.ui.dialogs.source_picker import SourcePicker
from tui.ui.dialogs.text_modal import TextModal
from tui.ui.main.main_screen import INDEX_NOW
from tui.ui.widgets.calendar_header import CalendarHeader
from tui.ui.widgets.day_list import DayList
from tui.ui.widgets.day_view import DayView
from tui.ui.widgets.details_pane import DetailsPane

SIZE = (120, 36)


async def test_opens_on_the_first_day(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Putin's state visit to Tajikistan, October 2025" in header(app)
        assert "Wed 8 Oct to Fri 10 Oct 2025" in header(app)
        assert "Filter: none" in header(app) and "Zone: venue time" in header(app)
        assert day_counts(app) == [4, 8, 5]
        assert titles(app)[0] == "Putin arrives in Dushanbe: start of the state visit"
        assert details(app).startswith("Putin arrives in Dushanbe")
        assert app.focused is not None and app.focused.id == "events-table"


async def test_day_keys(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await pilot.press("right_square_bracket")
        assert screen.browse.day == date(2025, 10, 9)
        assert "Second Central Asia-Russia summit" in titles(app)
        await pilot.press("3")
        assert screen.browse.day == date(2025, 10, 10)
        assert titles(app)[0] == "CIS Council of Heads of State"
        await pilot.press("right_square_bracket")  # already on the last day
        assert screen.browse.day == date(2025, 10, 10)
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert screen.browse.day == date(2025, 10, 8)
        await pilot.press("9")
        await pilot.pause()
        assert screen.browse.day == date(2025, 10, 8)
        assert any("3 days" in str(n.message) for n in app._notifications)


async def test_day_list_choice_shows_that_day(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+tab", "shift+tab", "shift+tab")
        assert app.focused is not None and app.focused.id == "days"
        await pilot.press("down", "down")
        assert main_screen(app).browse.day == date(2025, 10, 10)


async def test_events_in_the_day_order_unknown_times_last(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        times = [row[1] for row in table_rows(app)]
        assert times == [
            "11:00\u2013≈11:55",  # announced start, estimated end
            "≈11:55\u2013≈16:30",
            "from ≈16:30",  # no end was given, none is invented
            "afternoon\u2013evening",
            "afternoon\u2013evening",
            "evening",
            "",  # under the 'time not announced' heading, drawn once
            "",
        ]
        lines = drawn_lines(app, "#events-table")
        heading = lines.index("time not announced".ljust(len(lines[0])))
        assert "afternoon" not in "".join(lines[heading:])


async def test_wednesday_shows_parts_of_day_and_a_report(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        times = [row[1] for row in table_rows(app)]
        # The 22:38 news timestamp is never shown as the dinner's start.
        assert times == ["evening", "evening", "under way at ≈22:38", ""]  # then the heading
        await pilot.press("z", "z")  # UTC
        times = [row[1] for row in table_rows(app)]
        assert times[0] == "evening (Asia/Dushanbe)"
        assert times[2] == "under way at ≈17:38"


async def test_moving_in_the_day_view_updates_details(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "j")
        assert details(app).startswith("Russia-Tajikistan talks: Putin and Rahmon")
        assert "are estimates, not announced times" in details(app)
        assert "Zone: Asia/Dushanbe (UTC+05:00)" in details(app)
        assert "Duration: ≈4 hours 35 minutes" in details(app)
        await pilot.press("k")
        assert details(app).startswith("Official welcome ceremony")
        # 11:00 in Dushanbe is 06:00 UTC; the test clock says 09:00 UTC.
        assert "When: Thursday 9 October 2025, 11:00\u2013≈11:55 (3 hours ago)" in details(app)
        await pilot.press("3")
        # From the middle of its morning (09:00 in Dushanbe), the moment the day is ordered by.
        assert "When: Friday 10 October 2025, under way at ≈13:47 (in 20 hours)" in details(app)


async def test_icc_marker_and_reason(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        rows = table_rows(app)
        # Titles may be cut to fit beside the time column: look them up by their start.
        marks = {row[2].split("\n")[0][:25]: row[0] for row in rows}
        assert marks["Putin arrives in Dushanbe"] == "⚖ ICC"
        assert marks["Defence Minister Belousov"] == ""
        assert "State Party to the Rome Statute" in details(app)


async def test_country_filter_by_typing(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pushed(app, CountryFilterModal)
        await pilot.press("k", "a", "z", "enter")
        screen = main_screen(app)
        assert screen.browse.filter.countries == frozenset({"KZ"})
        assert "Filter: Kazakhstan (3 of 17 events)" in header(app)
        assert day_counts(app) == [0, 1, 2]
        assert any("Kassym-Jomart Tokayev" in t for t in option_texts(app, "#people"))
        # Everyone is at the CIS summit, which involves Kazakhstan too.
        assert len(option_texts(app, "#people")) == 9
        # Wed 8 Oct has nothing for Kazakhstan: the view moves on to the next day that has.
        assert screen.browse.day == date(2025, 10, 9)
        assert titles(app) == ["Second Central Asia-Russia summit"]
        await pilot.press("1")
        assert screen.query_one("#day-view").has_class("-empty")
        assert str(screen.query_one("#day-empty").render()).startswith(
            "No events on this day match the filter. Other days have some"
        )
        await pilot.press("3")
        assert titles(app) == ["CIS Council of Heads of State", "Putin and Tokayev meet"]
        await pilot.press("C")
        assert screen.browse.filter.countries == frozenset()
        assert "Filter: none" in header(app)


async def test_country_filter_by_alias_and_code(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", *"belorussia", "enter")
        assert main_screen(app).browse.filter.countries == frozenset({"BY"})
        await pilot.press("c", *"ARM", "enter")
        assert main_screen(app).browse.filter.countries == frozenset({"AM"})


async def test_country_filter_escape_cancels(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "k", "a", "z", "escape")
        assert not isinstance(app.screen, CountryFilterModal)
        assert main_screen(app).browse.filter.countries == frozenset()


async def test_several_countries(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", *"a", "ctrl+t", "down", "ctrl+t", "enter")
        countries = main_screen(app).browse.filter.countries
        assert len(countries) == 2
        names = [main_screen(app).calendar.countries[c].name for c in sorted(countries)]
        assert " or ".join(sorted(names)) in header(app)
        await pilot.press("c", "tab", "space")  # untick the first in the list
        await pilot.press("enter")
        assert len(main_screen(app).browse.filter.countries) == 1


async def test_a_search_typed_in_one_burst_goes_to_the_search_line(make_app: MakeApp) -> None:
    """ "/aliev" pasted or typed faster than the app redraws: every letter is searched for,
    none reaches the screen's keys (a stands for the whole visit, z for the zone)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        zone = screen.browse.zone_mode
        send_burst(app, ["slash", *"aliev", "z"])
        await until(lambda: screen.query_one("#search", Input).value == "alievz")
        await pilot.pause()
        assert screen.browse.zone_mode == zone and screen.browse.view == View.DAY
        await pilot.press("slash")  # in the search line, / is typed
        assert screen.query_one("#search", Input).value == "alievz/"


async def test_search_and_escape(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"aliev")  # an alias of Aliyev
        screen = main_screen(app)
        assert screen.browse.filter.text == "aliev"
        assert day_counts(app) == [0, 1, 1]
        assert '"aliev"' in header(app)
        people = option_texts(app, "#people")
        assert len(people) == 9  # the CIS summit matches too: Aliyev is there
        await pilot.press(*" meet")
        assert [p.split("\n")[0] for p in option_texts(app, "#people")] == [
            "Vladimir Putin",
            "Ilham Aliyev",
        ]
        await pilot.press(*["backspace"] * 5)
        # Nothing on the first day matches, so the view moved on to Thursday.
        assert screen.browse.day == date(2025, 10, 9)
        await pilot.press("enter")
        assert app.focused is not None and app.focused.id == "events-table"
        assert titles(app) == ["Putin and Aliyev meet"]
        await pilot.press("escape")
        assert screen.browse.filter.text == ""
        assert not screen.query_one("#search", Input).has_class("-shown")


async def test_empty_result_says_so(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zzzz")
        screen = main_screen(app)
        assert screen.screenful is not None and screen.screenful.matching == 0
        message = str(screen.query_one("#day-empty").render())
        assert message.startswith('No events match the filter: "zzzz" (0 of 17 events).')
        assert screen.query_one("#day-view").has_class("-empty")
        assert details(app) == "Nothing selected."


async def test_zone_cycles_and_every_time_follows(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await pilot.press("2")
        assert table_rows(app)[0][1] == "11:00\u2013≈11:55"
        await pilot.press("z")
        assert screen.browse.zone_mode is ZoneMode.LOCAL
        assert "Zone: America/New_York (your zone)" in header(app)
        # 11:00 in Dushanbe (UTC+5) is 02:00 in New York (UTC-4).
        assert "02:00\u2013≈02:55" in [row[1] for row in table_rows(app)]
        # A part of day stays the venue's, with the venue's zone named.
        assert "evening (Asia/Dushanbe)" in [row[1] for row in table_rows(app)]
        await pilot.press("z")
        assert screen.browse.zone_mode is ZoneMode.UTC
        assert "Zone: UTC" in header(app)
        assert "06:00\u2013≈06:55" in [row[1] for row in table_rows(app)]
        await pilot.press("z")
        assert screen.browse.zone_mode is ZoneMode.EVENT


async def test_participant_itinerary(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is not None and app.focused.id == "people"
        await pilot.press("down")  # from Putin, highlighted first
        text = details(app)
        assert text.startswith("Emomali Rahmon, President of Tajikistan (Tajikistan)")
        assert "Also written: Rakhmon" in text
        assert "Thu 9 Oct  ≈11:55\u2013≈16:30  Russia-Tajikistan talks: Putin and Rahmon" in text
        assert "Fri 10 Oct  time not announced  Pashinyan and Rahmon hold talks" in text
        await pilot.press("up")
        assert details(app).startswith("Vladimir Putin, President of Russia (Russia)")
        assert "⚖ ICC subject of an ICC arrest warrant" in details(app)


async def test_country_details(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+tab")
        assert app.focused is not None and app.focused.id == "countries"
        for _ in range(3):  # from Armenia: Azerbaijan, Belarus, Kazakhstan
            await pilot.press("down")
        text = details(app)
        assert text.startswith("Kazakhstan (KZ)")
        assert "Capital: Astana" in text
        assert "Zone: Asia/Almaty (UTC+05:00 on the calendar's dates)" in text
        assert "ICC State Party: no" in text
        assert "Kassym-Jomart Tokayev" in text
        assert "Fri 10 Oct  Putin and Tokayev meet" in text


async def test_export_writes_the_filtered_view(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", *"kaz", "enter", "e")
        modal = await pushed(app, ExportModal)
        assert modal.query_one("#export-path", Input).value == "putin-tajikistan-2025-kz.ics"
        await pilot.press("enter")
        written = tmp_path / "putin-tajikistan-2025-kz.ics"

        def said() -> bool:
            return any("Exported 3 events" in str(n.message) for n in app._notifications)

        # The export runs in a worker and says so when done: wait for that, not one pause.
        await until(lambda: said() and not isinstance(app.screen, ExportModal))
        assert written.read_bytes().count(b"BEGIN:VEVENT") == 3
        # Again: the file exists, so the dialog asks before replacing it.
        await pilot.press("e", "enter")
        modal = await pushed(app, ExportModal)
        await until(lambda: "exists" in str(modal.query_one("#export-message").render()))
        await pilot.press("enter")  # replaced in a worker: the dialog closes when written
        await until(lambda: not isinstance(app.screen, ExportModal))


async def test_export_toml_format(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        modal = await pushed(app, ExportModal)
        await pilot.click("#format-toml")
        # The radio's change reaches the dialog as a message, and the export runs in a
        # worker: under load one pause is not enough. Wait for the state asserted.
        path = modal.query_one("#export-path", Input)
        await until(lambda: path.value == "putin-tajikistan-2025.toml")
        await pilot.click("#export-go")
        written = tmp_path / "putin-tajikistan-2025.toml"
        await until(lambda: not isinstance(app.screen, ExportModal) and written.exists())
        assert written.read_text().startswith("[calendar]")


async def test_export_errors_stay_in_the_dialog(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        modal = await pushed(app, ExportModal)
        path_input = modal.query_one("#export-path", Input)
        path_input.value = str(tmp_path / "missing" / "x.ics")
        await pilot.press("enter")
        message = modal.query_one("#export-message")
        # The write fails in a worker thread: the dialog says so when it has answered.
        await until(lambda: "Cannot write" in str(message.render()))
        assert message.has_class("-error") and app.screen is modal
        path_input.value = str(tmp_path)
        await pilot.press("enter")
        await until(lambda: "is a folder" in str(message.render()))
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportModal)
        assert list(tmp_path.iterdir()) == []


async def test_help_lists_live_bindings(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        modal = await pushed(app, HelpModal)
        lines = plain_lines(modal.query_one("#help-keys", Static).content)
        text = "\n".join(lines)
        for keys, words in (
            ("[", "Previous day"),
            ("]", "Next day"),
            ("c", "Filter"),
            ("C", "Clear country and participant filter"),
            ("/", "Search"),
            ("z", "Zone"),
            ("e", "Export"),
            ("q ^q", "Quit"),  # ours and Textual's, on one line
            ("↑ k", "Up"),  # the focused event list's own keys
            ("⏎", "Read the event's details"),  # the bundled calendar: no file to write
            ("1..9", "Jump to day N"),  # nine bindings, one line
        ):
            assert any(line.split() == [*keys.split(), *words.split()] for line in lines), words
        # Each description once, and no key that does nothing here.
        described = [line[line.index("  ") :].strip() for line in lines if "  " in line]
        assert len(described) == len(set(described))
        assert "Scroll Left" not in text and "Focus Next" not in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpModal)


@pytest.mark.parametrize(
    ("typed", "state", "expected"),
    [
        ("filter by country: tajik", "filter", Filter(countries=frozenset({"TJ"}))),
        ("jump to day 3", "day", date(2025, 10, 10)),
        (
            "show participant: tokayev",
            "selection",
            Selection(SelectionKind.PARTICIPANT, "tokayev"),
        ),
    ],
)
async def test_command_palette(make_app: MakeApp, typed: str, state: str, expected: object) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *typed)
        await pilot.pause()
        await pilot.press("enter")
        # The palette searches in a worker, and the command runs once it has answered.
        await until(lambda: getattr(main_screen(app).browse, state) == expected)


async def test_hostile_text_is_literal_and_inert(make_app: MakeApp) -> None:
    app = make_app(SAMPLE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        hostile = "[bold]x[/] [@click=app.quit]q[/] [red"
        assert hostile in titles(app)
        row = titles(app).index(hostile)
        for _ in range(row):
            await pilot.press("j")
        assert details(app).startswith(hostile)
        assert "[link=https://evil.example]here[/link]" in details(app)
        assert "\u241b[31mESC" in details(app)
        await pilot.click("#events-table", offset=(20, 2 + 2 * row))
        await pilot.pause()
        assert app.is_running
        drawn = "\n".join(drawn_lines(app, "#events-table"))
        assert hostile in drawn and "CANCELLED" in drawn


async def test_resize_keeps_the_selection(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "j", "j", "j")
        before = main_screen(app).browse.selection
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert main_screen(app).has_class("-wide")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert main_screen(app).has_class("-narrow")
        assert main_screen(app).browse.selection == before
        assert main_screen(app).browse.day == date(2025, 10, 9)


async def test_every_pane_reachable_at_80x24(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        seen = set()
        for _ in range(6):
            await pilot.press("tab")
            assert app.focused is not None
            seen.add(app.focused.id)
            region = app.focused.region
            assert region.width > 10 and region.height >= 3, app.focused.id
        assert {"days", "people", "countries", "events-table", "details"} <= seen
        await pilot.press("m")  # the details pane fills the body; the header stays
        screen = main_screen(app)
        assert app.focused is not None and app.focused.id == "details"
        assert screen.query_one("#details").has_class("-maximized")
        assert screen.query_one("#day-area").display is False
        assert "Zone: venue time" in header(app) and screen.query_one("#header").display
        await pilot.press("m")  # m toggles back
        assert screen.query_one("#day-area").display is True
        await pilot.press("m", "escape")  # and escape restores too
        assert not screen.query_one("#details").has_class("-maximized")


async def test_quit(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_large_calendar_fills_in_country_counts(make_app: MakeApp, tmp_path: Path) -> None:
    """Above INDEX_NOW events the filter indexes are built after the first paint."""
    path = tmp_path / "large.toml"
    path.write_text(tomli_w.dumps(make_calendar(INDEX_NOW + 500)), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert titles(app)  # the first day is on screen
        await app.workers.wait_for_complete()
        await pilot.pause()
        counts = [row.split()[0] for row in option_texts(app, "#countries")]
        assert "…" not in counts
        assert sum(int(c) for c in counts) > INDEX_NOW
        await pilot.press("c", *"tajik", "enter")
        screen = main_screen(app)
        assert screen.browse.filter.countries == frozenset({"TJ"})
        assert all(
            "TJ" in screen.index.countries_for(e) for e in screen.index.select(screen.browse.filter)
        )


async def test_command_palette_shows_names_literally(make_app: MakeApp, tmp_path: Path) -> None:
    hostile = SAMPLE.read_text().replace('"Olaf Example"', '"[@click=app.quit]Olaf[/] [b"')
    path = tmp_path / "hostile.toml"
    path.write_text(hostile, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"show participant: ")
        # The palette's search runs in a worker: its hits come when it has answered.
        await until(lambda: any("[@click=app.quit]Olaf[/] [b" in p for p in palette_prompts(app)))
        await pilot.press("escape")
        assert app.is_running


async def test_one_key_draws_each_affected_pane_once(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        panes = {
            "header": screen.query_one(CalendarHeader),
            "days": screen.query_one(DayList),
            "events": screen.query_one(DayView),
            "details": screen.query_one(DetailsPane),
        }
        before = {name: pane.draws for name, pane in panes.items()}
        await pilot.press("right_square_bracket")
        await pilot.pause()
        drawn = {name: pane.draws - before[name] for name, pane in panes.items()}
        # The day changed: its rows and the details follow; the header and counts did not.
        assert drawn == {"header": 0, "days": 0, "events": 1, "details": 1}
        before = {name: pane.draws for name, pane in panes.items()}
        await pilot.press("c", *"kaz", "enter")
        await pilot.pause()
        drawn = {name: pane.draws - before[name] for name, pane in panes.items()}
        assert drawn == {"header": 1, "days": 1, "events": 1, "details": 1}


async def test_export_runs_in_a_worker_and_escape_cancels(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    started = threading.Event()

    def slow_export(*args: object, **kwargs: object) -> bytes:
        started.set()
        release.wait(10)
        return b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"

    monkeypatch.setattr("tui.ui.dialogs.export_modal.export_bytes", slow_export)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "enter")
        await until(started.is_set)  # not started.wait(): the worker starts on this loop
        modal = await pushed(app, ExportModal)
        assert modal.has_class("-running")
        assert "escape cancels" in str(modal.query_one("#export-message").render())
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, ExportModal))
        await pilot.press("right_square_bracket")  # the app answers keys meanwhile
        assert main_screen(app).browse.day == date(2025, 10, 9)
        release.set()
        await app.workers.wait_for_complete()
        assert list(tmp_path.glob("*.ics")) == []


async def test_a_cancelled_export_stops_writing(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, stopped = threading.Event(), threading.Event()

    def long_export(*args: object, check: Callable[[int], None], **kwargs: object) -> bytes:
        started.set()
        try:
            for written in range(1000):  # ten seconds of writing, unless stopped
                check(written)
                time.sleep(0.01)
        except Exception:
            stopped.set()
            raise
        return b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"

    monkeypatch.setattr("tui.ui.dialogs.export_modal.export_bytes", long_export)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "enter")
        await until(started.is_set)
        await pilot.press("escape")
        await until(stopped.is_set)  # only a cancelled export stops: uncancelled, it ends
        await app.workers.wait_for_complete()
        assert list(tmp_path.glob("*.ics")) == []


async def test_enter_on_a_country_or_participant_filters(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await pilot.press("shift+tab")  # Countries
        await pilot.press("down", "down", "down", "enter")  # Armenia, ... Kazakhstan
        assert screen.browse.filter.countries == frozenset({"KZ"})
        assert "Kazakhstan (3 of 17 events)" in header(app)
        await pilot.press("shift+tab")  # Participants
        await pilot.press("enter")  # the first the filter leaves: Putin
        assert screen.browse.filter.participants == frozenset({"putin"})
        assert "Kazakhstan, with Vladimir Putin" in header(app)
        assert details(app).startswith("Vladimir Putin")  # and his itinerary
        await pilot.press("C")
        assert not screen.browse.filter.active


async def test_timeline_and_whole_visit_views(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await pilot.press("2", "t")
        await pilot.pause()
        assert screen.browse.view.value == "timeline"
        assert app.focused is not None and app.focused.id == "timeline"
        lanes = drawn_lines(app, "#timeline")
        assert any(line.startswith("Putin") for line in lanes)
        assert any(line.startswith("Rahmon") for line in lanes)
        await pilot.press("right")  # the next block in time order shows in the details
        assert details(app).startswith("Russia-Tajikistan talks")
        await pilot.press("v")  # lanes by venue
        assert "lanes by venue" in str(screen.query_one("#timeline").border_title)
        await pilot.press("t")  # back to the day
        assert screen.browse.view.value == "day"
        await pilot.press("a")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "agenda"
        text = "\n".join(drawn_lines(app, "#agenda"))
        assert "Wednesday 8 October 2025" in text and "Thursday 9 October 2025" in text
        await pilot.press("down", "enter")  # an event: shown in its day
        await pilot.pause()
        assert screen.browse.view.value == "day"
        assert screen.browse.selection is not None
        assert app.focused is not None and app.focused.id == "events-table"


async def test_links_warnings_and_about(make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("tui.ui.main.links.open_url", lambda url: opened.append(url) or True)
    app = make_app(SAMPLE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "j")  # the talks: two sources
        await pilot.press("o")
        await pushed(app, SourcePicker)
        await pilot.press("down", "enter")
        await until(lambda: opened == ["https://example.org/talks-2"])
        await pilot.press("y")
        await pushed(app, SourcePicker)
        await pilot.press("enter")
        await until(lambda: app.clipboard == "https://example.org/talks")
        await pilot.press("w")
        await pushed(app, TextModal)
        assert "no warnings" in shown(app, "#text-body")
        await pilot.press("escape", "i")
        await until(lambda: "Fixtures for diplocal's tests." in shown(app, "#text-body"))
        assert "https://example.org/season" in shown(app, "#text-body")


async def test_switching_lanes_keeps_a_focus(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "v")  # lanes by venue: the timeline opens, focused
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "timeline"


async def test_a_notice_shows_calendar_controls_as_symbols(make_app: MakeApp) -> None:
    """Found by a new user: "Saved: added '…'" carried a title's raw U+202E to the
    terminal (and dropped its \\x01), where the panes show both as symbols."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        main_screen(app).notify("Saved: added 'a\u202eb\x01c'", markup=False)
        await pilot.pause()
        shown = [notice.message for notice in app._notifications]
        assert shown == ["Saved: added 'a<U+202E>b\u2401c'"]


async def test_the_palette_over_a_dialog_offers_no_calendar_commands(make_app: MakeApp) -> None:
    """Found by a new user: the palette over the publish dialog offered 'Publish to
    CalDAV…' again (a second dialog over the first). Over a dialog it has only the app's
    own commands; over the main screen it has the calendar's."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:

        async def prompts() -> list[str]:
            """The hits for "export" once its search has answered (not a fixed pause: a
            loaded machine's search takes longer, and the list would be read half done)."""
            await pilot.press("ctrl+p", *"export")
            await until(lambda: palette_searched(app, "export"))
            await pilot.pause()  # a key's search may start a message later: look again
            await until(lambda: palette_searched(app, "export"))
            found = palette_prompts(app)
            await pilot.press("escape")
            await until(lambda: not isinstance(app.screen, CommandPalette))
            return found

        assert any("Export the filtered view" in p for p in await prompts())
        await pilot.press("e")
        await until(lambda: showing(app, ExportModal))
        assert not any("Export the filtered view" in p for p in await prompts())
        assert showing(app, ExportModal)
