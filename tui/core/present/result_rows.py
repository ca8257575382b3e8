"""Search results as rows of aligned plain text: date, time, the ICC mark, title, who.

Below ``COMPACT_BELOW`` columns (a search at 80x24) the date loses its year and the time
column says only where an event starts ('≈13:47', 'aft-eve', 'no time'), so the title keeps
the room; the details pane words the whole time of the highlighted result.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.model import Status
from tui.core.text import cells
from tui.core.views.search_results import SearchHit

ICC_MARK = "⚖"
COMPACT_BELOW = 80  # columns of the list


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One row: its event and day (to open it), the lead columns, and the text after them."""

    key: str  # unique per row: the event id
    lead: str  # 'Thu 9 Oct 2025  11:00  ⚖ ', padded so every row's title aligns
    title: str
    who: str
    status: Status


def result_rows(hits: tuple[SearchHit, ...], width: int = COMPACT_BELOW) -> tuple[ResultRow, ...]:
    """The rows of ``hits`` for a list ``width`` columns wide, their date and time columns
    as wide as the widest entry (compact below ``COMPACT_BELOW``)."""
    if not hits:
        return ()
    compact = width < COMPACT_BELOW
    dates = [h.short_date if compact else h.date_text for h in hits]
    times = [h.short_time if compact else h.time for h in hits]
    date_width = max(cells(text) for text in dates)
    time_width = max(cells(text) for text in times)
    gap = " " if compact else "  "
    marked = any(h.icc for h in hits)
    rows = []
    for hit, day, time in zip(hits, dates, times, strict=True):
        mark = (f"{ICC_MARK} " if hit.icc else "  ") if marked else ""
        lead = f"{day:<{date_width}}{gap}{time:<{time_width}}{gap}{mark}"
        rows.append(ResultRow(hit.event_id, lead, hit.title, hit.who, hit.status))
    return tuple(rows)
