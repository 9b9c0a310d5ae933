"""A 0-10 score (pain, sleep, mood) shown as a coloured bar; digits set it, arrows step it.

Typing moves on, as a number field would: a digit sets the score and the focus goes to the next
one, except "1", which waits a second for a "0" (10). After the second, or any other digit, the 1
stands and the focus moves on; a digit typed after a standing 1 goes to the next score.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from backjournal.domain.vocab import pain_band
from backjournal.tui.widgets.key_clock import REAL_KEY_CLOCK, TEN_WINDOW_S, KeyClock

SCALE = 10
# The domain's one pain scale, in the theme's colours (the Diary and the charts use it too).
BAND_STYLES = {"low": "$success", "mid": "$warning", "high": "$error"}


def level_style(value: float, higher_is_better: bool = False) -> str:
    """The theme colour for a score on the domain's pain bands: calm, warning, error."""
    badness = SCALE - value if higher_is_better else value
    return BAND_STYLES[pain_band(badness)]


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

    class Done(Message):
        """The user typed this score in full: the focus moves to the next one.

        `carry` is a digit typed after a standing "1": it is meant for the next score.
        """

        def __init__(self, bar: ScoreBar, carry: int | None) -> None:
            super().__init__()
            self.bar = bar
            self.carry = carry

        @property
        def control(self) -> ScoreBar:
            return self.bar

    def __init__(
        self,
        label: str,
        *,
        higher_is_better: bool = False,
        required: bool = False,
        hint: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.higher_is_better = higher_is_better
        self.required = required
        self.hint = hint  # what the scale means, shown while the field has the focus
        self.clock: KeyClock = REAL_KEY_CLOCK  # tests give a FakeKeyClock
        self._one_at: float | None = None  # when a "1" was typed that a "0" may still follow
        self._cancel_pause: Callable[[], None] | None = None
        # Set by the form that owns the bar: called at once, inside the key's own handling, so a
        # key typed right behind the digit (Tab, the next digit) already finds the focus moved.
        # A Done message alone would be handled later, and a burst of keys could overtake it.
        self.move_on: Callable[[ScoreBar, int | None], None] | None = None

    def render(self) -> Content:
        value = self.value
        # Focused: the label in the block cursor's colours, as a focused checkbox's label (and
        # the contrast theme's strong yellow), not only the row's faint tint.
        label = Content.styled(
            f"{self.label:<12}",
            "bold $block-cursor-foreground on $block-cursor-background" if self.has_focus else "",
        )
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
        if self.has_focus and self.hint:
            number = number + Content.styled(f"  {self.hint}", "$foreground-muted")
        return Content.assemble(label, bar, number)

    def set_value(self, value: int | None) -> None:
        """Change the value as the user did (posts Changed)."""
        if value is not None:
            value = max(0, min(SCALE, value))
        if value != self.value:
            self.value = value
            self.post_message(self.Changed(self, value))

    def action_set_score(self, value: int) -> None:
        pending = self._one_at
        self._stop_waiting()
        if pending is not None:
            if value == 0 and self.clock.now() - pending <= TEN_WINDOW_S:
                self.set_value(10)
                self._done(None)
            else:  # the 1 stands; this digit starts the next score
                self._done(value)
            return
        self.set_value(value)
        if value == 1:
            self._one_at = self.clock.now()
            self._cancel_pause = self.clock.later(self, TEN_WINDOW_S, self._pause_over)
        else:
            self._done(None)

    def _pause_over(self) -> None:
        if self._one_at is not None:
            self._stop_waiting()
            self._done(None)

    def _done(self, carry: int | None) -> None:
        if self.move_on is not None:
            self.move_on(self, carry)
        else:
            self.post_message(self.Done(self, carry))

    def _stop_waiting(self) -> None:
        if self._cancel_pause is not None:
            self._cancel_pause()
        self._one_at = self._cancel_pause = None

    def action_step(self, delta: int) -> None:
        self._stop_waiting()
        start = self.value if self.value is not None else (-1 if delta > 0 else SCALE + 1)
        self.set_value(start + delta)

    def action_clear(self) -> None:
        self._stop_waiting()
        if not self.required:
            self.set_value(None)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self._stop_waiting()  # moved away by hand: the 1 stands, nothing more to move
        self.refresh()
