"""The timeline of a day: who is where, when, as lanes of blocks along one time axis.

``layout_timeline`` places a day's events on an axis in one display zone: one lane per
participant (or per venue), each event a block in every lane it involves, as fractions of
the axis's span, with what is known of its times (estimated edges, a part of day's vague
span, a report's moment, an end never given). Events with no place on an axis (all day,
time not announced) go in strips of their own. ``timeline_layout`` turns this into cells
for a width; the UI only paints those. Plain data: a fast core test.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from tui.core.event_order import venue_zone
from tui.core.icc import icc_reasons
from tui.core.model import PART_SPANS, Calendar, Event, Status, in_utc, same_instant
from tui.core.text import one_line
from tui.core.views.agenda_text import short_name
from tui.core.views.filter import ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.lanes import LaneMode
from tui.core.zones import get_zone, zone_name

# The whole-day axis shows at least this much of the day, and more when events lie outside.
DAY_FROM = time(8)
DAY_UNTIL = time(22)
_HOUR = timedelta(hours=1)


class LaneKind(StrEnum):
    """A lane on the axis, or a strip of events that have no place on it."""

    LANE = "lane"
    ALL_DAY = "all day"  # strip
    NOT_ANNOUNCED = "time not announced"  # strip


class Shape(StrEnum):
    """How much of a block's time is known, which decides how it is drawn."""

    TIMED = "timed"  # a start and an end (each announced or estimated)
    OPEN = "open"  # a start and no end: none is invented
    VAGUE = "vague"  # a part of the venue's day, perhaps with a report's moment
    REPORT = "report"  # only a report's moment at which it was under way
    CHIP = "chip"  # in a strip: no place on the axis


@dataclass(frozen=True, slots=True)
class Block:
    """One event in one lane. ``start``/``end`` are fractions of the axis's span and may lie
    outside 0..1 where the event runs past it (an OPEN or REPORT block has ``end == start``)."""

    event_id: str
    shape: Shape
    start: float
    end: float
    title: str
    status: Status = Status.CONFIRMED
    start_estimated: bool = False
    end_estimated: bool = False
    report: float | None = None  # where a report found it under way
    icc: bool = False
    mark: str = ""  # a change kind ('added', 'moved', ...), '' for none
    overlap: bool = False  # a double booking, as `diplocal check` warns
    who: str = ""  # short names, shown where the lane does not already say who


@dataclass(frozen=True, slots=True)
class Lane:
    """A participant's or a venue's row, or a strip; blocks in the day's order."""

    key: str
    label: str  # short: 'Putin'
    name: str  # full: 'Vladimir Putin'
    kind: LaneKind
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """A day's timeline: an axis from ``start`` to ``end`` in ``zone``, and its lanes.

    ``lanes`` holds, in order, the all-day strip (if any), the lanes, and the strip of
    events whose time was not announced (if any), so moving up and down passes them all.
    """

    day: date
    start: datetime
    end: datetime
    zone: tzinfo
    second: tzinfo | None  # a thinner second axis in this zone
    lanes_by: LaneMode
    lanes: tuple[Lane, ...]

    def fraction(self, instant: datetime) -> float:
        """Where an instant lies on the axis: 0 at its start, 1 at its end."""
        span = self.end.timestamp() - self.start.timestamp()
        return (instant.timestamp() - self.start.timestamp()) / span

    @property
    def hours(self) -> float:
        """The axis's length in elapsed hours (25 on the day a clock goes back)."""
        return (self.end.timestamp() - self.start.timestamp()) / 3600

    def instant(self, fraction: float) -> datetime:
        """The instant at a fraction of the axis, in the display zone."""
        start = in_utc(self.start)
        return (start + (in_utc(self.end) - start) * fraction).astimezone(self.zone)


def timeline_zones(calendar: Calendar, mode: ZoneMode, local: tzinfo) -> tuple[tzinfo, tzinfo]:
    """The axis's zone for a display mode, and the second axis's: the `z` cycle's next.

    Venue time has one axis in the calendar's zone (the venue's); the second is the viewer's
    zone, or UTC when the viewer is in the venue's zone.
    """
    zones = {
        ZoneMode.EVENT: get_zone(calendar.timezone),
        ZoneMode.LOCAL: local,
        ZoneMode.UTC: UTC,
    }
    first = zones[mode]
    candidates = [zones[mode.next()], zones[mode.next().next()]]
    second = next((z for z in candidates if zone_name(z) != zone_name(first)), candidates[0])
    return first, second


def layout_timeline(
    index: CalendarIndex,
    day: date,
    events: Sequence[Event],
    lanes_by: LaneMode,
    zone: tzinfo,
    second: tzinfo | None = None,
    marks: Mapping[str, str] | None = None,
    people: Collection[str] | None = None,
) -> Timeline:
    """The timeline of ``day``'s ``events`` (in the day's order) in ``zone``.

    Args:
        index: the calendar's look-ups.
        day: the day, in ``zone``.
        events: the day's events that the filter leaves, in ``order.day_key`` order.
        lanes_by: one lane per participant, or per venue.
        zone: the axis's zone.
        second: the zone of a second axis, or None.
        marks: event id -> change kind, shown on blocks.
        people: only these participants get lanes (a participant filter); None for all.
    """
    calendar = index.calendar
    start, end = _span(day, zone, [e for e in events if _on_axis(e)])
    draft = Timeline(day, start, end, zone, second, lanes_by, ())
    clashes = double_booked(events)
    marks = marks or {}
    lanes: list[Lane] = []
    strip_all = [e for e in events if e.all_day]
    if strip_all:
        lanes.append(_strip(calendar, LaneKind.ALL_DAY, strip_all, marks))
    for key, label, name, members in _groups(calendar, events, lanes_by, people):
        blocks = tuple(
            _block(draft, calendar, event, marks, _clashes_in(key, event, clashes, lanes_by))
            for event in members
        )
        lanes.append(Lane(key, label, name, LaneKind.LANE, blocks))
    unknown = [e for e in events if e.time_not_announced]
    if unknown:
        lanes.append(_strip(calendar, LaneKind.NOT_ANNOUNCED, unknown, marks))
    return Timeline(day, start, end, zone, second, lanes_by, tuple(lanes))


def _on_axis(event: Event) -> bool:
    return not (event.all_day or event.time_not_announced)


def _groups(
    calendar: Calendar,
    events: Sequence[Event],
    lanes_by: LaneMode,
    people: Collection[str] | None,
) -> list[tuple[str, str, str, list[Event]]]:
    """(key, short label, full name, events) per lane, in the file's order of people, or
    venues in the order they first appear in the day."""
    placed = [e for e in events if _on_axis(e)]
    groups: dict[str, list[Event]] = {}
    if lanes_by is LaneMode.VENUES:
        for event in placed:
            groups.setdefault(one_line(event.location), []).append(event)
        return [
            (key, key or "no place", key or "no place given", evs) for key, evs in groups.items()
        ]
    for event in placed:
        for pid in event.participants or ("",):
            groups.setdefault(pid, []).append(event)
    order = [p for p in calendar.participants if p in groups and (people is None or p in people)]
    result = [
        (pid, short_name(calendar, pid), one_line(calendar.participants[pid].name), groups[pid])
        for pid in order
    ]
    if "" in groups and people is None:
        result.append(("", "no one", "no participants named", groups[""]))
    return result


def _clashes_in(
    key: str, event: Event, clashes: Mapping[str, frozenset[str]], lanes_by: LaneMode
) -> bool:
    """In a person's lane: whether that person is double-booked by this event; in a venue's
    lane: whether anyone in it is."""
    if lanes_by is LaneMode.PARTICIPANTS:
        return event.id in clashes.get(key, frozenset())
    return any(event.id in clashes.get(pid, frozenset()) for pid in event.participants)


def double_booked(events: Sequence[Event]) -> dict[str, frozenset[str]]:
    """Participant id -> ids of the events in which they are booked twice at once.

    The rule of ``overlaps.overlap_problems`` (the warnings of `diplocal check`), marking
    both events of each clash: timed, not cancelled events; one starting before an earlier
    one ends, or two starting together (an event without an end is a moment)."""
    by_person: dict[str, list[tuple[float, float, str]]] = {}
    for event in events:
        start, end = event.start, event.end
        if not isinstance(start, datetime) or not isinstance(end, datetime):
            continue
        if event.status is Status.CANCELLED:
            continue
        for pid in event.participants:
            by_person.setdefault(pid, []).append((start.timestamp(), end.timestamp(), event.id))
    result: dict[str, frozenset[str]] = {}
    for pid, booked in by_person.items():
        booked.sort(key=lambda item: item[0])
        clashing: set[str] = set()
        latest_end, latest, previous_start = booked[0][1], booked[0][2], booked[0][0]
        for start_at, end_at, event_id in booked[1:]:
            if start_at < latest_end or start_at == previous_start:
                clashing.update((event_id, latest))
            if end_at > latest_end or start_at == previous_start:
                latest_end, latest = max(end_at, latest_end), event_id
            previous_start = start_at
        if clashing:
            result[pid] = frozenset(clashing)
    return result


def _span(day: date, zone: tzinfo, events: Sequence[Event]) -> tuple[datetime, datetime]:
    """The whole-day axis: 08:00 to 22:00 in ``zone``, widened to whole hours that hold
    every event's drawn extent, within the day."""
    midnight = datetime.combine(day, time(0), tzinfo=zone)
    next_midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    first = datetime.combine(day, DAY_FROM, tzinfo=zone)
    last = datetime.combine(day, DAY_UNTIL, tzinfo=zone)
    instant = datetime.timestamp  # Python compares times of one zone by wall clock
    for event in events:
        begin, finish = _extent(event)
        first = min(first, _floor_hour(begin.astimezone(zone)), key=instant)
        last = max(last, _ceil_hour(finish.astimezone(zone)), key=instant)
    return max(first, midnight, key=instant), min(last, next_midnight, key=instant)


def _floor_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)  # keeps the fold: the same hour


def _ceil_hour(moment: datetime) -> datetime:
    """The next whole hour in elapsed time: the wall clock's next may be skipped or repeated."""
    floor = _floor_hour(moment)
    return floor if floor == moment else (in_utc(floor) + _HOUR).astimezone(moment.tzinfo)


def _extent(event: Event) -> tuple[datetime, datetime]:
    """The instants (in UTC: ordered as instants) a block covers on the axis; a start with
    no end takes an hour of room for its title (the drawing fades it out: the end stays
    unknown)."""
    start, end = event.start, event.end
    if isinstance(start, datetime) and isinstance(end, datetime):
        start, end = in_utc(start), in_utc(end)
        return start, end if end > start else start + _HOUR
    parts = _part_span(event)
    report = None if event.under_way_at is None else in_utc(event.under_way_at)
    if parts is None:
        assert report is not None  # on the axis: a part of day or a report
        return report, report + _HOUR
    begin, finish = in_utc(parts[0]), in_utc(parts[1])
    return (begin, finish) if report is None else (min(begin, report), max(finish, report))


def _part_span(event: Event) -> tuple[datetime, datetime] | None:
    """A part of day's (or a range of parts') span in the venue's zone, as instants."""
    if not event.part_of_day or isinstance(event.start, datetime):
        return None
    zone = venue_zone(event)
    first, last = event.part_of_day[0], event.part_of_day[-1]
    begin = datetime.combine(event.start, PART_SPANS[first][0], tzinfo=zone)
    late_time, late_length = PART_SPANS[last]
    return begin, datetime.combine(event.start, late_time, tzinfo=zone) + late_length


def _block(
    timeline: Timeline,
    calendar: Calendar,
    event: Event,
    marks: Mapping[str, str],
    overlap: bool,
) -> Block:
    """An event placed on the axis, with what is known of its times."""
    start, end = event.start, event.end
    report = None if event.under_way_at is None else timeline.fraction(event.under_way_at)
    if isinstance(start, datetime) and isinstance(end, datetime):
        shape = Shape.OPEN if event.open_end or same_instant(end, start) else Shape.TIMED
        begin, finish = timeline.fraction(start), timeline.fraction(end)
    elif (parts := _part_span(event)) is not None:
        shape = Shape.VAGUE
        begin, finish = timeline.fraction(parts[0]), timeline.fraction(parts[1])
        if report is not None:
            begin, finish = min(begin, report), max(finish, report)
    else:
        assert report is not None
        shape, begin, finish = Shape.REPORT, report, report
    return Block(
        event_id=event.id,
        shape=shape,
        start=begin,
        end=finish,
        title=one_line(event.title),
        status=event.status,
        start_estimated=event.start_estimated or shape in (Shape.VAGUE, Shape.REPORT),
        end_estimated=event.end_estimated or shape is not Shape.TIMED,
        report=report,
        icc=bool(icc_reasons(calendar, event)),
        mark=marks.get(event.id, ""),
        overlap=overlap,
        who=_who(calendar, event) if timeline.lanes_by is LaneMode.VENUES else "",
    )


def _strip(
    calendar: Calendar, kind: LaneKind, events: Sequence[Event], marks: Mapping[str, str]
) -> Lane:
    chips = tuple(
        Block(
            event_id=event.id,
            shape=Shape.CHIP,
            start=0.0,
            end=0.0,
            title=one_line(event.title),
            status=event.status,
            icc=bool(icc_reasons(calendar, event)),
            mark=marks.get(event.id, ""),
            who=_who(calendar, event),
        )
        for event in events
    )
    return Lane(kind.value, kind.value, kind.value, kind, chips)


def _who(calendar: Calendar, event: Event) -> str:
    return ", ".join(short_name(calendar, pid) for pid in event.participants)


# --- moving between blocks ------------------------------------------------------------------
def lanes_of(timeline: Timeline, event_id: str) -> list[int]:
    """The lanes (by position) in which an event has a block."""
    return [
        n
        for n, lane in enumerate(timeline.lanes)
        if any(block.event_id == event_id for block in lane.blocks)
    ]


def step_in_lane(timeline: Timeline, lane: int, event_id: str, step: int) -> str:
    """The block ``step`` places on from ``event_id`` in ``lane``, in the day's order,
    stopping at the lane's ends."""
    ids = [block.event_id for block in timeline.lanes[lane].blocks]
    here = ids.index(event_id) if event_id in ids else 0
    return ids[max(0, min(len(ids) - 1, here + step))]


def step_lane(timeline: Timeline, lane: int, event_id: str, step: int) -> tuple[int, str]:
    """The neighbouring lane's block for the cursor: the same event if it is there, else
    the block nearest in time (the first, in a strip)."""
    target = max(0, min(len(timeline.lanes) - 1, lane + step))
    blocks = timeline.lanes[target].blocks
    if any(block.event_id == event_id for block in blocks):
        return target, event_id
    here = next((b for b in timeline.lanes[lane].blocks if b.event_id == event_id), None)
    if here is None or here.shape is Shape.CHIP:
        return target, blocks[0].event_id
    nearest = min(blocks, key=lambda b: (b.shape is Shape.CHIP, abs(b.start - here.start)))
    return target, nearest.event_id


def block_in(timeline: Timeline, lane: int, event_id: str) -> Block | None:
    """The block of ``event_id`` in ``lane``, if it has one."""
    if not 0 <= lane < len(timeline.lanes):
        return None
    return next((b for b in timeline.lanes[lane].blocks if b.event_id == event_id), None)
