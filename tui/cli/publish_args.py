"""`diplocal publish`'s arguments (light: building the parser imports no HTTP client)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def add_publish_parser(commands: Any) -> None:
    """The `publish` subcommand's arguments (``commands``: the subparsers action)."""
    parser = commands.add_parser(
        "publish",
        help="publish events to a CalDAV calendar, kept in step",
        description="One resource per event (<uid>.ics) in the CalDAV collection at URL. "
        "Only what differs is written; events others put there are never touched; an event "
        "someone changed on the server is reported, not overwritten (exit 1; --force "
        "overwrites). Credentials: $DIPLOCAL_CALDAV_USERNAME and $DIPLOCAL_CALDAV_PASSWORD, "
        "~/.netrc, or "
        "--password-command; never on the command line.",
    )
    parser.add_argument("where", nargs="+", metavar="[CALENDAR] URL")
    parser.add_argument("--dry-run", action="store_true", help="say what would change; send none")
    parser.add_argument("--create", action="store_true", help="make the collection if missing")
    parser.add_argument("--watch", action="store_true", help="publish again when the file changes")
    parser.add_argument(
        "--force", action="store_true", help="overwrite events others changed on the server"
    )
    parser.add_argument(
        "--country", action="append", default=[], metavar="CODE", help="only this country's events"
    )
    parser.add_argument(
        "--participant", action="append", default=[], metavar="ID", help="only their events"
    )
    parser.add_argument(
        "--password-command", metavar="CMD", help="a command that prints the password first"
    )
    parser.add_argument("--ca-file", type=Path, metavar="FILE", help="trust this CA (PEM)")
    parser.add_argument(
        "--timeout", type=float, default=30.0, metavar="SECONDS", help="per request (default 30)"
    )
