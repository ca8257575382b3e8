"""An independent CalDAV reader for the tests: plain httpx requests, parsed by icalendar."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import httpx
import icalendar

from tests.core.sharing.servers import USERS

ADMIN = ("admin", USERS["admin"])
_QUERY = b"""<?xml version="1.0" encoding="utf-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><d:getetag/><c:calendar-data/></d:prop>
  <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"/></c:comp-filter>
  </c:filter>
</c:calendar-query>"""


def held(url: str) -> dict[str, tuple[str, icalendar.Calendar]]:
    """Every event resource in the collection: name -> (etag, parsed calendar); nothing
    when there is no collection yet."""
    response = httpx.request(
        "REPORT",
        url,
        content=_QUERY,
        headers={"Depth": "1", "Content-Type": "application/xml"},
        auth=ADMIN,
        timeout=30,
    )
    if response.status_code == 404:
        return {}
    assert response.status_code == 207, response.text
    found = {}
    for item in ElementTree.fromstring(response.content).iter("{DAV:}response"):
        name = unquote(urlsplit(item.findtext("{DAV:}href") or "").path).rpartition("/")[2]
        etag = item.findtext(".//{DAV:}getetag") or ""
        data = item.findtext(".//{urn:ietf:params:xml:ns:caldav}calendar-data") or ""
        found[name] = (etag, icalendar.Calendar.from_ical(data))
    return found


def vevent(calendar: icalendar.Calendar) -> icalendar.Event:
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event: icalendar.Event = events[0]
    return event


def put(url: str, data: bytes) -> None:
    """Write a resource as another client would."""
    response = httpx.put(
        url, content=data, headers={"Content-Type": "text/calendar"}, auth=ADMIN, timeout=30
    )
    assert response.status_code in (201, 204), response.text
