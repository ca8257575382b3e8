"""How people are named wherever they are listed."""

from __future__ import annotations

from tui.core.model import Calendar, Participant


def person_line(calendar: Calendar, person: Participant) -> str:
    """'Name, Title (Country)'. Raw text: each writer makes it safe for its medium."""
    country = calendar.countries[person.country].name
    title = f", {person.title}" if person.title else ""
    return f"{person.name}{title} ({country})"
