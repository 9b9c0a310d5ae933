"""The Routines screen's writes: new, edit, delete and move routines, their exercises, new
exercises. A part of RoutinesScreen, kept apart to keep the screen's module readable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual import work
from textual.widgets import Select, Static

from backjournal.domain.errors import InputError
from backjournal.domain.exercises import ordered
from backjournal.domain.library_rules import check_new_exercise, new_routine_id
from backjournal.domain.models import Exercise, Journal, Routine
from backjournal.service import JOURNAL_ERRORS
from backjournal.tui.modals.exercise_form import ExerciseFormModal
from backjournal.tui.modals.routine_form import RoutineFormModal
from backjournal.tui.plain import plain
from backjournal.tui.screens.base import JournalScreen
from backjournal.tui.widgets.routine_lists import LibraryList, RoutineExerciseList


class RoutineActions(JournalScreen):
    """The actions of RoutinesScreen that write through the service."""

    journal: Journal | None
    library: list[Exercise]

    def selected_routine(self) -> Routine | None:
        raise NotImplementedError  # the screen knows which list row is highlighted

    def selected_exercise(self) -> Exercise | None:
        raise NotImplementedError

    def _fill_routines(self, select: str | None = None) -> None:
        raise NotImplementedError

    # -- writing ------------------------------------------------------------------------
    def _write(self, action: Callable[[], object], done: str, select: str | None = None) -> bool:
        """Run one service write; a refusal is shown and nothing changes."""
        try:
            action()
        except InputError as error:
            self._say(f"Not changed: {error.problem}.", error=True)
            return False
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return False
        self.announce_change()  # this screen reloads too
        if select:
            self._fill_routines(select)
        self._say(done)
        return True

    def _say(self, message: str, error: bool = False) -> None:
        label = self.query_one("#routines-message", Static)
        label.update(plain(message))
        label.set_class(error, "error")

    @work
    async def action_new_routine(self) -> None:
        service = self.service
        created: list[str] = []

        def save(name: str, per_week: int | None) -> None:
            taken = [r.id for r in self.journal.routines] if self.journal else []
            new_id = new_routine_id(name, taken)
            service.save_routine(
                Routine(id=new_id, name=name, exercises=(), times_per_week=per_week)
            )
            created.append(new_id)

        if await self.app.push_screen_wait(RoutineFormModal("New routine", save)):
            self.announce_change()
            self._fill_routines(created[-1])
            self.query_one(LibraryList).focus()
            self._say("Routine created. Pick exercises in the library and press a to add each.")

    @work
    async def action_edit_routine(self) -> None:
        routine = self.selected_routine()
        if routine is None:
            return
        service = self.service

        def save(name: str, per_week: int | None) -> None:
            keep_max = (
                routine.max_per_week
                if per_week and (routine.max_per_week or 0) >= per_week
                else None
            )
            service.save_routine(
                replace(routine, name=name, times_per_week=per_week, max_per_week=keep_max)
            )

        dialog = RoutineFormModal(
            "Rename or change target", save, routine.name, routine.times_per_week
        )
        if await self.app.push_screen_wait(dialog):
            self.announce_change()
            self._say("Routine saved.")

    @work
    async def action_delete_routine(self) -> None:
        routine = self.selected_routine()
        if routine is None:
            return
        from backjournal.tui.modals.confirm import ConfirmModal

        body = (
            f"'{routine.name}' will no longer appear on Tonight's checklist. "
            "Exercises already ticked stay in the diary."
        )
        dialog = ConfirmModal("Delete this routine?", body, "Delete", "Keep it", danger=True)
        if await self.app.push_screen_wait(dialog):
            self._write(
                lambda: self.service.delete_routine(routine.id), f"'{routine.name}' was deleted."
            )

    def action_move_routine(self, offset: int) -> None:
        routine = self.selected_routine()
        if routine is not None:
            self._write(
                lambda: self.service.move_routine(routine.id, offset),
                f"Moved '{routine.name}' {'up' if offset < 0 else 'down'}.",
                select=routine.id,
            )

    def action_add_to_routine(self) -> None:
        routine, exercise = self.selected_routine(), self.selected_exercise()
        if routine is None or exercise is None or self.journal is None:
            self._say("Make a routine first (n), then add exercises to it.", error=True)
            return
        if exercise.id in routine.exercises:
            self._say(f"{exercise.name} is already in {routine.name}.", error=True)
            return
        ids = ordered((*routine.exercises, exercise.id), self.journal.exercises)
        self._write(
            lambda: self.service.save_routine(replace(routine, exercises=ids)),
            f"Added {exercise.name} to {routine.name}.",
            select=routine.id,
        )

    def action_remove_exercise(self) -> None:
        routine = self.selected_routine()
        option = self.query_one(RoutineExerciseList).highlighted_option
        if routine is None or option is None or option.id is None:
            return
        ids = tuple(i for i in routine.exercises if i != option.id)
        name = (
            self.journal.exercises[option.id].name
            if self.journal and option.id in self.journal.exercises
            else option.id
        )
        self._write(
            lambda: self.service.save_routine(replace(routine, exercises=ids)),
            f"Removed {name} from {routine.name}.",
            select=routine.id,
        )

    @work
    async def action_new_exercise(self) -> None:
        service = self.service

        def save(exercise: Exercise) -> None:
            check_new_exercise(exercise, self.journal.exercises if self.journal else {})
            service.add_exercise(exercise)

        new_id = await self.app.push_screen_wait(ExerciseFormModal(save))
        if new_id:
            self.query_one("#library-kind", Select).clear()
            self.query_one("#library-region", Select).clear()
            self.announce_change()
            ids = [e.id for e in self.library]
            if new_id in ids:
                self.query_one(LibraryList).highlighted = ids.index(new_id)
            self._say(
                "Exercise added to the library. Press a to add it to the highlighted routine."
            )
