"""Property tests of the advisor's walk and of the streaks, against literal readings of the rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backjournal.domain.advisor import advise, is_rising, is_settled, phase_history, phase_on
from backjournal.domain.models import Day, Entry, Tick
from backjournal.domain.routine_status import day_status, monday_of, week_status
from backjournal.domain.settings import AdvisorSettings
from backjournal.domain.streaks import (
    StreakMemo,
    compute_streaks,
    journal_streak,
)
from backjournal.domain.vocab import RECOVERY_PHASES

DEFAULTS = AdvisorSettings()
ONE = timedelta(days=1)
PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Mostly low pain so that episodes do reach the later phases; sometimes no entry at all.
pain_or_none = st.one_of(
    st.none(), st.integers(0, 3), st.integers(0, 3), st.integers(0, 3), st.integers(0, 10)
)

advisor_settings = st.builds(
    AdvisorSettings,
    stretching_from_day=st.integers(1, 14),
    strengthening_from_day=st.integers(1, 24),
    min_stretching_days=st.integers(0, 12),
    settled_entries=st.integers(1, 4),
    settled_window_days=st.integers(1, 7),
    settled_max_pain=st.integers(0, 5),
    pain_jump=st.integers(1, 4),
    rising_pain=st.integers(4, 10),
    rising_lookback_days=st.integers(1, 9),
    rising_lookback_entries=st.integers(0, 4),
)


def episode_journal(new_journal, before, pains):
    """Entries from day 1 - len(before), an open episode from day 1."""
    return new_journal().pains(1 - len(before), list(before) + list(pains)).episode(1).build()


def red_flags_hold(journal, day, s):
    """Issue 10, item 2, literally: a flag logged on F in D-6..D holds on D unless a clearance
    is dated C with F <= C <= D."""
    for back in range(max(s.red_flag_window_days, 1)):
        flagged = day - timedelta(days=back)
        entry = journal.entry_on(flagged)
        if entry is None or not entry.red_flags:
            continue
        if not any(flagged <= c.date <= day for c in journal.clearances):
            return True
    return False


def reference_history(journal, episode, until, s):
    """The walk, written as literally as the contract reads, on the public pain tests."""
    phase, phase_start = 0, episode.start
    out = [(episode.start, RECOVERY_PHASES[0], "start")]
    day = episode.start + ONE
    while day <= until:
        number = (day - episode.start).days + 1
        if is_rising(journal, day, s):
            if phase > 0:
                phase, phase_start = phase - 1, day
                out.append((day, RECOVERY_PHASES[phase], "stepped back"))
        elif red_flags_hold(journal, day, s):
            pass  # the phase never moves forward while a red flag holds
        elif phase == 0 and number >= s.stretching_from_day and is_settled(journal, day, s)[0]:
            phase, phase_start = 1, day
            out.append((day, RECOVERY_PHASES[phase], "advanced"))
        elif (
            phase == 1
            and number >= s.strengthening_from_day
            and day >= phase_start + timedelta(days=s.min_stretching_days)
            and is_settled(journal, day, s)[0]
        ):
            phase, phase_start = 2, day
            out.append((day, RECOVERY_PHASES[phase], "advanced"))
        day += ONE
    return out


# ---------------------------------------------------------------------------- the walk


@PROPS
@given(
    before=st.lists(pain_or_none, max_size=8), pains=st.lists(pain_or_none, min_size=1, max_size=45)
)
def test_stretching_never_before_day_11_nor_strengthening_before_day_21(
    new_journal, day_of, before, pains
):
    journal = episode_journal(new_journal, before, pains)
    episode = journal.episodes[0]
    stretching_start = None
    for n in range(1, len(pains) + 1):
        phase = phase_on(journal, day_of(n), DEFAULTS)
        if phase == "stretching" and n < 11:
            raise AssertionError(f"stretching on day {n}")
        if phase == "strengthening":
            assert n >= 21, f"strengthening on day {n}"
    for change in phase_history(journal, episode, day_of(len(pains)), DEFAULTS):
        if change.phase == "stretching":
            stretching_start = change.day
        if change.phase == "strengthening" and change.reason == "advanced":
            assert change.day >= stretching_start + timedelta(days=10)
            assert is_settled(journal, change.day, DEFAULTS)[0]


@PROPS
@given(
    before=st.lists(pain_or_none, max_size=8), pains=st.lists(pain_or_none, min_size=1, max_size=45)
)
def test_a_step_back_never_moves_a_phase_forward(new_journal, day_of, before, pains):
    journal = episode_journal(new_journal, before, pains)
    history = phase_history(journal, journal.episodes[0], day_of(len(pains)), DEFAULTS)
    for earlier, later in pairwise(history):
        step = RECOVERY_PHASES.index(later.phase) - RECOVERY_PHASES.index(earlier.phase)
        if later.reason == "stepped back":
            assert step == -1 and is_rising(journal, later.day, DEFAULTS)
        else:
            assert later.reason == "advanced" and step == 1
            assert (
                not is_rising(journal, later.day, DEFAULTS)
                and is_settled(journal, later.day, DEFAULTS)[0]
            )


@PROPS
@given(
    before=st.lists(pain_or_none, max_size=8),
    pains=st.lists(pain_or_none, min_size=1, max_size=40),
    s=advisor_settings,
)
def test_the_walk_matches_a_literal_reading(new_journal, day_of, before, pains, s):
    journal = episode_journal(new_journal, before, pains)
    episode = journal.episodes[0]
    until = day_of(len(pains))
    walked = [(c.day, c.phase, c.reason) for c in phase_history(journal, episode, until, s)]
    assert walked == reference_history(journal, episode, until, s)


@PROPS
@given(
    pains=st.lists(pain_or_none, min_size=1, max_size=40), extra=st.lists(pain_or_none, max_size=10)
)
def test_later_entries_never_change_earlier_phases(new_journal, day_of, pains, extra):
    short = episode_journal(new_journal, [], pains)
    longer = episode_journal(new_journal, [], pains + extra)
    until = day_of(len(pains))
    assert phase_history(short, short.episodes[0], until, DEFAULTS) == phase_history(
        longer, longer.episodes[0], until, DEFAULTS
    )


@PROPS
@given(
    before=st.lists(pain_or_none, max_size=5),
    pains=st.lists(pain_or_none, min_size=1, max_size=40),
    s=advisor_settings,
)
def test_next_is_never_before_tomorrow_and_follows_the_phase(new_journal, day_of, before, pains, s):
    journal = episode_journal(new_journal, before, pains)
    for n in range(1, len(pains) + 1):
        advice = advise(journal, day_of(n), s)
        assert advice.phase == phase_on(journal, day_of(n), s)
        if advice.phase == "mobility":
            assert advice.next_phase == "stretching"
            assert advice.next_earliest >= max(day_of(n) + ONE, day_of(s.stretching_from_day))
        elif advice.phase == "stretching":
            assert advice.next_phase == "strengthening"
            assert advice.next_earliest >= max(
                day_of(n) + ONE,
                day_of(s.strengthening_from_day),
                advice.phase_start + timedelta(days=s.min_stretching_days),
            )
        else:
            assert advice.next_phase is None and advice.next_earliest is None
        if advice.next_earliest is not None:
            assert advice.next_earliest > day_of(n)


def flagged_journal(new_journal, before, pains, flags, clears):
    """An episode journal with red flags on some entry days and clearances on some days."""
    builder = new_journal().pains(1 - len(before), list(before) + list(pains)).episode(1)
    by_number = {n: p for n, p in enumerate([*before, *pains], start=1 - len(before))}
    for n in flags:
        pain = by_number.get(n)
        builder.entry(n, 2 if pain is None else pain, red_flags=("fever",))
    for n in clears:
        builder.clear(n)
    return builder.build()


red_flag_days = st.lists(st.integers(-6, 40), max_size=4)


@PROPS
@given(
    before=st.lists(pain_or_none, max_size=8),
    pains=st.lists(pain_or_none, min_size=1, max_size=40),
    flags=red_flag_days,
    clears=red_flag_days,
    s=advisor_settings,
    window=st.integers(0, 10),
)
def test_red_flags_hold_the_walk_as_the_literal_reading(
    new_journal, day_of, before, pains, flags, clears, s, window
):
    s = replace(s, red_flag_window_days=window)
    journal = flagged_journal(new_journal, before, pains, flags, clears)
    episode = journal.episodes[0]
    until = day_of(len(pains))
    walked = [(c.day, c.phase, c.reason) for c in phase_history(journal, episode, until, s)]
    assert walked == reference_history(journal, episode, until, s)


@PROPS
@given(
    pains=st.lists(pain_or_none, min_size=1, max_size=35),
    flags=red_flag_days,
    clears=red_flag_days,
)
def test_red_flag_warning_next_and_advances_agree_with_the_rule(
    new_journal, day_of, pains, flags, clears
):
    journal = flagged_journal(new_journal, [], pains, flags, clears)
    history = phase_history(journal, journal.episodes[0], day_of(len(pains)), DEFAULTS)
    advanced = {c.day for c in history if c.reason == "advanced"}
    for n in range(1, len(pains) + 1):
        advice = advise(journal, day_of(n), DEFAULTS)
        held = red_flags_hold(journal, day_of(n), DEFAULTS)
        assert advice.has("red_flag") == held
        if held:
            assert advice.next_phase is None
            assert day_of(n) not in advanced
            assert "today" not in advice.warnings[0].message.lower()


@PROPS
@given(
    pains=st.lists(pain_or_none, min_size=2, max_size=35),
    flags=red_flag_days,
    clear=st.integers(1, 35),
)
def test_a_clearance_never_changes_the_days_before_it(new_journal, day_of, pains, flags, clear):
    without = flagged_journal(new_journal, [], pains, flags, [])
    cleared = flagged_journal(new_journal, [], pains, flags, [clear])
    before = min(day_of(clear) - ONE, day_of(len(pains)))
    episode = without.episodes[0]
    assert phase_history(without, episode, before, DEFAULTS) == phase_history(
        cleared, episode, before, DEFAULTS
    )
    for n in range(1, min(clear, len(pains) + 1)):
        assert advise(without, day_of(n), DEFAULTS).warnings == (
            advise(cleared, day_of(n), DEFAULTS).warnings
        )


# ---------------------------------------------------------------------------- streaks

ROUTINE_STATES = st.sampled_from(["done", "done", "part", "none"])


@st.composite
def journal_specs(draw, max_days=40):
    """A plain description of a journal; `build_spec` turns it into one."""
    days = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["none", "entry", "entry", "rest"]),
                st.integers(0, 10),
                st.tuples(ROUTINE_STATES, ROUTINE_STATES, ROUTINE_STATES),
            ),
            min_size=1,
            max_size=max_days,
        )
    )
    n = len(days)
    episode = None
    if draw(st.booleans()):
        start = draw(st.integers(1, n))
        length = draw(st.one_of(st.none(), st.integers(1, 30)))
        episode = (start, None if length is None else start + length)
    d = draw(st.integers(1, n + 9))
    return days, episode, d


def build_spec(new_journal, spec):
    days, episode, _ = spec
    builder = new_journal()
    ids = [r.id for r in builder.routines]
    for number, (entry, pain, states) in enumerate(days, start=1):
        if entry != "none":
            builder.entry(number, pain, rest=entry == "rest")
        for routine_id, state in zip(ids, states, strict=False):
            exercises = next(r for r in builder.routines if r.id == routine_id).exercises
            if state == "done":
                builder.tick(number, *exercises)
            elif state == "part":
                builder.tick(number, *exercises[:-1])
    if episode is not None:
        builder.episode(*episode)
    return builder.build()


def oracle(journal, d: date, s):
    """Streaks the slow, literal way: day_status / week_status walked back from D and forward."""
    first = min(journal.days, default=d)
    result = {}
    for routine in journal.routines:
        if routine.times_per_week is None:

            def status(x, routine=routine):
                return day_status(journal, routine, x, s)

            # current: back from D (D itself never breaks)
            current = 1 if status(d) == "done" else 0
            x = d - ONE
            while x >= first - ONE:
                st_ = status(x)
                if st_ == "missed":
                    break
                current += st_ == "done"
                x -= ONE
            best = run = 0
            x = first
            while x <= d:
                st_ = status(x)
                if st_ == "done":
                    run += 1
                    best = max(best, run)
                elif st_ == "missed" and x != d:
                    run = 0
                x += ONE
        else:
            week = monday_of(d)
            current = 1 if week_status(journal, routine, week, s, d) == "met" else 0
            w = week - timedelta(weeks=1)
            while w >= monday_of(first) - timedelta(weeks=1):
                st_ = week_status(journal, routine, w, s, d)
                if st_ == "missed":
                    break
                current += st_ == "met"
                w -= timedelta(weeks=1)
            best = run = 0
            w = monday_of(first)
            while w <= week:
                st_ = week_status(journal, routine, w, s, d)
                if st_ == "met":
                    run += 1
                    best = max(best, run)
                elif st_ == "missed":
                    run = 0
                w += timedelta(weeks=1)
        result[routine.id] = (current, best)
    return result


def summary(streaks):
    return {r.id: (r.current, r.best) for r in streaks.routines}


@PROPS
@given(spec=journal_specs())
def test_streaks_match_the_literal_reading(new_journal, day_of, s, spec):
    journal = build_spec(new_journal, spec)
    d = day_of(spec[2])
    streaks = compute_streaks(journal, d, s)
    assert streaks.journal == journal_streak(journal, d)
    assert summary(streaks) == oracle(journal, d, s)
    for r in streaks.routines:
        routine = next(x for x in journal.routines if x.id == r.id)
        expected = {"done": "done", "paused": "paused", "missed": "pending"}[
            day_status(journal, routine, d, s)
        ]
        assert r.today == expected


@PROPS
@given(spec=journal_specs())
def test_current_never_exceeds_best(new_journal, day_of, s, spec):
    journal = build_spec(new_journal, spec)
    streaks = compute_streaks(journal, day_of(spec[2]), s)
    assert 0 <= streaks.journal.current <= streaks.journal.best
    for r in streaks.routines:
        assert 0 <= r.current <= r.best


@PROPS
@given(spec=journal_specs(), data=st.data())
def test_adding_a_tick_never_lowers_a_streak(new_journal, day_of, s, spec, data):
    journal = build_spec(new_journal, spec)
    d = day_of(spec[2])
    before = compute_streaks(journal, d, s)
    when = day_of(data.draw(st.integers(1, spec[2])))
    exercise = data.draw(st.sampled_from(sorted(journal.exercises)))
    record = journal.days.get(when, Day(when))
    journal.days[when] = replace(record, ticks={**record.ticks, exercise: Tick(exercise)})
    after = compute_streaks(journal, d, s)
    assert after.journal == before.journal
    for old, new in zip(before.routines, after.routines, strict=True):
        assert new.current >= old.current and new.best >= old.best


@PROPS
@given(
    pattern=st.lists(st.sampled_from(["done", "rest", "rest-done"]), min_size=1, max_size=40),
    grace=st.booleans(),
)
def test_a_paused_day_never_breaks_a_streak(new_journal, day_of, s, pattern, grace):
    builder = new_journal()
    for number, kind in enumerate(pattern, start=1):
        if kind.startswith("rest"):
            builder.rest(number)
        if kind.endswith("done"):
            builder.do(number, "mobility")
    journal = builder.build()
    d = day_of(len(pattern) + (1 if grace else 0))
    mobility = compute_streaks(journal, d, s).routine("mobility")
    done = sum(kind.endswith("done") for kind in pattern)
    assert mobility.current == mobility.best == done


@PROPS
@given(spec=journal_specs(), data=st.data())
def test_pausing_a_missed_day_never_lowers_a_streak(new_journal, day_of, s, spec, data):
    journal = build_spec(new_journal, spec)
    d = day_of(spec[2])
    mobility = next(r for r in journal.routines if r.id == "mobility")
    missed = [
        x
        for x in (day_of(n) for n in range(1, spec[2] + 1))
        if day_status(journal, mobility, x, s) == "missed"
    ]
    if not missed:
        return
    when = data.draw(st.sampled_from(missed))
    before = compute_streaks(journal, d, s).routine("mobility")
    record = journal.days.get(when, Day(when))
    entry = record.entry or Entry(pain=2)
    journal.days[when] = replace(record, entry=replace(entry, rest=True))
    assert day_status(journal, mobility, when, s) == "paused"
    after = compute_streaks(journal, d, s).routine("mobility")
    assert after.current >= before.current and after.best >= before.best


@settings(max_examples=60, deadline=None)
@given(
    spec=journal_specs(max_days=80),
    moves=st.lists(st.tuples(st.integers(1, 90), st.integers(0, 40)), max_size=4),
)
def test_the_memo_agrees_with_a_fresh_computation(new_journal, day_of, s, spec, moves):
    journal = build_spec(new_journal, spec)
    memo = StreakMemo()
    d = day_of(spec[2])
    assert memo.compute(journal, d, s) == compute_streaks(journal, d, s)
    ids = sorted(journal.exercises)
    for when, which in moves:  # tick something somewhere, then ask again
        x = day_of(min(when, spec[2]))
        record = journal.days.get(x, Day(x))
        exercise = ids[which % len(ids)]
        journal.days[x] = replace(record, ticks={**record.ticks, exercise: Tick(exercise)})
        assert memo.compute(journal, d, s) == compute_streaks(journal, d, s)
