"""`diplocal publish` against a real Radicale on 127.0.0.1 (tests/core/sharing/servers.py)."""

from __future__ import annotations

import io
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from tests.core.sharing.reading import held, put, vevent
from tests.core.sharing.servers import (
    USERS,
    Radicale,
    free_port,
    silent_server,
    web_page_server,
)
from tui.cli import main
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.sharing.dav import Auth, SharingError, Target
from tui.core.sharing.plan import Action
from tui.core.sharing.publish import publish

BUNDLED = bundled_calendar()
ADMIN = Auth("admin", USERS["admin"])
THEIRS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//else//EN\r\nBEGIN:VEVENT\r\n"
    b"UID:press-briefing@elsewhere\r\nDTSTAMP:20251001T000000Z\r\n"
    b"DTSTART:20251009T050000Z\r\nDTEND:20251009T060000Z\r\nSUMMARY:Press briefing\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


def utc(value: object) -> object:
    return value.astimezone(UTC) if isinstance(value, datetime) else value


def test_first_publish_reads_back_with_the_right_instants(collection: str) -> None:
    code, out, err = run("publish", str(BUNDLED), collection, "--create")
    assert code == 0, err
    calendar = load_calendar(BUNDLED).calendar
    found = held(collection)
    assert len(found) == len(calendar.events) == out.count("created ")
    for event in calendar.events:
        there = vevent(found[f"{event.id}@{calendar.id}.ics"][1])
        assert str(there["SUMMARY"]) == event.title
        assert utc(there.decoded("DTSTART")) == utc(event.start)
        if isinstance(event.start, datetime):  # zoned times keep their IANA zone
            assert there["DTSTART"].params["TZID"] == event.start.tzinfo.key  # type: ignore[union-attr]
        assert int(there.get("SEQUENCE", -1)) == 0
    assert "17 created, 0 updated, 0 deleted, 0 unchanged" in err


def test_second_publish_writes_nothing(collection: str, private_state: Path) -> None:
    assert run("publish", str(BUNDLED), collection, "--create")[0] == 0
    before = {name: etag for name, (etag, _) in held(collection).items()}
    code, out, err = run("publish", str(BUNDLED), collection)
    assert (code, out) == (0, "")
    assert "0 created, 0 updated, 0 deleted, 17 unchanged (1 request)" in err
    assert {name: etag for name, (etag, _) in held(collection).items()} == before
    (state,) = (private_state / "diplocal" / "caldav").iterdir()
    assert stat.S_IMODE(state.stat().st_mode) == 0o600


def retitled(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "visit.toml"
    text = BUNDLED.read_text()
    assert text.count(old) == 1
    path.write_text(text.replace(old, new))
    return path


def test_one_retitle_writes_one_resource_with_a_raised_sequence(
    collection: str, tmp_path: Path
) -> None:
    path = retitled(tmp_path, 'title = "Official welcome ceremony"', 'title = "Official welcome"')
    assert run("publish", str(BUNDLED), collection, "--create")[0] == 0
    code, out, err = run("publish", str(path), collection)
    assert code == 0, err
    assert out == "updated official-welcome@putin-tajikistan-2025.ics: Official welcome\n"
    assert "0 created, 1 updated, 0 deleted, 16 unchanged (2 requests)" in err
    there = vevent(held(collection)["official-welcome@putin-tajikistan-2025.ics"][1])
    assert (str(there["SUMMARY"]), int(there["SEQUENCE"])) == ("Official welcome", 1)


def test_a_removed_event_is_deleted_and_others_events_survive(collection: str) -> None:
    calendar = load_calendar(BUNDLED).calendar
    target = Target(collection, ADMIN)
    publish(calendar, list(calendar.events), target, create=True)
    put(collection + "someone-elses.ics", THEIRS)
    outcome = publish(calendar, list(calendar.events[1:]), target)
    assert [(w.action.value, w.name) for w in outcome.writes] == [
        ("delete", f"{calendar.events[0].id}@{calendar.id}.ics")
    ]
    names = set(held(collection))
    assert f"{calendar.events[0].id}@{calendar.id}.ics" not in names
    assert "someone-elses.ics" in names and len(names) == len(calendar.events)
    emptied = publish(calendar, [], target)
    assert emptied.count(Action.DELETE) == len(calendar.events) - 1 == len(emptied.writes)
    assert set(held(collection)) == {"someone-elses.ics"}  # theirs still there


def test_an_event_changed_by_another_client_is_reported_not_overwritten(
    collection: str,
) -> None:
    assert run("publish", str(BUNDLED), collection, "--create")[0] == 0
    name = "official-welcome@putin-tajikistan-2025.ics"
    _, theirs = held(collection)[name]
    vevent(theirs)["SUMMARY"] = "Welcome moved indoors [bold]"
    put(collection + name, theirs.to_ical())
    code, out, err = run("publish", str(BUNDLED), collection)
    assert (code, out) == (1, "")
    assert f"{collection}{name}: error: changed on the server by someone else" in err
    assert (
        'SUMMARY: "Welcome moved indoors [bold]" on the server, '
        '"Official welcome ceremony" here' in err
    )
    assert str(vevent(held(collection)[name][1])["SUMMARY"]) == "Welcome moved indoors [bold]"
    assert run("publish", str(BUNDLED), collection)[0] == 1  # still reported, still kept
    code, out, _ = run("publish", str(BUNDLED), collection, "--force")
    assert (code, out) == (0, f"updated {name}: Official welcome ceremony\n")
    there = vevent(held(collection)[name][1])
    assert (str(there["SUMMARY"]), int(there["SEQUENCE"])) == ("Official welcome ceremony", 1)


def test_lost_state_adopts_what_is_there_without_writing(
    collection: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("publish", str(BUNDLED), collection, "--create")[0] == 0
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "another-machine"))
    code, out, err = run("publish", str(BUNDLED), collection)
    assert (code, out) == (0, "")
    assert "0 created, 0 updated, 0 deleted, 0 unchanged, 17 already there (2 requests)" in err
    assert "17 unchanged (1 request)" in run("publish", str(BUNDLED), collection)[2]


def test_dry_run_sends_no_write(collection: str) -> None:
    code, out, err = run("publish", str(BUNDLED), collection, "--create", "--dry-run")
    assert code == 0, err
    assert out.startswith(f"would create the collection {collection}\nwould create ")
    assert out.count("would create ") == 18
    code, _, err = run("publish", str(BUNDLED), collection)
    assert (code, err) == (
        1,
        f"diplocal: error: {collection}: no calendar collection here (--create makes it)\n",
    )


def test_a_read_only_user_is_refused_and_nothing_is_recorded(
    collection: str, monkeypatch: pytest.MonkeyPatch, private_state: Path
) -> None:
    assert run("publish", str(BUNDLED), collection, "--create", "--country", "BY")[0] == 0
    monkeypatch.setenv("DIPLOCAL_CALDAV_USERNAME", "reader")
    monkeypatch.setenv("DIPLOCAL_CALDAV_PASSWORD", USERS["reader"])
    before = held(collection)
    code, out, err = run("publish", str(BUNDLED), collection)
    assert (code, out) == (1, "")
    assert err.endswith("this user may not write events here (403 Forbidden)\n")
    assert err.count("\n") == 1
    assert held(collection).keys() == before.keys()


@pytest.mark.parametrize(
    ("password", "expected"),
    [("wrong", "the server refused the user name or password (401)")],
)
def test_a_wrong_password_is_one_line(
    collection: str, monkeypatch: pytest.MonkeyPatch, password: str, expected: str
) -> None:
    monkeypatch.setenv("DIPLOCAL_CALDAV_PASSWORD", password)
    code, out, err = run("publish", str(BUNDLED), collection, "--create")
    assert (code, out) == (1, "")
    assert err == f"diplocal: error: {collection}: {expected}\n"


def test_a_stopped_server_is_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}/admin/cal/"
    code, out, err = run("publish", str(BUNDLED), url, "--timeout", "5")
    assert (code, out) == (1, "")
    port = url.split(":")[2].split("/")[0]
    assert err.startswith(f"diplocal: error: 127.0.0.1:{port}: cannot connect: ")
    assert err.count("\n") == 1


def test_a_server_that_never_answers_times_out() -> None:
    with silent_server() as url:
        code, out, err = run("publish", str(BUNDLED), url, "--timeout", "0.5")
    assert (code, out) == (1, "")
    assert err.endswith(": no answer within 0.5 s (timed out)\n")
    assert err.count("\n") == 1


def test_a_web_page_is_not_a_caldav_server() -> None:
    with web_page_server() as url:
        code, out, err = run("publish", str(BUNDLED), url)
    assert (code, out) == (1, "")
    assert err == f"diplocal: error: {url}: not a CalDAV server (PROPFIND answered 200 OK)\n"


class Intruder(httpx.HTTPTransport):
    """Another client that writes the resource just before diplocal's first PUT does."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.data = data
        self.done = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PUT" and not self.done:
            self.done = True
            put(str(request.url), self.data)
        return super().handle_request(request)


@pytest.mark.parametrize("first", [True, False], ids=["new", "changed"])
def test_a_write_meanwhile_is_a_412_and_survives(
    collection: str, tmp_path: Path, first: bool
) -> None:
    calendar = load_calendar(BUNDLED).calendar
    target = Target(collection, ADMIN)
    event = calendar.events[0]
    name = f"{event.id}@{calendar.id}.ics"
    if not first:
        publish(calendar, [event], target, create=True)
        calendar = load_calendar(retitled(tmp_path, f'title = "{event.title}"', 'title = "X"'))
        calendar = calendar.calendar
    else:
        publish(calendar, [], target, create=True)
    theirs = THEIRS.replace(b"press-briefing@elsewhere", f"{event.id}@{calendar.id}".encode())
    with pytest.raises(SharingError, match=r"changed on the server meanwhile \(412"):
        publish(calendar, [calendar.events[0]], target, transport=Intruder(theirs))
    assert str(vevent(held(collection)[name][1])["SUMMARY"]) == "Press briefing"
    outcome = publish(calendar, [calendar.events[0]], target)
    assert (outcome.writes, [c.name for c in outcome.conflicts]) == ([], [name])


def test_a_collection_that_is_not_a_calendar_is_refused(radicale_server: Radicale) -> None:
    url = radicale_server.url + "admin/"
    run("publish", str(BUNDLED), radicale_server.collection("made-first"), "--create")
    code, out, err = run("publish", str(BUNDLED), url)
    assert (code, out, err) == (
        1,
        "",
        f"diplocal: error: {url}: not a CalDAV calendar collection\n",
    )


def test_hostile_text_from_the_server_is_shown_literally(collection: str) -> None:
    assert run("publish", str(BUNDLED), collection, "--create")[0] == 0
    name = "official-welcome@putin-tajikistan-2025.ics"
    _, theirs = held(collection)[name]
    vevent(theirs)["SUMMARY"] = "\x1b[31mred\u202e [@click=app.quit]"
    put(collection + name, theirs.to_ical())
    code, _, err = run("publish", str(BUNDLED), collection)
    assert code == 1
    assert 'red\\u202e [@click=app.quit]" on the server' in err  # the ESC: dropped or escaped
    assert "\x1b" not in err and "\u202e" not in err


@pytest.mark.slow
def test_the_installed_command_explains_publish() -> None:
    command = Path(sys.executable).with_name("diplocal")
    done = subprocess.run(
        [str(command), "publish", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "$DIPLOCAL_CALDAV_PASSWORD" in done.stdout and "--password-command" in done.stdout
