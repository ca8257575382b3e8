"""`diplocal pull`'s arguments (light: building the parser imports no HTTP client)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.cli.import_command import add_merge_options


def add_pull_parser(commands: Any) -> None:
    """The `pull` subcommand's arguments (``commands``: the subparsers action)."""
    parser = commands.add_parser(
        "pull",
        help="merge a CalDAV calendar's events into a calendar, as `import` does",
        description="Reads every event of the CalDAV collection at URL and imports them: "
        "matched by UID, a newer SEQUENCE updates, pulling twice changes nothing, and an "
        "event deleted on the server is kept here (pull never deletes). Credentials: "
        "$DIPLOCAL_CALDAV_USERNAME and $DIPLOCAL_CALDAV_PASSWORD, ~/.netrc, or "
        "--password-command; never on the command line.",
    )
    parser.add_argument("url", metavar="URL", help="the CalDAV collection")
    parser.add_argument(
        "--into",
        type=Path,
        metavar="CALENDAR",
        help="the calendar to merge into, created when missing (default: ./events.toml)",
    )
    add_merge_options(parser)
    parser.add_argument(
        "--password-command", metavar="CMD", help="a command that prints the password first"
    )
    parser.add_argument("--ca-file", type=Path, metavar="FILE", help="trust this CA (PEM)")
    parser.add_argument(
        "--timeout", type=float, default=30.0, metavar="SECONDS", help="per request (default 30)"
    )
