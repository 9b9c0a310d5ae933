"""Asked before leaving a screen whose changes are not saved yet."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from backjournal.tui.plain import plain


class UnsavedChangesModal(ModalScreen[str]):
    """Dismisses with "save", "discard" or "stay"; escape stays."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "stay", "Stay here")]

    def __init__(self, summary: str) -> None:
        super().__init__(classes="bj-dialog")
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Save your changes first?", classes="dialog-title")
            yield Static(plain(self.summary), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="unsaved-save")
                yield Button("Don't save", id="unsaved-discard")
                yield Button("Stay here", id="unsaved-stay")

    def on_mount(self) -> None:
        self.query_one("#unsaved-save", Button).focus()

    @on(Button.Pressed)
    def answered(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "unsaved-stay").removeprefix("unsaved-"))

    def action_stay(self) -> None:
        self.dismiss("stay")
