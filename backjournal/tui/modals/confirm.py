"""A yes/no dialog that defaults to the safe answer."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from backjournal.tui.plain import plain


class ConfirmModal(ModalScreen[bool]):
    """Asks one question; dismisses True only when the user picks the confirm button."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        body: str,
        confirm: str = "Yes",
        cancel: str = "No",
        *,
        danger: bool = False,
        default_confirm: bool = False,
    ) -> None:
        super().__init__(classes="bj-dialog")
        self.title_text = title
        self.body = body
        self.confirm_label = confirm
        self.cancel_label = cancel
        self.danger = danger
        self.default_confirm = default_confirm

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.title_text, newlines=False), classes="dialog-title")
            yield Static(plain(self.body), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.cancel_label, id="confirm-no")
                yield Button(
                    self.confirm_label,
                    variant="error" if self.danger else "primary",
                    id="confirm-yes",
                )

    def on_mount(self) -> None:
        self.query_one("#confirm-yes" if self.default_confirm else "#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def confirmed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def action_cancel(self) -> None:
        self.dismiss(False)
