"""Servers for the publishing tests, all on 127.0.0.1 with a free port, all stopping by
themselves: a real Radicale, one that accepts and never answers, one that is not CalDAV."""

from __future__ import annotations

import http.server
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

USERS = {"admin": "admin-secret", "reader": "reader-secret"}
RIGHTS = """\
[principal]
user: .+
collection: {user}
permissions: RrWw

[root]
user: .+
collection:
permissions: R

[admin-writes]
user: admin
collection: admin(/.*)?
permissions: RrWw

[reader-reads]
user: reader
collection: admin(/.*)?
permissions: Rr
"""
STARTUP_S = 60.0  # Radicale starts in about a second; a loaded machine may take longer


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class Radicale:
    url: str  # http://127.0.0.1:PORT/
    storage: Path

    def collection(self, name: str, user: str = "admin") -> str:
        return f"{self.url}{user}/{name}/"


def _answers(url: str) -> bool:
    try:
        httpx.get(url, timeout=1.0)
    except httpx.HTTPError:
        return False
    return True


# Radicale refuses its internal options in a config file or on its command line; its
# configuration takes them from code ("privileged"), so the bench's Radicale starts so.
_WITHOUT_FSYNC = """
import sys
from radicale import __main__ as main, config
load = config.load
def load_without_fsync(*args, **kwargs):
    loaded = load(*args, **kwargs)
    loaded.update({"storage": {"_filesystem_fsync": "False"}}, "no fsync", privileged=True)
    return loaded
config.load = load_without_fsync
sys.argv[0] = "radicale"
main.run()
"""


@contextmanager
def radicale(folder: Path, *, fsync: bool = True, log: str = "warning") -> Iterator[Radicale]:
    """A Radicale with users admin (writes) and reader (reads admin's collections only).

    ``fsync`` False: Radicale's internal ``_filesystem_fsync`` off (bench/caldav.py: its
    per-item fsync otherwise measures the disk); ``log`` "info" logs every request."""
    (folder / "users").write_text("".join(f"{u}:{p}\n" for u, p in USERS.items()))
    (folder / "rights").write_text(RIGHTS)
    # The port is free when probed, and Radicale binds it a moment later: another test
    # (an xdist worker's Radicale, any client's outgoing port) may take it in between.
    # Radicale then ends at once, and is started again on another port.
    for attempt in range(PORT_TRIES):
        process, url = _start_radicale(folder, fsync=fsync, log=log)
        try:
            if _started(process, url):
                yield Radicale(url, folder / "storage")
                return
            if attempt == PORT_TRIES - 1 or process.poll() is None:
                log_text = (folder / "radicale.log").read_text(errors="replace")
                raise RuntimeError(f"Radicale did not start:\n{log_text}")
        finally:
            _stop(process)


PORT_TRIES = 3


def _start_radicale(folder: Path, *, fsync: bool, log: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    (folder / "config").write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n"
        f"[auth]\ntype = htpasswd\nhtpasswd_filename = {folder / 'users'}\n"
        "htpasswd_encryption = plain\ndelay = 0\n"
        f"[rights]\ntype = from_file\nfile = {folder / 'rights'}\n"
        f"[storage]\nfilesystem_folder = {folder / 'storage'}\n"
        f"[logging]\nlevel = {log}\nmask_passwords = True\n"
    )
    start = ["-m", "radicale"] if fsync else ["-c", _WITHOUT_FSYNC]
    process = subprocess.Popen(
        [sys.executable, *start, "--config", str(folder / "config")],
        stdout=subprocess.DEVNULL,
        stderr=(folder / "radicale.log").open("wb"),
    )
    return process, f"http://127.0.0.1:{port}/"


def _started(process: subprocess.Popen[bytes], url: str) -> bool:
    """Radicale answers at ``url`` (True), or it ended or never answered (False). An
    answer while it has ended came from another server on that port: not started."""
    deadline = time.monotonic() + STARTUP_S
    while process.poll() is None and time.monotonic() < deadline:
        if _answers(url):
            return process.poll() is None
        time.sleep(0.05)
    return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def silent_server() -> Iterator[str]:
    """A server that accepts connections and never answers; closes them when done."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.1)
    done = threading.Event()
    held: list[socket.socket] = []

    def accept() -> None:
        while not done.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/cal/"
    finally:
        done.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


class _PlainPage(http.server.BaseHTTPRequestHandler):
    def _page(self) -> None:
        body = b"<html><body>Just a web page</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PROPFIND = do_PUT = do_REPORT = _page

    def log_message(self, *_: object) -> None:
        pass


@contextmanager
def web_page_server() -> Iterator[str]:
    """A plain web server, not CalDAV: it answers 200 and HTML to everything."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _PlainPage)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/cal/"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
