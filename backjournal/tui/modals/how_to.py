"""How to do an exercise, one key away from Tonight's checklist: the dose, the how-to, the care."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from backjournal.domain.exercises import dose_text
from backjournal.domain.models import Exercise
from backjournal.tui.plain import plain


class HowToModal(ModalScreen[None]):
    """Shows one exercise; escape, enter or i closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,i", "close", "Close")]

    def __init__(self, exercise: Exercise) -> None:
        super().__init__(classes="bj-dialog how-to")
        self.exercise = exercise

    def compose(self) -> ComposeResult:
        exercise = self.exercise
        with Vertical(classes="dialog"):
            yield Label(plain(exercise.name, newlines=False), classes="dialog-title")
            yield Static(f"{exercise.kind}, {dose_text(exercise)}", classes="dialog-muted")
            yield Static(
                plain(exercise.how_to or "No how-to written."), classes="dialog-body", id="how-to"
            )
            if exercise.caution:
                yield Static(
                    plain(exercise.caution), classes="dialog-body dialog-muted", id="caution"
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", variant="primary", id="how-to-close")

    def on_mount(self) -> None:
        self.query_one("#how-to-close", Button).focus()

    @on(Button.Pressed, "#how-to-close")
    def action_close(self) -> None:
        self.dismiss(None)
