"""`publish --watch` (keep_published): a saved edit reaches the server; failures are retried."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.core.sharing.reading import held, vevent
from tests.core.sharing.servers import USERS, Radicale
from tui.core.errors import CalendarError
from tui.core.loading.load import Loaded, bundled_calendar
from tui.core.sharing.dav import Auth, SharingError, Target
from tui.core.sharing.publish import publish
from tui.core.sharing.watching import keep_published

NAME = "official-welcome@putin-tajikistan-2025.ics"
PATIENCE_S = 120.0  # a bound on the wait for a condition, never a timing assertion


def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + PATIENCE_S
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        time.sleep(0.05)


def title_there(url: str) -> str:
    found = held(url).get(NAME)
    return str(vevent(found[1])["SUMMARY"]) if found else ""


def test_a_saved_edit_is_published_and_a_failed_round_is_retried(
    radicale_server: Radicale, collection: str, tmp_path: Path
) -> None:
    path = tmp_path / "visit.toml"
    path.write_bytes(bundled_calendar().read_bytes())
    target = Target(collection, Auth("admin", USERS["admin"]))
    failures: list[str] = []
    invalid: list[CalendarError] = []
    rounds = {"n": 0}

    def one_round(loaded: Loaded) -> None:
        rounds["n"] += 1
        if rounds["n"] == 2:  # the round after the first edit fails once
            raise SharingError("server away")
        publish(loaded.calendar, list(loaded.calendar.events), target, create=True)

    stop = threading.Event()
    thread = threading.Thread(
        target=keep_published,
        args=(path, one_round, stop, failures.append, invalid.append),
        kwargs={"first_wait": 0.1},
    )
    thread.start()
    try:
        wait_for(lambda: title_there(collection) == "Official welcome ceremony")
        path.write_text(path.read_text().replace("Official welcome ceremony", "Welcome, moved"))
        wait_for(lambda: title_there(collection) == "Welcome, moved")
        assert failures == ["server away; trying again in 0.1 s"]
        path.write_text("[calendar\n")  # a broken save: reported, the server keeps the last
        wait_for(lambda: bool(invalid))
        assert title_there(collection) == "Welcome, moved"
    finally:
        stop.set()
        thread.join()
    assert not thread.is_alive()


@pytest.mark.slow
def test_the_watch_command_publishes_a_save_and_ctrl_c_ends_it(
    collection: str, tmp_path: Path
) -> None:
    path = tmp_path / "visit.toml"
    path.write_bytes(bundled_calendar().read_bytes())
    command = [str(Path(sys.executable).with_name("diplocal")), "publish", str(path)]
    watcher = subprocess.Popen(
        [*command, collection, "--create", "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: title_there(collection) == "Official welcome ceremony")
        path.write_text(path.read_text().replace("Official welcome ceremony", "Welcome, moved"))
        wait_for(lambda: title_there(collection) == "Welcome, moved")
    finally:
        watcher.send_signal(signal.SIGINT)
        out, err = watcher.communicate(timeout=PATIENCE_S)
    assert watcher.returncode == 130, err  # Ctrl-C: 128 + SIGINT, as the other commands
    assert "Traceback" not in err
    assert f"updated {NAME}: Welcome, moved" in out
