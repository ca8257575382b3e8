"""pendulum's English wording of spans and relative times, without importing pendulum.

The details pane words the selected event's time relative to now ('3 days') on the first
frame. Importing pendulum (with the dateutil, ctypes and locale modules it loads) cost
15-30 ms of every start for two short phrases, so this module follows pendulum 3's
algorithm for English: ``instance`` normalising a wall time, ``Interval`` with its compiled
``precise_diff`` (quirks included: a time moved to UTC field by field), the
``DifferenceFormatter`` with ``absolute=True``, and ``Duration.in_words``.
``tests/test_human_time.py`` holds it equal to pendulum itself over many instants and
zones, clock changes included.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from typing import NamedTuple

_DAYS_PER_MONTH = (
    (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31),
    (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31),
)


def _words(count: int, unit: str) -> str:
    return f"{count} {unit}" if abs(count) == 1 else f"{count} {unit}s"


def span_words(seconds: int) -> str:
    """``pendulum.duration(seconds=seconds).in_words(locale="en")``: '1 week 2 days 3 hours',
    '-2 hours -30 minutes', and '0 microseconds' for no time at all."""
    sign = -1 if seconds < 0 else 1
    days, rest = divmod(abs(seconds), 86_400)
    counts = {
        "week": days // 7,
        "day": days % 7,
        "hour": rest // 3600,
        "minute": rest // 60 % 60,
        "second": rest % 60,
    }
    words = (_words(sign * n, unit) for unit, n in counts.items() if n)
    return " ".join(words) or "0 microseconds"


def between_words(moment: datetime, other: datetime) -> str:
    """``pendulum.instance(moment).diff_for_humans(pendulum.instance(other), absolute=True)``:
    '2 hours', '1 year', 'a few seconds'. Both must be aware."""
    start, end = _as_pendulum(moment), _as_pendulum(other)
    if start > end:
        start, end = end, start
    elapsed = int((_utc(end) - _utc(start)).total_seconds())
    diff = _precise_diff(start.replace(fold=0), end.replace(fold=0))
    days = abs(diff.days)
    sign = -1 if diff.days < 0 else 1
    weeks, remaining_days = days // 7 * sign, days % 7
    if diff.years > 0:
        unit, count = "year", diff.years + (diff.months > 6)
    elif diff.months == 11 and weeks * 7 + remaining_days > 15:
        unit, count = "year", 1
    elif diff.months > 0:
        unit, count = "month", diff.months + (weeks * 7 + remaining_days >= 27)
    elif weeks > 0:
        unit, count = "week", weeks + (remaining_days > 3)
    elif remaining_days > 0:
        unit, count = "day", remaining_days + (diff.hours >= 22)
    elif diff.hours > 0:
        unit, count = "hour", diff.hours
    elif diff.minutes > 0:
        unit, count = "minute", diff.minutes
    elif 10 < elapsed % 60 < 60:
        unit, count = "second", elapsed % 60
    else:
        return "a few seconds"
    return _words(count or 1, unit)


def _utc(moment: datetime) -> datetime:
    """The instant as a naive UTC time (subtraction that never ignores the offsets)."""
    return moment.replace(tzinfo=None) - (moment.utcoffset() or timedelta(0))


def _as_pendulum(moment: datetime) -> datetime:
    """The wall time ``pendulum.instance`` makes of ``moment``: a time that a clock change
    skipped moves by the size of the jump, back for fold 0 and forward for fold 1."""
    before = moment.replace(fold=0).utcoffset()
    after = moment.replace(fold=1).utcoffset()
    if before is None or after is None or after <= before:
        return moment
    shift = (after - before) if moment.fold else (before - after)
    # As in pendulum, the addition drops the fold.
    return (moment.replace(tzinfo=None) + shift).replace(tzinfo=moment.tzinfo)


def _zone_name(zone: tzinfo | None) -> str | None:
    """The name pendulum tells zones apart by: the IANA key, 'UTC', or a fixed '+05:00'."""
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    if isinstance(zone, timezone):
        offset = zone.utcoffset(None)
        if offset == timedelta(0):
            return "UTC"
        minutes = int(offset.total_seconds() / 60)
        hours, rest = divmod(abs(minutes), 60)
        return f"{'-' if minutes < 0 else '+'}{hours:02d}:{rest:02d}"
    return None


class _Diff(NamedTuple):
    years: int
    months: int
    days: int
    hours: int
    minutes: int


def _day_number(year: int, month: int, day: int) -> int:
    month = (month + 9) % 12
    year = year - month // 10
    return 365 * year + year // 4 - year // 100 + year // 400 + (month * 306 + 5) // 10 + day - 1


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _quotient(a: int, b: int) -> int:
    """Division that truncates toward zero, as pendulum's Rust does."""
    return abs(a) // b * (-1 if a < 0 else 1)


def _fields(moment: datetime, to_utc: bool) -> list[int]:
    """[year, month, day, hour, minute, second, microsecond], moved to UTC field by field
    with one carry each, as pendulum's ``precise_diff`` does (a day may become 0)."""
    year, month, day = moment.year, moment.month, moment.day
    hour, minute, second = moment.hour, moment.minute, moment.second
    if to_utc:
        offset = int((moment.utcoffset() or timedelta(0)).total_seconds())
        hour -= _quotient(offset, 3600)
        offset -= _quotient(offset, 3600) * 3600
        minute -= _quotient(offset, 60)
        second -= offset - _quotient(offset, 60) * 60
        if second < 0:
            second, minute = second + 60, minute - 1
        elif second > 60:
            second, minute = second - 60, minute + 1
        if minute < 0:
            minute, hour = minute + 60, hour - 1
        elif minute > 60:
            minute, hour = minute - 60, hour + 1
        if hour < 0:
            hour, day = hour + 24, day - 1
        elif hour > 24:
            hour, day = hour - 24, day + 1
    return [year, month, day, hour, minute, second, moment.microsecond]


def _precise_diff(d1: datetime, d2: datetime) -> _Diff:
    """pendulum's ``precise_diff`` (its compiled one) of two aware times, to the minute."""
    name1, name2 = _zone_name(d1.tzinfo), _zone_name(d2.tzinfo)
    same_zone = name1 == name2 and bool(name1)
    total_days = _day_number(d2.year, d2.month, d2.day) - _day_number(d1.year, d1.month, d1.day)
    first = _fields(d1, (not same_zone and bool(d1.utcoffset())) or total_days == 0)
    second = _fields(d2, (not same_zone and bool(d2.utcoffset())) or total_days == 0)
    sign = 1
    if first > second:
        sign, first, second = -1, second, first
    year_diff, month_diff, day_diff, hour_diff, min_diff, sec_diff, micro_diff = (
        b - a for a, b in zip(first, second, strict=True)
    )
    if micro_diff < 0:
        sec_diff -= 1
    if sec_diff < 0:
        min_diff -= 1
    if min_diff < 0:
        min_diff, hour_diff = min_diff + 60, hour_diff - 1
    if hour_diff < 0:
        hour_diff, day_diff = hour_diff + 24, day_diff - 1
    if day_diff < 0:
        year, month = second[0], second[1]
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        days_in_last_month = _DAYS_PER_MONTH[_is_leap(year)][month]
        days_in_month = _DAYS_PER_MONTH[_is_leap(second[0])][second[1]]
        if day_diff < days_in_month - days_in_last_month:
            day_diff += max(days_in_last_month, first[2])
        elif day_diff == days_in_month - days_in_last_month:
            day_diff, month_diff = 0, month_diff + 1
        else:
            day_diff += days_in_last_month
        month_diff -= 1
    if month_diff < 0:
        month_diff, year_diff = month_diff + 12, year_diff - 1
    return _Diff(
        sign * year_diff, sign * month_diff, sign * day_diff, sign * hour_diff, sign * min_diff
    )
