"""How times read on screen and in the agenda.

Dates are spelled from fixed English names (strftime would follow the process locale), on
every row of every list. pendulum words durations and relative times, where a person reads
one at a time; it is imported when first needed, off the start-up path.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

from tui.core.model import Event, PartOfDay, date_of, same_instant
from tui.core.zones import format_offset

APPROX = "≈"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
EN_DASH = "\u2013"


def day_heading(day: date) -> str:
    """'Thursday 9 October 2025'."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_day(day: date, year: int | None = None) -> str:
    """'Thu 9 Oct'; 'Thu 9 Oct 2026' when ``year`` is given and ``day`` lies outside it
    (a calendar's days past its first year say which year they are in)."""
    text = f"{_WEEKDAYS[day.weekday()][:3]} {day.day} {_MONTHS[day.month - 1][:3]}"
    return text if year is None or day.year == year else f"{text} {day.year}"


def duration_words(span: timedelta) -> str:
    """'2 hours 30 minutes'; '1 day' for all-day spans."""
    import pendulum

    words = pendulum.duration(seconds=int(span.total_seconds())).in_words(locale="en")
    return words or "no time"


def zone_label(zone: tzinfo, at: datetime) -> str:
    """The zone's IANA name with its offset then: 'Asia/Dushanbe (UTC+05:00)'."""
    if zone is UTC:
        return "UTC"
    offset = format_offset(at.astimezone(zone).utcoffset() or timedelta(0))
    key = getattr(zone, "key", None)
    return f"{key} ({offset})" if key else offset


def time_range(event: Event, zone: tzinfo, day: date | None = None) -> str:
    """What is known of an event's time, compactly, in ``zone``, for a row on ``day``.

    '11:00-≈11:55' (en dash) marks only the estimated time; 'from ≈16:30' has no end; 'all day',
    'evening' (a part of the venue's day, its zone named when shown in another),
    'under way at ≈22:38' (a report's moment, never a start) and
    'time not announced'. A time on another day than ``day`` has that date beside it.
    """
    start, end = event.start, event.end
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return _dated_range(event, zone, day or date_of(start))
    start, end = start.astimezone(zone), end.astimezone(zone)
    anchor = day or start.date()
    first = _marked(event.start_estimated) + _clock(start, anchor)
    if event.open_end:
        return f"from {first}"
    if same_instant(end, start):
        return first
    return first + EN_DASH + _marked(event.end_estimated) + _clock(end, anchor)


def _marked(estimated: bool) -> str:
    return APPROX if estimated else ""


def _dated_range(event: Event, zone: tzinfo, anchor: date) -> str:
    until = "" if event.end == event.start else f" to {short_day(date_of(event.end))}"
    if event.all_day:
        return f"all day{until}"
    if event.time_not_announced:
        return f"time not announced{until}"
    if event.under_way_at is not None:
        # The report is the most precise thing known; the part of day stays in the details.
        return f"under way at {APPROX}{_clock(event.under_way_at.astimezone(zone), anchor)}"
    venue = "" if zone_name(zone) == event.timezone else f" ({event.timezone})"
    return part_label(event.part_of_day) + venue


def part_label(parts: tuple[PartOfDay, ...]) -> str:
    """'evening', or 'afternoon' EN_DASH 'evening' for a range."""
    return EN_DASH.join(part.value for part in parts)


def zone_name(zone: tzinfo) -> str:
    """The IANA name of a zone, 'UTC' for UTC, else its offset name."""
    return getattr(zone, "key", None) or zone.tzname(None) or "UTC"


def known_times(event: Event, zone: tzinfo | None = None) -> str:
    """In words, what is known of the event's times and what is estimated.

    With ``zone`` the times are given in it (the details pane); without, no clock time is
    repeated (the iCalendar DESCRIPTION, whose DTSTART says it), except a report's moment,
    which is given in the venue's zone because nothing else carries it.
    """
    start, end = event.start, event.end
    if isinstance(start, datetime) and isinstance(end, datetime):
        return _timed_words(event, start, end, zone)
    if event.all_day:
        return "All day."
    words = ["The time was not announced."]
    if event.part_of_day:
        parts = " or ".join(part.value for part in event.part_of_day)
        words.append(f"It is in the {parts}, venue time ({event.timezone}).")
    if event.under_way_at is not None:
        shown = zone or event.under_way_at.tzinfo or UTC
        moment = event.under_way_at.astimezone(shown)
        words.append(
            f"A news report at {APPROX}{moment:%H:%M} ({zone_name(shown)}) says it was already "
            "under way: the start is earlier and not known."
        )
    return " ".join(words)


def _timed_words(event: Event, start: datetime, end: datetime, zone: tzinfo | None) -> str:
    def at(moment: datetime, estimated: bool) -> str:
        if zone is None:
            return ""
        return f" at {_marked(estimated)}{moment.astimezone(zone):%H:%M}"

    first = "The start" + at(start, event.start_estimated)
    if event.open_end or same_instant(end, start):
        state = "is an estimate" if event.start_estimated else "was announced"
        tail = " The end was not announced." if event.open_end else ""
        return f"{first} {state}.{tail}"
    last = "the end" + at(end, event.end_estimated)
    if event.start_estimated and event.end_estimated:
        return f"{first} and {last} are estimates, not announced times."
    if event.start_estimated:
        return f"{first} is an estimate; {last} was announced."
    if event.end_estimated:
        return f"{first} was announced; {last} is an estimate."
    return f"{first} and {last} were announced."


def timing_caveat(event: Event) -> str:
    """``known_times`` when something is not simply announced, else ''."""
    if event.all_day or (event.explicit_end and not event.approximate and not event.dated):
        return ""
    return known_times(event)


def _clock(moment: datetime, anchor: date) -> str:
    if moment.date() == anchor:
        return f"{moment:%H:%M}"
    return f"{moment:%H:%M} ({short_day(moment.date())})"


def relative(moment: datetime, now: datetime) -> str:
    """'in 2 hours' or '1 year ago': ``moment`` seen from ``now``."""
    import pendulum

    words = pendulum.instance(moment).diff_for_humans(pendulum.instance(now), absolute=True)
    return f"in {words}" if moment.timestamp() > now.timestamp() else f"{words} ago"
