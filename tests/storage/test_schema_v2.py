"""Schema 2 (issue 10, item 2): red-flag clearances in journal-meta.json, and the 1 -> 2 migration."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import orjson
import pytest
from storage_helpers import fingerprint

from backjournal.domain.codec import SCHEMA_VERSION
from backjournal.domain.models import Clearance, Episode
from backjournal.storage import JournalUnusable, Store

D = date(2026, 3, 5)


def write_v1(data):
    """A journal as schema 1 wrote it: no clearances table."""
    data.mkdir(mode=0o700)
    (data / "journal-meta.json").write_bytes(
        orjson.dumps(
            {
                "meta": {"1": {"schema": 1, "routines_custom": False}},
                "episodes": {"1": {"start": "2026-03-01", "end": None}},
                "exercises": {},
                "routines": {},
            }
        )
    )
    (data / "journal-2026.json").write_bytes(
        orjson.dumps(
            {"days": {"1": {"date": "2026-03-05", "entry": {"pain": 4, "red_flags": ["fever"]}}}}
        )
    )
    return fingerprint(data)


def test_schema_is_2():
    assert SCHEMA_VERSION == 2


def test_a_schema_1_journal_is_backed_up_then_migrated_keeping_everything(data, store):
    original = write_v1(data)
    days, meta = store.load()
    assert days[D].entry.red_flags == ("fever",) and days[D].entry.pain == 4
    assert meta.episodes == [Episode(date(2026, 3, 1))] and meta.clearances == []
    stored = orjson.loads((data / "journal-meta.json").read_bytes())
    assert stored["meta"]["1"]["schema"] == 2
    assert stored["clearances"] == {}
    (backup,) = store.backups()
    assert backup.kind == "before-migration" and fingerprint(backup.path) == original
    assert store.check() == []


def test_clearances_are_stored_with_the_journal(data, store):
    write_v1(data)
    cleared = Clearance(date(2026, 3, 7), "seen by the GP")
    store.update_meta(lambda m: replace(m, clearances=[cleared]))
    fresh = Store(data).load_meta()
    assert fresh.clearances == [cleared]
    assert fresh.episodes == [Episode(date(2026, 3, 1))]  # the rest of the meta is kept
    assert not Store(data).is_empty()


def test_a_journal_holding_only_a_clearance_is_not_empty(data, store):
    store.update_meta(lambda m: replace(m, clearances=[Clearance(D)]))
    assert not store.is_empty()


@pytest.mark.parametrize(
    "clearances",
    [
        {"1": {"date": "2026-03-07"}, "2": {"date": "2026-03-07"}},
        {"1": {"date": "2026-02-30"}},
        {"1": {"date": "2026-03-07", "note": 5}},
        {"1": "2026-03-07"},
    ],
)
def test_a_wrongly_shaped_clearance_is_refused_untouched(data, store, clearances):
    data.mkdir(mode=0o700)
    meta = {"meta": {"1": {"schema": 2}}, "clearances": clearances}
    (data / "journal-meta.json").write_bytes(orjson.dumps(meta))
    before = fingerprint(data)
    with pytest.raises(JournalUnusable, match="clearance"):
        store.load()
    assert fingerprint(data) == before
