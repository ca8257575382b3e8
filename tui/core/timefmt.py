"""How times read on screen and in the agenda.

Dates are spelled from fixed English names (strftime would follow the process locale), on
every row of every list. pendulum words durations and relative times, where a person reads
one at a time; it is imported when first needed, off the start-up path.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

from tui.core.model import Event
from tui.core.query import format_offset

APPROX = "≈"
APPROXIMATE_NOTE = "Times are approximate: estimates, not announced times."
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


def short_day(day: date) -> str:
    """'Thu 9 Oct'."""
    return f"{_WEEKDAYS[day.weekday()][:3]} {day.day} {_MONTHS[day.month - 1][:3]}"


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
    """'11:00-13:00' (en dash) in ``zone``; '≈' in front when approximate; 'all day' for dates.

    When the range crosses midnight, the other day's date is shown beside the time.
    Without an end in the file, only the start is shown.
    """
    if not isinstance(event.start, datetime) or not isinstance(event.end, datetime):
        if event.start == event.end:
            return "all day"
        return f"all day to {short_day(event.end)}"
    start = event.start.astimezone(zone)
    end = event.end.astimezone(zone)
    anchor = day or start.date()
    text = _clock(start, anchor)
    # An end the file did not give is a default, not a fact: show only the start.
    if end != start and event.explicit_end:
        text += EN_DASH + _clock(end, anchor)
    return f"{APPROX}{text}" if event.approximate else text


def _clock(moment: datetime, anchor: date) -> str:
    if moment.date() == anchor:
        return f"{moment:%H:%M}"
    return f"{moment:%H:%M} ({short_day(moment.date())})"


def relative(moment: datetime, now: datetime) -> str:
    """'in 2 hours' or '1 year ago': ``moment`` seen from ``now``."""
    import pendulum

    words = pendulum.instance(moment).diff_for_humans(pendulum.instance(now), absolute=True)
    return f"in {words}" if moment > now else f"{words} ago"
