"""The calendar file's one owner: each intent, its message, its conflicts and its history."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import BASE
from tests.core.editing.edit_helpers import only_inside
from tui.core.editing.document import CalendarDocument, Outcome, Result
from tui.core.editing.save import ConflictError
from tui.core.editing.toml_edit import event_text, update_event
from tui.core.loading.load import bundled_calendar, load_bytes
from tui.core.model import Event

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
BUNDLED = bundled_calendar().read_text(encoding="utf-8")
BROKEN = "[calendar\ntitle = 'oops'\n"


def opened(tmp_path: Path, text: str = BASE) -> CalendarDocument:
    path = tmp_path / "cal.toml"
    path.write_text(text, encoding="utf-8")
    return CalendarDocument.open(path, clock=lambda: NOW)


def on_disk(document: CalendarDocument) -> str:
    return document.path.read_text(encoding="utf-8")


def event(document: CalendarDocument, event_id: str) -> Event:
    return next(e for e in document.calendar.events if e.id == event_id)


# --- each intent --------------------------------------------------------------------------


def test_update_changes_only_that_event_and_stamps_it(tmp_path: Path) -> None:
    document = opened(tmp_path, BUNDLED)
    outcome = document.update("putin-rahmon-dinner", {"title": "Dinner"})
    assert outcome.result is Result.SAVED
    assert outcome.message == (
        "Saved: retitled 'Putin and Rahmon: informal meeting and dinner' → 'Dinner'"
    )
    assert outcome.changed == (("events", "putin-rahmon-dinner"),)
    assert only_inside(BUNDLED, on_disk(document), "putin-rahmon-dinner")
    shown = event(document, "putin-rahmon-dinner")
    assert shown.title == "Dinner"
    assert shown.updated == NOW
    assert "updated = 2026-12-01T09:30:00Z" in on_disk(document)
    assert outcome.loaded is document.loaded


def test_add_appends_a_stamped_event_with_an_id_from_its_title(tmp_path: Path) -> None:
    document = opened(tmp_path)
    outcome = document.add({"title": "Press & talks", "start": datetime(2025, 10, 9, 18)})
    assert outcome.message == "Saved: added 'Press & talks'"
    text = on_disk(document)
    assert text.startswith(BASE.rstrip("\n"))  # everything before it, byte for byte
    added = event(document, "press-talks")
    assert added.updated == NOW


def test_cancel_keeps_the_event_and_delete_removes_it(tmp_path: Path) -> None:
    document = opened(tmp_path)
    assert document.cancel("talks").message == "Saved: cancelled 'Talks'"
    assert event(document, "talks").status.value == "cancelled"
    assert document.delete("talks").message == "Saved: deleted 'Talks'"
    assert "talks" not in {e.id for e in document.calendar.events}
    assert 'id = "talks"' not in on_disk(document)


def test_an_edit_that_would_not_load_is_refused_and_nothing_written(tmp_path: Path) -> None:
    document = opened(tmp_path)
    outcome = document.update("talks", {"end": datetime(2025, 10, 9, 10)})
    assert outcome.result is Result.REFUSED
    assert '"end"' in outcome.message and "before" in outcome.message
    assert on_disk(document) == BASE
    assert document.undo_description is None


def test_an_unknown_event_is_refused_not_raised(tmp_path: Path) -> None:
    outcome = opened(tmp_path).update("nope", {"title": "X"})
    assert outcome.result is Result.REFUSED
    assert outcome.message == 'Not saved: no event with id "nope"'


def test_an_edit_that_changes_nothing_writes_nothing(tmp_path: Path) -> None:
    document = opened(tmp_path)
    document.update("talks", {"title": "T2"})
    before = document.path.stat().st_mtime_ns, on_disk(document)
    outcome = document.apply([])
    assert outcome.result is Result.UNCHANGED
    assert (document.path.stat().st_mtime_ns, on_disk(document)) == before


# --- undo and redo ------------------------------------------------------------------------


def test_undo_and_redo_say_what_they_did_and_give_back_the_bytes(tmp_path: Path) -> None:
    document = opened(tmp_path)
    document.update("talks", {"title": "Big talks"})
    after = on_disk(document)
    undone = document.undo()
    assert undone.message == "Undid: retitled 'Talks' → 'Big talks'"
    assert on_disk(document) == BASE
    assert event(document, "talks").title == "Talks"
    redone = document.redo()
    assert redone.message == "Redid: retitled 'Talks' → 'Big talks'"
    assert on_disk(document) == after
    assert document.redo().message == "Nothing to redo."


def test_add_retitle_cancel_delete_all_undone_in_order(tmp_path: Path) -> None:
    document = opened(tmp_path)
    document.add({"id": "new", "title": "New", "start": datetime(2025, 10, 9, 18)})
    document.update("new", {"title": "Newer"})
    document.cancel("new")
    document.delete("new")
    messages = [document.undo().message for _ in range(5)]
    assert messages == [
        "Undid: deleted 'Newer'",
        "Undid: cancelled 'Newer'",
        "Undid: retitled 'New' → 'Newer'",
        "Undid: added 'New'",
        "Nothing to undo.",
    ]
    assert on_disk(document) == BASE


def test_a_new_edit_empties_the_redo_stack(tmp_path: Path) -> None:
    document = opened(tmp_path)
    document.update("talks", {"title": "A"})
    document.undo()
    document.update("talks", {"title": "B"})
    assert document.redo_description is None
    assert document.redo().result is Result.REFUSED


def test_history_survives_a_reload_and_keeps_their_other_changes(tmp_path: Path) -> None:
    document = opened(tmp_path)
    document.update("talks", {"title": "Mine"})
    theirs = update_event(on_disk(document), "summit", {"title": "Their summit"})
    document.path.write_text(theirs, encoding="utf-8")
    assert document.reload().result is Result.RELOADED
    assert document.undo().message == "Undid: retitled 'Talks' → 'Mine'"
    assert on_disk(document) == update_event(BASE, "summit", {"title": "Their summit"})


def test_undo_refuses_when_the_event_changed_on_disk(tmp_path: Path) -> None:
    document = opened(tmp_path)
    document.update("talks", {"title": "Mine"})
    theirs = update_event(on_disk(document), "talks", {"title": "Theirs"})
    document.path.write_text(theirs, encoding="utf-8")
    outcome = document.undo()
    assert outcome.result is Result.REFUSED
    assert "changed since that edit" in outcome.message
    assert on_disk(document) == theirs


def test_a_batch_is_one_step(tmp_path: Path) -> None:
    document = opened(tmp_path)
    tables = [
        {"id": "talks", "title": "Talks (imported)", "start": datetime(2025, 10, 9, 11)},
        {"id": "fresh", "title": "Fresh", "start": datetime(2025, 10, 10, 9)},
    ]
    outcome = document.apply(tables, what="imported")
    assert outcome.message == "Saved: imported 2 events"
    talks = event(document, "talks")
    assert talks.participants == ()  # replaced by exactly its keys
    assert document.undo().message == "Undid: imported 2 events"
    assert on_disk(document) == BASE


def test_a_batch_is_undone_event_by_event_after_a_change_on_disk(tmp_path: Path) -> None:
    """The file changed elsewhere since the batch: each of its events is put back alone
    (their texts recorded in one look at the file, not one per event)."""
    document = opened(tmp_path)
    tables = [
        {"id": "talks", "title": "Talks (imported)", "start": datetime(2025, 10, 9, 11)},
        {"id": "fresh", "title": "Fresh", "start": datetime(2025, 10, 10, 9)},
    ]
    assert document.apply(tables, what="imported").result is Result.SAVED
    document.path.write_text(on_disk(document) + "# a colleague's note\n", encoding="utf-8")
    assert document.undo().message == "Undid: imported 2 events"
    assert on_disk(document) == BASE + "# a colleague's note\n"


def test_a_batch_with_two_tables_of_one_id_is_refused(tmp_path: Path) -> None:
    outcome = opened(tmp_path).apply([{"id": "a", "title": "A"}, {"id": "a", "title": "B"}])
    assert outcome.result is Result.REFUSED


# --- participants and countries -----------------------------------------------------------


def test_a_participant_is_added_after_the_others_and_can_be_undone(tmp_path: Path) -> None:
    document = opened(tmp_path, BUNDLED)
    values = {"name": "Aide [bold]", "title": "Aide", "country": "TJ"}
    outcome = document.set_participant("aide", values)
    assert outcome.message == "Saved: added participant 'Aide [bold]'"
    assert document.calendar.participants["aide"].name == "Aide [bold]"
    text = on_disk(document)
    assert text.replace('[participants.aide]\nname = "Aide [bold]"\n', "", 1).count("aide") == 1
    assert document.undo().result is Result.SAVED
    assert on_disk(document) == BUNDLED


def test_a_country_edit_keeps_comments_and_changes_only_its_table(tmp_path: Path) -> None:
    text = BASE.replace("[countries.TJ]\n", "# our host\n[countries.TJ] # inline\n")
    document = opened(tmp_path, text)
    outcome = document.set_country("TJ", {"capital": "Dushanbe city", "blocs": ["CSTO"]})
    assert outcome.message == "Saved: edited country 'Tajikistan' (blocs, capital)"
    after = on_disk(document)
    assert "# our host\n[countries.TJ] # inline\n" in after
    assert (
        after.replace('capital = "Dushanbe city"\n', 'capital = "Dushanbe"\n').replace(
            'blocs = ["CSTO"]\n', ""
        )
        == text
    )
    assert document.calendar.countries["TJ"].blocs == ("CSTO",)


def test_a_table_edit_is_undone_alone_after_their_change_elsewhere(tmp_path: Path) -> None:
    document = opened(tmp_path)
    document.set_country("RU", {"capital": "Moskva"})
    document.set_participant("aide", {"name": "Aide", "country": "RU"})
    theirs = update_event(on_disk(document), "summit", {"title": "Their summit"})
    document.path.write_text(theirs, encoding="utf-8")
    assert document.undo().message == "Undid: added participant 'Aide'"
    assert document.undo().message == "Undid: edited country 'Russia' (capital)"
    assert on_disk(document) == update_event(BASE, "summit", {"title": "Their summit"})


def test_a_table_changed_on_disk_is_not_undone(tmp_path: Path) -> None:
    document = opened(tmp_path)
    document.set_country("RU", {"capital": "Moskva"})
    theirs = on_disk(document).replace('capital = "Moskva"', 'capital = "Moscow (RU)"')
    document.path.write_text(theirs, encoding="utf-8")
    outcome = document.undo()
    assert outcome.result is Result.REFUSED
    assert "[countries.RU] changed since that edit" in outcome.message
    assert on_disk(document) == theirs


def test_a_participant_of_an_unknown_country_is_refused(tmp_path: Path) -> None:
    outcome = opened(tmp_path).set_participant("x", {"name": "X", "country": "ZZ"})
    assert outcome.result is Result.REFUSED and "ZZ" in outcome.message


# --- the file changed on disk -------------------------------------------------------------


def test_an_edit_is_made_again_on_their_text_when_its_event_did_not_change(tmp_path: Path) -> None:
    document = opened(tmp_path)
    theirs = update_event(BASE, "summit", {"title": "Their summit"})
    document.path.write_text(theirs, encoding="utf-8")
    outcome = document.update("talks", {"title": "Mine"})
    assert outcome.result is Result.SAVED
    assert on_disk(document) == update_event(theirs, "talks", {"title": "Mine", "updated": NOW})


def test_an_edit_is_made_again_when_only_the_layout_of_its_event_changed(tmp_path: Path) -> None:
    """A comment of theirs inside the event is no conflict: the values read the same."""
    document = opened(tmp_path)
    theirs = BASE.replace('kind = "bilateral"', 'kind = "bilateral"  # a comment of theirs')
    assert theirs != BASE
    document.path.write_text(theirs, encoding="utf-8")
    outcome = document.update("talks", {"title": "Mine"})
    assert outcome.result is Result.SAVED
    assert "# a comment of theirs" in on_disk(document) and 'title = "Mine"' in on_disk(document)


def test_a_conflict_carries_exactly_what_each_choice_writes(tmp_path: Path) -> None:
    document = opened(tmp_path)
    theirs = update_event(BASE, "talks", {"start": datetime(2025, 10, 9, 12)})
    document.path.write_text(theirs, encoding="utf-8")
    outcome = document.update("talks", {"title": "Mine"})
    assert outcome.result is Result.CONFLICT and outcome.conflict is not None
    conflict = outcome.conflict
    assert on_disk(document) == theirs  # nothing written yet
    assert conflict.theirs == theirs
    # "Yours" shows what will be written: their start, my title (not my stale start).
    assert conflict.my_tables[0] is not None
    assert "start = 2025-10-09T12:00:00" in conflict.my_tables[0]
    assert 'title = "Mine"' in conflict.my_tables[0]
    assert conflict.their_tables == (event_text(theirs, "talks"),)
    resolved = document.resolve(conflict, "mine")
    assert resolved.result is Result.SAVED
    assert on_disk(document) == conflict.mine


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"title": "Mine"}, "retitled 'Theirs' → 'Mine'"),
        ({"kind": "summit"}, "edited 'Theirs' (kind)"),
        (None, "deleted 'Theirs'"),
    ],
)
def test_applying_mine_on_top_names_the_event_as_the_file_had_it(
    tmp_path: Path, change: dict[str, str] | None, said: str
) -> None:
    """The notice and the undo say what was on disk before mine, not what the app saw."""
    document = opened(tmp_path)
    theirs = update_event(BASE, "talks", {"title": "Theirs"})
    document.path.write_text(theirs, encoding="utf-8")
    edit = document.update("talks", change) if change else document.delete("talks")
    assert edit.conflict is not None
    outcome = document.resolve(edit.conflict, "mine")
    assert outcome.message == f"Saved: {said}"
    assert document.undo().message == f"Undid: {said}"
    assert on_disk(document) == theirs


def test_keeping_theirs_writes_nothing_and_shows_theirs(tmp_path: Path) -> None:
    document = opened(tmp_path)
    theirs = update_event(BASE, "talks", {"title": "Theirs"})
    document.path.write_text(theirs, encoding="utf-8")
    conflict = document.cancel("talks").conflict
    assert conflict is not None
    outcome = document.resolve(conflict, "theirs")
    assert outcome.result is Result.RELOADED
    assert on_disk(document) == theirs
    assert event(document, "talks").title == "Theirs"


def test_a_conflict_over_a_deleted_event_says_why_mine_cannot_apply(tmp_path: Path) -> None:
    from tui.core.editing.toml_edit import delete_event

    document = opened(tmp_path)
    document.path.write_text(delete_event(BASE, "talks"), encoding="utf-8")
    conflict = document.update("talks", {"title": "Mine"}).conflict
    assert conflict is not None and conflict.mine is None
    assert "talks" in conflict.why_not_mine
    assert document.resolve(conflict, "mine").result is Result.REFUSED


# --- a file on disk that does not load ----------------------------------------------------


@pytest.mark.parametrize(
    "intent",
    [
        lambda d: d.add({"title": "X", "start": datetime(2025, 10, 9, 18)}),
        lambda d: d.update("talks", {"title": "X"}),
        lambda d: d.cancel("talks"),
        lambda d: d.delete("talks"),
        lambda d: d.undo(),
        lambda d: d.redo(),
        lambda d: d.set_participant("x", {"name": "X", "country": "TJ"}),
        lambda d: d.reload(),
    ],
)
def test_a_broken_file_refuses_every_intent_with_a_way_out(tmp_path: Path, intent: object) -> None:
    document = opened(tmp_path)
    document.update("summit", {"title": "S"})
    document.update("talks", {"title": "T"})
    document.undo()  # something to undo and to redo
    document.path.write_text(BROKEN, encoding="utf-8")
    outcome: Outcome = intent(document)  # type: ignore[operator]
    assert outcome.result is Result.BROKEN
    assert "cal.toml on disk has errors" in outcome.message
    assert "w lists the errors" in outcome.message
    assert document.errors and document.errors[0].line == 1
    assert on_disk(document) == BROKEN  # never replaced without asking
    assert document.undo_description == "retitled 'Summit' → 'S'"
    assert document.redo_description == "retitled 'Talks' → 'T'"


def test_replace_broken_writes_the_last_good_version_with_the_change(tmp_path: Path) -> None:
    document = opened(tmp_path)
    document.path.write_text(BROKEN, encoding="utf-8")
    outcome = document.update("talks", {"title": "Fixed"}, replace_broken=True)
    assert outcome.result is Result.SAVED
    assert on_disk(document) == update_event(BASE, "talks", {"title": "Fixed", "updated": NOW})
    assert document.errors == ()


def test_a_missing_file_is_broken_and_replace_broken_writes_it_again(tmp_path: Path) -> None:
    document = opened(tmp_path)
    document.path.unlink()
    assert document.cancel("talks").result is Result.BROKEN
    assert document.cancel("talks", replace_broken=True).result is Result.SAVED
    assert load_bytes(document.path.read_bytes(), "x").calendar.events


# --- threads, new calendars ---------------------------------------------------------------


def test_an_intent_runs_in_a_worker_thread_and_hands_back_its_outcome(tmp_path: Path) -> None:
    document = opened(tmp_path)
    results: list[Outcome] = []
    workers = [
        threading.Thread(target=lambda t=t: results.append(document.update("talks", {"title": t})))
        for t in ("One", "Two")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(r.result for r in results) == [Result.SAVED, Result.SAVED]
    titles = {event(document, "talks").title}
    assert titles <= {"One", "Two"}
    assert document.undo().result is Result.SAVED
    assert document.undo().result is Result.SAVED
    assert on_disk(document) == BASE


def test_create_writes_a_calendar_and_never_replaces_one(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    document = CalendarDocument.create(path, "Visit", "Asia/Tashkent")
    assert document.calendar.title == "Visit" and document.calendar.events == ()
    assert document.set_participant("p", {"name": "P", "country": "UZ"}).result is Result.REFUSED
    assert document.set_country("UZ", {"name": "Uzbekistan", "capital": "Tashkent"}).ok
    assert document.set_participant("p", {"name": "P", "country": "UZ"}).ok
    assert document.add({"title": "First", "start": datetime(2025, 1, 1, 9)}).ok
    with pytest.raises(ConflictError):
        CalendarDocument.create(path, "Again", "UTC")


def test_a_participant_written_inline_is_refused_with_a_way_out(tmp_path: Path) -> None:
    text = BASE.replace(
        '[participants.rahmon]\nname = "Emomali Rahmon"\ncountry = "TJ"\naliases = ["Rakhmon"]\n',
        '[participants]\nrahmon = { name = "Emomali Rahmon", country = "TJ" }\n',
    )
    assert text != BASE
    document = opened(tmp_path, text)
    outcome = document.set_participant("rahmon", {"title": "President"})
    assert outcome.result is Result.REFUSED
    assert "written inline or as dotted keys" in outcome.message
    assert on_disk(document) == text


def test_a_file_that_is_not_utf8_is_broken_and_can_be_replaced(tmp_path: Path) -> None:
    document = opened(tmp_path)
    document.path.write_bytes(b"\xff\xfe not text")
    outcome = document.cancel("talks")
    assert outcome.result is Result.BROKEN and document.errors
    assert document.cancel("talks", replace_broken=True).result is Result.SAVED
    assert on_disk(document) == update_event(BASE, "talks", {"status": "cancelled", "updated": NOW})
    assert document.errors == ()


def test_errors_go_when_the_file_is_put_back(tmp_path: Path) -> None:
    document = opened(tmp_path)
    document.path.write_text(BROKEN, encoding="utf-8")
    assert document.reload().result is Result.BROKEN and document.errors
    document.path.write_text(BASE, encoding="utf-8")
    assert document.reload().result is Result.UNCHANGED
    assert document.errors == ()


def test_undo_goes_back_newest_first_as_deep_as_kept(tmp_path: Path) -> None:
    from tui.core.editing.save import read_snapshot

    path = tmp_path / "cal.toml"
    path.write_text(BASE, encoding="utf-8")
    snapshot = read_snapshot(path)
    loaded = load_bytes(BASE.encode(), str(path))
    document = CalendarDocument(path, BASE, snapshot.digest, loaded, clock=lambda: NOW, depth=2)
    texts = [BASE]
    for title in ("One", "Two", "Three"):
        assert document.update("talks", {"title": title}).result is Result.SAVED
        texts.append(on_disk(document))
    assert document.undo().message == "Undid: retitled 'Two' → 'Three'"
    assert on_disk(document) == texts[2]
    assert document.undo().message == "Undid: retitled 'One' → 'Two'"
    assert on_disk(document) == texts[1]
    assert document.undo().message == "Nothing to undo."  # the oldest fell off


# --- what a save checks again -------------------------------------------------------------


@pytest.mark.parametrize("primed", [True, False])
def test_once_primed_the_first_save_checks_only_the_event_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, primed: bool
) -> None:
    """Opened (as from the cache) and primed, the first save checks one event again, not
    every event; the calendar it leaves is the same as a whole check's."""
    from tui.core.loading import validate

    document = opened(tmp_path, BUNDLED)
    if primed:
        document.prime()
        document.prime()  # the second does nothing
    checked: list[str] = []
    made = validate._Builder.event

    def counted(builder: validate._Builder, raw: dict[str, object], *args: object) -> object:
        checked.append(str(raw.get("id")))
        return made(builder, raw, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(validate._Builder, "event", counted)
    outcome = document.update("official-welcome", {"title": "Welcome, again"})
    assert outcome.result is Result.SAVED and outcome.loaded is not None
    everything = len(document.calendar.events)
    assert everything > 5
    if primed:
        assert checked == ["official-welcome"]
    else:
        assert len(checked) == everything
    whole = load_bytes(on_disk(document).encode("utf-8"), "whole")
    assert outcome.loaded.calendar == whole.calendar
