"""The header's "published 2 minutes ago": worded by the presenter, and the first part to
go when the line is short (the filter, the zone and the title's first cells stay)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.present.header_fit import MIN_TITLE, fit_header, state_text
from tui.core.present.screenful import present, published_words
from tui.core.present.state import Browse
from tui.core.text import cells
from tui.core.views.filter import Filter
from tui.core.views.index import CalendarIndex
from tui.core.zones import get_zone

BERLIN = get_zone("Europe/Berlin")
DURING = datetime(2025, 10, 9, 7, tzinfo=UTC)  # the bundled visit is under way
AFTER = datetime(2026, 12, 7, tzinfo=UTC)  # it ended a year ago


@pytest.fixture(scope="module")
def index() -> CalendarIndex:
    built = CalendarIndex(load_calendar(bundled_calendar()).calendar)
    built.build()
    return built


@pytest.mark.parametrize(
    ("ago", "words"),
    [
        (None, ""),
        (timedelta(seconds=5), "published a few seconds ago"),
        (timedelta(minutes=2), "published 2 minutes ago"),
        (timedelta(days=3), "published 3 days ago"),
        (-timedelta(minutes=5), "published a few seconds ago"),  # a clock behind this one
    ],
)
def test_the_presenter_words_when_it_was_published(
    index: CalendarIndex, ago: timedelta | None, words: str
) -> None:
    published = None if ago is None else DURING - ago
    assert published_words(published, DURING) == words
    assert present(index, Browse(), BERLIN, DURING, published=published).header.published == words


def test_at_80_columns_it_shows_beside_the_filter_and_zone(index: CalendarIndex) -> None:
    header = present(
        index, Browse(), BERLIN, DURING, published=DURING - timedelta(minutes=2)
    ).header
    fitted = fit_header(header, 78)  # inside the border of an 80-column terminal
    assert fitted.published == "published 2 minutes ago"
    assert fitted.filter == header.filter and fitted.zone == header.zone
    assert cells(fitted.title) >= MIN_TITLE
    line = cells(fitted.title) + 2 + cells(fitted.dates) + 2 + cells(state_text(fitted))
    assert line <= 78 or not fitted.dates


@pytest.mark.parametrize(
    ("now", "view", "width"),
    [
        (AFTER, Filter(), 78),  # "ended 1 year ago" keeps its place; the published words go
        (DURING, Filter(countries=frozenset({"KZ", "UZ"})), 78),
        (DURING, Filter(), 50),
    ],
)
def test_it_goes_first_when_the_line_is_short(
    index: CalendarIndex, now: datetime, view: Filter, width: int
) -> None:
    browse = Browse(filter=view)
    header = present(index, browse, BERLIN, now, published=now - timedelta(minutes=2)).header
    fitted = fit_header(header, width)
    assert fitted.published == ""
    assert fitted.filter == header.filter and fitted.outside == header.outside
    without = fit_header(present(index, browse, BERLIN, now).header, width)
    assert fitted == without  # exactly the header it would be without having published
