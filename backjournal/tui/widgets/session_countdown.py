"""The guided session's countdown: what the step is, large digits, and a bar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Label, ProgressBar

from backjournal.domain.session_engine import View
from backjournal.tui.widgets.session_text import big_number, step_title


class SessionCountdown(Vertical):
    """Shows a View: the step's title (side, set, reps), the number in large digits, a bar."""

    DEFAULT_CSS = """
    SessionCountdown {
        height: auto;
        padding: 0 1;
        border: round $panel;
    }
    SessionCountdown.work {
        border: round $accent;
    }
    SessionCountdown.flash {
        background: $warning 50%;
    }
    SessionCountdown.paused #countdown-digits {
        color: $foreground-muted;
    }
    SessionCountdown #countdown-step {
        text-style: bold;
        width: 100%;
    }
    SessionCountdown #countdown-digits {
        width: 100%;
        text-align: center;
        text-style: bold;
    }
    SessionCountdown #countdown-bar {
        width: 100%;
    }
    SessionCountdown #countdown-bar Bar {
        width: 1fr;
    }
    """

    def compose(self) -> ComposeResult:
        yield Label("", id="countdown-step")
        yield Digits("0", id="countdown-digits")
        yield ProgressBar(total=1000, show_eta=False, show_percentage=False, id="countdown-bar")

    def show(self, view: View, tempo: bool) -> None:
        self.query_one("#countdown-step", Label).update(step_title(view, tempo))
        self.query_one("#countdown-digits", Digits).update(big_number(view, tempo))
        self.query_one("#countdown-bar", ProgressBar).update(progress=round(view.fraction * 1000))
        self.set_class(view.step is not None and view.step.is_work, "work")
        self.set_class(view.paused, "paused")
