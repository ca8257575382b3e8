"""Reading a start or end: a date, a local date-time in a zone, or an offset date-time.

A local time that a clock change skips or repeats is kept, with a warning that says which
instant was taken, so the check never silently moves an event.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from tui.core.loading.fast_path import YEARS
from tui.core.loading.fields import Fields, type_name
from tui.core.toml.scanner import Path
from tui.core.zones import format_offset


def out_of_range(key: str, value: date) -> str:
    """The message for a time too close to the ends of the calendar."""
    return f'"{key}" ({value.isoformat()}) must lie in the years {YEARS[0]} to {YEARS[-1]}'


class InstantReader:
    """Reads instants into the model, recording each problem in ``fields``."""

    def __init__(self, fields: Fields) -> None:
        self.fields = fields

    def read(
        self, value: object, path: Path, zone: ZoneInfo, zone_given: bool
    ) -> datetime | date | None:
        key = str(path[-1])
        if isinstance(value, date) and value.year not in YEARS:
            self.fields.error(path, out_of_range(key, value))
            return None
        if isinstance(value, datetime):
            if value.tzinfo is None:
                return self._local_time(value, path, zone)
            # An offset has no IANA zone; an explicit event zone gives it one.
            return value.astimezone(zone) if zone_given else value
        if isinstance(value, date):
            return value
        self.fields.error(
            path,
            f'"{key}" must be a date (2025-10-09), a local date-time (2025-10-09T11:00:00) '
            f"or an offset date-time, not {type_name(value)}",
        )
        return None

    def _local_time(self, value: datetime, path: Path, zone: ZoneInfo) -> datetime:
        aware = value.replace(tzinfo=zone)
        offset = aware.utcoffset()
        if offset == aware.replace(fold=1).utcoffset():
            return aware  # the usual time: neither skipped nor repeated by a clock change
        taken = aware.astimezone(UTC).astimezone(zone)
        if taken.replace(tzinfo=None) != value:
            # zoneinfo (fold 0), RFC 5545 and pendulum all read it with the offset before
            # the change: as far past the change as it was meant past the old offset.
            at = format_offset(taken.utcoffset() or timedelta(0))
            msg = (
                f"{value:%Y-%m-%d %H:%M} does not exist in {zone.key} (a clock change skips "
                f"it); it is read as {taken:%H:%M} ({at})"
            )
            self.fields.warning(path, msg)
        else:
            # A clock change repeats this hour; fold=0, the first time round, is kept.
            first = format_offset(offset or timedelta(0))
            msg = (
                f"local time {value:%Y-%m-%dT%H:%M} in {zone.key} happens twice; "
                f"the first ({first}) is used"
            )
            self.fields.warning(path, msg)
        return aware
