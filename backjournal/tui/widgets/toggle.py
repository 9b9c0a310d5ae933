"""A checkbox drawn as [x] / [ ], like the other checklists on Tonight."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class Toggle(Checkbox):
    """On/off for one thing (an area, the rest day); space or enter flips it."""

    @property
    def _button(self) -> Content:  # Textual draws the box here; a plain [x] reads better in a form
        return (
            Content.styled("[x]", "bold $success")
            if self.value
            else Content.styled("[ ]", "$foreground-muted")
        )
