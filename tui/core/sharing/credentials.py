"""Who publishes: credentials from the environment, ~/.netrc or a password command.

Never from the command line, where other users see them in the process list and the shell
keeps them in its history: a URL with a password in it is refused.
"""

from __future__ import annotations

import netrc
import os
import shlex
import subprocess
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tui.core.errors import UsageError
from tui.core.sharing.dav import Auth, SharingError

USERNAME, PASSWORD = "DIPLOCAL_CALDAV_USERNAME", "DIPLOCAL_CALDAV_PASSWORD"


def check_url(url: str) -> None:
    """An http(s) URL with a host and no password in it."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f'"{url}" is not an http:// or https:// URL of a calendar collection')
    if parts.password is not None:
        raise UsageError(
            f"no password in the URL (it would show in the process list): use ${PASSWORD}, "
            "~/.netrc or --password-command"
        )


def _password_from(command: str) -> str:
    """The first line the command prints."""
    try:
        done = subprocess.run(
            shlex.split(command), capture_output=True, check=False, stdin=subprocess.DEVNULL
        )
    except (OSError, ValueError) as error:
        raise SharingError(f"--password-command: cannot run it: {error}") from None
    if done.returncode != 0:
        raise SharingError(f"--password-command: it failed (exit status {done.returncode})")
    lines = done.stdout.decode(errors="replace").splitlines()
    if not lines or not lines[0]:
        raise SharingError("--password-command: it printed no password")
    return lines[0]


def _from_netrc(host: str, netrc_file: Path | None) -> tuple[str, str] | None:
    try:
        found = netrc.netrc(str(netrc_file) if netrc_file else None).authenticators(host)
    except FileNotFoundError:
        return None
    except (netrc.NetrcParseError, OSError) as error:
        raise SharingError(f"~/.netrc: cannot read: {error}") from None
    if found is None:
        return None
    login, _account, password = found
    return login, password or ""


def find_auth(
    url: str,
    password_command: str | None = None,
    environ: Mapping[str, str] | None = None,
    netrc_file: Path | None = None,
) -> Auth | None:
    """The user name and password for ``url``; None when none is given anywhere.

    The user name: $DIPLOCAL_CALDAV_USERNAME, else the URL's, else ~/.netrc's. The
    password: $DIPLOCAL_CALDAV_PASSWORD, else --password-command, else ~/.netrc's.
    """
    env = os.environ if environ is None else environ
    parts = urlsplit(url)
    username = env.get(USERNAME) or (unquote(parts.username) if parts.username else None)
    password = env.get(PASSWORD) or (_password_from(password_command) if password_command else None)
    if username is None or password is None:
        stored = _from_netrc(parts.hostname or "", netrc_file)
        if stored is not None and (username is None or username == stored[0]):
            username, password = stored[0], password if password is not None else stored[1]
    if username is None:
        return None
    return Auth(username, password or "")
