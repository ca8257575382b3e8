"""Orders and bounds that several views share, each decided once."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from tui.core.model import Calendar, Country


def clamp(value: int, low: int, high: int) -> int:
    """``value`` kept within ``low``..``high`` (inclusive)."""
    return max(low, min(high, value))


def countries_in_order(calendar: Calendar) -> list[Country]:
    """The calendar's countries by name, case-insensitively, as every list shows them."""
    return sorted(calendar.countries.values(), key=lambda c: (c.name.casefold(), c.code))


def start_instant(start: datetime | date, midnight_zone: tzinfo) -> datetime:
    """A start as an instant; an all-day start is midnight in ``midnight_zone``."""
    if isinstance(start, datetime):
        return start
    return datetime(start.year, start.month, start.day, tzinfo=midnight_zone)
