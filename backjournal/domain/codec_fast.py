"""Fast decoding of stored days: the same checks as the codec, inline, returning None on doubt."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

from backjournal.domain.dates import EARLIEST, LATEST
from backjournal.domain.models import NOTES_MAX, Day, Entry, Tick
from backjournal.domain.vocab import AREAS, RED_FLAGS, TICK_SIDES

# Fast decoding of stored days. Loading ten years means ~3,650 days and ~40,000 ticks, so the
# checks above (a function call and an f-string per field) dominated the load. The fast path
# below makes exactly the same checks inline and builds no message; on any doubt it returns
# None and the checked path runs, which raises the precise ShapeError (or, for shapes the fast
# path is merely unsure of, such as subclasses, returns the same value). Types are compared
# with `type(x) is int`, so True/1.0 never pass as 1.

_AREA_SET = frozenset(AREAS)
_RED_FLAG_SET = frozenset(RED_FLAGS)
_TICK_SIDE_SET = frozenset(TICK_SIDES)
_NO_TICKS: list[Any] = []  # default for a missing "ticks" key; never mutated
# Ticks are frozen and repeat endlessly (same exercise, same dose), so identical ones are shared.
_TICK_POOL: dict[tuple[Any, ...], Tick] = {}
_TICK_POOL_MAX = 4096
# A day's "ticks" list, by its key -> its ticks, as a read-only mapping that every day with that
# list shares (ten years hold a few dozen distinct lists, not 3,650 dicts).
_TICK_LISTS: dict[Hashable, Mapping[str, Tick]] = {}
TicksKey = Callable[[list[Any]], Hashable]
"""Names a raw "ticks" list: equal keys only for equal JSON, types included (True is not 1).

Storage passes its JSON serialiser (bytes); it may raise TypeError for what is not JSON data.
"""
_NO_TICK_MAP: Mapping[str, Tick] = MappingProxyType({})


def _words_ok(value: Any, allowed: frozenset[str] | None) -> bool:
    if type(value) is not list:
        return False
    for word in value:
        if type(word) is not str or (allowed is not None and word not in allowed):
            return False
    return True


def entry_fast(doc: Any) -> Entry | None:
    if type(doc) is not dict:
        return None
    get = doc.get
    pain, worst, sleep, mood = get("pain"), get("worst"), get("sleep"), get("mood")
    if (
        type(pain) is not int
        or not 0 <= pain <= 10
        or not (worst is None or (type(worst) is int and 0 <= worst <= 10))
        or not (sleep is None or (type(sleep) is int and 0 <= sleep <= 10))
        or not (mood is None or (type(mood) is int and 0 <= mood <= 10))
    ):
        return None
    notes, rest = get("notes", ""), get("rest", False)
    if type(notes) is not str or len(notes) > NOTES_MAX or type(rest) is not bool:
        return None
    # Lists: a missing key reads as empty; an empty list is (); anything else falsy is a bad shape.
    areas, tags, flags = (
        get("areas", _NO_TICKS),
        get("tags", _NO_TICKS),
        get("red_flags", _NO_TICKS),
    )
    if areas:
        if not _words_ok(areas, _AREA_SET):
            return None
    elif type(areas) is not list:
        return None
    if tags:
        if not _words_ok(tags, None):
            return None
    elif type(tags) is not list:
        return None
    if flags:
        if not _words_ok(flags, _RED_FLAG_SET):
            return None
    elif type(flags) is not list:
        return None
    return Entry(pain, worst, tuple(areas), sleep, mood, notes, tuple(tags), tuple(flags), rest)


def tick_fast(doc: Any) -> Tick | None:
    if type(doc) is not dict:
        return None
    get = doc.get
    exercise, sets, reps, hold_s, side = (
        get("exercise"),
        get("sets"),
        get("reps"),
        get("hold_s"),
        get("side"),
    )
    overridden, stopped, pain_during = (
        get("overridden", False),
        get("stopped", False),
        get("pain_during"),
    )
    if (
        type(exercise) is not str
        or not (sets is None or (type(sets) is int and 1 <= sets <= 100))
        or not (reps is None or (type(reps) is int and 1 <= reps <= 1000))
        or not (hold_s is None or (type(hold_s) is int and 1 <= hold_s <= 3600))
        or not (side is None or (type(side) is str and side in _TICK_SIDE_SET))
        or type(overridden) is not bool
        or type(stopped) is not bool
        or not (pain_during is None or (type(pain_during) is int and 0 <= pain_during <= 10))
    ):
        return None
    key = (exercise, sets, reps, hold_s, side, overridden, stopped, pain_during)
    tick = _TICK_POOL.get(key)
    if tick is None:
        if len(_TICK_POOL) >= _TICK_POOL_MAX:
            _TICK_POOL.clear()
        tick = _TICK_POOL[key] = Tick(
            exercise, sets, reps, hold_s, side, overridden, stopped, pain_during
        )
    return tick


def _ticks_fast(raw_ticks: list[Any]) -> dict[str, Tick] | None:
    ticks: dict[str, Tick] = {}
    for raw in raw_ticks:
        tick = tick_fast(raw)
        if tick is None or tick.exercise in ticks:
            return None
        ticks[tick.exercise] = tick
    return ticks


def day_fast(doc: Any, ticks_key: TicksKey | None = None) -> Day | None:
    """The day, or None on any doubt; with `ticks_key`, equal tick lists are decoded once."""
    if type(doc) is not dict:
        return None
    iso = doc.get("date")
    if type(iso) is not str:
        return None
    try:
        when = date.fromisoformat(iso)
    except ValueError:
        return None
    if not EARLIEST <= when <= LATEST:
        return None
    raw_entry = doc.get("entry")
    entry = None
    if raw_entry is not None:
        entry = entry_fast(raw_entry)
        if entry is None:
            return None
    raw_ticks = doc.get("ticks", _NO_TICKS)
    if type(raw_ticks) is not list:
        return None
    raw_sessions = doc.get("sessions")
    if raw_sessions is not None:
        return _with_sessions(doc, raw_sessions, ticks_key)
    if not raw_ticks:
        return Day(when, entry, _NO_TICK_MAP)
    if ticks_key is None:
        ticks = _ticks_fast(raw_ticks)
        return None if ticks is None else Day(when, entry, ticks)
    # Most days repeat an earlier day's ticks exactly (the same routines, the same doses): the
    # list's key (its JSON bytes, from storage) names its checked ticks.
    try:
        key = ticks_key(raw_ticks)
    except TypeError:  # not JSON data at all (orjson's JSONEncodeError is a TypeError)
        return None
    known = _TICK_LISTS.get(key)
    if known is None:
        ticks = _ticks_fast(raw_ticks)
        if ticks is None:
            return None
        if len(_TICK_LISTS) >= _TICK_POOL_MAX:
            _TICK_LISTS.clear()
        known = _TICK_LISTS[key] = MappingProxyType(ticks)
    return Day(when, entry, known)


def _with_sessions(
    doc: dict[str, Any], raw_sessions: Any, ticks_key: TicksKey | None
) -> Day | None:
    """A day holding guided sessions: the rest decoded fast, the sessions by their checked codec."""
    from backjournal.domain.codec import ShapeError
    from backjournal.domain.session_codec import sessions_from_list

    plain = day_fast({k: v for k, v in doc.items() if k != "sessions"}, ticks_key)
    if plain is None:
        return None
    try:
        sessions = sessions_from_list(raw_sessions, "sessions")
    except ShapeError:
        return None  # the checked path names the problem
    return Day(plain.date, plain.entry, plain.ticks, sessions)
