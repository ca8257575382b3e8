"""The few WebDAV/CalDAV requests publishing needs, over httpx.

PROPFIND (Depth 1) lists the collection's resources and their ETags; a calendar-multiget
REPORT fetches the data of the few whose content must be compared; PUT with
``If-None-Match: *`` (new) or ``If-Match`` (changed) and DELETE with ``If-Match`` write;
MKCALENDAR makes the collection. Every failure becomes one ``SharingError`` whose message
is a line for a person: which server, what went wrong, what to do.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit, urlunsplit
from xml.etree import ElementTree

if TYPE_CHECKING:
    # Imported where a request is made: httpx (with the CLI it loads when it can: click,
    # rich's progress, pygments) is 4.5 MB of every TUI's memory, which reads only
    # SharingError and public_url from here after the first frame to say when it last
    # published.
    import httpx

DAV, CALDAV = "DAV:", "urn:ietf:params:xml:ns:caldav"
_PROPFIND = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getetag/></d:prop></d:propfind>'
)


class SharingError(Exception):
    """A request failed; ``str()`` is one line that says why. Nothing was recorded.

    ``status`` is the HTTP status the server refused with, when it answered."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Auth:
    username: str
    password: str


@dataclass(frozen=True, slots=True)
class Target:
    """Where to publish, and how to reach it."""

    url: str  # the collection, ending in "/"
    auth: Auth | None = None
    timeout: float = 30.0
    ca_file: Path | None = None


def collection_url(url: str) -> str:
    """The collection's URL with one trailing slash."""
    return url if url.endswith("/") else url + "/"


def public_url(url: str) -> str:
    """The collection URL without any user name in it: the key of the published state."""
    parts = urlsplit(collection_url(url))
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, ""))


def _tag(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


class Collection:
    """One CalDAV collection on one server; counts the requests it sends."""

    def __init__(self, target: Target, transport: httpx.BaseTransport | None = None) -> None:
        self.target = target
        self.url = collection_url(target.url)
        self.requests = 0
        verify: ssl.SSLContext | bool = True
        if target.ca_file is not None:
            try:
                verify = ssl.create_default_context(cafile=str(target.ca_file))
            except (OSError, ssl.SSLError) as error:
                raise SharingError(f"{target.ca_file}: cannot use as a CA file: {error}") from None
        auth = (target.auth.username, target.auth.password) if target.auth else None
        import httpx

        self._client = httpx.Client(
            auth=auth,
            timeout=target.timeout,
            verify=verify,
            transport=transport,
            trust_env=False,  # the credentials are ours to choose (no implicit ~/.netrc)
            follow_redirects=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def href(self, name: str) -> str:
        return self.url + quote(name, safe="@")

    # --- requests ------------------------------------------------------------------
    @contextmanager
    def _reaching(self) -> Iterator[None]:
        """Turn a failure to reach the server into one line."""
        import httpx

        host = urlsplit(self.url).netloc.rpartition("@")[2]
        try:
            yield
        except httpx.TimeoutException:
            raise SharingError(
                f"{host}: no answer within {self.target.timeout:g} s (timed out)"
            ) from None
        except httpx.ConnectError as error:
            reason = str(error) or type(error).__name__
            if "CERTIFICATE_VERIFY_FAILED" in reason:
                reason = "its TLS certificate is not trusted (--ca-file names a private CA)"
            raise SharingError(f"{host}: cannot connect: {reason}") from None
        except httpx.HTTPError as error:
            raise SharingError(f"{host}: {type(error).__name__}: {error}") from None

    def _send(
        self, method: str, url: str, *, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> httpx.Response:
        self.requests += 1
        with self._reaching():
            return self._client.request(method, url, content=body, headers=headers)

    def _refused(self, response: httpx.Response, doing: str, name: str = "") -> SharingError:
        """The one line for a response that is not a success."""
        status = response.status_code
        where = self.href(name) if name else self.url
        if status == 401:
            line = f"{where}: the server refused the user name or password (401)"
        elif status == 403:
            line = f"{where}: this user may not {doing} (403 Forbidden)"
        elif status == 404:
            line = f"{where}: no calendar collection here (404; --create makes one)"
        elif status == 412:
            line = (
                f"{where}: changed on the server meanwhile (412 Precondition Failed); "
                "publish again to see what differs"
            )
        else:
            line = f"{where}: cannot {doing}: {status} {response.reason_phrase}"
        return SharingError(line, status)

    # --- the verbs -------------------------------------------------------------------
    def list(self) -> dict[str, str] | None:
        """Each resource's name and ETag; None when there is no collection at the URL."""
        response = self._send(
            "PROPFIND",
            self.url,
            body=_PROPFIND.encode(),
            headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
        )
        if response.status_code == 404:
            return None
        if response.status_code != 207:
            if response.status_code in (401, 403):
                raise self._refused(response, "read this collection")
            if response.is_redirect:  # followed, it would drop the method or the credentials
                where = response.headers.get("Location", "elsewhere")
                raise SharingError(f"{self.url}: the server sends this to {where}; publish there")
            raise SharingError(
                f"{self.url}: not a CalDAV server (PROPFIND answered "
                f"{response.status_code} {response.reason_phrase})"
            )
        return self._etags(response.content)

    def _etags(self, body: bytes) -> dict[str, str]:
        own = unquote(urlsplit(self.url).path).rstrip("/")
        etags: dict[str, str] = {}
        calendar = False
        for href, found in _responses(body, self.url):
            path = unquote(urlsplit(href).path).rstrip("/")
            if path == own:
                kinds = found.find(_tag(DAV, "resourcetype"))
                calendar = kinds is not None and kinds.find(_tag(CALDAV, "calendar")) is not None
                continue
            etag = found.findtext(_tag(DAV, "getetag"))
            if etag and path.rpartition("/")[0] == own:
                etags[path.rpartition("/")[2]] = etag
        if not calendar:
            raise SharingError(f"{self.url}: not a CalDAV calendar collection")
        return etags

    def fetch(self, names: Iterable[str]) -> dict[str, bytes]:
        """The data of the named resources (one calendar-multiget REPORT)."""
        wanted = sorted(names)
        if not wanted:
            return {}
        hrefs = "".join(
            f"<d:href>{_xml_text(urlsplit(self.href(n)).path)}</d:href>" for n in wanted
        )
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            f'<c:calendar-multiget xmlns:d="DAV:" xmlns:c="{CALDAV}">'
            f"<d:prop><d:getetag/><c:calendar-data/></d:prop>{hrefs}</c:calendar-multiget>"
        )
        response = self._send(
            "REPORT",
            self.url,
            body=body.encode(),
            headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
        )
        if response.status_code != 207:
            raise self._refused(response, "read this collection")
        found: dict[str, bytes] = {}
        for href, props in _responses(response.content, self.url):
            data = props.findtext(_tag(CALDAV, "calendar-data"))
            if data is not None:
                found[unquote(urlsplit(href).path).rpartition("/")[2]] = data.encode()
        return found

    def put(self, name: str, data: bytes, etag: str | None) -> str | None:
        """Write a resource: a new one (``etag`` None) only if none is there, a changed one
        only if it still has ``etag``. Returns the new ETag when the server says it."""
        condition = {"If-Match": etag} if etag else {"If-None-Match": "*"}
        response = self._send(
            "PUT",
            self.href(name),
            body=data,
            headers={"Content-Type": "text/calendar; charset=utf-8", **condition},
        )
        if response.status_code not in (200, 201, 204):
            raise self._refused(response, "write events here", name)
        etag_given: str | None = response.headers.get("ETag")
        return etag_given

    def delete(self, name: str, etag: str) -> None:
        """Remove a resource, only if it still has ``etag``."""
        response = self._send("DELETE", self.href(name), headers={"If-Match": etag})
        if response.status_code not in (200, 204, 404):
            raise self._refused(response, "delete events here", name)

    def create(self, title: str, timezone: str) -> None:
        """MKCALENDAR: the collection, with the calendar's title and zone (``timezone``:
        a VCALENDAR holding its VTIMEZONE, as RFC 4791 wants)."""
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            f'<c:mkcalendar xmlns:d="DAV:" xmlns:c="{CALDAV}"><d:set><d:prop>'
            f"<d:displayname>{_xml_text(title)}</d:displayname>"
            f"<c:calendar-timezone>{_xml_text(timezone)}</c:calendar-timezone>"
            '<c:supported-calendar-component-set><c:comp name="VEVENT"/>'
            "</c:supported-calendar-component-set>"
            "</d:prop></d:set></c:mkcalendar>"
        )
        response = self._send(
            "MKCALENDAR",
            self.url,
            body=body.encode(),
            headers={"Content-Type": "application/xml; charset=utf-8"},
        )
        if response.status_code not in (200, 201):
            raise self._refused(response, "create a calendar collection here")


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _responses(body: bytes, url: str) -> Iterator[tuple[str, ElementTree.Element]]:
    """Each (href, successful prop element) of a multistatus body."""
    try:
        root = ElementTree.fromstring(body)  # expat >= 2.4.1 limits entity expansion
    except ElementTree.ParseError as error:
        raise SharingError(f"{url}: not a CalDAV server (unreadable answer: {error})") from None
    if root.tag != _tag(DAV, "multistatus"):
        raise SharingError(f"{url}: not a CalDAV server (no multistatus in its answer)")
    for response in root.iter(_tag(DAV, "response")):
        href = response.findtext(_tag(DAV, "href"))
        if href is None:
            continue
        for propstat in response.iter(_tag(DAV, "propstat")):
            status = propstat.findtext(_tag(DAV, "status")) or ""
            prop = propstat.find(_tag(DAV, "prop"))
            if " 200 " in f"{status} " and prop is not None:
                yield href.strip(), prop
