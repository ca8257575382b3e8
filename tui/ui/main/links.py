"""A selection's source links: opened with the system's opener or copied, and said so."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from tui.core.system.opener import open_url


def open_link(widget: Widget, url: str) -> None:
    """Open a link with the system's opener, or in the viewer's browser when the app is
    served to one (``diplocal serve``), and say what happened."""
    if widget.app.is_web:
        widget.app.open_url(url)
        widget.notify(f"Opening {url}", markup=False)
    elif open_url(url):
        widget.notify(f"Opening {url}", markup=False)
    else:
        widget.notify("Nothing here can open links: press y to copy it.", severity="warning")


def copy_link(widget: Widget, url: str) -> None:
    """Copy a link to the clipboard (through the terminal), and say so."""
    widget.app.copy_to_clipboard(url)
    widget.notify(f"Copied {url}", markup=False)


def with_source(
    host: Widget, sources: tuple[str, ...], verb: str, then: Callable[[Widget, str], None]
) -> None:
    """Act on the selection's one source link, or ask which when it has several."""
    from tui.ui.dialogs.source_picker import SourcePicker

    if not sources:
        host.notify("The selection has no source links.", severity="warning")
    elif len(sources) == 1:
        then(host, sources[0])
    else:

        def chosen(url: str | None) -> None:
            if url:
                then(host, url)

        host.app.push_screen(SourcePicker(verb, sources), chosen)


def act_on_source(host: Widget, sources: tuple[str, ...], verb: str) -> None:
    """``verb`` 'Open' (o) or 'Copy' (y) the selection's source link."""
    with_source(host, sources, verb, open_link if verb == "Open" else copy_link)
