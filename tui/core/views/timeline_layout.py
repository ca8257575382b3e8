"""A ``Timeline`` laid out for a width in columns: which cells hold what, so the UI only paints.

``paint_timeline`` places every block in columns (a lane grows extra rows where its blocks
would be drawn over each other), picks axis ticks that fit the width, and flows the strips'
chips; ``row_runs`` then spells out one row as runs of text with a role each (a block's
body, an estimated edge, a part of day's hatching...). Rows are spelled out only when asked
for, so a terminal shows a day of 1,000 events by spelling out the fifty rows on screen.

The drawing says what is known: an announced edge is a half block (``▐``/``▌``), an
estimated one a light shade (``░``); an end that was never given fades out (``▓▒░``); a part
of day is hatched (``▒``) over the part's span; a report's moment is a ``◆``.
"""

from __future__ import annotations

from datetime import datetime, time, tzinfo

from tui.core.text import cells, shorten
from tui.core.views.lane_labels import distinct_labels
from tui.core.views.timeline import Block, Lane, LaneKind, Shape, Timeline
from tui.core.views.timeline_cells import (
    CHANGE_SYMBOLS,
    OPEN_TAIL,
    TICK_LABEL,
    TICK_STEPS,
    WHOLE,
    WIDE,
    Painting,
    Placed,
    Role,
    Row,
    Run,
    Window,
)
from tui.core.zones import wall_time_exists, zone_name

ANNOUNCED_START, ANNOUNCED_END, ESTIMATED = "▐", "▌", "░"
HATCH, REPORT, GRID, RULE, RULE_TICK = "▒", "◆", "┊", "─", "┬"
NARROW = 3  # a timed block this many cells wide or less is drawn without its edges


def paint_timeline(timeline: Timeline, width: int, window: Window = WHOLE) -> Painting:
    """Lay ``timeline`` out in ``width`` columns, showing ``window`` of its axis."""
    width = max(width, 20)
    label_width = _label_width(timeline, width)
    ticks = _ticks(timeline, width, label_width, window)
    lanes = [lane for lane in timeline.lanes if lane.kind is LaneKind.LANE]
    labels = dict(
        zip(
            (lane.key for lane in lanes),
            distinct_labels([_label(lane, width) for lane in lanes], label_width - 1),
            strict=True,
        )
    )
    rows: list[Row] = []
    lane_rows: list[tuple[int, int]] = []
    for n, lane in enumerate(timeline.lanes):
        first = len(rows)
        if lane.kind is LaneKind.LANE:
            rows += _lane_rows(n, lane.blocks, labels[lane.key], width, label_width, window)
        else:
            rows += _strip_rows(n, lane.blocks, lane.kind.value, width, label_width)
        lane_rows.append((first, len(rows) - first))
    return Painting(
        width,
        label_width,
        window,
        _header(timeline, width, label_width, ticks),
        tuple(rows),
        frozenset(col for col, _ in ticks),
        tuple(lane_rows),
    )


def _label_width(timeline: Timeline, width: int) -> int:
    """Room for the widest lane label, within a fifth of the width, and for the axes' zone
    names whole where a quarter of the width holds them ('Dushanbe', not 'Dushan…')."""
    labels = [_label(lane, width) for lane in timeline.lanes if lane.kind is LaneKind.LANE]
    widest = max((cells(label) for label in labels), default=6)
    zones = [z for z in (timeline.zone, timeline.second) if z is not None]
    named = max(cells(city(zone)) + 1 for zone in zones)
    return max(8, min(widest + 1, width // 5, 22), min(named, width // 4))


def _label(lane: Lane, width: int) -> str:
    return lane.name if width >= WIDE else lane.label


def column(fraction: float, width: int, label_width: int, window: Window) -> int:
    """The column of a fraction of the axis (may lie outside the body)."""
    low, high = window
    return label_width + int((fraction - low) / (high - low) * (width - label_width) + 0.5)


# --- lanes -----------------------------------------------------------------------------
def _lane_rows(
    lane: int,
    blocks: tuple[Block, ...],
    label: str,
    width: int,
    label_width: int,
    window: Window,
) -> list[Row]:
    """A lane's rows: blocks packed first-fit, so none is drawn over another."""
    spans = []
    for block in blocks:
        first, last = _columns(block, width, label_width, window)
        if last > label_width and first < width:
            spans.append(Placed(block, max(first, label_width), min(last, width)))
    spans.sort(key=lambda placed: placed.first)
    ends: list[int] = []
    packed: list[list[Placed]] = []
    for placed in spans:
        row = next((n for n, end in enumerate(ends) if end <= placed.first), len(ends))
        if row == len(ends):
            ends.append(0)
            packed.append([])
        ends[row] = placed.last
        packed[row].append(placed)
    stripe = lane % 2 == 1
    if not packed:  # every block lies outside the window: the lane stays, empty
        return [Row(lane, label, (), stripe=stripe)]
    return [
        Row(lane, label if n == 0 else "", tuple(row), stripe=stripe)
        for n, row in enumerate(packed)
    ]


def _columns(block: Block, width: int, label_width: int, window: Window) -> tuple[int, int]:
    first = column(block.start, width, label_width, window)
    if block.shape in (Shape.TIMED, Shape.VAGUE):
        return first, max(first + 1, column(block.end, width, label_width, window))
    # No end on the axis: room for the title, capped, then a fade.
    room = max(6, (width - label_width) // 3)
    return first, first + min(cells(_text(block)) + 1 + len(OPEN_TAIL), room)


# --- strips ----------------------------------------------------------------------------
def _strip_rows(
    lane: int, chips: tuple[Block, ...], heading: str, width: int, label_width: int
) -> list[Row]:
    """The heading, then the chips flowed left to right from beside it, wrapping: a pane
    with room for the heading's row shows the strip's first events on it too."""
    rows: list[Row] = []
    line: list[Placed] = []
    at = cells(_heading_text(heading)) + 1
    widest = max(_CHIP_LEAST, (width - label_width) // 2)  # so the heading's row holds a few
    for chip in chips:
        whole = min(cells(_text(chip)) + 2, width - label_width)
        size = whole if rows else min(whole, widest, max(width - at, _CHIP_LEAST))
        if at + size > width and (line or not rows):
            rows.append(Row(lane, "", tuple(line), heading=heading if not rows else "", strip=True))
            line, at, size = [], label_width, whole
        line.append(Placed(chip, at, at + size))
        at += size + 1
    rows.append(Row(lane, "", tuple(line), heading=heading if not rows else "", strip=True))
    return rows


_CHIP_LEAST = 16  # the heading's row takes a shortened chip when this much room is left


def _heading_text(heading: str) -> str:
    return f"── {heading} "


# --- spelling out a row ------------------------------------------------------------------
def row_runs(painting: Painting, row: Row) -> tuple[Run, ...]:
    """The runs of one row, ``painting.width`` cells in all."""
    width, label_width = painting.width, painting.label_width
    if row.heading:
        text = _heading_text(row.heading)
        runs = [Run(text, Role.HEADING)]
        at = cells(text)
    else:
        runs, at = [Run(_pad(row.label, label_width - 1) + " ", Role.LABEL)], label_width
    for placed in row.placed:
        if placed.first > at:
            runs += _gap(painting, row, at, placed.first)
        runs += _block_runs(placed, painting.window)
        at = placed.last
    if at < width:
        runs += _gap(painting, row, at, width)
    return tuple(runs)


def _gap(painting: Painting, row: Row, start: int, stop: int) -> list[Run]:
    """Empty cells, with the faint grid line at each tick (its own run, so each line sits
    in its column in every renderer); a strip's heading row carries its rule on."""
    if row.heading:
        return [Run(RULE * (stop - start), Role.HEADING)]
    marks = [] if row.strip else sorted(c for c in painting.ticks if start <= c < stop)
    runs: list[Run] = []
    at = start
    for col in marks:
        if col > at:
            runs.append(Run(" " * (col - at), Role.BLANK))
        runs.append(Run(GRID, Role.GRID))
        at = col + 1
    if stop > at:
        runs.append(Run(" " * (stop - at), Role.BLANK))
    return runs


def _pad(text: str, width: int) -> str:
    short = shorten(text, width)
    return short + " " * (width - cells(short))


def _block_runs(placed: Placed, window: Window) -> list[Run]:
    """A block's cells: edges, fill and title by its shape, then merged into runs."""
    block, size = placed.block, placed.last - placed.first
    cut_start, cut_end = block.start < window[0], block.end > window[1]
    fill = Role.HATCH if block.shape is Shape.VAGUE else Role.BODY
    glyph = HATCH if block.shape is Shape.VAGUE else " "
    if block.shape is Shape.CHIP:
        fill, glyph = Role.CHIP, " "
    cellrow: list[tuple[str, Role]] = [(glyph, fill)] * size
    text_from, text_to = 1, size - 1
    if block.shape is Shape.TIMED:
        if not cut_start:
            cellrow[0] = _edge(block.start_estimated, ANNOUNCED_START)
        if not cut_end and size > 1:
            cellrow[-1] = _edge(block.end_estimated, ANNOUNCED_END)
        text_from, text_to = (0 if cut_start else 1), (size if cut_end else size - 1)
    elif block.shape is Shape.OPEN:
        # A start and no end: a short fading mark at the start, the title beside it on no
        # block, so no length is invented for it.
        cellrow[0] = _edge(block.start_estimated, ANNOUNCED_START)
        tail = min(len(OPEN_TAIL), max(0, size - 2))
        cellrow[1 : 1 + tail] = [(ch, Role.FADE) for ch in OPEN_TAIL[:tail]]
        cellrow[1 + tail :] = [(" ", Role.LOOSE)] * (size - 1 - tail)
        text_from, text_to = 1 + tail, size
    elif block.shape is Shape.REPORT:
        cellrow[0] = (REPORT, Role.REPORT)
        cellrow[1:] = [(" ", Role.VAGUE)] * (size - 1)
        text_to = size
    elif block.shape is Shape.VAGUE and block.report is not None:
        spot = int((block.report - block.start) / max(block.end - block.start, 1e-9) * size)
        cellrow[min(size - 1, max(0, spot))] = (REPORT, Role.REPORT)
    if size <= NARROW and block.shape is Shape.TIMED:
        # Too narrow for edges and a letter of the title: the whole block is its marks and
        # title's start, so it never reads as the shading of a neighbour's edge.
        cellrow, text_from, text_to = [(" ", Role.BODY)] * size, 0, size
    text_role = Role.VAGUE if block.shape in (Shape.VAGUE, Shape.REPORT) else fill
    if block.shape is Shape.OPEN:
        text_role = Role.LOOSE
    _write_text(cellrow, block, text_from, text_to, text_role)
    return _merge(cellrow, block)


def _edge(estimated: bool, announced: str) -> tuple[str, Role]:
    return (ESTIMATED, Role.FADE) if estimated else (announced, Role.EDGE)


def _write_text(
    cellrow: list[tuple[str, Role]], block: Block, start: int, stop: int, role: Role
) -> None:
    """The marks and the title, from ``start`` up to ``stop``, as far as they fit."""
    room = stop - start
    if room <= 0:
        if block.overlap:  # too narrow for a title, never for the double-booking mark
            cellrow[0] = ("!", Role.OVERLAP)
        return
    narrow = room <= NARROW
    parts: list[tuple[str, Role]] = []
    if block.overlap:
        parts.append(("!", Role.OVERLAP))
    if block.mark and (narrow or room >= len(parts) + 5):
        parts.append((CHANGE_SYMBOLS.get(block.mark, "•"), Role.MARK))
    if block.icc and room >= len(parts) + 6:
        parts.append(("⚖", Role.ICC))
    used = len(parts)
    title = _text(block)
    if used and room > used:
        title = " " + title if block.shape is Shape.CHIP else title
    # In a cell or two, the title's first letters say more than an ellipsis.
    parts.append((title if room - used < 3 else shorten(title, room - used), role))
    at = start
    for text, part_role in parts:
        for ch in text:
            if at >= stop:
                return
            cellrow[at] = (ch, part_role)
            at += 1
            if cells(ch) == 2 and at < stop:
                cellrow[at] = ("", part_role)  # the second half of a wide character
                at += 1


def _text(block: Block) -> str:
    return f"{block.title} · {block.who}" if block.who else block.title


def _merge(cellrow: list[tuple[str, Role]], block: Block) -> list[Run]:
    runs: list[Run] = []
    for ch, role in cellrow:
        if runs and runs[-1].role is role:
            last = runs[-1]
            runs[-1] = Run(last.text + ch, role, block.event_id, block.status)
        else:
            runs.append(Run(ch, role, block.event_id, block.status))
    return runs


# --- the axes ----------------------------------------------------------------------------
def _ticks(
    timeline: Timeline, width: int, label_width: int, window: Window
) -> list[tuple[int, datetime]]:
    """(column, instant) of each tick: whole steps of wall time in the axis's zone, as
    dense as labels allow without touching."""
    body = width - label_width
    span = timeline.hours * (window[1] - window[0]) * 60
    per_minute = body / max(span, 1)
    step = next((s for s in TICK_STEPS if s * per_minute >= TICK_LABEL + 3), TICK_STEPS[-1])
    ticks = []
    for minutes in range(0, 24 * 60, step):
        at = datetime.combine(timeline.day, time(minutes // 60, minutes % 60), timeline.zone)
        if not wall_time_exists(at):
            continue  # skipped by a clock change: its instant is the next hour's tick
        where = timeline.fraction(at)
        col = column(where, width, label_width, window)
        if window[0] <= where <= window[1] and col + TICK_LABEL <= width:
            ticks.append((col, at))
    return ticks


def _header(
    timeline: Timeline, width: int, label_width: int, ticks: list[tuple[int, datetime]]
) -> tuple[tuple[Run, ...], ...]:
    rows = [_axis_row(timeline.zone, ticks, width, label_width, Role.ZONE, Role.AXIS)]
    if timeline.second is not None:
        second = timeline.second
        rows.append(_axis_row(second, ticks, width, label_width, Role.ZONE2, Role.AXIS2))
    rule = [RULE] * (width - label_width)
    for col, _ in ticks:
        rule[col - label_width] = RULE_TICK
    rows.append((Run(" " * label_width, Role.BLANK), Run("".join(rule), Role.RULE)))
    return tuple(rows)


def _axis_row(
    zone: tzinfo, ticks: list[tuple[int, datetime]], width: int, label_width: int, *roles: Role
) -> tuple[Run, ...]:
    name = _pad(city(zone), label_width - 1) + " "
    runs = [Run(name, roles[0])]
    at = label_width
    for col, moment in ticks:
        if col > at:
            runs.append(Run(" " * (col - at), Role.BLANK))
        runs.append(Run(f"{moment.astimezone(zone):%H:%M}", roles[1]))
        at = col + TICK_LABEL
    if width > at:
        runs.append(Run(" " * (width - at), Role.BLANK))
    return tuple(runs)


def city(zone: tzinfo) -> str:
    """'Dushanbe' for Asia/Dushanbe, 'New York' for America/New_York, 'UTC' for UTC."""
    return zone_name(zone).rsplit("/", 1)[-1].replace("_", " ")


# --- zoom and clicks -----------------------------------------------------------------------
def zoom_window(
    timeline: Timeline, hours: float | None, focus: float, current: Window | None = None
) -> Window:
    """The window showing ``hours`` of the axis (None: all of it) with ``focus`` in view;
    ``current`` is kept while it shows the focus, so the view does not jump on every move."""
    if hours is None:
        return WHOLE
    total = timeline.hours
    share = min(1.0, hours / max(total, 1e-9))
    focus = max(0.0, min(1.0, focus))
    same_zoom = current is not None and abs(current[1] - current[0] - share) < 1e-9
    if same_zoom and current is not None and current[0] <= focus <= current[1] - share / 8:
        return current
    low = max(0.0, min(1.0 - share, focus - share / 3))
    return (low, low + share)


def hit(painting: Painting, row: Row, x: int) -> str | None:
    """The event whose block is at column ``x`` of ``row``, if any."""
    return next((p.block.event_id for p in row.placed if p.first <= x < p.last), None)


def row_of(painting: Painting, lane: int, event_id: str) -> int | None:
    """The row on which ``lane`` draws ``event_id``'s block."""
    if not 0 <= lane < len(painting.lane_rows):
        return None
    first, count = painting.lane_rows[lane]
    for n in range(first, first + count):
        if any(p.block.event_id == event_id for p in painting.rows[n].placed):
            return n
    return None
