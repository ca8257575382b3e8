"""The texts that search looks in, case-folded, kept as UTF-8 in one ``bytes``.

One ``str`` per event cost two bytes a character whenever one character of it was
Cyrillic, and a header each (5.8 MB at 10,000 events); UTF-8 in one piece costs one byte a
Latin character, two a Cyrillic one, and the events' bounds 4 bytes each (3 MB).

Searching the bytes is exact: UTF-8 never encodes a character inside another's bytes, so a
folded word, encoded the same way, is found in a text's bytes exactly when it is found in
the text. Fields are joined by a line break and events end with a 0xFF byte, which UTF-8
never uses: a query word holds neither, so it never matches across two fields or events.
"""

from __future__ import annotations

import io
from array import array
from bisect import bisect_right
from collections.abc import Sequence

from tui.core.model import Calendar

END = b"\xff"  # after each event's text: no UTF-8 text holds this byte
_LARGEST_UINT = 2**32 - 1  # an array("I") holds bounds up to this


def folded(text: str) -> bytes:
    """``text`` case-folded and encoded as the search texts are (a lone surrogate, which
    JSON may carry, passes instead of failing the whole index)."""
    return text.casefold().encode("utf-8", "surrogatepass")


def query_words(text: str) -> list[bytes]:
    """The words of a search, each ``folded``: an event matches when it holds them all."""
    return [folded(word) for word in text.split()]


class SearchTexts:
    """Position -> the case-folded title, description, place and participants' names and
    aliases of the event, one per line, as UTF-8 (see the module docstring)."""

    def __init__(self, calendar: Calendar) -> None:
        people = calendar.participants
        names = {pid: "\n".join((p.name, *p.aliases)) for pid, p in people.items()}
        # Written into one buffer and taken out without a copy, so that building the
        # texts never holds them twice.
        buffer = io.BytesIO()
        write, tell = buffer.write, buffer.tell
        starts = array("q")
        for event in calendar.events:
            starts.append(tell())
            fields = (event.title, event.description, event.location)
            write(folded("\n".join((*fields, *(names.get(p, "") for p in event.participants)))))
            write(END)
        starts.append(tell())
        self._text = buffer.getvalue()
        # Position n's text lies in [starts[n], starts[n + 1]), its END included.
        self._starts = array("I", starts) if starts[-1] <= _LARGEST_UINT else starts

    def __len__(self) -> int:
        return len(self._starts) - 1

    def having(self, word: bytes, pool: Sequence[int] | None = None) -> list[int]:
        """The positions in ``pool`` (None: every event), in their order, whose text holds
        ``word`` (a ``folded`` word, without whitespace)."""
        find, starts = self._text.find, self._starts
        if pool is not None:
            return [n for n in pool if find(word, starts[n], starts[n + 1]) != -1]
        if not word:
            return list(range(len(self)))
        # Every event: the search runs through the whole text in C, and jumps to the next
        # event after each hit, so the loop turns once per event found, not per event.
        found: list[int] = []
        n = 0
        at = find(word)
        while at != -1:
            if at >= starts[n + 1]:  # a later event's: usually the next one
                n = n + 1 if at < starts[n + 2] else bisect_right(starts, at, n + 1) - 1
            found.append(n)
            n += 1
            at = find(word, starts[n])
        return found
