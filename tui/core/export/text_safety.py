"""Calendar text made safe for each output format, without changing what it says.

Each format has its own hazards: Markdown's punctuation and raw HTML, a spreadsheet's
formulas, HTML's tags and entities, JSON read back into a web page. Controls and bidi
overrides are hazards everywhere: JSON keeps them exactly, as ``\\uXXXX`` escapes; the
formats that are read by a person (Markdown, HTML, CSV) show them as visible symbols.
"""

from __future__ import annotations

import html
import json
import re

from tui.core.text import one_line, printable

# Everything CommonMark gives a meaning to inside a line of text (the lines written never
# start with user text, so block markers such as '#', '-' and '1.' need no escape).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~!$])")
# Characters that JSON allows raw in a string but that must not reach a terminal or a
# web page raw: DEL, C1, bidi controls, invisible format characters, line separators, and
# '<', '>', '&' so that the document can be embedded in HTML as it is.
_JSON_HAZARD = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff<>&]")
# A cell a spreadsheet would run as a formula (OWASP's list), or whose first character
# would be eaten.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def markdown_inline(text: str) -> str:
    """``text`` as one line of Markdown that renders as the text itself."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text, limit=None))


def html_text(text: str) -> str:
    """``text`` for an HTML element or attribute, controls shown as symbols."""
    return html.escape(printable(text, limit=None), quote=True)


def json_document(document: object) -> str:
    """``document`` as indented JSON, every hazardous character written as an escape."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    # Outside strings JSON is ASCII, so each one of these sits inside a string, where the
    # escape means the same character.
    return _JSON_HAZARD.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def csv_cell(text: str) -> str:
    """``text`` for a spreadsheet cell: controls shown as symbols, newlines kept (RFC 4180
    quoting carries them), and a leading apostrophe where a spreadsheet would see a
    formula."""
    shown = printable(text, limit=None)
    return "'" + shown if shown.startswith(_FORMULA_START) else shown
