"""`diplocal serve` before it serves: safe addresses, located errors, the command per tab."""

from __future__ import annotations

import io
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA
from tui.cli import main, serve

SAMPLE = DATA / "sample.toml"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, int, str]]:
    """What would be served, instead of serving it (no socket is opened)."""
    calls: list[tuple[str, str, int, str]] = []
    monkeypatch.setattr(serve, "_run", lambda *args: calls.append(args))
    monkeypatch.setattr(serve, "_check_free", lambda host, port: None)
    return calls


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_another_address_needs_read_only(host: str, started: list[object]) -> None:
    code, out, err = run("serve", str(SAMPLE), "--host", host)
    assert (code, out, started) == (2, "", [])
    assert "--read-only" in err and "Traceback" not in err


def test_read_only_elsewhere_says_who_can_read_it(
    started: list[tuple[str, str, int, str]],
) -> None:
    code, out, err = run("serve", str(SAMPLE), "--host", "0.0.0.0", "--port", "8123", "--read-only")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Anyone who can reach port 8123 on 0.0.0.0 can read this calendar."
    assert lines[1] == "diplocal serves sample.toml (read-only) at http://0.0.0.0:8123"
    [(command, host, port, url)] = started
    assert (host, port, url) == ("0.0.0.0", 8123, "http://0.0.0.0:8123")
    assert command.endswith("-m tui --read-only -- sample.toml")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_this_machine_only_needs_no_flag(host: str, started: list[object]) -> None:
    code, out, _ = run("serve", str(SAMPLE), "--host", host)
    assert code == 0 and len(started) == 1
    assert "Anyone" not in out


def test_a_bad_calendar_is_located_before_serving(tmp_path: Path, started: list[object]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[calendar]\ntitle = "x"\nid = 3\n', encoding="utf-8")
    code, _, err = run("serve", str(bad))
    assert (code, started) == (1, [])
    assert err.startswith(f"{bad.resolve()}:") and "Traceback" not in err


def test_a_missing_calendar_is_an_error(tmp_path: Path, started: list[object]) -> None:
    code, _, err = run("serve", str(tmp_path / "none.toml"))
    assert (code, started) == (1, [])
    assert "none.toml" in err


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1"])
def test_a_port_out_of_range_is_a_usage_error(port: str) -> None:
    code, out, _ = run("serve", str(SAMPLE), "--port", port)
    assert (code, out) == (2, "")


def test_a_taken_port_is_said_before_any_url() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = run("serve", str(SAMPLE), "--port", str(port))
    assert (code, out) == (2, "")
    assert err == f"diplocal: error: cannot serve on 127.0.0.1:{port}: Address already in use\n"


def test_the_tab_command_runs_in_the_calendar_folder(tmp_path: Path) -> None:
    """Quoted for the shell whatever the names; the app gets the bare file name."""
    folder = tmp_path / "it's $HOME; rm -rf"
    folder.mkdir()
    calendar = folder / "-odd name.toml"
    command = serve.tab_command(calendar, read_only=False)
    words = shlex.split(command)
    assert words[:3] == ["cd", str(folder), "&&"]
    assert words[-2:] == ["--", "-odd name.toml"]
    # The shell runs it: the `cd` lands in the folder, the name is one argument.
    probe = command.replace(f"exec {shlex.quote(sys.executable)} -m tui", "pwd; printf '%s\\n'")
    shown = subprocess.run(["sh", "-c", probe], capture_output=True, text=True, check=True)
    assert shown.stdout.splitlines() == [str(folder), "--", "-odd name.toml"]
