"""Reading what is known of an event's times: estimates, all-day, part of day, reports.

The keys, with the reading each one has (the README's format section says the same):

- ``approximate = true`` marks every clock time the event gives as an estimate (old files
  used it so); ``approximate = ["end"]`` or ``["start"]`` marks just that one.
- ``all_day = true`` with a date ``start``: the event truly lasts the day(s).
- ``part_of_day = "evening"`` or a forward pair ``["afternoon", "evening"]`` with a date
  ``start``: the day is known, the time only roughly, in the venue's zone.
- a date ``start`` with neither: the time was not announced.
- ``under_way_at = 2025-10-08T22:38:00`` with a date ``start``: a news report's timestamp at
  which the event was already going on; never shown as a start.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from tui.core.loading.fields import Fields, did_you_mean, type_name
from tui.core.model import PartOfDay
from tui.core.toml.scanner import Path

ESTIMABLE = ("start", "end")
TIMING_KEYS = frozenset({"approximate", "all_day", "part_of_day", "under_way_at"})
PARTS = tuple(part.value for part in PartOfDay)

Times = tuple[datetime | date, datetime | date, bool]
ReadInstant = Callable[[object, Path], datetime | date | None]


class TimingReader:
    """Reads the timing keys of one event, recording problems in ``fields``."""

    def __init__(self, fields: Fields, raw: Mapping[str, Any], path: Path) -> None:
        self.fields = fields
        self.raw = raw
        self.path = path

    def read(self, times: Times, read_instant: ReadInstant) -> dict[str, Any] | None:
        """The Event keyword arguments for the timing keys; None when any is wrong."""
        before = len(self.fields.problems)
        start, end, explicit_end = times
        start_estimated, end_estimated = self.estimates(start, explicit_end)
        parts = self.parts(start, end)
        under_way = self.under_way(start, end, read_instant)
        all_day = self.all_day(start, bool(parts or under_way))
        errors = [p for p in self.fields.problems[before:] if p.severity == "error"]
        if errors:
            return None
        return {
            "start_estimated": start_estimated,
            "end_estimated": end_estimated,
            "all_day": all_day,
            "part_of_day": parts,
            "under_way_at": under_way,
        }

    def at(self, key: str, *more: int) -> Path:
        return (*self.path, key, *more)

    def estimates(self, start: datetime | date, explicit_end: bool) -> tuple[bool, bool]:
        """(start estimated, end estimated) from ``approximate``."""
        if "approximate" not in self.raw:
            return False, False
        value = self.raw["approximate"]
        timed = isinstance(start, datetime)
        if isinstance(value, bool):
            if value and not timed:
                message = '"approximate" has no effect here: a date "start" has no time to estimate'
                self.fields.warning(self.at("approximate"), message)
                return False, False
            # `true` marks every time the file gives; an end it does not give stays unknown.
            return value, value and explicit_end
        if not isinstance(value, list):
            message = (
                '"approximate" must be true, false or the times that are estimates, '
                f'such as ["end"], not {type_name(value)}'
            )
            self.fields.error(self.at("approximate"), message)
            return False, False
        named = self.estimated_names(value)
        if named and not timed:
            message = '"approximate" names clock times, but "start" is a date with no time'
            self.fields.error(self.at("approximate"), message)
        if "end" in named and not explicit_end:
            message = '"approximate" names "end", but the event has no "end" to estimate'
            self.fields.error(self.at("approximate"), message)
        return "start" in named, "end" in named

    def estimated_names(self, value: list[Any]) -> set[str]:
        named: set[str] = set()
        for index, item in enumerate(value):
            if item in ESTIMABLE:
                named.add(item)
                continue
            shown = f'"{item}"' if isinstance(item, str) else type_name(item)
            hint = did_you_mean(item, ESTIMABLE) if isinstance(item, str) else ""
            message = f'"approximate" lists "start" and "end" only, not {shown}{hint}'
            self.fields.error(self.at("approximate", index), message)
        return named

    def parts(self, start: datetime | date, end: datetime | date) -> tuple[PartOfDay, ...]:
        """The part of day, or the forward range of two parts."""
        if "part_of_day" not in self.raw:
            return ()
        value = self.raw["part_of_day"]
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not 1 <= len(items) <= 2:
            message = (
                '"part_of_day" must be a part such as "evening", or two for a range such as '
                f'["afternoon", "evening"], not {type_name(value)}'
            )
            self.fields.error(self.at("part_of_day"), message)
            return ()
        listed = isinstance(value, list)
        parts = [self.part(item, index, listed) for index, item in enumerate(items)]
        found = tuple(part for part in parts if part is not None)
        if len(found) == 2 and PARTS.index(found[0]) >= PARTS.index(found[1]):
            message = (
                f'a range of parts goes forward in the day, not from "{found[0]}" to "{found[1]}"'
            )
            self.fields.error(self.at("part_of_day"), message)
        if isinstance(start, datetime):
            message = (
                '"part_of_day" is for a time that is not known, but "start" gives one: '
                'give "start" as a date'
            )
            self.fields.error(self.at("part_of_day"), message)
        elif end != start:
            message = '"part_of_day" is for a one-day event, but "end" is another day'
            self.fields.error(self.at("part_of_day"), message)
        return found

    def part(self, item: object, index: int, listed: bool) -> PartOfDay | None:
        if isinstance(item, str) and item in PARTS:
            return PartOfDay(item)
        where = self.at("part_of_day", index) if listed else self.at("part_of_day")
        shown = f'"{item}"' if isinstance(item, str) else type_name(item)
        hint = did_you_mean(item, PARTS) if isinstance(item, str) else ""
        message = f'"part_of_day" must be one of {" | ".join(PARTS)}, not {shown}{hint}'
        self.fields.error(where, message)
        return None

    def under_way(
        self, start: datetime | date, end: datetime | date, read_instant: ReadInstant
    ) -> datetime | None:
        """The reported moment at which the event was going on, on one of its days."""
        if "under_way_at" not in self.raw:
            return None
        value = self.raw["under_way_at"]
        where = self.at("under_way_at")
        if not isinstance(value, datetime):
            message = (
                '"under_way_at" must be a date-time such as 2025-10-08T22:38:00, '
                f"not {type_name(value)}"
            )
            self.fields.error(where, message)
            return None
        if isinstance(start, datetime):
            message = (
                '"under_way_at" is for an event whose start is not known, but "start" '
                'gives a time: give "start" as a date'
            )
            self.fields.error(where, message)
            return None
        moment = read_instant(value, where)
        if not isinstance(moment, datetime):
            return None
        last = end.date() if isinstance(end, datetime) else end
        if not start <= moment.date() <= last:
            message = f'"under_way_at" ({value}) is not on the event\'s date ({start})'
            self.fields.error(where, message)
            return None
        return moment

    def all_day(self, start: datetime | date, other_timing: bool) -> bool:
        """Whether the event truly lasts the day(s)."""
        value = self.fields.flag(self.raw, self.path, "all_day")
        if not value:
            return False
        if isinstance(start, datetime):
            message = '"all_day = true" needs "start" as a date (2025-10-09), not a date-time'
            self.fields.error(self.at("all_day"), message)
        elif other_timing:
            message = '"all_day = true" cannot go with "part_of_day" or "under_way_at"'
            self.fields.error(self.at("all_day"), message)
        return True
