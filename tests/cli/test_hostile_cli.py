"""Hostile values and places met by `diff` and `new`: nothing raw reaches a terminal, nothing
is invented, nothing waits forever."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

from tests.conftest import BASE, WriteCalendar
from tui.cli import main

# What a terminal would obey or hide: C0 but newline, DEL, C1, bidi and invisible format.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b\u202a-\u202e\u2066-\u2069\ufeff]")
HOSTILE = "\x9b31m\u202eevil\u2066\u200bhidden"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def toml_string(value: str) -> str:
    return json.dumps(value)  # a JSON string with \\u escapes is a TOML basic string


def test_diff_json_escapes_c1_bidi_and_invisible(write_calendar: WriteCalendar) -> None:
    old = write_calendar()
    new_text = BASE.replace('title = "Talks"', f"title = {toml_string(HOSTILE)}")
    new = write_calendar(new_text, name=f"n{HOSTILE}.toml")
    code, out, _ = run("diff", str(old), str(new), "--format", "json")
    assert code == 1
    assert not RAW.search(out)
    document = json.loads(out)
    assert document["new"] == str(new)  # the escapes mean the same characters
    (change,) = [c for c in document["changes"] if c["id"] == "talks"]
    assert change["title"] == HOSTILE


def test_diff_text_shows_a_zero_width_space(write_calendar: WriteCalendar) -> None:
    old = write_calendar()
    new = write_calendar(BASE.replace('"Talks"', '"Tal\\u200bks"'), name="new.toml")
    code, out, _ = run("diff", str(old), str(new))
    assert code == 1
    assert not RAW.search(out)
    assert "Tal<U+200B>ks" in out


def test_agenda_and_ics_show_a_zero_width_space(write_calendar: WriteCalendar) -> None:
    path = write_calendar(BASE.replace('"Talks"', '"Tal\\u200bks"'))
    for argv in (["agenda", "--tz", "UTC"], ["export"]):
        code, out, err = run(*argv, str(path))
        assert code == 0, err
        assert "\u200b" not in out
        assert "Tal<U+200B>ks" in out


def test_diff_invents_no_end_for_an_event_without_one(write_calendar: WriteCalendar) -> None:
    no_end = BASE.replace("end = 2025-10-09T13:00:00\n", "")
    old = write_calendar(no_end)
    new = write_calendar(no_end.replace("T11:00:00", "T12:10:00"), name="new.toml")
    code, out, _ = run("diff", str(old), str(new))
    assert code == 1
    assert out == (
        'moved talks "Talks": start 2025-10-09 11:00 Asia/Dushanbe'
        " → 2025-10-09 12:10 Asia/Dushanbe\n"
    )
    code, out, _ = run("diff", str(old), str(new), "--format", "json")
    (change,) = json.loads(out)["changes"]
    assert [f["field"] for f in change["fields"]] == ["start"]
    # An end given where there was none: the old end is null, not the old start.
    with_end = write_calendar(BASE, name="with_end.toml")
    code, out, _ = run("diff", str(old), str(with_end), "--format", "json")
    (change,) = json.loads(out)["changes"]
    ends = [f for f in change["fields"] if f["field"] == "end"]
    assert ends[0]["old"] is None
    assert ends[0]["new"] == "2025-10-09T13:00:00+05:00[Asia/Dushanbe]"


def test_new_over_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "visit.toml"
    os.mkfifo(fifo)  # nobody writes it: reading it plainly would wait forever
    code, out, err = run("new", str(fifo), "--title", "Visit", "--timezone", "UTC")
    assert (code, out) == (1, "")
    assert err == f"{fifo}: error: cannot write: not a regular file (a FIFO)\n"


def test_new_quotes_a_hostile_file_name_as_escapes(tmp_path: Path) -> None:
    name = "\x1b]0;PWNED\x07\u202e.toml"
    (tmp_path / name).write_text("taken", encoding="utf-8")
    code, _, err = run("new", str(tmp_path / name), "--title", "V", "--timezone", "UTC")
    assert code == 1
    assert "\\x1b]0;PWNED\\x07\\u202e.toml: error: already exists" in err
    assert not RAW.search(err)
