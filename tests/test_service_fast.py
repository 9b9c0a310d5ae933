"""The service's fast paths give the same answers as computing on the whole journal."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from backjournal.domain import advisor, streaks
from backjournal.domain.demo import demo_journal
from backjournal.domain.journal import build_journal
from backjournal.domain.settings import AdvisorSettings, Settings
from backjournal.service import JournalService
from backjournal.storage import Store

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo_service(tmp_path_factory):
    """Three demo years (episodes across New Year included, as the seed happens to give)."""
    data = tmp_path_factory.mktemp("demo") / "data"
    service = JournalService(Store(data), Settings(), clock=lambda: datetime(2026, 11, 20, 21, 0))
    service.demo(3 * 365, seed=11)
    return service


def test_advice_from_the_recent_days_equals_advice_from_the_whole_journal(demo_service):
    whole = demo_service.journal()
    s = demo_service.settings.advisor
    days = sorted(whole.days)
    checked = 0
    for day in (
        days[::3]
        + [e.start for e in whole.episodes]
        + [e.start + timedelta(days=25) for e in whole.episodes]
    ):
        for exercise in (None, whole.exercises["bridge"], whole.exercises["hamstring-stretch"]):
            expected = advisor.advise(whole, day, s, exercise)
            got = demo_service.advise(day, exercise.id if exercise else None)
            assert got == expected, day
            checked += 1
    assert checked > 1000


def test_history_start_covers_every_window(demo_service):
    whole = demo_service.journal()
    wide = AdvisorSettings(rising_lookback_days=30, settled_window_days=12, red_flag_window_days=40)
    for day in sorted(whole.days)[::17]:
        first = advisor.history_start(whole, day, wide)
        part = build_journal(
            {d: v for d, v in whole.days.items() if d >= first}, demo_service.store.load_meta()
        )
        assert advisor.advise(part, day, wide) == advisor.advise(whole, day, wide)


def test_recent_journal_reads_only_the_years_it_needs(demo_service, monkeypatch):
    read: list[int] = []
    store = demo_service.store
    original = store.load_year
    monkeypatch.setattr(store, "load_year", lambda year: read.append(year) or original(year))
    demo_service.recent_journal(TODAY)
    assert read and min(read) >= TODAY.year - 1


def test_the_service_streak_memo_matches_a_full_computation_after_writes(tmp_path):
    clock = lambda: datetime(2026, 11, 20, 21, 0)  # noqa: E731
    service = JournalService(Store(tmp_path / "data"), Settings(), clock=clock)
    service.demo(400, seed=5)
    s = service.settings.advisor
    assert service.streaks(TODAY) == streaks.compute_streaks(service.journal(), TODAY, s)
    for exercise in ("walk", "pelvic-tilt", "chin-tuck"):
        service.tick(TODAY, exercise, anyway=True)
        assert service.streaks(TODAY) == streaks.compute_streaks(service.journal(), TODAY, s)
    service.log(TODAY - timedelta(days=200), {"pain": 2, "rest": True})  # before the memo's cutoff
    assert service.streaks(TODAY) == streaks.compute_streaks(service.journal(), TODAY, s)
    service.untick(TODAY, "walk")
    assert service.streaks(TODAY) == streaks.compute_streaks(service.journal(), TODAY, s)
    assert service.streaks(TODAY - timedelta(days=40)) == streaks.compute_streaks(
        service.journal(), TODAY - timedelta(days=40), s
    )
    assert service._streak_memo.hits >= 3


def test_demo_data_is_stored_in_the_compact_form_and_reads_back_unchanged(tmp_path):
    clock = lambda: datetime(2026, 11, 20, 21, 0)  # noqa: E731
    service = JournalService(Store(tmp_path / "data"), Settings(), clock=clock)
    service.demo(60, seed=3)
    expected, _ = demo_journal(60, 3, TODAY)
    loaded = Store(tmp_path / "data").load()[0]
    assert loaded == {d: day for d, day in expected.items() if not day.is_empty}
    raw = (tmp_path / "data" / "journal-2026.json").read_bytes()
    assert (
        b'"overridden":false' not in raw
        and b'"hold_s":null' not in raw
        and b'"worst":null' not in raw
    )


def test_emptying_the_ticks_or_the_entry_of_a_stored_day_reads_back_from_disk(tmp_path):
    clock = lambda: datetime(2026, 11, 20, 21, 0)  # noqa: E731
    service = JournalService(Store(tmp_path / "data"), Settings(), clock=clock)
    service.log(TODAY, {"pain": 2, "notes": "stiff"})
    service.tick(TODAY, "walk")
    service.untick(TODAY, "walk")
    assert Store(tmp_path / "data").load_year(TODAY.year)[TODAY].ticks == {}
    service.tick(TODAY, "walk")
    assert service.delete_entry(TODAY)
    fresh = Store(tmp_path / "data").load_year(TODAY.year)[TODAY]
    assert fresh.entry is None and set(fresh.ticks) == {"walk"}


def test_the_kept_recent_journal_follows_writes_from_this_service_and_from_another_process(
    tmp_path,
):
    clock = lambda: datetime(2026, 11, 20, 21, 0)  # noqa: E731
    data = tmp_path / "data"
    service = JournalService(Store(data), Settings(), clock=clock)
    service.demo(400, seed=5)
    other = JournalService(
        Store(data), Settings(), clock=clock
    )  # another process, on the same files
    s = service.settings.advisor

    def check() -> None:
        whole = service.journal()
        for exercise in (None, whole.exercises["bridge"]):
            assert service.advise(TODAY, exercise.id if exercise else None) == advisor.advise(
                whole, TODAY, s, exercise
            )

    check()
    service.tick(TODAY, "bridge", anyway=True)
    check()
    other.log(TODAY, {"pain": 9, "red_flags": ["leg-weakness"]})
    check()
    if service.journal().episodes[-1].end is None:
        other.end_episode(TODAY)
    else:
        other.start_episode(TODAY)
    check()
    service.settings = Settings(advisor=AdvisorSettings(rising_lookback_days=30))
    s = service.settings.advisor
    check()
