"""Styling only: the presenter's plain data turned into Rich Text. No decisions are made here.

Calendar strings always enter as plain ``Text``, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import Text

from tui.core.model import Status
from tui.core.present.details import DetailLine, LineKind
from tui.core.text import wrap_at_breaks

# One glyph per kind of change, beside the kind's name: 'moved' reads without a legend.
CHANGE_MARKS = {"added": "+", "cancelled": "✗", "moved": "↦", "changed": "✎"}
STATUS_STYLE = {Status.CONFIRMED: "", Status.TENTATIVE: "italic", Status.CANCELLED: "strike dim"}


def status_text(status: Status) -> Text:
    """The status, styled so tentative and cancelled stand out."""
    if status is Status.CONFIRMED:
        return Text("confirmed", style="dim")
    return Text(status.value.upper(), style="bold " + STATUS_STYLE[status])


def details_text(lines: Iterable[DetailLine], width: int = 0) -> Text:
    """The details pane: one styled line (or paragraph) per presenter line. Given the
    pane's ``width``, a source URL wider than it is broken after a slash, ``?``, ``&``, ``#``
    or a dash, not at whatever column it reaches (only a part wider still is folded)."""
    text = Text(overflow="fold")
    for line in lines:
        if line.kind is LineKind.LINK and width > 0:
            link = Style(link=line.text, underline=True)  # every piece opens the same URL
            for piece in wrap_at_breaks(line.text, width):
                text.append(piece, style=link).append("\n")
        else:
            _append(text, line)
    text.rstrip()
    return text


def _append(text: Text, line: DetailLine) -> None:
    kind = line.kind
    status_style = STATUS_STYLE[line.status] if line.status else ""
    if kind is LineKind.TITLE:
        text.append(line.text + "\n", style="bold " + status_style)
    elif kind is LineKind.FIELD:
        text.append(f"{line.label}: ", style="bold")
        if line.status is not None:
            text.append_text(status_text(line.status)).append("\n")
        else:
            text.append(line.text + "\n")
    elif kind is LineKind.NOTE:
        text.append(line.text + "\n", style="italic")
    elif kind is LineKind.MARK:
        text.append(f"{line.label}", style="bold reverse").append(" " + line.text + "\n")
    elif kind is LineKind.HEADING:
        text.append("\n" + line.text + "\n", style="bold underline")
    elif kind is LineKind.BULLET:
        text.append("• " + line.text + "\n")
    elif kind is LineKind.LINK:
        # A terminal hyperlink (OSC 8) only to the target the core vouched for (http(s),
        # nothing an escape could ride on); any other source is plain text. No bullet: a
        # long URL then wraps from the line's start; o / y open or copy the source itself.
        style = Style(link=line.target, underline=True) if line.target else None
        text.append(line.text, style=style).append("\n")
    elif kind is LineKind.ENTRY:
        text.append(f"{line.label}  ", style="bold")
        text.append(line.text + "\n", style=status_style)
    else:
        text.append(line.text + "\n")
