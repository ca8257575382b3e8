"""Pulling a CalDAV collection: read every event resource (PROPFIND, then one
calendar-multiget REPORT, the requests publishing already sends) and merge them through the
import, which matches events by UID, so pulling twice changes nothing.

An event deleted on the server is kept here: a pull adds and updates, it never deletes (the
calendar file is the office's own record; a resource gone from a shared collection is not
a reason to lose it silently).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx

from tui.core.importing.session import Options, Prepared, prepare_import
from tui.core.sharing.dav import Collection, SharingError, Target


@dataclass(frozen=True, slots=True)
class Read:
    """What a collection holds: (resource URL, its data) in name order, and the requests."""

    resources: list[tuple[str, bytes]]
    requests: int


def read_collection(target: Target, transport: httpx.BaseTransport | None = None) -> Read:
    """Every resource of the collection at ``target``, with its data.

    Raises:
        SharingError: the server cannot be reached, refuses, has no calendar collection at
            the URL, or does not speak CalDAV.
    """
    with Collection(target, transport) as collection:
        etags = collection.list()
        if etags is None:
            raise SharingError(f"{collection.url}: no calendar collection here (404 Not Found)")
        found = collection.fetch(etags)
        resources = [(collection.href(name), found[name]) for name in sorted(found)]
        return Read(resources, collection.requests)


@dataclass(frozen=True, slots=True)
class Pulled:
    """A pull ready to write (or only to show), and how it was read."""

    prepared: Prepared
    read: Read


def prepare_pull(
    path: Path,
    target: Target,
    options: Options,
    transport: httpx.BaseTransport | None = None,
) -> Pulled:
    """Read the collection and make the import into ``path``, without writing.

    Raises:
        SharingError: reading the collection failed (nothing is written).
        CalendarError: a resource is not valid iCalendar (located by its URL), or the
            calendar does not load, or the import would make it invalid.
        UsageError: a new calendar with no zone to take.
    """
    read = read_collection(target, transport)
    return Pulled(prepare_import(path, read.resources, options), read)
