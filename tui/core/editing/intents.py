"""What the file's owner can be asked to do, each as an ``Edit``: a change of the text, the
tables it touches, and a one-line description for the user ("retitled 'X' → 'Y'").

An ``Edit`` is a pure function of the text, so the owner can make it on the text it read,
or again on a newer text when the file changed on disk meanwhile (``document.py``).
Every edit of an event stamps its ``updated`` key with the time of the save.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tui.core.editing.steps import EventIds
from tui.core.editing.tables_edit import set_table
from tui.core.editing.toml_edit import (
    EditError,
    add_event,
    delete_event,
    event_index,
    event_title,
    new_event_id,
    parse,
    update_event,
)
from tui.core.model import Calendar, Status
from tui.core.toml.style import Changes

TableKey = tuple[str, str]  # ("events", id), ("participants", id) or ("countries", code)
STAMP = "updated"


@dataclass(frozen=True, slots=True)
class Edit:
    """A change to make to the calendar's text.

    ``keys`` are the tables it touches (the conflict check compares them), ``ids`` each
    event's id before and after (None: added or deleted), for undoing it event by event.
    ``retell`` words the description for the edit made on another text than the one the
    user saw (the file changed on disk): the event's title as that text has it.
    """

    make: Callable[[str], str]
    keys: tuple[TableKey, ...]
    ids: tuple[EventIds, ...]
    description: str
    retell: Callable[[str], str] | None = None

    def description_on(self, text: str) -> str:
        """What the edit does when made on ``text``, naming what ``text`` holds."""
        return self.description if self.retell is None else self.retell(text)

    @property
    def tables(self) -> tuple[TableKey, ...]:
        """The participants' and countries' tables it touches."""
        return tuple(key for key in self.keys if key[0] != "events")


def quoted(title: str) -> str:
    """A title in a description: quoted, on one line, not too long."""
    flat = " ".join(title.split())
    return f"'{flat[:60]}…'" if len(flat) > 61 else f"'{flat}'"


def add(calendar: Calendar, values: Changes, now: datetime) -> Edit:
    """A new event; without an ``id``, one is made from its title."""
    wanted = {k: v for k, v in values.items() if v is not None}
    title = str(wanted.get("title", ""))
    if "id" not in wanted:
        wanted = {"id": new_event_id(calendar, title), **wanted}
    wanted[STAMP] = now
    event_id = str(wanted["id"])
    return Edit(
        lambda text: add_event(text, wanted),
        (("events", event_id),),
        ((None, event_id),),
        f"added {quoted(title or event_id)}",
    )


def update(title: str, event_id: str, changes: Changes, now: datetime) -> Edit:
    """Keys of event ``event_id`` (titled ``title``) changed; None removes a key."""
    stamped = {**changes, STAMP: now}
    new_id = changes.get("id") or event_id
    keys: tuple[TableKey, ...] = (("events", event_id),)
    if new_id != event_id:
        keys += (("events", new_id),)
    return Edit(
        lambda text: update_event(text, event_id, stamped),
        keys,
        ((event_id, new_id),),
        _update_words(title, changes),
        lambda text: _update_words(event_title(text, event_id) or title, changes),
    )


def _update_words(title: str, changes: Changes) -> str:
    named = sorted(k for k in changes if k != STAMP)
    if named == ["title"]:
        return f"retitled {quoted(title)} → {quoted(str(changes['title']))}"
    if named == ["status"] and changes["status"] == Status.CANCELLED.value:
        return f"cancelled {quoted(title)}"
    return f"edited {quoted(title)} ({', '.join(named)})"


def cancel(title: str, event_id: str, now: datetime) -> Edit:
    """The event kept in the file with ``status = "cancelled"``."""
    return update(title, event_id, {"status": Status.CANCELLED.value}, now)


def delete(title: str, event_id: str) -> Edit:
    """The event's table and its own comments gone from the file."""
    return Edit(
        lambda text: delete_event(text, event_id),
        (("events", event_id),),
        ((event_id, None),),
        f"deleted {quoted(title)}",
        lambda text: f"deleted {quoted(event_title(text, event_id) or title)}",
    )


def batch(tables: Sequence[Mapping[str, Any]], now: datetime, what: str = "applied") -> Edit:
    """Event tables, each added or (same id) replaced by exactly its keys, as ONE change.

    For an import: the whole batch is saved, and undone, at once.

    Raises:
        EditError: a table without an id, or two with the same id.
    """
    ids = [table.get("id") for table in tables]
    if not all(isinstance(i, str) for i in ids):
        raise EditError("every event table of a batch needs an id")
    if len(set(ids)) != len(ids):
        raise EditError("two event tables of the batch have the same id")
    counted: dict[str, int] = {}

    def make(text: str) -> str:
        counted.clear()
        document = parse(text)
        for table in tables:
            event_id = str(table["id"])
            old = _event(document, event_id)
            wanted = {**{k: v for k, v in table.items() if v is not None}, STAMP: now}
            if old is None:
                text = add_event(text, wanted)
                counted["added"] = counted.get("added", 0) + 1
            else:
                gone = {k: None for k in old if k not in wanted}
                text = update_event(text, event_id, {**gone, **wanted})
                counted["updated"] = counted.get("updated", 0) + 1
        return text

    count = len(tables)
    return Edit(
        make,
        tuple(("events", str(i)) for i in ids),
        tuple((str(i), str(i)) for i in ids),
        f"{what} {count} event{'s' if count != 1 else ''}",
    )


def _event(document: Mapping[str, Any], event_id: str) -> Mapping[str, Any] | None:
    try:
        return dict(document["events"][event_index(document, event_id)])
    except (EditError, KeyError):
        return None


def set_table_edit(section: str, key: str, changes: Changes, name: str, new: bool) -> Edit:
    """A participant's or country's table added (``new``) or changed."""
    noun = "participant" if section == "participants" else "country"
    shown = quoted(name or key)
    words = f"added {noun} {shown}" if new else f"edited {noun} {shown}"
    if not new:
        words += f" ({', '.join(sorted(changes))})"
    return Edit(lambda text: set_table(text, section, key, changes), ((section, key),), (), words)
