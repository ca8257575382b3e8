"""IANA time zones, always from the tzdata package, never from the operating system.

The OS copy of the zone database can be years old (Kazakhstan moved to UTC+5 in 2024, Moldova
moved its clock change in 2022), so the answer would depend on the machine. The tzdata wheel
is installed with the program; emptying zoneinfo's search path makes every ZoneInfo in the
process, unpickled ones included, come from it.
"""

from __future__ import annotations

import difflib
import os
import zoneinfo
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

UTC_NAME = "UTC"

# Capitals whose city has no zone of its own, as a user may name them, and the zone they are
# on (shared/reference/facts.md: "Asia/Almaty (no Asia/Astana zone exists)").
CAPITAL_ZONES = {
    "astana": "Asia/Almaty",
    "nur-sultan": "Asia/Almaty",  # Astana's name from 2019 to 2022
}

zoneinfo.reset_tzpath(to=[])


@cache
def available_zones() -> frozenset[str]:
    """Every zone name the bundled tzdata knows."""
    names = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(names.split())


def is_zone(name: str) -> bool:
    """Whether ``name`` is an IANA zone known to the bundled tzdata."""
    return name in available_zones()


def find_zone(name: str) -> str | None:
    """The zone ``name`` names: itself, or the one zone it spells in another case
    ('pacific/auckland' -> 'Pacific/Auckland'); None when it names none, or several."""
    if is_zone(name):
        return name
    return _by_folded_name().get(name.strip().casefold())


@cache
def _by_folded_name() -> dict[str, str]:
    """Case-folded name -> zone, for the names that fold to one zone only."""
    folded: dict[str, list[str]] = {}
    for zone in available_zones():
        folded.setdefault(zone.casefold(), []).append(zone)
    return {key: zones[0] for key, zones in folded.items() if len(zones) == 1}


def suggest_zone(name: str) -> str | None:
    """The zone a user likely meant by a name that is not one: the zone of a capital that has
    none of its own ('Asia/Astana' -> 'Asia/Almaty'), the name in another case, or the
    nearest spelling; None when nothing is near."""
    city = name.strip().rsplit("/", 1)[-1].replace("_", " ").replace(" ", "-").casefold()
    if city in CAPITAL_ZONES:
        return CAPITAL_ZONES[city]
    found = find_zone(name)
    if found is not None:
        return found
    folded = _by_folded_name()
    if len(name) > 3 * max(map(len, folded)):  # difflib would index a huge word first
        return None
    close = difflib.get_close_matches(name.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def zone_hint(name: str) -> str:
    """' (did you mean "Asia/Almaty"?)' for a name that is not a zone, or ''."""
    near = suggest_zone(name)
    return f' (did you mean "{near}"?)' if near else ""


@cache
def get_zone(name: str) -> ZoneInfo:
    """The zone called ``name``, read from the tzdata package.

    Raises:
        KeyError: when tzdata has no such zone.
    """
    if not is_zone(name):
        raise KeyError(name)
    return ZoneInfo(name)


def zone_name(tz: tzinfo | None) -> str:
    """A readable name for a tzinfo: the IANA key where there is one, else its UTC offset."""
    if isinstance(tz, ZoneInfo):
        return tz.key
    if tz is None:
        return "floating"
    return tz.tzname(None) or "UTC"


def local_zone_name() -> str:
    """The viewer's zone name: ``$TZ`` if it names a zone, else the /etc/localtime link, else UTC.

    Only the name comes from the OS; its rules come from tzdata like every other zone.
    """
    candidates = [os.environ.get("TZ", "").removeprefix(":")]
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        target = ""
    parts = Path(target).parts
    if "zoneinfo" in parts:
        candidates.append("/".join(parts[parts.index("zoneinfo") + 1 :]))
    for name in candidates:
        if name and is_zone(name):
            return name
    return UTC_NAME


def wall_time_exists(moment: datetime) -> bool:
    """Whether an aware datetime's wall time happens in its zone (a clock change going
    forward skips some: 02:30 on 2025-03-30 in Europe/Berlin)."""
    back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return back.replace(tzinfo=None, fold=0) == moment.replace(tzinfo=None, fold=0)


def second_time_round(moment: datetime) -> bool:
    """Whether an aware datetime is the second of a local time a clock change repeats
    (fold 1): written without its offset, such a time reads as the first."""
    return bool(moment.fold) and moment.utcoffset() != moment.replace(fold=0).utcoffset()


def utc_offset_label(zone_name: str, on: date) -> str:
    """'UTC+05:00' for a zone at noon on a given day."""
    offset = datetime(on.year, on.month, on.day, 12, tzinfo=get_zone(zone_name)).utcoffset()
    return format_offset(offset or timedelta(0))


def format_offset(offset: timedelta) -> str:
    """'+05:00' style, 'UTC' for zero."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"
