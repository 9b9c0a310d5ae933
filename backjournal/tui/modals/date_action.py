"""A small dialog that asks for a date (today by default) before doing something with it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from backjournal.domain.errors import InputError
from backjournal.service import STORE_ERRORS
from backjournal.tui.plain import plain
from backjournal.tui.screens.base import journal_app


class DateActionModal(ModalScreen[date | None]):
    """Reads a date, runs `action(date)`; a refused date or action is explained and the dialog stays.

    Dismisses with the date on success, or None when cancelled.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        explanation: str,
        confirm: str,
        parse: Callable[[str], date],
        action: Callable[[date], object],
        default: str = "today",
    ) -> None:
        super().__init__(classes="bj-dialog")
        self.title_text = title
        self.explanation = explanation
        self.confirm = confirm
        self.parse = parse
        self.action = action
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.explanation, classes="dialog-body")
            yield Input(
                self.default,
                placeholder="today, yesterday, 3 days ago, 2026-11-20",
                id="date-action-input",
            )
            yield Static("", id="date-action-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="date-action-cancel")
                yield Button(self.confirm, variant="primary", id="date-action-ok")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#date-action-ok")
    def submit(self) -> None:
        text = self.query_one(Input).value
        try:
            day = self.parse(text)
            self.action(day)
        except InputError as error:
            self.query_one("#date-action-error", Static).update(
                plain(f"{error.problem}.".replace("..", "."))
            )
            return
        except STORE_ERRORS as error:
            # The journal could not be written: the app explains; nothing was changed.
            self.dismiss(None)
            journal_app(self).report_error(error)
            return
        self.dismiss(day)

    @on(Button.Pressed, "#date-action-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
