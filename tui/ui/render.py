"""Rich Text for the panes. Calendar strings always enter as plain Text, never as markup."""

from __future__ import annotations

from datetime import datetime, tzinfo

from rich.text import Text

from tui.core.icc import icc_reasons
from tui.core.index import CalendarIndex
from tui.core.iso3166 import ISO_COUNTRIES
from tui.core.model import Calendar, Country, Event, Participant, Status, date_of
from tui.core.query import ZoneMode, display_zone, event_days, utc_offset_label
from tui.core.text import one_line, printable
from tui.core.timefmt import (
    day_heading,
    duration_words,
    relative,
    short_day,
    time_range,
    zone_label,
)
from tui.core.zones import get_zone

ICC_MARK = "⚖ ICC"
STATUS_STYLE = {Status.CONFIRMED: "", Status.TENTATIVE: "italic", Status.CANCELLED: "strike dim"}


def plain(value: str) -> Text:
    """A calendar string as literal, single-line text."""
    return Text(one_line(value))


def status_text(event: Event) -> Text:
    """The status, styled so tentative and cancelled stand out."""
    if event.status is Status.CONFIRMED:
        return Text("confirmed", style="dim")
    return Text(event.status.value.upper(), style="bold " + STATUS_STYLE[event.status])


def title_text(event: Event) -> Text:
    """The title, struck through when cancelled, italic when tentative."""
    return Text(one_line(event.title), style=STATUS_STYLE[event.status])


def _heading(text: Text, value: str) -> None:
    text.append("\n" + value + "\n", style="bold underline")


def _field(text: Text, label: str, value: str) -> None:
    if value:
        text.append(f"{label}: ", style="bold")
        text.append(printable(value) + "\n")


def _sources(text: Text, sources: tuple[str, ...]) -> None:
    if sources:
        _heading(text, "Sources")
        for source in sources:
            text.append("• " + one_line(source) + "\n")


def event_details(
    calendar: Calendar,
    index: CalendarIndex,
    event: Event,
    mode: ZoneMode,
    local: tzinfo,
    now: datetime,
) -> Text:
    """Everything about one event; ``now`` says how far off it is ('in 3 days')."""
    text = Text(overflow="fold")
    text.append(one_line(event.title) + "\n", style="bold " + STATUS_STYLE[event.status])
    zone = display_zone(event, mode, local)
    when = f"{day_heading(event_days(event, zone)[0])}, {time_range(event, zone)}"
    # In venue time an all-day event starts at midnight in the calendar's own zone.
    midnight_zone = get_zone(calendar.timezone) if mode is ZoneMode.EVENT else zone
    _field(text, "When", f"{when} ({relative(_starting(event, midnight_zone), now)})")
    if isinstance(event.start, datetime):
        _field(text, "Zone", zone_label(zone, event.start))
        if event.explicit_end:
            _field(text, "Duration", duration_words(event.duration))
    if event.approximate:
        text.append("Times are approximate: estimates, not announced.\n", style="italic")
    _field(text, "Kind", event.kind.value)
    text.append("Status: ", style="bold").append_text(status_text(event)).append("\n")
    _field(text, "Location", event.location)
    if event.host:
        _field(text, "Host", calendar.countries[event.host].name)
    for reason in icc_reasons(calendar, event):
        text.append(f"{ICC_MARK}: ", style="bold reverse").append(reason + "\n")
    if event.participants:
        _heading(text, "Participants")
        for pid in event.participants:
            person = calendar.participants[pid]
            text.append("• ").append(person_line(calendar, person)).append("\n")
    if event.description:
        _heading(text, "Description")
        text.append(printable(event.description) + "\n")
    _sources(text, event.sources)
    return text


def person_line(calendar: Calendar, person: Participant) -> Text:
    """'Name, Title (Country)'."""
    country = calendar.countries[person.country].name
    title = f", {person.title}" if person.title else ""
    return plain(f"{person.name}{title} ({country})")


def participant_details(
    calendar: Calendar, index: CalendarIndex, person: Participant, mode: ZoneMode, local: tzinfo
) -> Text:
    """A participant and their itinerary across all days."""
    text = Text(overflow="fold")
    text.append_text(person_line(calendar, person)).stylize("bold")
    text.append("\n")
    if person.icc_warrant:
        text.append(ICC_MARK, style="bold reverse").append(" subject of an ICC arrest warrant\n")
    _field(text, "Also written", ", ".join(person.aliases))
    if person.notes:
        text.append(printable(person.notes) + "\n")
    _heading(text, "Itinerary")
    events = index.participant_events(person.id)
    if not events:
        text.append("No events.\n", style="italic")
    for event in events:
        zone = display_zone(event, mode, local)
        day = event_days(event, zone)[0]
        text.append(f"{short_day(day)}  {time_range(event, zone, day)}  ", style="bold")
        text.append_text(title_text(event)).append("\n")
    return text


def country_details(calendar: Calendar, index: CalendarIndex, country: Country) -> Text:
    """A country: facts, participants and the events that involve it."""
    text = Text(overflow="fold")
    text.append(f"{one_line(country.name)} ({country.code})\n", style="bold")
    _field(text, "Capital", country.capital)
    if country.timezone:
        span = (
            [date_of(calendar.events[0].start), date_of(calendar.events[-1].start)]
            if calendar.events
            else []
        )
        offsets = sorted({utc_offset_label(country.timezone, d) for d in span})
        on_dates = f" ({' / '.join(offsets)} on the calendar's dates)" if offsets else ""
        _field(text, "Zone", country.timezone + on_dates)
    if country.icc_state_party is not None:
        party = "yes" if country.icc_state_party else "no"
        _field(text, "ICC State Party", party)
    _field(text, "Blocs", ", ".join(country.blocs))
    borders = [f"{ISO_COUNTRIES.get(b, ('', b))[1]} ({b})" for b in country.borders]
    _field(text, "Borders", ", ".join(borders))
    _field(text, "Also called", ", ".join(country.aliases))
    if country.notes:
        text.append(printable(country.notes) + "\n")
    people = [p for p in calendar.participants.values() if p.country == country.code]
    if people:
        _heading(text, "Participants")
        for person in people:
            text.append("• ").append_text(person_line(calendar, person)).append("\n")
    _heading(text, "Events")
    events = index.events_involving(country.code)
    if not events:
        text.append("No events.\n", style="italic")
    for event in events:
        text.append(f"{short_day(date_of(event.start))}  ", style="bold")
        text.append_text(title_text(event)).append("\n")
    return text


def _starting(event: Event, zone: tzinfo) -> datetime:
    """The start as an instant; an all-day event starts at midnight in ``zone``."""
    start = event.start
    if isinstance(start, datetime):
        return start
    return datetime(start.year, start.month, start.day, tzinfo=zone)
