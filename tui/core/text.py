"""Making calendar text safe to show or write, without changing what it says."""

from __future__ import annotations

import re
from unicodedata import combining, east_asian_width

# C0 controls except tab and newline, DEL and C1 controls: an ESC in a title must not
# reach a terminal or an .ics file as a live escape sequence.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture", e.g. ␛ for ESC
    return "\u2421" if code == 0x7F else f"<U+{code:04X}>"


def printable(text: str) -> str:
    """``text`` with control characters shown as visible symbols; tabs and newlines kept."""
    return _CONTROL.sub(_picture, text)


def one_line(text: str) -> str:
    """``printable(text)`` on a single line: newlines and tabs become spaces."""
    return " ".join(printable(text).split())


def cells(text: str) -> int:
    """How many terminal columns ``text`` takes: wide (East Asian) characters take two."""
    return sum(2 if east_asian_width(ch) in "WF" else 0 if combining(ch) else 1 for ch in text)


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, ending in '…' when cut; '' when nothing fits."""
    if cells(text) <= width:
        return text
    if width <= 0:
        return ""
    kept, used = [], 0
    for ch in text:
        size = cells(ch)
        if used + size > width - 1:
            break
        kept.append(ch)
        used += size
    return "".join(kept) + "…"
