"""First paint in a real terminal: a process spawned in tmux, its screen polled for text.

Each run uses a tmux server of its own (``-L``), so the environment the app sees is this
process's plus what a run asks for, never that of a tmux server someone else started.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SIZE = (120, 36)
POLL = 0.005  # seconds between two looks at the screen
GIVE_UP = 300.0  # seconds: a run that shows nothing by then is reported as that long
SETTLE = 1.0  # seconds the memory must stay put before it counts as settled
SETTLE_LIMIT = 20.0


@dataclass(frozen=True)
class Paint:
    """What one start showed, and when (seconds from spawning the process)."""

    first_frame: float  # the first expected text: "Opening FILE", or the events at once
    events: float  # the first day's first event
    peak_kb: int  # the process's peak RSS once the events were shown (after settling)
    quit: float = 0.0  # with ``quit_key``: from sending it until the process was gone


def _tmux(socket: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["tmux", "-L", socket, *args], capture_output=True, text=True, check=False
    )


def _screen(socket: str) -> str:
    return _tmux(socket, "capture-pane", "-p", "-t", "bench").stdout


def first_paint(
    command: Sequence[str],
    events_marker: str,
    env: dict[str, str],
    first_markers: Sequence[str] = (),
    settle: bool = False,
    quit_key: str | None = None,
) -> Paint:
    """Spawn ``command`` in a 120x36 tmux pane and time the texts appearing on it.

    ``first_markers``: texts that any first frame shows (besides ``events_marker``).
    ``settle``: before reading the peak RSS, wait until the process's memory stops growing
    (work started after the first paint, such as building the filter indexes, counts).
    ``quit_key``: once the events are shown (and the memory read), send this key and time
    until the process has exited (0.0 without it; GIVE_UP if it never does).
    """
    socket = f"diplocal-bench-{os.getpid()}"
    _tmux(socket, "kill-server")
    shell_command = "exec " + " ".join(f"'{part}'" for part in command)
    settings = [arg for name, value in env.items() for arg in ("-e", f"{name}={value}")]
    width, height = (str(n) for n in SIZE)
    start = time.perf_counter()
    pane = ["new-session", "-d", "-s", "bench", "-x", width, "-y", height]
    subprocess.run(["tmux", "-L", socket, *pane, *settings, shell_command], check=True)
    first = events = GIVE_UP
    while time.perf_counter() - start < GIVE_UP:
        screen = _screen(socket)
        now = time.perf_counter() - start
        if first == GIVE_UP and any(m in screen for m in (*first_markers, events_marker)):
            first = now
        if events_marker in screen:
            events = now
            break
        time.sleep(POLL)
    pid = int(_tmux(socket, "display", "-p", "-t", "bench", "#{pane_pid}").stdout.strip())
    peak = _settled_peak_kb(pid) if settle else _status_kb(pid, "VmHWM")
    took = _quit(socket, pid, quit_key) if quit_key else 0.0
    _tmux(socket, "kill-server")
    _remove_socket(socket)
    return Paint(first, events, peak, took)


def _quit(socket: str, pid: int, key: str) -> float:
    """Seconds from sending ``key`` until process ``pid`` has exited (a zombie that tmux
    has yet to reap counts as exited: tmux may take seconds to get to it)."""
    began = time.perf_counter()
    _tmux(socket, "send-keys", "-t", "bench", key)
    while _running(pid):
        if time.perf_counter() - began > GIVE_UP:
            return GIVE_UP
        time.sleep(POLL / 5)
    return time.perf_counter() - began


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


def _remove_socket(socket: str) -> None:
    """tmux leaves the socket file of a server it stopped; one per run would pile up."""
    folder = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
    (folder / socket).unlink(missing_ok=True)


def _status_kb(pid: int, key: str) -> int:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0
    for line in lines:
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    return 0


def _settled_peak_kb(pid: int) -> int:
    """The peak RSS once neither it nor the current RSS has moved by 1 MB for a second."""
    began = time.perf_counter()
    last = (_status_kb(pid, "VmHWM"), _status_kb(pid, "VmRSS"))
    steady_since = time.perf_counter()
    while time.perf_counter() - began < SETTLE_LIMIT:
        time.sleep(0.1)
        now = (_status_kb(pid, "VmHWM"), _status_kb(pid, "VmRSS"))
        if any(abs(a - b) > 1024 for a, b in zip(now, last, strict=True)):
            last, steady_since = now, time.perf_counter()
        elif time.perf_counter() - steady_since >= SETTLE:
            break
    return _status_kb(pid, "VmHWM")
