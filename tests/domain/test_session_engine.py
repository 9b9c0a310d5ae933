"""The guided session engine (issue 11): exact timing on a fake monotonic clock, keys, "this hurts"."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backjournal.domain.exercises import BUILTIN_BY_ID
from backjournal.domain.models import DONE, SKIPPED, STOPPED
from backjournal.domain.session_engine import (
    BLOCK_ENDED,
    FINISHED,
    ITEM_ENDED,
    STRENGTHENING_DROPPED,
    SessionEngine,
)
from backjournal.domain.session_plan import HOLD, READY, REPS, SETTLE, SessionPlan, plan_item
from backjournal.domain.settings import SessionSettings

PACING = SessionSettings(settle_s=5, rest_s=20)


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def plan_of(*exercise_ids: str) -> SessionPlan:
    items = tuple(plan_item(BUILTIN_BY_ID[e], PACING) for e in exercise_ids)
    return SessionPlan(date(2026, 11, 30), items, ())


def kinds(events):
    return [e.kind for e in events]


def results(events):
    return [e.result for e in events if e.kind == ITEM_ENDED]


@pytest.fixture
def clock():
    return FakeClock()


class TestHolds:
    def test_a_30_s_hold_ends_at_30_s_and_not_before(self, clock):
        engine = SessionEngine(plan_of("psoas-stretch"), clock)
        engine.start()
        clock.advance(5)  # get ready
        assert engine.update() == [] and engine.step.kind == HOLD
        clock.advance(29.999)
        assert engine.update() == []
        assert engine.view().remaining == pytest.approx(0.001)
        clock.advance(0.001)
        assert kinds(engine.update()) == [BLOCK_ENDED]
        assert engine.step.kind == SETTLE

    def test_sides_alternate_and_the_next_side_is_shown(self, clock):
        engine = SessionEngine(plan_of("psoas-stretch"), clock)
        engine.start()
        seen = []
        while not engine.finished:
            view = engine.view()
            if view.step.kind == HOLD and (not seen or seen[-1][0] != engine.step_index):
                seen.append((engine.step_index, view.step.side, view.next_side))
            clock.advance(0.5)
            engine.update()
        assert [side for _, side, _ in seen] == ["left", "right", "left", "right"]
        assert [nxt for _, _, nxt in seen] == ["right", "left", "right", None]

    def test_pause_stops_the_countdown_and_resume_restarts_it(self, clock):
        engine = SessionEngine(plan_of("hamstring-stretch"), clock)
        engine.start()
        clock.advance(5 + 10)
        engine.update()
        engine.toggle_pause()
        clock.advance(500)
        assert engine.update() == [] and engine.view().remaining == pytest.approx(10)
        assert engine.view().paused
        engine.toggle_pause()
        clock.advance(9.99)
        assert engine.update() == []
        clock.advance(0.01)
        assert kinds(engine.update()) == [BLOCK_ENDED]

    def test_a_long_frame_crosses_several_steps_at_their_scheduled_ends(self, clock):
        engine = SessionEngine(plan_of("glute-stretch"), clock)  # 3 x 2 holds of 10 s
        engine.start()
        clock.advance(5 + 10 + 5 + 3)  # into the second hold, three seconds in
        assert kinds(engine.update()) == [BLOCK_ENDED]
        assert engine.step.side == "right"
        assert engine.view().remaining == pytest.approx(7)

    def test_whole_session_at_tempo_lasts_exactly_the_planned_seconds(self, clock):
        plan = plan_of("march-in-place", "psoas-stretch", "bridge", "cool-down-breathing")
        engine = SessionEngine(plan, clock, tempo=True)
        start = clock.now
        engine.start()
        ended = []
        while not engine.finished:
            clock.advance(7.3)
            ended += results(engine.update())
        assert engine.ended_at - start == pytest.approx(plan.seconds)
        assert [r.outcome for r in ended] == [DONE] * 4


class TestReps:
    def test_space_counts_reps_and_the_set_ends_at_the_last_one(self, clock):
        engine = SessionEngine(plan_of("bridge"), clock)
        engine.start()
        clock.advance(5)
        engine.update()
        assert engine.step.kind == REPS
        for n in range(1, 10):
            assert engine.space() == [] and engine.view().count == n
        clock.advance(600)  # counting by hand: no timer runs out
        assert engine.update() == [] and engine.view().count == 9
        assert kinds(engine.space()) == [BLOCK_ENDED]
        assert engine.step.kind == "rest"

    def test_tempo_counts_for_the_user(self, clock):
        engine = SessionEngine(plan_of("chin-tuck"), clock, tempo=True)
        engine.start()
        clock.advance(5 + 3 * 4 + 1)
        engine.update()
        assert engine.view().count == 4
        engine.space()  # with a tempo, space pauses
        assert engine.view().paused

    def test_done_result_carries_the_dose_and_both_sides(self, clock):
        engine = SessionEngine(plan_of("knee-to-chest"), clock, tempo=True)
        engine.start()
        clock.advance(engine.plan.seconds)
        events = engine.update()
        (done,) = results(events)
        assert (done.outcome, done.sets, done.reps, done.side) == (DONE, 1, 5, "both")
        assert kinds(events)[-1] == FINISHED


class TestKeys:
    def test_next_skips_and_previous_goes_back(self, clock):
        engine = SessionEngine(plan_of("chin-tuck", "cat-cow", "pelvic-tilt"), clock)
        engine.start()
        (skipped,) = results(engine.next())
        assert (skipped.exercise, skipped.outcome) == ("chin-tuck", SKIPPED)
        assert engine.item.exercise.id == "cat-cow" and engine.step.kind == READY
        engine.previous()
        assert engine.item.exercise.id == "chin-tuck"
        engine.next()
        engine.next()
        events = engine.next()
        assert kinds(events)[-1] == FINISHED
        assert [r.outcome for r in engine.finish()] == [SKIPPED] * 3

    def test_finish_marks_what_was_never_reached_as_skipped(self, clock):
        engine = SessionEngine(plan_of("chin-tuck", "cat-cow"), clock)
        engine.start()
        assert [(r.exercise, r.outcome) for r in engine.finish()] == [
            ("chin-tuck", SKIPPED),
            ("cat-cow", SKIPPED),
        ]


class TestThisHurts:
    def test_stops_at_once_with_the_dose_done_and_the_pain(self, clock):
        engine = SessionEngine(plan_of("psoas-stretch", "cool-down-breathing"), clock)
        engine.start()
        clock.advance(5 + 30 + 5 + 12.6)  # left held, right 12.6 s in
        engine.update()
        stopped = engine.hurts()
        assert (stopped.outcome, stopped.sets, stopped.hold_s, stopped.side) == (
            STOPPED,
            1,
            30,
            "both",
        )
        clock.advance(60)  # the pain dialog is open: nothing runs
        assert engine.update() == [] and engine.view().awaiting_pain
        events = engine.give_pain(6)
        (result,) = results(events)
        assert (result.exercise, result.pain, result.outcome) == ("psoas-stretch", 6, STOPPED)
        assert engine.item.exercise.id == "cool-down-breathing" and engine.step.kind == READY

    def test_a_first_hold_cut_short_records_the_seconds_held(self, clock):
        engine = SessionEngine(plan_of("hamstring-stretch"), clock)
        engine.start()
        clock.advance(5 + 8.7)
        stopped = engine.hurts()
        assert (stopped.sets, stopped.hold_s, stopped.side) == (1, 8, "left")

    def test_strengthening_that_hurts_drops_the_rest_of_tonights_strengthening(self, clock):
        plan = plan_of("psoas-stretch", "bird-dog", "bridge", "cool-down-breathing")
        engine = SessionEngine(plan, clock)
        engine.start()
        engine.next()  # skip the stretch
        clock.advance(5)
        engine.update()
        for _ in range(3):
            engine.space()
        stopped = engine.hurts()
        assert (stopped.sets, stopped.reps, stopped.side) == (1, 3, "left")
        events = engine.give_pain(7)
        assert [(r.exercise, r.outcome) for r in results(events)] == [
            ("bird-dog", STOPPED),
            ("bridge", SKIPPED),
        ]
        dropped = [e for e in events if e.kind == STRENGTHENING_DROPPED]
        assert dropped and "strengthening" in dropped[0].message
        assert engine.item.exercise.id == "cool-down-breathing"
        engine.previous()  # going back never lands on a dropped exercise
        assert engine.item.exercise.id == "bird-dog"


# -- irregular frames never shorten or lengthen a hold ----------------------------------------

frames = st.lists(st.floats(min_value=0.001, max_value=12.0), min_size=1, max_size=400)


@settings(max_examples=200, deadline=None)
@given(gaps=frames, exercise=st.sampled_from(["psoas-stretch", "glute-stretch", "bird-dog"]))
def test_irregular_ticks_never_change_when_steps_end(gaps, exercise):
    """Every step ends exactly at start + the planned seconds, however the frames fall."""
    clock = FakeClock(start=50.0)
    plan = plan_of(exercise)
    engine = SessionEngine(plan, clock, tempo=True)
    engine.start()
    schedule, at = [], 50.0
    for step in plan.items[0].steps:
        at += step.seconds
        schedule.append(at)
    for gap in gaps:
        clock.advance(gap)
        engine.update()
        if engine.finished:
            break
        # Still in the step the schedule says, with the remaining time the schedule says.
        current = next(n for n, end in enumerate(schedule) if clock.now < end)
        assert engine.step_index == current
        assert engine.view().remaining == pytest.approx(schedule[current] - clock.now, abs=1e-6)
    if engine.finished:
        assert engine.ended_at == pytest.approx(schedule[-1], abs=1e-6)
        assert clock.now >= schedule[-1]


@settings(max_examples=100, deadline=None)
@given(gaps=frames, pauses=st.lists(st.floats(min_value=0.01, max_value=300), max_size=5))
def test_pauses_add_exactly_their_length(gaps, pauses):
    clock = FakeClock(start=0.0)
    plan = plan_of("psoas-stretch")
    engine = SessionEngine(plan, clock, tempo=True)
    engine.start()
    paused_total = 0.0
    for n, gap in enumerate(gaps):
        clock.advance(gap)
        engine.update()
        if n < len(pauses) and not engine.finished:
            engine.toggle_pause()
            clock.advance(pauses[n])
            paused_total += pauses[n]
            engine.toggle_pause()
    while not engine.finished:
        clock.advance(1.0)
        engine.update()
    assert engine.ended_at == pytest.approx(plan.seconds + paused_total, abs=1e-6)


def test_warm_up_steps_and_cool_down_breaths_count_themselves(clock):
    engine = SessionEngine(plan_of("march-in-place", "cool-down-breathing"), clock)
    engine.start()
    clock.advance(5 + 30.5)
    engine.update()
    assert engine.view().count == 30 and not engine.by_hand(engine.step)
    assert engine.space() == [] and engine.view().paused  # space pauses instead of counting
    engine.toggle_pause()
    clock.advance(29.5)
    (done,) = results(engine.update())
    assert (done.exercise, done.reps) == ("march-in-place", 60)
