"""Routines screen: create, rename, reorder, delete routines; add exercises; custom exercises."""

from __future__ import annotations

from textual.widgets import Input, Select

from backjournal.tui.modals.confirm import ConfirmModal
from backjournal.tui.modals.exercise_form import ExerciseFormModal
from backjournal.tui.modals.routine_form import RoutineFormModal
from backjournal.tui.screens.routines import (
    LibraryList,
    RoutineExerciseList,
    RoutineList,
    RoutinesScreen,
)


async def open_routines(pilot) -> RoutinesScreen:
    await pilot.press("r")
    await pilot.pause()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RoutinesScreen)
    return screen


def stored_routines(make_service) -> dict:
    return {r.id: r for r in make_service().journal().routines}


async def create_routine(pilot, name: str, per_week: int) -> None:
    await pilot.press("n")
    await pilot.pause()
    modal = pilot.app.screen
    assert isinstance(modal, RoutineFormModal)
    await pilot.press(*name)
    modal.query_one("#routine-target", Select).value = per_week
    await pilot.click("#routine-save")
    await pilot.pause()


async def test_create_a_routine_and_add_an_exercise(empty_service, make_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_routines(pilot)
        await create_routine(pilot, "Evening walk", 3)
        assert screen.selected_routine().id == "evening-walk"

        library = screen.query_one(LibraryList)
        library.focus()
        library.highlighted = [e.id for e in screen.library].index("walk")
        await pilot.press("a")
        await pilot.pause()
    routine = stored_routines(make_service)["evening-walk"]
    assert routine.name == "Evening walk"
    assert routine.times_per_week == 3
    assert routine.exercises == ("walk",)


async def test_a_refused_name_is_explained_and_nothing_is_stored(
    empty_service, make_service, make_app
):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_routines(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.click("#routine-save")  # no name
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, RoutineFormModal)
        assert "Not saved" in str(modal.query_one("#routine-error").render())
        await pilot.press("escape")
    assert list(stored_routines(make_service)) == ["mobility", "stretching", "strengthening"]


async def test_rename_change_target_move_and_remove(empty_service, make_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_routines(pilot)
        routines = screen.query_one(RoutineList)
        routines.focus()
        await pilot.press("enter")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, RoutineFormModal)
        modal.query_one("#routine-name", Input).value = "Morning mobility"
        modal.query_one("#routine-target", Select).value = 5
        await pilot.click("#routine-save")
        await pilot.pause()

        await pilot.press("shift+down")
        await pilot.pause()
        assert screen.selected_routine().id == "mobility"

        listing = screen.query_one(RoutineExerciseList)
        listing.focus()
        first = listing.highlighted_option.id
        await pilot.press("x")
        await pilot.pause()
    stored = stored_routines(make_service)
    assert list(stored) == ["stretching", "mobility", "strengthening"]
    mobility = stored["mobility"]
    assert mobility.name == "Morning mobility" and mobility.times_per_week == 5
    assert first not in mobility.exercises


async def test_delete_a_routine_asks_first(empty_service, make_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_routines(pilot)
        screen.query_one(RoutineList).focus()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("enter")  # keep it
        await pilot.pause()
        assert "mobility" in stored_routines(make_service)
        await pilot.press("x")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
    assert list(stored_routines(make_service)) == ["stretching", "strengthening"]


async def fill_exercise(modal: ExerciseFormModal, **values: str) -> None:
    for field, value in values.items():
        widget = modal.query_one(f"#exercise-{field}")
        widget.value = value


async def test_add_a_custom_exercise(empty_service, make_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_routines(pilot)
        await pilot.press("c")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ExerciseFormModal)
        await fill_exercise(
            modal,
            name="Doorway chest stretch",
            kind="stretching",
            region="upper-back",
            sets="2",
            hold_s="20",
            sides="both",
            how="Forearms on the door frame, lean in.",
            caution="Stop if the arm tingles.",
        )
        await pilot.click("#exercise-save")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
        assert screen.selected_exercise().id == "doorway-chest-stretch"
    exercise = make_service().journal().exercises["doorway-chest-stretch"]
    assert exercise.kind == "stretching" and exercise.region == "upper-back"
    assert (exercise.sets, exercise.reps, exercise.hold_s, exercise.sides) == (2, None, 20, "both")
    assert exercise.caution == "Stop if the arm tingles."
    assert not exercise.builtin


async def test_a_too_short_stretch_is_refused(empty_service, make_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_routines(pilot)
        await pilot.press("c")
        await pilot.pause()
        modal = app.screen
        await fill_exercise(modal, name="Quick stretch", kind="stretching", hold_s="5")
        await pilot.click("#exercise-save")
        await pilot.pause()
        assert app.screen is modal
        assert "at least 10 seconds" in str(modal.query_one("#exercise-error").render())
        await pilot.press("escape")
    assert "quick-stretch" not in make_service().journal().exercises


async def test_library_filters_by_kind_and_region(empty_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_routines(pilot)
        screen.query_one("#library-kind", Select).value = "stretching"
        await pilot.pause()
        assert screen.library and all(e.kind == "stretching" for e in screen.library)
        screen.query_one("#library-region", Select).value = "legs"
        await pilot.pause()
        assert [e.id for e in screen.library] == ["hamstring-stretch"]
        assert "Hamstring" in str(screen.query_one("#library-howto").render())
