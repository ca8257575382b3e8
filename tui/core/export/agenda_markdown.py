"""The agenda as Markdown: a heading per day, one list item per event.

Every piece of calendar text goes through ``markdown_inline``, so a title holding ``*``,
``|``, ``[x](y)`` or ``<script>`` renders as those characters, never as emphasis, a link or
HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, tzinfo

from tui.core.export.text_safety import markdown_inline
from tui.core.icc import icc_reasons
from tui.core.model import Event, Status
from tui.core.views.agenda_text import ICC_MARK, short_name, zone_line
from tui.core.views.filter import ZoneMode, display_zone
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import day_heading, time_range


def agenda_markdown(
    index: CalendarIndex, days: Mapping[date, list[Event]], mode: ZoneMode, zone: tzinfo
) -> str:
    """'# title', the zone line, then '## Thursday 9 October 2025' and the day's events."""
    lines = [f"# {markdown_inline(index.calendar.title)}", ""]
    if not days:
        return "\n".join([*lines, "No events match.", ""])
    shown = [e for events in days.values() for e in events]
    lines += [markdown_inline(zone_line(mode, zone, shown)), ""]
    for day, events in days.items():
        lines += [f"## {day_heading(day)}", ""]
        lines += [event_item(index, event, mode, zone, day) for event in events]
        lines.append("")
    return "\n".join(lines)


def event_item(index: CalendarIndex, event: Event, mode: ZoneMode, zone: tzinfo, day: date) -> str:
    """'- **11:00** ⚖ ICC Talks · bilateral · Palace of Nation · Putin, Rahmon (RU, TJ)'."""
    calendar = index.calendar
    when = time_range(event, display_zone(event, mode, zone), day)
    parts = [f"- **{markdown_inline(when)}**"]
    if icc_reasons(calendar, event):
        parts.append(ICC_MARK)
    title = markdown_inline(event.title)
    if event.status is Status.CANCELLED:
        title = f"~~{title}~~ (cancelled)"
    elif event.status is not Status.CONFIRMED:
        title += f" ({event.status.value})"
    parts.append(title)
    details = [event.kind.value]
    if event.location:
        details.append(markdown_inline(event.location))
    people = ", ".join(markdown_inline(short_name(calendar, p)) for p in event.participants)
    countries = ", ".join(sorted(index.countries_for(event)))
    who = " ".join(part for part in (people, f"({countries})" if countries else "") if part)
    if who:
        details.append(who)
    return " ".join(parts) + " · " + " · ".join(details)
