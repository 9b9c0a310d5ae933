"""Guided sessions on disk (issue 11): kept with their day, never dropped by a rewrite of it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import orjson

from backjournal.domain.models import DONE, Day, Entry, GuidedItem, GuidedSession, Tick
from backjournal.storage import Store

D = date(2026, 5, 4)
SESSION = GuidedSession(
    datetime(2026, 5, 4, 21, 0), datetime(2026, 5, 4, 21, 12), (GuidedItem("bridge", DONE),), 3
)


def with_session(day: Day) -> Day:
    return replace(day, ticks={"bridge": Tick("bridge")}, sessions=(SESSION,))


def test_a_day_rebuilt_from_entry_and_ticks_alone_keeps_its_sessions(store, data):
    store.update_day(D, with_session)
    # The shape of older code: Day(date, entry, ticks), which knows nothing of sessions.
    stored = store.update_day(D, lambda d: Day(d.date, Entry(pain=4), d.ticks))
    assert stored.sessions == (SESSION,) and stored.entry.pain == 4
    assert Store(data).load_year(2026)[D].sessions == (SESSION,)


def test_only_replace_sessions_removes_one(store, data):
    store.update_day(D, with_session)
    store.update_day(D, lambda d: replace(d, sessions=()), replace_sessions=True)
    assert Store(data).load_year(2026)[D].sessions == ()


def test_a_day_with_only_a_session_is_stored_and_the_key_is_absent_otherwise(store, data):
    store.update_day(D, lambda d: replace(d, sessions=(SESSION,)))
    store.update_day(date(2026, 5, 5), lambda d: replace(d, entry=Entry(pain=2)))
    docs = orjson.loads((data / "journal-2026.json").read_bytes())["days"]
    by_date = {doc["date"]: doc for doc in docs.values()}
    assert by_date["2026-05-04"]["sessions"][0]["start"] == "2026-05-04T21:00:00"
    assert "sessions" not in by_date["2026-05-05"]
    assert store.check() == []
