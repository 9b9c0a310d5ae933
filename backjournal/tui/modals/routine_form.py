"""A dialog for a routine's name and target (daily, or N times a week)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from backjournal.domain.errors import InputError
from backjournal.service import STORE_ERRORS
from backjournal.tui.plain import plain
from backjournal.tui.screens.base import journal_app

TARGETS: list[tuple[str, int]] = [("Every day", 0)] + [
    (f"{n} time{'s' if n > 1 else ''} a week", n) for n in range(1, 8)
]


class RoutineFormModal(ModalScreen[bool]):
    """Runs `save(name, times_per_week)`; a refusal is shown and the dialog stays open."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        save: Callable[[str, int | None], object],
        name: str = "",
        times_per_week: int | None = None,
    ) -> None:
        super().__init__(classes="bj-dialog")
        self.title_text = title
        self.save = save
        self.name_value = name
        self.target = times_per_week or 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label("Name")
            yield Input(self.name_value, placeholder="e.g. Morning stretches", id="routine-name")
            yield Label("How often")
            yield Select(TARGETS, value=self.target, allow_blank=False, id="routine-target")
            yield Static("", id="routine-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="routine-cancel")
                yield Button("Save", variant="primary", id="routine-save")

    def on_mount(self) -> None:
        self.query_one("#routine-name", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#routine-save")
    def submit(self) -> None:
        name = self.query_one("#routine-name", Input).value
        target = self.query_one("#routine-target", Select).value
        try:
            self.save(name, int(target) or None)  # type: ignore[arg-type]
        except InputError as error:
            self.query_one("#routine-error", Static).update(plain(f"Not saved: {error.problem}."))
            return
        except STORE_ERRORS as error:
            # The journal could not be written: the app explains; nothing was changed.
            self.dismiss(False)
            journal_app(self).report_error(error)
            return
        self.dismiss(True)

    @on(Button.Pressed, "#routine-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
