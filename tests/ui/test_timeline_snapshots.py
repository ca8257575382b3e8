"""SVG snapshots of the timeline and the agenda on the bundled calendar's Thursday.

The axis is in Dushanbe (venue time) and the second axis in Moscow, the viewer's zone; the
agenda's clock is fixed at 14:00 in Dushanbe. Regenerate after an intended change with
`pytest tests/ui/test_timeline_snapshots.py --snapshot-update`, and look at the report.
"""

from __future__ import annotations

from typing import Any

from tests.ui.timeline_apps import AgendaApp, TimelineApp, bundled_agenda, thursday_timeline
from tui.core.views.lanes import LaneMode


def test_timeline_small_terminal(snap_compare: Any) -> None:
    """80x24: Dushanbe ticks every two hours over Moscow's (11:00 over 09:00 between them);
    Putin's lane: the welcome (announced start, faded estimated end), the talks (both edges
    faded), the Aliyev meeting as a short fading mark with its title beside it (no end given),
    then the summit and the dinner hatched on rows below; the axes named 'Dushanbe' and
    'Moscow' whole; the first event whose time was not announced on its heading's row."""
    assert snap_compare(TimelineApp(thursday_timeline()), terminal_size=(80, 24))


def test_timeline_wide(snap_compare: Any) -> None:
    """200x60: hourly ticks, full names, titles whole; the cursor on the talks in Putin's
    lane; the Aliyev meeting marked as moved (→)."""
    app = TimelineApp(thursday_timeline(marks={"putin-aliyev": "moved"}))
    assert snap_compare(app, press=["right"], terminal_size=(200, 60))


def test_timeline_done_when(snap_compare: Any) -> None:
    """120x36, the issue's check: Putin's and Rahmon's lanes with the welcome, the talks and
    the Aliyev meeting in order, estimates drawn as estimates, the evening events in the
    evening, the Moscow axis under Dushanbe's, and both events whose time was not announced
    on their heading's row."""
    assert snap_compare(TimelineApp(thursday_timeline()), terminal_size=(120, 36))


def test_timeline_zoomed_by_venue(snap_compare: Any) -> None:
    """120x36, lanes by venue, zoomed to three hours around the welcome: ticks every 30
    minutes; each block names who is there; the two lanes at the Palace of Nation labelled
    apart ('Palace…Dushanbe', 'Palace…Shirinsho…')."""
    app = TimelineApp(thursday_timeline(LaneMode.VENUES))
    assert snap_compare(app, press=["plus", "plus"], terminal_size=(120, 36))


def test_agenda_whole_visit(snap_compare: Any) -> None:
    """120x36: the three days under their headings, one line per event with time, ICC mark,
    title and short names; the talks marked 'now' (14:00 in Dushanbe) under the cursor."""
    assert snap_compare(AgendaApp(bundled_agenda()), terminal_size=(120, 36))
