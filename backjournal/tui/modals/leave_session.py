"""Leaving a guided session part-way: keep what was done, keep nothing, or stay."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

KEEP, DISCARD, STAY = "keep", "discard", "stay"


class LeaveSessionModal(ModalScreen[str]):
    """Dismisses "keep", "discard" or "stay"; escape stays, the safe answer."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "stay", "Stay")]

    def __init__(self, done: int) -> None:
        super().__init__(classes="bj-dialog")
        self.done = done

    def compose(self) -> ComposeResult:
        ticked = (
            f"{self.done} exercise{'' if self.done == 1 else 's'} ticked so far"
            if self.done
            else "nothing ticked yet"
        )
        with Vertical(classes="dialog"):
            yield Label("Leave the session?", classes="dialog-title")
            yield Static(
                f"You have {ticked}. Keep what you did, or leave no trace of this session?",
                classes="dialog-body",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Stay", id="leave-stay")
                yield Button("Keep nothing", variant="error", id="leave-discard")
                yield Button("Keep what I did", variant="primary", id="leave-keep")

    def on_mount(self) -> None:
        self.query_one("#leave-keep", Button).focus()

    @on(Button.Pressed, "#leave-keep")
    def keep(self) -> None:
        self.dismiss(KEEP)

    @on(Button.Pressed, "#leave-discard")
    def discard(self) -> None:
        self.dismiss(DISCARD)

    @on(Button.Pressed, "#leave-stay")
    def action_stay(self) -> None:
        self.dismiss(STAY)
