"""What a painted timeline is made of: runs of cells with a role, rows, the painting."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tui.core.model import Status
from tui.core.views.timeline import Block

Window = tuple[float, float]  # the shown part of the axis, as fractions


WHOLE: Window = (0.0, 1.0)


# Zoom levels: the whole day, then hours around the cursor.
ZOOM_HOURS: tuple[float | None, ...] = (None, 6.0, 3.0)


TICK_STEPS = (15, 30, 60, 120, 180, 240, 360, 720)  # minutes


TICK_LABEL = 5  # 'HH:MM'


WIDE = 140  # from this width lanes are labelled with full names


CHANGE_SYMBOLS = {
    "added": "+",
    "moved": "→",
    "changed": "~",
    "cancelled": "\u00d7",  # multiplication sign
    "removed": "\u2212",  # minus sign
}


OPEN_TAIL = "▓▒░"


class Role(StrEnum):
    """What a run of cells is; the UI gives each role one style."""

    BLANK = "blank"
    LABEL = "label"
    ZONE = "zone"  # the primary axis's zone name
    AXIS = "axis"  # primary tick labels
    ZONE2 = "zone2"
    AXIS2 = "axis2"  # second-zone tick labels, thinner
    RULE = "rule"
    GRID = "grid"  # empty lane cells, with a faint line at each tick
    HEADING = "heading"  # a strip's heading
    BODY = "body"  # a block's solid body and title
    EDGE = "edge"  # an announced edge (half block)
    FADE = "fade"  # an estimated edge or an end that fades out
    HATCH = "hatch"  # a part of day's span
    VAGUE = "vague"  # the title over hatching
    REPORT = "report"  # a report's moment
    CHIP = "chip"  # an entry of a strip
    OVERLAP = "overlap"  # the double-booking mark
    ICC = "icc"
    MARK = "mark"  # a change mark
    LOOSE = "loose"  # a title beside an open-ended mark, on no block


@dataclass(frozen=True, slots=True)
class Run:
    """Cells of one role; ``event_id`` says whose block they belong to."""

    text: str
    role: Role
    event_id: str | None = None
    status: Status = Status.CONFIRMED


@dataclass(frozen=True, slots=True)
class Placed:
    """A block in columns ``first`` to ``last`` (exclusive), on one row."""

    block: Block
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Row:
    """One scrolling row: a lane's (sub-)row, a strip's heading or a row of its chips."""

    lane: int | None  # None for a heading
    label: str
    placed: tuple[Placed, ...] = ()
    heading: str = ""
    stripe: bool = False  # every other lane is shaded, to read across
    strip: bool = False  # a strip's chips: no grid between them


@dataclass(frozen=True, slots=True)
class Painting:
    """A timeline at one width and zoom: fixed axis rows and scrolling lane rows."""

    width: int
    label_width: int
    window: Window
    header: tuple[tuple[Run, ...], ...]
    rows: tuple[Row, ...]
    ticks: frozenset[int]  # tick columns, for the faint grid
    lane_rows: tuple[tuple[int, int], ...]  # lane -> (first row, how many)
