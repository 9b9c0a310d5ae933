"""A checkbox drawn as [x] / [ ], like the other checklists on Tonight."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class Toggle(Checkbox):
    """On/off for one thing (an area, the rest day); space or enter flips it."""

    def render(self) -> Content:
        # A plain [x] reads better in a form than Checkbox's filled button.
        box = (
            Content.styled("[x]", "bold $success")
            if self.value
            else Content.styled("[ ]", "$foreground-muted")
        )
        label = self.label.pad(1, 1).stylize_before(self.get_visual_style("toggle--label"))
        return Content.assemble(box, label)
