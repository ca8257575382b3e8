"""The agenda as records: the JSON document (a stable, versioned schema) and CSV rows.

The schema is documented in the README ("Agenda as JSON"). Version 1; a field is never
renamed or removed without a new version. Instants are given twice, in UTC (``Z``) and in
the venue's zone (with its offset), and the zone's IANA name beside them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import UTC, date, datetime, tzinfo

from tui.core.export.text_safety import csv_cell, json_document
from tui.core.icc import icc_reasons
from tui.core.model import Event, date_of
from tui.core.views.filter import ZoneMode, display_zone
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import time_range, zone_name

SCHEMA = "diplocal-agenda"
SCHEMA_VERSION = 1

CSV_COLUMNS = (
    "id",
    "date",
    "title",
    "status",
    "kind",
    "when",
    "timezone",
    "start_utc",
    "start_venue",
    "end_utc",
    "end_venue",
    "start_date",
    "end_date",
    "all_day",
    "part_of_day",
    "time_not_announced",
    "start_estimated",
    "end_estimated",
    "end_given",
    "under_way_at_utc",
    "location",
    "host",
    "participants",
    "countries",
    "icc",
)


def utc_text(moment: datetime | None) -> str | None:
    """'2025-10-09T06:00:00Z', or None."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def venue_text(moment: datetime | None, zone: tzinfo) -> str | None:
    """'2025-10-09T11:00:00+05:00': the instant in the venue's zone, or None."""
    return None if moment is None else moment.astimezone(zone).isoformat()


def _dates(event: Event, zone: tzinfo) -> tuple[date, date]:
    start, end = event.start, event.end
    if isinstance(start, datetime) and isinstance(end, datetime):
        return start.astimezone(zone).date(), end.astimezone(zone).date()
    return date_of(start), date_of(end)


def event_record(index: CalendarIndex, event: Event, days: list[date]) -> dict[str, object]:
    """One event of the JSON document: what it is, when (and what is known of it), who."""
    calendar = index.calendar
    zone = display_zone(event, ZoneMode.EVENT, UTC)
    timed = isinstance(event.start, datetime)
    start = event.start if isinstance(event.start, datetime) else None
    end = event.end if isinstance(event.end, datetime) and not event.open_end else None
    first, last = _dates(event, zone)
    return {
        "id": event.id,
        "title": event.title,
        "status": event.status.value,
        "kind": event.kind.value,
        "days": [day.isoformat() for day in days],
        "timezone": zone_name(zone) if timed or event.timezone else None,
        "when": time_range(event, zone, days[0] if days else None),
        "start_utc": utc_text(start),
        "start_venue": venue_text(start, zone),
        "end_utc": utc_text(end),
        "end_venue": venue_text(end, zone),
        "start_date": first.isoformat(),
        "end_date": last.isoformat(),
        "all_day": event.all_day,
        "part_of_day": [part.value for part in event.part_of_day],
        "time_not_announced": event.time_not_announced,
        "start_estimated": event.start_estimated,
        "end_estimated": event.end_estimated,
        "end_given": event.explicit_end or event.dated,
        "under_way_at_utc": utc_text(event.under_way_at),
        "under_way_at_venue": venue_text(event.under_way_at, zone),
        "location": event.location,
        "host": event.host,
        "participants": [
            {
                "id": pid,
                "name": calendar.participants[pid].name,
                "title": calendar.participants[pid].title,
                "country": calendar.participants[pid].country,
            }
            for pid in event.participants
        ],
        "countries": sorted(index.countries_for(event)),
        "icc": icc_reasons(calendar, event),
        "description": event.description,
        "sources": list(event.sources),
    }


def _listed(days: Mapping[date, list[Event]]) -> dict[str, tuple[Event, list[date]]]:
    """Each event once, in order of its first day, with every day it is listed on."""
    found: dict[str, tuple[Event, list[date]]] = {}
    for day, events in days.items():
        for event in events:
            found.setdefault(event.id, (event, []))[1].append(day)
    return found


def agenda_json(
    index: CalendarIndex, days: Mapping[date, list[Event]], window: Mapping[str, object]
) -> str:
    """The JSON document: schema and version, the calendar, the window, the events."""
    calendar = index.calendar
    document = {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "calendar": {"id": calendar.id, "title": calendar.title, "timezone": calendar.timezone},
        "window": dict(window),
        "events": [event_record(index, e, shown) for e, shown in _listed(days).values()],
    }
    return json_document(document)


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):  # participants by name, the rest as they are
        return "; ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return _plain(value.get("name"))
    return str(value)


def _cell(value: object) -> str:
    return csv_cell(_plain(value))


def agenda_csv(index: CalendarIndex, days: Mapping[date, list[Event]]) -> str:
    """One row per event under a header row, RFC 4180: CRLF, fields quoted when needed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event, shown in _listed(days).values():
        record = event_record(index, event, shown)
        record["date"] = record["days"][0] if isinstance(record["days"], list) else ""
        writer.writerow([_cell(record[column]) for column in CSV_COLUMNS])
    return out.getvalue()
