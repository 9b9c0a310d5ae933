"""A 0-10 score (pain, sleep, mood) shown as a coloured bar; digits set it, arrows step it."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

SCALE = 10


def level_style(value: int, higher_is_better: bool = False) -> str:
    """The theme colour for a score: calm when good, warning in the middle, error when bad."""
    badness = SCALE - value if higher_is_better else value
    if badness <= 3:
        return "$success"
    if badness <= 6:
        return "$warning"
    return "$error"


def score_bar(value: int | None, width: int = SCALE, higher_is_better: bool = False) -> Content:
    """Just the bar: one cell per point, filled cells in the score's colour."""
    if value is None:
        return Content.styled("·" * width, "$foreground-muted")
    filled = round(value * width / SCALE)
    return Content.assemble(
        ("█" * filled, level_style(value, higher_is_better)),
        ("░" * (width - filled), "$foreground-muted"),
    )


class ScoreBar(Widget, can_focus=True):
    """One 0-10 field of the check-in. Posts ScoreBar.Changed when the user changes it."""

    DEFAULT_CSS = """
    ScoreBar {
        height: 1;
        width: 100%;
        &:focus {
            background: $primary 20%;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,minus", "step(-1)", "Less", show=False),
        Binding("right,plus,equals_sign", "step(1)", "More", show=False),
        Binding("backspace,delete", "clear", "Clear", show=False),
        *(Binding(str(n), f"set_score({n})", show=False) for n in range(10)),
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        """The user set or cleared the score."""

        def __init__(self, bar: ScoreBar, value: int | None) -> None:
            super().__init__()
            self.bar = bar
            self.value = value

        @property
        def control(self) -> ScoreBar:
            return self.bar

    def __init__(
        self,
        label: str,
        *,
        higher_is_better: bool = False,
        required: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.higher_is_better = higher_is_better
        self.required = required

    def render(self) -> Content:
        value = self.value
        label = Content.styled(f"{self.label:<12}", "bold" if self.has_focus else "")
        bar = score_bar(value, SCALE, self.higher_is_better)
        if value is None:
            note = "  press 0-9" if self.required or self.has_focus else "  not set"
            number = Content.styled(f"  –{note}", "$foreground-muted")
        else:
            number = Content.assemble(
                (f" {value:>2}", f"bold {level_style(value, self.higher_is_better)}"),
                ("/10", "$foreground-muted"),
            )
            if self.has_focus:
                number = number + Content.styled("  ←/→", "$foreground-muted")
        return Content.assemble(label, bar, number)

    def set_value(self, value: int | None) -> None:
        """Change the value as the user did (posts Changed)."""
        if value is not None:
            value = max(0, min(SCALE, value))
        if value != self.value:
            self.value = value
            self.post_message(self.Changed(self, value))

    def action_set_score(self, value: int) -> None:
        self.set_value(value)

    def action_step(self, delta: int) -> None:
        start = self.value if self.value is not None else (-1 if delta > 0 else SCALE + 1)
        self.set_value(start + delta)

    def action_clear(self) -> None:
        if not self.required:
            self.set_value(None)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
