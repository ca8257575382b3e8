"""The layout holds at every width from 60 to 250 columns and 20 to 80 rows, the month too.

No row a line-API pane paints is wider than the pane, no event pane shows a horizontal
scrollbar, the header keeps "Filter:" and "Zone:" whole, the footer's keys are on screen,
and the events pane keeps room for titles where the panes go side by side (160 columns).
"""

from __future__ import annotations

import pytest
from textual.app import App
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import Footer, OptionList
from textual.widgets._footer import FooterKey

from tests.ui.conftest import MakeApp
from tests.ui.helpers import footer_laid_out, header, main_screen, until
from tui.core.text import cells
from tui.ui.widgets.agenda_view import AgendaView
from tui.ui.widgets.calendar_header import CalendarHeader
from tui.ui.widgets.day_list import DayList
from tui.ui.widgets.day_view import EventList
from tui.ui.widgets.month_view import MonthView
from tui.ui.widgets.timeline_view import TimelineView

WIDTHS = [60, 79, 80, 119, 120, 159, 160, 161, 200, 250]
HEIGHTS = [20, 24, 36, 60, 80]
MIN_EVENTS_WIDTH = 50  # columns the events pane keeps where the panes sit side by side


def too_wide(widget: ScrollView) -> list[str]:
    """The painted rows wider than the widget's content, as 'y: cells > width'."""
    width = widget.scrollable_content_region.width
    height = widget.scrollable_content_region.height
    cells = [widget.render_line(y).cell_length for y in range(height)]
    return [f"{y}: {n} > {width}" for y, n in enumerate(cells) if n > width]


def check_panes(app: App[None], size: tuple[int, int]) -> None:
    screen = main_screen(app)
    line_api: list[ScrollView] = [screen.query_one(DayList)]
    line_api += [w for w in screen.query(EventList).results() if w.display]
    line_api += [w for w in screen.query(TimelineView).results() if w.display]
    line_api += [w for w in screen.query(AgendaView).results() if w.display]
    for widget in line_api:
        assert not too_wide(widget), (size, widget.id, too_wide(widget))
        assert not widget.show_horizontal_scrollbar, (size, widget.id)
    for choices in screen.query(OptionList).results():
        assert not choices.show_horizontal_scrollbar, (size, choices.id)
    bar = screen.query_one(CalendarHeader)
    text = header(app)
    assert len(text) <= bar.content_size.width, (size, text)
    assert "Filter: none" in text and "Zone: venue time" in text, (size, text)


def check_footer(app: App[None], size: tuple[int, int]) -> None:
    footer = main_screen(app).query_one(Footer)
    keys = list(footer.query(FooterKey).results())
    assert keys, size
    for key in keys:
        region = key.region
        assert region.width > 0 and region.right <= size[0], (size, key.description, region)


def events_width(app: App[None]) -> int:
    return main_screen(app).query_one(EventList).scrollable_content_region.width


@pytest.mark.parametrize("width", WIDTHS)
async def test_layout_at_every_size(make_app: MakeApp, width: int) -> None:
    app = make_app()
    async with app.run_test(size=(width, HEIGHTS[0])) as pilot:
        for height in HEIGHTS:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            check_panes(app, (width, height))
            await until(lambda: footer_laid_out(app))
            check_footer(app, (width, height))
        for view in ("t", "a"):  # the timeline and the whole visit, at the last height
            await pilot.press(view)
            await pilot.pause()
            check_panes(app, (width, HEIGHTS[-1]))
            await pilot.press(view)
        await pilot.press("M")  # the month, at every height
        for height in HEIGHTS:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            check_month(app, (width, height))
            await until(lambda: footer_laid_out(app))
            check_footer(app, (width, height))


def check_month(app: App[None], size: tuple[int, int]) -> None:
    """Every line of the month fits its pane, across and down."""
    month = main_screen(app).query_one(MonthView)
    lines = month.render().plain.splitlines()
    assert max(cells(line) for line in lines) <= month.content_size.width, size
    assert len(lines) <= month.content_size.height, (size, len(lines))


async def test_no_cliff_where_the_panes_go_side_by_side(make_app: MakeApp) -> None:
    """At 159 columns the details sit below the events, at 160 beside them: the events
    pane gives up the details' width there, but keeps room for titles."""
    app = make_app()
    widths = {}
    async with app.run_test(size=(159, 48)) as pilot:
        for width in (159, 160, 161, 200, 250):
            await pilot.resize_terminal(width, 48)
            await pilot.pause()
            widths[width] = events_width(app)
        details = main_screen(app).query_one("#details", Widget)
        assert details.region.width < widths[250]  # the events pane is the wider one
    assert widths[160] >= MIN_EVENTS_WIDTH + 15, widths
    assert widths[160] <= widths[161] <= widths[200] <= widths[250], widths
