"""The brief as one self-contained HTML page, laid out for printing from a browser.

No script, no external resource: a print stylesheet puts each day on its own page. Every
piece of calendar text goes through ``html_text``; a source becomes a link only when it is
an http(s) address, and is written out in full beside it, so paper keeps it.
"""

from __future__ import annotations

import re

from tui.core.export.brief import Brief, BriefDay, BriefEvent
from tui.core.export.text_safety import html_text
from tui.core.model import Status

# An address to link: http(s), printable ASCII with nothing that could end the attribute.
_ADDRESS = re.compile(r"https?://[!#-;=?-~]+")

STYLE = """
body { font: 11pt/1.4 Georgia, "DejaVu Serif", serif; margin: 2em auto; max-width: 48em;
       color: #111; }
h1 { font-size: 1.5em; margin: 0 0 .3em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #999; margin-top: 1.5em; }
.zones, .notes, .meta { color: #444; font-size: .9em; }
.event { margin: 1em 0; break-inside: avoid; }
.event h3 { font-size: 1.05em; margin: 0; }
.time { font-variant-numeric: tabular-nums; font-weight: bold; }
.second { color: #555; }
.cancelled h3 { text-decoration: line-through; }
.icc { border-left: 3px solid #a00; padding-left: .5em; }
.description { white-space: pre-line; }
ol.sources { font-size: .85em; word-break: break-all; }
@media print {
  @page { margin: 18mm 16mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  section.day { break-after: page; }
  section.day:last-child { break-after: auto; }
  a { color: inherit; text-decoration: none; }
}
"""


def brief_html(brief: Brief) -> str:
    """The whole page."""
    head = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html_text(brief.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    )
    intro = (
        f"<header>\n<h1>{html_text(brief.title)}</h1>\n"
        f'<p class="zones">Times in the venue\'s zone ({html_text(brief.venue_zone)}), '
        f"then in {html_text(brief.second_zone)}.</p>\n"
        + "".join(
            f'<p class="description">{html_text(p)}</p>\n'
            for p in brief.description.split("\n\n")
            if p.strip()
        )
        + "</header>\n"
    )
    days = "".join(_day(day) for day in brief.days) or "<p>No events match.</p>\n"
    return head + intro + days + "</body>\n</html>\n"


def _day(day: BriefDay) -> str:
    events = "".join(_event(day.number, event) for event in day.events)
    notes = "".join(
        f'<li id="d{day.number}-n{n}">{_source(source)}</li>\n'
        for n, source in enumerate(day.sources, start=1)
    )
    sources = f'<h4>Sources</h4>\n<ol class="sources">\n{notes}</ol>\n' if notes else ""
    return (
        f'<section class="day" id="day-{day.number}">\n'
        f"<h2>Day {day.number}: {html_text(day.heading)}</h2>\n{events}{sources}</section>\n"
    )


def _event(number: int, event: BriefEvent) -> str:
    classes = "event" + (" cancelled" if event.status is Status.CANCELLED else "")
    classes += " icc" if event.icc else ""
    status = "" if event.status is Status.CONFIRMED else f" ({event.status.value})"
    marks = "".join(f'<sup><a href="#d{number}-n{n}">[{n}]</a></sup>' for n in event.notes)
    lines = [
        f'<div class="{classes}">',
        f'<p><span class="time">{html_text(event.venue_time)}</span> '
        f'<span class="second">({html_text(event.second_time)})</span></p>',
        f"<h3>{html_text(event.title)}{status}{marks}</h3>",
        f'<p class="meta">{html_text(_meta(event))}</p>',
    ]
    if event.timing:
        lines.append(f'<p class="meta">{html_text(event.timing)}</p>')
    if event.people:
        people = "".join(
            f"<li>{html_text(p.name)}"
            + (f", {html_text(p.title)}" if p.title else "")
            + (f" ({html_text(p.country)})" if p.country else "")
            + "</li>"
            for p in event.people
        )
        lines.append(f'<ul class="people">{people}</ul>')
    lines += [f'<p class="icc-note"><strong>ICC:</strong> {html_text(r)}</p>' for r in event.icc]
    if event.description:
        lines.append(f'<p class="description">{html_text(event.description)}</p>')
    lines.append("</div>\n")
    return "\n".join(lines)


def _meta(event: BriefEvent) -> str:
    parts = [event.kind]
    if event.location:
        parts.append(event.location)
    if event.host:
        parts.append(f"hosted by {event.host}")
    return " · ".join(parts)


def _source(source: str) -> str:
    text = html_text(source)
    if _ADDRESS.fullmatch(source):
        return f'<a href="{text}">{text}</a>'
    return text
