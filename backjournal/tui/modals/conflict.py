"""A field changed both here and elsewhere since the day was loaded: the two side by side."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from backjournal.domain.text import visible
from backjournal.domain.vocab import AREA_LABELS, RED_FLAG_LABELS


def shown_value(field: str, value: Any) -> Content:
    """A field's value in words, escaped: text from the journal never reaches the terminal raw."""
    if value is None or value == () or value == "":
        return Content.styled("(empty)", "$foreground-muted")
    if isinstance(value, bool):
        return Content("yes" if value else "no")
    if isinstance(value, int):
        return Content(f"{value}/10")
    if field == "areas":
        value = tuple(AREA_LABELS.get(a, a) for a in value)
    elif field == "red_flags":
        value = tuple(RED_FLAG_LABELS.get(f, f) for f in value)
    if isinstance(value, tuple):
        return Content(visible(", ".join(str(v) for v in value), newlines=False))
    return Content(visible(str(value)))


class ConflictModal(ModalScreen[str]):
    """Dismisses with "mine", "theirs" or "both" (notes only); escape cancels ("")."""

    DEFAULT_CSS = """
    ConflictModal .conflict-sides {
        height: auto;
        max-height: 16;
    }
    ConflictModal .conflict-side {
        width: 1fr;
        height: auto;
        padding: 0 1;
        border: round $panel;
    }
    ConflictModal .conflict-side-title {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, field_label: str, mine: Content, theirs: Content, *, can_keep_both: bool
    ) -> None:
        super().__init__(classes="bj-dialog")
        self.field_label = field_label
        self.mine = mine
        self.theirs = theirs
        self.can_keep_both = can_keep_both

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"{self.field_label.capitalize()} was changed elsewhere", classes="dialog-title"
            )
            yield Static(
                f"Since you opened this day, {self.field_label} was saved from somewhere else (another "
                "window, or the command line). Nothing is saved until you choose which to keep.",
                classes="dialog-body",
                markup=False,
            )
            with Horizontal(classes="conflict-sides"):
                with VerticalScroll(classes="conflict-side"):
                    yield Label("Yours, not saved yet", classes="conflict-side-title")
                    yield Static(self.mine, id="conflict-mine")
                with VerticalScroll(classes="conflict-side"):
                    yield Label("Saved elsewhere", classes="conflict-side-title")
                    yield Static(self.theirs, id="conflict-theirs")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep mine", variant="primary", id="conflict-keep-mine")
                yield Button("Keep the other", id="conflict-keep-theirs")
                if self.can_keep_both:
                    yield Button("Keep both", id="conflict-keep-both")
                yield Button("Cancel", id="conflict-cancel")

    def on_mount(self) -> None:
        self.query_one("#conflict-keep-mine", Button).focus()

    @on(Button.Pressed)
    def answered(self, event: Button.Pressed) -> None:
        choice = (event.button.id or "").removeprefix("conflict-keep-")
        self.dismiss("" if choice == "conflict-cancel" else choice)

    def action_cancel(self) -> None:
        self.dismiss("")
