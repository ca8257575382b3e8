"""``settle``: the state made showable before the presenter sees it, so nothing flows back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATA
from tui.core.loading.load import load_calendar
from tui.core.present.screenful import present
from tui.core.present.state import (
    Browse,
    Selection,
    SelectionKind,
    View,
    filtered,
    other_lanes,
    settle,
    toggled_view,
)
from tui.core.views.filter import Filter, ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.zones import get_zone

NEW_YORK = get_zone("America/New_York")
NOW = datetime(2025, 10, 9, 9, 0, tzinfo=UTC)
WED, THU, FRI = date(2025, 10, 8), date(2025, 10, 9), date(2025, 10, 10)
TALKS = Selection(SelectionKind.EVENT, "talks")


@pytest.fixture(scope="module")
def index() -> CalendarIndex:
    built = CalendarIndex(load_calendar(DATA / "sample.toml").calendar)
    built.build()
    return built


def test_no_day_yet_settles_on_the_first_day_and_its_first_event(index: CalendarIndex) -> None:
    settled = settle(index, Browse(), NEW_YORK)
    assert settled.day == WED
    assert settled.selection == Selection(SelectionKind.EVENT, "arrival")


def test_a_day_the_calendar_does_not_have_becomes_the_first(index: CalendarIndex) -> None:
    assert settle(index, Browse(day=date(2030, 1, 1)), NEW_YORK).day == WED


def test_an_event_on_the_day_stays_selected(index: CalendarIndex) -> None:
    browse = Browse(day=THU, selection=TALKS)
    assert settle(index, browse, NEW_YORK) is browse  # settled already: the same object


def test_an_event_not_shown_on_the_day_gives_way_to_the_days_first(index: CalendarIndex) -> None:
    settled = settle(index, Browse(day=FRI, selection=TALKS), NEW_YORK)
    first = present(index, settled, NEW_YORK, NOW).rows[0].id
    assert settled.selection == Selection(SelectionKind.EVENT, first)
    assert settled.selection != TALKS


def test_an_event_the_filter_hides_gives_way(index: CalendarIndex) -> None:
    scholz = Filter(participants=frozenset({"scholz"}))
    settled = settle(index, Browse(filter=scholz, day=THU, selection=TALKS), NEW_YORK)
    assert settled.selection == Selection(SelectionKind.EVENT, "berlin-dinner")


def test_a_person_or_country_selection_stays(index: CalendarIndex) -> None:
    for kind, key in ((SelectionKind.PARTICIPANT, "rahmon"), (SelectionKind.COUNTRY, "KZ")):
        browse = Browse(day=FRI, selection=Selection(kind, key))
        assert settle(index, browse, NEW_YORK).selection == Selection(kind, key)


def test_a_person_or_country_the_file_no_longer_has_gives_way(index: CalendarIndex) -> None:
    for kind in (SelectionKind.PARTICIPANT, SelectionKind.COUNTRY):
        settled = settle(index, Browse(day=THU, selection=Selection(kind, "gone")), NEW_YORK)
        assert settled.selection == Selection(SelectionKind.EVENT, "call")


def test_a_day_that_shows_nothing_has_no_selection(index: CalendarIndex) -> None:
    nobody = Filter(text="no event says this")
    assert (
        settle(index, Browse(filter=nobody, day=THU, selection=TALKS), NEW_YORK).selection is None
    )


@settings(max_examples=60, deadline=None)
@given(
    day=st.sampled_from(
        [None, WED, THU, FRI, date(2025, 10, 11), date(2025, 12, 1), date(2031, 1, 1)]
    ),
    key=st.sampled_from(["arrival", "talks", "call", "summit", "gone", "rahmon", "KZ"]),
    kind=st.sampled_from(list(SelectionKind)),
    mode=st.sampled_from(list(ZoneMode)),
    who=st.sampled_from([frozenset(), frozenset({"scholz"}), frozenset({"tokayev"})]),
)
def test_settled_state_is_what_the_presenter_shows_and_settling_twice_changes_nothing(
    index: CalendarIndex,
    day: date | None,
    key: str,
    kind: SelectionKind,
    mode: ZoneMode,
    who: frozenset[str],
) -> None:
    browse = Browse(Filter(participants=who), day, mode, Selection(kind, key))
    settled = settle(index, browse, NEW_YORK)
    assert settle(index, settled, NEW_YORK) is settled
    screen = present(index, settled, NEW_YORK, NOW)
    # What the screen shows is the state as it is: nothing to copy back from the result.
    assert (screen.day, screen.selection) == (settled.day, settled.selection)
    assert present(index, browse, NEW_YORK, NOW) == screen
    assert replace(settled, day=browse.day, selection=browse.selection) == browse


RAHMON = Selection(SelectionKind.PARTICIPANT, "rahmon")
TAJIKISTAN = Selection(SelectionKind.COUNTRY, "TJ")


@pytest.mark.parametrize(
    ("selection", "view", "kept"),
    [
        (RAHMON, Filter(text="talks"), False),  # a search: the details follow the list
        (RAHMON, Filter(participants=frozenset({"rahmon"})), True),  # filtered by him
        (RAHMON, Filter(countries=frozenset({"TJ"})), False),
        (TAJIKISTAN, Filter(countries=frozenset({"TJ"})), True),
        (TAJIKISTAN, Filter(participants=frozenset({"putin"})), False),
        (TALKS, Filter(countries=frozenset({"TJ"})), True),  # an event shown stays
    ],
)
def test_a_filter_keeps_a_participant_or_country_only_when_by_them(
    index: CalendarIndex, selection: Selection, view: Filter, kept: bool
) -> None:
    browse = settle(index, Browse(day=THU, selection=selection), NEW_YORK)
    after = settle(index, filtered(index, browse, view, NEW_YORK), NEW_YORK)
    assert (after.selection == selection) is kept
    assert after.selection is not None
    assert kept or after.selection.kind is SelectionKind.EVENT


@pytest.mark.parametrize("selection", [RAHMON, TAJIKISTAN])
def test_another_view_follows_its_event(index: CalendarIndex, selection: Selection) -> None:
    browse = settle(index, Browse(day=THU, selection=selection), NEW_YORK)
    for changed in (toggled_view(browse, View.TIMELINE), other_lanes(browse)):
        after = settle(index, changed, NEW_YORK)
        assert after.selection is not None and after.selection.kind is SelectionKind.EVENT
