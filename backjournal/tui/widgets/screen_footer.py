"""The footer B's screens share: compact, with the palette hint only where there is room."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

PALETTE_HINT_WIDTH = 100  # narrower terminals need the room for the screen's own keys
PALETTE_HINT_CELLS = 12  # "▏^p palette" and its padding


class ScreenFooter(Footer):
    """A compact Footer that shows the command-palette hint only when every key fits beside it.

    When the keys run on under the hint, the end of a cut-off key showed in the last cell
    ("^p palettee"); and the hint is never worth a key of the screen's own.
    """

    def __init__(self) -> None:
        super().__init__(compact=True)

    def keys_cells(self) -> int:
        """The cells the compact footer's keys take, one entry per action as the Footer shows."""
        seen: set[str] = set()
        total = 0
        for _node, binding, _enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                key = self.app.get_key_display(binding)
                total += cell_len(key) + 1 + cell_len(binding.description) + 1
        return total

    def _fit(self, width: int) -> None:
        wanted = width >= PALETTE_HINT_WIDTH and self.keys_cells() + PALETTE_HINT_CELLS <= width
        if self.show_command_palette != wanted:
            self.show_command_palette = wanted

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self._fit(self.size.width)
        super().bindings_changed(screen)
