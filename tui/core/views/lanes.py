"""What a timeline lane is: part of the user's state, so it lives apart from the timeline.

The main screen's state (``present.Browse``) names the lane mode from the first frame, while
the timeline's layout (``tui.core.views.timeline``) is only needed once the timeline is shown.
"""

from __future__ import annotations

from enum import StrEnum


class LaneMode(StrEnum):
    """What one lane of the timeline is."""

    PARTICIPANTS = "participants"
    VENUES = "venues"
