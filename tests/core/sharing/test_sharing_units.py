"""The publishing core without a server: resource bytes, plans, failures half way, credentials."""

from __future__ import annotations

import dataclasses
import stat
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from tui.core.errors import UsageError
from tui.core.export.ical import to_icalendar
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.sharing.credentials import check_url, find_auth
from tui.core.sharing.dav import Auth, SharingError, Target
from tui.core.sharing.publish import prepare, public_url, publish, send
from tui.core.sharing.resources import build_resources
from tui.core.sharing.state import load_state, state_path

CALENDAR = load_calendar(bundled_calendar()).calendar
WHEN = datetime(2025, 10, 20, 9, 30, tzinfo=UTC)
URL = "https://dav.example/cal/"


def test_each_resource_is_the_exports_bytes_for_its_event() -> None:
    resources = build_resources(CALENDAR, list(CALENDAR.events))
    assert len(resources) == len(CALENDAR.events)
    for event in CALENDAR.events:
        resource = resources[f"{event.id}@{CALENDAR.id}.ics"]
        expected = to_icalendar(CALENDAR, [event], revisions={event.id: (3, WHEN)})
        assert resource.data(3, WHEN) == expected


def test_an_edited_event_carries_its_own_stamp_as_the_export_does() -> None:
    """An edit stamps the event (``updated``); the resource says it, as `export` does."""
    edited = dataclasses.replace(CALENDAR.events[0], updated=datetime(2026, 1, 2, 3, 4, tzinfo=UTC))
    calendar = dataclasses.replace(CALENDAR, events=(edited, *CALENDAR.events[1:]))
    resource = build_resources(calendar, [edited])[f"{edited.id}@{calendar.id}.ics"]
    data = resource.data(3, WHEN)
    assert data == to_icalendar(calendar, [edited], revisions={edited.id: (3, WHEN)})
    assert b"LAST-MODIFIED:20260102T030400Z" in data


def test_a_renamed_participant_changes_the_resources_that_name_them() -> None:
    """The head names the event's participants (X-DIPLOCAL-PARTICIPANT): a rename is a change."""
    event = next(e for e in CALENDAR.events if "rahmon" in e.participants)
    person = dataclasses.replace(CALENDAR.participants["rahmon"], name="E. Rahmon")
    renamed = dataclasses.replace(
        CALENDAR, participants={**CALENDAR.participants, "rahmon": person}
    )
    name = f"{event.id}@{CALENDAR.id}.ics"
    before = build_resources(CALENDAR, [event])[name]
    after = build_resources(renamed, [event])[name]
    assert before.digest != after.digest
    assert after.data(3, WHEN) == to_icalendar(renamed, [event], revisions={event.id: (3, WHEN)})


def test_the_digest_follows_the_content_not_the_stamp() -> None:
    events = list(CALENDAR.events)
    first = build_resources(CALENDAR, events)
    again = build_resources(CALENDAR, events)
    assert {n: r.digest for n, r in first.items()} == {n: r.digest for n, r in again.items()}
    retitled = dataclasses.replace(CALENDAR, title="Another title")
    changed = build_resources(retitled, events)
    assert all(changed[n].digest != first[n].digest for n in first)


class Server:
    """A CalDAV collection in memory that answers 412 to the PUT of one name."""

    def __init__(self, refuse: str = "") -> None:
        self.items: dict[str, tuple[str, bytes]] = {}
        self.refuse = refuse
        self.methods: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.methods.append(request.method)
        name = request.url.path.rpartition("/")[2]
        if request.method == "PROPFIND":
            rows = "".join(
                f"<d:response><d:href>/cal/{n}</d:href><d:propstat><d:prop>"
                f"<d:getetag>{etag}</d:getetag></d:prop>"
                "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
                for n, (etag, _) in self.items.items()
            )
            body = (
                '<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
                "<d:response><d:href>/cal/</d:href><d:propstat><d:prop><d:resourcetype>"
                "<d:collection/><c:calendar/></d:resourcetype></d:prop>"
                f"<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>{rows}"
                "</d:multistatus>"
            )
            return httpx.Response(207, content=body.encode())
        if request.method == "PUT":
            if name == self.refuse:
                return httpx.Response(412)
            etag = f'"{len(self.methods)}"'
            self.items[name] = (etag, request.content)
            return httpx.Response(201, headers={"ETag": etag})
        return httpx.Response(405)


def test_a_412_half_way_records_only_what_the_server_confirmed(tmp_path: Path) -> None:
    events = list(CALENDAR.events[:3])
    refused = f"{events[1].id}@{CALENDAR.id}.ics"
    server = Server(refuse=refused)
    target = Target(URL, Auth("a", "b"))
    with pytest.raises(SharingError) as raised:
        publish(
            CALENDAR, events, target, state_folder=tmp_path, transport=httpx.MockTransport(server)
        )
    assert str(raised.value) == (
        f"{URL}{refused}: changed on the server meanwhile (412 Precondition Failed); "
        "publish again to see what differs"
    )
    assert server.methods == ["PROPFIND", "PUT", "PUT"]  # stopped at the failure
    path = state_path(URL, CALENDAR.id, tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    recorded = load_state(path, URL, CALENDAR.id).resources
    assert set(recorded) == {f"{events[0].id}@{CALENDAR.id}.ics"} == set(server.items)


def test_the_state_is_kept_per_url_without_the_user_name() -> None:
    assert public_url("https://ann@dav.example/cal") == URL
    assert state_path(URL, "a", Path("/s")) != state_path(URL, "b", Path("/s"))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://ann:secret@dav.example/cal/", "no password in the URL"),
        ("dav.example/cal/", "is not an http:// or https:// URL"),
    ],
)
def test_urls_with_passwords_or_without_a_scheme_are_refused(url: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        check_url(url)


def test_credentials_come_from_env_then_command_then_netrc(tmp_path: Path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine dav.example login ann password from-netrc\n")
    netrc.chmod(0o600)
    env = {"DIPLOCAL_CALDAV_USERNAME": "bob", "DIPLOCAL_CALDAV_PASSWORD": "from-env"}
    assert find_auth(URL, None, env, netrc) == Auth("bob", "from-env")
    command = "printf 'from-command\\nsecond line'"
    assert find_auth(URL, f"sh -c {command!r}", {"DIPLOCAL_CALDAV_USERNAME": "bob"}, netrc) == (
        Auth("bob", "from-command")
    )
    assert find_auth(URL, None, {}, netrc) == Auth("ann", "from-netrc")
    assert find_auth("https://other.example/", None, {}, netrc) is None
    with pytest.raises(SharingError, match="exit status 3"):
        find_auth(URL, "sh -c 'exit 3'", {}, netrc)


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (
            httpx.Response(301, headers={"Location": "https://dav.example/cal/"}),
            "the server sends this to https://dav.example/cal/; publish there",
        ),
        (httpx.Response(401), "the server refused the user name or password (401)"),
        (httpx.Response(404), "no calendar collection here (--create makes it)"),
        (httpx.Response(207, content=b"<html>"), "not a CalDAV server (unreadable answer"),
        (httpx.Response(207, content=b"<x/>"), "not a CalDAV server (no multistatus"),
    ],
)
def test_each_refusal_is_one_line(tmp_path: Path, response: httpx.Response, message: str) -> None:
    transport = httpx.MockTransport(lambda _request: response)
    with pytest.raises(SharingError) as raised:
        publish(CALENDAR, [], Target(URL), state_folder=tmp_path, transport=transport)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
    assert not state_path(URL, CALENDAR.id, tmp_path).exists()


def test_a_missing_ca_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(SharingError, match="cannot use as a CA file"):
        publish(CALENDAR, [], Target(URL, ca_file=tmp_path / "none.pem"), state_folder=tmp_path)


def test_a_prepared_round_sends_nothing_and_a_stop_ends_it_between_requests(
    tmp_path: Path,
) -> None:
    """The TUI's two steps: prepare (reads only), then send, which asks before each
    request whether to stop; the writes confirmed before the stop are recorded, and the
    round is not recorded as published."""
    events = list(CALENDAR.events[:5])
    server = Server()
    transport = httpx.MockTransport(server)
    target = Target(URL, Auth("a", "b"))
    prepared = prepare(CALENDAR, events, target, state_folder=tmp_path, transport=transport)
    assert server.methods == ["PROPFIND"] and prepared.outcome.requests == 1
    assert len(prepared.outcome.writes) == 5
    asked = []

    def stop() -> bool:
        asked.append(len(server.items))
        return len(server.items) == 2

    outcome = send(prepared, stop=stop, transport=transport)
    assert asked == [0, 1, 2]  # before each request, and not after the stop
    assert (outcome.stopped, outcome.sent, outcome.requests) == (True, 2, 3)
    state = load_state(state_path(URL, CALENDAR.id, tmp_path), URL, CALENDAR.id)
    assert set(state.resources) == set(server.items) and len(server.items) == 2
    assert state.published_at == ""  # a stopped round is not "published"
    again = prepare(CALENDAR, events, target, state_folder=tmp_path, transport=transport)
    done = send(again, transport=transport)
    assert (done.stopped, done.sent, len(server.items)) == (False, 3, 5)
    final = load_state(state_path(URL, CALENDAR.id, tmp_path), URL, CALENDAR.id)
    assert final.published_at == again.now.isoformat()
