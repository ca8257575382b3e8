"""Every kind of file a user can hand the loader: a result or a located error, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BASE, WriteCalendar
from tui.core.errors import CalendarError
from tui.core.loading.load import bundled_calendar, default_calendar, load_calendar
from tui.core.system import safe_read


def error_of(path: Path) -> str:
    with pytest.raises(CalendarError) as caught:
        load_calendar(path)
    (diagnostic,) = caught.value.diagnostics
    return str(diagnostic)


def test_missing_file(tmp_path: Path) -> None:
    assert error_of(tmp_path / "nope.toml") == f"{tmp_path / 'nope.toml'}: error: no such file"


def test_directory(tmp_path: Path) -> None:
    assert "is a directory" in error_of(tmp_path)


def test_unreadable(write_calendar: WriteCalendar, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root reads files whatever their mode (CI runs as root), so the OS's refusal is simulated.
    path = write_calendar()

    def refuse(where: object, *_: object) -> int:
        raise PermissionError(13, "Permission denied", str(where))

    monkeypatch.setattr(safe_read.os, "open", refuse)
    assert error_of(path) == f"{path}: error: permission denied"


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_empty_file(write_calendar: WriteCalendar, text: str) -> None:
    message = error_of(write_calendar(text))
    assert ":1:1: error: " in message or "missing [calendar]" in message


def test_invalid_utf8_points_at_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(BASE.replace("Talks", "Gespr\xe4che").encode("latin-1"))
    line = BASE[: BASE.index("Talks")].count("\n") + 1
    assert (
        error_of(path)
        == f"{path}:{line}:15: error: not UTF-8 text (byte 0xe4); save the file as UTF-8"
    )


def test_binary_junk(tmp_path: Path) -> None:
    path = tmp_path / "junk.toml"
    path.write_bytes(bytes(range(256)) * 4)
    assert ": error: " in error_of(path)


def test_nul_bytes_in_valid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "nul.toml"
    path.write_bytes(b'[calendar]\ntitle = "a\x00b"\n')
    assert ":2:" in error_of(path)


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode())
    assert load_calendar(path).calendar.title == "Test summit"


def test_crlf_is_accepted_and_errors_still_located(tmp_path: Path) -> None:
    path = tmp_path / "crlf.toml"
    path.write_bytes(BASE.replace('host = "TJ"', 'host = "XX"').replace("\n", "\r\n").encode())
    with pytest.raises(CalendarError) as caught:
        load_calendar(path)
    line = BASE[: BASE.index('host = "TJ"')].count("\n") + 1
    assert (caught.value.diagnostics[0].line, caught.value.diagnostics[0].column) == (line, 8)
    path.write_bytes(BASE.replace("\n", "\r\n").encode())
    assert len(load_calendar(path).calendar.events) == 2


def test_pathological_nesting(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    # The standard parser raises RecursionError here; the user gets the place it starts.
    assert error_of(path) == f"{path}:1:105: error: arrays or tables nested too deeply"


def test_fifty_megabytes_of_junk_fails_fast_and_located(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    with path.open("w") as stream:
        stream.write(BASE)
        stream.write(("# padding " + "x" * 90 + "\n") * 500_000)
        stream.write("this is not toml\n")
    assert path.stat().st_size > 50_000_000
    line = BASE.count("\n") + 500_000 + 1
    assert error_of(path).startswith(f"{path}:{line}:6: error: TOML syntax: ")


def test_hostile_text_is_kept_as_data(write_calendar: WriteCalendar) -> None:
    title = "[bold]x[/] [@click=app.quit]q[/] \\u001b[31mred \\nline"
    calendar = load_calendar(write_calendar(BASE.replace('"Talks"', f'"{title}"'))).calendar
    assert calendar.events[0].title == "[bold]x[/] [@click=app.quit]q[/] \x1b[31mred \nline"


def test_default_calendar_prefers_the_working_directory(tmp_path: Path) -> None:
    assert default_calendar(tmp_path) == bundled_calendar()
    (tmp_path / "events.toml").write_text(BASE)
    assert default_calendar(tmp_path) == tmp_path / "events.toml"


def test_bundled_calendar_exists() -> None:
    assert bundled_calendar().is_file()
