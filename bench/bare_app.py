"""The floor for first paint: a bare Textual app with a header, a footer and a 10-row table."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header


class BareApp(App[None]):
    """What any Textual app costs to start."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Row", "Value")
        for n in range(10):
            table.add_row(f"bare row {n}", str(n * n))


if __name__ == "__main__":
    BareApp().run()
