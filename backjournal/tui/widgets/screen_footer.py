"""The footer B's screens share: compact, with the palette hint only where there is room."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

PALETTE_HINT_WIDTH = 100  # narrower terminals need the room for the screen's own keys


class ScreenFooter(Footer):
    """A compact Footer that hides the command-palette hint on narrow terminals."""

    def __init__(self) -> None:
        super().__init__(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        wanted = event.size.width >= PALETTE_HINT_WIDTH
        if self.show_command_palette != wanted:
            self.show_command_palette = wanted
