"""`diplocal serve`: the terminal UI in a browser, one app process per tab (textual-serve).

Each tab runs ``python -m tui [--read-only] -- NAME`` in the calendar's own folder, so every
tab follows and edits the same file (edits in one tab reach the others through the file, as
they reach any other follower), and the app names the file by its name only: a remote viewer
never sees the server's folders. Safe by default: only the loopback interface, unless the
calendar is served read-only, and then the command says who can read it.
"""

from __future__ import annotations

import argparse
import ipaddress
import re
import shlex
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tui.cli.output import EXIT_OK, say
from tui.core.errors import UsageError
from tui.core.loading.load import default_calendar, load_calendar

if TYPE_CHECKING:
    from aiohttp import web

LOOPBACK_NAMES = ("localhost",)
# A Host header that can only name a host and port: the page is told to connect back to it.
_HOST_HEADER = re.compile(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.0.0.0/8, ::1 or localhost)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def tab_command(calendar: Path, *, read_only: bool) -> str:
    """The shell command textual-serve runs for each browser tab."""
    flag = " --read-only" if read_only else ""
    program = f"{shlex.quote(sys.executable)} -m tui{flag} -- {shlex.quote(calendar.name)}"
    return f"cd {shlex.quote(str(calendar.parent))} && exec {program}"


def public_url(host: str, port: int) -> str:
    """The address to open; IPv6 addresses in brackets."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def serve(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Check the calendar loads and the address is safe, then serve until Ctrl-C."""
    path = Path(args.calendar or default_calendar()).resolve()
    host, port, read_only = args.host, args.port, args.read_only
    if not is_loopback(host) and not read_only:
        raise UsageError(
            f"serving on {host} lets anyone who can reach it edit the calendar: "
            "add --read-only, or serve on 127.0.0.1"
        )
    # Checked once here, where its errors are located in the terminal; warnings show in the app.
    load_calendar(path, on_slow_load=lambda message: say(message, stderr))
    _check_free(host, port)  # before saying where it serves
    url = public_url(host, port)
    if not is_loopback(host):
        say(f"Anyone who can reach port {port} on {host} can read this calendar.", stdout)
    mode = " (read-only)" if read_only else ""
    say(f"diplocal serves {path.name}{mode} at {url}", stdout)
    say("Open it in a browser; each tab gets its own app. Ctrl-C stops.", stdout)
    try:
        _run(tab_command(path, read_only=read_only), host, port, url)
    except OSError as error:  # taken between the check and the listen
        raise UsageError(f"cannot serve on {host}:{port}: {error.strerror or error}") from error
    return EXIT_OK


def _check_free(host: str, port: int) -> None:
    """Raise UsageError when the server could not listen there (port taken, no such host)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp does
            probe.bind(address)
    except (OSError, OverflowError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise UsageError(f"cannot serve on {host}:{port}: {reason}") from error


def _run(command: str, host: str, port: int, url: str) -> None:
    """textual-serve's server, with diplocal's own start-up lines instead of its banner."""
    from textual_serve.server import Server  # only `serve` loads aiohttp and textual-serve

    class DiplocalServer(Server):
        async def on_startup(self, app: web.Application) -> None:
            """Our lines are printed already; textual-serve's banner would repeat the command."""

        async def handle_index(self, request: web.Request) -> Any:
            # The page connects its websocket back to public_url: on 0.0.0.0 that is
            # wherever the viewer reached us, not the wildcard address.
            host_header = request.headers.get("Host", "")
            self.public_url = (
                f"http://{host_header}" if _HOST_HEADER.fullmatch(host_header) else url
            )
            return await super().handle_index(request)

    # A fixed title: the page shows it unescaped, so no calendar text goes there.
    DiplocalServer(command, host=host, port=port, title="diplocal", public_url=url).serve()
