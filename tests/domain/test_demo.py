"""The demo journal: seeded, realistic, fast, and consistent with the advisor's rules."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest

from backjournal.domain.advisor import phase_history
from backjournal.domain.codec import check_episodes
from backjournal.domain.demo import default_demo_days, demo_journal
from backjournal.domain.exercises import BUILTIN_BY_ID, DEFAULT_ROUTINES
from backjournal.domain.export import export_json, parse_export
from backjournal.domain.journal import build_journal
from backjournal.domain.settings import AdvisorSettings
from backjournal.domain.vocab import MAINTENANCE, allowed_kinds

TODAY = date(2026, 5, 10)
ROUTINE_IDS = {e for r in DEFAULT_ROUTINES for e in r.exercises} | {"walk"}


@pytest.fixture(scope="module")
def ten_years():
    return demo_journal(3650, 7, TODAY)


def test_same_seed_same_data_other_seed_other_data():
    assert demo_journal(120, 1, TODAY) == demo_journal(120, 1, TODAY)
    assert demo_journal(120, 1, TODAY) != demo_journal(120, 2, TODAY)


def test_default_days():
    assert default_demo_days == 120
    days, meta = demo_journal(default_demo_days, 0, TODAY)
    assert min(days) == TODAY - timedelta(days=119)


@pytest.mark.parametrize("n", [1, 2, 10, 30, 120, 400])
def test_days_lie_in_the_span_and_today_is_logged(n):
    days, meta = demo_journal(n, 3, TODAY)
    assert max(days) == TODAY and days[TODAY].entry is not None
    assert min(days) >= TODAY - timedelta(days=n - 1)
    assert all(d.date == key for key, d in days.items())
    assert all(e.start <= TODAY for e in meta.episodes)


def test_no_days_no_data():
    days, meta = demo_journal(0, 1, TODAY)
    assert days == {} and meta.episodes == []


def test_a_few_missed_nights_but_mostly_logged(ten_years):
    days, _ = ten_years
    logged = sum(1 for d in days.values() if d.entry is not None)
    assert 0.9 * 3650 < logged < 3650


def test_about_eleven_ticks_a_day_over_ten_years(ten_years):
    days, _ = ten_years
    ticks = sum(len(d.ticks) for d in days.values())
    assert 37_000 <= ticks <= 43_000


def test_fast():
    start = time.perf_counter()
    demo_journal(3650, 11, TODAY)
    # Well under a second on a quiet machine; the margin covers a busy shared one.
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize("seed", range(5))
def test_episodes_never_overlap_and_one_is_open(seed):
    for n in (30, 120, 3650):
        _, meta = demo_journal(n, seed, TODAY)
        assert check_episodes(meta.episodes) == meta.episodes
        assert meta.episodes[-1].end is None
        assert all(e.end is not None and e.end <= TODAY for e in meta.episodes[:-1])


def test_an_earlier_closed_episode_when_there_is_room():
    assert len(demo_journal(120, 0, TODAY)[1].episodes) == 2
    assert len(demo_journal(20, 0, TODAY)[1].episodes) == 1
    assert len(demo_journal(3650, 0, TODAY)[1].episodes) >= 5


def test_ticks_use_known_exercises_with_their_dose(ten_years):
    days, _ = ten_years
    for d in days.values():
        for exercise_id, tick in d.ticks.items():
            assert exercise_id in ROUTINE_IDS and tick.exercise == exercise_id
            assert tick.sets == BUILTIN_BY_ID[exercise_id].sets and not tick.overridden


def test_red_flags_only_long_ago(ten_years):
    for days, _ in (ten_years, demo_journal(120, 4, TODAY), demo_journal(20, 4, TODAY)):
        flagged = [d for d, day in days.items() if day.entry and day.entry.red_flags]
        assert len(flagged) <= 1
        assert all((TODAY - d).days >= 30 for d in flagged)


def test_plain_language_notes_tags_rest_and_sleep(ten_years):
    days, _ = ten_years
    entries = [d.entry for d in days.values() if d.entry]
    assert 100 < sum(1 for e in entries if e.notes) < len(entries) / 4
    assert any(e.tags for e in entries) and any(e.rest for e in entries)
    low = [e.sleep for e in entries if e.pain <= 2 and e.sleep is not None]
    high = [e.sleep for e in entries if e.pain >= 6 and e.sleep is not None]
    assert sum(low) / len(low) > sum(high) / len(high)  # sleep loosely follows pain


def test_strengthening_two_or_three_times_a_week_never_four_in_seven(ten_years):
    days, _ = ten_years
    strong = sorted(
        d for d, day in days.items() if "bridge" in day.ticks or "bird-dog" in day.ticks
    )
    for i in range(len(strong) - 3):
        assert (strong[i + 3] - strong[i]).days >= 7
    assert len(strong) > 2 * 52 * 8  # most weeks of ten years


def test_the_demo_is_a_valid_journal_export(ten_years):
    days, meta = ten_years
    text = export_json(days, meta, None, None)
    back_days, back_meta = parse_export(text, today=TODAY)
    assert back_days == days and back_meta.episodes == meta.episodes


# --- agreement with the phase advisor --------------------------------------------------------


def phase_on(history, day):
    phase = history[0].phase
    for change in history:
        if change.day <= day:
            phase = change.phase
    return phase


@pytest.mark.parametrize(("n", "seed"), [(120, 0), (120, 1), (120, 2), (400, 3), (3650, 4)])
def test_no_tick_is_too_soon_and_phases_progress(n, seed):
    days, meta = demo_journal(n, seed, TODAY)
    journal = build_journal(days, meta)
    settings = AdvisorSettings()
    for episode in meta.episodes:
        last = min(TODAY, episode.end - timedelta(days=1)) if episode.end else TODAY
        history = phase_history(journal, episode, last, settings)
        phases = [c.phase for c in history]
        assert phases[:3] == ["mobility", "stretching", "strengthening"]
        stretching = next(c.day for c in history if c.phase == "stretching")
        assert 11 <= (stretching - episode.start).days + 1 <= 25
        d = episode.start
        while d <= last:
            allowed = allowed_kinds(phase_on(history, d))
            for exercise_id in journal.ticks_on(d):
                assert journal.exercises[exercise_id].kind in allowed, (d, exercise_id)
            d += timedelta(days=1)
    # Outside episodes the journal is in maintenance, where everything is allowed.
    assert set(allowed_kinds(MAINTENANCE)) >= {e.kind for e in BUILTIN_BY_ID.values()}


def test_demo_psfs_is_seeded_weekly_and_valid():
    from backjournal.domain import psfs as rules
    from backjournal.domain.psfs_codec import psfs_from_dict, psfs_to_dict

    days, meta = demo_journal(90, 4, TODAY)
    psfs = meta.psfs
    assert demo_journal(90, 4, TODAY)[1].psfs == psfs
    assert demo_journal(90, 5, TODAY)[1].psfs != psfs
    assert psfs_from_dict(psfs_to_dict(psfs)) == psfs  # passes the stored-data checks
    assert 3 <= len(rules.active(psfs)) <= 5 and any(a.retired for a in psfs.activities)
    dates = [r.date for r in psfs.ratings]
    assert len(dates) >= 11 and dates[-1] <= TODAY and dates[0] >= TODAY - timedelta(days=89)
    assert all(7 <= (b - a).days <= 8 for a, b in zip(dates, dates[1:], strict=False))
    # scores follow the pain: the flare's weeks score lower than the calmest weeks
    assert min(r.mean for r in psfs.ratings) + 2 <= max(r.mean for r in psfs.ratings)
