"""What the TUI keeps about publishing: the URL per calendar file (0600, never a password)
and when a round last ended well, read back from the publishing state; and its words."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

from tui.core.sharing.dav import public_url
from tui.core.sharing.plan import Action, Conflict, Write
from tui.core.sharing.publish import Outcome
from tui.core.sharing.remembered import last_published, remember_url, remembered_url
from tui.core.sharing.report import change_lines, plan_summary, result_line
from tui.core.sharing.state import PublishedState, save_state, state_path

URL = "https://alice@cal.example/dav/alice/visit/"


def test_the_url_is_remembered_per_calendar_file_privately(tmp_path: Path) -> None:
    one, other = tmp_path / "a.toml", tmp_path / "b.toml"
    assert remembered_url("visit", one, tmp_path) == ""
    remember_url("visit", one, URL, tmp_path)
    assert remembered_url("visit", one, tmp_path) == URL
    assert remembered_url("visit", other, tmp_path) == ""  # another file, same id
    kept = next((tmp_path / "caldav" / "targets").iterdir())
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert b"secret" not in kept.read_bytes()


def test_a_foreign_or_broken_file_remembers_nothing(tmp_path: Path) -> None:
    remember_url("visit", None, URL, tmp_path)
    kept = next((tmp_path / "caldav" / "targets").iterdir())
    for text in (b"{not json", b'["a list"]', b'{"url": 3}'):
        kept.write_bytes(text)
        assert remembered_url("visit", None, tmp_path) == ""


def test_when_it_was_last_published_comes_from_the_state(tmp_path: Path) -> None:
    assert last_published("visit", URL, tmp_path) is None
    public = public_url(URL)
    path = state_path(public, "visit", tmp_path)
    save_state(path, PublishedState(public, "visit"))  # a round stopped half way: no time
    assert last_published("visit", URL, tmp_path) is None
    save_state(path, PublishedState(public, "visit", published_at="2025-10-09T07:00:00+00:00"))
    assert last_published("visit", URL, tmp_path) == datetime(2025, 10, 9, 7, tzinfo=UTC)
    assert last_published("other", URL, tmp_path) is None
    path.write_text("{broken")
    assert last_published("visit", URL, tmp_path) is None


def test_the_words_of_a_round() -> None:
    new = Write(Action.CREATE, "a.ics", "Talks [bold]in[/] Dushanbe\nday 2", None)
    gone = Write(Action.DELETE, "b.ics", "b@x", '"1"')
    clash = Conflict("c.ics", "Dinner", "changed on the server by someone else", ("SUMMARY: …",))
    outcome = Outcome("https://cal.example/v/", [new, gone], [clash], unchanged=4, requests=2)
    assert change_lines(outcome) == [
        "+ new: Talks [bold]in[/] Dushanbe day 2",  # one line, the text as it is
        "- delete: b@x",
        "! left as it is: Dinner: changed on the server by someone else",
        "    SUMMARY: …",
    ]
    assert plan_summary(outcome) == (
        "2 to send (1 new, 0 changed, 1 to delete), 4 already there as here, "
        "1 event changed by someone else left alone."
    )
    outcome.sent, outcome.stopped = 1, True
    assert result_line(outcome).startswith("Stopped: 1 of 2 sent to https://cal.example/v/")
    outcome.stopped = False
    assert result_line(outcome).startswith(
        "Published to https://cal.example/v/: 1 created, 1 deleted (2 requests); 1 event"
    )
    assert plan_summary(Outcome("u", unchanged=3)) == (
        "Nothing to send: the collection is in step with the calendar, 3 already there as here."
    )
