"""`diplocal` ends at once after the terminal UI, and through `sys.exit` otherwise."""

from __future__ import annotations

import pytest

import tui.cli as cli


class Ended(Exception):
    """Stands in for the process ending with ``os._exit``."""


def test_after_the_tui_the_process_ends_without_the_interpreters_teardown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def tui_ran() -> int:
        monkeypatch.setattr(cli, "_tui_closed", True)
        return 3

    def ended(code: int) -> None:
        raise Ended(code)

    monkeypatch.setattr(cli, "main", tui_ran)
    monkeypatch.setattr(cli.os, "_exit", ended)
    with pytest.raises(Ended) as raised:
        cli.run()
    assert raised.value.args == (3,)


def test_a_command_exits_as_usual(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "main", lambda: 1)
    monkeypatch.setattr(cli, "_tui_closed", False)
    with pytest.raises(SystemExit) as raised:
        cli.run()
    assert raised.value.code == 1
