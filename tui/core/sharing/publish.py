"""Publish a calendar to a CalDAV collection, in step: one round reads, plans, writes.

A round is: PROPFIND (names and ETags), at most one calendar-multiget REPORT (the data of
resources whose content must be compared), then only the writes that differ. Publishing
an unchanged calendar again sends one request and writes nothing. Each write the server
confirms is recorded; a failure stops the round, records what was confirmed before it and
raises ``SharingError``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import icalendar

from tui.core.export.ical import vtimezone
from tui.core.model import Calendar, Event
from tui.core.sharing.dav import Collection, SharingError, Target, collection_url
from tui.core.sharing.plan import Action, Conflict, Plan, Write, make_plan, to_fetch
from tui.core.sharing.resources import build_resources
from tui.core.sharing.state import Published, PublishedState, load_state, save_state, state_path

Clock = Callable[[], datetime]
OnWrite = Callable[[Write], None]


@dataclass(slots=True)
class Outcome:
    """What a round did (or, for a dry run, would do)."""

    url: str
    writes: list[Write] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unchanged: int = 0
    adopted: int = 0
    requests: int = 0
    made_collection: bool = False
    dry_run: bool = False

    def count(self, action: Action) -> int:
        return sum(1 for w in self.writes if w.action is action)


def public_url(url: str) -> str:
    """The collection URL without any user name in it: the key of the published state."""
    parts = urlsplit(collection_url(url))
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, ""))


def timezone_calendar(zone: str, today: datetime) -> str:
    """A VCALENDAR holding the zone's VTIMEZONE (MKCALENDAR's calendar-timezone)."""
    holder = icalendar.Calendar()
    holder.add("prodid", "-//diplocal//diplocal caldav//EN")
    holder.add("version", "2.0")
    holder.add_component(vtimezone(zone, today.date(), today.date()))
    text: str = holder.to_ical().decode()
    return text


def publish(
    calendar: Calendar,
    events: list[Event],
    target: Target,
    *,
    dry_run: bool = False,
    create: bool = False,
    force: bool = False,
    state_folder: Path | None = None,
    clock: Clock | None = None,
    on_write: OnWrite | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Outcome:
    """One round; raises ``SharingError`` when a request fails (see the module docstring)."""
    now = (clock or (lambda: datetime.now(UTC)))().astimezone(UTC).replace(microsecond=0)
    url = public_url(target.url)
    path = state_path(url, calendar.id, state_folder)
    state = load_state(path, url, calendar.id)
    here = build_resources(calendar, events)
    outcome = Outcome(url, dry_run=dry_run)
    with Collection(target, transport) as dav:
        try:
            there = dav.list()
            if there is None:
                if not create:
                    raise SharingError(f"{url}: no calendar collection here (--create makes it)")
                if not dry_run:
                    dav.create(calendar.title, timezone_calendar(calendar.timezone, now))
                outcome.made_collection, there = True, {}
            wanted = to_fetch(here, there, state.resources)
            plan = make_plan(here, there, state.resources, dav.fetch(wanted), force)
            _take_plan(outcome, plan)
            if not dry_run:
                _apply(dav, plan, state, path, now, on_write)
        finally:
            outcome.requests = dav.requests
    return outcome


def _take_plan(outcome: Outcome, plan: Plan) -> None:
    outcome.writes = plan.writes
    outcome.conflicts = plan.conflicts
    outcome.unchanged = plan.unchanged
    outcome.adopted = len(plan.adopted)


def _apply(
    dav: Collection,
    plan: Plan,
    state: PublishedState,
    path: Path,
    now: datetime,
    on_write: OnWrite | None,
) -> None:
    """Send the plan's writes, recording each the server confirms; save the state."""
    state.resources.update(plan.adopted)
    for name in plan.forgotten:
        state.resources.pop(name, None)
    unknown: list[str] = []  # written, but the server did not give the new ETag
    try:
        for write in plan.writes:
            _write(dav, write, state, now, unknown)
            if on_write is not None:
                on_write(write)
        if unknown:
            _fill_etags(dav, state, unknown)
        state.published_at = now.isoformat()
    finally:
        save_state(path, state)


def _write(
    dav: Collection, write: Write, state: PublishedState, now: datetime, unknown: list[str]
) -> None:
    if write.action is Action.DELETE:
        assert write.etag is not None
        dav.delete(write.name, write.etag)
        state.resources.pop(write.name, None)
        return
    resource = write.resource
    assert resource is not None
    etag = dav.put(write.name, resource.data(write.sequence, now), write.etag)
    if etag is None:
        unknown.append(write.name)
    state.resources[write.name] = Published(
        resource.uid, etag or "", resource.digest, write.sequence
    )


def _fill_etags(dav: Collection, state: PublishedState, names: list[str]) -> None:
    """Some servers change what they store and send no ETag: ask for them once."""
    there = dav.list() or {}
    for name in names:
        was = state.resources[name]
        state.resources[name] = Published(was.uid, there.get(name, ""), was.digest, was.sequence)
