"""Publish a calendar to a CalDAV collection, in step: one round reads, plans, writes.

A round is: PROPFIND (names and ETags), at most one calendar-multiget REPORT (the data of
resources whose content must be compared), then only the writes that differ. ``publish``
does it at once; ``prepare`` and ``send`` apart, so that the TUI shows the plan first. Publishing
an unchanged calendar again sends one request and writes nothing. Each write the server
confirms is recorded; a failure stops the round, records what was confirmed before it and
raises ``SharingError``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
import icalendar

from tui.core.export.ical import vtimezone
from tui.core.model import Calendar, Event
from tui.core.sharing.dav import Collection, SharingError, Target, public_url
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
    sent: int = 0  # writes the server confirmed
    stopped: bool = False  # asked to stop before the last write: ``sent`` says how far

    def count(self, action: Action) -> int:
        return sum(1 for w in self.writes if w.action is action)


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
    with Collection(target, transport) as dav:
        prepared = _prepare(dav, calendar, events, create, force, state_folder, clock)
        if not dry_run:
            prepared.outcome.dry_run = False
            _send(dav, prepared, on_write, None)
        prepared.outcome.requests = dav.requests
    return prepared.outcome


@dataclass(slots=True)
class Prepared:
    """A round read and planned, nothing written yet: what ``send`` will do, as ``outcome``
    (a dry run's) says. The TUI shows it, then sends exactly this plan."""

    target: Target
    outcome: Outcome
    plan: Plan
    state: PublishedState
    path: Path
    now: datetime
    make: tuple[str, str] | None = None  # MKCALENDAR's (title, zone) when there is none yet


def prepare(
    calendar: Calendar,
    events: list[Event],
    target: Target,
    *,
    create: bool = False,
    force: bool = False,
    state_folder: Path | None = None,
    clock: Clock | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Prepared:
    """Read the collection and plan the round, sending no write (raises ``SharingError``)."""
    with Collection(target, transport) as dav:
        prepared = _prepare(dav, calendar, events, create, force, state_folder, clock)
        prepared.outcome.requests = dav.requests
    return prepared


def send(
    prepared: Prepared,
    *,
    on_write: OnWrite | None = None,
    stop: Callable[[], bool] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Outcome:
    """Send a prepared plan's writes. ``stop`` is asked before each request: when it says
    yes, the round ends there, the writes confirmed so far are recorded, and the outcome
    says ``stopped`` (its ``sent`` counts them). Raises ``SharingError`` as ``publish``."""
    outcome = prepared.outcome
    outcome.dry_run = False
    with Collection(prepared.target, transport) as dav:
        try:
            _send(dav, prepared, on_write, stop)
        finally:
            outcome.requests += dav.requests
    return outcome


def _prepare(
    dav: Collection,
    calendar: Calendar,
    events: list[Event],
    create: bool,
    force: bool,
    state_folder: Path | None,
    clock: Clock | None,
) -> Prepared:
    now = (clock or (lambda: datetime.now(UTC)))().astimezone(UTC).replace(microsecond=0)
    url = public_url(dav.target.url)
    path = state_path(url, calendar.id, state_folder)
    state = load_state(path, url, calendar.id)
    here = build_resources(calendar, events)
    outcome = Outcome(url, dry_run=True)
    make = None
    there = dav.list()
    if there is None:
        if not create:
            raise SharingError(f"{url}: no calendar collection here (--create makes it)")
        make = (calendar.title, timezone_calendar(calendar.timezone, now))
        outcome.made_collection, there = True, {}
    wanted = to_fetch(here, there, state.resources)
    plan = make_plan(here, there, state.resources, dav.fetch(wanted), force)
    _take_plan(outcome, plan)
    return Prepared(dav.target, outcome, plan, state, path, now, make)


def _take_plan(outcome: Outcome, plan: Plan) -> None:
    outcome.writes = plan.writes
    outcome.conflicts = plan.conflicts
    outcome.unchanged = plan.unchanged
    outcome.adopted = len(plan.adopted)


def _send(
    dav: Collection,
    prepared: Prepared,
    on_write: OnWrite | None,
    stop: Callable[[], bool] | None,
) -> None:
    """Send the plan's writes, recording each the server confirms; save the state."""
    plan, state, outcome = prepared.plan, prepared.state, prepared.outcome
    if prepared.make is not None:
        dav.create(*prepared.make)
        prepared.make = None
    state.resources.update(plan.adopted)
    for name in plan.forgotten:
        state.resources.pop(name, None)
    unknown: list[str] = []  # written, but the server did not give the new ETag
    try:
        for write in plan.writes:
            if stop is not None and stop():
                outcome.stopped = True
                break
            _write(dav, write, state, prepared.now, unknown)
            outcome.sent += 1
            if on_write is not None:
                on_write(write)
        if unknown:
            _fill_etags(dav, state, unknown)
        if not outcome.stopped:
            state.published_at = prepared.now.isoformat()
    finally:
        save_state(prepared.path, state)


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
