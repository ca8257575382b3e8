"""`Y`: the selected event, or the day in the day list, copied as Markdown, and said so.

The text is the core's (``tui.core.export.copy_text``); it goes through the terminal's
clipboard (OSC 52, ``App.copy_to_clipboard``), so it works over ssh and in a browser tab
(``diplocal serve``) alike. The notice names what was copied, as data, never as markup.
"""

from __future__ import annotations

from datetime import tzinfo

from textual.widget import Widget

from tui.core.present.state import Browse, SelectionKind, shown_on
from tui.core.text import one_line, shorten
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import short_day


def markdown_to_copy(
    index: CalendarIndex, browse: Browse, local: tzinfo, whole_day: bool
) -> tuple[str, str] | None:
    """The Markdown to copy and the notice that says what it is; None: nothing to copy.

    ``whole_day``: the day's shown events (the day list has the focus), else the selected
    event as listed on the day shown, with the viewer's zone as the second zone."""
    from tui.core.export.copy_text import day_markdown, event_markdown  # only when asked

    day = browse.day
    if day is None:
        return None
    if whole_day:
        events = shown_on(index, browse, day, local)
        text = day_markdown(index, day, events, browse.zone_mode, local)
        plural = "" if len(events) == 1 else "s"
        return text, f"Copied {short_day(day)} ({len(events)} event{plural}) as Markdown"
    selection = browse.selection
    if selection is None or selection.kind is not SelectionKind.EVENT:
        return None
    position = index.position.get(selection.key)
    if position is None:
        return None
    event = index.calendar.events[position]
    title = shorten(one_line(event.title), 50)
    return event_markdown(index, event, day, local), f"Copied “{title}” as Markdown"


def copy_markdown(
    host: Widget, index: CalendarIndex, browse: Browse, local: tzinfo, whole_day: bool
) -> None:
    """Copy what ``markdown_to_copy`` gives through the terminal, or say there is nothing."""
    found = markdown_to_copy(index, browse, local, whole_day)
    if found is None:
        host.notify("Select an event (or a day in the day list) to copy.", severity="warning")
        return
    text, notice = found
    host.app.copy_to_clipboard(text)
    host.notify(notice, markup=False)
