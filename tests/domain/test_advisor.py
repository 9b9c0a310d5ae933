"""The phase advisor's rules (issue 2, section 4), each at its boundaries."""

from __future__ import annotations

from dataclasses import replace

from backjournal.domain.advisor import (
    Advice,
    PhaseChange,
    advise,
    episode_phase_summary,
    is_rising,
    is_settled,
    phase_history,
    phase_on,
)
from backjournal.domain.exercises import BUILTIN_BY_ID
from backjournal.domain.models import Entry
from backjournal.domain.settings import AdvisorSettings

BRIDGE = BUILTIN_BY_ID["bridge"]
HAMSTRING = BUILTIN_BY_ID["hamstring-stretch"]
WARM_UP = BUILTIN_BY_ID["march-in-place"]
WALK = BUILTIN_BY_ID["walk"]
PELVIC_TILT = BUILTIN_BY_ID["pelvic-tilt"]


def changes(journal, s, until):
    """The episode's phase changes as (day number, phase, reason)."""
    episode = journal.episodes[-1]
    return [
        ((c.day - episode.start).days + 1, c.phase, c.reason)
        for c in phase_history(journal, episode, until, s)
    ]


def short(day) -> str:
    """How advisor messages name a day of the same year: '25 Nov'."""
    return f"{day.day} {day:%b}"


def codes(advice: Advice) -> list[str]:
    return [w.code for w in advice.warnings]


def message(advice: Advice, code: str) -> str:
    found = [w.message for w in advice.warnings if w.code == code]
    assert len(found) == 1, (code, codes(advice))
    return found[0]


# ---------------------------------------------------------------------------- settled


class TestSettled:
    def test_three_low_entries_in_the_window_are_settled(self, jb, day_of, s):
        journal = jb.pains(8, [3, 3, 3]).build()
        assert is_settled(journal, day_of(10), s) == (True, "")

    def test_two_entries_are_not_settled_and_say_what_is_missing(self, jb, day_of, s):
        journal = jb.pains(9, [1, 1]).build()
        settled, missing = is_settled(journal, day_of(10), s)
        assert not settled
        assert "log pain nightly: 2 of 3 entries" in missing

    def test_one_entry_message(self, jb, day_of, s):
        settled, missing = is_settled(jb.entry(10, 1).build(), day_of(10), s)
        assert not settled and "log pain nightly: 1 of 3 entries" in missing

    def test_window_is_d_minus_4_to_d(self, jb, day_of, s):
        journal = jb.entry(6, 1).entry(8, 1).entry(10, 1).build()
        assert is_settled(journal, day_of(10), s)[0]  # 6 is D-4
        assert not is_settled(journal, day_of(11), s)[0]  # 6 is D-5 now

    def test_d_itself_needs_no_entry(self, jb, day_of, s):
        journal = jb.pains(7, [2, 2, 2]).build()
        assert is_settled(journal, day_of(11), s)[0]  # entries on D-4..D-2
        assert not is_settled(journal, day_of(12), s)[0]

    def test_pain_above_3_is_not_settled(self, jb, day_of, s):
        journal = jb.pains(8, [3, 4, 3]).build()
        settled, missing = is_settled(journal, day_of(10), s)
        assert not settled and "4/10" in missing and day_of(9).isoformat() in missing

    def test_a_rise_of_exactly_2_is_not_settled(self, jb, day_of, s):
        journal = jb.pains(8, [1, 3, 3]).build()
        settled, missing = is_settled(journal, day_of(10), s)
        assert not settled and "from 1/10 to 3/10" in missing

    def test_a_rise_of_1_is_settled(self, jb, day_of, s):
        assert is_settled(jb.pains(8, [1, 2, 3]).build(), day_of(10), s)[0]

    def test_only_the_last_3_entries_count(self, jb, day_of, s):
        # An older high entry inside the window does not matter once 3 newer ones exist.
        journal = jb.pains(6, [6, 2, 2, 2]).build()
        assert is_settled(journal, day_of(9), s)[0]
        # The oldest of the three is compared with nothing older (the jump test is within them).
        journal = jb.pains(6, [0, 2, 2, 2]).build()
        assert is_settled(journal, day_of(9), s)[0]

    def test_a_mapping_of_entries_works_too(self, day_of, s):
        entries = {day_of(n): Entry(pain=2) for n in (8, 9, 10)}
        assert is_settled(entries, day_of(10), s)[0]


# ---------------------------------------------------------------------------- rising


class TestRising:
    def test_7_is_rising_6_alone_is_not(self, jb, day_of, s):
        journal = jb.entry(1, 7).entry(20, 6).build()
        assert is_rising(journal, day_of(1), s)
        assert not is_rising(journal, day_of(20), s)

    def test_exactly_2_above_the_mean_is_rising_1_is_not(self, jb, day_of, s):
        journal = jb.pains(1, [2, 2, 2, 4]).build()
        assert is_rising(journal, day_of(4), s)
        journal = jb.pains(1, [2, 2, 2, 3]).build()
        assert not is_rising(journal, day_of(4), s)

    def test_the_mean_is_exact(self, jb, day_of, s):
        # previous 1, 1, 2: mean 4/3; 3 is 1.67 above (not rising), 4 is 2.67 above (rising)
        assert not is_rising(jb.pains(1, [1, 1, 2, 3]).build(), day_of(4), s)
        assert is_rising(jb.pains(1, [1, 1, 2, 4]).build(), day_of(4), s)

    def test_only_the_last_3_previous_entries_count(self, jb, day_of, s):
        journal = jb.pains(1, [6, 0, 0, 0, 2]).build()
        assert is_rising(journal, day_of(5), s)  # mean of 0, 0, 0

    def test_previous_entries_come_from_the_7_days_before(self, jb, day_of, s):
        journal = jb.entry(1, 0).entry(9, 2).build()  # day 1 is D-8
        assert not is_rising(journal, day_of(9), s)
        journal = jb.entry(2, 0).build()  # day 2 is D-7
        assert is_rising(journal, day_of(9), s)

    def test_a_day_without_entry_is_not_rising(self, jb, day_of, s):
        assert not is_rising(jb.entry(1, 9).build(), day_of(2), s)

    def test_a_fall_is_not_rising(self, jb, day_of, s):
        assert not is_rising(jb.pains(1, [6, 6, 6, 1]).build(), day_of(4), s)


# ---------------------------------------------------------------------------- the walk


class TestWalk:
    def test_day_1_is_mobility(self, jb, day_of, s):
        journal = jb.episode(1).entry(1, 9).build()
        assert phase_on(journal, day_of(1), s) == "mobility"
        assert changes(journal, s, day_of(1)) == [(1, "mobility", "start")]

    def test_stretching_on_day_11_not_day_10(self, jb, day_of, s):
        journal = jb.episode(1).pains(1, [2] * 30).build()
        assert phase_on(journal, day_of(10), s) == "mobility"
        assert phase_on(journal, day_of(11), s) == "stretching"

    def test_stretching_waits_for_settled(self, jb, day_of, s):
        # entries every third day (3, 6, 9, 12) never put 3 entries in 5 days; nightly from day 14
        journal = jb.episode(1).pains(1, [None, None, 2] * 4).pains(14, [2] * 5).build()
        assert phase_on(journal, day_of(14), s) == "mobility"
        assert changes(journal, s, day_of(18)) == [
            (1, "mobility", "start"),
            (15, "stretching", "advanced"),
        ]

    def test_strengthening_on_day_21_not_day_20(self, jb, day_of, s):
        journal = jb.episode(1).pains(1, [2] * 30).build()
        assert phase_on(journal, day_of(20), s) == "stretching"
        assert phase_on(journal, day_of(21), s) == "strengthening"
        assert changes(journal, s, day_of(30)) == [
            (1, "mobility", "start"),
            (11, "stretching", "advanced"),
            (21, "strengthening", "advanced"),
        ]

    def test_strengthening_needs_10_days_of_stretching(self, jb, day_of, s):
        # pain settles late: stretching from day 15, so strengthening from day 25
        journal = jb.episode(1).pains(1, [5] * 12).pains(13, [2] * 20).build()
        assert changes(journal, s, day_of(32))[1] == (15, "stretching", "advanced")
        assert phase_on(journal, day_of(24), s) == "stretching"
        assert phase_on(journal, day_of(25), s) == "strengthening"

    def test_strengthening_waits_for_settled(self, jb, day_of, s):
        # no entries on days 19-22: 3 entries in 5 days again only on day 25
        journal = jb.episode(1).pains(1, [2] * 18).pains(23, [2, 2, 2]).build()
        assert phase_on(journal, day_of(24), s) == "stretching"
        assert changes(journal, s, day_of(26))[-1] == (25, "strengthening", "advanced")

    def test_step_back_from_strengthening_and_recovery(self, jb, day_of, s):
        pains = [2] * 22 + [7] + [2] * 20  # day 23 pain 7
        journal = jb.episode(1).pains(1, pains).build()
        assert changes(journal, s, day_of(40)) == [
            (1, "mobility", "start"),
            (11, "stretching", "advanced"),
            (21, "strengthening", "advanced"),
            (23, "stretching", "stepped back"),
            (33, "strengthening", "advanced"),  # stretching began afresh on day 23: + 10 days
        ]
        assert phase_on(journal, day_of(32), s) == "stretching"

    def test_step_back_from_stretching_and_recovery(self, jb, day_of, s):
        pains = [2] * 14 + [8] + [2] * 10  # day 15 pain 8
        journal = jb.episode(1).pains(1, pains).build()
        assert changes(journal, s, day_of(25)) == [
            (1, "mobility", "start"),
            (11, "stretching", "advanced"),
            (15, "mobility", "stepped back"),
            (18, "stretching", "advanced"),  # settled again: days 16, 17, 18
        ]

    def test_step_back_on_a_jump_of_2(self, jb, day_of, s):
        pains = [1] * 24 + [3]  # day 25: 3 is exactly 2 above the mean of 1, 1, 1
        journal = jb.episode(1).pains(1, pains).build()
        assert changes(journal, s, day_of(25))[-1] == (25, "stretching", "stepped back")
        journal = jb.pains(25, [2]).build()  # +1 is not rising
        assert changes(journal, s, day_of(25))[-1] == (21, "strengthening", "advanced")

    def test_step_back_at_exactly_7_without_a_jump(self, jb, day_of, s):
        # pain creeps up 1 every 2 days: never 2 above the recent mean, so only ">= 7" steps back
        pains = [2] * 11 + [3, 3, 4, 4, 5, 5, 6, 6, 7]
        journal = jb.episode(1).pains(1, pains).build()
        assert changes(journal, s, day_of(20)) == [
            (1, "mobility", "start"),
            (11, "stretching", "advanced"),
            (20, "mobility", "stepped back"),
        ]

    def test_a_jump_of_2_inside_the_last_3_entries_blocks_the_advance(self, jb, day_of, s):
        # day 10 is 2 above day 9 (not rising: the mean before it is 2.33): unsettled until day 13
        journal = jb.episode(1).pains(6, [3, 3, 3, 1, 3, 3, None, 3]).build()
        assert not is_rising(journal, day_of(10), s)
        assert phase_on(journal, day_of(12), s) == "mobility"
        assert changes(journal, s, day_of(13))[-1] == (13, "stretching", "advanced")

    def test_rising_in_mobility_changes_nothing(self, jb, day_of, s):
        journal = jb.episode(1).pains(1, [2, 2, 8, 2, 2]).build()
        assert changes(journal, s, day_of(5)) == [(1, "mobility", "start")]

    def test_a_rising_day_does_not_advance_even_when_settled(self, jb, day_of, s):
        # day 11: 3 is 2 above the mean of 0, 1, 2 (rising) yet the last 3 entries 1, 2, 3 are settled
        journal = jb.episode(1).pains(8, [0, 1, 2, 3]).build()
        assert is_rising(journal, day_of(11), s) and is_settled(journal, day_of(11), s)[0]
        assert phase_on(journal, day_of(11), s) == "mobility"
        assert phase_on(journal, day_of(12), s) == "stretching"

    def test_entries_before_the_episode_count(self, jb, day_of, s):
        journal = jb.pains(-2, [2, 2, 2]).episode(1).build()  # days -2, -1, 0 then no entries
        assert is_settled(journal, day_of(2), s)[0]
        assert phase_on(journal, day_of(11), s) == "mobility"  # window D-4..D is empty by then

    def test_the_walk_uses_only_entries_up_to_each_day(self, jb, day_of, s):
        journal = jb.episode(1).pains(1, [2] * 25).build()
        before = changes(journal, s, day_of(25))
        journal = jb.entry(26, 9).build()  # a later entry changes nothing before it
        assert changes(journal, s, day_of(25)) == before

    def test_a_changed_entry_is_seen_at_once(self, jb, day_of, s):
        # phase_history remembers recent walks; it must notice an entry replaced in the journal
        journal = jb.episode(1).pains(1, [2] * 15).build()
        assert phase_on(journal, day_of(15), s) == "stretching"
        record = journal.days[day_of(14)]
        journal.days[day_of(14)] = replace(record, entry=Entry(pain=8))
        assert phase_on(journal, day_of(15), s) == "mobility"
        journal.days[day_of(14)] = replace(record, ticks={})  # same entry again, other ticks
        assert phase_on(journal, day_of(15), s) == "stretching"
        del journal.days[day_of(14)]
        journal.days[day_of(12)] = replace(journal.days[day_of(12)], entry=Entry(pain=2, notes="x"))
        assert changes(journal, s, day_of(15)) == [
            (1, "mobility", "start"),
            (11, "stretching", "advanced"),
        ]

    def test_no_episode_is_maintenance(self, jb, day_of, s):
        journal = jb.pains(1, [2] * 5).build()
        assert phase_on(journal, day_of(3), s) == "maintenance"

    def test_an_ended_episode(self, jb, day_of, s):
        journal = jb.episode(1, 15).pains(1, [2] * 20).build()
        assert phase_on(journal, day_of(14), s) == "stretching"
        assert phase_on(journal, day_of(15), s) == "maintenance"  # open while D < end
        episode = journal.episodes[0]
        assert phase_history(journal, episode, day_of(20), s)[-1].day == day_of(11)
        assert episode_phase_summary(journal, episode, s, day_of(40)) == [
            PhaseChange(day_of(1), "mobility", "start"),
            PhaseChange(day_of(11), "stretching", "advanced"),
        ]
        assert episode_phase_summary(journal, episode, s, day_of(5)) == [
            PhaseChange(day_of(1), "mobility", "start")
        ]

    def test_before_the_episode(self, jb, day_of, s):
        journal = jb.episode(5).build()
        assert phase_history(journal, journal.episodes[0], day_of(4), s) == []
        assert phase_on(journal, day_of(4), s) == "maintenance"

    def test_settings_drive_every_threshold(self, jb, day_of):
        s = AdvisorSettings(
            stretching_from_day=4,
            strengthening_from_day=8,
            min_stretching_days=5,
            settled_entries=2,
            settled_window_days=2,
            settled_max_pain=4,
        )
        journal = jb.episode(1).pains(1, [4] * 15).build()
        assert changes(journal, s, day_of(15)) == [
            (1, "mobility", "start"),
            (4, "stretching", "advanced"),
            (9, "strengthening", "advanced"),
        ]
        strict = AdvisorSettings(rising_pain=5)
        journal = jb.entry(25, 5).build()
        assert is_rising(journal, day_of(25), strict) and not is_rising(
            journal, day_of(25), AdvisorSettings()
        )


# ---------------------------------------------------------------------------- advice and next


class TestNext:
    def test_mobility_next_is_day_11(self, jb, day_of, s):
        advice = advise(jb.episode(1).build(), day_of(3), s)
        assert (advice.phase, advice.episode_day) == ("mobility", 3)
        assert (advice.next_phase, advice.next_earliest) == ("stretching", day_of(11))

    def test_mobility_past_day_11_next_is_tomorrow(self, jb, day_of, s):
        advice = advise(jb.episode(1).build(), day_of(11), s)
        assert advice.next_earliest == day_of(12)
        advice = advise(jb.episode(1).build(), day_of(10), s)
        assert advice.next_earliest == day_of(11)

    def test_stretching_next_is_day_21(self, jb, day_of, s):
        advice = advise(jb.episode(1).pains(1, [2] * 12).build(), day_of(11), s)
        assert advice.phase == "stretching" and advice.phase_start == day_of(11)
        assert (advice.next_phase, advice.next_earliest) == ("strengthening", day_of(21))

    def test_stretching_next_counts_10_days_of_stretching(self, jb, day_of, s):
        journal = jb.episode(1).pains(1, [5] * 12).pains(13, [2] * 5).build()
        advice = advise(journal, day_of(16), s)
        assert advice.phase_start == day_of(15)
        assert advice.next_earliest == day_of(25)

    def test_stretching_after_a_step_back(self, jb, day_of, s):
        journal = jb.episode(1).pains(1, [2] * 27 + [8]).build()
        advice = advise(journal, day_of(28), s)
        assert advice.phase == "stretching" and advice.phase_start == day_of(28)
        assert advice.next_earliest == day_of(38)
        assert [c.reason for c in advice.history] == [
            "start",
            "advanced",
            "advanced",
            "stepped back",
        ]

    def test_next_is_never_before_tomorrow(self, jb, day_of, s):
        journal = jb.episode(1).pains(1, [5] * 30).build()  # never settles
        advice = advise(journal, day_of(30), s)
        assert advice.phase == "mobility" and advice.next_earliest == day_of(31)

    def test_no_next_in_strengthening_or_maintenance(self, jb, new_journal, day_of, s):
        journal = jb.episode(1).pains(1, [2] * 22).build()
        assert advise(journal, day_of(22), s).next_phase is None
        advice = advise(new_journal().build(), day_of(40), s)
        assert (
            advice.phase == "maintenance" and advice.next_phase is None and advice.episode is None
        )
        assert set(advice.allowed) == {
            "warm-up",
            "mobility",
            "stretching",
            "strengthening",
            "aerobic",
            "cool-down",
        }

    def test_allowed_kinds_by_phase(self, jb, day_of, s):
        journal = jb.episode(1).pains(1, [2] * 22).build()
        assert advise(journal, day_of(5), s).allowed == (
            "warm-up",
            "mobility",
            "aerobic",
            "cool-down",
        )
        assert "stretching" in advise(journal, day_of(15), s).allowed
        assert "strengthening" not in advise(journal, day_of(15), s).allowed
        assert "strengthening" in advise(journal, day_of(22), s).allowed

    def test_json_shape(self, jb, new_journal, day_of, s):
        doc = advise(jb.episode(1).build(), day_of(3), s).to_dict()
        assert doc["date"] == day_of(3).isoformat()
        assert doc["phase"] == "mobility"
        assert doc["episode"] == {"start": day_of(1).isoformat(), "day": 3}
        assert doc["next"] == {"phase": "stretching", "earliest": day_of(11).isoformat()}
        assert doc["allowed"] == ["warm-up", "mobility", "aerobic", "cool-down"]
        assert doc["warnings"] == []
        assert doc["phase_start"] == day_of(1).isoformat()
        none = advise(new_journal().build(), day_of(60), s).to_dict()
        assert none["episode"] is None and none["next"] is None and none["phase"] == "maintenance"


# ---------------------------------------------------------------------------- warnings


class TestTooSoon:
    def test_strengthening_in_mobility(self, jb, day_of, s):
        advice = advise(jb.episode(1).build(), day_of(3), s, BRIDGE)
        text = message(advice, "too_soon")
        assert "day 3" in text and "mobility" in text
        assert short(day_of(21)) in text  # max(day 21, day 11 + 10 days)
        assert "physiotherapist" in text

    def test_stretching_in_mobility(self, jb, day_of, s):
        text = message(advise(jb.episode(1).build(), day_of(3), s, HAMSTRING), "too_soon")
        assert short(day_of(11)) in text and "stretching" in text

    def test_late_unsettled_mobility_gives_dates_from_tomorrow(self, jb, day_of, s):
        journal = jb.episode(1).pains(1, [5] * 15).build()
        assert short(day_of(16)) in message(advise(journal, day_of(15), s, HAMSTRING), "too_soon")
        assert short(day_of(26)) in message(advise(journal, day_of(15), s, BRIDGE), "too_soon")

    def test_strengthening_in_stretching(self, jb, day_of, s):
        journal = jb.episode(1).pains(1, [2] * 13).build()
        text = message(advise(journal, day_of(13), s, BRIDGE), "too_soon")
        assert "day 13" in text and "stretching" in text and short(day_of(21)) in text

    def test_allowed_kinds_are_not_too_soon(self, jb, day_of, s):
        journal = jb.episode(1).build()
        for exercise in (WARM_UP, WALK, PELVIC_TILT):
            assert "too_soon" not in codes(advise(journal, day_of(2), s, exercise))
        journal = jb.pains(1, [2] * 22).build()
        assert "too_soon" not in codes(advise(journal, day_of(11), s, HAMSTRING))
        assert "too_soon" not in codes(advise(journal, day_of(21), s, BRIDGE))

    def test_never_outside_an_episode(self, jb, day_of, s):
        assert "too_soon" not in codes(advise(jb.build(), day_of(2), s, BRIDGE))
        assert "too_soon" not in codes(advise(jb.episode(1, 5).build(), day_of(5), s, BRIDGE))


class TestPainWarnings:
    def test_pain_rising(self, jb, day_of, s):
        advice = advise(jb.episode(1).pains(1, [2] * 24 + [7]).build(), day_of(25), s)
        text = message(advice, "pain_rising")
        assert short(day_of(25)) in text and "7/10" in text
        assert "slow down" in text.lower() and "stop anything that hurts" in text
        assert "flare_suspected" not in codes(advice)
        assert advice.phase == "stretching"

    def test_no_rising_warning_below_the_threshold(self, jb, day_of, s):
        advice = advise(jb.episode(1).pains(1, [2] * 24 + [3]).build(), day_of(25), s)
        assert "pain_rising" not in codes(advice)

    def test_flare_suspected_without_an_episode(self, jb, day_of, s):
        advice = advise(jb.pains(1, [1, 1, 1, 3]).build(), day_of(4), s)
        assert "pain_rising" in codes(advice)
        assert "episode" in message(advice, "flare_suspected")
        advice = advise(jb.pains(1, [1, 1, 1, 2]).build(), day_of(4), s)
        assert codes(advice) == []

    def test_flare_suspected_after_an_episode_ended(self, jb, day_of, s):
        advice = advise(jb.episode(1, 10).entry(12, 8).build(), day_of(12), s)
        assert "flare_suspected" in codes(advice)

    def test_not_settled_from_day_11(self, jb, day_of, s):
        journal = jb.episode(1).entry(10, 2).entry(11, 2).build()
        assert "not_settled" not in codes(advise(journal, day_of(10), s))
        text = message(advise(journal, day_of(11), s), "not_settled")
        assert "log pain nightly: 2 of 3 entries" in text and "Day 11" in text
        assert "log pain nightly: 0 of 3" in message(advise(journal, day_of(20), s), "not_settled")

    def test_not_settled_in_stretching(self, jb, day_of, s):
        journal = (
            jb.episode(1).pains(1, [2] * 12).build()
        )  # stretching from day 11, no entries after 12
        assert "not_settled" not in codes(advise(journal, day_of(20), s))
        assert "not_settled" in codes(advise(journal, day_of(21), s))

    def test_not_settled_waits_for_the_10_days_of_stretching(self, jb, day_of, s):
        journal = jb.episode(1).pains(1, [5] * 12).pains(13, [2] * 5).build()  # stretching from 15
        assert "not_settled" not in codes(advise(journal, day_of(24), s))
        assert "not_settled" in codes(advise(journal, day_of(25), s))

    def test_no_not_settled_when_settled(self, jb, day_of, s):
        journal = jb.episode(1).pains(1, [2] * 30).build()
        assert codes(advise(journal, day_of(30), s)) == []


class TestLoad:
    def test_the_4th_strengthening_day_in_7(self, jb, day_of, s):
        journal = (
            jb.tick(4, "bridge").tick(6, "bird-dog").tick(8, "bridge", "march-in-place").build()
        )
        text = message(advise(journal, day_of(10), s, BRIDGE), "strengthening_overdone")
        assert "4" in text and short(day_of(4)) in text and short(day_of(10)) in text

    def test_day_d_minus_7_is_outside_the_window(self, jb, day_of, s):
        journal = jb.tick(3, "bridge").tick(6, "bird-dog").tick(8, "bridge").build()
        assert "strengthening_overdone" not in codes(advise(journal, day_of(10), s, BRIDGE))

    def test_three_days_are_fine(self, jb, day_of, s):
        journal = jb.tick(6, "bird-dog").tick(8, "bridge").build()
        assert "strengthening_overdone" not in codes(advise(journal, day_of(10), s, BRIDGE))

    def test_d_counts_once(self, jb, day_of, s):
        journal = (
            jb.tick(6, "bird-dog").tick(8, "bridge").tick(10, "bird-dog", "march-in-place").build()
        )
        assert "strengthening_overdone" not in codes(advise(journal, day_of(10), s, BRIDGE))

    def test_only_for_a_strengthening_exercise(self, jb, day_of, s):
        journal = jb.tick(4, "bridge").tick(6, "bird-dog").tick(8, "bridge").build()
        assert "strengthening_overdone" not in codes(advise(journal, day_of(10), s, HAMSTRING))
        assert "strengthening_overdone" not in codes(advise(journal, day_of(10), s))

    def test_stretch_first(self, jb, day_of, s):
        journal = jb.tick(5, "bridge").build()
        assert "stretch_first" in codes(advise(journal, day_of(5), s))
        assert "stretch_first" not in codes(advise(journal, day_of(5), s, WARM_UP))  # as if ticked
        assert "stretch_first" not in codes(advise(journal, day_of(5), s, HAMSTRING))
        assert "stretch_first" in codes(advise(journal, day_of(5), s, WALK))
        assert "stretch_first" in codes(advise(jb.build(), day_of(6), s, BRIDGE))
        assert "stretch_first" not in codes(
            advise(jb.tick(7, "march-in-place").build(), day_of(7), s, BRIDGE)
        )
        assert "stretch_first" not in codes(advise(jb.build(), day_of(8), s))


class TestRedFlags:
    def test_red_flag_in_d_minus_6(self, jb, day_of, s):
        journal = jb.episode(1).entry(4, 3, red_flags=("fever", "bladder-bowel")).build()
        advice = advise(journal, day_of(10), s)
        text = message(advice, "red_flag")
        assert "urgent" in text and "medical care" in text
        assert "bladder or bowel" in text and "fever" in text and short(day_of(4)) in text
        assert advice.next_phase is None and advice.to_dict()["next"] is None
        assert advice.phase == "mobility"  # the phase is still reported

    def test_red_flag_in_d_minus_7_is_gone(self, jb, day_of, s):
        journal = jb.episode(1).entry(3, 3, red_flags=("fever",)).build()
        advice = advise(journal, day_of(10), s)
        assert "red_flag" not in codes(advice)
        assert advice.next_phase == "stretching"

    def test_red_flag_outside_an_episode(self, jb, day_of, s):
        advice = advise(jb.entry(1, 2, red_flags=("trauma",)).build(), day_of(1), s)
        assert codes(advice) == ["red_flag"]


def test_warnings_come_in_a_stable_order(jb, day_of, s):
    journal = (
        jb.pains(1, [1, 1, 1]).entry(4, 8, red_flags=("night-pain",)).tick(4, "bridge").build()
    )
    assert codes(advise(journal, day_of(4), s, BRIDGE)) == [
        "red_flag",
        "pain_rising",
        "flare_suspected",
        "stretch_first",
    ]


def test_advice_is_pure(jb, day_of, s):
    journal = jb.episode(1).pains(1, [2] * 25).build()
    assert advise(journal, day_of(25), s) == advise(journal, day_of(25), s)


class TestRedFlagsHoldThePhase:
    """Issue 10, item 2: red flags hold the phase until they age out or are cleared."""

    def settled(self, jb):
        return jb.episode(1).pains(1, [2] * 30)

    def test_bladder_trouble_on_day_9_holds_the_walk_on_day_11(self, jb, day_of, s):
        journal = self.settled(jb).flag(9).build()
        for n in range(9, 16):  # the flag is in D-6..D up to day 15
            advice = advise(journal, day_of(n), s)
            assert advice.phase == "mobility", n
            assert advice.next_phase is None and advice.to_dict()["next"] is None
            assert "red_flag" in codes(advice)
        assert phase_on(journal, day_of(16), s) == "stretching"  # aged out: the walk moves on

    def test_steps_back_still_apply(self, jb, day_of, s):
        journal = self.settled(jb).flag(25, 8).build()
        assert phase_on(journal, day_of(24), s) == "strengthening"
        assert phase_on(journal, day_of(25), s) == "stretching"  # a step back
        assert changes(journal, s, day_of(25))[-1] == (25, "stretching", "stepped back")

    def test_a_clearance_releases_the_flags_from_its_day_on(self, jb, day_of, s):
        journal = self.settled(jb).flag(9).clear(12, "seen by GP, all fine").build()
        assert "red_flag" in codes(
            advise(journal, day_of(11), s)
        )  # the day before keeps its history
        assert phase_on(journal, day_of(11), s) == "mobility"
        advice = advise(journal, day_of(12), s)
        assert "red_flag" not in codes(advice)
        assert advice.phase == "stretching" and changes(journal, s, day_of(12))[-1][0] == 12
        assert advice.next_phase == "strengthening"

    def test_flags_logged_after_a_clearance_hold_again(self, jb, day_of, s):
        journal = self.settled(jb).flag(9).clear(10).flag(12, 2, "fever").build()
        assert phase_on(journal, day_of(11), s) == "stretching"  # day 9's flag was cleared on 10
        advice = advise(journal, day_of(13), s)
        assert advice.next_phase is None
        text = message(advice, "red_flag")
        assert "fever" in text and "bladder" not in text  # the cleared flag is not listed
        assert f"On {short(day_of(12))} you logged" in text

    def test_a_clearance_before_the_flag_changes_nothing(self, jb, day_of, s):
        journal = self.settled(jb).clear(8).flag(9).build()
        assert "red_flag" in codes(advise(journal, day_of(11), s))
        assert phase_on(journal, day_of(11), s) == "mobility"

    def test_a_clearance_changes_a_walk_already_cached(self, jb, day_of, s):
        held = self.settled(jb).flag(9).build()
        assert phase_on(held, day_of(12), s) == "mobility"
        held.clearances.append(jb.clear(11).clearances[-1])
        assert phase_on(held, day_of(12), s) == "stretching"

    def test_messages_give_dates_and_never_say_today(self, jb, day_of, s):
        journal = self.settled(jb).flag(9).entry(10, 9).build()
        advice = advise(journal, day_of(10), s, BRIDGE)
        for warning in advice.warnings:
            assert "today" not in warning.message.lower(), warning
        assert message(advice, "red_flag").startswith(f"On {short(day_of(9))} you logged")
        assert "keeps your phase where it is" in message(advice, "red_flag")

    def test_outside_an_episode_no_phase_is_mentioned(self, jb, day_of, s):
        text = message(advise(jb.flag(1).build(), day_of(1), s), "red_flag")
        assert "phase" not in text


def test_no_message_repeats_its_title(jb, day_of, s):
    """Issue 10, item 8: "Your pain is up: Your pain is rising..." said the same thing twice."""
    journal = (
        jb.pains(1, [1, 1, 1])
        .entry(4, 8, red_flags=("night-pain",))
        .tick(4, "bridge")
        .episode(5)
        .pains(6, [2, 2, 2, 2, 2, 2, 2, 4, 2])
        .build()
    )
    seen = set()
    for n in range(1, 17):
        for exercise in (None, BRIDGE, HAMSTRING):
            for warning in advise(journal, day_of(n), s, exercise).warnings:
                seen.add(warning.code)
                title = warning.title.lower()
                body = warning.message.lower()
                assert title not in body, warning
                # Nor do its first words say the title's gist again ("not quite settled yet").
                assert not body.startswith(("your pain is", "it is day", "not ")), warning
    assert seen >= {"red_flag", "pain_rising", "flare_suspected", "too_soon", "not_settled"}
