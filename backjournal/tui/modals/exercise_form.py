"""A dialog for adding a custom exercise: name, kind, body region, dose, how-to and caution."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from backjournal.domain.errors import InputError
from backjournal.domain.library_rules import slug
from backjournal.domain.models import Exercise
from backjournal.domain.vocab import KINDS, REGIONS
from backjournal.service import STORE_ERRORS
from backjournal.tui.plain import plain
from backjournal.tui.screens.base import journal_app

NUMBER_FIELDS = (("sets", "Sets"), ("reps", "Reps"), ("hold_s", "Hold (seconds)"))


def _number(text: str, label: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise InputError(label, f"{text!r} is not a whole number above 0")
    return int(text)


class ExerciseFormModal(ModalScreen[str | None]):
    """Builds an Exercise and runs `save(exercise)`; dismisses with its id, or None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, save: Callable[[Exercise], object]) -> None:
        super().__init__(classes="bj-dialog")
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="exercise-dialog"):
            yield Label("Add your own exercise", classes="dialog-title")
            with VerticalScroll(id="exercise-fields"):
                yield from self._row(
                    "Name", Input(placeholder="e.g. Wall slide", id="exercise-name", compact=True)
                )
                yield from self._row(
                    "Kind",
                    Select(
                        [(k, k) for k in KINDS],
                        value="mobility",
                        allow_blank=False,
                        id="exercise-kind",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "Body region",
                    Select(
                        [(r, r) for r in REGIONS],
                        value="lower-back",
                        allow_blank=False,
                        id="exercise-region",
                        compact=True,
                    ),
                )
                for name, label in NUMBER_FIELDS:
                    yield from self._row(
                        label,
                        Input(
                            id=f"exercise-{name}",
                            type="integer",
                            compact=True,
                            placeholder="optional",
                        ),
                    )
                yield from self._row(
                    "Sides",
                    Select(
                        [("one side (or both at once)", "one"), ("each side in turn", "both")],
                        value="one",
                        allow_blank=False,
                        id="exercise-sides",
                        compact=True,
                    ),
                )
                yield from self._row("How to do it", Input(id="exercise-how", compact=True))
                yield from self._row("Take care", Input(id="exercise-caution", compact=True))
            yield Static(
                "Stretches: hold 10 s or more. Repeated moves: 5 reps or more.",
                classes="dialog-muted",
            )
            yield Static("", id="exercise-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="exercise-cancel")
                yield Button("Add exercise", variant="primary", id="exercise-save")

    @staticmethod
    def _row(label: str, field) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(label, classes="form-label")
            yield field

    def on_mount(self) -> None:
        self.query_one("#exercise-name", Input).focus()

    def build(self) -> Exercise:
        """The exercise described by the form; InputError names the first bad field."""
        name = self.query_one("#exercise-name", Input).value.strip()
        if not slug(name):
            raise InputError("Name", "give the exercise a name")
        numbers = {
            field: _number(self.query_one(f"#exercise-{field}", Input).value, label)
            for field, label in NUMBER_FIELDS
        }
        return Exercise(
            id=slug(name),
            name=name,
            kind=str(self.query_one("#exercise-kind", Select).value),
            region=str(self.query_one("#exercise-region", Select).value),
            sets=numbers["sets"],
            reps=numbers["reps"],
            hold_s=numbers["hold_s"],
            sides=str(self.query_one("#exercise-sides", Select).value),
            how_to=self.query_one("#exercise-how", Input).value.strip(),
            caution=self.query_one("#exercise-caution", Input).value.strip(),
        )

    @on(Input.Submitted)
    @on(Button.Pressed, "#exercise-save")
    def submit(self) -> None:
        try:
            exercise = self.build()
            self.save(exercise)
        except InputError as error:
            field = error.field.replace("_s", "").replace("_", " ")
            self.query_one("#exercise-error", Static).update(
                plain(f"Not added: {field}: {error.problem}.")
            )
            return
        except STORE_ERRORS as error:
            # The journal could not be written: the app explains; nothing was changed.
            self.dismiss(None)
            journal_app(self).report_error(error)
            return
        self.dismiss(exercise.id)

    @on(Button.Pressed, "#exercise-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
