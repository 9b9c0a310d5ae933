"""Streaks (issue 2, section 5). BASE (day 1) is a Monday: ISO weeks are days 1-7, 8-14, 15-21..."""

from __future__ import annotations

from dataclasses import replace

import pytest

from backjournal.domain.models import Day, Episode, Routine, Tick
from backjournal.domain.routine_status import day_status, routine_done_on, week_status
from backjournal.domain.streaks import (
    RoutineStreak,
    Streak,
    StreakMemo,
    compute_streaks,
    journal_streak,
)

MOBILITY_IDS = (
    "march-in-place",
    "chin-tuck",
    "cat-cow",
    "pelvic-tilt",
    "knee-to-chest",
    "cool-down-breathing",
)


def routine(journal, routine_id):
    return next(r for r in journal.routines if r.id == routine_id)


def streak_of(journal, day, s, routine_id):
    found = compute_streaks(journal, day, s).routine(routine_id)
    assert found is not None
    return found


# ---------------------------------------------------------------------------- journal


class TestJournalStreak:
    def test_consecutive_entries(self, jb, day_of, s):
        journal = jb.pains(1, [2, 2, 2]).build()
        assert journal_streak(journal, day_of(3)) == Streak(3, 3)
        assert compute_streaks(journal, day_of(3), s).journal == Streak(3, 3)

    def test_grace_for_d_without_entry(self, jb, day_of, s):
        journal = jb.pains(1, [2, 2, 2]).build()
        assert journal_streak(journal, day_of(4)) == Streak(3, 3)
        assert compute_streaks(journal, day_of(4), s).journal == Streak(3, 3)

    def test_a_missing_day_before_d_breaks(self, jb, day_of, s):
        journal = jb.pains(1, [2, 2, 2]).build()
        assert journal_streak(journal, day_of(5)) == Streak(0, 3)
        assert compute_streaks(journal, day_of(5), s).journal == Streak(0, 3)

    def test_best_is_the_longest_run(self, jb, day_of, s):
        journal = jb.pains(1, [2] * 5 + [None] + [2, 2]).build()
        assert journal_streak(journal, day_of(8)) == Streak(2, 5)
        assert compute_streaks(journal, day_of(8), s).journal == Streak(2, 5)

    def test_days_after_d_are_ignored(self, jb, day_of, s):
        journal = jb.pains(1, [2] * 10).build()
        assert journal_streak(journal, day_of(3)) == Streak(3, 3)
        assert compute_streaks(journal, day_of(3), s).journal == Streak(3, 3)

    def test_ticks_alone_are_not_an_entry(self, jb, day_of, s):
        journal = jb.pains(1, [2, 2]).tick(3, "walk").tick(4, "walk").build()
        assert journal_streak(journal, day_of(4)) == Streak(0, 2)
        assert compute_streaks(journal, day_of(4), s).journal == Streak(0, 2)

    def test_empty_journal(self, jb, day_of, s):
        streaks = compute_streaks(jb.build(), day_of(1), s)
        assert streaks.journal == Streak(0, 0)
        assert all(
            r.current == 0 and r.best == 0 and r.today == "pending" for r in streaks.routines
        )


# ---------------------------------------------------------------------------- daily routines


class TestDailyRoutine:
    def test_done_needs_every_exercise(self, jb, day_of):
        journal = jb.do(1, "mobility").tick(2, *MOBILITY_IDS[:-1]).build()
        assert routine_done_on(journal, routine(journal, "mobility"), day_of(1))
        assert not routine_done_on(journal, routine(journal, "mobility"), day_of(2))

    def test_consecutive_done_days(self, jb, day_of, s):
        journal = jb.do(1, "mobility").do(2, "mobility").do(3, "mobility").build()
        assert streak_of(journal, day_of(3), s, "mobility") == RoutineStreak(
            "mobility", "day", 3, 3, "done"
        )

    def test_grace_for_d_not_done_yet(self, jb, day_of, s):
        journal = jb.do(1, "mobility").do(2, "mobility").do(3, "mobility").build()
        assert streak_of(journal, day_of(4), s, "mobility") == RoutineStreak(
            "mobility", "day", 3, 3, "pending"
        )

    def test_a_missed_day_breaks(self, jb, day_of, s):
        journal = (
            jb.do(1, "mobility")
            .do(2, "mobility")
            .tick(3, "walk")
            .do(4, "mobility")
            .do(5, "mobility")
            .build()
        )
        assert day_status(journal, routine(journal, "mobility"), day_of(3), s) == "missed"
        found = streak_of(journal, day_of(5), s, "mobility")
        assert (found.current, found.best) == (2, 2)
        found = streak_of(journal, day_of(6), s, "mobility")
        assert (found.current, found.best) == (2, 2)
        found = streak_of(journal, day_of(7), s, "mobility")
        assert (found.current, found.best) == (0, 2)

    def test_a_rest_day_is_paused(self, jb, day_of, s):
        journal = jb.do(1, "mobility").do(2, "mobility").rest(3).do(4, "mobility").build()
        assert day_status(journal, routine(journal, "mobility"), day_of(3), s) == "paused"
        assert streak_of(journal, day_of(3), s, "mobility") == RoutineStreak(
            "mobility", "day", 2, 2, "paused"
        )
        found = streak_of(journal, day_of(4), s, "mobility")
        assert (found.current, found.best) == (3, 3)  # paused: neither adds nor breaks

    def test_a_done_rest_day_counts(self, jb, day_of, s):
        journal = jb.do(1, "mobility").rest(2).do(2, "mobility").build()
        assert day_status(journal, routine(journal, "mobility"), day_of(2), s) == "done"
        assert streak_of(journal, day_of(2), s, "mobility").current == 2

    def test_an_episode_phase_pauses_what_it_does_not_allow(self, jb, day_of, s):
        # stretching done on days 1-2; an episode from day 3 is in mobility (no entries) until at least day 11
        journal = (
            jb.do(1, "stretching")
            .do(2, "stretching")
            .do(1, "mobility")
            .do(2, "mobility")
            .episode(3)
            .build()
        )
        stretching, mobility = routine(journal, "stretching"), routine(journal, "mobility")
        assert day_status(journal, stretching, day_of(5), s) == "paused"
        assert day_status(journal, mobility, day_of(5), s) == "missed"
        assert streak_of(journal, day_of(9), s, "stretching") == RoutineStreak(
            "stretching", "day", 2, 2, "paused"
        )
        assert streak_of(journal, day_of(9), s, "mobility").current == 0

    def test_pause_ends_when_the_phase_allows_it(self, jb, day_of, s):
        # episode from day 2, pain settled: stretching phase from its day 11 (day 12); not done then: missed
        journal = jb.do(1, "stretching").episode(2).pains(2, [2] * 12).build()
        stretching = routine(journal, "stretching")
        assert day_status(journal, stretching, day_of(11), s) == "paused"
        assert day_status(journal, stretching, day_of(12), s) == "missed"
        assert streak_of(journal, day_of(11), s, "stretching").current == 1
        assert streak_of(journal, day_of(12), s, "stretching").current == 1  # D's grace
        assert streak_of(journal, day_of(13), s, "stretching").current == 0

    def test_a_closed_episode_no_longer_pauses(self, jb, day_of, s):
        journal = jb.do(1, "stretching").episode(2, 4).build()
        stretching = routine(journal, "stretching")
        assert day_status(journal, stretching, day_of(3), s) == "paused"
        assert (
            day_status(journal, stretching, day_of(4), s) == "missed"
        )  # the episode is closed on its end date

    def test_done_inside_a_paused_phase_still_counts(self, jb, day_of, s):
        journal = jb.episode(1).do(2, "stretching").do(3, "stretching").build()
        assert streak_of(journal, day_of(3), s, "stretching").current == 2


# ---------------------------------------------------------------------------- weekly routines


class TestWeeklyRoutine:
    def test_met_weeks_count(self, jb, day_of, s):
        journal = (
            jb.do(2, "strengthening")
            .do(4, "strengthening")
            .do(9, "strengthening")
            .do(11, "strengthening")
            .build()
        )
        found = streak_of(journal, day_of(14), s, "strengthening")
        assert (found.unit, found.current, found.best) == ("week", 2, 2)
        assert (found.target, found.this_week) == (2, 2)

    def test_the_running_week_counts_once_met(self, jb, day_of, s):
        journal = jb.do(2, "strengthening").do(4, "strengthening").do(9, "strengthening").build()
        assert (
            streak_of(journal, day_of(10), s, "strengthening").current == 1
        )  # not met: does not break
        journal = jb.do(10, "strengthening").build()
        assert streak_of(journal, day_of(10), s, "strengthening").current == 2

    def test_the_running_week_never_breaks_on_sunday(self, jb, day_of, s):
        journal = jb.do(2, "strengthening").do(4, "strengthening").build()
        found = streak_of(
            journal, day_of(14), s, "strengthening"
        )  # Sunday of week 2, nothing done yet
        assert (found.current, found.best, found.today) == (1, 1, "pending")
        assert (
            streak_of(journal, day_of(15), s, "strengthening").current == 0
        )  # week 2 is over: missed

    def test_the_week_boundary_sunday_monday(self, jb, day_of, s, new_journal):
        same_week = jb.do(6, "strengthening").do(7, "strengthening").build()  # Saturday + Sunday
        assert streak_of(same_week, day_of(8), s, "strengthening").current == 1
        split = (
            new_journal().do(7, "strengthening").do(8, "strengthening").build()
        )  # Sunday + Monday
        assert (
            week_status(split, routine(split, "strengthening"), day_of(1), s, day_of(8)) == "missed"
        )
        found = streak_of(split, day_of(8), s, "strengthening")
        assert (found.current, found.best, found.this_week) == (0, 0, 1)

    def test_a_missed_week_breaks(self, jb, day_of, s):
        journal = (
            jb.do(1, "strengthening")
            .do(2, "strengthening")
            .do(15, "strengthening")
            .do(16, "strengthening")
            .build()
        )
        found = streak_of(journal, day_of(21), s, "strengthening")
        assert (found.current, found.best) == (1, 1)

    def test_a_paused_week_neither_adds_nor_breaks(self, jb, day_of, s):
        # week 2 (days 8-14) is inside an episode in mobility: strengthening is not allowed
        journal = (
            jb.do(1, "strengthening")
            .do(2, "strengthening")
            .episode(10, 13)
            .do(15, "strengthening")
            .do(16, "strengthening")
            .build()
        )
        strengthening = routine(journal, "strengthening")
        assert week_status(journal, strengthening, day_of(8), s, day_of(21)) == "paused"
        found = streak_of(journal, day_of(21), s, "strengthening")
        assert (found.current, found.best) == (2, 2)

    def test_a_rest_day_does_not_pause_a_week(self, jb, day_of, s):
        journal = (
            jb.do(1, "strengthening")
            .do(2, "strengthening")
            .rest(10)
            .do(15, "strengthening")
            .build()
        )
        strengthening = routine(journal, "strengthening")
        assert week_status(journal, strengthening, day_of(8), s, day_of(21)) == "missed"
        assert day_status(journal, strengthening, day_of(10), s) == "paused"
        assert streak_of(journal, day_of(16), s, "strengthening").current == 0

    def test_week_status(self, jb, day_of, s):
        journal = jb.do(1, "strengthening").do(3, "strengthening").do(9, "strengthening").build()
        strengthening = routine(journal, "strengthening")
        assert week_status(journal, strengthening, day_of(1), s, day_of(30)) == "met"
        assert (
            week_status(journal, strengthening, day_of(5), s, day_of(30)) == "met"
        )  # any day of the week
        assert week_status(journal, strengthening, day_of(8), s, day_of(10)) == "running"
        assert week_status(journal, strengthening, day_of(8), s, day_of(30)) == "missed"
        assert week_status(journal, strengthening, day_of(1), s, day_of(2)) == "running"

    def test_today_for_a_weekly_routine(self, jb, day_of, s):
        journal = jb.do(2, "strengthening").episode(5).build()
        assert streak_of(journal, day_of(2), s, "strengthening").today == "done"
        assert streak_of(journal, day_of(3), s, "strengthening").today == "pending"
        assert streak_of(journal, day_of(5), s, "strengthening").today == "paused"


def test_json_shape(jb, day_of, s):
    journal = jb.pains(1, [2, 2]).do(2, "mobility").build()
    doc = compute_streaks(journal, day_of(2), s).to_dict()
    assert doc["date"] == day_of(2).isoformat()
    assert doc["journal"] == {"current": 2, "best": 2}
    assert [r["id"] for r in doc["routines"]] == ["mobility", "stretching", "strengthening"]
    assert doc["routines"][0] == {
        "id": "mobility",
        "unit": "day",
        "current": 1,
        "best": 1,
        "today": "done",
    }
    weekly = doc["routines"][2]
    assert (weekly["unit"], weekly["today"], weekly["current"], weekly["best"]) == (
        "week",
        "pending",
        0,
        0,
    )


def test_a_custom_routine_and_an_empty_one(jb, day_of, s, new_journal):
    walk = Routine("walking", "Walking", ("walk",))
    empty = Routine("empty", "Nothing", ())
    journal = new_journal(routines=[walk, empty]).tick(1, "walk").tick(2, "walk").build()
    streaks = compute_streaks(journal, day_of(2), s)
    assert [(r.id, r.current) for r in streaks.routines] == [("walking", 2), ("empty", 0)]


# ---------------------------------------------------------------------------- the memo


def _long_journal(new_journal, days=150):
    builder = new_journal().pains(1, [2] * days)
    for n in range(1, days + 1):
        if n % 9:
            builder.do(n, "mobility")
        if n % 3 == 0:
            builder.do(n, "strengthening")
    return builder.episode(40, 70).build()


def test_memo_gives_the_same_answers(new_journal, day_of, s):
    journal = _long_journal(new_journal)
    memo = StreakMemo()
    today = day_of(150)
    assert memo.compute(journal, today, s) == compute_streaks(journal, today, s)
    # a tick today: only the last weeks are walked again
    record = journal.days[today]
    journal.days[today] = replace(record, ticks={**record.ticks, "walk": Tick("walk")})
    assert memo.compute(journal, today, s) == compute_streaks(journal, today, s)
    assert (memo.misses, memo.hits) == (1, 1)


@pytest.mark.parametrize(
    "change", ["edit_old_day", "add_old_day", "drop_old_day", "episode", "routines", "settings"]
)
def test_memo_notices_changes_before_the_cutoff(new_journal, day_of, s, change):
    journal = _long_journal(new_journal)
    memo = StreakMemo()
    today = day_of(150)
    before = memo.compute(journal, today, s)
    settings = s
    if change == "edit_old_day":
        journal.days[day_of(9)] = replace(
            journal.days[day_of(9)], ticks={i: Tick(i) for i in MOBILITY_IDS}
        )
    elif change == "add_old_day":
        journal.days[day_of(-3)] = Day(day_of(-3), None, {i: Tick(i) for i in MOBILITY_IDS})
    elif change == "drop_old_day":
        del journal.days[day_of(20)]
    elif change == "episode":
        journal.episodes.insert(0, Episode(day_of(5), day_of(12)))
    elif change == "routines":
        journal.routines = journal.routines[:1]
    else:
        settings = replace(s, stretching_from_day=3)
    after = memo.compute(journal, today, settings)
    assert after == compute_streaks(journal, today, settings)
    assert memo.misses == 2
    if change in ("edit_old_day", "drop_old_day", "routines"):
        assert after != before


def test_memo_moves_with_the_day(new_journal, day_of, s):
    journal = _long_journal(new_journal)
    memo = StreakMemo()
    for n in range(100, 151, 7):
        assert memo.compute(journal, day_of(n), s) == compute_streaks(journal, day_of(n), s)


def test_compute_streaks_accepts_a_memo(new_journal, day_of, s):
    journal = _long_journal(new_journal)
    memo = StreakMemo()
    assert compute_streaks(journal, day_of(150), s, memo=memo) == compute_streaks(
        journal, day_of(150), s
    )
    assert memo.misses == 1
