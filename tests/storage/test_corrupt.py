"""Corrupt, wrongly shaped or too-new data: refuse with JournalUnusable, never overwrite, never start afresh."""

from __future__ import annotations

import json
from datetime import date

import orjson
import pytest
from storage_helpers import add_tick, fingerprint, set_pain

from backjournal.domain.codec import SCHEMA_VERSION
from backjournal.domain.models import Episode
from backjournal.storage import JournalUnusable, Store, schema

D = date(2026, 3, 5)
GOOD_DAY = {"date": "2026-03-05", "entry": {"pain": 3}, "ticks": []}


def day_doc(iso: str, **entry) -> dict:
    return {"date": iso, "entry": {"pain": 3, **entry}, "ticks": []}


YEAR_CORRUPTIONS = {
    "truncated": lambda good: good[: len(good) // 2],
    "nul bytes": lambda good: b"\x00" * len(good),
    "nul inside": lambda good: good[:10] + b"\x00" + good[11:],
    "empty file": lambda good: b"",
    "not json": lambda good: b"hello",
    "top level list": lambda good: b"[]",
    "table is a list": lambda good: b'{"days": []}',
    "doc is a string": lambda good: b'{"days": {"1": "2026-03-05"}}',
    "pain out of range": lambda good: orjson.dumps({"days": {"1": day_doc("2026-03-05", pain=11)}}),
    "unknown area": lambda good: orjson.dumps(
        {"days": {"1": day_doc("2026-03-05", areas=["toe"])}}
    ),
    "bad date": lambda good: orjson.dumps({"days": {"1": day_doc("2026-02-30")}}),
    "wrong year": lambda good: orjson.dumps({"days": {"1": day_doc("2025-03-05")}}),
    "duplicate dates": lambda good: orjson.dumps({"days": {"1": GOOD_DAY, "2": GOOD_DAY}}),
    "colliding doc ids": lambda good: orjson.dumps(
        {"days": {"1": GOOD_DAY, "01": day_doc("2026-03-06")}}
    ),
    "non-numeric doc id": lambda good: orjson.dumps({"days": {"x": GOOD_DAY}}),
    "tick twice": lambda good: orjson.dumps(
        {
            "days": {
                "1": {
                    "date": "2026-03-05",
                    "entry": None,
                    "ticks": [{"exercise": "walk"}, {"exercise": "walk"}],
                }
            }
        }
    ),
}


@pytest.fixture
def journal(store, data):
    store.update_day(D, add_tick("walk"))
    store.update_day(D, set_pain(2))
    store.update_day(date(2025, 1, 1), set_pain(2))
    return store


@pytest.mark.parametrize("name", YEAR_CORRUPTIONS)
def test_corrupt_year_file_is_refused_and_left_byte_identical(journal, data, name):
    path = data / "journal-2026.json"
    path.write_bytes(YEAR_CORRUPTIONS[name](path.read_bytes()))
    before = fingerprint(data)
    for attempt in (
        lambda: Store(data).load(),
        lambda: Store(data).load_year(2026),
        lambda: journal.load(),
        lambda: journal.update_day(D, set_pain(5)),
        lambda: journal.update_day(date(2026, 3, 9), set_pain(5)),
        lambda: journal.replace_all({}, journal.load_meta()),
    ):
        with pytest.raises(JournalUnusable) as caught:
            attempt()
        assert caught.value.path == path
        assert str(caught.value).startswith(f"{path}: ")
        assert caught.value.hint
    assert fingerprint(data) == before
    problems = journal.check()
    assert any(line.startswith(str(path)) for line in problems), problems
    # other years stay usable
    assert set(journal.load_year(2025)) == {date(2025, 1, 1)}


META_CORRUPTIONS = {
    "truncated": lambda good: good[:-3],
    "no schema": lambda good: orjson.dumps({"meta": {"1": {}}}),
    "two meta docs": lambda good: orjson.dumps({"meta": {"1": {"schema": 1}, "2": {"schema": 1}}}),
    "schema not a number": lambda good: orjson.dumps({"meta": {"1": {"schema": "1"}}}),
    "overlapping episodes": lambda good: orjson.dumps(
        {
            "meta": {"1": {"schema": 1}},
            "episodes": {"1": {"start": "2026-01-01"}, "2": {"start": "2026-02-01"}},
        }
    ),
    "bad exercise": lambda good: orjson.dumps(
        {"meta": {"1": {"schema": 1}}, "exercises": {"1": {"id": "x"}}}
    ),
    "bad routines flag": lambda good: orjson.dumps(
        {"meta": {"1": {"schema": 1, "routines_custom": "yes"}}}
    ),
}


@pytest.mark.parametrize("name", META_CORRUPTIONS)
def test_corrupt_meta_file_is_refused_and_left_byte_identical(journal, data, name):
    path = data / "journal-meta.json"
    path.write_bytes(META_CORRUPTIONS[name](path.read_bytes()))
    before = fingerprint(data)
    for attempt in (
        lambda: Store(data).load(),
        lambda: Store(data).load_meta(),
        lambda: journal.update_day(D, set_pain(5)),
        lambda: journal.update_meta(lambda m: m),
    ):
        with pytest.raises(JournalUnusable) as caught:
            attempt()
        assert caught.value.path == path
    assert fingerprint(data) == before
    assert any(line.startswith(str(path)) for line in journal.check())


def test_newer_schema_is_refused_with_upgrade_advice(journal, data):
    path = data / "journal-meta.json"
    path.write_bytes(
        orjson.dumps({"meta": {"1": {"schema": SCHEMA_VERSION + 1}}, "future": {"1": {"x": 1}}})
    )
    before = fingerprint(data)
    for attempt in (
        lambda: Store(data).load(),
        lambda: Store(data).load_year(2026),
        lambda: journal.update_day(D, set_pain(5)),
        lambda: journal.update_meta(lambda m: m),
    ):
        with pytest.raises(JournalUnusable, match="newer backjournal") as caught:
            attempt()
        assert "upgrade" in str(caught.value)
        assert caught.value.path == path
    assert fingerprint(data) == before
    assert any("schema" in line for line in journal.check())
    lines = journal.repair()
    assert fingerprint(data) == before
    assert any("upgrade" in line for line in lines)


def test_unreadable_file_is_refused(journal, data):
    (data / "journal-2024.json").mkdir()
    with pytest.raises(JournalUnusable, match="cannot be read"):
        Store(data).load()


def test_a_corrupt_file_is_never_replaced_by_an_empty_journal(journal, data):
    path = data / "journal-2026.json"
    path.write_bytes(b"\x00" * 100)
    with pytest.raises(JournalUnusable):
        journal.update_day(date(2026, 12, 1), set_pain(1))
    assert path.read_bytes() == b"\x00" * 100


def test_check_reports_duplicate_json_keys(journal, data):
    path = data / "journal-2026.json"
    path.write_bytes(
        b'{"days": {"1": %s, "1": %s}}'
        % (orjson.dumps(GOOD_DAY), orjson.dumps(day_doc("2026-03-06")))
    )
    assert any("appears twice" in line and line.startswith(str(path)) for line in journal.check())


def test_check_reports_a_missing_meta_file_and_the_journal_is_not_used_without_it(journal, data):
    (data / "journal-meta.json").unlink()
    assert any(line.startswith(str(data / "journal-meta.json")) for line in journal.check())
    before = fingerprint(data)
    with pytest.raises(JournalUnusable, match="is missing"):
        Store(data).load()
    with pytest.raises(JournalUnusable, match="is missing"):
        journal.update_day(D, set_pain(9))
    assert fingerprint(data) == before


def test_check_is_empty_for_a_healthy_journal(journal):
    assert journal.check() == []


# Migrations: a v0 layout defined here, migrated by a step registered only for the test.


def v0_to_v1(files: dict) -> dict:
    """v0 kept pain at the top of each day and ticks as a list of exercise ids."""
    out = {}
    for name, tables in files.items():
        if name == "journal-meta.json":
            out[name] = {"meta": tables["meta"], "episodes": tables["flares"]}
        else:
            out[name] = {
                "days": {
                    key: {
                        "date": doc["date"],
                        "entry": {"pain": doc["pain"]},
                        "ticks": [{"exercise": t} for t in doc["done"]],
                    }
                    for key, doc in tables["days"].items()
                }
            }
    return out


def write_v0(data):
    data.mkdir(mode=0o700)
    (data / "journal-meta.json").write_bytes(
        orjson.dumps(
            {"meta": {"1": {"schema": 0}}, "flares": {"1": {"start": "2026-01-10", "end": None}}}
        )
    )
    (data / "journal-2026.json").write_bytes(
        orjson.dumps({"days": {"1": {"date": "2026-03-05", "pain": 4, "done": ["walk"]}}})
    )
    return fingerprint(data)


def test_older_schema_is_backed_up_then_migrated(data, store, monkeypatch):
    monkeypatch.setitem(schema.MIGRATIONS, 0, v0_to_v1)
    original = write_v0(data)
    days, meta = store.load()
    assert days[D].entry.pain == 4 and set(days[D].ticks) == {"walk"}
    assert meta.episodes == [Episode(date(2026, 1, 10))]
    stored = orjson.loads((data / "journal-meta.json").read_bytes())
    assert stored["meta"]["1"]["schema"] == SCHEMA_VERSION
    (backup,) = store.backups()
    assert backup.kind == "before-migration"
    assert fingerprint(backup.path) == original
    assert store.check() == []
    store.update_day(D, add_tick("bridge"))  # and it is writable afterwards
    assert set(Store(data).load()[0][D].ticks) == {"walk", "bridge"}


def test_older_schema_is_migrated_before_a_write_too(data, store, monkeypatch):
    monkeypatch.setitem(schema.MIGRATIONS, 0, v0_to_v1)
    write_v0(data)
    store.update_day(D, add_tick("bridge"))
    assert set(Store(data).load()[0][D].ticks) == {"walk", "bridge"}


def test_older_schema_without_a_migration_is_refused_untouched(data, store):
    original = write_v0(data)
    with pytest.raises(JournalUnusable, match="cannot migrate"):
        store.load()
    with pytest.raises(JournalUnusable):
        store.update_day(D, set_pain(1))
    assert fingerprint(data) == original


def test_a_migration_producing_bad_data_is_refused_untouched(data, store, monkeypatch):
    def broken(files):
        out = v0_to_v1(files)
        out["journal-2026.json"]["days"]["1"]["entry"]["pain"] = 99
        return out

    monkeypatch.setitem(schema.MIGRATIONS, 0, broken)
    original = write_v0(data)
    with pytest.raises(JournalUnusable, match="migrating from schema 0"):
        store.load()
    assert fingerprint(data) == original


def test_a_migration_that_crashes_is_refused_untouched(data, store, monkeypatch):
    monkeypatch.setitem(schema.MIGRATIONS, 0, lambda files: files["nope"])
    original = write_v0(data)
    with pytest.raises(JournalUnusable, match="migrating from schema 0 failed"):
        store.load()
    assert fingerprint(data) == original


# Repair: move unusable files aside, never delete.


def test_repair_moves_a_corrupt_file_aside_and_points_at_a_backup(journal, data, clock):
    clock.next_day()
    journal.update_day(date(2026, 3, 6), set_pain(1))  # takes the daily backup of the good journal
    path = data / "journal-2026.json"
    path.write_bytes(b'{"days": {"1": ')
    lines = journal.repair()
    aside = data / f"journal-2026.json.corrupt-{clock.now:%Y%m%d-%H%M%S}"
    assert aside.read_bytes() == b'{"days": {"1": '
    assert not path.exists()
    assert any(str(path) in line and aside.name in line for line in lines)
    assert any(
        "newest good backup" in line and str(data / "backups" / "2026-05-05") in line
        for line in lines
    )
    assert set(journal.load()[0]) == {date(2025, 1, 1)}  # usable again
    assert journal.check() == []


def test_repair_twice_in_a_second_keeps_both_files(journal, data):
    path = data / "journal-2026.json"
    path.write_bytes(b"x")
    journal.repair()
    path.write_bytes(b"y")
    journal.repair()
    assert sorted(p.read_bytes() for p in data.glob("journal-2026.json.corrupt-*")) == [b"x", b"y"]


def test_repair_fixes_modes_and_stale_temps(journal, data):
    (data / "journal-2026.json").chmod(0o644)
    temp = data / ".journal-2026.json.tmp-12345-deadbeef"
    temp.write_bytes(b"half")
    assert len(journal.check()) == 2
    lines = journal.repair()
    assert len(lines) == 2 and not temp.exists()
    assert journal.check() == []
    assert journal.repair() == []


def test_repair_of_a_journal_that_cannot_be_migrated_moves_nothing(data, store):
    original = write_v0(data)
    lines = store.repair()
    assert any("nothing was moved" in line for line in lines)
    assert fingerprint(data) == original


def test_json_duplicate_key_check_is_not_fooled_by_strings():
    from backjournal.storage.tinyfile import duplicate_key as _duplicate_key

    assert _duplicate_key(json.dumps({"a": '"a": 1'}).encode()) is None
    assert _duplicate_key(b'{"a": {"b": 1, "b": 2}}') == "b"
