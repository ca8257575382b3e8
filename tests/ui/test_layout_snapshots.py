"""Snapshots of the bundled calendar at the four sizes a new user tried, first frame as it
stays: 80x24, 120x36, 160x48 (the panes just side by side) and 200x60.

Regenerate after an intended change with
`pytest tests/ui/test_layout_snapshots.py --snapshot-update`, and look at the PNGs.
"""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import MakeApp
from tests.ui.helpers import pressed


def test_bundled_80x24(snap_compare: Any, make_app: MakeApp) -> None:
    """80x24: the header keeps 'Filter: none' and 'Zone: venue time' whole, the title cut
    first; narrow lists on the left; Wed 8 Oct's events with their times (evening, under
    way at ≈22:38), titles ending in '…' only where the pane ends; the footer's keys."""
    assert snap_compare(make_app(), run_before=pressed(), terminal_size=(80, 24))


def test_bundled_120x36(snap_compare: Any, make_app: MakeApp) -> None:
    """120x36: title, 'Wed 8 Oct to Fri 10 Oct 2025', filter and zone on one line; days
    4, 8, 5; the arrival marked ⚖ ICC; its details below the events; no scrollbar beside
    the events."""
    assert snap_compare(make_app(), run_before=pressed(), terminal_size=(120, 36))


def test_bundled_160x48(snap_compare: Any, make_app: MakeApp) -> None:
    """160x48, the first width with the panes side by side: the events pane about 72
    columns wide with whole titles, the details about 48 beside it, no horizontal
    scrollbar, no notch in a border."""
    assert snap_compare(make_app(), run_before=pressed(), terminal_size=(160, 48))


def test_bundled_200x60(snap_compare: Any, make_app: MakeApp) -> None:
    """200x60: the same layout, wider: events and details share the room 3:2, source
    links in the details whole."""
    assert snap_compare(make_app(), run_before=pressed(), terminal_size=(200, 60))
