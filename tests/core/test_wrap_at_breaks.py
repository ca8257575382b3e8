"""`wrap_at_breaks`: time texts, zone notes and addresses wrap whole, never cut."""

from __future__ import annotations

import pytest

from tui.core.text import cells, wrap_at_breaks

PART = "afternoon\u2013evening"


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("evening (Asia/Dushanbe)", 30, ["evening (Asia/Dushanbe)"]),
        (f"{PART} (Asia/Dushanbe)", 25, [PART, "(Asia/Dushanbe)"]),
        (f"{PART} (Asia/Dushanbe)", 12, [PART[:10], "evening", "(Asia/", "Dushanbe)"]),
        ("under way at ≈22:38", 10, ["under way", "at ≈22:38"]),
        ("ab  cd", 2, ["ab", "cd"]),
        ("abcdefghijklmnopqrstuvwxyz", 10, ["abcdefghij", "klmnopqrst", "uvwxyz"]),
        (
            "https://www.president.tj/en/node/12345?lang=en&x=ab",
            20,
            ["https://", "www.president.tj/en/", "node/12345?lang=en&", "x=ab"],
        ),
        ("", 10, [""]),
        ("会談会談会談", 5, ["会談", "会談", "会談"]),
    ],
)
def test_wraps_at_spaces_then_punctuation(text: str, width: int, lines: list[str]) -> None:
    got = wrap_at_breaks(text, width)
    assert got == lines
    assert all(cells(line) <= width for line in got)
    assert "".join(got).replace(" ", "") == text.replace(" ", "")
