"""What `Y` copies: an event or a day as Markdown, parsed back with markdown-it-py."""

from __future__ import annotations

from datetime import date

from markdown_it import MarkdownIt

from tui.core.export.copy_text import day_markdown, event_markdown
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.views.filter import ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import EN_DASH
from tui.core.zones import get_zone

THURSDAY = date(2025, 10, 9)
MOSCOW = get_zone("Europe/Moscow")


def index() -> CalendarIndex:
    return CalendarIndex(load_calendar(bundled_calendar()).calendar)


def test_an_event_reads_like_the_brief_with_its_sources() -> None:
    calendar_index = index()
    event = next(e for e in calendar_index.calendar.events if e.id == "official-welcome")
    text = event_markdown(calendar_index, event, THURSDAY, MOSCOW)
    tokens = MarkdownIt("commonmark").parse(text)
    heading = tokens[1].content
    assert heading == "Official welcome ceremony \\[1\\] \\[2\\]"
    inline = "".join(t.content for t in tokens if t.type == "inline")
    assert f"11:00{EN_DASH}≈11:55" in inline and f"09:00{EN_DASH}≈09:55" in inline
    assert "Vladimir Putin, President of Russia (Russia)" in inline
    assert "ICC arrest warrant" in inline
    items = [t for t in tokens if t.type == "ordered_list_open"]
    assert len(items) == 1 and all(source in text for source in event.sources)


def test_a_day_has_its_heading_and_an_item_per_event() -> None:
    calendar_index = index()
    events = calendar_index.by_day(ZoneMode.EVENT, MOSCOW)[THURSDAY]
    text = day_markdown(calendar_index, THURSDAY, events, ZoneMode.EVENT, MOSCOW)
    tokens = MarkdownIt("commonmark").parse(text)
    h2 = [tokens[n + 1].content for n, t in enumerate(tokens) if t.tag == "h2" and t.nesting == 1]
    assert h2 == ["Thursday 9 October 2025"]
    assert sum(t.type == "list_item_open" for t in tokens) == len(events)
