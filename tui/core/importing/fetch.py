"""Reading an import's source: a file, standard input, or an http(s)/webcal URL.

URLs are fetched with httpx, with a timeout and a size limit, following at most five
redirects; ``webcal://`` is HTTPS, as calendar clients read it. Every failure is a
CalendarError naming the source, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from tui.core.errors import CalendarError

SIZE_LIMIT = 50_000_000  # bytes
TIMEOUT = 20.0  # seconds, per connect and per read
_SCHEMES = ("http://", "https://", "webcal://")


def is_url(source: str) -> bool:
    """Whether ``source`` names a URL rather than a file."""
    return source.lower().startswith(_SCHEMES)


def _failed(source: str, message: str) -> CalendarError:
    return CalendarError.single(source, 0, 0, message)


def fetch(url: str, limit: int = SIZE_LIMIT, timeout: float = TIMEOUT) -> bytes:
    """The body of ``url``.

    Raises:
        CalendarError: not reachable, an HTTP error status, or larger than ``limit``.
    """
    import httpx  # loaded only when a URL is imported

    address = "https://" + url[len("webcal://") :] if url.lower().startswith("webcal://") else url
    try:
        with (
            httpx.Client(follow_redirects=True, max_redirects=5, timeout=timeout) as client,
            client.stream("GET", address, headers={"Accept": "text/calendar"}) as response,
        ):
            if response.status_code >= 400:
                raise _failed(url, f"HTTP {response.status_code} {response.reason_phrase}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise _failed(url, f"larger than {limit // 1_000_000} MB; not read")
            return bytes(body)
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        raise _failed(url, f"cannot fetch: {error}") from None


def read_source(source: str, stdin: BinaryIO | None = None) -> tuple[str, bytes]:
    """(a name for messages, the bytes) of a file, ``-`` (standard input) or a URL.

    Raises:
        CalendarError: the file cannot be read, or the URL fetched.
    """
    if source == "-":
        if stdin is None:
            raise _failed("<stdin>", "standard input cannot be read")
        return "<stdin>", stdin.read(SIZE_LIMIT + 1)[: SIZE_LIMIT + 1]
    if is_url(source):
        return source, fetch(source)
    path = Path(source)
    try:
        if path.is_dir():
            raise _failed(source, "is a folder, not an .ics file")
        return source, path.read_bytes()
    except OSError as error:
        raise _failed(source, f"cannot read: {error.strerror or error}") from None
