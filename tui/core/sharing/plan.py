"""What a publishing round must do: pure decisions from what is here, there and recorded.

- here: the calendar's resources (by name);
- there: the server's names and ETags;
- recorded: what diplocal last published (``PublishedState``);
- fetched: the server's data for the names whose content must be looked at.

A resource someone else changed or removed since diplocal published it is a conflict:
reported, left alone, unless ``force``. Names diplocal never published are never touched,
except a resource with one of the calendar's own UIDs: if its content is what would be
published, it is adopted (recorded, not written); otherwise it is a conflict too.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from tui.core.sharing.compare import differences, sequence_of
from tui.core.sharing.resources import Resource
from tui.core.sharing.state import Published


class Action(enum.Enum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class Write:
    action: Action
    name: str
    title: str
    etag: str | None  # If-Match; None: If-None-Match: *
    sequence: int = 0
    resource: Resource | None = None  # None for a delete


@dataclass(frozen=True, slots=True)
class Conflict:
    name: str
    title: str
    reason: str
    differs: tuple[str, ...] = ()  # "SUMMARY: ... on the server, ... here"


@dataclass(slots=True)
class Plan:
    writes: list[Write] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    adopted: dict[str, Published] = field(default_factory=dict)
    forgotten: list[str] = field(default_factory=list)
    unchanged: int = 0


def to_fetch(
    here: Mapping[str, Resource], there: Mapping[str, str], recorded: Mapping[str, Published]
) -> set[str]:
    """The names whose server data the plan needs: the calendar's own UIDs that diplocal
    did not record, and what it recorded that changed on the server since."""
    unknown = {name for name in here if name in there and name not in recorded}
    changed = {name for name, was in recorded.items() if there.get(name, was.etag) != was.etag}
    return unknown | changed


def make_plan(
    here: Mapping[str, Resource],
    there: Mapping[str, str],
    recorded: Mapping[str, Published],
    fetched: Mapping[str, bytes],
    force: bool = False,
) -> Plan:
    plan = Plan()
    for name, resource in here.items():
        _plan_one(plan, resource, there.get(name), recorded.get(name), fetched.get(name), force)
    for name, was in recorded.items():
        if name in here:
            continue
        etag = there.get(name)
        if etag is None:
            plan.forgotten.append(name)
        elif etag == was.etag or force:
            plan.writes.append(Write(Action.DELETE, name, was.uid, etag))
        else:
            plan.conflicts.append(
                Conflict(name, was.uid, "left the calendar, but was changed on the server since")
            )
    return plan


def _plan_one(
    plan: Plan,
    resource: Resource,
    etag: str | None,
    was: Published | None,
    data: bytes | None,
    force: bool,
) -> None:
    name, title = resource.name, resource.title
    if was is not None and etag == was.etag:
        if resource.digest == was.digest:
            plan.unchanged += 1
        else:
            plan.writes.append(Write(Action.UPDATE, name, title, etag, was.sequence + 1, resource))
        return
    if etag is None:
        if was is None or force:
            sequence = 0 if was is None else was.sequence + 1
            plan.writes.append(Write(Action.CREATE, name, title, None, sequence, resource))
        else:
            plan.conflicts.append(Conflict(name, title, "deleted on the server by someone else"))
        return
    # On the server with an ETag diplocal did not give it.
    differs = differences(data, resource) if data is not None else ("(could not be read)",)
    theirs = sequence_of(data) if data is not None else 0
    if not differs:  # it already says what would be published: recorded, not written
        sequence = max(theirs, was.sequence if was else 0)
        plan.adopted[name] = Published(resource.uid, etag, resource.digest, sequence)
        return
    if force:
        sequence = max(theirs, was.sequence if was else 0) + 1
        plan.writes.append(Write(Action.UPDATE, name, title, etag, sequence, resource))
        return
    reason = (
        "changed on the server by someone else since it was published"
        if was is not None
        else "already on the server, not published from here"
    )
    plan.conflicts.append(Conflict(name, title, reason, differs))
