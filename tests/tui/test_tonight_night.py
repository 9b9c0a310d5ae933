"""The nightly flow of issue 10, key by key through the real app, checked against the store."""

from __future__ import annotations

from datetime import date, timedelta

from backjournal.domain.models import Entry
from backjournal.tui.screens.tonight import TonightScreen
from backjournal.tui.widgets.checkin_form import CheckinForm
from backjournal.tui.widgets.checklist import Checklist
from backjournal.tui.widgets.key_clock import FakeKeyClock
from backjournal.tui.widgets.score_bar import ScoreBar

TODAY = date(2026, 11, 20)  # the fixed clock of conftest.py
YESTERDAY = TODAY - timedelta(days=1)


async def settle(pilot, times: int = 3) -> None:
    for _ in range(times):
        await pilot.pause()


async def open_tonight(pilot) -> tuple[TonightScreen, FakeKeyClock]:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TonightScreen)
    clock = FakeKeyClock()
    screen.query_one(CheckinForm).set_key_clock(clock)
    return screen, clock


def focused_id(pilot) -> str | None:
    focused = pilot.app.focused
    return focused.id if focused is not None else None


async def test_the_typical_night_takes_at_most_10_keys(empty_service, make_service, make_app):
    # Last night: lower back. Tonight: pain 3, sleep 7, mood 6, lower back, four exercises.
    empty_service.log(YESTERDAY, {"pain": 4, "areas": ["lower-back"]})
    keys = ["3", "tab", "7", "6", "c", "space", "space", "space", "space"]
    assert len(keys) <= 10
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_tonight(pilot)
        for key in keys:  # one at a time, as typed
            await pilot.press(key)
            await pilot.pause()
        await settle(pilot)
    stored = make_service().day(TODAY)
    assert stored.entry == Entry(pain=3, sleep=7, mood=6, areas=("lower-back",))
    # The first four of tonight's session: the warm-up, then from the neck down.
    assert set(stored.ticks) == {"march-in-place", "chin-tuck", "cat-cow", "pelvic-tilt"}


async def test_1_then_0_within_a_second_is_10(empty_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, clock = await open_tonight(pilot)
        await pilot.press("1")
        assert focused_id(pilot) == "pain"  # a 0 may follow
        clock.advance(0.6)
        await pilot.press("0")
        await pilot.pause()
        assert screen.query_one("#pain", ScoreBar).value == 10
        assert focused_id(pilot) == "worst"
        await pilot.press("1")
        clock.advance(0.5)
        await pilot.press("0")  # worst 10
        await pilot.pause()
        assert screen.query_one("#worst", ScoreBar).value == 10
        assert focused_id(pilot) == "sleep"


async def test_a_lone_1_stands_after_a_pause(empty_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, clock = await open_tonight(pilot)
        await pilot.press("1")
        clock.advance(1.2)  # the pause: the focus moves on by itself
        await pilot.pause()
        assert focused_id(pilot) == "worst"
        await pilot.press("0")
        await pilot.pause()
        assert screen.query_one("#pain", ScoreBar).value == 1
        assert screen.query_one("#worst", ScoreBar).value == 0


async def test_1_then_another_digit_goes_on_to_the_next_score(empty_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, clock = await open_tonight(pilot)
        await pilot.press("1", "5")
        await pilot.pause()
        assert screen.query_one("#pain", ScoreBar).value == 1
        assert screen.query_one("#worst", ScoreBar).value == 5
        assert focused_id(pilot) == "sleep"
        # A 0 late after a 1 is not 10 either, even before the pause timer ran.
        screen.query_one("#pain", ScoreBar).focus()
        await pilot.press("1")
        clock.time += 2.0  # (time passes without the timer firing)
        await pilot.press("0")
        await pilot.pause()
        assert screen.query_one("#pain", ScoreBar).value == 1
        assert screen.query_one("#worst", ScoreBar).value == 0


async def test_the_checklist_is_tonights_session(empty_service, make_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, _ = await open_tonight(pilot)
        checklist = screen.query_one(Checklist)
        ids = [o.id for o in checklist.options if o.id and o.id.startswith("ex:")]
        assert len(ids) == len(set(ids))  # the shared warm-up and cool-down once each
        assert ids[0] == "ex:march-in-place" and ids[-1] == "ex:cool-down-breathing"
        await pilot.press("c")
        await pilot.press("space")  # ticks the warm-up, moves on to the next unticked
        await settle(pilot)
        assert checklist.highlighted_option.id == "ex:chin-tuck"
        await pilot.press("down", "space")  # skip chin tuck, tick cat-cow: on to pelvic tilt
        await settle(pilot)
        assert checklist.highlighted_option.id == "ex:pelvic-tilt"
        await pilot.press("up", "up", "space")  # back to chin tuck: the others stay ticked
        await settle(pilot)
        session = checklist.session
        assert session is not None
        assert session.progress("strengthening").done == 1  # only its own warm-up
        assert session.progress("mobility").done == 3
    assert set(make_service().day(TODAY).ticks) == {"march-in-place", "cat-cow", "chin-tuck"}


async def test_space_on_a_routine_ticks_the_rest_of_it(empty_service, make_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, _ = await open_tonight(pilot)
        checklist = screen.query_one(Checklist)
        checklist.focus()
        checklist.highlighted = checklist.get_option_index("routine:mobility")
        await pilot.press("space")
        await settle(pilot)
    assert set(make_service().day(TODAY).ticks) == {
        "march-in-place",
        "chin-tuck",
        "cat-cow",
        "pelvic-tilt",
        "knee-to-chest",
        "cool-down-breathing",
    }


async def test_a_burst_of_keys_lands_where_it_was_meant(empty_service, make_app):
    # Keys queued while the app was busy arrive together: each must find the focus the digit
    # before it moved, or "3 Tab 7 6" would store worst 6 instead of sleep 7 and mood 6.
    from textual import events

    empty_service.log(YESTERDAY, {"pain": 4, "areas": ["lower-back"]})
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_tonight(pilot)
        for key, char in [("3", "3"), ("tab", "\t"), ("7", "7"), ("6", "6")]:
            app.post_message(events.Key(key, char))  # all queued before any is handled
        await settle(pilot, 5)
        values = {bar.id: bar.value for bar in app.screen.query(ScoreBar)}
        assert values == {"pain": 3, "worst": None, "sleep": 7, "mood": 6}
        assert focused_id(pilot) == "area-neck"


async def test_a_burst_of_spaces_ticks_one_exercise_each(empty_service, make_service, make_app):
    from textual import events

    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_tonight(pilot)
        await pilot.press("5")
        await settle(pilot)
        for key, char in [("c", "c"), *[("space", " ")] * 4]:
            app.post_message(events.Key(key, char))  # all queued before any is handled
        await settle(pilot, 8)
    stored = make_service().day(TODAY)
    assert stored.entry is not None and stored.entry.pain == 5
    assert set(stored.ticks) == {"march-in-place", "chin-tuck", "cat-cow", "pelvic-tilt"}
