"""Making calendar text safe to show or write, without changing what it says."""

from __future__ import annotations

import re
from unicodedata import combining, east_asian_width

# C0 controls except tab and newline, DEL and C1 controls: an ESC in a title must not
# reach a terminal or an .ics file as a live escape sequence. Bidi embeddings, overrides and
# isolates, and the line and paragraph separators, reorder or break the text around them
# ("Trojan Source"). The marks (LRM, RLM, ALM) are kept: right-to-left names need them.
# Invisible format characters that only hide text (a zero-width space splits a word in
# two unseen) are shown too; the joiners (U+200C, U+200D) and the soft hyphen are kept:
# Persian, Indic scripts and emoji need them.
_OVERRIDES = "\u2028-\u202e\u2066-\u2069"
_HIDING = "\u180e\u200b\u2060-\u2064\ufeff\ufff9-\ufffb"
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_OVERRIDES}{_HIDING}]")
_BIDI = f"\u061c\u200e\u200f{_OVERRIDES}"
# Everything a message must not carry raw: every C0 (newlines too: one problem, one
# line), DEL, C1, bidi controls and the invisible format characters that hide text.
_INVISIBLE = "\xad\u180e\u200b-\u200d\u2060-\u2065\ufeff\ufff9-\ufffb"
_MESSAGE_HAZARD = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI}{_INVISIBLE}]")
# What TOML may hold raw but a terminal must not get: TOML escapes the rest itself.
_TOML_HAZARD = re.compile(f"[\\x7f-\\x9f{_BIDI}{_INVISIBLE}]")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

DISPLAY_LIMIT = 2_000  # characters of one calendar value shown on one line
BLOCK_LIMIT = 20_000  # characters of one calendar value shown as a block (details)
MESSAGE_LIMIT = 2_000  # characters of one printed message
ELLIPSIS = "\u2026"


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture", e.g. ␛ for ESC
    return "\u2421" if code == 0x7F else f"<U+{code:04X}>"


def without_controls(text: str) -> str:
    """``text`` with C0 (but tab and newline), DEL, C1, bidi controls and the invisible
    characters that hide text shown as symbols."""
    return _CONTROL.sub(_picture, text)


def _head(text: str, limit: int | None) -> tuple[str, str]:
    """The part of ``text`` to show, and what to say about the rest ('' when whole)."""
    if limit is None or len(text) <= limit:
        return text, ""
    return text[:limit], f"{ELLIPSIS} ({len(text) - limit:,} more characters)"


def printable(text: str, limit: int | None = BLOCK_LIMIT) -> str:
    """``text`` for a screen: controls and bidi overrides shown as visible symbols, tabs and
    newlines kept, cut at ``limit`` characters (None: whole) so that a huge value cannot
    stall the display."""
    head, rest = _head(text, limit)
    return without_controls(head) + rest


def one_line(text: str, limit: int | None = DISPLAY_LIMIT) -> str:
    """``printable(text)`` on a single line: newlines and tabs become spaces."""
    # Cut first: the work then follows what is shown, not the size of the value.
    head, rest = _head(text, limit)
    return " ".join(printable(head, limit=None).split()) + rest


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    short = _SHORT_ESCAPES.get(char)
    if short:
        return short
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_controls(text: str, limit: int | None = MESSAGE_LIMIT) -> str:
    """``text`` for a message on a terminal: one line, every control, bidi and invisible
    format character written as a visible escape (``\\x1b``, ``\\u202e``, ``\\n``)."""
    head, rest = _head(text, limit)
    return _MESSAGE_HAZARD.sub(_escape, head) + rest


def toml_escapes(document: str) -> str:
    """TOML text with C1, bidi and invisible characters as ``\\uXXXX`` escapes.

    TOML allows them raw, so a writer leaves them, and an export piped to a terminal would
    carry them. Outside strings TOML is ASCII, so every one of them sits inside a basic
    string (the only kind tomli-w writes), where the escape means the same character.
    """
    return _TOML_HAZARD.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def json_escapes(document: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``, which escapes C0 itself)
    with DEL, C1, bidi and invisible characters as ``\\uXXXX`` escapes: outside strings
    JSON is ASCII, so each sits inside a string, where the escape means the same."""
    return _TOML_HAZARD.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


# --- text in an edit field: visible escapes the user can read, edit and type -------------
# Every control, C1, bidi and invisible character, and the line breaks a text widget would
# split on or rewrite (CR, FF, VT, U+0085, U+2028, U+2029), written as a ``\\xHH`` or
# ``\\uHHHH`` escape; a multi-line field keeps its newlines and tabs. Only such an escape of
# such a character is read back, so what a user types stays as typed: ``C:\\new``,
# ``\\\\server`` and ``\\x41`` are text. A run of backslashes before a look-alike is
# doubled (odd: an escape, even: text), so `from_field` gives back exactly the value.
_FIELD_OTHERS = f"\\x7f-\\x9f{_BIDI}{_INVISIBLE}\\u2028\\u2029"
_FIELD_HAZARD = {
    False: re.compile(f"[\\x00-\\x1f{_FIELD_OTHERS}]"),
    True: re.compile(f"[\\x00-\\x08\\x0b-\\x1f{_FIELD_OTHERS}]"),  # newline and tab kept
}
_HEX = r"x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}"
_TO_FIELD = {
    multiline: re.compile(rf"(\\*)(?:({_HEX})|({hazard.pattern}))")
    for multiline, hazard in _FIELD_HAZARD.items()
}
_FROM_FIELD = re.compile(rf"(\\+)({_HEX})")


def _stands_for_hazard(look_alike: str, multiline: bool) -> bool:
    return bool(_FIELD_HAZARD[multiline].fullmatch(chr(int(look_alike[1:], 16))))


def to_field(value: str, *, multiline: bool = False) -> str:
    """``value`` as an edit field shows it: hazards as visible escapes (see above)."""

    def escape(match: re.Match[str]) -> str:
        run, look_alike, hazard = match.groups()
        if look_alike is not None:
            if not _stands_for_hazard(look_alike, multiline):
                return match.group()
            return "\\" * (2 * len(run)) + look_alike  # even: text
        code = ord(hazard)
        hex_escape = f"x{code:02x}" if code <= 0xFF else f"u{code:04x}"
        return "\\" * (2 * len(run) + 1) + hex_escape  # odd: the character

    return _TO_FIELD[multiline].sub(escape, value)


def from_field(text: str, *, multiline: bool = False) -> str:
    """The value an edit field's ``text`` stands for: escapes of hazards read back, as
    `to_field` wrote them or as the user typed them (``\\u202e`` gives U+202E); any other
    backslash is text."""

    def unescape(match: re.Match[str]) -> str:
        run, look_alike = match.groups()
        if not _stands_for_hazard(look_alike, multiline):
            return match.group()
        if len(run) % 2:
            return "\\" * (len(run) // 2) + chr(int(look_alike[1:], 16))
        return "\\" * (len(run) // 2) + look_alike

    return _FROM_FIELD.sub(unescape, text)


def field_value(original: str, shown: str, multiline: bool = False) -> str:
    """What an edit field opened with ``original`` holds now that it shows ``shown``:
    ``original`` itself, exactly, while untouched (compared with what it showed, not with
    what a widget might have made of it), else `from_field` of the text."""
    if shown == to_field(original, multiline=multiline):
        return original
    return from_field(shown, multiline=multiline)


WEB_SCHEMES = ("https://", "http://")
LINK_LIMIT = 2_000  # characters of a terminal hyperlink's target (terminals cut longer ones)


def is_web_url(url: str) -> bool:
    """Whether ``url`` is an http(s) URL: the only kind diplocal opens or makes clickable."""
    return url[:8].lower().startswith(WEB_SCHEMES)


def link_target(url: str) -> str:
    """``url`` when a terminal may make it a hyperlink (OSC 8), else '': an http(s) URL of
    printable ASCII without spaces (the bytes OSC 8 allows, so no escape can ride on it)
    and at most ``LINK_LIMIT`` characters. Any other URL is shown as plain text."""
    if not is_web_url(url) or len(url) > LINK_LIMIT:
        return ""
    return url if all("!" <= ch <= "~" for ch in url) else ""


def cells(text: str) -> int:
    """How many terminal columns ``text`` takes: wide (East Asian) characters take two."""
    return sum(2 if east_asian_width(ch) in "WF" else 0 if combining(ch) else 1 for ch in text)


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, ending in '…' when cut; '' when nothing fits."""
    if cells(text) <= width:
        return text
    if width <= 0:
        return ""
    kept, used = [], 0
    for ch in text:
        size = cells(ch)
        if used + size > width - 1:
            break
        kept.append(ch)
        used += size
    return "".join(kept) + "…"


# Where a word too wide for its line may break: after a dash, a slash or a URL's separators
# (so "(Asia/Dushanbe)" keeps whole when it fits a line, and an address breaks between parts).
_WORD_BREAKS = re.compile(r"(?<=[\u2013\u2014/?&#-])")


def wrap_at_breaks(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken at spaces (dropped there), a
    word wider than the line after a dash, slash, ``?``, ``&`` or ``#``, and folded only if a
    part is still too wide. Nothing else is lost, nothing is cut."""
    if width <= 0 or cells(text) <= width:
        return [text]
    pieces: list[tuple[str, str]] = []  # (piece, what joins it to the one before)
    for word in text.split():
        glue = " "
        parts = [word] if cells(word) <= width else _WORD_BREAKS.split(word)
        for part in filter(None, parts):
            while cells(part) > width:
                head = _cells_head(part, width)
                pieces.append((head, glue))
                part, glue = part[len(head) :], ""
            pieces.append((part, glue))
            glue = ""
    lines = [pieces[0][0]] if pieces else [""]
    for piece, glue in pieces[1:]:
        if cells(lines[-1] + glue + piece) > width:
            lines.append(piece)
        else:
            lines[-1] += glue + piece
    return lines


def _cells_head(text: str, width: int) -> str:
    """The longest start of ``text`` within ``width`` columns (at least one character)."""
    used = 0
    for n, ch in enumerate(text):
        used += cells(ch)
        if used > width:
            return text[: max(1, n)]
    return text
