"""Search results as rows of aligned plain text: date, time, the ICC mark, title, who."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.model import Status
from tui.core.text import cells
from tui.core.views.search_results import SearchHit

ICC_MARK = "⚖"


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One row: its event and day (to open it), the lead columns, and the text after them."""

    key: str  # unique per row: the event id
    lead: str  # 'Thu 9 Oct 2025  11:00  ⚖ ', padded so every row's title aligns
    title: str
    who: str
    status: Status


def result_rows(hits: tuple[SearchHit, ...]) -> tuple[ResultRow, ...]:
    """The rows of ``hits``, their date and time columns as wide as the widest entry."""
    if not hits:
        return ()
    date_width = max(cells(h.date_text) for h in hits)
    time_width = max(cells(h.time) for h in hits)
    marked = any(h.icc for h in hits)
    rows = []
    for hit in hits:
        mark = (f"{ICC_MARK} " if hit.icc else "  ") if marked else ""
        lead = f"{hit.date_text:<{date_width}}  {hit.time:<{time_width}}  {mark}"
        rows.append(ResultRow(hit.event_id, lead, hit.title, hit.who, hit.status))
    return tuple(rows)
