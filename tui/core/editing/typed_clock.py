"""A time of day as a person types it in the event form: '9:30', '09:30', '19:00:00'.

A wrong one is told what to change, not only that it is wrong: the hours or minutes out of
range, a 12-hour time, a dot or an 'h' for the colon.
"""

from __future__ import annotations

import re
from datetime import time

_ONE_DIGIT_HOUR = re.compile(r"\d(?=$|:)")  # '9:30', '9': the hour without its leading 0
_NUMBERS = re.compile(r"(\d{1,2})[:.h](\d{1,2})(?::(\d{1,2}))?")
_TWELVE_HOUR = re.compile(r".*\d\s*[ap]\.?\s*m\.?", re.IGNORECASE)


def clock_of(text: str) -> time:
    """The time ``text`` says on the 24-hour clock; the hour may have one digit.

    Raises:
        ValueError: saying what to change ('the hours go from 0 to 23').
    """
    typed = text.strip()
    padded = "0" + typed if _ONE_DIGIT_HOUR.match(typed) else typed
    try:
        return time.fromisoformat(padded)
    except ValueError:
        raise ValueError(f'"{typed}" is not a time: {_what_to_fix(typed)}') from None


def _what_to_fix(typed: str) -> str:
    if _TWELVE_HOUR.fullmatch(typed):
        return "write it on the 24-hour clock, as 19:00 for 7 pm"
    found = _NUMBERS.fullmatch(typed)
    if found is None:
        return "write the hours and minutes, as 9:30 or 19:00 (24-hour)"
    hours, minutes, seconds = (int(part or 0) for part in found.groups())
    if hours > 23:
        return "the hours go from 0 to 23 (24-hour)"
    if minutes > 59 or seconds > 59:
        return "the minutes go from 00 to 59"
    if ":" not in typed or len(found.group(2)) != 2:
        return f"write it as {hours}:{minutes:02}"
    return "write the hours and minutes, as 9:30 or 19:00 (24-hour)"
