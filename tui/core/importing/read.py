"""Reading an .ics file: bytes in, icalendar components out, or a located error.

The icalendar library is lenient: a line it cannot read becomes an entry in a component's
``errors``, and a file that is not iCalendar at all raises a ValueError without a line. So
the structure is checked here first, line by line, and every problem is a ``Diagnostic``
with the line of the .ics it is on (physical lines, as an editor counts them). Components
are then found in file order, so the n-th VEVENT knows the line its BEGIN stood on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import icalendar
import x_wr_timezone

from tui.core.errors import CalendarError, Diagnostic

# A content line: a name, then parameters, then ':' (RFC 5545 3.1; names are liberal here).
_NAME = re.compile(r"[A-Za-z0-9-]+(?=[;:])")
_LIMIT = 50_000_000  # bytes: larger files are refused, not read into memory


@dataclass(frozen=True, slots=True)
class IcsFile:
    """One source, read: its VCALENDARs (X-WR-TIMEZONE already made standard) and, for each
    component named in ``component_lines``, the line of its BEGIN, in file order."""

    name: str
    calendars: tuple[icalendar.Calendar, ...]
    component_lines: dict[str, tuple[int, ...]]
    wr_timezone: str | None = None  # X-WR-TIMEZONE, a zone for a new calendar


def _error(name: str, line: int, message: str) -> CalendarError:
    return CalendarError([Diagnostic(name, line, 1 if line else 0, message)])


def _decode(data: bytes, name: str) -> str:
    if len(data) > _LIMIT:
        raise _error(name, 0, f"larger than {_LIMIT // 1_000_000} MB; not read")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _error(name, line, "not UTF-8 text (RFC 5545 files are UTF-8)") from None


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with the physical line each starts on; blank lines skipped."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and lines:
            first, line = lines[-1]
            lines[-1] = (first, line + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    return lines


def check_structure(text: str, name: str) -> dict[str, list[int]]:
    """Every line a content line, BEGIN and END paired, one or more VCALENDARs.

    Returns the line of each component's BEGIN, by component name.

    Raises:
        CalendarError: the first problem, with its line.
    """
    lines = _logical_lines(text)
    if not lines or lines[0][1].upper() != "BEGIN:VCALENDAR":
        where = lines[0][0] if lines else 1
        raise _error(name, where, "not an iCalendar file: it must begin with BEGIN:VCALENDAR")
    open_: list[tuple[str, int]] = []
    begins: dict[str, list[int]] = {}
    for number, line in lines:
        if not _NAME.match(line):
            shown = line if len(line) <= 40 else line[:40] + "..."
            raise _error(name, number, f'not a content line "NAME:value": "{shown}"')
        head, _, value = line.partition(":")
        keyword = head.upper()
        if keyword == "BEGIN":
            component = value.strip().upper()
            if not open_ and component != "VCALENDAR":
                raise _error(name, number, f"BEGIN:{component} outside a VCALENDAR")
            open_.append((component, number))
            begins.setdefault(component, []).append(number)
        elif keyword == "END":
            component = value.strip().upper()
            if not open_ or open_[-1][0] != component:
                expected = f"END:{open_[-1][0]}" if open_ else "nothing"
                raise _error(name, number, f"END:{component} where {expected} was expected")
            open_.pop()
        elif not open_:
            raise _error(name, number, "a property outside any component")
    if open_:
        component, number = open_[-1]
        raise _error(name, number, f"BEGIN:{component} is never ended (the file is cut short?)")
    return begins


def read_ics(data: bytes, name: str) -> IcsFile:
    """Parse an .ics file.

    Raises:
        CalendarError: not UTF-8, not iCalendar, or broken structure; located by line.
    """
    text = _decode(data, name)
    begins = check_structure(text, name)
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except (ValueError, IndexError, KeyError) as error:
        raise _error(name, 0, f"not valid iCalendar: {error}") from None
    standard = []
    zone = None
    for calendar in calendars:
        zone = zone or _wr_timezone(calendar)
        try:
            standard.append(x_wr_timezone.to_standard(calendar))
        except (ValueError, KeyError) as error:
            raise _error(name, 0, f"X-WR-TIMEZONE cannot be used: {error}") from None
    _check_values(calendars, _logical_lines(text), name)
    lines = {component: tuple(numbers) for component, numbers in begins.items()}
    return IcsFile(name, tuple(standard), lines, zone)


def _check_values(
    calendars: list[icalendar.Calendar], lines: list[tuple[int, str]], name: str
) -> None:
    """A value the library could not read (a malformed DTSTART...) is an error at its line.

    Components are walked in file order, as their BEGIN lines are, so the n-th BEGIN of
    the file is the n-th component walked.
    """
    begins = [i for i, (_, line) in enumerate(lines) if line.upper().startswith("BEGIN:")]
    walked = [c for calendar in calendars for c in calendar.walk()]
    for component, begin in zip(walked, begins, strict=False):
        if not component.errors:
            continue
        wrong, message = component.errors[0]
        number = lines[begin][0]
        for at, line in lines[begin + 1 :]:
            if line.upper().startswith(("BEGIN:", "END:")):
                break
            match = _NAME.match(line)
            if match and match[0].upper() == str(wrong).upper():
                number = at
                break
        raise _error(name, number, f"{component.name} {wrong}: {message}")


def _wr_timezone(calendar: icalendar.Calendar) -> str | None:
    value = calendar.get("X-WR-TIMEZONE")
    return str(value).strip() or None if value is not None else None


def calendar_name(ics: IcsFile) -> str | None:
    """The title the file gives itself (X-WR-CALNAME, else RFC 7986 NAME)."""
    from tui.core.importing.mapping import text_of  # mapping reads files; not the other way

    for calendar in ics.calendars:
        for key in ("X-WR-CALNAME", "NAME"):
            value = text_of(calendar.get(key))
            if value.strip():
                return value
    return None
