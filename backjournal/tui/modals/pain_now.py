"""Asks for the pain now, 0-10: after "this hurts", and at the end of a guided session."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class PainNowModal(ModalScreen[int | None]):
    """Type a number from 0 to 10 and press enter; escape (or Skip) gives no number."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "skip", "Skip")]

    def __init__(self, title: str, body: str, skip: str = "Skip") -> None:
        super().__init__(classes="bj-dialog")
        self.title_text = title
        self.body = body
        self.skip_label = skip

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.body, classes="dialog-body")
            yield Input(
                placeholder="0 (none) to 10 (worst)",
                restrict=r"[0-9]{0,2}",
                max_length=2,
                id="pain-now",
            )
            yield Static("", id="pain-problem", classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.skip_label, id="pain-skip")
                yield Button("Save", variant="primary", id="pain-save")

    def on_mount(self) -> None:
        self.query_one("#pain-now", Input).focus()

    @on(Input.Submitted, "#pain-now")
    @on(Button.Pressed, "#pain-save")
    def save(self) -> None:
        text = self.query_one("#pain-now", Input).value.strip()
        if text.isdigit() and 0 <= int(text) <= 10:
            self.dismiss(int(text))
        else:
            self.query_one("#pain-problem", Static).update("Please type a number from 0 to 10.")

    @on(Button.Pressed, "#pain-skip")
    def action_skip(self) -> None:
        self.dismiss(None)
