"""The guided session screen (issue 11), played whole on a fake monotonic clock at 80x24."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import Digits, Label, Static

from backjournal.domain.models import DONE, SKIPPED, STOPPED, GuidedItem, Routine, Tick
from backjournal.tui.modals.leave_session import LeaveSessionModal
from backjournal.tui.modals.pain_now import PainNowModal
from backjournal.tui.screens.session import SessionScreen


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 5_000.0

    def __call__(self) -> float:
        return self.now


ROUTINE = Routine(
    "tonight", "Tonight", ("glute-stretch", "bridge", "chin-tuck", "cool-down-breathing")
)


@pytest.fixture
def service(make_service):
    service = make_service()
    service.store.update_meta(lambda m: replace(m, routines=[ROUTINE]))
    return service


async def open_session(app, pilot):
    await pilot.pause()
    await pilot.press("g")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    return screen


async def run(pilot, screen, clock, seconds):
    clock.now += seconds
    screen.poll()
    await pilot.pause()


def step_text(screen) -> str:
    return str(screen.query_one("#countdown-step", Label).content)


async def test_a_whole_session_two_sides_a_hurt_stop_and_pain_now(make_app, service):
    clock = FakeMonotonic()
    app = make_app(service, monotonic=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, pilot)
        plan = screen.plan
        assert [i.exercise.id for i in plan.items] == [
            "chin-tuck",
            "glute-stretch",
            "bridge",
            "cool-down-breathing",
        ]
        # Drop the chin tuck for tonight: the first row, space on it.
        await pilot.press("space")
        await pilot.pause()
        assert [i.exercise.id for i in screen.plan.items][0] == "glute-stretch"
        assert "about" in str(screen.query_one("#plan-total").content)
        await pilot.press("g")
        await pilot.pause()
        assert screen.view_name == "play"
        assert "Get ready" in step_text(screen) and "next: LEFT side" in step_text(screen)

        # The glute stretch: 3 sets x left and right, 10 s holds, 5 s settles between them.
        sides = []
        await run(pilot, screen, clock, 5)
        for n in range(6):
            assert "Hold" in step_text(screen)
            sides.append("LEFT" if "LEFT side" in step_text(screen) else "RIGHT")
            assert str(screen.query_one("#countdown-digits", Digits).value) == "10"
            await run(pilot, screen, clock, 9.99)
            assert str(screen.query_one("#countdown-digits", Digits).value) == "1"
            await run(pilot, screen, clock, 0.01 + (5 if n < 5 else 0))
        assert sides == ["LEFT", "RIGHT"] * 3
        assert service.day(service.today()).ticks["glute-stretch"] == Tick(
            "glute-stretch", sets=3, hold_s=10, side="both"
        )

        # The bridge: get ready, four reps counted with space, then "this hurts".
        await run(pilot, screen, clock, 5)
        assert "Repetitions" in step_text(screen)
        await pilot.press("space", "space", "space", "space")
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, PainNowModal)
        clock.now += 120  # the dialog stays up a while: nothing runs behind it
        await pilot.press("6", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert service.day(service.today()).ticks["bridge"] == Tick(
            "bridge", sets=1, reps=4, hold_s=3, stopped=True, pain_during=6
        )

        # The cool-down: ten breaths counted by hand; the end asks for the pain now.
        assert screen.engine.item.exercise.id == "cool-down-breathing"
        assert "Get ready" in step_text(screen)
        await run(pilot, screen, clock, 5)
        assert "Repetitions · 0 of 10" in step_text(screen)  # breaths count themselves
        await run(pilot, screen, clock, 6 * 4 + 1)
        assert "Repetitions · 4 of 10" in step_text(screen)
        await run(pilot, screen, clock, 6 * 6)
        assert isinstance(app.screen, PainNowModal)
        await pilot.press("3", "enter")
        await pilot.pause()
        summary = str(screen.query_one("#summary-text").content)
        assert "Done: 2" in summary and "Skipped: 0" in summary and "Stopped: 1" in summary
        assert "Pain now: 3/10" in summary

        day = service.day(service.today())
        assert day.entry is not None and day.entry.pain == 3  # the night had no entry
        (session,) = day.sessions
        assert session.items == (
            GuidedItem("glute-stretch", DONE),
            GuidedItem("bridge", STOPPED),
            GuidedItem("cool-down-breathing", DONE),
        )
        assert session.pain_after == 3 and session.end is not None
        assert day.ticks["cool-down-breathing"].reps == 10

        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, SessionScreen)
        assert app.current_mode == "tonight"
        # Tonight's advisor names what hurt, with the advice to go gently.
        shown = " ".join(str(w.content) for w in app.screen.query(Static))
        assert "You stopped because it hurt: Bridge" in shown and "Go gently" in shown


async def test_strengthening_that_hurts_drops_the_rest_and_says_why(
    make_app, service, make_service
):
    service.store.update_meta(
        lambda m: replace(m, routines=[Routine("s", "S", ("glute-stretch", "bird-dog", "bridge"))])
    )
    clock = FakeMonotonic()
    app = make_app(service, monotonic=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("n")  # skip the stretch
        await run(pilot, screen, clock, 5)
        await pilot.press("space", "h")
        await pilot.pause()
        await pilot.press("escape")  # no number: the stop is kept without one
        await pilot.pause()
        note = str(screen.query_one("#play-note").content)
        assert "rest of tonight's strengthening is left out" in note
        # Nothing is left after it: the end asks for the pain now.
        assert isinstance(app.screen, PainNowModal)
        await pilot.press("escape")
        await pilot.pause()
        (session,) = service.day(service.today()).sessions
        assert [(i.exercise, i.outcome) for i in session.items] == [
            ("glute-stretch", SKIPPED),
            ("bird-dog", STOPPED),
            ("bridge", SKIPPED),
        ]
        assert service.day(service.today()).ticks["bird-dog"].side == "left"


async def test_leaving_asks_and_keeping_nothing_leaves_no_trace(make_app, service):
    clock = FakeMonotonic()
    app = make_app(service, monotonic=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("n")  # chin tuck skipped
        await run(pilot, screen, clock, 5 + 6 * 10 + 5 * 5)  # the glute stretch, whole
        assert "glute-stretch" in service.day(service.today()).ticks
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LeaveSessionModal)
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert app.screen is screen and not screen.engine.view().paused
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#leave-discard")
        await pilot.pause()
        day = service.day(service.today())
        assert day.ticks == {} and day.sessions == ()
        assert not isinstance(app.screen, SessionScreen)


async def test_the_palette_opens_it_and_a_screen_key_asks_before_leaving(make_app, service):
    clock = FakeMonotonic()
    app = make_app(service, monotonic=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        app.action_session()
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and app.current_mode == "tonight"
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, LeaveSessionModal)
        await pilot.click("#leave-keep")
        await pilot.pause()
        (session,) = service.day(service.today()).sessions
        assert session.end is not None and all(i.outcome == SKIPPED for i in session.items)


@pytest.mark.parametrize("alert", ["bell", "flash"])
async def test_each_hold_ends_with_the_bell_or_a_flash_as_set(make_app, make_service, alert):
    from backjournal.domain.settings import SessionSettings, Settings

    service = make_service(settings=Settings(session=SessionSettings(alert=alert)))
    service.store.update_meta(
        lambda m: replace(m, routines=[Routine("s", "S", ("glute-stretch",))])
    )
    clock = FakeMonotonic()
    app = make_app(service, monotonic=clock)
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        await run(pilot, screen, clock, 5 + 10)
        countdown = screen.query_one("#play-countdown")
        if alert == "bell":
            assert rings == [1] and not countdown.has_class("flash")
        else:
            assert rings == [] and countdown.has_class("flash")


async def test_it_fits_80x24_and_shows_the_side_and_the_cue(make_app, service):
    clock = FakeMonotonic()
    app = make_app(service, monotonic=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("n")
        await run(pilot, screen, clock, 5)
        for selector in ("#play-title", "#countdown-step", "#countdown-digits", "#countdown-bar"):
            region = screen.query_one(selector).region
            assert region.height > 0 and region.bottom <= 24 and region.right <= 80, selector
        assert "LEFT side" in step_text(screen)
        assert "No bouncing" in str(screen.query_one("#play-dose", Static).content)
