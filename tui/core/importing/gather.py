"""An .ics file -> the events it brings, each mapped or listed with the reason it is not.

VTODO, VJOURNAL and VFREEBUSY are listed, never dropped silently. A recurring event (RRULE or
RDATE, with its EXDATEs and RECURRENCE-ID overrides) is expanded by recurring-ical-events
within a window: ``--from``/``--to``, else the span of the calendar imported into, else a
year from the series' first occurrence; the report says which, and names a series that goes
on past it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import icalendar
import recurring_ical_events

from tui.core.export.ical_extra import CALENDAR_ID
from tui.core.importing.mapping import Incoming, Skipped, Target, Unmappable, map_event, text_of
from tui.core.importing.read import IcsFile

_NOT_EVENTS = ("VTODO", "VJOURNAL", "VFREEBUSY")
_YEAR = timedelta(days=365)


@dataclass(frozen=True, slots=True)
class Window:
    """The dates recurrences are expanded in: ``first`` to ``last``, inclusive.

    None for either: not fixed by the user; the calendar's span or a year is used.
    """

    first: date | None = None
    last: date | None = None
    span: tuple[date, date] | None = None  # the calendar's own, when it has events


@dataclass(slots=True)
class Gathered:
    """What a file brings: events, what was skipped, and notes for the report."""

    events: list[Incoming] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _components(ics: IcsFile) -> Iterator[tuple[icalendar.Calendar, icalendar.Component, int]]:
    """Each event-like component with its VCALENDAR and the line of its BEGIN."""
    seen: dict[str, int] = {}
    for calendar in ics.calendars:
        for component in calendar.subcomponents:
            name = (component.name or "").upper()
            if name in ("VEVENT", *_NOT_EVENTS):
                number = seen.get(name, 0)
                seen[name] = number + 1
                lines = ics.component_lines.get(name, ())
                yield calendar, component, lines[number] if number < len(lines) else 0


def gather(ics: IcsFile, target: Target, window: Window) -> Gathered:
    """Every event of the file mapped, every other component listed with its reason."""
    found = Gathered()
    series: dict[str, list[tuple[icalendar.Component, int]]] = {}
    recurring = {
        text_of(c.get("UID"))
        for calendar in ics.calendars
        for c in calendar.walk("VEVENT")
        if c.get("RRULE") is not None or c.get("RDATE") is not None
    }
    for calendar, component, line in _components(ics):
        name = (component.name or "").upper()
        summary = text_of(component.get("SUMMARY")).strip()
        what = f'{name} "{summary}"' if summary else name
        if name in _NOT_EVENTS:
            found.skipped.append(Skipped(ics.name, line, what, f"a {name} is not an event"))
            continue
        cancels = text_of(calendar.get("METHOD")).strip().upper() == "CANCEL"
        ours = calendar.get(CALENDAR_ID) is not None
        uid = text_of(component.get("UID")).strip()
        if uid and uid in recurring:
            series.setdefault(uid, []).append((component, line))
            continue
        suffix = _occurrence(component) if component.get("RECURRENCE-ID") is not None else ""
        try:
            where = (ics.name, line)
            found.events.append(map_event(component, target, where, cancels, suffix, ours))
        except (Unmappable, ValueError) as error:
            found.skipped.append(Skipped(ics.name, line, what, str(error)))
    for uid, parts in series.items():
        cancels = any(text_of(c.get("METHOD")).upper() == "CANCEL" for c in ics.calendars)
        _expand(ics, uid, parts, target, window, cancels, found)
    return found


def _occurrence(component: icalendar.Component) -> str:
    """'#20251009' or '#20251009t0900': the occurrence a RECURRENCE-ID names."""
    value = component.decoded("RECURRENCE-ID")
    if isinstance(value, datetime):
        return f"#{value:%Y%m%d}t{value:%H%M}"
    return f"#{value:%Y%m%d}"


def _bounds(window: Window, first: date) -> tuple[date, date, str]:
    """The window's first and last day, and how it was chosen, for the report."""
    if window.first or window.last:
        low = window.first or first
        high = window.last or low + _YEAR
        return low, high, "--from/--to"
    if window.span:
        return (*window.span, "the calendar's span")
    return first, first + _YEAR, "a year from its first occurrence"


def _expand(
    ics: IcsFile,
    uid: str,
    parts: list[tuple[icalendar.Component, int]],
    target: Target,
    window: Window,
    cancels: bool,
    found: Gathered,
) -> None:
    master = next((c for c, _ in parts if c.get("RECURRENCE-ID") is None), parts[0][0])
    line = next((n for c, n in parts if c is master), parts[0][1])
    title = text_of(master.get("SUMMARY")).strip() or "(no title)"
    single = icalendar.Calendar()
    for calendar in ics.calendars:
        for zone in calendar.walk("VTIMEZONE"):
            single.add_component(zone)
    for component, _ in parts:
        single.add_component(component)
    try:
        start = master.decoded("DTSTART")
        first = start.date() if isinstance(start, datetime) else start
        low, high, how = _bounds(window, first)
        query = recurring_ical_events.of(single)
        occurrences = list(query.between(low, high + timedelta(days=1)))
        later = next(iter(query.after(high + timedelta(days=1))), None)
    except Exception as error:  # the library's errors for a rule it cannot expand vary
        reason = f"its recurrence cannot be expanded: {error}"
        found.skipped.append(Skipped(ics.name, line, f'VEVENT "{title}"', reason))
        return
    if not occurrences:  # the whole series is left out: counted, not just noted
        reason = (
            f"it repeats from {first}, but no occurrence falls from {low} to {high} ({how}); "
            "use --from and --to"
        )
        found.skipped.append(Skipped(ics.name, line, f'VEVENT "{title}"', reason))
        return
    found.notes.append(
        f'"{title}" repeats: {len(occurrences)} occurrence(s) from {low} to {high} ({how})'
        + ("; later ones are not imported (use --to)" if later is not None else "")
    )
    for occurrence in occurrences:
        try:
            event = map_event(
                occurrence, target, (ics.name, line), cancels, _occurrence(occurrence)
            )
        except (Unmappable, ValueError) as error:
            found.skipped.append(Skipped(ics.name, line, f'VEVENT "{title}"', str(error)))
            continue
        found.events.append(event)
