"""SVG snapshots of the main views, on the sample calendar, in a fixed zone and size.

Regenerate after an intended change with `pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the report before committing.
"""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import SAMPLE, MakeApp
from tests.ui.helpers import pressed


def test_first_day_narrow(snap_compare: Any, make_app: MakeApp) -> None:
    """120x36: header with title, dates, 'Filter: none', 'Zone: venue time'; days with counts
    (1, 3, 3, 1, 1); the arrival on Wed 8 Oct marked ⚖ ICC; its details on the right below."""
    assert snap_compare(make_app(SAMPLE), run_before=pressed(), terminal_size=(120, 36))


def test_small_terminal(snap_compare: Any, make_app: MakeApp) -> None:
    """80x24: every pane visible, stacked; the footer shows Filter, Search, Zone, Export, Help."""
    assert snap_compare(make_app(SAMPLE), run_before=pressed(), terminal_size=(80, 24))


def test_wide_with_hostile_day(snap_compare: Any, make_app: MakeApp) -> None:
    """200x60: panes side by side; Fri 10 Oct shows the summit, the Berlin night (tentative,
    italic) and the hostile title '[bold]x[/] [@click=app.quit]q[/] [red' literally, struck
    through as cancelled, at 'from 09:00' (it gives no end, and none is invented)."""
    assert snap_compare(make_app(SAMPLE), run_before=pressed("3"), terminal_size=(200, 60))


def test_filtered_in_utc(snap_compare: Any, make_app: MakeApp) -> None:
    """Filtered by Germany and shown in UTC: the header says 'Germany (2 of 7 events)' and
    'Zone: UTC'; Thu 9 Oct lists the Berlin dinner at 18:00-23:00."""

    keys = pressed("c", *"germ", "enter", "z", "z", "2")
    assert snap_compare(make_app(SAMPLE), run_before=keys, terminal_size=(120, 36))


def test_country_filter_dialog(snap_compare: Any, make_app: MakeApp) -> None:
    """The country dialog after typing 'ta': Tajikistan first, its aliases dimmed."""
    assert snap_compare(
        make_app(SAMPLE), run_before=pressed("c", "t", "a"), terminal_size=(120, 36)
    )


def test_country_details(snap_compare: Any, make_app: MakeApp) -> None:
    """Tajikistan in the details: capital, zone with UTC+05:00, ICC State Party yes, blocs,
    borders with names, its participant and its events."""
    keys = ["shift+tab", "down", "down", "down"]  # from Germany, highlighted first
    assert snap_compare(make_app(SAMPLE), run_before=pressed(*keys), terminal_size=(120, 36))
