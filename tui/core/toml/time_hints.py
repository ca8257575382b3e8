"""What to fix in a date or time that TOML refused, said in words.

``tomllib`` reads ``2025-10-09T11:00`` as the date 2025-10-09 followed by stray text and
says "Expected newline or end of document after a statement"; it says the same of
``T25:00:00``. ``time_hint`` looks at the value at the error's place and, when it is a date
or time written almost right, says what is wrong ("times need seconds: write
2025-10-09T11:00:00", "hour 25 is out of range (00 to 23)") and where it begins.

Times without seconds are TOML 1.1, which diplocal does not accept: the file stays TOML 1.0,
which ``tomllib`` (the authority, see ``tui.core.toml.parse``) and every TOML 1.0 tool read.
"""

from __future__ import annotations

import calendar
import re

# A date, perhaps with a time, as far as it looks like one: the digits' widths are loose so
# that a one-digit hour is caught too. A local time alone (11:00) also matches.
_VALUE = re.compile(
    r"(?<![\w.:\"'-])"
    r"(?:(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?P<sep>[Tt ](?=\d))?)?"
    r"(?:(?P<hour>\d{1,2}):(?P<minute>\d{1,2})(?::(?P<second>\d{1,2})(?P<fraction>\.\d+)?)?"
    r"(?P<offset>[Zz]|[+-]\d{1,2}:\d{1,2})?)?"
)
# What tomllib says when a value stops short: a date read where a date-time was meant.
_CUT_SHORT = (
    "Expected newline or end of document after a statement",
    "Invalid date or datetime",
    "Unclosed array",
    "Unclosed inline table",
)
_RANGES = (("month", 1, 12), ("hour", 0, 23), ("minute", 0, 59), ("second", 0, 59))


def time_hint(text: str, line: int, column: int, detail: str) -> tuple[int, str] | None:
    """(column, message) for the date or time around ``line``:``column`` (1-based) of
    ``text`` that TOML refused with ``detail``, or None when the error is not in one."""
    if not detail.startswith(_CUT_SHORT):
        return None  # an unclosed string, say, whose text may hold a time
    for found in _VALUE.finditer(_line_text(text, line)):
        if found.group() and found.start() <= column - 1 <= found.end():
            message = _message(found)
            if message is not None:
                return found.start() + 1, message
    return None


def _line_text(text: str, line: int) -> str:
    """Line ``line`` of ``text``, found without splitting a large file into lines."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if not start:
            return ""
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def _message(found: re.Match[str]) -> str | None:
    parts = found.groupdict()
    if parts["year"] is None and parts["second"] is not None:
        return None  # a whole local time: not what TOML refused
    for name in ("month", "day", "hour", "minute", "second"):
        value = parts[name]
        if value is not None and len(value) != 2:
            return f"write the {name} with two digits ({int(value):02d}), as in {_example(parts)}"
    for name, low, high in _RANGES:
        value = parts[name]
        if value is not None and not low <= int(value) <= high:
            return f"{name} {value} is out of range ({low:02d} to {high:02d})"
    if parts["year"] is not None:
        year, month, day = int(parts["year"]), int(parts["month"]), int(parts["day"])
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            month_name = calendar.month_name[month]
            return f"day {parts['day']} is out of range: {month_name} {year} has {days} days"
    offset = parts["offset"]
    if offset and offset not in "Zz":
        hours, minutes = (int(n) for n in offset[1:].split(":"))
        if hours > 23 or minutes > 59:
            return f"the offset {offset} is out of range (-23:59 to +23:59)"
    if parts["hour"] is not None and parts["second"] is None:
        return f"times need seconds: write {_example(parts)}"
    return None


def _example(parts: dict[str, str | None]) -> str:
    """The value written right, as far as it can be: two digits each, seconds added."""

    def two(name: str, default: str = "00") -> str:
        value = parts[name]
        return f"{int(value):02d}" if value is not None else default

    clock = f"{two('hour')}:{two('minute')}:{two('second')}{parts['fraction'] or ''}"
    clock += parts["offset"] or ""
    if parts["year"] is None:
        return clock
    day = f"{parts['year']}-{two('month', '01')}-{two('day', '01')}"
    return f"{day}{parts['sep'] or 'T'}{clock}" if parts["hour"] is not None else day
