"""The footer B's screens share: compact, with the palette hint only where there is room."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.app import ComposeResult
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
        self._keys_shown: Hashable | None = None
        """What the keys on show were composed from; None until some are shown."""

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

    def keys_shown(self) -> Hashable:
        """Everything the Footer composes its keys from, to tell when a recompose would change nothing."""
        app = self.app
        return (
            self.show_command_palette,
            tuple(
                (
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    binding.group,
                    binding.tooltip,
                    enabled,
                    tooltip,
                )
                for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
                if binding.show or binding.key == app.COMMAND_PALETTE_BINDING
            ),
        )

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        # Nothing composed (the bindings were not ready yet): the next bindings change recomposes.
        self._keys_shown = self.keys_shown() if keys else None
        yield from keys

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self._fit(self.size.width)
            # The Footer remounts every key on each bindings change (focus moves, a screen
            # switch make several): most change nothing on show, and remounting costs a frame.
            if self._keys_shown is not None and self.keys_shown() == self._keys_shown:
                return
        super().bindings_changed(screen)
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            self._keys_shown = self.keys_shown()  # a recompose is on its way: one is enough
