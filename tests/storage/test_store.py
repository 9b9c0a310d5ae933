"""The store's contract: round trips, merges under the lock, one file per year, modes, empty journals."""

from __future__ import annotations

import dataclasses
import os
import stat
from datetime import date, datetime

import orjson
import pytest
from storage_helpers import add_tick, entry_day, fingerprint, set_pain

from backjournal.domain.codec import SCHEMA_VERSION, ShapeError
from backjournal.domain.models import Day, Entry, Episode, Exercise, JournalMeta, Routine
from backjournal.storage import Store

D1, D2, D3 = date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 2)


def custom_exercise() -> Exercise:
    return Exercise(
        id="wall-slide",
        name="Wall slide",
        kind="mobility",
        region="upper-back",
        sets=2,
        reps=8,
        hold_s=None,
        sides="both",
        how_to="Slide your arms up the wall.",
        caution="Stop if it pinches.",
    )


def full_meta() -> JournalMeta:
    return JournalMeta(
        episodes=[Episode(date(2025, 11, 1), date(2025, 11, 20)), Episode(date(2026, 1, 1))],
        exercises=[custom_exercise()],
        routines=[
            Routine(
                id="evening", name="Evening", exercises=("wall-slide", "bridge"), times_per_week=3
            )
        ],
    )


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_missing_dir_is_an_empty_journal_and_creates_nothing(store, data):
    assert store.load() == ({}, JournalMeta())
    assert store.load_year(2026) == {}
    assert store.load_meta() == JournalMeta()
    assert store.is_empty()
    assert store.journal_files() == []
    assert store.check() == []
    assert store.backups() == []
    assert store.repair() == []
    assert not data.exists()


def test_empty_existing_dir_is_an_empty_journal_and_stays_empty(store, data):
    data.mkdir()
    assert store.load() == ({}, JournalMeta())
    assert store.is_empty()
    assert list(data.iterdir()) == []


def test_round_trip_through_a_fresh_store(store, data):
    days = {
        D1: entry_day(
            D1,
            4,
            ("bridge", "walk"),
            areas=("lower-back",),
            notes="ünïcode ✓",
            red_flags=("fever",),
        ),
        D2: Day(date=D2, ticks=entry_day(D2, ticks=("glute-stretch",)).ticks),  # ticks, no entry
        D3: entry_day(D3, 0, rest=True, tags=("work",), sleep=10, mood=0, worst=10),
    }
    store.replace_all(days, full_meta())
    assert Store(data).load() == (days, full_meta())
    assert [p.name for p in store.journal_files()] == [
        "journal-meta.json",
        "journal-2025.json",
        "journal-2026.json",
    ]


def test_default_routines_stay_none_and_customised_empty_stays_empty(store, data):
    store.update_meta(lambda m: dataclasses.replace(m, episodes=[Episode(D2)]))
    assert Store(data).load_meta().routines is None
    store.update_meta(lambda m: dataclasses.replace(m, routines=[]))
    assert Store(data).load_meta().routines == []


def test_update_day_merges_with_what_is_stored(store, data):
    store.update_day(D2, set_pain(5))
    store.update_day(D2, add_tick("bridge", sets=3))
    store.update_day(D2, add_tick("walk"))
    store.update_day(D2, set_pain(2))
    day = Store(data).load()[0][D2]
    assert day.entry.pain == 2
    assert set(day.ticks) == {"bridge", "walk"}
    assert day.ticks["bridge"].sets == 3


def test_update_day_returns_the_stored_day(store):
    day = store.update_day(
        D2, lambda d: dataclasses.replace(d, entry=Entry(pain=3, areas=["neck"]))
    )
    assert day.entry.areas == ("neck",)  # as it reads back, not as given
    assert store.load_year(2026)[D2] == day


def test_an_empty_result_removes_the_document(store, data):
    store.update_day(D2, add_tick("walk"))
    store.update_day(D3, set_pain(1))
    removed = store.update_day(D2, lambda d: Day(date=d.date))
    assert removed.is_empty
    assert set(Store(data).load()[0]) == {D3}
    raw = orjson.loads((data / "journal-2026.json").read_bytes())
    assert [doc["date"] for doc in raw["days"].values()] == ["2026-01-02"]


def test_removing_a_day_that_is_not_there_writes_nothing(store, data):
    store.update_day(D3, set_pain(1))
    before = fingerprint(data)
    assert store.update_day(D2, lambda d: d).is_empty
    assert fingerprint(data) == before
    assert store.update_day(date(2020, 1, 1), lambda d: d).is_empty
    assert not (data / "journal-2020.json").exists()


def test_failing_update_function_writes_nothing(store, data):
    store.update_day(D2, set_pain(1))
    before = fingerprint(data)

    def boom(day):
        raise RuntimeError("refused")

    with pytest.raises(RuntimeError):
        store.update_day(D2, boom)
    with pytest.raises(ShapeError):
        store.update_day(D2, set_pain(11))
    with pytest.raises(ValueError):
        store.update_day(D2, lambda d: Day(date=D3, entry=Entry(pain=1)))
    with pytest.raises(TypeError):
        store.update_day(datetime(2026, 1, 1, 12), set_pain(1))
    assert fingerprint(data) == before


def test_refused_first_write_creates_no_journal_file(store, data):
    with pytest.raises(ShapeError):
        store.update_day(D2, set_pain(11))
    assert store.journal_files() == []


def test_first_write_records_the_schema_version(store, data):
    store.update_day(D2, add_tick("walk"))
    meta = orjson.loads((data / "journal-meta.json").read_bytes())
    assert list(meta["meta"].values()) == [{"schema": SCHEMA_VERSION, "routines_custom": False}]


def test_a_write_touches_only_its_year_file(store, data):
    store.update_day(D1, set_pain(1))
    store.update_day(D2, set_pain(1))
    other = data / "journal-2025.json"
    meta = data / "journal-meta.json"
    before = (
        other.stat().st_ino,
        other.stat().st_mtime_ns,
        meta.stat().st_ino,
        meta.stat().st_mtime_ns,
    )
    store.update_day(D3, add_tick("walk"))
    assert (
        other.stat().st_ino,
        other.stat().st_mtime_ns,
        meta.stat().st_ino,
        meta.stat().st_mtime_ns,
    ) == before


def test_two_stores_on_one_dir_keep_each_others_writes(data):
    # TinyDB caches the next document id per table: a long-lived table would reuse an id and overwrite.
    a, b = Store(data), Store(data)
    a.update_day(date(2026, 3, 1), set_pain(1))
    a.load()
    b.update_day(date(2026, 3, 2), set_pain(2))
    a.update_day(date(2026, 3, 3), set_pain(3))
    b.update_day(date(2026, 3, 4), set_pain(4))
    a.update_day(date(2026, 3, 2), add_tick("walk"))
    days, _ = Store(data).load()
    assert {d: day.entry.pain for d, day in days.items()} == {
        date(2026, 3, i): i for i in range(1, 5)
    }
    assert set(days[date(2026, 3, 2)].ticks) == {"walk"}
    raw = orjson.loads((data / "journal-2026.json").read_bytes())
    assert sorted(raw["days"], key=int) == ["1", "2", "3", "4"]
    # and each store's read cache sees the other's writes
    assert set(a.load()[0]) == set(b.load()[0]) == set(days)


def test_reads_see_changes_made_by_another_store(data):
    a, b = Store(data), Store(data)
    a.update_day(D2, set_pain(1))
    assert a.load()[0][D2].entry.pain == 1
    b.update_day(D2, set_pain(7))
    b.update_meta(lambda m: dataclasses.replace(m, episodes=[Episode(D2)]))
    days, meta = a.load()
    assert days[D2].entry.pain == 7
    assert meta.episodes == [Episode(D2)]


def test_loaded_data_is_a_copy(store):
    store.update_day(D2, set_pain(1))
    store.update_meta(lambda m: dataclasses.replace(m, episodes=[Episode(D2)]))
    days, meta = store.load()
    days.clear()
    meta.episodes.clear()
    store.load_year(2026).clear()
    assert set(store.load()[0]) == {D2}
    assert store.load_meta().episodes == [Episode(D2)]


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_files_are_0600_and_the_dir_0700(data, clock, umask):
    old = os.umask(umask)
    try:
        store = Store(data, clock=clock)
        store.update_day(D2, set_pain(1))
        clock.next_day()
        store.update_day(D1, set_pain(1))  # second day: a backup is made too
    finally:
        os.umask(old)
    assert mode(data) == 0o700
    files = [p for p in data.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {
        "journal-meta.json",
        "journal-2026.json",
        "journal-2025.json",
        ".lock",
    }
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    assert {mode(p) for p in data.rglob("*") if p.is_dir()} == {0o700}
    assert store.check() == []


def test_update_meta_validates_and_sorts_episodes(store, data):
    meta = store.update_meta(
        lambda m: dataclasses.replace(m, episodes=[Episode(D3), Episode(D1, D2)])
    )
    assert meta.episodes == [Episode(D1, D2), Episode(D3)]
    before = fingerprint(data)
    with pytest.raises(ShapeError):
        store.update_meta(lambda m: dataclasses.replace(m, episodes=[Episode(D1), Episode(D3)]))
    with pytest.raises(ShapeError):
        store.update_meta(
            lambda m: dataclasses.replace(m, exercises=[custom_exercise(), custom_exercise()])
        )
    assert fingerprint(data) == before
    assert Store(data).load_meta().episodes == [Episode(D1, D2), Episode(D3)]


def test_update_meta_sees_the_other_stores_change(data):
    a, b = Store(data), Store(data)
    a.update_meta(lambda m: dataclasses.replace(m, episodes=[Episode(D1, D2)]))
    b.update_meta(lambda m: dataclasses.replace(m, exercises=[custom_exercise()]))
    meta = a.update_meta(lambda m: dataclasses.replace(m, episodes=[*m.episodes, Episode(D3)]))
    assert meta.exercises == [custom_exercise()]
    assert Store(data).load_meta() == meta


def test_replace_all_makes_the_journal_exactly_that(store, data):
    store.update_day(date(2019, 6, 1), set_pain(4))
    store.update_day(D2, set_pain(4))
    days = {D1: entry_day(D1, 2), D3: entry_day(D3, 5, ("walk",))}
    store.replace_all(days, full_meta())
    assert Store(data).load() == (days, full_meta())
    assert not (data / "journal-2019.json").exists()
    assert any(b.kind == "before-import" for b in store.backups())


def test_replace_all_validates_everything_before_writing(store, data):
    store.update_day(D2, set_pain(4))
    before = fingerprint(data)
    bad_day = Day(date=D3, entry=Entry(pain=12))
    with pytest.raises(ShapeError):
        store.replace_all({D1: entry_day(D1), D3: bad_day}, JournalMeta())
    with pytest.raises(ShapeError):
        store.replace_all({D1: entry_day(D3)}, JournalMeta())
    with pytest.raises(ShapeError):
        store.replace_all({D1: entry_day(D1)}, JournalMeta(episodes=[Episode(D1), Episode(D2)]))
    assert fingerprint(data) == before


def test_replace_all_into_an_empty_journal_then_empty_days_are_skipped(store, data):
    store.replace_all({D1: Day(date=D1), D2: entry_day(D2)}, JournalMeta())
    assert set(Store(data).load()[0]) == {D2}
    assert not (data / "journal-2025.json").exists()


def test_is_empty_counts_meta_too(store):
    store.update_meta(lambda m: dataclasses.replace(m, exercises=[custom_exercise()]))
    assert not store.is_empty()
