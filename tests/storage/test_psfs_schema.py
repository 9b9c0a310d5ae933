"""PSFS in journal-meta.json: schema 2, the 1 -> 2 migration (backed up first), and validation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import orjson
import pytest
from storage_helpers import fingerprint, set_pain

from backjournal.domain import psfs as rules
from backjournal.domain.codec import SCHEMA_VERSION
from backjournal.domain.models import Episode, JournalMeta, Psfs
from backjournal.storage import JournalNotEmpty, JournalUnusable, Store

D = date(2026, 3, 5)


def with_psfs(meta: JournalMeta) -> JournalMeta:
    psfs = Psfs()
    for name in ("socks", "sitting", "kettle"):
        psfs = rules.add_activity(psfs, name)
    psfs = rules.retire_activity(rules.rate(psfs, D, [2, 3, 4]), "2")
    psfs = rules.rate(rules.add_activity(psfs, "stairs"), date(2026, 3, 12), [5, 6, 7])
    return replace(meta, psfs=psfs)


def write_v1(data) -> dict[str, bytes]:
    """A schema-1 journal as the released version wrote it."""
    data.mkdir(mode=0o700)
    meta = {
        "meta": {"1": {"schema": 1, "routines_custom": False}},
        "episodes": {"1": {"start": "2026-02-20", "end": None}},
        "exercises": {},
        "routines": {},
    }
    (data / "journal-meta.json").write_bytes(orjson.dumps(meta))
    (data / "journal-2026.json").write_bytes(
        orjson.dumps({"days": {"1": {"date": "2026-03-05", "entry": {"pain": 4}, "ticks": []}}})
    )
    return fingerprint(data)


def meta_tables(data) -> dict:
    return orjson.loads((data / "journal-meta.json").read_bytes())


def test_schema_is_version_2():
    assert SCHEMA_VERSION == 2


def test_v1_journal_is_backed_up_then_migrated_keeping_everything(data, store):
    original = write_v1(data)
    days, meta = store.load()
    assert days[D].entry.pain == 4
    assert meta.episodes == [Episode(date(2026, 2, 20))] and meta.psfs == Psfs()
    tables = meta_tables(data)
    assert tables["meta"]["1"] == {"schema": 2, "routines_custom": False}
    assert tables["psfs_activities"] == {} and tables["psfs_ratings"] == {}
    assert tables["episodes"] == {"1": {"start": "2026-02-20", "end": None}}
    (backup,) = store.backups()
    assert backup.kind == "before-migration" and fingerprint(backup.path) == original
    assert store.check() == []


def test_v1_journal_is_migrated_before_a_psfs_write(data, store):
    write_v1(data)
    store.update_meta(with_psfs)
    assert Store(data).load_meta().psfs == with_psfs(JournalMeta()).psfs
    assert Store(data).load()[0][D].entry.pain == 4


def test_migration_keeps_keys_it_does_not_know(data, store):
    """Additive: another schema-2 change (say red-flag clearances) may share the version."""
    write_v1(data)
    tables = meta_tables(data)
    tables["meta"]["1"]["something_else"] = [1, 2]
    tables["clearances"] = {"1": {"date": "2026-03-01"}}
    (data / "journal-meta.json").write_bytes(orjson.dumps(tables))
    store.load()
    after = meta_tables(data)
    assert after["meta"]["1"]["something_else"] == [1, 2]
    assert after["clearances"] == {"1": {"date": "2026-03-01"}}


def test_a_schema_2_file_without_psfs_tables_reads_as_no_psfs(data, store):
    data.mkdir(mode=0o700)
    (data / "journal-meta.json").write_bytes(orjson.dumps({"meta": {"1": {"schema": 2}}}))
    assert store.load_meta().psfs == Psfs()
    store.update_day(D, set_pain(3))
    assert store.load_meta().psfs == Psfs()


def test_psfs_round_trips_through_the_store_and_is_kept_by_other_meta_writes(data, store):
    store.update_meta(with_psfs)
    store.update_meta(lambda m: replace(m, episodes=[Episode(date(2026, 1, 1), date(2026, 1, 9))]))
    store.update_day(D, set_pain(2))
    meta = Store(data).load_meta()
    assert meta.psfs == with_psfs(JournalMeta()).psfs
    assert [a.retired for a in meta.psfs.activities] == [False, True, False, False]


def test_psfs_counts_as_content_for_import_and_demo(data, store):
    assert store.is_empty()
    store.update_meta(with_psfs)
    assert not store.is_empty()
    with pytest.raises(JournalNotEmpty):
        store.replace_all({}, JournalMeta(), require_empty=True)


@pytest.mark.parametrize(
    "tables",
    [
        {"psfs_activities": {"1": {"id": "1", "name": "a\x1b[2J"}}},
        {
            "psfs_activities": {"1": {"id": "1", "name": "a"}},
            "psfs_ratings": {"1": {"date": "2026-03-05", "scores": {"7": 3}}},
        },
        {
            "psfs_activities": {"1": {"id": "1", "name": "a"}},
            "psfs_ratings": {"1": {"date": "2026-03-05", "scores": {"1": 12}}},
        },
        {"psfs_activities": {"1": {"id": "1", "name": "a"}, "2": {"id": "1", "name": "b"}}},
        {"psfs_activities": {"1": "socks"}},
    ],
)
def test_a_wrongly_shaped_psfs_table_makes_the_journal_unusable_and_untouched(data, store, tables):
    data.mkdir(mode=0o700)
    (data / "journal-meta.json").write_bytes(orjson.dumps({"meta": {"1": {"schema": 2}}, **tables}))
    before = fingerprint(data)
    with pytest.raises(JournalUnusable, match="psfs"):
        store.load()
    with pytest.raises(JournalUnusable):
        store.update_meta(with_psfs)
    assert fingerprint(data) == before


def test_a_bad_psfs_value_is_refused_before_anything_is_written(data, store):
    store.update_day(D, set_pain(2))
    before = fingerprint(data)
    bad = Psfs(activities=(rules.PsfsActivity("1", "a\nb"),))
    with pytest.raises(ValueError):
        store.update_meta(lambda m: replace(m, psfs=bad))
    assert fingerprint(data) == before
