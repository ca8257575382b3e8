"""`pull`'s reading, with httpx's MockTransport standing in for a server that sends what no
Radicale would store: a resource that is not iCalendar."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tui.core.errors import CalendarError
from tui.core.importing.session import Options
from tui.core.sharing.dav import Target
from tui.core.sharing.pull import prepare_pull, read_collection

URL = "https://dav.example/cal/"
_LIST = b"""<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
<d:response><d:href>/cal/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/><c:calendar/>
</d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
<d:response><d:href>/cal/broken.ics</d:href><d:propstat><d:prop><d:getetag>"1"</d:getetag></d:prop>
<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"""
_DATA = b"""<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
<d:response><d:href>/cal/broken.ics</d:href><d:propstat><d:prop><d:getetag>"1"</d:getetag>
<c:calendar-data>BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:x
DTSTART:not a time
END:VEVENT
END:VCALENDAR
</c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
</d:multistatus>"""


def _server(request: httpx.Request) -> httpx.Response:
    body = _LIST if request.method == "PROPFIND" else _DATA
    return httpx.Response(207, content=body)


def test_read_collection_names_each_resource_by_its_url() -> None:
    read = read_collection(Target(URL), httpx.MockTransport(_server))
    assert [name for name, _ in read.resources] == [URL + "broken.ics"]
    assert b"UID:x" in read.resources[0][1]
    assert read.requests == 2


def test_a_resource_that_is_not_icalendar_is_a_located_error(tmp_path: Path) -> None:
    into = tmp_path / "visit.toml"
    with pytest.raises(CalendarError) as raised:
        prepare_pull(into, Target(URL), Options("Asia/Dushanbe"), httpx.MockTransport(_server))
    (diagnostic,) = raised.value.diagnostics
    assert str(diagnostic).startswith(URL + "broken.ics:")
    assert not into.exists()
