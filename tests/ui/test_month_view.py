"""`M`: the month at a glance in the main screen, as the terminal shows it at 80x24 and
200x60 (plain-text snapshots of the whole screen), and its keys: arrows, enter, `[`/`]`,
escape, `.`, and the filter changing the counts."""

from __future__ import annotations

from datetime import date

from tests.ui.conftest import SAMPLE, MakeApp
from tests.ui.helpers import drawn, main_screen, pushed, screen_lines, until
from tui.core.living.changes import Change, ChangeKind
from tui.core.present.state import View
from tui.ui.app import DiplocalApp
from tui.ui.main.main_screen import MainScreen
from tui.ui.widgets.month_view import MonthView

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# The clock of tests.ui.conftest: 09:00 UTC on 9 October 2025 is 14:00 in Dushanbe, so
# today (in venue time, the days' zone) is Thursday 9 October: '[ 9]'.
SCREEN_80x24 = [
    " Putin's state v…  Wed 8 Oct to Fri 10 Oct 2025  Filter: none  Zone: venue time",
    "╭─ Month · [ ] another month · enter opens the day · escape goes back ─────────╮",
    "│ October 2025 · 17 events                                                     │",
    "│  Mon       Tue       Wed       Thu       Fri       Sat       Sun             │",
    "│  29        30         1         2         3         4         5              │",
    "│                                                                              │",
    "│   6         7         8 ⚖     [ 9]⚖•     10 ⚖      11        12              │",
    "│                      4 events  8 events  5 events                            │",
    "│  13        14        15        16        17        18        19              │",
    "│                                                                              │",
    "│  20        21        22        23        24        25        26              │",
    "│                                                                              │",
    "│  27        28        29        30        31         1         2              │",
    "│                                                                              │",
    "│ ⚖ ICC   • changed   [ ] today                                                │",
    *["│" + " " * 78 + "│"] * 7,
    "╰" + "─" * 78 + "╯",
    "⏎ Open day [ Previous month ] Next month esc Day view ? Help q Quit ▏^p palette",
]


def with_a_change(app: DiplocalApp) -> MainScreen:
    """The main screen, with Aliyev's talks on Thursday changed since the version last seen
    (as ``set_living`` records what the watcher found)."""
    screen = main_screen(app)
    screen.changes = {"putin-aliyev": Change(ChangeKind.CHANGED, "putin-aliyev", "Talks")}
    return screen


async def test_month_at_80x24(make_app: MakeApp) -> None:
    """The month fills the body: every week with its day numbers, the counts of the
    visit's three days, the ICC mark on each, the change mark and today's brackets on
    Thursday, and the legend, all inside 80x24."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        with_a_change(app)
        await pilot.press("M")
        await drawn(pilot)
        assert screen_lines(app) == SCREEN_80x24


# Thursday's eight events, Wednesday's four and Friday's five, each cut to its cell.
TITLES_200 = [
    ("Putin arrives in Dushanbe…", "Official welcome ceremony", "CIS Council of Heads of S…"),
    ("Wreath-laying at the Ismo…", "Russia-Tajikistan talks: …", "Leaders' closed-door info…"),
    ("Putin and Rahmon: informa…", "Putin and Aliyev meet", "Putin's closing press con…"),
    ("Defence Minister Belousov…", "Lukashenko arrives in Dus…", "Putin and Tokayev meet"),
    ("", "Second Central Asia-Russi…", "Pashinyan and Rahmon hold…"),
    ("", "Informal dinner of the CI…", ""),
    ("", "16 documents signed, incl…", ""),
    ("", "CIS Council of Foreign Mi…", ""),
]


async def test_month_at_200x60(make_app: MakeApp) -> None:
    """Wide and tall, each day's cell is 28 columns and 10 lines: the counts keep their
    word and each day lists its events by title, in the day's order."""
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        with_a_change(app)
        await pilot.press("M")
        await drawn(pilot)
        lines = screen_lines(app)
        blank = "│" + " " * 198 + "│"

        def row(text: str) -> str:
            return f"│ {text}".ljust(199) + "│"

        def numbers(*days: int) -> str:
            return row("".join(f" {n:>2}".ljust(28) for n in days).rstrip())

        titles = [
            row((" " * 56 + "".join(f" {title}".ljust(28) for title in three)).rstrip())
            for three in TITLES_200
        ]
        assert lines == [
            " Putin's state visit to Tajikistan, October 2025  Wed 8 Oct to Fri 10 Oct 2025"
            + " " * 91
            + "Filter: none  Zone: venue time",
            "╭─ Month · [ ] another month · enter opens the day · escape goes back "
            + "─" * 129
            + "╮",
            row("October 2025 · 17 events"),
            row("".join(f" {name}".ljust(28) for name in WEEKDAYS).rstrip()),
            numbers(29, 30, 1, 2, 3, 4, 5),
            *[blank] * 9,
            row(
                "  6".ljust(28)
                + "  7".ljust(28)
                + "  8 ⚖".ljust(28)
                + "[ 9]⚖•".ljust(28)
                + " 10 ⚖".ljust(28)
                + " 11".ljust(28)
                + " 12"
            ),
            row(" " * 56 + " 4 events".ljust(28) + " 8 events".ljust(28) + " 5 events"),
            *titles,
            numbers(13, 14, 15, 16, 17, 18, 19),
            *[blank] * 9,
            numbers(20, 21, 22, 23, 24, 25, 26),
            *[blank] * 9,
            numbers(27, 28, 29, 30, 31, 1, 2),
            *[blank] * 9,
            row("⚖ ICC   • changed   [ ] today"),
            *[blank] * 3,
            "╰" + "─" * 198 + "╯",
            "⏎ Open day [ Previous month ] Next month esc Day view "
            + "c Filter / Search z Zone e Export t Timeline ? Help q Quit"
            + " " * 76
            + "▏^p palette",
        ]


def month_text(app: DiplocalApp) -> list[str]:
    """The month's own lines, as drawn."""
    view = main_screen(app).query_one(MonthView)
    return [line.rstrip() for line in view.render().plain.splitlines()]


async def test_arrows_move_enter_opens_the_day_and_escape_goes_back(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await pilot.press("M")
        await pilot.pause()
        assert screen.browse.view is View.MONTH
        assert isinstance(app.focused, MonthView)
        assert screen.browse.month_day == date(2025, 10, 8)  # the day shown when M was pressed
        await pilot.press("right", "down", "up")
        assert screen.browse.month_day == date(2025, 10, 9)
        assert app.focused.cursor == date(2025, 10, 9)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.browse.view is View.DAY and screen.browse.day == date(2025, 10, 9)
        assert screen.screenful is not None
        assert screen.screenful.selected_event == screen.screenful.rows[0].id  # its first
        assert app.focused is not None and app.focused.id == "events-table"
        await pilot.press("M")  # again: on the day now shown
        await pilot.pause()
        assert screen.browse.month_day == date(2025, 10, 9)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.browse.view is View.DAY and screen.browse.day == date(2025, 10, 9)
        await pilot.press("M", "M")
        await pilot.pause()
        assert screen.browse.view is View.DAY


async def test_enter_on_a_day_without_events_says_so(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await pilot.press("M", "down", "enter")  # Wednesday 15 October: nothing
        await pilot.pause()
        assert screen.browse.view is View.MONTH
        notices = [str(n.message) for n in app._notifications]
        assert "No events on Wednesday 15 October 2025 match the filter." in notices


async def test_brackets_and_arrows_change_the_month(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await pilot.press("M", "right_square_bracket")
        await pilot.pause()
        assert screen.browse.month_day == date(2025, 11, 8)
        assert month_text(app)[0] == "November 2025 · 0 events"
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert month_text(app)[0] == "September 2025 · 0 events"
        await pilot.press(*["down"] * 4)  # 8 September + 4 weeks: 6 October
        await pilot.pause()
        assert screen.browse.month_day == date(2025, 10, 6)
        assert month_text(app)[0] == "October 2025 · 17 events"
        assert screen.browse.day == date(2025, 10, 8)  # the day view's day did not move


async def test_the_filter_changes_the_counts(make_app: MakeApp) -> None:
    """Belarus: Lukashenko arrives on Thursday (no warrant holder: no ICC mark) and sits
    at Friday's summit; a search narrows the counts as well."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await pilot.press("M")
        await pilot.pause()
        screen.filter_by_country("BY")
        await pilot.pause()
        lines = month_text(app)
        assert lines[0] == "October 2025 · 2 events"
        assert lines[4] == "  6         7         8       [ 9]       10 ⚖      11        12"
        assert lines[5] == " " * 31 + "1 event   1 event"
        await pilot.press("C", "slash", *"summit", "enter")
        await pilot.pause()
        lines = month_text(app)
        assert lines[0] == "October 2025 · 6 events"
        assert lines[5] == " " * 31 + "2 events  4 events"
        assert isinstance(app.focused, MonthView)  # enter in the search line: back to it


async def test_now_in_the_month_moves_its_cursor_to_today(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await pilot.press("M", "right_square_bracket", "full_stop")
        await pilot.pause()
        assert screen.browse.month_day == date(2025, 10, 9)
        assert month_text(app)[0] == "October 2025 · 17 events"
        assert screen.browse.view is View.MONTH


async def test_the_footer_shows_the_month_keys(make_app: MakeApp) -> None:
    """In the month the footer leads with the month's own keys (enter, the brackets,
    escape), as the timeline's shows its zoom keys; back in the day view they are gone."""
    app = make_app()
    month_keys = "⏎ Open day [ Previous month ] Next month esc Day view "
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("M")
        await until(lambda: screen_lines(app)[-1].startswith(month_keys))
        assert screen_lines(app)[-1].endswith("? Help q Quit ▏^p palette")
        await pilot.press("escape")
        await until(lambda: screen_lines(app)[-1].startswith("c Filter"))
        assert "Previous month" not in screen_lines(app)[-1]


async def test_help_lists_m(make_app: MakeApp) -> None:
    from tui.ui.dialogs.help_modal import HelpModal, help_rows

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        modal = await pushed(app, HelpModal)
        assert ("M", "Month at a glance") in help_rows(app, modal.bindings, modal.says)


async def test_the_palette_opens_the_month(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p", *"month at a glance")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(app).browse.view is View.MONTH


async def test_titles_in_the_month_are_data(make_app: MakeApp) -> None:
    """A title with markup and an escape shows as itself in a tall month."""
    app = make_app(SAMPLE)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("3", "M")
        await drawn(pilot)
        text = "\n".join(screen_lines(app))
        assert "[bold]x[/] [@click=app.q" in text
        assert "\x1b" not in text
        assert app.is_running
