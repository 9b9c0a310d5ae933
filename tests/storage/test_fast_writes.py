"""The write fast path: one document replaced, the file composed from kept bytes, exactly as orjson writes it."""

from __future__ import annotations

from datetime import date, timedelta

import orjson
import pytest

from backjournal.domain.models import Day, Entry, Tick
from backjournal.storage import Store, StoreWriteError, tinyfile
from backjournal.storage.tinyfile import compose

D = date(2026, 3, 5)


def test_compose_is_byte_for_byte_orjson():
    tables = {
        "days": {
            str(i): {
                "date": f"2026-01-{i:02d}",
                "entry": {"pain": i % 11, "notes": 'é "q" \n'},
                "ticks": [],
            }
            for i in range(1, 30)
        },
        "other": {"1": {"x": [1, 2.5, None, True]}},
    }
    segments = {
        "days": {k: orjson.dumps(k) + b":" + orjson.dumps(v) for k, v in tables["days"].items()}
    }
    assert compose(tables, segments) == orjson.dumps(tables)
    assert compose(tables, {}) == orjson.dumps(tables)


def fill(store: Store, days: int) -> None:
    for n in range(days):
        store.update_day(
            D + timedelta(days=n),
            lambda d, n=n: Day(d.date, Entry(pain=n % 10), {"walk": Tick("walk", 1)}),
        )


def test_repeated_writes_leave_the_file_as_orjson_would_write_it(data):
    store = Store(data)
    fill(store, 20)
    path = data / "journal-2026.json"
    for n in range(12):  # the first write serialises the file whole, later ones compose it
        day = D + timedelta(days=n % 5)
        store.update_day(
            day, lambda d, n=n: Day(d.date, Entry(pain=n % 10, notes=f"note {n}"), d.ticks)
        )
        raw = path.read_bytes()
        assert raw == orjson.dumps(orjson.loads(raw))
    days = Store(data).load()[0]
    assert days == store.load()[0]
    assert days[D + timedelta(days=1)].entry.notes == "note 11"


def test_a_failed_fast_write_keeps_the_file_and_the_cache(data, monkeypatch):
    store = Store(data)
    fill(store, 5)
    store.update_day(D, lambda d: Day(d.date, Entry(pain=1), d.ticks))
    before = (data / "journal-2026.json").read_bytes()

    def broken(target, payload):
        raise StoreWriteError(target, OSError(28, "No space left on device"))

    monkeypatch.setattr(tinyfile, "write_atomic", broken)
    with pytest.raises(StoreWriteError):
        store.update_day(D, lambda d: Day(d.date, Entry(pain=9), d.ticks))
    monkeypatch.undo()
    assert (data / "journal-2026.json").read_bytes() == before
    assert store.load()[0][D].entry.pain == 1
    store.update_day(D + timedelta(days=1), lambda d: Day(d.date, Entry(pain=4), d.ticks))
    assert Store(data).load()[0] == store.load()[0]
