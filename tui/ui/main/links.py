"""A selection's source links: opened with the system's opener or copied, and said so.

Both act on the source exactly as the file has it (a long URL whole, its newlines and
controls too: the opener gets one argument, the clipboard base64); the notices show it
shortened and made safe. Only http(s) links are opened.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from tui.core.system.opener import open_url
from tui.core.text import is_web_url, one_line

SHOWN = 120  # characters of a link a notice shows


def open_link(widget: Widget, url: str) -> None:
    """Open a link with the system's opener, or in the viewer's browser when the app is
    served to one (``diplocal serve``), and say what happened. Only http(s) links."""
    shown = one_line(url, SHOWN)
    if not is_web_url(url):
        widget.notify(
            f"Only http(s) links are opened: press y to copy {shown}",
            severity="warning",
            markup=False,
        )
    elif widget.app.is_web:
        widget.app.open_url(url)
        widget.notify(f"Opening {shown}", markup=False)
    elif open_url(url):
        widget.notify(f"Opening {shown}", markup=False)
    else:
        widget.notify("Nothing here can open links: press y to copy it.", severity="warning")


def copy_link(widget: Widget, url: str) -> None:
    """Copy a link to the clipboard (through the terminal), and say so."""
    widget.app.copy_to_clipboard(url)
    widget.notify(f"Copied {one_line(url, SHOWN)}", markup=False)


LINK_ACTIONS: dict[str, Callable[[Widget, str], None]] = {"Open": open_link, "Copy": copy_link}


def with_source(host: Widget, sources: tuple[str, ...], verb: str) -> None:
    """``verb`` ('Open' or 'Copy') the selection's one source link, or ask which when it
    has several."""
    from tui.ui.dialogs.source_picker import SourcePicker

    then = LINK_ACTIONS[verb]
    if not sources:
        host.notify("The selection has no source links.", severity="warning")
    elif len(sources) == 1:
        then(host, sources[0])
    else:

        def chosen(url: str | None) -> None:
            if url:
                then(host, url)

        host.app.push_screen(SourcePicker(verb, sources), chosen)
