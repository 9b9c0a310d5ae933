"""Routines: your checklists on the left, the exercise library on the right."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Select, Static
from textual.widgets.option_list import Option

from backjournal.domain.exercises import dose_text, ordered
from backjournal.domain.models import Exercise, Journal, Routine
from backjournal.domain.text import visible
from backjournal.domain.vocab import KINDS, REGIONS
from backjournal.service import JOURNAL_ERRORS, JournalService
from backjournal.tui.plain import one_line
from backjournal.tui.screens.routines_actions import RoutineActions
from backjournal.tui.widgets.routine_lists import (
    LibraryList,
    RoutineExerciseList,
    RoutineList,
    target_text,
)
from backjournal.tui.widgets.screen_footer import ScreenFooter


class RoutinesScreen(RoutineActions):
    """Create, rename, reorder and delete routines; add exercises from the library."""

    DEFAULT_CSS = """
    #routines-body {
        height: 1fr;
    }
    #routines-left {
        width: 2fr;
    }
    #routines-right {
        width: 3fr;
    }
    #routines-list {
        height: 2fr;
    }
    #routine-exercises {
        height: 3fr;
    }
    #library-filters {
        height: 1;
        margin: 0 1;
    }
    #library-filters Select {
        width: 1fr;
        margin-right: 1;
    }
    #library-list {
        height: 1fr;
    }
    /* The lists' titles in text colours, not the blurred border's (near the background in
       the night theme); the focused list's title in the accent. */
    #routines-body OptionList {
        border-title-color: $foreground-muted;
        &:focus {
            border-title-color: $accent;
            border-title-style: bold;
        }
    }
    #library-detail {
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $foreground-muted;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_routine", "New routine", tooltip="Make a new routine"),
        Binding(
            "a",
            "add_to_routine",
            "Add exercise",
            tooltip="Add the highlighted library exercise to the highlighted routine",
        ),
        Binding(
            "c", "new_exercise", "New exercise", tooltip="Add your own exercise to the library"
        ),
        Binding(
            "f5",
            "reload",
            "Reload",
            show=False,
            tooltip="Reload the journal, to see changes written elsewhere",
        ),
    ]
    # Keys of the lists themselves, for the Help screen.
    HELP_KEYS: ClassVar[list[tuple[str, str]]] = [
        ("enter", "On a routine: rename it or change how often; in the library: add the exercise"),
        ("x, delete", "On a routine: delete it (asks first); in a routine: remove that exercise"),
        ("⇧↑ ⇧↓ or - +", "Move the highlighted routine up or down"),
        ("tab", "Move between the lists and the filters"),
    ]

    def __init__(self, service: JournalService) -> None:
        super().__init__(service)
        self.journal: Journal | None = None
        self.library: list[Exercise] = []

    def compose(self) -> ComposeResult:
        yield Static("Routines", id="routines-title", classes="screen-title")
        with Horizontal(id="routines-body"):
            with Vertical(id="routines-left"):
                yield RoutineList(id="routines-list")
                yield RoutineExerciseList(id="routine-exercises")
            with Vertical(id="routines-right"):
                with Horizontal(id="library-filters"):
                    yield Select(
                        [(k, k) for k in KINDS], prompt="any kind", id="library-kind", compact=True
                    )
                    yield Select(
                        [(r, r) for r in REGIONS],
                        prompt="any region",
                        id="library-region",
                        compact=True,
                    )
                yield LibraryList(id="library-list")
                with VerticalScroll(id="library-detail"):
                    yield Static("", id="library-howto")
        yield Static("", id="routines-message")
        yield ScreenFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RoutineList).border_title = "Your routines"
        self.query_one(RoutineExerciseList).border_title = "In this routine"
        self.query_one(LibraryList).border_title = "Exercise library"
        self.query_one("#library-detail").border_title = "How to"
        self.query_one(RoutineList).focus()

    # -- data ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Reload routines and library, keeping what was highlighted."""
        try:
            self.journal = self.service.library()  # routines and exercises: no year file read
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return
        self._fill_routines()
        self._fill_library()

    def selected_routine(self) -> Routine | None:
        listing = self.query_one(RoutineList)
        if self.journal is None or listing.highlighted is None:
            return None
        routines = self.journal.routines
        return routines[listing.highlighted] if listing.highlighted < len(routines) else None

    def _fill_routines(self, select: str | None = None) -> None:
        assert self.journal is not None
        listing = self.query_one(RoutineList)
        current = select or (listing.highlighted_option.id if listing.highlighted_option else None)
        listing.set_options(
            Option(Text.assemble(one_line(r.name), ("  " + target_text(r), "dim")), id=r.id)
            for r in self.journal.routines
        )
        ids = [r.id for r in self.journal.routines]
        if ids:
            listing.highlighted = ids.index(current) if current in ids else 0
        self._fill_routine_exercises()

    def _fill_routine_exercises(self) -> None:
        assert self.journal is not None
        listing = self.query_one(RoutineExerciseList)
        routine = self.selected_routine()
        before = listing.highlighted
        if routine is None:
            listing.set_options([Option("No routine yet: press n to make one.", disabled=True)])
            return
        library = self.journal.exercises
        ids = ordered(routine.exercises, library)
        if not ids:
            listing.set_options(
                [Option("Empty: pick exercises in the library and press a.", disabled=True)]
            )
            return
        listing.set_options(
            Option(
                Text.assemble(
                    one_line(library[i].name if i in library else i),
                    ("  " + dose_text(library[i]) if i in library else "", "dim"),
                ),
                id=i,
            )
            for i in ids
        )
        listing.highlighted = min(before or 0, len(ids) - 1)

    def _fill_library(self) -> None:
        assert self.journal is not None
        kind = self.query_one("#library-kind", Select).value
        region = self.query_one("#library-region", Select).value
        listing = self.query_one(LibraryList)
        current = listing.highlighted_option.id if listing.highlighted_option else None
        exercises = [
            e
            for e in self.journal.exercises.values()
            if (kind is Select.NULL or e.kind == kind)
            and (region is Select.NULL or e.region == region)
        ]
        exercises.sort(
            key=lambda e: (KINDS.index(e.kind) if e.kind in KINDS else 99, e.name.lower())
        )
        self.library = exercises
        if not exercises:
            listing.set_options([Option("Nothing matches these filters.", disabled=True)])
        else:
            listing.set_options(
                Option(
                    Text.assemble(
                        one_line(e.name), (f"  {e.kind}" + ("" if e.builtin else ", yours"), "dim")
                    ),
                    id=e.id,
                )
                for e in exercises
            )
            ids = [e.id for e in exercises]
            listing.highlighted = ids.index(current) if current in ids else 0
        self._show_exercise()

    def selected_exercise(self) -> Exercise | None:
        listing = self.query_one(LibraryList)
        if listing.highlighted is None or listing.highlighted >= len(self.library):
            return None
        return self.library[listing.highlighted]

    def _show_exercise(self) -> None:
        exercise = self.selected_exercise()
        howto = self.query_one("#library-howto", Static)
        if exercise is None:
            howto.update("")
            return
        text = Text()
        text.append(one_line(exercise.name), "bold")
        text.append(f"\n{exercise.kind}, {exercise.region}")
        dose = dose_text(exercise)
        if dose:
            text.append(f": {dose}")
        text.append("\n\n" + visible(exercise.how_to or "No how-to written."))
        if exercise.caution:
            text.append("\n\nTake care: ", "bold")
            text.append(visible(exercise.caution))
        howto.update(text)

    # -- reacting to the lists ----------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#routines-list")
    def _routine_highlighted(self) -> None:
        self._fill_routine_exercises()

    @on(OptionList.OptionHighlighted, "#library-list")
    def _exercise_highlighted(self) -> None:
        self._show_exercise()

    @on(Select.Changed, "#library-kind, #library-region")
    def _filter_changed(self) -> None:
        if self.journal is not None:
            self._fill_library()
