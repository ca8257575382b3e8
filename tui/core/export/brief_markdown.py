"""The brief as Markdown: a section per day, sources as numbered notes under each day."""

from __future__ import annotations

from tui.core.export.brief import Brief, BriefDay, BriefEvent
from tui.core.export.text_safety import markdown_inline
from tui.core.model import Status


def brief_markdown(brief: Brief) -> str:
    """The whole brief."""
    lines = [
        f"# {markdown_inline(brief.title)}",
        "",
        f"Times in the venue's zone ({markdown_inline(brief.venue_zone)}), "
        f"then in {markdown_inline(brief.second_zone)}.",
        "",
    ]
    for paragraph in brief.description.split("\n\n"):
        if paragraph.strip():
            lines += [markdown_inline(paragraph), ""]
    for day in brief.days:
        lines += _day(day)
    if not brief.days:
        lines += ["No events match.", ""]
    return "\n".join(lines)


def _day(day: BriefDay) -> list[str]:
    lines = [f"## Day {day.number}: {day.heading}", ""]
    for event in day.events:
        lines += event_lines(event)
    if day.sources:
        lines += ["### Sources", ""]
        lines += [f"{n}. {markdown_inline(s)}" for n, s in enumerate(day.sources, start=1)]
        lines.append("")
    return lines


def event_lines(event: BriefEvent) -> list[str]:
    """One event as Markdown lines: a heading, the times, what is known, who, ICC, text."""
    status = "" if event.status is Status.CONFIRMED else f" ({event.status.value})"
    notes = "".join(f" \\[{n}\\]" for n in event.notes)
    lines = [
        f"### {markdown_inline(event.title)}{status}{notes}",
        "",
        f"**{markdown_inline(event.venue_time)}** ({markdown_inline(event.second_time)})"
        f" · {event.kind}"
        + (f" · {markdown_inline(event.location)}" if event.location else "")
        + (f" · hosted by {markdown_inline(event.host)}" if event.host else ""),
        "",
    ]
    if event.timing:
        lines += [markdown_inline(event.timing), ""]
    for person in event.people:
        title = f", {markdown_inline(person.title)}" if person.title else ""
        country = f" ({markdown_inline(person.country)})" if person.country else ""
        lines.append(f"- {markdown_inline(person.name)}{title}{country}")
    if event.people:
        lines.append("")
    lines += [f"**ICC:** {markdown_inline(reason)}" for reason in event.icc]
    if event.icc:
        lines.append("")
    for paragraph in event.description.split("\n\n"):
        if paragraph.strip():
            lines += [markdown_inline(paragraph), ""]
    return lines
