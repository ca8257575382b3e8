"""Fitting the header line to a width: the filter and zone stay whole; the title gives way
(and, before it, the optional "published 2 minutes ago")."""

from __future__ import annotations

from dataclasses import replace

from tui.core.present.screenful import Header
from tui.core.text import cells, shorten

GAP = 2  # columns between the parts of the header
MIN_TITLE = 12  # below this, the dates go before the title is cut further


def badges(header: Header) -> str:
    """'✖ file has errors (w)  ⚠ 2 warnings (w)', or ''."""
    parts = []
    if header.errors:
        parts.append("✖ file has errors (w)")
    if header.looking:
        parts.append("⚠ looking for warnings…")
    elif header.warnings:
        plural = "s" if header.warnings != 1 else ""
        parts.append(f"⚠ {header.warnings} warning{plural} (w)")
    return "  ".join(parts)


def state_text(header: Header) -> str:
    """'Filter: …  Zone: …', how far off the calendar is, and the badges: the part that
    must stay visible."""
    text = f"Filter: {header.filter or 'none'}  Zone: {header.zone}"
    if header.outside:
        text += f"  {header.outside}"
    if header.published:
        text += f"  {header.published}"
    extra = badges(header)
    return f"{text}  {extra}" if extra else text


def fit_header(header: Header, width: int) -> Header:
    """``header`` with the title, then the dates, then the filter shortened to fit ``width``.
    "published …" goes first when at least ``MIN_TITLE`` cells of the title would not fit
    beside it (before the dates: how fresh the shared copy is matters more, once shared)."""
    if header.published:
        least = min(cells(header.title), MIN_TITLE) + GAP
        if cells(state_text(header)) + least > width:
            header = replace(header, published="")
    state = cells(state_text(header))
    if state > width:
        # Even the state does not fit: keep the zone and badges whole, cut the filter.
        room = max(1, cells(header.filter or "none") - (state - width))
        return replace(header, title="", dates="", filter=shorten(header.filter or "none", room))
    room = width - state - GAP
    title, dates = header.title, header.dates
    if cells(title) + GAP + cells(dates) <= room:
        return header
    if room - GAP - cells(dates) >= MIN_TITLE:
        return replace(header, title=shorten(title, room - GAP - cells(dates)))
    return replace(header, title=shorten(title, room), dates="")
