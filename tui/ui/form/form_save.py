"""Saving what the event form holds, through the file's owner.

The draft becomes one intent of ``CalendarDocument`` (``add`` or ``update`` with only the
keys the user changed), which follows a change made on disk meanwhile or returns a
``Conflict`` for the user to settle; the form stays open, with everything typed, until
the outcome is ``ok``.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.editing.document import CalendarDocument, Outcome
from tui.core.editing.event_form import Draft, changes, new_values, parse_draft
from tui.core.event_order import participants_in_order
from tui.core.model import Calendar


@dataclass(frozen=True, slots=True)
class FormDone:
    """What the form's save came to: the event it is about (its id after the edit)."""

    event_id: str
    outcome: Outcome


def save_draft(
    document: CalendarDocument,
    event_id: str | None,
    initial: Draft,
    draft: Draft,
    calendar: Calendar,
    replace_broken: bool = False,
) -> FormDone | None:
    """The draft saved as an add (``event_id`` None) or an update; None: nothing changed.
    ``replace_broken``: the file on disk does not load, and the user chose to replace it."""
    values = parse_draft(draft, calendar).values
    # Written in the calendar's order of people, not the order they were ticked in.
    values["participants"] = participants_in_order(calendar, values["participants"] or ()) or None
    if event_id is not None:
        edit = changes(initial, draft, values)
        if not edit:
            return None
        return done(document.update(event_id, edit, replace_broken=replace_broken), event_id)
    written = new_values(values, calendar)
    return done(document.add(written, replace_broken=replace_broken), str(written.get("id", "")))


def done(outcome: Outcome, fallback: str) -> FormDone:
    """The outcome with the event's id as it is now (a renamed or new event: the last key)."""
    events = [name for section, name in outcome.changed if section == "events"]
    return FormDone(events[-1] if events else fallback, outcome)
