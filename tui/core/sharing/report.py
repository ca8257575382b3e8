"""A publishing round in words, for the TUI: the changes before they are sent, the result.

Titles are the calendar's text: plain strings here, shown as data (never markup) by the UI.
"""

from __future__ import annotations

from tui.core.sharing.plan import Action
from tui.core.sharing.publish import Outcome
from tui.core.text import one_line

_MARKS = {Action.CREATE: "+ new", Action.UPDATE: "~ changed", Action.DELETE: "- delete"}
_DONE = {Action.CREATE: "created", Action.UPDATE: "updated", Action.DELETE: "deleted"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def change_lines(outcome: Outcome) -> list[str]:
    """One line per write a round would send, then what it leaves alone and why."""
    lines = []
    if outcome.made_collection:
        lines.append(f"+ the collection itself (none at {outcome.url} yet)")
    for write in outcome.writes:
        lines.append(f"{_MARKS[write.action]}: {one_line(write.title)}")
    for conflict in outcome.conflicts:
        lines.append(f"! left as it is: {one_line(conflict.title)}: {conflict.reason}")
        lines.extend(f"    {one_line(line)}" for line in conflict.differs)
    return lines


def plan_summary(outcome: Outcome) -> str:
    """'17 to send (12 new, 3 changed, 2 to delete), 40 unchanged.' or 'Nothing to send: …'."""
    parts = [f"{outcome.count(Action.CREATE)} new", f"{outcome.count(Action.UPDATE)} changed"]
    if outcome.count(Action.DELETE):
        parts.append(f"{outcome.count(Action.DELETE)} to delete")
    kept = f", {outcome.unchanged + outcome.adopted} already there as here"
    left = (
        f", {_plural(len(outcome.conflicts), 'event')} changed by someone else left alone"
        if outcome.conflicts
        else ""
    )
    if not outcome.writes and not outcome.made_collection:
        return f"Nothing to send: the collection is in step with the calendar{kept}{left}."
    sends = f"{len(outcome.writes)} to send ({', '.join(parts)})"
    made = "The collection to make, then " if outcome.made_collection else ""
    return f"{made}{sends}{kept}{left}."


def progress_line(sent: int, total: int) -> str:
    """'3 of 17 sent'."""
    return f"{sent} of {total} sent"


def result_line(outcome: Outcome) -> str:
    """What a round did, in one line: the notice the TUI shows when it ends."""
    total = len(outcome.writes)
    requests = _plural(outcome.requests, "request")
    if outcome.stopped:
        return (
            f"Stopped: {progress_line(outcome.sent, total)} to {outcome.url} (recorded; "
            f"publishing again sends the rest) ({requests})"
        )
    counts = ", ".join(
        f"{outcome.count(action)} {_DONE[action]}"
        for action in (Action.CREATE, Action.UPDATE, Action.DELETE)
        if outcome.count(action)
    )
    left = (
        f"; {_plural(len(outcome.conflicts), 'event')} changed by someone else left alone "
        "(diplocal publish --force or diplocal pull decides)"
        if outcome.conflicts
        else ""
    )
    if not total:
        return f"Nothing to send: {outcome.url} is in step ({requests}){left}"
    return f"Published to {outcome.url}: {counts} ({requests}){left}"
