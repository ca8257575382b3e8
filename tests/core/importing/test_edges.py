"""Edges of import: ids that collide, a calendar written inline, a file changed meanwhile,
an event with no start, an invalid calendar to import into."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.conftest import BASE
from tui.cli import main
from tui.core.importing.session import Options, Prepared, prepare_import, write_prepared
from tui.core.loading.load import load_calendar


def ics(*events: str) -> bytes:
    body = "".join(
        f"BEGIN:VEVENT\r\n{e.strip().replace(chr(10), chr(13) + chr(10))}\r\nEND:VEVENT\r\n"
        for e in events
    )
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
    return (head + body + "END:VCALENDAR\r\n").encode()


SUMMIT_A = "UID:summit@a.example\nDTSTAMP:20251001T000000Z\nSUMMARY:A\nDTSTART;VALUE=DATE:20251009"
SUMMIT_B = "UID:summit@b.example\nDTSTAMP:20251001T000000Z\nSUMMARY:B\nDTSTART;VALUE=DATE:20251010"


def prepared(path: Path, data: bytes) -> Prepared:
    return prepare_import(path, [("in.ics", data)], Options(zone="Asia/Dushanbe"))


def write(done: Prepared) -> None:
    outcome = write_prepared(done)
    assert outcome.result == "saved", outcome.message


def test_two_uids_with_one_readable_id_stay_two_events(tmp_path: Path) -> None:
    path = tmp_path / "cal.toml"
    write(prepared(path, ics(SUMMIT_A, SUMMIT_B)))
    events = {e.id: e.title for e in load_calendar(path).calendar.events}
    assert len(events) == 2
    assert events["summit"] == "A"
    (other,) = [i for i in events if i != "summit"]
    assert other.startswith("summit-")
    again = prepared(path, ics(SUMMIT_B, SUMMIT_A))  # and each finds itself again
    assert (again.writes, again.changes) == (False, [])


def test_a_calendar_written_inline_gets_inline_events(tmp_path: Path) -> None:
    path = tmp_path / "cal.toml"
    path.write_text(
        'events = [\n  { id = "x", title = "X", start = 2025-10-08 },\n]\n\n'
        '[calendar]\ntitle = "T"\ntimezone = "UTC"\n'
    )
    write(prepared(path, ics(SUMMIT_A)))
    assert [e.id for e in load_calendar(path).calendar.events] == ["x", "summit"]
    assert "[[events]]" not in path.read_text()


def test_a_change_made_meanwhile_elsewhere_is_kept(tmp_path: Path) -> None:
    """The owner's rule: the import is made again on the newer file, the note stays."""
    path = tmp_path / "cal.toml"
    path.write_text(BASE)
    done = prepared(path, ics(SUMMIT_A))
    path.write_text(BASE + "\n# someone's note\n")
    write(done)
    text = path.read_text()
    assert "# someone's note\n" in text
    events = load_calendar(path).calendar.events
    assert sorted((e.id, e.title) for e in events) == [("summit", "A"), ("talks", "Talks")]


def test_a_change_meanwhile_to_an_event_the_import_touches_is_not_overwritten(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cal.toml"
    path.write_text(BASE)
    done = prepared(path, ics(SUMMIT_A))
    theirs = BASE.replace('title = "Summit"', 'title = "Theirs"')
    path.write_text(theirs)
    outcome = write_prepared(done)
    assert outcome.result == "conflict"
    assert outcome.conflict is not None
    assert outcome.conflict.summary == 'event "summit" changed on disk since it was read'
    assert path.read_text() == theirs


def test_an_import_over_a_file_broken_meanwhile_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cal.toml"
    path.write_text(BASE)
    done = prepared(path, ics(SUMMIT_A))
    broken = BASE.replace('title = "Talks"', 'title = "Talks')
    path.write_text(broken)
    outcome = write_prepared(done)
    assert outcome.result == "broken"
    assert "has errors" in outcome.message
    assert path.read_text() == broken


def test_an_event_without_start_is_listed(tmp_path: Path) -> None:
    done = prepared(tmp_path / "c.toml", ics("UID:nostart@x\nSUMMARY:No start", SUMMIT_A))
    assert [s.reason for s in done.plan.skipped] == ["it has no DTSTART"]
    assert [e.id for e in done.calendar.events] == ["summit"]


def test_an_invalid_calendar_is_not_imported_into(tmp_path: Path) -> None:
    path = tmp_path / "cal.toml"
    path.write_text(BASE.replace('title = "Talks"', 'title = "Talks'))
    source = tmp_path / "in.ics"
    source.write_bytes(ics(SUMMIT_A))
    out, err = io.StringIO(), io.StringIO()
    assert main(["import", str(source), "--into", str(path)], stdout=out, stderr=err) == 1
    assert err.getvalue().startswith(f"{path}:")
    assert "Traceback" not in err.getvalue()
    assert 'title = "Talks\n' in path.read_text()


def test_ids_no_one_defines_are_left_out_once_and_a_second_import_changes_nothing(
    tmp_path: Path,
) -> None:
    """Our own export without the calendar's X-DIPLOCAL-PARTICIPANT/COUNTRY definitions
    (a resource put on a server alone): the ids it names cannot be written, so the second
    import must not call the same events "updated" again, nor take away what is there."""
    from tui.core.export.ical import to_icalendar
    from tui.core.importing.session import Options, prepare_import, write_prepared
    from tui.core.loading.load import bundled_calendar, load_calendar

    data = to_icalendar(load_calendar(bundled_calendar()).calendar)
    bare = b"".join(
        line
        for line in data.splitlines(keepends=True)
        if not line.startswith((b"X-DIPLOCAL-PARTICIPANT:", b"X-DIPLOCAL-COUNTRY:", b" "))
        or (line.startswith(b" ") and False)
    )
    # Continuation lines of the dropped definitions go with them; the rest are unfolded first.
    unfolded = data.replace(b"\r\n ", b"")
    bare = b"".join(
        line
        for line in unfolded.splitlines(keepends=True)
        if not line.startswith((b"X-DIPLOCAL-PARTICIPANT:", b"X-DIPLOCAL-COUNTRY:"))
    )
    target = tmp_path / "cal.toml"

    def once() -> tuple[bool, int]:
        prepared = prepare_import(target, [("bare.ics", bare)], Options())
        if prepared.writes:
            assert write_prepared(prepared).result == "saved"
        return prepared.writes, len(prepared.changes)

    assert once()[0]
    before = target.read_bytes()
    assert once() == (False, 0)
    assert target.read_bytes() == before


@pytest.mark.parametrize(
    ("added", "updated", "said"),
    [(2, 0, "2 new events"), (0, 1, "1 updated event"), (2, 1, "2 new and 1 updated events")],
)
def test_an_imports_notice_counts_as_its_preview_did(added: int, updated: int, said: str) -> None:
    """Found by a new user: the preview said '1 to update', the notice 'imported 1 event'."""
    from tui.core.importing.write import _counted

    assert _counted(added, updated) == said
