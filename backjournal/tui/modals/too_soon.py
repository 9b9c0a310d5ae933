"""Ticking an exercise the phase advisor says is too soon: explain, and default to "Not yet"."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from backjournal.domain.models import Exercise
from backjournal.tui.plain import plain


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


class TooSoonModal(ModalScreen[bool]):
    """Dismisses True only when the user chooses to record the exercise anyway."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "not_yet", "Not yet")]

    def __init__(self, exercise: Exercise, reason: str, allowed_from: date | None) -> None:
        super().__init__(classes="bj-dialog too-soon")
        self.exercise = exercise
        self.reason = reason
        self.allowed_from = allowed_from

    def compose(self) -> ComposeResult:
        # The advisor's reason already says when the phase opens: the date is said once.
        with Vertical(classes="dialog"):
            yield Label(
                plain(f"{self.exercise.name}: not yet", newlines=False), classes="dialog-title"
            )
            yield Static(plain(self.reason), classes="dialog-body", id="too-soon-reason")
            yield Static(
                "If your physiotherapist has said it is fine, you can record it now; "
                "the journal notes that you went ahead early.",
                classes="dialog-body dialog-muted",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Not yet", variant="primary", id="too-soon-no")
                yield Button("Record it anyway", variant="warning", id="too-soon-yes")

    def on_mount(self) -> None:
        self.query_one("#too-soon-no", Button).focus()

    @on(Button.Pressed, "#too-soon-yes")
    def anyway(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#too-soon-no")
    def action_not_yet(self) -> None:
        self.dismiss(False)
