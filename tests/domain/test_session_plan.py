"""The guided session's plan (issue 11): order, phase gating, stretch first, overdone days, hurt."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backjournal.domain import advisor
from backjournal.domain.exercises import BUILTIN_BY_ID
from backjournal.domain.models import DONE, STOPPED, Day, GuidedItem, GuidedSession, Tick
from backjournal.domain.session_plan import (
    DROPPED,
    HURT,
    OVERDONE,
    READY,
    REST,
    SETTLE,
    STRETCH_FIRST,
    build_plan,
    steps_for,
)
from backjournal.domain.settings import SessionSettings
from backjournal.domain.vocab import REGIONS


def ids(plan):
    return [item.exercise.id for item in plan.items]


def kinds(plan):
    return [item.kind for item in plan.items]


def left(plan):
    return {o.exercise.id: o.reason for o in plan.left_out}


def with_session(journal, when, *items, hour=21):
    """Add a played session on `when` with (exercise, outcome) items."""
    record = GuidedSession(
        datetime(when.year, when.month, when.day, hour),
        datetime(when.year, when.month, when.day, hour, 20),
        tuple(GuidedItem(e, o) for e, o in items),
    )
    old = journal.days.get(when) or Day(when)
    journal.days[when] = replace(old, sessions=(*old.sessions, record))
    return journal


class TestOrder:
    def test_warm_up_first_then_top_down_strengthening_after_stretches_cool_down_last(
        self, jb, day_of, s
    ):
        plan = build_plan(jb.build(), day_of(1), s)  # no episode: maintenance allows every kind
        order = kinds(plan)
        assert order[0] == "warm-up" and order[-1] == "cool-down"
        first_strength = order.index("strengthening")
        assert "stretching" in order[:first_strength]
        assert all(k == "strengthening" for k in order[first_strength:-1])
        gentle = [i.exercise.region for i in plan.items[1:first_strength]]
        assert [REGIONS.index(r) for r in gentle] == sorted(REGIONS.index(r) for r in gentle)
        assert ids(plan)[1] == "chin-tuck"  # work from the neck down
        assert len(ids(plan)) == len(set(ids(plan)))

    def test_two_sided_items_alternate_sides_through_the_sets(self, jb, day_of, s):
        plan = build_plan(jb.build(), day_of(1), s)
        psoas = plan.items[ids(plan).index("psoas-stretch")]
        assert psoas.sides == ("left", "right", "left", "right")
        assert psoas.hold_s == 30  # the psoas: about 30 s
        hamstring = plan.items[ids(plan).index("hamstring-stretch")]
        assert hamstring.hold_s == 20  # the hamstring: 20-30 s
        bridge = plan.items[ids(plan).index("bridge")]
        assert bridge.sides is None and bridge.reps >= 5

    def test_json_shape(self, jb, day_of, s):
        data = build_plan(jb.build(), day_of(1), s).to_dict()
        assert set(data) == {"date", "minutes", "items"}
        assert data["date"] == day_of(1).isoformat()
        assert set(data["items"][0]) == {"exercise", "kind", "sets", "reps", "hold_s", "sides"}

    def test_minutes_is_the_sum_of_every_step_rounded_up(self, jb, day_of, s):
        pacing = SessionSettings(settle_s=5, rest_s=20)
        plan = build_plan(jb.build(), day_of(1), s, pacing)
        psoas = plan.items[ids(plan).index("psoas-stretch")]
        # get ready 5, then 4 holds of 30 s with a 5 s settle between each
        assert psoas.seconds == 5 + 4 * 30 + 3 * 5
        bridge = plan.items[ids(plan).index("bridge")]
        # get ready 5, 2 sets x 10 reps at 3 s + a 3 s hold, a 20 s rest between the sets
        assert bridge.seconds == 5 + 2 * 10 * 6 + 20
        total = sum(i.seconds for i in plan.items)
        assert plan.minutes * 60 >= total > (plan.minutes - 1) * 60

    def test_pauses_between_holds_settle_and_between_sets_rest(self):
        pacing = SessionSettings(settle_s=4, rest_s=25)
        steps = steps_for(BUILTIN_BY_ID["bird-dog"], pacing)
        pauses = [st.kind for st in steps if not st.is_work]
        assert pauses == [READY, SETTLE, REST, SETTLE]
        holds = steps_for(BUILTIN_BY_ID["glute-stretch"], pacing)
        assert {st.seconds for st in holds if not st.is_work} == {4.0}


class TestGating:
    def test_mobility_phase_plays_only_gentle_kinds(self, jb, day_of, s):
        journal = jb.episode(1).pains(1, [6, 5, 4]).build()
        plan = build_plan(journal, day_of(3), s)
        assert set(kinds(plan)) <= {"warm-up", "mobility", "cool-down"}
        assert "psoas-stretch" not in ids(plan) and "bridge" not in ids(plan)

    def test_stretching_phase_plays_stretches_but_no_strengthening(self, jb, day_of, s):
        journal = jb.episode(1).pains(1, [3] * 12).build()
        assert advisor.advise(journal, day_of(12), s).phase == "stretching"
        plan = build_plan(journal, day_of(12), s)
        assert "stretching" in kinds(plan) and "strengthening" not in kinds(plan)

    def test_overdone_day_leaves_all_strengthening_out(self, jb, day_of, s):
        journal = jb.tick(1, "bridge").tick(2, "bird-dog").tick(3, "bridge").build()
        plan = build_plan(journal, day_of(4), s)
        assert "strengthening" not in kinds(plan)
        assert left(plan) == {"bird-dog": OVERDONE, "bridge": OVERDONE}
        assert "psoas-stretch" in ids(plan)  # the rest of the night is still there

    def test_no_stretch_left_means_no_strengthening(self, jb, day_of, s):
        stretches = ["psoas-stretch", "glute-stretch", "piriformis-stretch", "hamstring-stretch"]
        plan = build_plan(jb.build(), day_of(1), s, dropped=stretches)
        assert "strengthening" not in kinds(plan)
        assert left(plan)["bridge"] == STRETCH_FIRST
        assert all(left(plan)[e] == DROPPED for e in stretches)

    def test_dropping_one_stretch_keeps_strengthening(self, jb, day_of, s):
        plan = build_plan(jb.build(), day_of(1), s, dropped=["psoas-stretch"])
        assert "psoas-stretch" not in ids(plan) and "bridge" in ids(plan)


class TestHurt:
    def test_an_exercise_stopped_in_the_last_two_sessions_is_left_out(self, jb, day_of, s):
        journal = jb.build()
        with_session(journal, day_of(1), ("bridge", STOPPED), ("bird-dog", DONE))
        with_session(journal, day_of(2), ("bird-dog", DONE))
        plan = build_plan(journal, day_of(3), s)
        assert left(plan) == {"bridge": HURT}
        assert "bird-dog" in ids(plan)

    def test_older_than_the_last_two_sessions_comes_back(self, jb, day_of, s):
        journal = jb.build()
        with_session(journal, day_of(1), ("bridge", STOPPED))
        with_session(journal, day_of(2), ("bird-dog", DONE))
        with_session(journal, day_of(2), ("bird-dog", DONE), hour=22)
        assert "bridge" in ids(build_plan(journal, day_of(3), s))

    def test_added_back_knowingly(self, jb, day_of, s):
        journal = with_session(jb.build(), day_of(1), ("psoas-stretch", STOPPED))
        plan = build_plan(journal, day_of(2), s, add_back=["psoas-stretch"])
        assert "psoas-stretch" in ids(plan) and "psoas-stretch" not in left(plan)


# -- the plan never holds what the advisor would refuse --------------------------------------

TICKABLE = ["bridge", "bird-dog", "psoas-stretch", "march-in-place", "cat-cow"]


@st.composite
def journals(draw):
    from tests.domain.conftest import JournalBuilder

    jb = JournalBuilder()
    if draw(st.booleans()):
        jb.episode(1)
    for n, pain in enumerate(draw(st.lists(st.integers(0, 10) | st.none(), max_size=30)), 1):
        if pain is not None:
            jb.entry(n, pain)
    for n in draw(st.lists(st.integers(1, 30), max_size=20)):
        jb.tick(n, draw(st.sampled_from(TICKABLE)))
    journal = jb.build()
    for n in draw(st.lists(st.integers(1, 30), max_size=4)):
        hurt = draw(st.sampled_from(TICKABLE))
        with_session(journal, jb_day(n), (hurt, STOPPED))
    return journal, jb_day(draw(st.integers(1, 31)))


def jb_day(n):
    from tests.domain.conftest import day

    return day(n)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=journals(), dropped=st.sets(st.sampled_from(TICKABLE)))
def test_plan_never_holds_what_the_advisor_would_refuse(case, dropped):
    journal, when = case
    s = advisor.AdvisorSettings()
    plan = build_plan(journal, when, s, dropped=dropped)
    seen_stretch = False
    for item in plan.items:
        advice = advisor.advise(journal, when, s, item.exercise)
        assert advice.too_soon is None
        assert not advice.has(advisor.STRENGTHENING_OVERDONE)
        assert item.exercise.id not in dropped
        if item.kind == "strengthening":
            assert seen_stretch
        seen_stretch = seen_stretch or item.kind == "stretching"


def test_ticks_on_the_day_do_not_change_the_doses(jb, day_of, s):
    journal = jb.build()
    journal.days[day_of(1)] = Day(day_of(1), ticks={"bridge": Tick("bridge", sets=1)})
    plan = build_plan(journal, day_of(1), s)
    assert plan.items[ids(plan).index("bridge")].sets == 2


class TestPacingSettings:
    def test_read_from_the_settings_file_shape_and_round_trip(self):
        from backjournal.domain.settings import Settings

        settings = Settings.from_dict({"session": {"alert": "flash", "settle_s": 8, "tempo": True}})
        assert settings.session == SessionSettings(settle_s=8, rest_s=20, tempo=True, alert="flash")
        assert Settings.from_dict(settings.to_dict()) == settings

    @pytest.mark.parametrize(
        "bad",
        [{"alert": "siren"}, {"settle_s": -1}, {"rest_s": True}, {"tempo": 1}, {"pace": 2}, "fast"],
    )
    def test_bad_values_are_refused_by_name(self, bad):
        from backjournal.domain.errors import InputError
        from backjournal.domain.settings import Settings

        with pytest.raises(InputError):
            Settings.from_dict({"session": bad})

    def test_a_longer_settle_lengthens_the_plan_honestly(self, jb, day_of, s):
        short = build_plan(jb.build(), day_of(1), s, SessionSettings(settle_s=5))
        long = build_plan(jb.build(), day_of(1), s, SessionSettings(settle_s=10))
        pauses = sum(1 for i in short.items for st_ in i.steps if st_.kind in (READY, SETTLE))
        assert long.seconds - short.seconds == 5 * pauses
