"""Tonight's session (issue 10, item 3): each exercise once, in order, counting for its routines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from backjournal.domain.exercises import BUILTIN_BY_ID
from backjournal.domain.models import Routine
from backjournal.domain.tonight import NOT_ALLOWED, WEEK_MET, routine_due, tonight_session
from backjournal.domain.vocab import REGIONS, allowed_kinds

MAINTENANCE = allowed_kinds("maintenance")
MOBILITY = allowed_kinds("mobility")
STRETCHING = allowed_kinds("stretching")


def ids(session):
    return [it.exercise_id for it in session.items]


class TestItems:
    def test_shared_exercises_appear_once_and_count_for_every_routine(self, jb, day_of):
        session = tonight_session(jb.build(), day_of(1), MAINTENANCE)
        assert len(ids(session)) == len(set(ids(session)))
        warm = session.items[session.index_of("march-in-place")]
        assert warm.routines == ("mobility", "stretching", "strengthening")
        cool = session.items[session.index_of("cool-down-breathing")]
        assert cool.routines == ("mobility", "stretching", "strengthening")
        assert session.items[session.index_of("bridge")].routines == ("strengthening",)

    def test_order_is_warm_up_then_top_down_then_cool_down(self, jb, day_of):
        journal = jb.build()
        session = tonight_session(journal, day_of(1), MAINTENANCE)
        kinds = [journal.exercises[e].kind for e in ids(session)]
        assert kinds[0] == "warm-up" and kinds[-1] == "cool-down"
        middle = [journal.exercises[e].region for e in ids(session)[1:-1]]
        assert [REGIONS.index(r) for r in middle] == sorted(REGIONS.index(r) for r in middle)
        assert ids(session)[1] == "chin-tuck"  # the neck comes first

    def test_phase_leaves_out_routines_it_does_not_allow(self, jb, day_of):
        session = tonight_session(jb.episode(1).build(), day_of(2), MOBILITY)
        assert [p.routine.id for p in session.routines] == ["mobility"]
        assert {(o.routine.id, o.reason) for o in session.left_out} == {
            ("stretching", NOT_ALLOWED),
            ("strengthening", NOT_ALLOWED),
        }
        assert "bridge" not in ids(session) and "psoas-stretch" not in ids(session)

    def test_ticking_the_shared_warm_up_counts_once_per_routine(self, jb, day_of):
        journal = jb.tick(1, "march-in-place", "cool-down-breathing").build()
        session = tonight_session(journal, day_of(1), MAINTENANCE)
        strengthening = session.progress("strengthening")
        assert (strengthening.done, strengthening.total) == (2, 4)
        mobility = session.progress("mobility")
        assert (mobility.done, mobility.total) == (2, 6)
        assert session.done == 2  # the items, each once
        assert session.total == len(session.items)

    def test_a_routine_counts_only_its_own_exercises(self, jb, day_of):
        journal = jb.tick(1, "chin-tuck", "cat-cow", "bridge").build()
        session = tonight_session(journal, day_of(1), MAINTENANCE)
        assert session.progress("strengthening").done == 1
        assert session.progress("mobility").done == 2
        assert session.progress("stretching").done == 0

    def test_a_tick_outside_the_session_is_listed_as_extra(self, jb, day_of):
        journal = jb.episode(1).tick(2, "bridge").build()
        session = tonight_session(journal, day_of(2), MOBILITY)
        bridge = session.items[session.index_of("bridge")]
        assert bridge.extra and bridge.ticked and bridge.routines == ()
        assert session.done == 0  # extras do not count towards the session

    def test_cursor_helpers(self, jb, day_of):
        journal = jb.tick(1, "march-in-place", "chin-tuck").build()
        session = tonight_session(journal, day_of(1), MOBILITY)
        assert session.first_unticked() == 2
        last = len(session.items) - 1
        assert session.next_unticked(last) == 2  # wraps round
        assert session.unticked_of("mobility")[0] == "cat-cow"
        done = jb.do(1, "mobility").build()
        assert tonight_session(done, day_of(1), MOBILITY).first_unticked() is None


class TestWeeklyRoutines:
    def test_weekly_routine_is_due_until_its_target_is_met(self, jb, day_of):
        # Day 1 is a Monday; strengthening is 2 times a week.
        journal = jb.do(1, "strengthening").do(3, "strengthening").build()
        strengthening = next(r for r in journal.routines if r.id == "strengthening")
        assert routine_due(journal, strengthening, day_of(3))  # ticked that day: stays
        assert not routine_due(journal, strengthening, day_of(4))
        session = tonight_session(journal, day_of(4), MAINTENANCE)
        assert (strengthening, WEEK_MET) in {(o.routine, o.reason) for o in session.left_out}
        assert routine_due(journal, strengthening, day_of(8))  # a new week

    def test_a_tick_keeps_a_met_routine_in_the_session(self, jb, day_of):
        journal = jb.do(1, "strengthening").do(2, "strengthening").tick(4, "bridge").build()
        session = tonight_session(journal, day_of(4), MAINTENANCE)
        assert session.progress("strengthening").done == 1


@settings(max_examples=80, deadline=None)
@given(
    picks=st.lists(
        st.lists(st.sampled_from(sorted(BUILTIN_BY_ID)), min_size=1, max_size=6, unique=True),
        min_size=1,
        max_size=4,
    ),
    ticked=st.sets(st.sampled_from(sorted(BUILTIN_BY_ID))),
)
def test_any_routines_give_each_exercise_once_and_exact_progress(
    new_journal, day_of, picks, ticked
):
    routines = [Routine(f"r{i}", f"R{i}", tuple(p)) for i, p in enumerate(picks)]
    journal = new_journal(routines).tick(1, *ticked).build()
    session = tonight_session(journal, day_of(1), MAINTENANCE)
    listed = ids(session)
    assert len(listed) == len(set(listed))
    assert set(listed) == {e for p in picks for e in p} | set(ticked)
    for routine in routines:
        progress = session.progress(routine.id)
        assert progress.done == len(set(routine.exercises) & ticked)
        for exercise_id in routine.exercises:
            assert routine.id in session.items[session.index_of(exercise_id)].routines
    groups = [
        0
        if BUILTIN_BY_ID[e].kind == "warm-up"
        else 2
        if BUILTIN_BY_ID[e].kind == "cool-down"
        else 1
        for e in listed
    ]
    assert groups == sorted(groups)
