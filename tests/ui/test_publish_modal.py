"""The palette's "Publish to CalDAV…" against a real Radicale on 127.0.0.1: the changes shown
before anything is sent, then sent in a worker that escape stops after the current request;
failures are one line in the dialog, never a crash."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.core.sharing.reading import held, vevent
from tests.core.sharing.servers import USERS, Radicale, free_port, radicale
from tests.ui.conftest import NOW, VIEWER_ZONE
from tests.ui.helpers import pushed, showing, until
from tui.core.export.ical import uid
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.sharing.dav import public_url
from tui.core.sharing.state import load_state, state_path
from tui.core.zones import get_zone
from tui.ui.app import DiplocalApp
from tui.ui.dialogs.publish_modal import PublishModal
from tui.ui.main.main_screen import MainScreen
from tui.ui.main.publishing import PUBLISH_OFF

SIZE = (120, 36)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    with radicale(tmp_path_factory.mktemp("radicale")) as started:
        yield started


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own XDG_STATE_HOME, a ~/.netrc-less HOME and admin's credentials."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DIPLOCAL_CALDAV_USERNAME", "admin")
    monkeypatch.setenv("DIPLOCAL_CALDAV_PASSWORD", USERS["admin"])
    return tmp_path / "state"


def app_on(tmp_path: Path, *, read_only: bool = False) -> DiplocalApp:
    path = tmp_path / "events.toml"
    shutil.copy(bundled_calendar(), path)
    calendar = load_calendar(path).calendar
    zone = get_zone(VIEWER_ZONE)
    app = DiplocalApp(calendar, zone, lambda: NOW, path=path, read_only=read_only)
    said: list[str] = []
    notify = app.notify

    def kept(message: str, *args: Any, **kwargs: Any) -> None:
        said.append(message)  # all of them, not only those whose toast is still up
        notify(message, *args, **kwargs)

    app.notify = kept  # type: ignore[method-assign]
    app.said = said  # type: ignore[attr-defined]
    return app


async def open_dialog(pilot: Pilot[None], app: DiplocalApp) -> PublishModal:
    await pilot.press("ctrl+p", *"Publish to CalDAV", "enter")
    return await pushed(app, PublishModal)


async def preview(pilot: Pilot[None], modal: PublishModal, url: str | None) -> str:
    """Enter the URL (None: the one offered) and wait for the changes or an error."""
    if url is not None:
        modal.query_one("#publish-url", Input).value = url
    await pilot.press("enter")
    message = modal.query_one("#publish-message")
    # Answered: the changes, or an error. Not "no worker running": that holds before the
    # key is handled too, and the dialog's first words would be read as its answer.
    await until(
        lambda: (
            modal.running is None and (modal.prepared is not None or message.has_class("-error"))
        )
    )
    return str(message.render())


def notices(app: DiplocalApp) -> list[str]:
    said: list[str] = app.said  # type: ignore[attr-defined]
    return said


def recorded(app: DiplocalApp, url: str) -> dict[str, object]:
    calendar_id = app.living.calendar.id if app.living else ""
    public = public_url(url)
    state = load_state(state_path(public, calendar_id), public, calendar_id)
    return {"names": set(state.resources), "published_at": state.published_at}


async def test_publish_shows_the_changes_first_then_sends_them(
    tmp_path: Path, server: Radicale
) -> None:
    url = server.collection("palette")
    app = app_on(tmp_path)
    calendar = app.living.calendar if app.living else None
    assert calendar is not None
    async with app.run_test(size=SIZE) as pilot:
        modal = await open_dialog(pilot, app)
        said = await preview(pilot, modal, url)
        assert said.startswith("The collection to make, then 17 to send (17 new, 0 changed)")
        changes = str(modal.query_one("#publish-changes").render())
        assert f"+ new: {calendar.events[0].title}" in changes
        assert held(url) == {}  # the preview sent nothing: not even the collection
        await pilot.press("enter")
        await until(lambda: showing(app, MainScreen))
        assert any(f"Published to {url}: 17 created" in n for n in notices(app)), notices(app)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        # The header learns of it by a message after the dialog has closed.
        await until(
            lambda: (
                bool(screen.screenful)
                and screen.screenful.header.published.startswith("published ")
            )  # type: ignore[union-attr]
        )

    # Read back by an independent client: every event, at its instant.
    there = {str(vevent(c)["UID"]): vevent(c) for _, c in held(url).values()}
    assert len(there) == 17
    for event in calendar.events:
        sent = there[uid(calendar, event)]
        assert str(sent["SUMMARY"]) == event.title
        if isinstance(event.start, datetime):
            assert sent["DTSTART"].dt == event.start  # aware datetimes compare as instants

    # The second time: the remembered URL is offered, and there is nothing to send.
    app = app_on(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        modal = await open_dialog(pilot, app)
        assert modal.query_one("#publish-url", Input).value == url
        said = await preview(pilot, modal, None)
        assert said.startswith("Nothing to send: the collection is in step")
        assert modal.prepared is not None and modal.prepared.outcome.requests == 1
        etags = {name: etag for name, (etag, _) in held(url).items()}
        await pilot.press("enter")
        await until(lambda: showing(app, MainScreen))
        assert any(f"Nothing to send: {url} is in step (1 request)" in n for n in notices(app))
    assert {name: etag for name, (etag, _) in held(url).items()} == etags  # nothing written


async def test_escape_stops_after_the_current_request(
    tmp_path: Path, server: Radicale, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = server.collection("stopped")
    gate = threading.Event()
    wrote = PublishModal.wrote

    def held_after_two(modal: PublishModal, write: object, total: int) -> None:
        wrote(modal, write, total)  # type: ignore[arg-type]
        if modal.sent == 2:
            gate.wait(30)  # the third request waits until escape is pressed

    monkeypatch.setattr(PublishModal, "wrote", held_after_two)
    app = app_on(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        modal = await open_dialog(pilot, app)
        await preview(pilot, modal, url)
        await pilot.press("enter")
        await until(lambda: modal.sent == 2)
        message = modal.query_one("#publish-message")
        await until(lambda: str(message.render()).startswith("2 of 17 sent"))
        await pilot.press("escape")
        await until(lambda: "Stopping after the current request" in str(message.render()))
        gate.set()
        await until(lambda: showing(app, MainScreen))
        assert any(f"Stopped: 2 of 17 sent to {url}" in n for n in notices(app))
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.screenful and screen.screenful.header.published == ""
        names = {name for name in held(url)}
        assert len(names) == 2
        assert recorded(app, url) == {"names": names, "published_at": ""}
        # Publishing again offers the rest, and only the rest.
        modal = await open_dialog(pilot, app)
        said = await preview(pilot, modal, None)
        assert said.startswith("15 to send (15 new, 0 changed)")


@pytest.mark.parametrize(
    ("password", "user", "words"),
    [
        ("wrong", "admin", "the server refused the user name or password (401)"),
        (None, None, "asks for a user name and password and none was found: set"),
    ],
)
async def test_a_refusal_is_one_line_in_the_dialog(
    tmp_path: Path,
    server: Radicale,
    monkeypatch: pytest.MonkeyPatch,
    password: str | None,
    user: str | None,
    words: str,
) -> None:
    for name, value in (("PASSWORD", password), ("USERNAME", user)):
        if value is None:
            monkeypatch.delenv(f"DIPLOCAL_CALDAV_{name}")
        else:
            monkeypatch.setenv(f"DIPLOCAL_CALDAV_{name}", value)
    url = server.collection("refused")
    app = app_on(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        modal = await open_dialog(pilot, app)
        said = await preview(pilot, modal, url)
        assert words in said
        assert "\n" not in said
        assert modal.query_one("#publish-message").has_class("-error")
        assert isinstance(app.screen, PublishModal)  # still there: the URL can be mended
    assert held(url) == {}


async def test_a_refused_connection_is_one_line(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/admin/cal/"  # nothing listens there
    app = app_on(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        modal = await open_dialog(pilot, app)
        said = await preview(pilot, modal, url)
        assert said.startswith(f"127.0.0.1:{url.split(':')[2].split('/')[0]}: cannot connect")
        assert modal.query_one("#publish-message").has_class("-error")


async def test_read_only_refuses_publishing(tmp_path: Path) -> None:
    app = app_on(tmp_path, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Publish to CalDAV", "enter")
        await until(lambda: PUBLISH_OFF in notices(app))
        assert isinstance(app.screen, MainScreen)
