"""The participant and country forms as data: checks beside each field, and the keys a
save writes (only what changed; an emptied optional field removes its key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.editing.document import CalendarDocument, Result
from tui.core.editing.table_form import (
    COUNTRIES,
    PARTICIPANTS,
    check_values,
    table_changes,
    values_of,
)
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.model import Calendar


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    return load_calendar(bundled_calendar()).calendar


def person(**typed: str) -> dict[str, str]:
    return {"id": "lavrov", "name": "Sergey Lavrov", "title": "", "country": "RU", **typed}


@pytest.mark.parametrize(
    ("typed", "field", "words"),
    [
        ({"id": ""}, "id", "Id must not be empty."),
        ({"id": "Lavrov"}, "id", "Use lower-case letters"),
        ({"id": "putin"}, "id", 'participant "putin" already'),
        ({"name": "  "}, "name", "Name must not be empty."),
        ({"country": "Atlantis"}, "country", 'Unknown country "Atlantis"'),
    ],
)
def test_participant_checks(
    calendar: Calendar, typed: dict[str, str], field: str, words: str
) -> None:
    problems = check_values(calendar, PARTICIPANTS, person(**typed), None)
    assert list(problems) == [field]
    assert problems[field].startswith(words) or words in problems[field]


def test_a_good_participant_has_no_problems_and_names_become_codes(calendar: Calendar) -> None:
    typed = person(country="russia")
    assert check_values(calendar, PARTICIPANTS, typed, None) == {}
    initial = values_of(calendar, PARTICIPANTS, None)
    key, changes = table_changes(calendar, PARTICIPANTS, initial, typed)
    assert (key, dict(changes)) == ("lavrov", {"name": "Sergey Lavrov", "country": "RU"})


def test_a_participant_edited_writes_only_what_changed(calendar: Calendar) -> None:
    initial = values_of(calendar, PARTICIPANTS, "putin")
    typed = {**initial, "title": ""}
    assert check_values(calendar, PARTICIPANTS, typed, "putin") == {}  # its own id is fine
    assert table_changes(calendar, PARTICIPANTS, initial, typed) == ("putin", {"title": None})


def country(**typed: str) -> dict[str, str]:
    base = {"id": "mn", "name": "Mongolia", "capital": "Ulaanbaatar", "timezone": ""}
    return {**base, "icc_state_party": "unknown", "blocs": "", "borders": "", **typed}


@pytest.mark.parametrize(
    ("typed", "field", "words"),
    [
        ({"id": "MNG"}, "id", "Use the country's two-letter"),
        ({"id": "tj"}, "id", 'the country "TJ" already'),
        ({"capital": ""}, "capital", "Capital must not be empty."),
        ({"timezone": "Asia/Ulan_Bator_X"}, "timezone", 'Unknown time zone "Asia/Ulan_Bator_X"'),
        ({"borders": "CN, XX, RU"}, "borders", "Not ISO 3166-1 alpha-2 codes: XX."),
    ],
)
def test_country_checks(calendar: Calendar, typed: dict[str, str], field: str, words: str) -> None:
    problems = check_values(calendar, COUNTRIES, country(**typed), None)
    assert list(problems) == [field]
    assert words in problems[field]


def test_a_new_country_writes_its_filled_fields(calendar: Calendar) -> None:
    typed = country(icc_state_party="yes", blocs="SCO ,, ", borders="cn, ru", timezone="")
    assert check_values(calendar, COUNTRIES, typed, None) == {}
    initial = values_of(calendar, COUNTRIES, None)
    key, changes = table_changes(calendar, COUNTRIES, initial, typed)
    assert key == "MN"
    assert dict(changes) == {
        "name": "Mongolia",
        "capital": "Ulaanbaatar",
        "icc_state_party": True,
        "blocs": ["SCO"],
        "borders": ["CN", "RU"],
    }


def test_a_zone_in_any_case_and_repeated_blocs_are_written_as_meant(calendar: Calendar) -> None:
    """As `diplocal new --timezone utc` takes it: the zone in the case it is spelt in."""
    typed = country(timezone="asia/ulaanbaatar", blocs="SCO,,SCO, CIS ,SCO", borders="cn, CN")
    assert check_values(calendar, COUNTRIES, typed, None) == {}
    _, changes = table_changes(calendar, COUNTRIES, values_of(calendar, COUNTRIES, None), typed)
    assert changes["timezone"] == "Asia/Ulaanbaatar"
    assert changes["blocs"] == ["SCO", "CIS"]
    assert changes["borders"] == ["CN"]


def test_a_zone_retyped_in_another_case_is_no_change(calendar: Calendar) -> None:
    initial = values_of(calendar, COUNTRIES, "TJ")
    typed = {**initial, "timezone": initial["timezone"].lower()}
    assert table_changes(calendar, COUNTRIES, initial, typed) == ("TJ", {})


def test_a_country_edited_back_to_unknown_icc_removes_the_key(calendar: Calendar) -> None:
    initial = values_of(calendar, COUNTRIES, "TJ")
    assert initial["icc_state_party"] == "yes"
    typed = {**initial, "icc_state_party": "unknown", "blocs": initial["blocs"] + ","}
    assert table_changes(calendar, COUNTRIES, initial, typed) == ("TJ", {"icc_state_party": None})


def test_the_changes_save_through_the_owner_and_undo(tmp_path: Path, calendar: Calendar) -> None:
    path = tmp_path / "events.toml"
    original = bundled_calendar().read_bytes()
    path.write_bytes(original)
    document = CalendarDocument.open(path)
    initial = values_of(document.calendar, COUNTRIES, None)
    key, changes = table_changes(document.calendar, COUNTRIES, initial, country())
    outcome = document.set_country(key, changes)
    assert outcome.result is Result.SAVED, outcome.message
    assert outcome.message == "Saved: added country 'Mongolia'"
    assert document.calendar.countries["MN"].capital == "Ulaanbaatar"
    assert document.undo().message == "Undid: added country 'Mongolia'"
    assert path.read_bytes() == original
