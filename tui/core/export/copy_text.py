"""What `Y` copies: the selected event, or a day, as Markdown for a dispatch or a chat.

An event reads as it does in the brief (times in the venue's zone and a second one, what is
known of them, participants with titles, place, the ICC note, the description) followed by
its sources; a day reads as it does in ``agenda --format markdown``. Plain text: the UI
sends it through the terminal's clipboard (OSC 52).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo

from tui.core.export.agenda_markdown import agenda_markdown
from tui.core.export.brief import brief_event
from tui.core.export.brief_markdown import event_lines
from tui.core.export.text_safety import markdown_inline
from tui.core.model import Event
from tui.core.views.filter import ZoneMode
from tui.core.views.index import CalendarIndex


def event_markdown(index: CalendarIndex, event: Event, day: date, second: tzinfo) -> str:
    """One event, as listed on ``day``, with ``second`` as the other zone."""
    sources = list(dict.fromkeys(event.sources))
    lines = event_lines(brief_event(index, event, day, second, sources))
    lines += [f"{n}. {markdown_inline(s)}" for n, s in enumerate(sources, start=1)]
    return "\n".join(lines).rstrip("\n") + "\n"


def day_markdown(
    index: CalendarIndex, day: date, events: Sequence[Event], mode: ZoneMode, zone: tzinfo
) -> str:
    """One day's ``events`` (in the day's order) under the calendar's title and the day."""
    return agenda_markdown(index, {day: list(events)}, mode, zone)
