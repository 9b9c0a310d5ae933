"""The three lists of the Routines screen: your routines, the exercises of one, the library."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from backjournal.domain.models import Routine


def target_text(routine: Routine) -> str:
    if routine.times_per_week is None:
        return "daily"
    return f"{routine.times_per_week}× a week"


class RoutineList(OptionList):
    """Your routines, in the order Tonight shows them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.edit_routine", "Edit"),
        Binding("x,delete", "screen.delete_routine", "Delete"),
        Binding("shift+up,minus", "screen.move_routine(-1)", "Move up", key_display="⇧↑"),
        Binding("shift+down,plus", "screen.move_routine(1)", "Move down", key_display="⇧↓"),
    ]


class RoutineExerciseList(OptionList):
    """The exercises of the highlighted routine, in the order they are done."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x,delete", "screen.remove_exercise", "Remove"),
    ]


class LibraryList(OptionList):
    """Every exercise, built in and your own, filtered by kind and region."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.add_to_routine", "Add to routine", show=False),
    ]
