"""The TUI baseline: a bare Textual app that shows one label and nothing else.

`run.py` starts it under the same pseudo-terminal, with the same driver and terminal size as
the backjournal app, and times how long the label takes to reach the screen.
"""

import sys

from textual.app import App, ComposeResult
from textual.widgets import Label


class BareApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Label(self.text)


if __name__ == "__main__":
    BareApp(sys.argv[1] if len(sys.argv) > 1 else "bare-textual-ready").run()
