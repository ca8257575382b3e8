"""`diplocal brief`: a printable brief, HTML (print it from a browser) or Markdown."""

from __future__ import annotations

import argparse
from datetime import tzinfo
from pathlib import PurePath
from typing import TextIO

from tui.cli.calendar_io import display_mode, load_and_index, write_output
from tui.cli.output import EXIT_OK
from tui.core.export.brief import make_brief
from tui.core.export.brief_html import brief_html
from tui.core.export.brief_markdown import brief_markdown
from tui.core.zones import UTC_NAME, get_zone, local_zone_name, zone_name

MARKDOWN_SUFFIXES = (".md", ".markdown")


def brief_format(output: str, chosen: str | None) -> str:
    """``--format``, else Markdown for an output named *.md, else HTML."""
    if chosen:
        return chosen
    return "markdown" if PurePath(output).suffix.lower() in MARKDOWN_SUFFIXES else "html"


def second_zone(tz: str | None, venue: str) -> tzinfo:
    """``--tz``, else the viewer's zone, else UTC when the viewer is in the venue's."""
    if tz:
        return display_mode(tz)[1]
    local = get_zone(local_zone_name())
    return get_zone(UTC_NAME) if zone_name(local) == venue else local


def run_brief(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Write the brief of ``args`` to stdout or to ``-o``."""
    fmt = brief_format(args.output, args.format)
    display_mode(args.tz)  # a bad zone is a usage error before any loading
    loaded, index, events = load_and_index(args, stderr)
    second = second_zone(args.tz, loaded.calendar.timezone)
    brief = make_brief(index, events, second, args.day)
    text = brief_html(brief) if fmt == "html" else brief_markdown(brief)
    if args.output == "-":
        stdout.write(text)
        return EXIT_OK
    pages = len(brief.days)
    return write_output(args, text.encode(), f"a brief of {pages} day(s) ({fmt})", stderr)
