"""The story the bundled calendar is about: a warrant holder on a State Party's soil."""

from __future__ import annotations

from tui.core.model import Calendar, Event


def icc_reasons(calendar: Calendar, event: Event) -> list[str]:
    """Why an event is marked: one sentence per ICC warrant holder at an event hosted by a
    State Party to the Rome Statute. Empty when nothing applies."""
    host = calendar.countries.get(event.host or "")
    if host is None or not host.icc_state_party:
        return []
    reasons = []
    for pid in event.participants:
        person = calendar.participants.get(pid)
        if person is not None and person.icc_warrant:
            reasons.append(
                f"{person.name} is the subject of an ICC arrest warrant, and the host, "
                f"{host.name}, is a State Party to the Rome Statute, bound to cooperate "
                "with the court."
            )
    return reasons
